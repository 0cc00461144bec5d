"""Vietnamese number parsing and formatting: what a cell says is what the system reads."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cchc.domain.numbers import (
    NumberStatus,
    decimals_of,
    format_number,
    format_percent,
    pad2,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expect", "value", "decimals", "percent"),
    [
        ("16.183", "integer", 16183, 0, False),
        ("312.773", "amount", 312773, 0, False),
        ("99,78%", "percent", 99.78, 2, True),
        ("12,5%", None, 12.5, 1, True),
        ("01", "integer", 1, 0, False),
        ("04", None, 4, 0, False),
        ("10%", None, 10, 0, True),
        ("1.234,5", None, 1234.5, 1, False),
        ("16 183", "integer", 16183, 0, False),
        ("-5", "integer", -5, 0, False),
        ("96,6", "percent", 96.6, 1, False),
        ("34.279", "integer", 34279, 0, False),
        ("1.057.000", None, 1057000, 0, False),
    ],
)
def test_vietnamese_notation_reads_as_written(
    text: str, expect: str | None, value: float, decimals: int, percent: bool
) -> None:
    parsed = parse_number(text, expect)  # type: ignore[arg-type]
    assert parsed.status is NumberStatus.NUMBER
    assert parsed.value == value
    assert parsed.decimals == decimals
    assert parsed.percent is percent
    assert not parsed.ambiguous


@pytest.mark.parametrize("text", ["", "-", "–", " - ", "x", "…"])
def test_blank_and_dash_are_not_reported_never_zero(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.status is NumberStatus.NOT_REPORTED
    assert parsed.value is None


def test_english_decimal_point_from_converted_files_is_read_and_noted() -> None:
    # Seed 000 writes "95.8" for 549/573: a dot followed by one digit cannot group thousands.
    parsed = parse_number("95.8", "percent")
    assert parsed.value == 95.8
    assert parsed.decimals == 1
    assert not parsed.ambiguous
    assert any("thập phân" in note for note in parsed.notes)


def test_dot_with_three_digits_is_ambiguous_without_context() -> None:
    parsed = parse_number("16.183")
    assert parsed.value == 16183  # the Vietnamese reading
    assert parsed.ambiguous
    assert 16.183 in parsed.alternatives


def test_a_count_settles_the_dot_as_thousands() -> None:
    assert not parse_number("16.183", "integer").ambiguous


def test_a_rate_prefers_the_reading_below_100_and_says_so() -> None:
    parsed = parse_number("99.780", "percent")
    assert parsed.value == 99.78
    assert parsed.ambiguous
    assert 99780 in parsed.alternatives


def test_comma_thousands_in_a_count_is_flagged_not_guessed_silently() -> None:
    parsed = parse_number("1,234", "integer")
    assert parsed.value == 1234
    assert parsed.ambiguous
    assert 1.234 in parsed.alternatives


def test_pair_is_read_as_a_pair() -> None:
    parsed = parse_number("16.181 /16.183", "integer")
    assert parsed.status is NumberStatus.PAIR
    assert parsed.pair == (16181, 16183)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "12,3,4", "1..2", "Có", "1.23.456"])
def test_malformed_numbers_are_invalid_with_a_reason(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.status is NumberStatus.INVALID
    assert parsed.notes


def test_formatting_follows_vietnamese_notation() -> None:
    assert format_number(16183) == "16.183"
    assert format_number(99.78) == "99,78"
    assert format_number(70.0295, 2) == "70,03"
    assert format_number(-1234567) == "-1.234.567"
    assert format_percent(70.02964) == "70,03%"
    assert format_percent(100.0) == "100%"
    assert format_percent(12.5) == "12,5%"
    assert pad2(3) == "03"
    assert pad2(12) == "12"


def test_formatting_refuses_non_numbers() -> None:
    with pytest.raises(ValueError, match="không định dạng"):
        format_number(math.nan)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_round_trip_through_text(n: int) -> None:
    parsed = parse_number(format_number(n), "integer")
    assert parsed.status is NumberStatus.NUMBER
    assert parsed.value == n
    assert not parsed.ambiguous


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
@example(2.0**-24)  # formatting the binary value at 23 places changed its last digit
def test_decimals_round_trip_through_text(x: float) -> None:
    text = format_number(x)
    parsed = parse_number(text, "amount")
    assert parsed.status is NumberStatus.NUMBER
    assert parsed.value == x
    assert parsed.decimals == decimals_of(x)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
def test_rates_round_trip_with_percent_sign(d: object) -> None:
    value = float(str(d))
    parsed = parse_number(format_percent(value), "percent")
    assert parsed.value == pytest.approx(value, abs=1e-9)
    assert parsed.percent


@given(st.text(max_size=20))
def test_any_text_gets_an_answer_never_an_exception(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.status in set(NumberStatus)
    if parsed.status is NumberStatus.INVALID:
        assert parsed.notes
