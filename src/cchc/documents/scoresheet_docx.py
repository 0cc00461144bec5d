"""The score sheet, forecast and ranking as a Word document (bảng chấm điểm).

A4 landscape (the table is wide), margins and Times New Roman as Nghị định
30/2020/NĐ-CP asks of administrative documents; the table header repeats on
every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.documents.scoresheet_common import (
    FORECAST_COLUMNS,
    RANKING_COLUMNS,
    SHEET_COLUMNS,
    DocRow,
    forecast_rows,
    ranking_rows,
    ranking_title,
    sheet_rows,
    sheet_title,
    shown,
)
from cchc.domain.scoring import Scheme
from cchc.domain.scoring_forecast import Forecast
from cchc.domain.scoring_ranking import RankRow
from cchc.domain.scoring_sheet import ScoreSheet

__all__ = ["write_ranking_docx", "write_scoresheet_docx"]

_FONT = "Times New Roman"
_SHEET_WIDTHS_MM = (16, 70, 17, 17, 70, 17, 40)
_FORECAST_WIDTHS_MM = (12, 85, 18, 18, 18, 96)
_RANKING_WIDTHS_MM = (18, 80, 25, 25, 25, 25, 49)


def _document() -> DocumentType:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = _FONT
    style.font.size = Pt(13)
    # East Asian font slot too, or Word falls back for some Vietnamese glyphs.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), _FONT)
    return document


def _title(document: DocumentType, lines: Sequence[str]) -> None:
    for i, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0 if i < len(lines) - 1 else 6)
        run = paragraph.add_run(line)
        run.bold = i < 2
        run.italic = line.startswith("(")
        run.font.size = Pt(14 if i == 0 else 13)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _table(
    document: DocumentType,
    columns: Sequence[str],
    rows: Sequence[DocRow],
    widths_mm: Sequence[int],
    decimals: int,
) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(name)
        run.bold = True
        run.font.size = Pt(11)
    for row in rows:
        cells = table.add_row().cells
        for col, (cell, value) in enumerate(zip(cells, row.cells, strict=True)):
            lines = shown(value, decimals).split("\n")
            paragraph = cell.paragraphs[0]
            for i, line in enumerate(lines):
                if i:
                    paragraph = cell.add_paragraph()
                run = paragraph.add_run(line)
                run.bold = row.group or row.total
                run.font.size = Pt(11)
                if col == 1 and row.depth >= 2 and not row.group:
                    run.italic = row.depth >= 3
                if not isinstance(value, str):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # LibreOffice reads the grid, Word the cells: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row_cells in table.rows:
        for cell, width in zip(row_cells.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def write_scoresheet_docx(sheet: ScoreSheet, path: Path, forecast: Forecast | None = None) -> None:
    """The score sheet, followed by the forecast table when given."""
    document = _document()
    decimals = sheet.scheme.decimals
    _title(document, sheet_title(sheet))
    _table(document, SHEET_COLUMNS, sheet_rows(sheet), _SHEET_WIDTHS_MM, decimals)
    if sheet.scheme.note:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(6)
        note.add_run(f"Ghi chú: {sheet.scheme.note}").italic = True
    if forecast is not None:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _title(document, ["DỰ BÁO TIÊU CHÍ CÓ KHẢ NĂNG THẤP ĐIỂM", *sheet_title(sheet)[1:]])
        _table(document, FORECAST_COLUMNS, forecast_rows(forecast), _FORECAST_WIDTHS_MM, decimals)
    document.save(str(path))


def write_ranking_docx(rows: Sequence[RankRow], scheme: Scheme, path: Path) -> None:
    document = _document()
    _title(document, ranking_title(scheme))
    _table(
        document, RANKING_COLUMNS, ranking_rows(rows, scheme), _RANKING_WIDTHS_MM, scheme.decimals
    )
    document.save(str(path))
