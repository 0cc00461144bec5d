"""Apology letters (Mẫu 04, Thông tư 01/2018/TT-VPCP) as DOCX, one per dossier or merged.

"Phiếu xin lỗi và hẹn lại ngày trả kết quả": the resolving agency tells the
applicant when the dossier was received, when its result was due, why it is
late, apologises and gives a new date. The layout is the decree's
(Nghị định 30/2020/NĐ-CP) through the same header and signature as every
document the system issues (``letterhead_docx``): the issuing body with its
rule on the left, the national title, motto and the place-and-date line on
the right; the form has no "Số:" line and no "Nơi nhận". The words are the
``ApologyWording`` read from ``documents/apology.yaml`` (a province may
override it). Files are written to a temporary name and renamed, so a reader
never sees a half-written letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from cchc.documents.letterhead_docx import add_letterhead, add_signature
from cchc.documents.nd30 import BODY_STYLE_ID, SIZE, new_document, para
from cchc.documents.output import atomic_write
from cchc.domain.apology import ApologyWording, letter_fields
from cchc.domain.letterhead import Letterhead, Signer

__all__ = ["ApologyLetter", "write_letter", "write_letter_files", "write_letters"]

DOTS = "…………………………"
# Room to write the place by hand: six em-wide dots keep the longest date line
# ("…, ngày 26 tháng 12 năm 2023", 14 pt) on one line of the header's right column.
PLACE_DOTS = "…" * 6
NO_SIGNER = Signer()


@dataclass(frozen=True, slots=True)
class ApologyLetter:
    agency: str  # the resolving agency as the text names it (or its code when no name is known)
    dossier_id: str
    applicant: str
    procedure: str
    received: date
    due: date
    new_date: date
    letter_date: date
    reason: str | None = None  # None leaves a dotted line to fill in by hand
    resolved: bool = False  # the result is already out (resolved late)
    issuing_body: str = ""  # as the header prints it; empty: the agency in capitals
    parent_body: str = ""  # the governing body printed above it, if any
    place: str | None = None  # None leaves dots before the date to fill in by hand
    signer: Signer = NO_SIGNER  # without a title, the wording's signer_title is printed


def _letterhead(letter: ApologyLetter, wording: ApologyWording) -> Letterhead:
    signer = letter.signer
    if not signer.title:
        signer = replace(signer, title=wording.signer_title)
    return Letterhead(
        parent_body=letter.parent_body,
        issuing_body=letter.issuing_body or letter.agency.upper(),
        number=None,
        symbol="",
        place=letter.place or PLACE_DOTS,
        date=letter.letter_date,
        year=letter.letter_date.year,
        title=wording.title,
        addressee=letter.applicant,
        legal_basis=(),
        recipients=(),
        signer=signer,
    )


def _draft(document: Any, letter: ApologyLetter, wording: ApologyWording) -> None:
    """One letter at the end of ``document``: header, title, addressee, body, signature."""
    head = _letterhead(letter, wording)
    fields = letter_fields(
        agency=letter.agency,
        applicant=letter.applicant,
        procedure=letter.procedure,
        dossier_id=letter.dossier_id,
        received=letter.received,
        due=letter.due,
        new_date=letter.new_date,
        reason=letter.reason or DOTS * 2,
    )
    add_letterhead(document, head, number_line=False)
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, wording.title, align=center, size=SIZE.DOC_TYPE, bold=True, before=18, after=6)
    addressee = wording.addressee.format_map(fields)
    para(document, addressee, align=center, size=SIZE.BODY, after=6)
    for text in wording.body(fields, resolved=letter.resolved):
        para(document, text, style=BODY_STYLE_ID)
    # The form's hint stays while no signer's name is printed under it.
    hint = None if letter.signer.name else wording.signature_hint
    add_signature(document, head, recipients=False, hint=hint)


def _setup(document: Any, agency: str, wording: ApologyWording) -> None:
    document.core_properties.title = wording.title.capitalize()
    document.core_properties.author = agency


def _save(document: Any, path: Path) -> None:
    atomic_write(path, document.save)


def write_letter(path: Path, letter: ApologyLetter, wording: ApologyWording) -> None:
    write_letter_files([(path, letter)], wording)


def write_letter_files(
    items: Iterable[tuple[Path, ApologyLetter]], wording: ApologyWording
) -> None:
    """One DOCX per letter, each drafted in the same document emptied in between.

    Opening python-docx's template costs about as much as drafting a letter:
    reusing one document makes a thousand letters a third faster.
    """
    document = new_document(page_numbers=False)
    body = document.element.body
    for path, letter in items:
        for element in list(body.iterchildren()):
            if element is not body.sectPr:
                body.remove(element)
        _setup(document, letter.agency, wording)
        _draft(document, letter, wording)
        _save(document, path)


def write_letters(
    path: Path, letters: Iterable[ApologyLetter], wording: ApologyWording, *, author: str
) -> None:
    """Every letter in one document, each starting on a new page.

    ``author`` goes in the document properties; ``letters`` may be an
    iterator that reports progress.

    Each letter is drafted in a small scratch document and its elements are
    moved to the end of the merged one: python-docx looks up the section at
    the end of the body for every paragraph and table it adds, so adding to
    the growing document directly took quadratic time (4.141 letters: 100 s).
    """
    document, scratch = new_document(page_numbers=False), new_document(page_numbers=False)
    _setup(document, author, wording)
    end = document.element.body.sectPr
    draft = scratch.element.body
    for number, letter in enumerate(letters):
        if number:
            # A one-point paragraph that starts a page: every letter's header then sits
            # at the top margin, where a page-break run would push it down a line.
            start = para(scratch, "", before=0, after=0)
            start.paragraph_format.page_break_before = True
            start.paragraph_format.line_spacing = Pt(1)
        _draft(scratch, letter, wording)
        for element in list(draft.iterchildren()):
            if element is not draft.sectPr:
                end.addprevious(element)  # moves it out of the scratch document
    _save(document, path)
