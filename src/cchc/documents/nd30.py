"""The format rules of Nghị định 30/2020/NĐ-CP (Phụ lục I) as python-docx settings.

Every number that the decree fixes lives here, named, so that a reader can
find where each rule is enforced: A4 page, margins (top/bottom 20–25 mm,
left 30–35 mm, right 15–20 mm), Times New Roman in black, body 13–14 pt
justified with a first-line indent and at least 6 pt between paragraphs,
page numbers centred at the top from page 2, and the sizes of the header,
"Nơi nhận" and signature lines.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

__all__ = [
    "BODY_STYLE",
    "BODY_STYLE_ID",
    "FONT",
    "SIZE",
    "add_landscape_section",
    "add_page_number_header",
    "body",
    "fixed_table",
    "heading",
    "new_document",
    "para",
    "rule_under",
    "text_width_cm",
]

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4
MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(20)  # 20–25 mm
MARGIN_LEFT, MARGIN_RIGHT = Mm(30), Mm(15)  # 30–35 mm, 15–20 mm
HEADER_DISTANCE = Mm(10)
FIRST_LINE_INDENT = Cm(1.27)  # 1–1,27 cm
PARAGRAPH_AFTER = Pt(6)  # at least 6 pt between paragraphs
BODY_STYLE = "Nội dung báo cáo"  # shown in Word's style list
BODY_STYLE_ID = "NoiDungBaoCao"  # ASCII id: the name has letters some readers mangle in ids


class SIZE:
    """Font sizes in points, each within the range the decree allows."""

    BODY = 14  # 13–14
    PARENT_BODY = 13  # 12–13, upright capitals
    ISSUING_BODY = 13  # 12–13, bold capitals
    NATIONAL_TITLE = 12  # 12–13, bold capitals
    MOTTO = 13  # 13–14, bold
    NUMBER = 13  # "Số: …/BC-…"
    DATE_LINE = 14  # 13–14, italic
    DOC_TYPE = 14  # "BÁO CÁO" 13–14 bold capitals
    SUBJECT = 14  # 13–14 bold
    RECIPIENTS_LABEL = 12  # "Nơi nhận:" bold italic
    RECIPIENTS = 11  # the list
    SIGNER = 14  # 13–14 bold
    PAGE_NUMBER = 13  # 13–14
    TABLE = 12
    TABLE_SMALL = 11


def _fonts(element: Any) -> None:
    """Times New Roman for every script; theme fonts removed so that they cannot win."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    color = rpr.find(qn("w:color"))
    if color is not None:
        rpr.remove(color)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _style_font(style: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    _fonts(style.element)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = BLACK


def new_document(*, page_numbers: bool = True) -> Any:
    """An empty A4 document whose styles follow the decree.

    ``page_numbers=False`` for one-page forms printed one after another (the
    apology letters merged in one file): no page of theirs carries a number.
    """
    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    _style_font(normal, SIZE.BODY)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    body = styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.style_id = BODY_STYLE_ID
    body.base_style = normal
    body.quick_style = True
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    body.paragraph_format.space_after = PARAGRAPH_AFTER
    body.paragraph_format.widow_control = True
    for level in (1, 2, 3):
        heading = styles[f"Heading {level}"]
        _style_font(heading, SIZE.BODY, bold=True, italic=level == 3)
        heading.base_style = body
        hfmt = heading.paragraph_format
        hfmt.space_before = Pt(6)
        hfmt.space_after = PARAGRAPH_AFTER
        hfmt.keep_with_next = True
        hfmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        hfmt.first_line_indent = FIRST_LINE_INDENT
    grid = styles["Table Grid"]
    _fonts(grid.element)
    section = doc.sections[0]
    _page(section, landscape=False)
    if page_numbers:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # page 1 carries no number
        add_page_number_header(section)
    return doc


def _page(section: Any, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    )
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = HEADER_DISTANCE


def text_width_cm(section: Any) -> float:
    return float((section.page_width - section.left_margin - section.right_margin) / 360000)


def add_page_number_header(section: Any) -> None:
    """A PAGE field centred at the top (the first page's own header stays empty)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        run.font.size = Pt(SIZE.PAGE_NUMBER)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def add_landscape_section(doc: Any) -> Any:
    """A new landscape page for wide appendix tables; it keeps the page-number header."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = True
    return section


def para(
    container: Any,
    text: str = "",
    *,
    style: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    after: float | None = None,
    before: float | None = None,
    keep_with_next: bool | None = None,
    first_indent: Any = None,
) -> Paragraph:
    """Add a paragraph of one run with the given direct formatting."""
    paragraph: Paragraph = container.add_paragraph()
    if style is not None:
        # By id: python-docx's lookup by name scans every style on each call.
        paragraph._p.style = style
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    if after is not None:
        fmt.space_after = Pt(after)
    if before is not None:
        fmt.space_before = Pt(before)
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next
    if first_indent is not None:
        fmt.first_line_indent = first_indent
    if text:
        run = paragraph.add_run(text)
        if size is not None:
            run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold
        if italic is not None:
            run.font.italic = italic
        if underline is not None:
            run.font.underline = underline
    return paragraph


def body(doc: Any, text: str, *, italic: bool = False) -> Paragraph:
    """A body paragraph: justified, first-line indent, 6 pt after (the body style)."""
    return para(doc, text, style=BODY_STYLE_ID, italic=True if italic else None)


def heading(doc: Any, text: str, level: int) -> Paragraph:
    """A numbered heading ("I. …", "1. …", "1.1. …") as a Word heading, level 1–3."""
    return para(doc, text, style=f"Heading{min(max(level, 1), 3)}")


def rule_under(cell_or_doc: Any, length_cm: float, box_cm: float) -> Any:
    """A centred solid line ``length_cm`` long: an empty paragraph with a bottom border.

    Indents on both sides shorten the border to the wanted length inside a
    box (a table cell or the text width) ``box_cm`` wide.
    """
    paragraph = cell_or_doc.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max(0.0, (box_cm - length_cm) / 2)
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(2)
    fmt.first_line_indent = Cm(0)
    fmt.line_spacing = Pt(2)  # the line sits right under the text above
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{attr}"), value)
    borders.append(bottom)
    ppr.append(borders)
    return paragraph


def fixed_table(container: Any, rows: int, widths_cm: list[float], *, borders: bool) -> Table:
    """A table with fixed column widths (Word and LibreOffice both honour them)."""
    table: Table = container.add_table(rows=rows, cols=len(widths_cm))
    if borders:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    if not borders:
        none = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            none.append(edge)
        tbl_pr.append(none)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return table
