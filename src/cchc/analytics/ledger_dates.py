"""How the ledger's date cells are read: formats, clocks, time zones, day or month first.

Dates are read day first (dd/mm/yyyy), as Vietnamese software and Windows in
Vietnamese write them, unless a ledger is declared month first (``--month-first``:
Excel on a Windows set to English (United States) saves 7/23/2023). ISO dates
(yyyy-mm-dd) read the same either way. Only the calendar day counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from cchc.analytics.ledger import sql_string

__all__ = [
    "DATE_FORMATS",
    "EXCEL_EPOCH",
    "EXCEL_SERIAL",
    "TIME_ZONE",
    "date_formats",
    "date_sql",
    "excel_serial",
    "preferred_date_format",
]

_FALLBACK_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d.%m.%Y",
)
# SQL Server and pandas write fractions ("2023-06-01 08:30:00.000"). Tried first
# when a column is written so, they spare its cells the offset check of
# ``_moment_sql``; left out of the fallback list, where that cast reads them.
_FRACTION_FORMATS = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f")
DATE_FORMATS = (*_FALLBACK_FORMATS, *_FRACTION_FORMATS)

# Vietnam has one time zone, UTC+7 all year. A moment written with another
# offset ("2023-05-31T17:30:00.000Z", as JavaScript and many databases export)
# falls on Vietnam's calendar day, not on the day its text shows: the engine's
# DuckDB session runs in this zone, which ``date_sql`` relies on, and so do
# Parquet columns typed TIMESTAMP WITH TIME ZONE.
TIME_ZONE = "Asia/Ho_Chi_Minh"
# A time of day followed by an explicit offset or zone name, at the end of a cell.
_OFFSET = r"(?i)\d:[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?\s*(?:z|utc|gmt|[+-]\d\d(?::?\d\d)?)\s*$"
# DuckDB's cast wants the zone right after the time: "17:30:00 +00:00" → "17:30:00+00:00".
_ZONE_SPACE = r"(?i)\s+(z|[+-]\d\d(?::?\d\d)?)\s*$"

# A date followed by a time of day in any clock a one-stop export uses: 12-hour
# with SA/CH (sáng/chiều, Windows in Vietnamese) or AM/PM, fractions of a
# second, Vietnam's own offset (+07:00). Only the date counts, so the time is
# checked, not read. Another offset would move the day: such a cell is read by
# the cast of ``_moment_sql`` or, failing that, not at all.
_DATE_THEN_TIME = (
    r"(?i)^\s*(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})"
    r"(?:[ T]+(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
    r"\s*(?:[ap]\.?m\.?|sa|ch)?(?:\+07(?::?00)?)?)?\s*$"
)
_DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
# A date pasted into a cell formatted "General" shows, and is saved to CSV, as Excel's
# day number: 45110 is 03/07/2023 (days since 30/12/1899). Five digits cover 1990–2100,
# the years a ledger may hold; the fraction is the time of day.
EXCEL_SERIAL = r"^\s*(\d{5})(?:[.,]\d+)?\s*$"
EXCEL_EPOCH = date(1899, 12, 30)


def _month_first(formats: Sequence[str]) -> tuple[str, ...]:
    """The same formats with month before day (ISO formats stay as they are)."""
    swapped = []
    for f in formats:
        for sep in "/-.":
            f = f.replace(f"%d{sep}%m", f"%m{sep}%d")
        swapped.append(f)
    return tuple(swapped)


def date_formats(month_first: bool = False) -> tuple[str, ...]:
    """The formats a date column may be written in, in the order they are tried."""
    return _month_first(DATE_FORMATS) if month_first else DATE_FORMATS


def date_sql(text: str, first: str | None = None, *, month_first: bool = False) -> str:
    """The SQL that reads the cell text ``text`` as a DATE; NULL when it is not one.

    ``first`` (a format from ``preferred_date_format``) is tried before the
    others: ``try_strptime`` over a list of formats costs about fifty times
    one format when the first ones fail (1,5 s against 0,03 s for a million
    "10/12/2024 11:53" cells, 23/11/2026). ``month_first`` reads 7/23/2023 as
    the 23rd of July, and 23/7/2023 not at all.
    """
    order = _month_first if month_first else tuple
    formats = ", ".join(sql_string(f) for f in order(_FALLBACK_FORMATS))
    days = ", ".join(sql_string(f) for f in order(_DAY_FORMATS))
    # Each text appears once in each fallback: DuckDB hoists repeated
    # subexpressions and would then trim every row instead of the odd one.
    # COALESCE reaches a fallback only for the rows the previous ones left NULL.
    last = f"try_strptime(regexp_extract({text}, {sql_string(_DATE_THEN_TIME)}, 1), [{days}])"
    # The day number's digits, or '' (which casts to NULL): one expression, not hoisted.
    serial = f"try_cast(regexp_extract({text}, {sql_string(EXCEL_SERIAL)}, 1) AS INTEGER)"
    excel = f"DATE '{EXCEL_EPOCH.isoformat()}' + {serial}"
    chain = f"{_moment_sql(text)}, try_strptime(trim({text}), [{formats}]), {last}, {excel}"
    if first is not None:
        if first not in date_formats(month_first):
            raise ValueError(f"not a ledger date format: {first}")
        chain = f"try_strptime({text}, {sql_string(first)}), {chain}"
    return f"coalesce({chain})::DATE"


def _moment_sql(text: str) -> str:
    """ISO text as Vietnam's wall clock: an explicit offset is converted, none means local.

    The plain TIMESTAMP cast drops an offset and keeps the clock as written;
    only cells that carry one pay for the time-zone cast (four times dearer).
    Reached only by cells the preferred format did not read.
    """
    zoned = f"try_cast(regexp_replace({text}, {sql_string(_ZONE_SPACE)}, '\\1') AS TIMESTAMPTZ)"
    return (
        f"CASE WHEN regexp_matches({text}, {sql_string(_OFFSET)}) "
        f"THEN CAST({zoned} AS TIMESTAMP) ELSE try_cast({text} AS TIMESTAMP) END"
    )


def excel_serial(text: str) -> date | None:
    """The date an Excel day number written as text stands for ("45110" → 03/07/2023)."""
    match = re.match(EXCEL_SERIAL, text)
    return EXCEL_EPOCH + timedelta(days=int(match.group(1))) if match else None


def preferred_date_format(samples: Sequence[str], month_first: bool = False) -> str | None:
    """The format most of a date column's sampled cells are written in; None if none is."""
    counts: Counter[str] = Counter()
    formats = date_formats(month_first)
    last = formats[0]
    for text in samples:
        # A whole cell matches at most one format: trying the last one found first
        # spares most of the failed attempts, at 10 µs each.
        for candidate in (last, *formats):
            try:
                datetime.strptime(text, candidate)
            except ValueError:
                continue
            counts[candidate] += 1
            last = candidate
            break
    return counts.most_common(1)[0][0] if counts else None
