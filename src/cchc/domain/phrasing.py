"""How official Vietnamese documents write numbers, dates, periods and lists.

Pure text rules shared by every generated document: "03 hồ sơ" (counts under
ten padded, as officials write them), "70,03%", the Nghị định 30/2020/NĐ-CP
date line "Gia Nghĩa, ngày 07 tháng 9 năm 2023" (day under 10 and months
1–2 padded), the "Số: 53/BC-UBND" line, and the "Nơi nhận" list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date

from cchc.domain.numbers import format_number, format_percent
from cchc.domain.periods import Period, PeriodKind

__all__ = [
    "BLANK",
    "count_text",
    "default_title",
    "join_vi",
    "nd30_date_line",
    "nd30_number_line",
    "nd30_short_date",
    "next_period_phrase",
    "nfc",
    "percent_text",
    "period_phrase",
    "qty",
    "ratio",
    "recipient_lines",
]

Number = int | float

# Room left for a number or a day written by hand after printing ("Số:        /BC-UBND").
BLANK = "\u00a0" * 8


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def count_text(value: Number) -> str:
    """A count as officials write it: 03, 12, 5.576; a non-whole amount keeps its decimals."""
    if isinstance(value, float) and not value.is_integer():
        return format_number(value)
    whole = int(value)
    if 0 < whole < 10:
        return f"{whole:02d}"
    return format_number(whole)


def qty(value: Number, unit: str) -> str:
    """ "03 hồ sơ", "5.576 hồ sơ", "312.773 triệu đồng"."""
    return f"{count_text(value)} {unit}".strip()


def percent_text(value: Number) -> str:
    """ "70,03%": at most two decimals, trailing zeros dropped."""
    return format_percent(value)


def ratio(part: Number | None, whole: Number | None) -> float | None:
    """``part / whole × 100``, or None when either is missing or the whole is zero."""
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * 100


def join_vi(items: Sequence[str]) -> str:
    """ "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def nd30_short_date(day: date) -> str:
    """ "07/9/2023", "15/01/2024": the day under 10 and months 1–2 padded (NĐ 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def nd30_date_line(place: str, day: date | None, year: int) -> str:
    """ "Gia Nghĩa, ngày 07 tháng 9 năm 2023"; without a date, room to write it by hand."""
    prefix = f"{place}, " if place else ""
    if day is None:
        return f"{prefix}ngày{BLANK}tháng{BLANK}năm {year}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{prefix}ngày {day.day:02d} tháng {month} năm {day.year}"


def nd30_number_line(number: str | int | None, symbol: str | None) -> str:
    """ "Số: 53/BC-UBND", "Số: 05/BC-UBND"; a blank number is left for hand entry."""
    text = "" if number is None else str(number).strip()
    if text.isdigit():
        text = f"{int(text):02d}"
    shown = text or BLANK
    return f"Số: {shown}/{(symbol or '').strip() or 'BC'}"


def period_phrase(period: Period) -> str:
    """What the report covers: "quý III năm 2023", "6 tháng đầu năm 2023", "năm 2023"."""
    if period.kind is PeriodKind.Q2:
        return f"6 tháng đầu năm {period.year}"
    if period.kind is PeriodKind.Q4:
        return f"năm {period.year}"
    return period.label


def next_period_phrase(period: Period) -> str:
    """The period the "phương hướng, nhiệm vụ" part looks ahead to."""
    if period.kind is PeriodKind.Q1:
        return f"quý II năm {period.year}"
    if period.kind is PeriodKind.Q2:
        return f"6 tháng cuối năm {period.year}"
    if period.kind is PeriodKind.Q3:
        return f"quý IV năm {period.year}"
    return f"năm {period.year + 1}"


def default_title(period: Period) -> str:
    """The subject line (trích yếu) the seeds use for a periodic CCHC report."""
    now = period_phrase(period)
    ahead = next_period_phrase(period)
    year = f" năm {period.year}"
    if period.kind is not PeriodKind.Q4 and now.endswith(year) and ahead.endswith(year):
        # "quý III và phương hướng, nhiệm vụ quý IV năm 2023": the year is said once.
        now = "6 tháng đầu năm" if period.kind is PeriodKind.Q2 else now[: -len(year)]
    return f"Công tác cải cách hành chính {now} và phương hướng, nhiệm vụ {ahead}"


def recipient_lines(items: Iterable[str], archive: str = "Lưu: VT") -> list[str]:
    """The "Nơi nhận" list: "- Như trên;" a line, the last "- Lưu: VT, NV."."""
    cleaned = [nfc(i).strip().lstrip("-+• ").rstrip(" ;.,") for i in items]
    cleaned = [i for i in cleaned if i]
    if not any(i.lower().startswith("lưu") for i in cleaned):
        cleaned.append(archive)
    else:
        # The archive line closes the list wherever the data put it.
        archive_items = [i for i in cleaned if i.lower().startswith("lưu")]
        cleaned = [i for i in cleaned if not i.lower().startswith("lưu")] + archive_items
    return [f"- {item}{'.' if n == len(cleaned) - 1 else ';'}" for n, item in enumerate(cleaned)]
