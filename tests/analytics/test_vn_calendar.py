"""Due dates on the real Vietnamese calendar (the holidays package) and the override files."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.analytics.calendar import FIRST_CALENDAR_DAY, build_lookup, due_dates, load_calendar
from cchc.registry import Registry, RegistryError


@pytest.fixture(scope="module")
def calendar(registry: Registry):  # type: ignore[no-untyped-def]
    return load_calendar(registry, date(2026, 12, 31))


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Tết Quý Mão: days off Fri 20/01 – Thu 26/01/2023.
        (date(2023, 1, 19), 1, date(2023, 1, 27)),
        # Giỗ Tổ Hùng Vương (10/3 âm lịch) on Thu 18/04/2024.
        (date(2024, 4, 17), 1, date(2024, 4, 19)),
        # Quốc khánh 2023: Fri 01/09, Sat 02/09 and Mon 04/09 (nghỉ bù) off.
        (date(2023, 8, 31), 1, date(2023, 9, 5)),
        # Received online on Saturday 02/09/2023: counted from Tue 05/09.
        (date(2023, 9, 2), 0, date(2023, 9, 5)),
        # 30/4–1/5/2024: Mon 29/04 swapped off, Sat 04/05 worked in exchange.
        (date(2024, 4, 26), 1, date(2024, 5, 2)),
        (date(2024, 4, 26), 3, date(2024, 5, 4)),
        (date(2024, 4, 26), 4, date(2024, 5, 6)),
        # 2025: Fri 02/05 off, make-up Saturday 26/04/2025.
        (date(2025, 4, 25), 1, date(2025, 4, 26)),
    ],
)
def test_due_dates_follow_vietnamese_days_off_and_make_up_saturdays(
    calendar, received: date, days: int, due: date
) -> None:  # type: ignore[no-untyped-def]
    assert calendar.add_working_days(received, days) == due
    lookup = build_lookup(calendar, FIRST_CALENDAR_DAY, date(2030, 12, 31))
    assert lookup.due(received, days) == due
    vectorised = due_dates(
        calendar,
        np.array([received], dtype="datetime64[D]"),
        np.array([days]),
        last=date(2030, 12, 31),
    )
    assert vectorised[0] == np.datetime64(due)


def test_make_up_saturday_is_named_and_the_holiday_names_are_vietnamese(calendar) -> None:  # type: ignore[no-untyped-def]
    assert calendar.is_working_day(date(2024, 5, 4))
    assert calendar.why_not_working(date(2024, 9, 2)) == "Quốc khánh"
    assert calendar.why_not_working(date(2023, 1, 23)) is not None


@cache
def _shared():  # type: ignore[no-untyped-def]
    calendar = load_calendar(Registry(use_env=False), date(2028, 12, 31))
    return calendar, build_lookup(calendar, FIRST_CALENDAR_DAY, date(2035, 12, 31))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.dates(date(2015, 1, 1), date(2028, 12, 31)), st.integers(0, 90)),
        min_size=1,
        max_size=30,
    )
)
def test_look_up_numpy_and_the_reference_agree(cases: list[tuple[date, int]]) -> None:
    calendar, lookup = _shared()
    expected = [calendar.add_working_days(received, days) for received, days in cases]
    assert [lookup.due(received, days) for received, days in cases] == expected
    got = due_dates(
        calendar,
        np.array([r for r, _ in cases], dtype="datetime64[D]"),
        np.array([d for _, d in cases]),
        last=date(2035, 12, 31),
    )
    assert list(got) == [np.datetime64(e) for e in expected]


def _province(tmp_path: Path, body: str) -> Registry:
    folder = tmp_path / "tinh" / "calendars"
    folder.mkdir(parents=True)
    (folder / "quang-ngai.yaml").write_text(body, encoding="utf-8")
    return Registry([tmp_path / "tinh"], use_env=False)


def test_a_province_override_adds_a_day_off_and_a_working_saturday(tmp_path: Path) -> None:
    registry = _province(
        tmp_path,
        "id: quang-ngai\n"
        "days_off:\n  - {date: 2023-07-03, name: 'Ngày nghỉ theo Quyết định của tỉnh'}\n"
        "workdays:\n  - {date: 08/07/2023, name: 'Làm bù'}\n",
    )
    calendar = load_calendar(registry, date(2023, 12, 31))
    # Fri 30/06 + 1: Mon 03/07 is off → Tue 04/07.
    assert calendar.add_working_days(date(2023, 6, 30), 1) == date(2023, 7, 4)
    # Fri 07/07 + 1: Sat 08/07 is worked.
    assert calendar.add_working_days(date(2023, 7, 7), 1) == date(2023, 7, 8)
    assert calendar.why_not_working(date(2023, 7, 3)) == "Ngày nghỉ theo Quyết định của tỉnh"


def test_a_broken_override_names_the_file_and_entry(tmp_path: Path) -> None:
    registry = _province(tmp_path, "id: quang-ngai\ndays_off:\n  - {date: 31/02/2023}\n")
    with pytest.raises(RegistryError, match=r"quang-ngai.yaml: days_off, mục 1: ngày “31/02/2023”"):
        load_calendar(registry, date(2023, 12, 31))


def test_the_array_of_days_off_is_the_reference_list(calendar) -> None:  # type: ignore[no-untyped-def]
    from cchc.analytics.calendar import days_off

    first, last = date(2022, 1, 1), date(2026, 12, 31)
    expected = [np.datetime64(d) for d in calendar.non_working_days(first, last)]
    assert list(days_off(calendar, first, last)) == expected
