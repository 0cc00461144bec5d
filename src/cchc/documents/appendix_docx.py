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

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from cchc.documents.nd30 import SIZE, fixed_table, para, repeat_as_header
from cchc.domain.appendix import COMPUTED_MARK, AppendixForm

__all__ = [
    "APPENDIX_WIDTHS_CM",
    "add_appendix_heading",
    "add_form_table",
    "add_row",
    "write_cell",
]

APPENDIX_WIDTHS_CM = [1.6, 13.4, 3.4, 2.8, 4.0]  # = 25,2 cm, the text width of a landscape page
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
COMPUTED_NOTE = f"({COMPUTED_MARK}) Số liệu do hệ thống tính từ các chỉ tiêu thành phần của biểu."


def add_row(table: Any) -> Any:
    """A new last row (python-docx leaves ``add_row`` untyped)."""
    return table.add_row()


def write_cell(
    cell: Any,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH = CENTER,
    bold: bool = False,
    italic: bool = False,
    size: float = SIZE.TABLE,
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        if bold:
            run.font.bold = True
        if italic:
            run.font.italic = True


def add_appendix_heading(doc: Any, lines: Sequence[str], caption: str) -> None:
    """ "PHỤ LỤC" and its title in bold capitals, then the italic "(Kèm theo Báo cáo số …)"."""
    for line in lines:
        para(doc, line, align=CENTER, size=SIZE.BODY, bold=True, keep_with_next=True)
    para(doc, caption, align=CENTER, size=SIZE.BODY, italic=True, after=12)


def _header(table: Any, value_header: str) -> None:
    top, bottom = table.rows[0], table.rows[1]
    for row in (top, bottom):
        repeat_as_header(row)
    stt = top.cells[0].merge(bottom.cells[0])
    label = top.cells[1].merge(bottom.cells[1])
    result = top.cells[2].merge(top.cells[3])
    note = top.cells[4].merge(bottom.cells[4])
    for cell, text in (
        (stt, "STT"),
        (label, "Chỉ tiêu thống kê"),
        (result, "Kết quả thống kê"),
        (note, "Ghi chú"),
        (bottom.cells[2], "Đơn vị tính"),
        (bottom.cells[3], value_header),
    ):
        write_cell(cell, text, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


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
    table = fixed_table(doc, 2, APPENDIX_WIDTHS_CM, borders=True)
    _header(table, value_header)
    computed = False
    for row in form.rows:
        cells = add_row(table).cells
        write_cell(cells[0], row.code, bold=row.bold, italic=row.italic)
        write_cell(cells[1], row.label, align=LEFT, bold=row.bold, italic=row.italic)
        write_cell(cells[2], row.unit, italic=row.italic)
        text = row.text + (COMPUTED_MARK if row.computed and row.text else "")
        write_cell(cells[3], text, bold=row.bold and not row.computed, italic=row.computed)
        write_cell(cells[4], row.note or row.option, align=LEFT, size=SIZE.TABLE_SMALL)
        computed = computed or (row.computed and bool(row.text))
    if computed:
        para(doc, COMPUTED_NOTE, size=SIZE.TABLE_SMALL, italic=True, before=3)
    return table
