"""The appendix Biểu mẫu 1–7 as an XLSX workbook a compiler can audit and import back.

One sheet per form, laid out like the printed form (STT, Chỉ tiêu thống kê,
Đơn vị tính, Số liệu, Ghi chú) plus an audit column: for every rate or total
the catalog can derive, the formula over the component cells, and a red
fill where the reported number and the formula disagree beyond the precision
the unit wrote. Numbers are real numbers with number formats, never text; a
value the system computed is itself a formula, in italics. Header rows are
frozen and repeat on every printed page; pages are A4 landscape, one page
wide. A hidden column keeps the indicator key and a "Thông tin" sheet the
unit, period and template, so that ``appendix_xlsx_reader`` reads the
workbook back into the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from cchc.documents.xlsx_print import print_landscape, row_height
from cchc.domain.appendix import AppendixForm, AppendixRow
from cchc.domain.catalog import Catalog, IndicatorKind
from cchc.domain.formula import Formula

__all__ = [
    "FIRST_ROW",
    "FORMAT_ID",
    "INFO_SHEET",
    "build_appendix_xlsx",
    "excel_formula",
    "number_format",
    "sheet_name",
]

FORMAT_ID = "cchc.appendix/1"
INFO_SHEET = "Thông tin"
FIRST_ROW = 7  # first data row; rows 5–6 are the two header rows
HEADERS = (
    "STT",
    "Chỉ tiêu thống kê",
    "Đơn vị tính",
    "Số liệu",
    "Tính lại từ thành phần",
    "Ghi chú",
    "Mã chỉ tiêu",
)
WIDTHS = (8, 72, 16, 14, 16, 28, 40)
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MISMATCH = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def sheet_name(form: int) -> str:
    return f"Biểu mẫu {form}"


def number_format(kind: IndicatorKind, decimals: int) -> str:
    """ "#,##0" for counts, "#,##0.00" for a rate written with two decimals; "0" for codes."""
    if kind is IndicatorKind.CODE:
        return "0"
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


class _Expr:
    """An Excel expression built by folding a catalog formula over cell references."""

    def __init__(self, text: str) -> None:
        self.text = text

    @staticmethod
    def of(value: Any) -> str:
        return value.text if isinstance(value, _Expr) else repr(value)

    def _bin(self, op: str, other: Any, reverse: bool = False) -> _Expr:
        a, b = (self.of(other), self.text) if reverse else (self.text, self.of(other))
        return _Expr(f"({a}{op}{b})")

    def __add__(self, other: Any) -> _Expr:
        return self._bin("+", other)

    def __radd__(self, other: Any) -> _Expr:
        return self._bin("+", other, True)

    def __sub__(self, other: Any) -> _Expr:
        return self._bin("-", other)

    def __rsub__(self, other: Any) -> _Expr:
        return self._bin("-", other, True)

    def __mul__(self, other: Any) -> _Expr:
        return self._bin("*", other)

    def __rmul__(self, other: Any) -> _Expr:
        return self._bin("*", other, True)

    def __neg__(self) -> _Expr:
        return _Expr(f"(-{self.text})")


def excel_formula(
    formula: Formula | None,
    sum_of: Sequence[str],
    ref: dict[str, str],
    *,
    sum_blank_as_zero: bool = True,
) -> str | None:
    """The Excel formula of a derivable indicator, blank when the rules would leave it blank.

    A rate needs every component; a total counts blank parts as zero once one
    part is given (``sum_blank_as_zero``, the built-in rule's ``missing: zero``).
    """
    if formula is not None:
        keys = list(formula.keys)
        if any(k not in ref for k in keys):
            return None
        expr = formula.evaluate_with(
            lambda key: _Expr(ref[key]),
            lambda a, b: _Expr(f"({_Expr.of(a)}/{_Expr.of(b)})"),
        )
        cells = ",".join(ref[k] for k in keys)
        return f'=IF(COUNT({cells})<{len(keys)},"",IFERROR({_Expr.of(expr)},""))'
    if sum_of and all(k in ref for k in sum_of):
        cells = ",".join(ref[k] for k in sum_of)
        needed = 1 if sum_blank_as_zero else len(sum_of)
        return f'=IF(COUNT({cells})<{needed},"",SUM({cells}))'
    return None


def _info_sheet(wb: Workbook, info: Sequence[tuple[str, str, Any]]) -> None:
    ws = wb.create_sheet(INFO_SHEET)
    ws["A1"], ws["B1"], ws["C1"] = "Thông tin", "Giá trị", "Khóa"
    for cell in ws[1]:
        cell.font = Font(name=FONT, bold=True)
    for n, (label, key, value) in enumerate(info, start=2):
        ws.cell(n, 1, label).font = Font(name=FONT)
        ws.cell(n, 2, value).font = Font(name=FONT)
        ws.cell(n, 3, key).font = Font(name=FONT, color="808080")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 48
    ws.column_dimensions["C"].width = 18


def _header(ws: Any, title: str, form: AppendixForm, subtitle: str) -> None:
    last = get_column_letter(6)
    for row, text, font in (
        (1, f"BIỂU MẪU {form.number}", Font(name=FONT, bold=True, size=13)),
        (2, form.title, Font(name=FONT, bold=True, size=13)),
        (3, subtitle, Font(name=FONT, italic=True, size=12)),
    ):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row, 1, text)
        cell.font = font
        cell.alignment = WRAP_CENTER
    head_font = Font(name=FONT, bold=True, size=12)
    for col, text in enumerate(HEADERS, start=1):
        if col != 4:
            ws.cell(5, col, "Kết quả thống kê" if col == 3 else text)
    ws.cell(6, 3, HEADERS[2])
    ws.cell(6, 4, HEADERS[3])
    for col in (1, 2, 5, 6, 7):
        ws.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
    ws.merge_cells("C5:D5")
    for row in (5, 6):
        for col in range(1, 7):
            ws.cell(row, col).border = BOX
            ws.cell(row, col).alignment = WRAP_CENTER
            ws.cell(row, col).font = head_font
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["G"].hidden = True
    ws.title = title


def _print_setup(ws: Any, last_row: int) -> None:
    print_landscape(ws, title_rows="5:6", freeze=f"A{FIRST_ROW}")
    ws.print_area = f"A1:F{last_row}"
    ws.page_margins.left, ws.page_margins.right = 0.8, 0.6
    ws.page_margins.top, ws.page_margins.bottom = 0.8, 0.8
    ws.print_options.horizontalCentered = True


def _row_font(row: AppendixRow, *, italic: bool | None = None) -> Font:
    return Font(name=FONT, size=12, bold=row.bold, italic=row.italic if italic is None else italic)


def build_appendix_xlsx(
    forms: Sequence[AppendixForm],
    catalog: Catalog,
    *,
    subtitle: str,
    info: Sequence[tuple[str, str, Any]],
    tolerance: dict[str, float] | None = None,
    sum_blank_as_zero: bool = True,
) -> Workbook:
    """The workbook in memory. ``tolerance`` per key: how far a reported rate may lie from its formula."""
    wb = Workbook()
    first_sheet = wb.active
    refs: dict[str, str] = {}
    for form in forms:
        for n, row in enumerate(form.rows):
            refs[row.key] = f"'{sheet_name(form.number)}'!D{FIRST_ROW + n}"
    for form in forms:
        ws = wb.create_sheet()
        _header(ws, sheet_name(form.number), form, subtitle)
        local = {
            key: ref.split("!")[1] if ref.startswith(f"'{sheet_name(form.number)}'!") else ref
            for key, ref in refs.items()
        }
        for n, row in enumerate(form.rows):
            r = FIRST_ROW + n
            ind = catalog.get(row.key)
            audit = excel_formula(
                ind.formula, ind.sum_of, local, sum_blank_as_zero=sum_blank_as_zero
            )
            ws.cell(r, 1, row.code).alignment = WRAP_CENTER
            ws.cell(r, 2, row.label).alignment = WRAP_LEFT
            ws.cell(r, 3, row.unit).alignment = WRAP_CENTER
            wrapped = [(row.code, WIDTHS[0]), (row.label, WIDTHS[1]), (row.unit, WIDTHS[2])]
            ws.row_dimensions[r].height = row_height(wrapped, 12, bold=row.bold)
            value_cell = ws.cell(r, 4)
            if row.value is not None:
                value_cell.value = audit if row.computed and audit else row.value
                value_cell.number_format = number_format(row.kind, row.decimals)
            if audit:
                check = ws.cell(r, 5, audit)
                check.number_format = number_format(
                    row.kind, 2 if row.kind is IndicatorKind.PERCENT else 0
                )
                check.font = Font(name=FONT, size=12, color="595959")
                if row.value is not None and not row.computed:
                    gap = (tolerance or {}).get(row.key, 10**-row.decimals)
                    ws.conditional_formatting.add(
                        f"D{r}",
                        FormulaRule(
                            formula=[f"AND(ISNUMBER(D{r}),ISNUMBER(E{r}),ABS(D{r}-E{r})>={gap!r})"],
                            fill=MISMATCH,
                        ),
                    )
            note = row.note
            if row.value is None and row.text:
                # A compiled distribution or range has no single number: it is said in words.
                note = row.text + (f" ({row.note})" if row.note else "")
            ws.cell(r, 6, note or None)
            ws.cell(r, 7, row.key)
            for col in range(1, 7):
                cell = ws.cell(r, col)
                cell.border = BOX
                cell.font = _row_font(row, italic=row.computed if col == 4 else None)
            value_cell.alignment = Alignment(horizontal="right", vertical="center")
        _print_setup(ws, FIRST_ROW + len(form.rows) - 1)
    wb.remove(first_sheet)
    _info_sheet(wb, info)
    return wb
