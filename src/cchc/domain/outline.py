"""The body of a periodic CCHC report: the outline the seeds share, filled from the data.

I. Công tác chỉ đạo, điều hành; II. Kết quả thực hiện (1. thể chế … 6. chính
quyền điện tử, chính quyền số); III. Đánh giá chung; IV. Phương hướng,
nhiệm vụ kỳ tới; V. Kiến nghị, đề xuất. Each part gets, in order: its
heading, the text the unit wrote for it, the sentences generated from its
Biểu mẫu, then the unit's sub-sections. A part with nothing says so plainly
instead of vanishing. Sections the unit numbered outside this skeleton
("II.7", "VI") are kept, in outline order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from cchc.domain.catalog import Catalog
from cchc.domain.form_sentences import form_sentences
from cchc.domain.phrasing import next_period_phrase
from cchc.domain.report import NarrativeSection, ReportData
from cchc.domain.sentences import Facts, onestop_sentences

__all__ = ["NO_TEXT", "Kind", "Line", "Node", "display_number", "report_body", "skeleton"]

NO_TEXT = "Đơn vị chưa nhập nội dung phần này."


class Kind(StrEnum):
    HEADING = "heading"
    TEXT = "text"  # written by the unit
    FIGURES = "figures"  # generated from the values
    EMPTY = "empty"  # says that there is nothing here


@dataclass(frozen=True, slots=True)
class Line:
    kind: Kind
    text: str
    level: int = 0  # heading depth: 1 for "I.", 2 for "1.", 3 for "1.1."
    section: str = ""  # outline id


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    title: str
    form: int | None = None  # the Biểu mẫu whose numbers this part states
    needs_text: bool = False  # a part only the unit can write


def skeleton(report: ReportData) -> list[Node]:
    ahead = next_period_phrase(report.period).upper()
    return [
        Node("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", 1),
        Node("II", "KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"),
        Node("II.1", "Cải cách thể chế", 2),
        Node(
            "II.2", "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông", 3
        ),
        Node("II.3", "Cải cách tổ chức bộ máy hành chính nhà nước", 4),
        Node("II.4", "Cải cách chế độ công vụ", 5),
        Node("II.5", "Cải cách tài chính công", 6),
        Node("II.6", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", 7),
        Node("III", "ĐÁNH GIÁ CHUNG", needs_text=True),
        Node("IV", f"PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM {ahead}", needs_text=True),
        Node("V", "KIẾN NGHỊ, ĐỀ XUẤT", needs_text=True),
    ]


_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}


def _normal_id(raw: str) -> str:
    return ".".join(p for p in re.split(r"[.\s]+", raw.strip().rstrip(".")) if p)


def _sort_key(section_id: str) -> tuple[tuple[int, int | str], ...]:
    parts = section_id.split(".")
    key: list[tuple[int, int | str]] = []
    for i, part in enumerate(parts):
        if i == 0 and part.upper() in _ROMAN:
            key.append((0, _ROMAN[part.upper()]))
        elif part.isdigit():
            key.append((0, int(part)))
        else:
            key.append((1, part))
    return tuple(key)


def _parseable(section_id: str) -> bool:
    first = section_id.split(".")[0].upper()
    return first in _ROMAN


def display_number(section_id: str) -> str:
    """ "III." for "III", "1." for "II.1", "2.1." for "II.2.1", "a)" for "II.2.a"."""
    parts = section_id.split(".")
    if len(parts) == 1:
        return f"{parts[0]}."
    tail = parts[1:]
    if tail[-1].isalpha() and not tail[-1].isdigit():
        return f"{tail[-1]})"
    return ".".join(tail) + "."


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _is_under(child: str, parent: str) -> bool:
    return child.startswith(parent + ".")


def report_body(report: ReportData, catalog: Catalog) -> list[Line]:
    """The numbered body between the introduction and the closing sentence."""
    facts = Facts(report, catalog)
    nodes = {n.id: n for n in skeleton(report)}
    sections: dict[str, NarrativeSection] = {}
    loose: list[NarrativeSection] = []
    for written in report.sections:
        sid = _normal_id(written.id)
        if not _parseable(sid):
            loose.append(written)
        elif sid in sections:
            # Two parts numbered alike: keep both texts, in the order written.
            first = sections[sid]
            sections[sid] = NarrativeSection(sid, first.title, f"{first.text}\n{written.text}")
        else:
            sections[sid] = NarrativeSection(sid, written.title, written.text)
    ids = sorted(set(nodes) | set(sections), key=_sort_key)
    lines: list[Line] = []
    for sid in ids:
        node, section = nodes.get(sid), sections.get(sid)
        depth = sid.count(".") + 1
        title = (section.title.strip() if section and section.title.strip() else "") or (
            node.title if node else ""
        )
        if depth == 1:
            title = title.upper()
        lines.append(Line(Kind.HEADING, f"{display_number(sid)} {title}".strip(), depth, sid))
        if section and section.text.strip():
            lines += [Line(Kind.TEXT, p, 0, sid) for p in _paragraphs(section.text)]
        has_children = any(_is_under(other, sid) for other in sections)
        if node and node.form is not None:
            figures = form_sentences(node.form, facts)
            if node.form == 3:
                figures += onestop_sentences(report)
            lines += [Line(Kind.FIGURES, s, 0, sid) for s in figures]
            if not figures:
                lines.append(
                    Line(
                        Kind.EMPTY,
                        f"Biểu mẫu {node.form} không có số liệu được báo cáo trong kỳ.",
                        0,
                        sid,
                    )
                )
        elif (
            node and node.needs_text and not (section and section.text.strip()) and not has_children
        ):
            lines.append(Line(Kind.EMPTY, NO_TEXT, 0, sid))
    for extra in loose:
        lines.append(Line(Kind.HEADING, extra.title.strip().upper() or extra.id, 1, extra.id))
        lines += [Line(Kind.TEXT, p, 0, extra.id) for p in _paragraphs(extra.text)]
    return lines
