"""Which way round a ledger's numeric dates are written, judged from cells sampled from it.

Dates are read day first (dd/mm/yyyy), as Vietnamese software and Windows in
Vietnamese write them, or month first when the user says so
(``--month-first``). Two things make that reading silently wrong wherever the
day is 12 or less, and the sampled cells show both:

- the whole column is in the other order (Excel on a Windows set to English
  (United States) saves 23 July as 7/23/2023);
- the dates were typed into, or opened in, a spreadsheet set to the other
  order. It takes 03/07/2023 for 7 March and stores a real date; it cannot
  read 23/07/2023 and keeps the text. The column then holds real dates
  (written year first by the sheet reader, or by a program that saved the
  sheet as CSV) for every day up to 12, all swapped, and text for the rest.

A CSV merely re-saved by such a spreadsheet is not wrong: it writes 7 March
back as 3/7/2023, which reads day first as 3 July again. Only the styles of
its cells differ, and the reader takes mixed styles.

The checks return a message for the user, or None; the adapter that samples
the file raises it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cchc.domain.dossier_ledger import COLUMN_BY_NAME

__all__ = ["DAY_FIRST", "YEAR_FIRST", "DateReading", "date_order_problem", "leading_numbers"]


@dataclass(frozen=True)
class DateReading:
    """How the user says a ledger's numeric dates are written."""

    # 7/23/2023: month before day (``--month-first``).
    month_first: bool = False
    # Real spreadsheet dates (written year first) have day and month swapped: the
    # register was typed on a spreadsheet set to the other order (``--swapped-dates``).
    swapped: bool = False


# As Vietnamese software writes dates, and what is read unless the user says otherwise.
DAY_FIRST = DateReading()


# A date written year first: how a sheet reader (or a program that saved the sheet)
# writes a spreadsheet's real date cell. Python and DuckDB's RE2 read it alike.
YEAR_FIRST = r"^\s*\d{4}-\d{1,2}-\d{1,2}"

_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}\b")


def leading_numbers(text: str) -> tuple[int, int] | None:
    """The first two numbers of a numeric date ("7/23/2023" → 7, 23); None for other text."""
    match = _NUMERIC_DATE.match(text)
    return (int(match[1]), int(match[2])) if match else None


def date_order_problem(
    label: str, samples: dict[str, list[str]], reading: DateReading = DAY_FIRST
) -> str | None:
    """What is wrong with the order of a source's sampled date cells; None when nothing is."""
    month_first = reading.month_first
    for name, texts in samples.items():
        column = f"{label}: cột “{COLUMN_BY_NAME[name].label}”"
        problem = _other_order(column, texts, month_first)
        if not problem and not reading.swapped:
            problem = _swapped_by_spreadsheet(column, texts, month_first)
        if problem:
            return problem
    return None


def _other_order(column: str, texts: Sequence[str], month_first: bool) -> str | None:
    """A column its sampled cells show to be in the other order than it is read.

    The cells prove the order when no first number passes 12 and several
    second numbers do: one such cell may be a typing slip in a ledger whose
    first days are all the 12th or earlier.
    """
    pairs = [(*n, t) for t in texts if (n := leading_numbers(t))]
    if month_first:
        pairs = [(second, first, t) for first, second, t in pairs]
    if any(first > 12 for first, _, _ in pairs):
        return None
    late = [t for _, second, t in pairs if second > 12]
    if len(late) < max(2, len(pairs) // 20):
        return None
    if month_first:
        return (
            f"{column} ghi ngày theo kiểu ngày/tháng/năm (ví dụ “{late[0]}”), trong "
            "khi --month-first yêu cầu đọc theo tháng/ngày/năm; hãy bỏ --month-first"
        )
    return (
        f"{column} ghi ngày theo kiểu tháng/ngày/năm (ví dụ “{late[0]}”), trong khi "
        "sổ được đọc theo ngày/tháng/năm; nếu mọi ngày trong các sổ đều ghi như vậy, "
        "chạy lại với --month-first, hoặc định dạng lại các cột ngày theo dd/mm/yyyy "
        "rồi lưu lại"
    )


# A numeric date: day and month either way round, or year first.
_CELL = re.compile(
    r"\s*(?:(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-]\d{4}|\d{4}-\d{1,2}-(?P<day>\d{1,2}))\b"
)
# Cells of each kind needed before the split between them counts as a sign.
_LEAST = 3


def _cell(text: str, month_first: bool) -> tuple[bool, bool] | None:
    """Whether the cell is a date written year first, and whether its day is 12 or less.

    None for a cell that tells nothing: not a numeric date, or a sign of the
    other order, which is ``_other_order``'s.
    """
    match = _CELL.match(text)
    if match is None:
        return None
    if match["day"]:
        return True, int(match["day"]) <= 12
    day, month = int(match["a"]), int(match["b"])
    if month_first:
        day, month = month, day
    return (False, day <= 12) if month <= 12 else None


def _swapped_by_spreadsheet(column: str, texts: Iterable[str], month_first: bool) -> str | None:
    """A column where spreadsheet dates stand for every day up to 12, and text for the rest.

    A spreadsheet keeps a date it could read as a real date, which a ledger
    saved from it (or a program reading it) writes year first; one set to the
    other order can read a date only when its day is 12 or less, and then with
    day and month swapped. Days past 12 stay text as typed. A program writes
    every cell the same way, and a person typing into a spreadsheet set to
    this order gets real dates for every day: the split, on both sides of the
    line at 12, is that spreadsheet's mark.
    """
    cells = [(t, c) for t in texts if (c := _cell(t, month_first))]
    real = [(t, early) for t, (year_first, early) in cells if year_first]
    typed = [(t, early) for t, (year_first, early) in cells if not year_first]
    if len(real) < _LEAST or len(typed) < _LEAST:
        return None
    if all(early for _, early in real) and not any(early for _, early in typed):
        return _swapped_message(column, real[0][0], typed[0][0], month_first)
    return None


def _swapped_message(column: str, real: str, typed: str, month_first: bool) -> str:
    year, month, day = re.findall(r"\d+", real)[:3]
    stored = f"{int(day):02d}/{int(month):02d}/{year}"
    excel, example = "tháng/ngày/năm", "03/07 thành ngày 7 tháng 3"
    if month_first:
        excel, example = "ngày/tháng/năm", "07/03 thành ngày 7 tháng 3"
    return (
        f"{column}: mọi ô kiểu ngày của Excel đều có số ngày từ 1 đến 12 (ví dụ ô Excel lưu "
        f"là ngày {stored}), còn các ngày từ 13 trở đi là chữ (ví dụ “{typed}”). Đó là dấu "
        f"hiệu sổ đã được gõ hoặc mở bằng Excel đặt kiểu ngày {excel}: Excel chỉ nhận những "
        f"ngày có số ngày từ 1 đến 12 và nhận chúng với ngày, tháng đảo nhau ({example}), "
        "nên đọc tiếp sẽ sai mà không báo. Nếu đúng vậy, chạy lại với --swapped-dates để "
        "đổi chỗ lại ngày và tháng của các ô ngày thật; hoặc xuất lại sổ từ phần mềm một cửa"
    )
