"""The list of late dossiers of a window as XLSX (the office's worklist for apology letters).

Dates are real Excel dates shown dd/mm/yyyy, so that the list sorts and
filters in a spreadsheet. Streamed with openpyxl's write-only mode and
written to a temporary name first.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from cchc.domain.apology import NOT_IN_LEDGER, LateDossier
from cchc.domain.dossiers import Outcome
from cchc.domain.periods import DateWindow

__all__ = ["LateRow", "write_late_list"]

HEADERS = (
    ("STT", 6),
    ("Mã hồ sơ", 22),
    ("Mã TTHC", 12),
    ("Tên thủ tục hành chính", 40),
    ("Lĩnh vực", 18),
    ("Cơ quan giải quyết", 20),
    ("Cấp", 10),
    ("Người nộp", 24),
    ("Ngày tiếp nhận", 14),
    ("Ngày hẹn trả", 14),
    ("Ngày có kết quả", 14),
    ("Tình trạng", 26),
    ("Số ngày làm việc quá hạn", 12),
    ("Ngày hẹn trả mới", 14),
    ("Lý do quá hạn", 30),
    ("Tệp, dòng trong sổ", 30),
)


@dataclass(frozen=True, slots=True)
class LateRow:
    dossier: LateDossier
    working_days_late: int
    new_date: date


def write_late_list(path: Path, window: DateWindow, rows: Iterable[LateRow]) -> int:
    """Write the list; returns the number of dossiers listed."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ quá hạn")
    for index, (_, width) in enumerate(HEADERS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    title = WriteOnlyCell(sheet, f"DANH SÁCH HỒ SƠ QUÁ HẠN {window.label.upper()}")
    title.font = Font(name="Times New Roman", size=13, bold=True)
    sheet.append([title])
    header = []
    for name, _ in HEADERS:
        cell = WriteOnlyCell(sheet, name)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        header.append(cell)
    sheet.append(header)
    count = 0
    for count, row in enumerate(rows, start=1):
        d = row.dossier
        state = (
            "Đã giải quyết quá hạn"
            if d.outcome is Outcome.RESOLVED_LATE
            else "Đang giải quyết quá hạn"
        )
        values: list[object] = [
            count,
            d.dossier_id,
            d.procedure_code or "",
            d.procedure_name or "",
            d.field or "",
            d.agency or "",
            d.level.label if d.level else "",
            d.applicant or NOT_IN_LEDGER,
            d.received,
            d.due,
            d.finished,
            state,
            row.working_days_late,
            row.new_date,
            d.late_reason or "",
            f"{d.file}, dòng {d.row}" if d.row is not None else d.file,
        ]
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            cells.append(cell)
        sheet.append(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        book.save(tmp)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
