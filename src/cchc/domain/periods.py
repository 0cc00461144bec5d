"""Reporting periods and their data windows.

A period is a year and a kind (Q1, Q2 = "6 tháng", Q3 = "9 tháng",
Q4 = "năm"). Its data window is not the calendar quarter: by the default
rule a quarter runs from the cut-off day (15) of the month before it to the
day before the cut-off in its last month, and the cumulative window starts
on the cut-off day of December of the previous year. A report may state
its own window, which then wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "DEFAULT_CUTOFF_DAY",
    "DateWindow",
    "Period",
    "PeriodKind",
    "format_date",
    "parse_date",
]

DEFAULT_CUTOFF_DAY = 15


class PeriodKind(StrEnum):
    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"

    @property
    def quarter(self) -> int:
        return int(self.value[1])

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def cumulative_label(self) -> str:
        return _CUMULATIVE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> PeriodKind:
        """Read "Q3", "quý III", "quý 3", "9 tháng", "6 tháng đầu năm", "năm"."""
        key = _fold(text)
        key = re.sub(r"\s+", " ", key).strip()
        for pattern, kind in _ALIASES:
            if re.fullmatch(pattern, key):
                return kind
        raise ValueError(f"không nhận ra kỳ báo cáo “{text}” (ví dụ hợp lệ: Q1, quý II, 6 tháng)")


_LABELS = {
    PeriodKind.Q1: "quý I",
    PeriodKind.Q2: "quý II",
    PeriodKind.Q3: "quý III",
    PeriodKind.Q4: "quý IV",
}
_CUMULATIVE_LABELS = {
    PeriodKind.Q1: "quý I",
    PeriodKind.Q2: "6 tháng đầu năm",
    PeriodKind.Q3: "9 tháng đầu năm",
    PeriodKind.Q4: "năm",
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_ALIASES: list[tuple[str, PeriodKind]] = [
    (r"q ?1|quy (1|i)", PeriodKind.Q1),
    (r"q ?2|quy (2|ii)|6 thang( dau nam)?|sau thang( dau nam)?", PeriodKind.Q2),
    (r"q ?3|quy (3|iii)|9 thang( dau nam)?|chin thang( dau nam)?", PeriodKind.Q3),
    (r"q ?4|quy (4|iv)|nam|ca nam|hang nam|12 thang", PeriodKind.Q4),
]


@dataclass(frozen=True, slots=True, order=True)
class DateWindow:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"kỳ dữ liệu không hợp lệ: ngày kết thúc {format_date(self.end)} "
                f"trước ngày bắt đầu {format_date(self.start)}"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"từ ngày {format_date(self.start)} đến ngày {format_date(self.end)}"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    year: int
    kind: PeriodKind

    def __post_init__(self) -> None:
        if not 1990 <= self.year <= 2200:
            raise ValueError(f"năm báo cáo không hợp lệ: {self.year}")

    @property
    def key(self) -> str:
        return f"{self.year}-{self.kind.value}"

    @property
    def label(self) -> str:
        return f"{self.kind.label} năm {self.year}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read "2023-Q3" (the key form)."""
        match = re.fullmatch(r"\s*(\d{4})\s*-\s*(Q[1-4])\s*", text, flags=re.IGNORECASE)
        if not match:
            raise ValueError(f"kỳ báo cáo “{text}” phải có dạng NĂM-Qn, ví dụ 2023-Q3")
        return cls(int(match.group(1)), PeriodKind(match.group(2).upper()))

    def window(self, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> DateWindow:
        """The period-only window by the cut-off rule."""
        last_month = self.kind.quarter * 3
        end = date(self.year, last_month, cutoff_day) - timedelta(days=1)
        start_month = last_month - 3
        start = (
            date(self.year - 1, 12, cutoff_day)
            if start_month == 0
            else date(self.year, start_month, cutoff_day)
        )
        return DateWindow(start, end)

    def cumulative_window(self, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> DateWindow:
        """From the start of the reporting year to the end of this period."""
        return DateWindow(date(self.year - 1, 12, cutoff_day), self.window(cutoff_day).end)

    def previous_in_year(self) -> Period | None:
        """The same year's previous period (cumulative values must not fall below it)."""
        if self.kind is PeriodKind.Q1:
            return None
        return Period(self.year, PeriodKind(f"Q{self.kind.quarter - 1}"))


def format_date(day: date) -> str:
    """dd/mm/yyyy, as every user-facing date is written."""
    return day.strftime("%d/%m/%Y")


def parse_date(text: str) -> date:
    """Read dd/mm/yyyy (also d/m/yyyy) or ISO yyyy-mm-dd."""
    cleaned = text.strip()
    match = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", cleaned)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", cleaned)
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        pass
    raise ValueError(f"ngày “{text}” không hợp lệ (cần dạng dd/mm/yyyy)")
