"""Rates a text states together with the numbers they are computed from.

Reports write a rate with its own arithmetic: "((5.753+938)/6.706) × 100 =
99,78%", "(15/6.706) × 100 = 0,22%", "(75+174)/252 * 100 = 98,81%", or as
a pair and a rate: "đạt 511/522 hồ sơ, tỷ lệ 97,89%". Reading them back
gives the numerator and denominator as written, so the rate can be checked
against its own numbers and the numbers against the rest of the report.
Numbers are read as Vietnamese ("5.753" is five thousand seven hundred and
fifty-three, "99,78" a decimal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.domain.numbers import NumberStatus, parse_number

__all__ = ["StatedRatio", "find_ratios", "read_number"]

Number = int | float

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SUM = rf"(?:{NUMBER})(?:\s*\+\s*(?:{NUMBER}))*"
_FORMULA = re.compile(
    rf"\(*\s*(?P<num>{_SUM})\s*\)*\s*/\s*\(*\s*(?P<den>{_SUM})\s*\)*"
    rf"\s*(?:[×x*]\s*100\s*%?\s*\)*)?\s*=\s*(?P<rate>{NUMBER})\s*%"
)
_PAIR_RATE = re.compile(
    rf"(?<![\d.,/])(?P<num>{NUMBER})\s*/\s*(?P<den>{NUMBER})(?![\d/])"
    rf"[^%;()/=]{{0,80}}?t[ỷỉi]\s*l[ệe]\s*:?\s*(?P<rate>{NUMBER})\s*%"
)


def read_number(text: str, expect: str = "integer") -> Number | None:
    """A Vietnamese number in prose ("5.753", "99,78"), or None when it is not one."""
    parsed = parse_number(text.strip(), expect)  # type: ignore[arg-type]
    if parsed.status is not NumberStatus.NUMBER or parsed.value is None:
        return None
    return parsed.value


def _terms(text: str) -> tuple[Number, ...] | None:
    values = [read_number(t) for t in text.split("+")]
    if any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


@dataclass(frozen=True, slots=True)
class StatedRatio:
    numerator: tuple[Number, ...]  # the terms added above the line
    denominator: tuple[Number, ...]
    stated: Number  # the percentage written
    decimals: int  # decimal places written in it
    text: str  # the words it was read from

    @property
    def computed(self) -> float | None:
        below = sum(self.denominator)
        return None if below == 0 else sum(self.numerator) / below * 100


def find_ratios(text: str) -> list[StatedRatio]:
    """Every rate in ``text`` written with its numerator and denominator."""
    found: list[StatedRatio] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_FORMULA, _PAIR_RATE):
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            numerator = _terms(match.group("num"))
            denominator = _terms(match.group("den"))
            rate = read_number(match.group("rate"), "percent")
            if numerator is None or denominator is None or rate is None:
                continue
            decimals = len(match.group("rate").partition(",")[2])
            found.append(
                StatedRatio(numerator, denominator, rate, decimals, match.group(0).strip())
            )
            taken.append((match.start(), match.end()))
    return found
