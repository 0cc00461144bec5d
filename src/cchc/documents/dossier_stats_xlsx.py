"""A window's one-stop statistics as XLSX: one row per group, the total, the rows left out.

The table an office prints or pastes into its report: the same counts and
rates as ``cchc dossiers stats`` (and its JSON), under two header rows
("Đã giải quyết" over "Tổng số, Đúng hạn, Quá hạn"…), real numbers that sum
and sort, one column per grouping column so that the filter narrows by
agency or level. A second sheet lists every row left out with its file,
row and reason, for the unit to correct its ledger. Printed: A4 landscape,
one page wide, both header rows repeated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cchc.documents.appendix_xlsx import BOX, FONT, WRAP_CENTER, WRAP_LEFT
from cchc.documents.output import atomic_write
from cchc.documents.xlsx_print import print_landscape, row_height
from cchc.domain.dossiers import DossierStats
from cchc.domain.numbers import format_number

__all__ = ["FIGURES", "PROBLEM_SHEET", "STATS_SHEET", "StatsTable", "write_stats_xlsx"]

STATS_SHEET = "Thống kê"
PROBLEM_SHEET = "Dòng bị loại"
HEADER_ROW = 4  # the two header rows: 4 (groups) and 5 (their parts)
FIGURE_WIDTH = 9
RATE_WIDTH = 11


@dataclass(frozen=True, slots=True)
class Figure:
    group: str  # the upper header, shared by the figures of one group
    part: str | None  # the lower header; None: the group's header spans both rows
    name: str  # the DossierStats attribute shown
    rate: bool = False


FIGURES: tuple[Figure, ...] = (
    Figure("Tổng số hồ sơ", "Tổng số", "total"),
    Figure("Tổng số hồ sơ", "Kỳ trước chuyển qua", "carried_over"),
    Figure("Tổng số hồ sơ", "Tiếp nhận mới", "received"),
    Figure("Đã giải quyết", "Tổng số", "resolved"),
    Figure("Đã giải quyết", "Đúng hạn", "resolved_on_time"),
    Figure("Đã giải quyết", "Quá hạn", "resolved_late"),
    Figure("Đang giải quyết", "Tổng số", "pending"),
    Figure("Đang giải quyết", "Còn hạn", "pending_on_time"),
    Figure("Đang giải quyết", "Quá hạn", "pending_overdue"),
    Figure("Tạm dừng", None, "paused"),
    Figure("Trả lại", None, "returned"),
    Figure("Rút", None, "withdrawn"),
    Figure("DVC trực tuyến một phần", "Tiếp nhận", "partial_received"),
    Figure("DVC trực tuyến một phần", "Nộp trực tuyến", "partial_online"),
    Figure("DVC trực tuyến toàn trình", "Tiếp nhận", "full_received"),
    Figure("DVC trực tuyến toàn trình", "Nộp trực tuyến", "full_online"),
    Figure("Số hóa", "Thành phần hồ sơ", "digitised_input"),
    Figure("Số hóa", "Kết quả", "digitised_result"),
    Figure("Thanh toán trực tuyến", None, "paid_online"),
    Figure(
        "Tỷ lệ đúng hạn (%)",
        "Trên số đã giải quyết",
        "on_time_rate_resolved",
        rate=True,
    ),
    Figure(
        "Tỷ lệ đúng hạn (%)",
        "Chung (đã và đang giải quyết)",
        "on_time_rate_overall",
        rate=True,
    ),
)
PROBLEM_HEADERS = (
    ("STT", 6),
    ("Tệp", 24),
    ("Dòng", 8),
    ("Mã hồ sơ", 18),
    ("Lỗi", 40),
    ("Giá trị trong ô", 22),
    ("Ghi chú", 30),
)

_TITLE = Font(name=FONT, size=13, bold=True)
_NOTE = Font(name=FONT, size=11, italic=True)
_ERROR = Font(name=FONT, size=11, bold=True, color="C00000")
_HEAD = Font(name=FONT, size=11, bold=True)
_BODY = Font(name=FONT, size=11)
_TOTAL = Font(name=FONT, size=11, bold=True)
_NUMBER = Alignment(horizontal="right", vertical="top")


@dataclass(frozen=True, slots=True)
class ProblemLine:
    file: str
    row: int | None
    dossier_id: str | None
    problem: str  # worded for the user
    value: str | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class StatsTable:
    """What the workbook shows, worded: the services layer builds it from a result."""

    title: str  # "THỐNG KÊ … TỪ NGÀY 15/06/2023 ĐẾN NGÀY 14/09/2023"
    sources: str  # "Sổ hồ sơ: so.csv (20.000 dòng, loại 3 dòng lỗi)"
    dimensions: Sequence[str]  # column headers of the grouping columns ("Cấp", …)
    groups: Sequence[tuple[Sequence[str], DossierStats]]  # labels per dimension, figures
    total: DossierStats
    excluded: int
    by_problem: Mapping[str, int]  # worded problem → rows
    problems: Sequence[ProblemLine]  # the rows listed (at most the engine's limit)
    notes: Sequence[str] = ()  # what the reader should check (status words against dates)
    errors: Sequence[str] = ()  # ledgers none of whose rows counted: their zeros mean nothing
    uncounted: frozenset[str] = frozenset()  # figures from a column no ledger has, shown "—"


def _header(ws: Any, labels: Sequence[str], widths: Sequence[float]) -> None:
    top, bottom = HEADER_ROW, HEADER_ROW + 1
    column = 1
    for label in labels:
        ws.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
        ws.cell(top, column, label)
        column += 1
    first = column
    span_start = first
    for index, figure in enumerate(FIGURES):
        col = first + index
        if figure.part is None:
            ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
            ws.cell(top, col, figure.group)
            span_start = col + 1
            continue
        ws.cell(bottom, col, figure.part)
        last_of_group = index + 1 == len(FIGURES) or FIGURES[index + 1].group != figure.group
        if last_of_group:
            ws.merge_cells(start_row=top, start_column=span_start, end_row=top, end_column=col)
            ws.cell(top, span_start, figure.group)
            span_start = col + 1
    for row in (top, bottom):
        for col in range(1, len(widths) + 1):
            cell = ws.cell(row, col)
            cell.font, cell.alignment, cell.border = _HEAD, WRAP_CENTER, BOX
    # Heights from the text: LibreOffice prints a row without one at a single line.
    groups = [(f.group, _span_width(f.group, widths, first)) for f in FIGURES if f.part]
    ws.row_dimensions[top].height = row_height(groups, 11, bold=True)
    parts = [(f.part or "", w) for f, w in zip(FIGURES, widths[first - 1 :], strict=True)]
    lone = [(f.group, w) for f, w in zip(FIGURES, widths[first - 1 :], strict=True) if not f.part]
    ws.row_dimensions[bottom].height = row_height([*parts, *lone], 11, bold=True)


def _span_width(group: str, widths: Sequence[float], first: int) -> float:
    return sum(
        w for f, w in zip(FIGURES, widths[first - 1 :], strict=True) if f.group == group and f.part
    )


def _figures_row(
    ws: Any, row: int, start: int, stats: DossierStats, font: Font, unknown: frozenset[str]
) -> None:
    for offset, figure in enumerate(FIGURES):
        # A figure no ledger has the column for is "—": a 0 would be summed and reported.
        value = "—" if figure.name in unknown else getattr(stats, figure.name)
        cell = ws.cell(row, start + offset, value)
        cell.number_format = "#,##0.00" if figure.rate else "#,##0"
        cell.font, cell.alignment, cell.border = font, _NUMBER, BOX


def _stats_sheet(ws: Any, table: StatsTable) -> None:
    dims = list(table.dimensions) or ["Phạm vi"]
    labels = ["STT", *dims]
    widths: list[float] = [
        5,
        *[24 if d.startswith(("Cơ quan", "Lĩnh vực")) else 14 for d in dims],
        *[RATE_WIDTH if f.rate else FIGURE_WIDTH for f in FIGURES],
    ]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.cell(1, 1, table.title).font = _TITLE
    ws.cell(2, 1, table.sources).font = _NOTE
    _header(ws, labels, widths)
    start = len(labels) + 1
    row = HEADER_ROW + 2
    groups = table.groups if table.dimensions else [(["Tất cả hồ sơ"], table.total)]
    for number, (names, stats) in enumerate(groups, start=1):
        ws.cell(row, 1, number)
        for col, name in enumerate(names, start=2):
            ws.cell(row, col, name)
        for col in range(1, start):
            cell = ws.cell(row, col)
            cell.font, cell.border = _BODY, BOX
            cell.alignment = (
                WRAP_LEFT if col > 1 else Alignment(horizontal="center", vertical="top")
            )
        ws.row_dimensions[row].height = row_height(
            zip(names, widths[1 : start - 1], strict=True), 11
        )
        _figures_row(ws, row, start, stats, _BODY, table.uncounted)
        row += 1
    last_group = row - 1
    if table.dimensions:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=start - 1)
        ws.cell(row, 1, "Tổng cộng")
        for col in range(1, start):
            cell = ws.cell(row, col)
            cell.font, cell.border, cell.alignment = _TOTAL, BOX, WRAP_CENTER
        _figures_row(ws, row, start, table.total, _TOTAL, table.uncounted)
        row += 1
    lines: list[tuple[str, Font]] = []
    if table.excluded:
        parts = "; ".join(f"{p}: {format_number(n)}" for p, n in table.by_problem.items())
        lines.append(
            (
                f"Không tính {format_number(table.excluded)} dòng lỗi ({parts}); "
                f"xem trang “{PROBLEM_SHEET}”.",
                _NOTE,
            )
        )
    lines += [(f"Lỗi: {error}.", _ERROR) for error in table.errors]
    lines += [(f"Lưu ý: {note}.", _NOTE) for note in table.notes]
    for text, font in lines:
        row += 1
        _note_row(ws, row, text, font, sum(widths), len(widths))
    last = get_column_letter(len(widths))
    ws.auto_filter.ref = f"A{HEADER_ROW + 1}:{last}{last_group}"
    print_landscape(
        ws,
        title_rows=f"{HEADER_ROW}:{HEADER_ROW + 1}",
        freeze=f"{get_column_letter(start)}{HEADER_ROW + 2}",
    )


def _note_row(ws: Any, row: int, text: str, font: Font, width: float, columns: int) -> None:
    """A line under the table, wrapped within its width: text running past the last
    column would make the printout shrink the whole page to fit it in."""
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = ws.cell(row, 1, text)
    cell.font, cell.alignment = font, Alignment(vertical="top", wrap_text=True)
    ws.row_dimensions[row].height = row_height([(text, width)], 11, bold=bool(font.bold))


def _problem_sheet(ws: Any, table: StatsTable) -> None:
    shown = len(table.problems)
    title = f"CÁC DÒNG BỊ LOẠI KHỎI THỐNG KÊ: {format_number(table.excluded)} DÒNG"
    ws.cell(1, 1, title).font = _TITLE
    if shown < table.excluded:
        note = (
            f"Liệt kê {format_number(shown)} dòng đầu tiên theo thứ tự trong sổ; "
            "sửa các dòng này rồi chạy lại để xem các dòng còn lại."
        )
        ws.cell(2, 1, note).font = _NOTE
    for col, (label, width) in enumerate(PROBLEM_HEADERS, start=1):
        cell = ws.cell(HEADER_ROW, col, label)
        cell.font, cell.alignment, cell.border = _HEAD, WRAP_CENTER, BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    widths = [w for _, w in PROBLEM_HEADERS]
    for number, line in enumerate(table.problems, start=1):
        row = HEADER_ROW + number
        values: list[Any] = [
            number,
            line.file,
            line.row,
            line.dossier_id or "",
            line.problem,
            line.value or "",
            line.detail or "",
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.font, cell.border = _BODY, BOX
            cell.alignment = WRAP_LEFT if isinstance(value, str) else _NUMBER
        texts = [(v, w) for v, w in zip(values, widths, strict=True) if isinstance(v, str)]
        ws.row_dimensions[row].height = row_height(texts, 11)
    ws.auto_filter.ref = (
        f"A{HEADER_ROW}:{get_column_letter(len(widths))}{HEADER_ROW + max(shown, 1)}"
    )
    print_landscape(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}")


def write_stats_xlsx(path: Path, table: StatsTable) -> None:
    """Write the workbook through a temporary file: a reader never sees half of it."""
    book = Workbook()
    _stats_sheet(book.active, table)
    book.active.title = STATS_SHEET
    if table.excluded:
        _problem_sheet(book.create_sheet(PROBLEM_SHEET), table)
    atomic_write(path, book.save)
