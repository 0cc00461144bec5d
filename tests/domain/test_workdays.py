"""Working-day arithmetic on explicit calendars (the real VN calendar is tested in analytics)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cchc.domain.workdays import WorkingCalendar

# A small invented calendar: Thursday 07/09/2023 off, Saturday 09/09/2023 worked.
CALENDAR = WorkingCalendar(
    days_off={date(2023, 9, 7): "Ngày nghỉ của tỉnh"},
    workdays={date(2023, 9, 9): "Làm bù"},
)


def test_a_deadline_skips_the_weekend() -> None:
    plain = WorkingCalendar()
    # Friday 01/09/2023 + 1 working day is Monday 04/09/2023.
    assert plain.add_working_days(date(2023, 9, 1), 1) == date(2023, 9, 4)


def test_zero_days_means_the_same_working_day_and_a_day_off_rolls_forward() -> None:
    plain = WorkingCalendar()
    assert plain.add_working_days(date(2023, 9, 5), 0) == date(2023, 9, 5)
    # Received online on Saturday 02/09/2023: counted from Monday 04/09/2023.
    assert plain.add_working_days(date(2023, 9, 2), 0) == date(2023, 9, 4)
    assert plain.add_working_days(date(2023, 9, 2), 2) == date(2023, 9, 6)


def test_a_listed_day_off_is_skipped_and_a_make_up_saturday_counts() -> None:
    # Wed 06/09 + 1 → Thu 07/09 is off → Fri 08/09; + 2 → Sat 09/09 (make-up day).
    assert CALENDAR.add_working_days(date(2023, 9, 6), 1) == date(2023, 9, 8)
    assert CALENDAR.add_working_days(date(2023, 9, 6), 2) == date(2023, 9, 9)
    assert CALENDAR.add_working_days(date(2023, 9, 6), 3) == date(2023, 9, 11)
    assert CALENDAR.is_working_day(date(2023, 9, 9))
    assert CALENDAR.why_not_working(date(2023, 9, 7)) == "Ngày nghỉ của tỉnh"
    assert CALENDAR.why_not_working(date(2023, 9, 10)) == "Chủ nhật"


def test_later_changes_win_over_earlier_ones() -> None:
    changed = CALENDAR.with_changes(workdays={date(2023, 9, 7): "Đi làm bình thường"})
    assert changed.is_working_day(date(2023, 9, 7))
    again = changed.with_changes(days_off={date(2023, 9, 9): "Nghỉ"})
    assert not again.is_working_day(date(2023, 9, 9))


def test_working_days_late_counts_only_working_days_after_the_due_date() -> None:
    # Due Fri 01/09/2023, result Tue 05/09/2023: Mon 04 and Tue 05 are late days.
    assert WorkingCalendar().working_days_after(date(2023, 9, 1), date(2023, 9, 5)) == 2
    assert WorkingCalendar().working_days_after(date(2023, 9, 1), date(2023, 9, 1)) == 0


def test_non_working_days_lists_weekends_and_days_off_but_not_make_up_days() -> None:
    days = list(CALENDAR.non_working_days(date(2023, 9, 4), date(2023, 9, 10)))
    assert days == [date(2023, 9, 7), date(2023, 9, 10)]


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 40))
def test_a_due_date_is_a_working_day_with_exactly_n_working_days_after_the_start(
    start: date, count: int
) -> None:
    due = CALENDAR.add_working_days(start, count)
    assert CALENDAR.is_working_day(due)
    first = CALENDAR.roll_forward(start)
    assert CALENDAR.working_days_after(first, due) == count
    assert due - first <= timedelta(days=count * 3 + 10)
