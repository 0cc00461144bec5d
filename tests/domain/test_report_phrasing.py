"""How numbers, dates and lists are written in the documents (Nghị định 30/2020 and the seeds)."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.periods import Period, PeriodKind
from cchc.domain.phrasing import (
    BLANK,
    count_text,
    default_title,
    nd30_date_line,
    nd30_number_line,
    nd30_short_date,
    percent_text,
    qty,
    recipient_lines,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 9, 7), "Gia Nghĩa, ngày 07 tháng 9 năm 2023"),
        (date(2024, 1, 5), "Gia Nghĩa, ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 15), "Gia Nghĩa, ngày 15 tháng 02 năm 2024"),
        (date(2023, 3, 1), "Gia Nghĩa, ngày 01 tháng 3 năm 2023"),
        (date(2023, 12, 20), "Gia Nghĩa, ngày 20 tháng 12 năm 2023"),
    ],
)
def test_date_line_pads_days_under_ten_and_months_one_and_two(day: date, expected: str) -> None:
    assert nd30_date_line("Gia Nghĩa", day, day.year) == expected


def test_date_line_without_a_date_leaves_room_to_write_it_by_hand() -> None:
    assert nd30_date_line("Trà Vinh", None, 2022) == f"Trà Vinh, ngày{BLANK}tháng{BLANK}năm 2022"


def test_short_date_in_the_appendix_caption_follows_the_same_padding() -> None:
    assert nd30_short_date(date(2023, 9, 7)) == "07/9/2023"
    assert nd30_short_date(date(2024, 1, 15)) == "15/01/2024"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("53", "Số: 53/BC-UBND"),
        ("5", "Số: 05/BC-UBND"),
        (7, "Số: 07/BC-UBND"),
        (None, f"Số: {BLANK}/BC-UBND"),
    ],
)
def test_number_line_pads_numbers_under_ten_and_leaves_a_blank_number(
    number: object, expected: str
) -> None:
    assert nd30_number_line(number, "BC-UBND") == expected  # type: ignore[arg-type]


def test_counts_are_written_as_officials_write_them() -> None:
    assert [count_text(n) for n in (3, 9, 10, 0, 5576, 34279)] == [
        "03",
        "09",
        "10",
        "0",
        "5.576",
        "34.279",
    ]
    assert qty(5, "hồ sơ") == "05 hồ sơ"
    assert qty(312773, "triệu đồng") == "312.773 triệu đồng"


def test_rates_have_at_most_two_decimals_with_a_decimal_comma() -> None:
    assert percent_text(2835 / 4048 * 100) == "70,03%"
    assert percent_text(100.0) == "100%"
    assert percent_text(12.5) == "12,5%"


def test_recipients_end_with_the_archive_line_and_a_full_stop() -> None:
    assert recipient_lines(["Như trên;", "CT, các PCT UBND thành phố", "Lưu: VT, NV (MT)."]) == [
        "- Như trên;",
        "- CT, các PCT UBND thành phố;",
        "- Lưu: VT, NV (MT).",
    ]
    assert recipient_lines(["Lưu: VT", "Sở Nội vụ (b/c)"])[-1] == "- Lưu: VT."
    assert recipient_lines([]) == ["- Lưu: VT."]


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("Q1", "Công tác cải cách hành chính quý I và phương hướng, nhiệm vụ quý II năm 2023"),
        (
            "Q2",
            "Công tác cải cách hành chính 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2023",
        ),
        ("Q3", "Công tác cải cách hành chính quý III và phương hướng, nhiệm vụ quý IV năm 2023"),
        ("Q4", "Công tác cải cách hành chính năm 2023 và phương hướng, nhiệm vụ năm 2024"),
    ],
)
def test_default_subject_line_names_the_period_and_the_next(kind: str, title: str) -> None:
    assert default_title(Period(2023, PeriodKind(kind))) == title
