"""Working days: weekends, public holidays, swapped days off and make-up working days.

Processing deadlines of one-stop dossiers count working days. A day is a
working day when it is listed as a make-up working day (a Saturday worked in
exchange for a bridge day off), or else when it is neither a weekend day nor
a listed day off. The lists come from data (the ``holidays`` package and a
province's override files, read by an adapter); this module only does the
arithmetic, so that the vectorised engine and this reference agree by
construction and can be tested against each other.

Counting rule (Nghị định 61/2018/NĐ-CP practice, and numpy's
``busday_offset(..., roll="forward")``): a dossier received on a day off
counts as received on the next working day, and its due date is that day
plus ``n`` working days; ``n = 0`` means "the same working day".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["CalendarError", "WorkingCalendar"]

SATURDAY, SUNDAY = 5, 6
# The longest stretch of consecutive days off the arithmetic accepts before it
# decides the calendar is broken (Tết with weekends is about 10 days).
_MAX_DAYS_OFF_IN_A_ROW = 60


class CalendarError(ValueError):
    """A calendar that cannot be right (for instance, no working day for months)."""


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Weekend days plus explicit days off and make-up working days, with their names."""

    days_off: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)
    weekend: frozenset[int] = frozenset({SATURDAY, SUNDAY})

    def with_changes(
        self,
        days_off: Mapping[date, str] | None = None,
        workdays: Mapping[date, str] | None = None,
    ) -> WorkingCalendar:
        """A calendar where the given days override this one (a later file wins)."""
        days_off = days_off or {}
        workdays = workdays or {}
        off = {d: n for d, n in self.days_off.items() if d not in workdays}
        work = {d: n for d, n in self.workdays.items() if d not in days_off}
        off.update(days_off)
        work.update(workdays)
        return WorkingCalendar(off, work, self.weekend)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.days_off:
            return False
        return day.weekday() not in self.weekend

    def why_not_working(self, day: date) -> str | None:
        """The name of the day off ("Quốc khánh", "Thứ Bảy"...), None on a working day."""
        if self.is_working_day(day):
            return None
        if day in self.days_off:
            return self.days_off[day]
        return "Chủ nhật" if day.weekday() == SUNDAY else f"Thứ {day.weekday() + 2}"

    def roll_forward(self, day: date) -> date:
        """The day itself when it is a working day, otherwise the next working day."""
        current = day
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW + 1):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise CalendarError(f"không có ngày làm việc nào trong {_MAX_DAYS_OFF_IN_A_ROW} ngày")

    def add_working_days(self, day: date, count: int) -> date:
        """``count`` working days after ``day`` (rolled forward first); 0 is the same day."""
        if count < 0:
            raise CalendarError(f"số ngày làm việc phải không âm, gặp {count}")
        current = self.roll_forward(day)
        for _ in range(count):
            current = self.roll_forward(current + timedelta(days=1))
        return current

    def non_working_days(self, start: date, end: date) -> Iterator[date]:
        """Every day off in [start, end], weekends included, make-up working days excluded."""
        current = start
        while current <= end:
            if not self.is_working_day(current):
                yield current
            current += timedelta(days=1)

    def working_days_after(self, start: date, end: date) -> int:
        """How many working days fall in (start, end]: how late a dossier is past its due date."""
        count = 0
        current = start + timedelta(days=1)
        while current <= end:
            count += self.is_working_day(current)
            current += timedelta(days=1)
        return count
