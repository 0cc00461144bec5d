"""The compiler's workbook: the key indicators unit by unit, then the compiled Biểu mẫu 1–7.

On the unit sheet every rate is a formula over the two columns beside it
(the unit's own components), and the area's row adds the components up and
recomputes the rate, so that a compiler sees and can audit how each figure
was made. Numbers are real numbers; header rows are frozen and repeat on
every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cchc.documents.appendix_xlsx import BOX, FONT, WRAP_CENTER, WRAP_LEFT, build_appendix_xlsx
from cchc.documents.xlsx_print import print_landscape, row_height
from cchc.domain.appendix import AppendixForm
from cchc.domain.catalog import Catalog
from cchc.domain.consolidated import KeyColumn, UnitRow

__all__ = ["COMPILED_FORMAT_ID", "UNIT_SHEET", "build_consolidated_xlsx"]

COMPILED_FORMAT_ID = "cchc.compiled-appendix/1"
UNIT_SHEET = "Từng đơn vị"
HEADER_ROW = 4
FIGURE_WIDTH = 12


def _unit_sheet(
    wb: Any,
    title: str,
    columns: Sequence[KeyColumn],
    rows: Sequence[UnitRow],
    area_label: str,
    summable: Sequence[bool],
) -> None:
    ws = wb.create_sheet(UNIT_SHEET, 0)
    ws.cell(1, 1, title).font = Font(name=FONT, bold=True, size=13)
    ws.cell(2, 1, "Tỷ lệ = tử số / mẫu số × 100, tính từ số liệu của chính đơn vị.").font = Font(
        name=FONT, italic=True, size=11
    )
    headers: list[str] = ["STT", "Đơn vị", "Mã đơn vị"]
    layout: list[
        tuple[int, int, int | None]
    ] = []  # (column index, first sheet column, rate column)
    for n, column in enumerate(columns):
        if not column.available:
            continue
        start = len(headers) + 1
        if column.is_rate:
            name = column.header.removesuffix(" (%)")
            headers += [f"{name}: tử số", f"{name}: mẫu số", column.header]
            layout.append((n, start, start + 2))
        else:
            headers.append(column.header)
            layout.append((n, start, None))
    # Narrow figure columns under wrapped headings: a province's sheet has some
    # twenty columns, and each character of width shrinks the printed page.
    widths = [6, 30, 12, *[FIGURE_WIDTH] * (len(headers) - 3)]
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.alignment, cell.border = (
            Font(name=FONT, bold=True, size=11),
            WRAP_CENTER,
            BOX,
        )
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = row_height(
        zip(headers, widths, strict=True), 11, bold=True
    )
    first = HEADER_ROW + 1
    for i, row in enumerate(rows):
        r = first + i
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, row.name).alignment = WRAP_LEFT
        ws.row_dimensions[r].height = row_height([(row.name, widths[1])], 11)
        ws.cell(r, 3, row.code)
        for n, start, rate_col in layout:
            part, whole = row.components[n]
            ws.cell(r, start, part).number_format = "#,##0"
            if rate_col is not None:
                ws.cell(r, start + 1, whole).number_format = "#,##0"
                a, b = get_column_letter(start), get_column_letter(start + 1)
                ws.cell(r, rate_col, f'=IF(AND(ISNUMBER({a}{r}),N({b}{r})>0),{a}{r}/{b}{r}*100,"")')
                ws.cell(r, rate_col).number_format = "#,##0.00"
    total = first + len(rows)
    ws.cell(total, 2, area_label).font = Font(name=FONT, bold=True)
    last = total - 1
    for n, start, rate_col in layout:
        if not summable[n]:
            continue
        for col in (start, start + 1) if rate_col is not None else (start,):
            letter = get_column_letter(col)
            ws.cell(total, col, f"=SUM({letter}{first}:{letter}{last})").number_format = "#,##0"
        if rate_col is not None:
            a, b = get_column_letter(start), get_column_letter(start + 1)
            ws.cell(total, rate_col, f'=IF(N({b}{total})>0,{a}{total}/{b}{total}*100,"")')
            ws.cell(total, rate_col).number_format = "#,##0.00"
    for r in range(first, total + 1):
        for col in range(1, len(headers) + 1):
            cell = ws.cell(r, col)
            cell.border = BOX
            cell.font = Font(name=FONT, size=11, bold=r == total)
    print_landscape(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"C{first}")


def build_consolidated_xlsx(
    *,
    title: str,
    subtitle: str,
    columns: Sequence[KeyColumn],
    rows: Sequence[UnitRow],
    summable: Sequence[bool],
    area_label: str,
    forms: Sequence[AppendixForm],
    catalog: Catalog,
    info: Sequence[tuple[str, str, Any]],
) -> Any:
    """The workbook in memory; ``summable`` says per column whether its components add up."""
    wb = build_appendix_xlsx(
        forms,
        catalog,
        subtitle=subtitle,
        info=[("Định dạng", "format", COMPILED_FORMAT_ID), *info],
    )
    _unit_sheet(wb, title, columns, rows, area_label, summable)
    wb.active = 0
    return wb
