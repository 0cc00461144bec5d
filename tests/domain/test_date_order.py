"""Which way round a ledger's dates are written, judged from sampled cells.

The sign of a spreadsheet set to US dates: it stores a real date for every
day it could read (days up to 12, day and month swapped) and keeps the rest
as typed text. Read as they are, the real dates would be months off without
a word, so such a column is refused; a column one program wrote, or a person
typed on a spreadsheet set to Vietnamese dates, never is.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cchc.domain.date_order import DateReading, date_order_problem, leading_numbers

START = date(2023, 1, 1)
days = st.lists(st.integers(0, 729).map(lambda n: START + timedelta(n)), min_size=1, max_size=60)


def typed_on_us_excel(intended: date) -> str:
    """A dd/mm/yyyy date typed into Excel set to English (United States), as the sheet reader
    then gives it: a real date (day and month swapped) when the day is 12 or less, else text."""
    if intended.day <= 12:
        return date(intended.year, intended.day, intended.month).isoformat() + " 00:00:00"
    return intended.strftime("%d/%m/%Y")


def test_real_dates_for_every_early_day_and_text_for_the_rest_are_refused() -> None:
    cells = [typed_on_us_excel(date(2023, 7, d)) for d in (3, 4, 5, 13, 14, 20, 6, 21)]
    assert cells[0] == "2023-03-07 00:00:00"  # what cchc would read as 7 March
    problem = date_order_problem("so.xlsx", {"received_at": cells})
    assert problem is not None
    assert problem.startswith("so.xlsx: cột “ngày tiếp nhận”: mọi ô kiểu ngày của Excel")
    assert "(ví dụ ô Excel lưu là ngày 07/03/2023)" in problem
    assert "các ngày từ 13 trở đi là chữ (ví dụ “13/07/2023”)" in problem
    assert "Excel đặt kiểu ngày tháng/ngày/năm" in problem
    # A program that saved the sheet may write its dates unpadded.
    cells = ["2023-3-7 8:30", "2023-4-7", "2023-5-7", "13/07/2023", "14/07/2023", "20/07/2023"]
    problem = date_order_problem("so.csv", {"received_at": cells})
    assert problem is not None
    assert "(ví dụ ô Excel lưu là ngày 07/03/2023)" in problem


@given(days)
def test_a_register_typed_on_us_excel_is_refused_once_both_kinds_show(intended: list[date]) -> None:
    early = sum(d.day <= 12 for d in intended)
    problem = date_order_problem("so.xlsx", {"due_at": [typed_on_us_excel(d) for d in intended]})
    assert (problem is not None) == (early >= 3 and len(intended) - early >= 3)


STYLES = ("%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")


@given(days, st.sampled_from(STYLES), st.booleans())
def test_a_column_one_program_wrote_is_never_refused(
    intended: list[date], style: str, unpadded: bool
) -> None:
    cells = [d.strftime(style) for d in intended]
    if unpadded and "%d/" in style:
        cells = [f"{d.day}/{d.month}/{d.year}" for d in intended]
    assert date_order_problem("so.csv", {"received_at": cells}) is None


@given(days, st.sets(st.integers(0, 59)))
def test_a_register_typed_on_vietnamese_excel_is_never_refused(
    intended: list[date], as_text: set[int]
) -> None:
    # Every typed date is a real date; a few cells formatted as Text keep what was typed.
    cells = [
        d.strftime("%d/%m/%Y") if i in as_text else d.isoformat() + " 00:00:00"
        for i, d in enumerate(intended)
    ]
    early_real = all(d.day <= 12 for i, d in enumerate(intended) if i not in as_text)
    late_text = all(d.day > 12 for i, d in enumerate(intended) if i in as_text)
    if early_real and late_text:
        return  # exactly the US mark: only a person's luck tells them apart
    assert date_order_problem("so.xlsx", {"received_at": cells}) is None


def test_text_for_an_early_day_shows_the_real_dates_were_read_the_right_way() -> None:
    # Only days up to 12 are real dates so far, but a spreadsheet set to US dates would
    # have made 05/07/2023 a real date too: this text cell was typed as text on purpose.
    cells = ["2023-07-03 00:00:00", "2023-07-04 00:00:00", "2023-07-06 00:00:00"]
    cells += ["05/07/2023", "13/07/2023", "14/07/2023", "20/07/2023"]
    assert date_order_problem("so.xlsx", {"received_at": cells}) is None
    # A real date on the 18th could not come from a spreadsheet set to US dates.
    cells = ["2023-07-03 00:00:00", "2023-07-04 00:00:00", "2023-07-18 00:00:00"]
    cells += ["13/07/2023", "14/07/2023", "20/07/2023"]
    assert date_order_problem("so.xlsx", {"received_at": cells}) is None


def test_with_month_first_a_us_register_typed_on_vietnamese_excel_is_refused() -> None:
    # 7/3/2023 (3 July) typed on a Vietnamese Excel becomes 7 March; 7/23/2023 stays text.
    cells = ["2023-03-07 00:00:00", "2023-04-07 00:00:00", "2023-05-07 00:00:00"]
    cells += ["7/23/2023", "7/24/2023", "7/25/2023"]
    assert date_order_problem("so.xlsx", {"received_at": cells}) is not None
    problem = date_order_problem("so.xlsx", {"received_at": cells}, DateReading(month_first=True))
    assert problem is not None
    assert "Excel đặt kiểu ngày ngày/tháng/năm" in problem


def test_a_whole_column_in_us_order_is_refused_with_the_month_first_advice() -> None:
    problem = date_order_problem("so.csv", {"finished_at": ["7/3/2023", "7/23/2023", "7/24/2023"]})
    assert problem is not None
    assert "so.csv: cột “ngày có kết quả” ghi ngày theo kiểu tháng/ngày/năm" in problem
    assert "chạy lại với --month-first" in problem


def test_leading_numbers_are_the_first_two_numbers_of_a_numeric_date() -> None:
    assert leading_numbers("7/23/2023 4:05 PM") == (7, 23)
    assert leading_numbers(" 03.07.2023") == (3, 7)
    assert leading_numbers("2023-07-03") is None
    assert leading_numbers("03/07/23") is None
