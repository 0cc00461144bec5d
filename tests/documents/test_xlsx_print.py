"""Row heights for wrapped cells: enough lines for the text, never fewer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cchc.documents.textwidth import text_width_pt
from cchc.documents.xlsx_print import LINE_SPACING, column_points, row_height, wrapped_lines


@given(
    st.lists(st.sampled_from(["Thủ", "tục", "cấp", "giấy", "chứng", "nhận", "đất", "a" * 40])).map(
        " ".join
    ),
    st.integers(min_value=5, max_value=60),
)
def test_wrapping_never_fits_more_text_than_the_lines_hold(text: str, width: int) -> None:
    lines = wrapped_lines(text, width, 11)
    assert lines >= 1
    # Each line holds at most one column's room of letters.
    letters = sum(text_width_pt(w, 11) for w in text.split())
    assert letters <= lines * column_points(width) + 1e-6
    # A wider column never needs more lines.
    assert wrapped_lines(text, width + 5, 11) <= lines


def test_a_word_wider_than_its_column_is_broken_over_lines() -> None:
    # 40 × "a" at 11 pt is 195 pt; a column 10 characters wide holds 53 pt.
    assert wrapped_lines("a" * 40, 10, 11) == 4


def test_explicit_line_breaks_count() -> None:
    assert wrapped_lines("a = 15\nb = 13\nCách tính: b / a", 60, 12) == 3


def test_one_line_rows_keep_the_default_height() -> None:
    assert row_height([("STT", 6), ("Đăng ký khai sinh", 30)], 11) is None
    two = row_height([("Số ngày làm việc quá hạn", 9)], 11, bold=True)
    assert two is not None
    assert two >= 3 * 11 * LINE_SPACING  # three lines at the bold width
