"""The list of late dossiers of a window as XLSX (the office's worklist for apology letters).

Dates are real Excel dates shown dd/mm/yyyy, so that the list sorts and
filters in a spreadsheet; printed, it is a bordered table one A4 landscape
page wide, its header row repeated on every page. Streamed with openpyxl's
write-only mode and written to a temporary name first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cchc.documents.appendix_xlsx import BOX, FONT
from cchc.documents.output import atomic_write
from cchc.documents.xlsx_print import print_landscape, row_height
from cchc.domain.apology import NOT_IN_LEDGER, LateDossier
from cchc.domain.dossiers import Outcome
from cchc.domain.periods import DateWindow

__all__ = ["LateRow", "write_late_list"]

# Widths in characters, narrow enough that the 16 columns print one A4 page wide
# (at about two thirds of the size); long names wrap in their cells.
HEADERS = (
    ("STT", 5),
    ("Mã hồ sơ", 18),
    ("Mã TTHC", 9),
    ("Tên thủ tục hành chính", 26),
    ("Lĩnh vực", 12),
    ("Cơ quan giải quyết", 13),
    ("Cấp", 9),
    ("Người nộp", 18),
    ("Ngày tiếp nhận", 11),
    ("Ngày hẹn trả", 11),
    ("Ngày có kết quả", 11),
    ("Tình trạng", 21),
    ("Số ngày làm việc quá hạn", 9),
    ("Ngày hẹn trả mới", 11),
    ("Lý do quá hạn", 18),
    ("Tệp, dòng trong sổ", 18),
)
_BODY_FONT = Font(name=FONT, size=11)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTER_TOP = Alignment(horizontal="center", vertical="top")


@dataclass(frozen=True, slots=True)
class LateRow:
    dossier: LateDossier
    working_days_late: int
    new_date: date


def write_late_list(path: Path, window: DateWindow, rows: Iterable[LateRow]) -> int:
    """Write the list; returns the number of dossiers listed."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ quá hạn")
    for index, (_, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    print_landscape(sheet, title_rows="2:2", freeze="C3")
    title = WriteOnlyCell(sheet, f"DANH SÁCH HỒ SƠ QUÁ HẠN {window.label.upper()}")
    title.font = Font(name=FONT, size=13, bold=True)
    sheet.append([title])
    header = []
    for name, _ in HEADERS:
        cell = WriteOnlyCell(sheet, name)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BOX
        header.append(cell)
    _append(sheet, 2, header, row_height(HEADERS, 11, bold=True))
    styles = {
        date: _style(sheet, _CENTER_TOP, "dd/mm/yyyy"),
        int: _style(sheet, _CENTER_TOP),
        str: _style(sheet, _WRAP_TOP),
    }
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
            # Shared style records: openpyxl's style setters hash each style object
            # on every call, which took most of the time of a 40.000-row list.
            cell._style = styles[type(value) if isinstance(value, (date, int)) else str]
            cells.append(cell)
        texts = [(v, w) for v, (_, w) in zip(values, HEADERS, strict=True) if isinstance(v, str)]
        _append(sheet, count + 2, cells, row_height(texts, 11))
    # A filter on the header row: the office sorts and narrows the list by agency or state.
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(HEADERS))}{count + 2}"
    atomic_write(path, book.save)
    return count


def _append(sheet: Any, index: int, cells: list[WriteOnlyCell], height: float | None) -> None:
    # LibreOffice keeps a row without a height at the default when it opens or
    # prints an XLSX, so wrapped lines overlap; an explicit height works everywhere.
    if height is not None:
        sheet.row_dimensions[index].height = height
    sheet.append(cells)
    sheet.row_dimensions.pop(index, None)  # written: keep memory flat on long lists


def _style(sheet: Any, alignment: Alignment, number_format: str | None = None) -> Any:
    """The style record of a bordered body cell, built once and shared by many cells."""
    cell = WriteOnlyCell(sheet)
    cell.font = _BODY_FONT
    cell.border = BOX
    cell.alignment = alignment
    if number_format:
        cell.number_format = number_format
    return cell._style
