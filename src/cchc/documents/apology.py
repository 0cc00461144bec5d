"""Apology letters (Mẫu 04, Thông tư 01/2018/TT-VPCP) as DOCX, one per dossier or merged.

"Phiếu xin lỗi và hẹn lại ngày trả kết quả": the resolving agency tells the
applicant when the dossier was received, when its result was due, why it is
late, apologises and gives a new date. The layout follows Nghị định
30/2020/NĐ-CP: A4, Times New Roman, a two-column header with the national
motto, the place and date in italics, the signer's block on the right.
Files are written to a temporary name and renamed, so a reader never sees a
half-written letter.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt

from cchc.domain.periods import format_date

__all__ = ["ApologyLetter", "long_date", "write_letter", "write_letter_files", "write_letters"]

FONT = "Times New Roman"
DOTS = "…………………………"


@dataclass(frozen=True, slots=True)
class ApologyLetter:
    agency: str  # the resolving agency's name (or its code when no name is known)
    dossier_id: str
    applicant: str
    procedure: str
    received: date
    due: date
    new_date: date
    letter_date: date
    reason: str | None = None  # None leaves a dotted line to fill in by hand
    resolved: bool = False  # the result is already out (resolved late)
    parent: str | None = None  # the agency's governing body, first line of the header
    place: str | None = None
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"
    signer_name: str | None = None


def long_date(day: date, place: str | None = None) -> str:
    """ "Gia Nghĩa, ngày 07 tháng 9 năm 2023": days under 10 and months 1–2 padded (NĐ 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place or DOTS}, {text}"


def _run(
    paragraph: Any,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    return run


def _paragraph(
    container: Any,
    text: str = "",
    *,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _setup(document: Any, agency: str) -> None:
    document.core_properties.title = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    document.core_properties.author = agency
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)


def _header(document: Any, letter: ApologyLetter) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if letter.parent:
        _run(first, letter.parent.upper(), size=13)
        first = left.add_paragraph()
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(first, letter.agency.upper(), size=13, bold=True, underline=True)
    motto = right.paragraphs[0]
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    line = right.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(line, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
    _paragraph(
        document,
        long_date(letter.letter_date, letter.place),
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        italic=True,
    )


def _body(document: Any, letter: ApologyLetter) -> None:
    _paragraph(
        document,
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
    )
    _paragraph(document, f"Kính gửi: {letter.applicant}", align=WD_ALIGN_PARAGRAPH.CENTER)
    agency = letter.agency
    texts = [
        f"Ngày {format_date(letter.received)}, {agency} tiếp nhận hồ sơ đề nghị giải quyết "
        f"thủ tục hành chính “{letter.procedure}” của {letter.applicant}; "
        f"mã hồ sơ: {letter.dossier_id}.",
        "Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết "
        f"quả là ngày {format_date(letter.due)}.",
        (
            f"Tuy nhiên, {agency} đã không trả kết quả giải quyết hồ sơ đúng thời hạn nêu trên."
            if letter.resolved
            else f"Tuy nhiên đến nay, {agency} chưa trả được kết quả giải quyết hồ sơ "
            "theo đúng thời hạn nêu trên."
        ),
        f"Lý do: {letter.reason or DOTS * 2}.",
        f"Sự chậm trễ này đã gây phiền hà cho {letter.applicant}. {agency} thành thật xin lỗi "
        f"và hẹn lại ngày trả kết quả vào ngày {format_date(letter.new_date)}.",
        f"{agency} trân trọng cảm ơn./.",
    ]
    for text in texts:
        _paragraph(document, text, indent=True)
    signature = document.add_table(rows=1, cols=2)
    signature.autofit = False
    _, right = signature.rows[0].cells
    title = right.paragraphs[0]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, letter.signer_title, size=13, bold=True)
    hint = right.add_paragraph()
    hint.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(hint, "(Ký, ghi rõ họ tên và đóng dấu)", size=13, italic=True)
    for _ in range(3):
        right.add_paragraph()
    if letter.signer_name:
        name = right.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(name, letter.signer_name, size=14, bold=True)


def _save(document: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        document.save(tmp)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_letter(path: Path, letter: ApologyLetter) -> None:
    write_letter_files([(path, letter)])


def write_letter_files(items: Iterable[tuple[Path, ApologyLetter]]) -> None:
    """One DOCX per letter, each drafted in the same document emptied in between.

    Opening python-docx's template costs about as much as drafting a letter:
    reusing one document makes a thousand letters a third faster.
    """
    document = Document()
    body = document.element.body
    for path, letter in items:
        for element in list(body.iterchildren()):
            if element is not body.sectPr:
                body.remove(element)
        _setup(document, letter.agency)
        _header(document, letter)
        _body(document, letter)
        _save(document, path)


def write_letters(path: Path, letters: Iterable[ApologyLetter], *, author: str) -> None:
    """Every letter in one document, each starting on a new page.

    ``author`` goes in the document properties; ``letters`` may be an
    iterator that reports progress.

    Each letter is drafted in a small scratch document and its elements are
    moved to the end of the merged one: python-docx looks up the section at
    the end of the body for every paragraph and table it adds, so adding to
    the growing document directly took quadratic time (4.141 letters: 100 s).
    """
    document, scratch = Document(), Document()
    _setup(document, author)
    _setup(scratch, author)  # same page: table widths come from it
    end = document.element.body.sectPr
    draft = scratch.element.body
    for number, letter in enumerate(letters):
        if number:
            scratch.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _header(scratch, letter)
        _body(scratch, letter)
        for element in list(draft.iterchildren()):
            if element is not draft.sectPr:
                end.addprevious(element)  # moves it out of the scratch document
    _save(document, path)
