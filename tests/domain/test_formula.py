"""The formula language: arithmetic over indicator keys, and nothing else."""

from __future__ import annotations

import pytest

from cchc.domain.formula import Formula, FormulaError, MissingOperandError


def test_evaluates_a_rate() -> None:
    rate = Formula("a.b / a.c * 100")
    assert rate.keys == ("a.b", "a.c")
    assert rate.evaluate({"a.b": 28, "a.c": 44}) == pytest.approx(63.636363636)


def test_division_by_zero_has_no_value() -> None:
    assert Formula("x / y * 100").evaluate({"x": 0, "y": 0}) is None


def test_a_blank_operand_is_reported_by_name() -> None:
    with pytest.raises(MissingOperandError) as caught:
        Formula("x + y").evaluate({"x": 1})
    assert caught.value.key == "y"


def test_precedence_parentheses_and_negation() -> None:
    assert Formula("(a + b) / c - -1").evaluate({"a": 1, "b": 3, "c": 2}) == 3


@pytest.mark.parametrize(
    "text", ["__import__('os')", "a ** 2", "a; b", "", "(a + b", "a +", "open(x)", "a[0]"]
)
def test_anything_but_arithmetic_is_refused(text: str) -> None:
    with pytest.raises(FormulaError):
        Formula(text)


def test_renders_in_printed_codes() -> None:
    codes = {"bm3.on_time": "3.2.2", "bm3.resolved": "3.2.1"}
    formula = Formula("bm3.on_time / bm3.resolved * 100")
    assert formula.render(lambda k: f"mục {codes[k]}") == "mục 3.2.2 / mục 3.2.1 × 100"
    assert Formula("(a - b) / c").render(str) == "(a - b) / c"
    assert Formula("a - (b - c)").render(str) == "a - (b - c)"


def test_ratio_parts_are_found() -> None:
    parts = Formula("n / d * 100").ratio_parts()
    assert parts is not None
    numerator, denominator, scale = parts
    assert (numerator.keys, denominator.keys, scale) == (("n",), ("d",), 100)
    assert Formula("a + b").ratio_parts() is None
