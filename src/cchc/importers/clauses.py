"""Prose cut into clauses, each number with the words around it.

Statistics sentences of the family pack many numbers into one sentence:
"Tổng số hồ sơ trong kỳ 5576 (trong đó số hồ sơ tồn từ kỳ trước 1619; hồ sơ
tiếp nhận trong kỳ 3957); số hồ sơ đã giải quyết là 4048 (trong đó đúng hạn
2835 chiếm 70%, ...)". Reading them needs, for each number, the words just
before it (what it counts) and just after it (its noun: "hồ sơ", "người",
"triệu đồng"), the sentence it belongs to, and whether it sits in brackets
that qualify the previous clause. Dates, document references ("61/2018/NĐ-CP")
and years are masked first so that they are never read as counts;
digressions in brackets ("(lý do: ...)") are left out; formulas written out
("((507+15)/522) × 100 = 100%") are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.domain.stated_ratios import NUMBER, read_number
from cchc.domain.wording import fold

__all__ = ["Clause", "NumberToken", "clauses", "years_in"]

Number = int | float

_DIGRESSION = re.compile(r"\(\s*(?:lý do|lí do|nguyên nhân|ví dụ|cụ thể như)\b", re.IGNORECASE)
_MASKS = [
    re.compile(r"\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}\b"),  # dates
    re.compile(r"\b\d+(?:/\d{4})?/[A-ZĐ][\wĐđ&\-]*"),  # 61/2018/NĐ-CP, 1228/UBND-TH
    re.compile(r"\b(?:tháng|quý|quí)\s*\d{1,2}\s*/\s*\d{4}\b", re.IGNORECASE),
    re.compile(r"\b\d{1,2}\s*tháng\b", re.IGNORECASE),  # "9 tháng", "06 tháng đầu năm"
    re.compile(r"\b\d+:\d+\b"),  # ISO 9001:2015
    re.compile(r"\b(?:giai đoạn|năm)\s*\d{4}\s*[-–]\s*\d{4}\b", re.IGNORECASE),
]
_YEAR = re.compile(r"\bnăm\s*(\d{4})\b", re.IGNORECASE)
_LEVEL = re.compile(r"\b(mức|mức độ)\s*([1-4])\b", re.IGNORECASE)
_FORMULA = re.compile(
    rf"\(*\s*(?:{NUMBER})(?:\s*\+\s*(?:{NUMBER}))*\s*\)*\s*/\s*\(*\s*(?:{NUMBER})(?:\s*\+\s*(?:{NUMBER}))*"
    rf"\s*\)*\s*(?:[×x*]\s*100\s*%?\s*\)*)?\s*=\s*(?:{NUMBER})\s*%"
)
_TOKEN = re.compile(
    rf"(?<![\w§/.,#])(?P<a>{NUMBER})(?P<pct>\s*%)?(?:\s*/\s*(?P<b>{NUMBER})(?![\w/]))?(?![\d])"
)
_LEVELS = {"1": "Ⅰ", "2": "Ⅱ", "3": "Ⅲ", "4": "Ⅳ"}


@dataclass
class NumberToken:
    value: Number
    raw: str
    percent: bool
    pair: Number | None  # b of "a/b"
    digits: str  # the number as written ("26,849"), to read again as another kind
    before: str  # folded words between the previous number (or clause start) and this one
    after: str  # folded words from this number to the next one (or clause end)
    noun: str  # folded first words after the number


@dataclass
class Clause:
    text: str  # as written, for quoting
    sentence: int
    depth: int  # brackets around it
    formula: str | None = None  # a written-out formula the clause carries
    masked: str = ""  # the same with dates, references and years blanked out
    numbers: list[NumberToken] = field(default_factory=list)

    @property
    def folded(self) -> str:
        return fold(self.text)


def years_in(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(text)}


def _drop_digressions(text: str) -> str:
    while True:
        match = _DIGRESSION.search(text)
        if not match:
            return text
        depth, end = 0, len(text)
        for i in range(match.start(), len(text)):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    end = i + 1
                    break
        text = text[: match.start()] + text[end:]


def _mask(text: str) -> str:
    """Dates, references and years blanked out, keeping every character's position."""
    # "mức 3" names a service level, not a count: its digit becomes "Ⅲ" (one character).
    text = _LEVEL.sub(lambda m: m.group(0)[:-1] + _LEVELS[m.group(2)], text)
    for pattern in _MASKS:
        text = pattern.sub(lambda m: "§" * len(m.group(0)), text)
    return _YEAR.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "§" * 4, text)


def _numbers(text: str) -> list[NumberToken]:
    matches = list(_TOKEN.finditer(text))
    out = []
    for i, match in enumerate(matches):
        start = matches[i - 1].end() if i else 0
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        percent = bool(match.group("pct"))
        value = read_number(match.group("a"), "percent" if percent else "integer")
        pair = read_number(match.group("b")) if match.group("b") else None
        if value is None:
            continue
        after = fold(text[match.end() : end])
        out.append(
            NumberToken(
                value=value,
                raw=match.group(0).strip(),
                percent=percent,
                pair=pair,
                digits=match.group("a"),
                before=fold(text[start : match.start()]),
                after=after,
                noun=" ".join(re.sub(r"[^0-9a-z ]", " ", after).split()[:3]),
            )
        )
    return out


def clauses(paragraph: str) -> list[Clause]:
    """The clauses of a paragraph, numbers read, formulas kept whole."""
    plain = _drop_digressions(paragraph)
    text = _mask(plain)
    formulas: dict[int, str] = {}

    def keep(match: re.Match[str]) -> str:
        formulas[match.start()] = match.group(0)
        return "¤" * len(match.group(0))

    text = _FORMULA.sub(keep, text)
    out: list[Clause] = []
    sentence = depth = 0
    begin = 0

    def flush(end: int) -> None:
        masked = text[begin:end]
        chunk = masked.strip(" ,;:-+\n")
        if not chunk:
            return
        offset = begin + masked.index(chunk)
        original = plain[offset : offset + len(chunk)]
        formula = next(
            (f for at, f in formulas.items() if offset <= at < offset + len(chunk)), None
        )
        clause = Clause(re.sub(r"\s+", " ", original), sentence, depth, formula, chunk)
        clause.numbers = [] if formula else _numbers(chunk)
        out.append(clause)

    i = 0
    while i < len(text):
        char = text[i]
        cut = True
        if char == "(":
            flush(i)
            depth += 1
        elif char == ")":
            flush(i)
            depth = max(0, depth - 1)
        elif char == ";":
            flush(i)
            if depth == 0:
                sentence += 1
        elif (
            char == "."
            and (i + 1 == len(text) or text[i + 1] in " \n")
            and not (
                i > 0 and text[i - 1].isdigit() and i + 2 < len(text) and text[i + 2].isdigit()
            )
        ):
            flush(i)
            if depth == 0 or (i + 2 < len(text) and text[i + 2].isupper()):
                # A bracket left open does not outlive its sentence.
                depth = 0
                sentence += 1
        elif char == "," and i + 1 < len(text) and text[i + 1] in " \n":
            flush(i)
        elif char == "\n":
            flush(i)
            sentence += 1
        elif text.startswith(" và ", i) and re.match(r" và (\d|đạt|có|tỷ lệ)", text[i : i + 12]):
            flush(i)
            begin = i + 4
            i += 4
            continue
        else:
            cut = False
        if cut:
            begin = i + 1
        i += 1
    flush(len(text))
    return out
