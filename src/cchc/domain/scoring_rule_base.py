"""Common ground of the rule kinds: outcome, context, exact expressions, parameter reading.

Value expressions are formulas over a criterion's numeric variables, parsed by
the safe ``Formula`` parser and evaluated on fractions, so that 97 dossiers
on time out of 100 is exactly the 0,97 threshold.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar, cast

from cchc.domain.formula import Formula, FormulaError
from cchc.domain.numbers import format_number
from cchc.domain.scoring_values import Scalar, Variable, exact, show_points, show_scalar

__all__ = [
    "Expr",
    "Outcome",
    "Rule",
    "RuleContext",
    "RuleSpecError",
    "UndefinedRatioError",
    "Values",
    "check_keys",
    "number_param",
    "points_param",
    "required_param",
]

Values = Mapping[str, Scalar]


class RuleSpecError(ValueError):
    """A ``rule:`` mapping that cannot be used as written."""


class UndefinedRatioError(Exception):
    """A ratio whose denominator is zero: the criterion cannot be scored from these inputs."""


@dataclass(frozen=True, slots=True)
class Outcome:
    points: Fraction
    detail: str
    shortfall: str | None = None  # why the points are below the rule's full points


@dataclass(frozen=True, slots=True)
class RuleContext:
    code: str
    max_points: Fraction
    variables: Mapping[str, Variable]
    decimals: int = 2


class Expr:
    """A formula over a criterion's numeric variables, evaluated exactly."""

    def __init__(self, raw: object, ctx: RuleContext, what: str) -> None:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise RuleSpecError(f"“{what}” phải là một công thức, ví dụ “b / a”")
        try:
            self.formula = Formula(str(raw))
        except FormulaError as exc:
            raise RuleSpecError(f"“{what}”: {exc}") from None
        for name in self.formula.keys:
            variable = ctx.variables.get(name)
            if variable is None:
                known = ", ".join(ctx.variables) or "không có"
                raise RuleSpecError(
                    f"“{what}” dùng biến “{name}” chưa khai báo (các biến: {known})"
                )
            if not variable.type.numeric:
                raise RuleSpecError(f"“{what}” dùng biến “{name}” không phải là số")
        self.ctx = ctx
        self.text = self.formula.render(lambda key: key)

    @property
    def names(self) -> tuple[str, ...]:
        return self.formula.keys

    def value(self, values: Values) -> Fraction:
        # Formula's arithmetic is duck-typed; fractions keep 97/100 exactly 0,97.
        env = cast(Mapping[str, int | float | None], {k: values[k] for k in self.names})
        result: object = self.formula.evaluate(env)
        if result is None:
            raise UndefinedRatioError(
                f"không tính được {self.text} vì mẫu số bằng 0 ({self.shown(values)})"
            )
        return exact(result)

    def shown(self, values: Values) -> str:
        """ "b / a = 505 / 507" (or "a = 507") with the values written as the user wrote them."""
        filled = self.formula.render(lambda k: show_scalar(self.ctx.variables[k], values[k]))
        return f"{self.text} = {filled}" if filled != self.text else self.text

    def show_value(self, values: Values, number: Fraction) -> str:
        """The value of a one-variable expression in the variable's unit, else a plain number."""
        if len(self.names) == 1 and self.text == self.names[0]:
            return show_scalar(self.ctx.variables[self.names[0]], number)
        return format_number(float(number), 4, trim=True)


class Rule(ABC):
    kind: ClassVar[str]

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx

    @classmethod
    @abstractmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule: ...

    @abstractmethod
    def variables(self) -> tuple[str, ...]: ...

    @abstractmethod
    def evaluate(self, values: Values) -> Outcome: ...

    def pts(self, value: Fraction) -> str:
        return show_points(value, self.ctx.decimals)


def check_keys(spec: Mapping[str, Any], allowed: Sequence[str], kind: str) -> None:
    unknown = [k for k in spec if k not in ("kind", *allowed)]
    if unknown:
        raise RuleSpecError(
            f"quy tắc “{kind}” không có trường “{unknown[0]}” (các trường: {', '.join(allowed)})"
        )


def number_param(spec: Mapping[str, Any], key: str, *, required: bool = False) -> Fraction | None:
    if key not in spec or spec[key] is None:
        if required:
            raise RuleSpecError(f"thiếu trường “{key}”")
        return None
    try:
        return exact(spec[key])
    except ValueError as exc:
        raise RuleSpecError(f"“{key}”: {exc}") from None


def points_param(spec: Mapping[str, Any], ctx: RuleContext) -> Fraction:
    points = number_param(spec, "points")
    if points is None:
        return ctx.max_points
    if not 0 <= points <= ctx.max_points:
        raise RuleSpecError(
            f"“points” = {show_points(points)} phải từ 0 đến điểm tối đa {show_points(ctx.max_points)}"
        )
    return points


def required_param(spec: Mapping[str, Any], key: str) -> Any:
    if key not in spec or spec[key] is None:
        raise RuleSpecError(f"thiếu trường “{key}”")
    return spec[key]
