"""The parts of an administrative document around its body (Nghị định 30/2020/NĐ-CP, Phụ lục I).

The two-column header (issuing body and number on the left; national title,
motto and the italic place-and-date line on the right), the document type
and subject, and at the end the "Nơi nhận" list beside the signature block.
Shared by every document the system issues.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from cchc.documents.nd30 import SIZE, fixed_table, para, rule_under
from cchc.documents.textwidth import text_width_pt
from cchc.domain.letterhead import Letterhead
from cchc.domain.phrasing import BLANK, nd30_date_line, nd30_number_line, recipient_lines

__all__ = [
    "HEADER_WIDTHS_CM",
    "MOTTO",
    "NATIONAL_TITLE",
    "add_letterhead",
    "add_signature",
    "add_subject",
]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_WIDTHS_CM = [6.3, 10.2]  # = the 16,5 cm text width of a portrait page
SIGNATURE_WIDTHS_CM = [7.6, 8.9]
CELL_PADDING_CM = 0.38  # Word's default left + right cell margins
RULE_SHARE = 0.4  # the decree asks for 1/3 to 1/2 of the line above
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def _cm(points: float) -> float:
    return points / 72 * 2.54


def _first(cell: Any) -> Any:
    """The cell's first paragraph, reused so that no empty line tops the cell."""
    return cell.paragraphs[0]


def _line(cell: Any, text: str, *, first: bool = False, **style: Any) -> Any:
    paragraph = _first(cell) if first else cell.add_paragraph()
    paragraph.alignment = CENTER
    run = paragraph.add_run(text)
    run.font.size = style.get("size")
    run.font.bold = style.get("bold")
    run.font.italic = style.get("italic")
    run.font.underline = style.get("underline")
    return paragraph


def add_letterhead(doc: Any, head: Letterhead, *, number_line: bool = True) -> Any:
    """The header table: returns it so that a test or caller can inspect it.

    ``number_line=False`` leaves the number cell empty, for the forms that
    carry no "Số:" line (the apology letter, Mẫu 04 of TT 01/2018/TT-VPCP).
    """
    from docx.shared import Pt

    table = fixed_table(doc, 2, HEADER_WIDTHS_CM, borders=False)
    left, right = table.rows[0].cells
    issuing_lines = [line.strip() for line in head.issuing_body.split("\n") if line.strip()]
    first = True
    if head.parent_body:
        _line(left, head.parent_body, first=True, size=Pt(SIZE.PARENT_BODY), bold=False)
        first = False
    for line in issuing_lines or [BLANK]:
        _line(left, line, first=first, size=Pt(SIZE.ISSUING_BODY), bold=True)
        first = False
    box = HEADER_WIDTHS_CM[0] - CELL_PADDING_CM
    widest = max(
        (_cm(text_width_pt(x, SIZE.ISSUING_BODY, bold=True)) for x in issuing_lines), default=box
    )
    rule_under(left, min(widest, box) * RULE_SHARE, box)
    _line(right, NATIONAL_TITLE, first=True, size=Pt(SIZE.NATIONAL_TITLE), bold=True)
    # The motto's rule is as long as the motto itself: a character underline.
    _line(right, MOTTO, size=Pt(SIZE.MOTTO), bold=True, underline=True)
    number_cell, date_cell = table.rows[1].cells
    if number_line:
        number = _line(
            number_cell,
            nd30_number_line(head.number, head.symbol),
            first=True,
            size=Pt(SIZE.NUMBER),
        )
        number.paragraph_format.space_before = Pt(6)
    date_line = _line(
        date_cell,
        nd30_date_line(head.place, head.date, head.year),
        first=True,
        size=Pt(SIZE.DATE_LINE),
        italic=True,
    )
    date_line.paragraph_format.space_before = Pt(6)
    for cell in (*table.rows[0].cells, *table.rows[1].cells):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def add_subject(doc: Any, kind: str, subject: str, addressee: str, box_cm: float) -> None:
    """ "BÁO CÁO", its subject in bold, the short rule under it, and "Kính gửi" when there is one."""
    para(
        doc,
        kind.upper(),
        align=CENTER,
        size=SIZE.DOC_TYPE,
        bold=True,
        before=18,
        keep_with_next=True,
    )
    para(doc, subject, align=CENTER, size=SIZE.SUBJECT, bold=True, keep_with_next=True)
    width = min(_cm(text_width_pt(subject, SIZE.SUBJECT, bold=True)), box_cm)
    rule_under(doc, width * RULE_SHARE, box_cm)
    if addressee:
        para(
            doc,
            f"Kính gửi: {addressee.rstrip('.')}.",
            align=CENTER,
            size=SIZE.BODY,
            before=6,
            after=6,
        )
    else:
        para(doc, "", after=6)


def add_signature(
    doc: Any, head: Letterhead, *, recipients: bool = True, hint: str | None = None
) -> Any:
    """ "Nơi nhận" (12 pt bold italic, its list 11 pt) beside the signer's authority and name.

    Without ``recipients`` the left column stays empty (a form with no "Nơi
    nhận"); ``hint`` is the form's italic line under the title, such as
    "(Ký, ghi rõ họ tên và đóng dấu)".
    """
    from docx.shared import Pt

    table = fixed_table(doc, 1, SIGNATURE_WIDTHS_CM, borders=False)
    left, right = table.rows[0].cells
    if recipients:
        label = _first(left)
        label.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = label.add_run("Nơi nhận:")
        run.font.size, run.font.bold, run.font.italic = Pt(SIZE.RECIPIENTS_LABEL), True, True
        for line in recipient_lines(head.recipients):
            item = left.add_paragraph()
            item.alignment = WD_ALIGN_PARAGRAPH.LEFT
            item_run = item.add_run(line)
            item_run.font.size = Pt(SIZE.RECIPIENTS)
    signer = head.signer
    first = True
    if signer.authority:
        _line(right, signer.authority, first=True, size=Pt(SIZE.SIGNER), bold=True)
        first = False
    _line(right, signer.title or "…………………", first=first, size=Pt(SIZE.SIGNER), bold=True)
    if hint:
        _line(right, hint, size=Pt(SIZE.SIGNER), italic=True)
    for _ in range(4):  # room for the signature and the seal
        _line(right, "", size=Pt(SIZE.SIGNER))
    _line(right, signer.name or "…………………", size=Pt(SIZE.SIGNER), bold=True)
    return table
