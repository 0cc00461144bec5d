"""The working-day calendar from the ``holidays`` package and the override files, as arrays.

Due dates are computed with numpy's business-day functions over an explicit
list of days off and a seven-day week mask. numpy's week mask is the same
every week, so a make-up Saturday (a working Saturday in exchange for a
bridge day off) cannot be expressed as a mask; instead every weekend day
that is not a make-up working day goes into the list of days off. The
engine uses two lookup arrays built here with those functions (each
calendar day → the ordinal of the working day it rolls forward to, and
ordinal → date), so that millions of due dates are a pair of array
look-ups inside the DuckDB scan.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from cchc.domain.periods import parse_date
from cchc.domain.workdays import WorkingCalendar
from cchc.registry import DataFile, Registry, RegistryError

__all__ = [
    "FIRST_CALENDAR_DAY",
    "DueDateLookup",
    "build_lookup",
    "cache_dir",
    "calendar_from_files",
    "days_off",
    "due_dates",
    "load_calendar",
]

# One-stop software did not exist before; older "dates" are typing mistakes.
FIRST_CALENDAR_DAY = date(1990, 1, 1)
_YEARS_AFTER = 12


def load_calendar(registry: Registry, until: date) -> WorkingCalendar:
    """The calendar from 1990 to a dozen years after ``until`` (room for long deadlines).

    Cached per set of calendar files (and their modification times): the
    holidays package needs a quarter of a second for forty-odd years.
    """
    files = registry.files("calendars")
    key = (
        tuple((str(f.path), f.path.stat().st_mtime_ns) for f in files),
        until.year + _YEARS_AFTER,
    )
    if key not in _CACHE:
        _CACHE[key] = calendar_from_files(
            files, range(FIRST_CALENDAR_DAY.year, until.year + _YEARS_AFTER + 1)
        )
    return _CACHE[key]


_CACHE: dict[tuple[tuple[tuple[str, int], ...], int], WorkingCalendar] = {}


def calendar_from_files(files: Iterable[DataFile], years: Iterable[int]) -> WorkingCalendar:
    items = list(files)
    country = "VN"
    for item in items:
        country = str(item.data.get("country") or country)
    days_off, workdays, weekend = _package_days(country, sorted(years))
    calendar = WorkingCalendar(weekend=weekend).with_changes(days_off, workdays)
    for item in items:
        calendar = calendar.with_changes(
            _days(item, "days_off", "Ngày nghỉ theo quy định của địa phương"),
            _days(item, "workdays", "Ngày làm việc bù theo quy định của địa phương"),
        )
    return calendar


_PackageDays = tuple[dict[date, str], dict[date, str], frozenset[int]]


def cache_dir() -> Path | None:
    """Where computed calendars are kept between runs; None when caching is off.

    ``CCHC_CACHE_DIR`` chooses the folder (empty: no cache); otherwise the
    user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) under ``cchc``.
    """
    chosen = os.environ.get("CCHC_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cchc"


def _package_days(country: str, years: list[int]) -> _PackageDays:
    """The holidays package's days off and make-up days, cached on disk.

    Computing forty-odd lunar years costs the package about half a second on
    every command; the cache file is keyed by the package's version, so an
    update of the package (new decrees) computes afresh.
    """
    from importlib.metadata import version

    folder = cache_dir()
    name = f"holidays-{version('holidays')}-{country}-{years[0]}-{years[-1]}.json"
    path = folder / name if folder is not None else None
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return (
                {date.fromisoformat(d): str(n) for d, n in data["days_off"].items()},
                {date.fromisoformat(d): str(n) for d, n in data["workdays"].items()},
                frozenset(int(d) for d in data["weekend"]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # absent or damaged: computed again and rewritten below
    days = _compute_package_days(country, years)
    if path is not None:
        _write_quietly(path, days)
    return days


def _compute_package_days(country: str, years: list[int]) -> _PackageDays:
    import holidays

    try:
        package = holidays.country_holidays(country, years=years, language="vi")
    except NotImplementedError:
        raise RegistryError(f"gói holidays không có lịch của quốc gia “{country}”") from None
    days_off = {day: str(name) for day, name in package.items()}
    workdays = dict.fromkeys(getattr(package, "weekend_workdays", ()), "Ngày làm việc bù")
    weekend = frozenset(int(d) for d in getattr(package, "weekend", (5, 6)))
    return days_off, workdays, weekend


def _write_quietly(path: Path, days: _PackageDays) -> None:
    # A cache that cannot be written (read-only home, full disk) only costs time.
    days_off, workdays, weekend = days
    text = json.dumps(
        {
            "days_off": {d.isoformat(): n for d, n in sorted(days_off.items())},
            "workdays": {d.isoformat(): n for d, n in sorted(workdays.items())},
            "weekend": sorted(weekend),
        },
        ensure_ascii=False,
    )
    aside: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so that a parallel run never reads half a file.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
        ) as handle:
            aside = Path(handle.name)
            handle.write(text)
        aside.replace(path)
    except OSError:
        if aside is not None:
            aside.unlink(missing_ok=True)


def _days(item: DataFile, key: str, default_name: str) -> dict[date, str]:
    raw = item.data.get(key) or []
    if not isinstance(raw, list):
        raise RegistryError(f"{item.path}: “{key}” phải là danh sách ngày")
    days: dict[date, str] = {}
    for position, entry in enumerate(raw, start=1):
        value: Any = entry.get("date") if isinstance(entry, Mapping) else entry
        name = (
            str(entry.get("name") or default_name) if isinstance(entry, Mapping) else default_name
        )
        try:
            day = value if isinstance(value, date) else parse_date(str(value))
        except ValueError as exc:
            raise RegistryError(f"{item.path}: {key}, mục {position}: {exc}") from None
        days[day] = name
    return days


def days_off(calendar: WorkingCalendar, first: date, last: date) -> np.ndarray[Any, Any]:
    """``calendar.non_working_days`` as an array, computed without a loop over days."""
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    weekday = (days.astype(np.int64) + 3) % 7  # 01/01/1970 was a Thursday (weekday 3)
    weekend = np.zeros(7, dtype=bool)
    weekend[sorted(calendar.weekend)] = True
    off = weekend[weekday]
    # Positions, not np.isin: isin sorts through np.unique, whose first use imports
    # numpy.ma: about 15 ms of every dossier command's start-up.
    off[_positions(calendar.workdays, first, len(days))] = False
    off[_positions(calendar.days_off, first, len(days))] = True
    return days[off]


def _positions(days: Iterable[date], first: date, count: int) -> np.ndarray[Any, Any]:
    """Indexes of ``days`` in the range of ``count`` days from ``first`` (others dropped)."""
    offsets = np.array(sorted(days), dtype="datetime64[D]") - np.datetime64(first, "D")
    index = offsets.astype(np.int64)
    return index[(index >= 0) & (index < count)]


def _busdaycalendar(calendar: WorkingCalendar, first: date, last: date) -> np.busdaycalendar:
    return np.busdaycalendar(weekmask="1111111", holidays=days_off(calendar, first, last))


@dataclass(frozen=True)
class DueDateLookup:
    """Day → working-day ordinal, and ordinal → working day, for [first, last]."""

    first: date
    last: date
    ordinal: np.ndarray[Any, np.dtype[np.int32]]
    workdays: np.ndarray[Any, np.dtype[np.datetime64]]

    def due(self, received: date, days: int) -> date | None:
        """One due date by look-up, as the engine computes it (None beyond the calendar)."""
        if not self.first <= received <= self.last:
            return None
        position = int(self.ordinal[(received - self.first).days]) + days
        if position >= len(self.workdays):
            return None
        return date.fromisoformat(str(self.workdays[position]))


def build_lookup(calendar: WorkingCalendar, first: date, last: date) -> DueDateLookup:
    busdays = _busdaycalendar(calendar, first, last)
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    workdays = days[np.is_busday(days, busdaycal=busdays)]
    # Beyond ``last`` numpy would treat every day as working: clip to the list's end.
    rolled = np.busday_offset(days, 0, roll="forward", busdaycal=busdays)
    ordinal = np.searchsorted(workdays, rolled).astype(np.int32)
    return DueDateLookup(first, last, ordinal, workdays)


def due_dates(
    calendar: WorkingCalendar,
    received: np.ndarray[Any, np.dtype[np.datetime64]],
    days: np.ndarray[Any, np.dtype[np.int64]],
    first: date = FIRST_CALENDAR_DAY,
    last: date | None = None,
) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """Due dates for arrays of received days and working-day counts, in one numpy call."""
    if last is None:
        last = date(int(str(received.max())[:4]) + _YEARS_AFTER, 12, 31)
    busdays = _busdaycalendar(calendar, first, last)
    return np.busday_offset(
        received.astype("datetime64[D]"), days, roll="forward", busdaycal=busdays
    )
