"""The appendix Biểu mẫu 1–7 as DOCX tables on landscape pages.

Every printed row of the template version, in order, with its code, label
and unit; the two header rows repeat on every page a table runs onto
(``w:tblHeader``); group rows are bold and third-level rows italic as in the
printed forms; a value the system computed is italic with a mark explained
under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from cchc.documents.fast_table import Cell, append_row
from cchc.documents.nd30 import SIZE, fixed_table, para
from cchc.domain.appendix import COMPUTED_MARK, AppendixForm

__all__ = ["APPENDIX_WIDTHS_CM", "add_appendix_heading", "add_form_table"]

APPENDIX_WIDTHS_CM = [1.6, 13.4, 3.4, 2.8, 4.0]  # = 25,2 cm, the text width of a landscape page
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
COMPUTED_NOTE = f"({COMPUTED_MARK}) Số liệu do hệ thống tính từ các chỉ tiêu thành phần của biểu."


def add_appendix_heading(doc: Any, lines: Sequence[str], caption: str) -> None:
    """ "PHỤ LỤC" and its title in bold capitals, then the italic "(Kèm theo Báo cáo số …)"."""
    for line in lines:
        para(doc, line, align=CENTER, size=SIZE.BODY, bold=True, keep_with_next=True)
    para(doc, caption, align=CENTER, size=SIZE.BODY, italic=True, after=12)


def _header(table: Any, value_header: str) -> None:
    """Two header rows: "Kết quả thống kê" over "Đơn vị tính" and the value column."""
    w = APPENDIX_WIDTHS_CM
    bold = {"bold": True, "valign": "center"}
    append_row(
        table,
        [
            Cell("STT", w[0], vmerge="restart", **bold),  # type: ignore[arg-type]
            Cell("Chỉ tiêu thống kê", w[1], vmerge="restart", **bold),  # type: ignore[arg-type]
            Cell("Kết quả thống kê", w[2] + w[3], span=2, **bold),  # type: ignore[arg-type]
            Cell("Ghi chú", w[4], vmerge="restart", **bold),  # type: ignore[arg-type]
        ],
        header=True,
    )
    append_row(
        table,
        [
            Cell("", w[0], vmerge="continue"),
            Cell("", w[1], vmerge="continue"),
            Cell("Đơn vị tính", w[2], **bold),  # type: ignore[arg-type]
            Cell(value_header, w[3], **bold),  # type: ignore[arg-type]
            Cell("", w[4], vmerge="continue"),
        ],
        header=True,
    )


def add_form_table(doc: Any, form: AppendixForm, *, value_header: str = "Số liệu") -> Any:
    """ "BIỂU MẪU n", its title, and its table; returns the table."""
    para(
        doc,
        f"BIỂU MẪU {form.number}",
        align=CENTER,
        size=SIZE.BODY,
        bold=True,
        before=12,
        keep_with_next=True,
    )
    para(doc, form.title, align=CENTER, size=SIZE.BODY, bold=True, after=6, keep_with_next=True)
    table = fixed_table(doc, 0, APPENDIX_WIDTHS_CM, borders=True)
    _header(table, value_header)
    w = APPENDIX_WIDTHS_CM
    small = SIZE.TABLE_SMALL
    computed = False
    for row in form.rows:
        marked = row.computed and bool(row.text)
        text = row.text + (COMPUTED_MARK if marked else "")
        append_row(
            table,
            [
                Cell(row.code, w[0], bold=row.bold, italic=row.italic),
                Cell(row.label, w[1], align=LEFT, bold=row.bold, italic=row.italic),
                Cell(row.unit, w[2], italic=row.italic),
                Cell(text, w[3], bold=row.bold and not row.computed, italic=row.computed),
                Cell(row.note or row.option, w[4], align=LEFT, size_pt=small),
            ],
        )
        computed = computed or marked
    if computed:
        para(doc, COMPUTED_NOTE, size=SIZE.TABLE_SMALL, italic=True, before=3)
    return table
