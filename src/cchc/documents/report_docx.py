"""A unit's periodic CCHC report as a DOCX ready to sign (Nghị định 30/2020/NĐ-CP).

Header, subject, legal basis, the body I–V (``cchc.domain.outline``: the
unit's text where it belongs and the sentences generated from its numbers),
the closing sentence, "Nơi nhận" and the signature block on portrait pages;
then the appendix Biểu mẫu 1–7 on landscape pages. The narrative and the
appendix are written from the same values, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from cchc.documents.appendix_docx import add_appendix_heading, add_form_table
from cchc.documents.letterhead_docx import add_letterhead, add_signature, add_subject
from cchc.documents.nd30 import add_landscape_section, heading, new_document, text_width_cm
from cchc.documents.nd30 import body as body_paragraph
from cchc.documents.output import atomic_write
from cchc.domain.appendix import AppendixForm
from cchc.domain.letterhead import Letterhead, closing_paragraph, intro_paragraph
from cchc.domain.outline import Kind, Line
from cchc.domain.periods import Period
from cchc.domain.phrasing import BLANK, nd30_number_line, nd30_short_date, period_phrase

__all__ = ["appendix_caption", "build_report_docx", "docx_bytes", "save_docx", "write_body"]


def write_body(doc: Any, lines: Sequence[Line]) -> None:
    """Headings as Word headings (the navigation pane shows the outline), text in the body style."""
    for line in lines:
        if line.kind is Kind.HEADING:
            heading(doc, line.text, line.level)
        else:
            body_paragraph(doc, line.text, italic=line.kind is Kind.EMPTY)


def appendix_caption(head: Letterhead, unit_name: str) -> str:
    """ "(Kèm theo Báo cáo số 53/BC-UBND ngày 07/9/2023 của UBND thành phố Gia Nghĩa)"."""
    number = nd30_number_line(head.number, head.symbol).removeprefix("Số: ")
    day = nd30_short_date(head.date) if head.date else f"{BLANK}/{BLANK}/{head.year}"
    return f"(Kèm theo Báo cáo số {number} ngày {day} của {unit_name})"


def build_report_docx(
    *,
    head: Letterhead,
    unit_name: str,
    period: Period,
    body: Sequence[Line],
    forms: Sequence[AppendixForm],
) -> Any:
    """The whole document, in memory."""
    doc = new_document()
    add_letterhead(doc, head)
    add_subject(doc, "Báo cáo", head.title, head.addressee, text_width_cm(doc.sections[0]))
    body_paragraph(doc, intro_paragraph(head, unit_name, period))
    write_body(doc, body)
    body_paragraph(doc, closing_paragraph(head, unit_name, period))
    add_signature(doc, head)
    if forms:
        add_landscape_section(doc)
        add_appendix_heading(
            doc,
            [
                "PHỤ LỤC",
                "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH",
                period_phrase(period).upper(),
            ],
            appendix_caption(head, unit_name),
        )
        for form in forms:
            add_form_table(doc, form)
    return doc


def save_docx(doc: Any, path: Path | str) -> Path:
    return atomic_write(path, lambda tmp: doc.save(str(tmp)))


def docx_bytes(doc: Any) -> bytes:
    """The document as bytes (for the web application's download)."""
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
