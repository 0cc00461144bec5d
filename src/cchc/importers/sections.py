"""The narrative's outline: sections with their outline ids ("II.2.2") and text.

The family numbers its narrative "I." (parts), "1." / "2.2." / "2.1" (items,
any depth) and "a)" (sub-items). The body runs from after the title to
"Nơi nhận" (or the appendix). A paragraph that a page break cut in two
("Đã giải quyết 507 hồ sơ, đúng hạn" … footnotes … "507 hồ sơ, ...") is
joined again; footnotes are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.domain.wording import fold
from cchc.importers.document import Document, Paragraph
from cchc.importers.tables import form_caption

__all__ = ["Section", "body_paragraphs", "heading", "outline"]

_ROMAN = re.compile(r"^(?P<n>(?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.:/]\s+(?P<t>\S.*)$")
_ARABIC = re.compile(
    r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<t>\S.*)$|^(?P<m>\d{1,2})\.\s+(?P<u>\S.*)$"
)
_LETTER = re.compile(r"^(?P<n>[a-zđ])\)\s+(?P<t>\S.*)$")


@dataclass
class Section:
    id: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    titles: list[str] = field(
        default_factory=list
    )  # the titles of the parts it sits in, and its own

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def heading(text: str) -> tuple[str, str, str] | None:
    """(kind, number, title) of a heading line: ("roman", "II", ...), ("arabic", "2.2", ...)."""
    first = text.strip()
    match = _ROMAN.match(first)
    if match and match.group("n"):
        return "roman", match.group("n"), match.group("t")
    match = _ARABIC.match(first)
    if match:
        number = match.group("n") or match.group("m")
        title = match.group("t") or match.group("u")
        if title and (title[0].isupper() or title[0] in '“"('):
            return "arabic", number, title
        return None
    match = _LETTER.match(first)
    if match:
        return "letter", match.group("n"), match.group("t")
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":", "!", "?", ")", "”", "*"))


def body_paragraphs(document: Document, start: int = 0) -> list[Paragraph]:
    """The narrative's paragraphs from ``start``, to "Nơi nhận" or the appendix, rejoined."""
    out: list[Paragraph] = []
    for block in document.blocks[start:]:
        if not isinstance(block, Paragraph):
            continue
        first = block.lines[0] if block.lines else ""
        folded = fold(first)
        if folded.startswith(("noi nhan", "phu luc")) or form_caption(first) is not None:
            break
        if block.footnote:
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and not _ends_sentence(previous.text)
            and heading(previous.text) is None
            and heading(block.text) is None
            and (block.text[:1].islower() or block.text[:1].isdigit())
        ):
            out[-1] = Paragraph(
                f"{previous.text} {block.text}", previous.bold and block.bold, False, False
            )
            continue
        out.append(block)
    return out


def _title(text: str) -> str:
    head, colon, _ = text.partition(":")
    if colon and len(head) <= 200:
        return head.strip()
    return text.strip() if len(text) <= 200 else text[:200].rsplit(" ", 1)[0] + "…"


def outline(document: Document) -> list[Section]:
    """The narrative's sections in order; text before the first heading is section "0"."""
    start = 0
    for i, block in enumerate(document.blocks):
        if isinstance(block, Paragraph) and re.match(r"^B[ÁA]O C[ÁA]O\b", block.text):
            start = i + 1
            break
    sections: list[Section] = [Section("0", "Phần mở đầu")]
    roman = arabic = letter = ""
    titles: dict[str, str] = {}
    for paragraph in body_paragraphs(document, start):
        found = heading(paragraph.text.splitlines()[0])
        if found is None:
            sections[-1].paragraphs.append(paragraph)
            continue
        kind, number, rest = found
        if kind == "roman":
            roman, arabic, letter = number, "", ""
        elif kind == "arabic":
            arabic, letter = number, ""
        else:
            letter = number
        parts = [p for p in (roman, arabic, letter) if p]
        section_id = ".".join(parts)
        if any(s.id == section_id for s in sections):
            # A list that restarts its letters (or a numbering slip): keep ids unique.
            section_id += f" ({sum(s.id.split(' (')[0] == section_id for s in sections) + 1})"
        title = _title(rest)
        titles[section_id] = title
        chain = [titles.get(".".join(parts[:i])) for i in range(1, len(parts) + 1)]
        if kind == "arabic" and "." in arabic:
            # "2.2" sits in "2": keep that title in the chain too.
            top = ".".join(p for p in (roman, arabic.split(".")[0]) if p)
            chain.insert(-1, titles.get(top))
        section = Section(section_id, title, titles=[t for t in chain if t])
        remainder = rest[len(title) :].lstrip(" :") if rest.startswith(title) else ""
        if remainder:
            section.paragraphs.append(Paragraph(remainder))
        section.paragraphs.extend(Paragraph(x) for x in paragraph.text.splitlines()[1:])
        sections.append(section)
    if not sections[0].paragraphs:
        sections.pop(0)
    return sections
