"""Numbers the narrative states: one-stop statistics, staffing, public investment.

Each number is named by the words around it (``total``, ``carried_over``,
``received``, ``resolved``, ``resolved_on_time``, ``resolved_late``,
``pending``, ``pending_on_time``, ``pending_overdue``, ``paused``,
``returned``, ``withdrawn``, the online and digitisation counts, the rates
stated with them...), placed in its section and block (the one-stop desk or
level a passage speaks of: "Bộ phận một cửa các xã, thị trấn"), and linked
to the catalog indicator it is the same quantity as, when it is one (see
``links.py``). A number whose words say nothing known is left alone: this
reads what the family writes, it does not guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.domain.report import NarrativeValue
from cchc.domain.stated_ratios import read_number
from cchc.domain.wording import fold
from cchc.importers.clauses import Clause, NumberToken, clauses, years_in
from cchc.importers.document import Paragraph
from cchc.importers.lexicon import (
    BLOCK_START,
    CHANNELS,
    DOSSIER_RULES,
    OTHER_NOUNS,
    RATE_OF,
    rate_by_words,
    topic_of,
)
from cchc.importers.sections import Section

__all__ = ["Stated", "extract"]

Number = int | float


@dataclass
class Stated:
    """A number read from the narrative, before it becomes a ``NarrativeValue``."""

    name: str
    value: Number
    text: str
    section: str
    block: str | None
    topic: str | None
    other_year: int | None = None
    flags: list[str] = field(default_factory=list)

    def narrative_value(self, indicator: str | None) -> NarrativeValue:
        return NarrativeValue(
            name=self.name,
            value=self.value,
            text=self.text,
            block=self.block,
            section=self.section,
            indicator=indicator,
            flags=tuple(self.flags),
        )


def _block_heading(paragraph: Paragraph) -> str | None:
    text = paragraph.text.strip().lstrip("-+•*– ").strip()
    words = text.split()
    if not words or len(words) > 18 or re.search(r"\d", text):
        return None
    if not (text.endswith(":") or paragraph.italic or paragraph.bold):
        return None
    if not BLOCK_START.match(fold(text)):
        return None
    return _block_name(text)


def _block_name(text: str) -> str:
    text = text.strip().rstrip(":").strip()
    text = re.sub(r"^(Đối với|đối với|Ở|ở|Tại|tại|Hồ sơ TTHC của|Hồ sơ của)\s+", "", text)
    return text.strip()


def _inline_block(text: str) -> tuple[str | None, str]:
    """ "- Ở các cơ quan chuyên môn cấp huyện: Kết quả ..." → the block, and the rest."""
    body = text.strip().lstrip("-+•*– ").strip()
    head, colon, rest = body.partition(":")
    if not colon or len(head.split()) > 12 or re.search(r"\d", head):
        return None, text
    if re.match(r"^(ở|tại|đối với|nguồn vốn)\b", head.strip(), re.IGNORECASE):
        return _block_name(head), rest
    return None, text


class _Reader:
    def __init__(self, section: Section, topic: str | None, year: int | None) -> None:
        self.section = section
        self.topic = topic
        self.year = year
        self.found: list[Stated] = []
        self.block: str | None = None

    def add(
        self, name: str, value: Number, text: str, block: str | None, other_year: int | None
    ) -> None:
        self.found.append(
            Stated(name, value, text.strip(), self.section.id, block, self.topic, other_year)
        )

    def paragraph(self, paragraph: Paragraph) -> None:
        heading = _block_heading(paragraph)
        if heading is not None:
            self.block = heading
            return
        block, text = _inline_block(paragraph.text)
        block = block or self.block
        years = years_in(paragraph.text)
        other_year = None
        if self.year is not None and years and self.year not in years:
            other_year = min(years)
        folded = fold(text)
        dossiers = "ho so" in folded
        investment = "giai ngan" in folded
        staffing = "bien che" in folded
        items = clauses(text)
        state: dict[str, str | None] = {"mode": None, "last": None, "family": None, "sub": None}
        sentence = -1
        earlier: list[Clause] = []  # the sentence's clauses so far, at the top level
        for i, clause in enumerate(items):
            if clause.sentence != sentence:
                sentence, earlier = clause.sentence, []
                state = {"mode": None, "last": None, "family": None, "sub": None}
            level = re.search(r"muc (?:do )?([ⅰⅱⅲⅳ])", fold(clause.masked))
            if level:
                state["sub"] = f"dịch vụ công mức độ {'ⅰⅱⅲⅳ'.index(level.group(1)) + 1}"
            where = " – ".join(b for b in (block, state["sub"]) if b) or None
            if clause.formula is not None:
                self._formula(clause, items[:i], where, other_year)
                continue
            if dossiers:
                self._dossiers(clause, items[i - 1] if i else None, state, where, other_year)
            if investment:
                self._investment(clause, where, other_year, earlier)
            if clause.depth == 0:
                earlier.append(clause)
            if staffing:
                self._staffing(clause, where, other_year)
            if self.topic == "procedures":
                self._procedures(clause, where, other_year)

    # -------------------------------------------------------------- dossiers

    def _dossiers(
        self,
        clause: Clause,
        previous: Clause | None,
        state: dict[str, str | None],
        block: str | None,
        other_year: int | None,
    ) -> None:
        if not clause.numbers:
            negated = re.search(r"\bkhong co (ho so )?(.*)", clause.folded)
            if negated:
                name = self._name(negated.group(2), "", state)
                if name in ("resolved_late", "pending_overdue", "paused", "returned", "withdrawn"):
                    self.add(name, 0, clause.text, block, other_year)
            return
        for token in clause.numbers:
            if token.percent:
                self._rate(token, clause, previous, state, block, other_year)
                continue
            if token.pair is not None:
                self._pair(token, clause, state, block, other_year)
                continue
            if token.noun and not token.noun.startswith("ho so") and OTHER_NOUNS.match(token.noun):
                continue
            name = self._name(token.before, token.after, state)
            if name is None:
                continue
            self.add(name, token.value, clause.text, block, other_year)
            state["last"] = name

    def _name(self, before: str, after: str, state: dict[str, str | None]) -> str | None:
        found = None
        for words in (before, after[:60]):
            found = next((n for n, p in DOSSIER_RULES if p.search(words)), None)
            if found:
                break
        text = f"{before} {after[:60]}"
        if found == "total" and re.search(r"tiep nhan (truc tuyen|truc tiep|qua buu chinh)", text):
            found = "_received"  # "Tổng số hồ sơ tiếp nhận trực tuyến": a channel's count
        if found == "_received" or (found is None and state["family"] == "received"):
            state["family"] = "received"
            if re.search(r"\bmoi\b", text):
                return "received"
            channel = next((n for n, p in CHANNELS if p.search(text)), None)
            return channel or ("received" if found else None)
        if found == "_late":
            return "pending_overdue" if state["mode"] == "pending" else "resolved_late"
        if found == "_on_time":
            return "pending_on_time" if state["mode"] == "pending" else "resolved_on_time"
        if found in ("pending", "resolved"):
            state["mode"] = found
        if found in ("total", "carried_over"):
            state["mode"], state["family"] = None, None
        return found

    def _rate(
        self,
        token: NumberToken,
        clause: Clause,
        previous: Clause | None,
        state: dict[str, str | None],
        block: str | None,
        other_year: int | None,
    ) -> None:
        last = state["last"]
        rate = RATE_OF.get(last or "")
        words = f"{token.before} {clause.folded}"
        if rate is None and "ty le" in words:
            # "Tỷ lệ giải quyết hồ sơ đúng hạn đạt 99,51%": the rate names itself.
            rate = rate_by_words(words)
            previous = None
        if rate is None or not re.search(r"chiem|ty le|dat", words):
            return
        text = clause.text
        if previous is not None and not re.search(r"chiem", token.before) and previous.numbers:
            text = f"{previous.text}, {clause.text}"
        self.add(rate, token.value, text, block, other_year)

    def _pair(
        self,
        token: NumberToken,
        clause: Clause,
        state: dict[str, str | None],
        block: str | None,
        other_year: int | None,
    ) -> None:
        words = clause.folded
        name = None
        if "so hoa" in words:
            name = "digitised_input" if "thanh phan" in words else "digitised_result"
        elif "mot phan" in words:
            name = "online_partial"
        elif "toan trinh" in words:
            name = "online_full"
        if name is None or token.pair is None:
            return
        self.add(name, token.value, clause.text, block, other_year)
        self.add(f"{name}_base", token.pair, clause.text, block, other_year)
        state["last"] = name

    def _formula(
        self, clause: Clause, before: list[Clause], block: str | None, other_year: int | None
    ) -> None:
        from cchc.domain.stated_ratios import find_ratios

        ratios = find_ratios(clause.text)
        if not ratios:
            return
        context = fold(" ".join(c.text for c in [*before[-2:], clause]))
        words = fold(clause.text.split(ratios[0].text)[0]) or context
        name = rate_by_words(words)
        if name is None or name == "received_online_rate":
            if "truc tuyen" not in context and self.topic != "egov":
                return
            name = "online_rate"
        self.add(name, ratios[0].stated, clause.text, block, other_year)

    # -------------------------------------------------------------- others

    def _investment(
        self, clause: Clause, block: str | None, other_year: int | None, earlier: list[Clause]
    ) -> None:
        first_in_block = block is not None and fold(block).startswith("nguon von")
        for n, token in enumerate(clause.numbers):
            before = token.before
            quote = clause.text
            if n == 0 and earlier and not re.search(r"[a-z]{3}", before.replace("la", "")):
                # "…tổng kế hoạch vốn … (ghi chú) là: 322.217 triệu đồng": the words
                # naming the amount came before the brackets.
                lead = earlier[-3:]
                before = " ".join([*(c.folded for c in lead), before])
                quote = ", ".join(c.text for c in lead) + f" … {clause.text}"
            if token.percent:
                if "dat" in before and any(
                    s.name == "public_investment_disbursed" for s in self.found[-3:]
                ):
                    tabmis = re.search(r"tabmis|nhap nguon", token.after[:80])
                    name = "public_investment_rate_tabmis" if tabmis else "public_investment_rate"
                    self.add(name, token.value, clause.text, block, other_year)
                continue
            if not token.noun.startswith(("trieu dong", "ty dong")):
                continue
            amount = read_number(token.digits, "amount")
            if amount is None:
                continue
            value = amount * 1000 if token.noun.startswith("ty dong") else amount
            value = round(value, 6)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if re.search(r"tabmis|nhap nguon", before):
                name = "public_investment_tabmis"
            elif "giai ngan" in before:
                name = "public_investment_disbursed"
            elif re.match(r"^\W*(tang|giam|bo sung)\b", clause.folded):
                continue
            elif re.search(r"ke hoach von|von dau tu cong|kinh phi duoc (cap|giao)", before):
                name = "public_investment_planned"
            elif (
                first_in_block
                and n == 0
                and clause.depth == 0
                and not any(
                    s.name == "public_investment_planned" and s.block == block for s in self.found
                )
            ):
                # "- Nguồn vốn X: 36.358 triệu đồng, ...": the source's allocation.
                name = "public_investment_planned"
            else:
                continue
            self.add(name, value, quote, block, other_year)

    def _staffing(self, clause: Clause, block: str | None, other_year: int | None) -> None:
        # Only the administrative civil servants are Biểu mẫu 4's 2.1/2.2; a clause about
        # public service, education, communes or associations is about other staff.
        if re.search(
            r"su nghiep|giao duc|vien chuc|hoi dac thu|\bxa\b|phuong|hop dong", clause.folded
        ):
            return
        for token in clause.numbers:
            if token.percent or token.pair is not None:
                continue
            if token.noun and not token.noun.startswith(("bien che", "nguoi")):
                continue
            around = f"{token.before} {token.after[:40]}"
            administrative = "hanh chinh" in around or "cong chuc" in around
            if re.search(r"hien co|co mat", token.before):
                if re.search(r"(cong chuc|bien che) (hien co|co mat)|co mat", token.before):
                    self.add("civil_servants_present", token.value, clause.text, block, other_year)
            elif "giao" in around and administrative:
                self.add("civil_servants_quota", token.value, clause.text, block, other_year)

    def _procedures(self, clause: Clause, block: str | None, other_year: int | None) -> None:
        for token in clause.numbers:
            if token.percent or token.pair is not None:
                continue
            if not re.match(r"^(tthc|thu tuc)", token.noun):
                continue
            around = f"{token.before} {token.after[:40]}"
            if re.search(
                r"cong bo|bai bo|thay the|sua doi|don gian|lien thong|truc tuyen|muc do|toan trinh"
                r"|mot phan|cat giam|phe duyet|thanh toan|so hoa|ngay khong",
                around,
            ):
                continue
            level = re.search(r"cap (tinh|huyen|xa)", token.after[:40])
            if level:
                name = {
                    "tinh": "procedures_province",
                    "huyen": "procedures_district",
                    "xa": "procedures_commune",
                }[level.group(1)]
            elif re.search(r"tong so", token.before):
                name = "procedures_total"
            else:
                continue
            self.add(name, token.value, clause.text, block, other_year)


def extract(sections: list[Section], year: int | None) -> list[Stated]:
    """Every number the narrative states that the lexicon can name, in order."""
    found: list[Stated] = []
    for section in sections:
        reader = _Reader(section, topic_of(section.titles), year)
        for paragraph in section.paragraphs:
            reader.paragraph(paragraph)
        found.extend(reader.found)
    for stated in found:
        if stated.other_year is not None:
            stated.flags.append(f"đoạn văn nói về năm {stated.other_year}, khác năm báo cáo")
    return found
