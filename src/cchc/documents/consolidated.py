"""The compiler's report (báo cáo tổng hợp) as a DOCX: who reported, the figures, the charts.

Same frame as a unit's report (Nghị định 30/2020/NĐ-CP header, subject,
"Nơi nhận", signature), then: I. who has and has not reported ("17/17 đơn
vị"); II. the compiled figures form by form, with the by-unit chart under
the one-stop results; III. the trend over the year's periods when earlier
compiled files are given; IV. what in the data needs attention. Landscape
appendices: the key indicators unit by unit with the area's total, and the
compiled Biểu mẫu 1–7.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from cchc.documents.appendix_docx import add_appendix_heading, add_form_table
from cchc.documents.fast_table import Cell, append_row
from cchc.documents.letterhead_docx import add_letterhead, add_signature, add_subject
from cchc.documents.nd30 import (
    SIZE,
    add_landscape_section,
    body,
    fixed_table,
    heading,
    new_document,
    para,
    text_width_cm,
)
from cchc.domain.appendix import AppendixForm
from cchc.domain.consolidated import KeyColumn, UnitRow
from cchc.domain.letterhead import Letterhead
from cchc.domain.numbers import format_number

__all__ = ["ConsolidatedContent", "FormPart", "build_consolidated_docx", "unit_table"]

CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
LANDSCAPE_WIDTH_CM = 25.2


@dataclass
class FormPart:
    title: str
    form: int
    sentences: list[str]
    chart: bytes | None = None
    chart_caption: str = ""
    extra: list[str] = field(default_factory=list)  # said after the chart


@dataclass
class ConsolidatedContent:
    head: Letterhead
    intro: str
    closing: str
    completeness: list[str]
    parts: list[FormPart]
    trend: list[str]
    trend_chart: bytes | None
    findings: list[str]
    columns: list[KeyColumn]
    rows: list[UnitRow]
    overall: tuple[int | float | None, ...]
    area_label: str  # "Toàn tỉnh", "Toàn huyện"
    forms: list[AppendixForm]
    appendix_caption: str


def _picture(doc: Any, png: bytes, caption: str) -> None:
    doc.add_picture(BytesIO(png), width=Cm(16))
    doc.paragraphs[-1].alignment = CENTER
    para(doc, caption, align=CENTER, size=SIZE.TABLE, italic=True, after=6)


def _cell_text(column: KeyColumn, value: int | float | None) -> str:
    if value is None:
        return ""
    if column.is_rate:
        return format_number(value, 2, trim=True)
    return format_number(value) if isinstance(value, int) else format_number(value, 2, trim=True)


def unit_table(doc: Any, content: ConsolidatedContent) -> Any:
    """STT, unit, one column per available key indicator, and the area's row last."""
    columns = [(n, c) for n, c in enumerate(content.columns) if c.available]
    fixed = [1.2, 6.4]
    rest = (LANDSCAPE_WIDTH_CM - sum(fixed)) / max(1, len(columns))
    widths = fixed + [rest] * len(columns)
    table = fixed_table(doc, 0, widths, borders=True)
    size = SIZE.TABLE
    headers = ["STT", "Đơn vị", *(c.header for _, c in columns)]
    append_row(
        table,
        [
            Cell(t, w, bold=True, size_pt=size, valign="center")
            for t, w in zip(headers, widths, strict=True)
        ],
        header=True,
    )
    for number, row in enumerate(content.rows, start=1):
        cells = [
            Cell(str(number), widths[0], size_pt=size),
            Cell(row.name, widths[1], align=LEFT, size_pt=size),
        ]
        cells += [
            Cell(_cell_text(column, row.values[index]), width, align=RIGHT, size_pt=size)
            for (index, column), width in zip(columns, widths[2:], strict=True)
        ]
        append_row(table, cells)
    total = [
        Cell("", widths[0]),
        Cell(content.area_label, widths[1], align=LEFT, bold=True, size_pt=size),
    ]
    total += [
        Cell(
            _cell_text(column, content.overall[index]), width, align=RIGHT, bold=True, size_pt=size
        )
        for (index, column), width in zip(columns, widths[2:], strict=True)
    ]
    append_row(table, total)
    unavailable = [c.header.removesuffix(" (%)") for c in content.columns if not c.available]
    notes = [
        "Tỷ lệ của từng đơn vị được tính lại từ số liệu thành phần của đơn vị; dòng "
        f"“{content.area_label}” tính từ số đã cộng của các đơn vị."
    ]
    if unavailable:
        notes.append(
            "Chưa tổng hợp được: "
            + "; ".join(unavailable)
            + " (Biểu mẫu 1–7 hiện hành chưa có chỉ tiêu này)."
        )
    for note in notes:
        para(doc, note, size=SIZE.TABLE_SMALL, italic=True, before=3)
    return table


def build_consolidated_docx(content: ConsolidatedContent) -> Any:
    doc = new_document()
    head = content.head
    add_letterhead(doc, head)
    add_subject(doc, "Báo cáo", head.title, head.addressee, text_width_cm(doc.sections[0]))
    body(doc, content.intro)
    heading(doc, "I. TÌNH HÌNH GỬI BÁO CÁO", 1)
    for text in content.completeness:
        body(doc, text)
    heading(doc, "II. SỐ LIỆU TỔNG HỢP", 1)
    body(
        doc,
        "Số đếm và số tiền được cộng từ báo cáo của các đơn vị; các tỷ lệ được tính lại từ số đã "
        "cộng, không lấy bình quân tỷ lệ của các đơn vị. Chỉ tiêu không cộng dồn được giữa các "
        "đơn vị (số thủ tục hành chính, tỷ lệ không có số liệu thành phần) được nêu theo từng "
        "đơn vị tại Phụ lục II.",
    )
    for n, part in enumerate(content.parts, start=1):
        heading(doc, f"{n}. {part.title}", 2)
        for text in part.sentences:
            body(doc, text)
        if not part.sentences:
            body(doc, f"Biểu mẫu {part.form} không có số liệu được báo cáo trong kỳ.", italic=True)
        if part.chart is not None:
            _picture(doc, part.chart, part.chart_caption)
        for text in part.extra:
            body(doc, text)
    heading(doc, "III. SO SÁNH GIỮA CÁC KỲ TRONG NĂM", 1)
    for text in content.trend:
        body(doc, text)
    if content.trend_chart is not None:
        _picture(doc, content.trend_chart, "Biểu đồ 2. Diễn biến qua các kỳ trong năm")
    heading(doc, "IV. NHỮNG VẤN ĐỀ VỀ SỐ LIỆU CẦN LƯU Ý", 1)
    for text in content.findings or ["Không có sai lệch nào được phát hiện khi tổng hợp số liệu."]:
        body(doc, text)
    body(doc, content.closing)
    add_signature(doc, head)
    add_landscape_section(doc)
    add_appendix_heading(
        doc,
        ["PHỤ LỤC I", "CÁC CHỈ TIÊU CHỦ YẾU THEO TỪNG ĐƠN VỊ"],
        content.appendix_caption,
    )
    unit_table(doc, content)
    if content.forms:
        doc.add_page_break()
        add_appendix_heading(
            doc, ["PHỤ LỤC II", "BIỂU MẪU THỐNG KÊ SỐ LIỆU TỔNG HỢP"], content.appendix_caption
        )
        for form in content.forms:
            add_form_table(doc, form, value_header="Số liệu tổng hợp")
    return doc
