"""Periods and data windows as reports word them.

"quý III năm 2023", "QUÍ 1/2022", "quý 1/2022", "6 tháng đầu năm 2024",
"9 tháng năm 2023", "năm 2021" (the yearly report); "từ ngày 01/6/2023 đến
hết ngày 25/9/2023". Used on titles, appendix captions and opening
sentences; the first period a title names is the one it reports on.
"""

from __future__ import annotations

import re
from datetime import date

from cchc.domain.periods import DateWindow, PeriodKind
from cchc.domain.wording import fold

__all__ = ["find_period", "find_windows", "report_kind"]

_QUARTER = re.compile(r"\bqu[yi]\s*(iv|i{1,3}|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_MONTHS = re.compile(r"\b(0?6|sau|0?9|chin)\s*thang(?:\s*dau)?(?:\s*(?:nam|/)\s*(\d{4})?)?")
_YEAR = re.compile(r"\bnam\s*(\d{4})\b")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def report_kind(phrase: str) -> str:
    """What kind of report a period phrase names: "quý", "6 tháng", "9 tháng" or "năm"."""
    folded = fold(phrase)
    if _QUARTER.search(folded):
        return "quý"
    months = _MONTHS.search(folded)
    if months:
        return "6 tháng" if months.group(1) in ("6", "06", "sau") else "9 tháng"
    return "năm"


def find_period(text: str, *, yearly: bool = True) -> tuple[PeriodKind, int | None, str] | None:
    """The reported period a title or caption names, and its year when stated.

    The first period named is the reported one ("quý III và phương hướng,
    nhiệm vụ quý IV năm 2023" reports quý III); the year is the first one
    after it. "QUÍ" is read as "QUÝ". ``yearly`` lets "năm 2021" alone mean
    the yearly report.
    """
    folded = fold(text)
    found = [m for m in (_QUARTER.search(folded), _MONTHS.search(folded)) if m]
    if found:
        match = min(found, key=lambda m: m.start())
        if match.re is _QUARTER:
            kind = PeriodKind(f"Q{_QUARTERS[match.group(1)]}")
        else:
            kind = PeriodKind.Q2 if match.group(1) in ("6", "06", "sau") else PeriodKind.Q3
        year = match.group(2)
        if year is None:
            after = _YEAR.search(folded, match.end())
            year = after.group(1) if after else None
        return kind, int(year) if year else None, text_slice(text, folded, match)
    yearly_match = _YEAR.search(folded) if yearly else None
    if yearly_match:
        return PeriodKind.Q4, int(yearly_match.group(1)), text_slice(text, folded, yearly_match)
    return None


def text_slice(text: str, folded: str, match: re.Match[str]) -> str:
    # Folding keeps one character per character except for collapsed spaces;
    # the original phrase is near the same place.
    start = max(0, match.start())
    return text[start : start + (match.end() - match.start())].strip() or match.group(0)


_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_WINDOW = re.compile(
    r"t[ừu]\s*(?:ng[àa]y\s*)?"
    + _DATE
    + r"\s*(?:-|đến|den|tới)\s*(?:hết\s*|het\s*)?(?:ng[àa]y\s*)?"
    + _DATE,
    re.IGNORECASE,
)


def find_windows(text: str) -> list[tuple[DateWindow, str]]:
    out = []
    for match in _WINDOW.finditer(text):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
        try:
            window = DateWindow(date(y1, m1, d1), date(y2, m2, d2))
        except ValueError:
            continue
        out.append((window, match.group(0)))
    return out
