"""Periods: kinds, labels, and the data window by the cut-off rule."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.periods import DateWindow, Period, PeriodKind, format_date, parse_date


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Q3", PeriodKind.Q3),
        ("quý III", PeriodKind.Q3),
        ("Quý 3", PeriodKind.Q3),
        ("9 tháng", PeriodKind.Q3),
        ("9 tháng đầu năm", PeriodKind.Q3),
        ("6 tháng đầu năm", PeriodKind.Q2),
        ("quý II", PeriodKind.Q2),
        ("QUÝ I", PeriodKind.Q1),
        ("năm", PeriodKind.Q4),
        ("quy iv", PeriodKind.Q4),
    ],
)
def test_period_kind_reads_the_words_reports_use(text: str, kind: PeriodKind) -> None:
    assert PeriodKind.parse(text) is kind


def test_unknown_period_kind_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="không nhận ra kỳ báo cáo"):
        PeriodKind.parse("quý V")


def test_quarter_window_runs_from_the_15th_of_the_month_before() -> None:
    # Nghị định 09/2019: quý III is 15/6 to 14/9.
    window = Period(2023, PeriodKind.Q3).window()
    assert window == DateWindow(date(2023, 6, 15), date(2023, 9, 14))


def test_first_quarter_starts_in_december_of_the_previous_year() -> None:
    assert Period(2024, PeriodKind.Q1).window() == DateWindow(date(2023, 12, 15), date(2024, 3, 14))


def test_cumulative_windows_start_on_15_december() -> None:
    assert Period(2023, PeriodKind.Q2).cumulative_window() == DateWindow(
        date(2022, 12, 15), date(2023, 6, 14)
    )
    assert Period(2023, PeriodKind.Q4).cumulative_window() == DateWindow(
        date(2022, 12, 15), date(2023, 12, 14)
    )


def test_cut_off_day_is_a_setting() -> None:
    assert Period(2023, PeriodKind.Q1).window(cutoff_day=20) == DateWindow(
        date(2022, 12, 20), date(2023, 3, 19)
    )


def test_labels_and_keys() -> None:
    period = Period(2023, PeriodKind.Q3)
    assert period.label == "quý III năm 2023"
    assert period.key == "2023-Q3"
    assert Period.parse("2023-q3") == period
    assert PeriodKind.Q2.cumulative_label == "6 tháng đầu năm"
    assert period.previous_in_year() == Period(2023, PeriodKind.Q2)
    assert Period(2023, PeriodKind.Q1).previous_in_year() is None


def test_dates_are_shown_dd_mm_yyyy_and_read_both_ways() -> None:
    assert format_date(date(2023, 9, 7)) == "07/09/2023"
    assert parse_date("7/9/2023") == date(2023, 9, 7)
    assert parse_date("2023-09-07") == date(2023, 9, 7)
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_date("31/02/2023")


def test_a_window_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="trước ngày bắt đầu"):
        DateWindow(date(2023, 9, 25), date(2023, 6, 1))
