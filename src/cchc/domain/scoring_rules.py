"""Rule kinds of a PAR Index scheme: how one criterion turns its inputs into points.

The set is fixed (no expression from a file is ever executed): each kind reads
its parameters from the ``rule:`` mapping of a scheme file and formulas over
the criterion's variables go through the safe ``Formula`` parser. Value
expressions of the ratio kinds are ratios (1 means 100 %). Every rule explains
itself: ``detail`` says how the points were obtained and ``shortfall`` says
which input keeps them below the maximum, which is what a forecast prints.
The caller caps every score to [0, max] and rounds it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from cchc.domain.numbers import format_number
from cchc.domain.scoring_ratio_rules import AllOrNothing, Bands, Minimum, Proportional, Weighted
from cchc.domain.scoring_rule_base import (
    Expr,
    Outcome,
    Rule,
    RuleContext,
    RuleSpecError,
    UndefinedRatioError,
    Values,
    check_keys,
    number_param,
    points_param,
    required_param,
)
from cchc.domain.scoring_values import Scalar, Variable, VarType, exact, show_points, show_scalar

__all__ = [
    "RULE_KINDS",
    "Outcome",
    "Rule",
    "RuleContext",
    "RuleSpecError",
    "UndefinedRatioError",
    "parse_rule",
]


@dataclass(frozen=True, slots=True)
class _Part:
    variable: Variable
    points: Fraction | None  # yes/no part
    by_option: tuple[tuple[str, Fraction], ...] = ()  # choice part

    @property
    def full(self) -> Fraction:
        if self.points is not None:
            return self.points
        return max(p for _, p in self.by_option)


class Parts(Rule):
    """Several yes/no (or graded) parts whose points add up."""

    kind = "parts"

    def __init__(self, ctx: RuleContext, parts: list[_Part]) -> None:
        super().__init__(ctx)
        self.parts = parts

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("parts",), cls.kind)
        raw_parts = required_param(spec, "parts")
        if not isinstance(raw_parts, list) or not raw_parts:
            raise RuleSpecError("“parts” phải là danh sách các phần {variable: …, points: …}")
        parts = [_parse_part(raw, i, ctx) for i, raw in enumerate(raw_parts, 1)]
        total = sum((p.full for p in parts), Fraction(0))
        if total != ctx.max_points:
            raise RuleSpecError(
                f"tổng điểm các phần ({show_points(total)}) khác điểm tối đa "
                f"{show_points(ctx.max_points)}"
            )
        return cls(ctx, parts)

    def variables(self) -> tuple[str, ...]:
        return tuple(p.variable.name for p in self.parts)

    def evaluate(self, values: Values) -> Outcome:
        score = Fraction(0)
        shown: list[str] = []
        short: list[str] = []
        for part in self.parts:
            answer = values[part.variable.name]
            got = _partpoints_param(part, answer)
            score += got
            text = show_scalar(part.variable, answer)
            shown.append(f"{part.variable.label}: {text} ({self.pts(got)})")
            if got < part.full:
                if part.points is not None:
                    short.append(f"Không đạt: {part.variable.label}")
                else:
                    short.append(
                        f"{part.variable.label}: {text} ({self.pts(got)}/{self.pts(part.full)})"
                    )
        return Outcome(score, "; ".join(shown), "; ".join(short) or None)


def _partpoints_param(part: _Part, answer: Scalar) -> Fraction:
    if part.points is not None:
        return part.points if answer is True else Fraction(0)
    return dict(part.by_option)[str(answer)]


def _parse_part(raw: object, index: int, ctx: RuleContext) -> _Part:
    if not isinstance(raw, Mapping):
        raise RuleSpecError(f"phần thứ {index} phải có dạng {{variable: …, points: …}}")
    unknown = [k for k in raw if k not in ("variable", "points")]
    if unknown:
        raise RuleSpecError(f"phần thứ {index}: không có trường “{unknown[0]}”")
    name = raw.get("variable")
    variable = ctx.variables.get(str(name))
    if variable is None:
        raise RuleSpecError(f"phần thứ {index}: biến “{name}” chưa khai báo")
    points = raw.get("points")
    if variable.type is VarType.YES_NO:
        try:
            value = exact(points)
        except ValueError:
            raise RuleSpecError(
                f"phần thứ {index} (“{name}”): “points” phải là số điểm khi đạt"
            ) from None
        return _Part(variable, value)
    if variable.type is VarType.CHOICE:
        keys = [k for k, _ in variable.options]
        if not isinstance(points, Mapping) or sorted(map(str, points)) != sorted(keys):
            raise RuleSpecError(
                f"phần thứ {index} (“{name}”): “points” phải cho điểm từng lựa chọn: "
                + ", ".join(keys)
            )
        try:
            by_option = tuple((str(k), exact(v)) for k, v in points.items())
        except ValueError as exc:
            raise RuleSpecError(f"phần thứ {index} (“{name}”): {exc}") from None
        return _Part(variable, None, by_option)
    raise RuleSpecError(f"phần thứ {index}: biến “{name}” phải có kiểu yes_no hoặc choice")


class Increase(Rule):
    """Points when this year's value is above the previous year's."""

    kind = "increase"

    def __init__(self, ctx: RuleContext, current: Expr, previous: Expr, points: Fraction) -> None:
        super().__init__(ctx)
        self.current, self.previous, self.points = current, previous, points

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("current", "previous", "points"), cls.kind)
        current = Expr(required_param(spec, "current"), ctx, "current")
        previous = Expr(required_param(spec, "previous"), ctx, "previous")
        return cls(ctx, current, previous, points_param(spec, ctx))

    def variables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.current.names + self.previous.names))

    def evaluate(self, values: Values) -> Outcome:
        now, before = self.current.value(values), self.previous.value(values)
        shown = f"{self.previous.shown(values)}; {self.current.shown(values)}"
        if now > before:
            return Outcome(self.points, f"{shown}: tăng → {self.pts(self.points)}")
        return Outcome(
            Fraction(0),
            f"{shown}: không tăng → 0 điểm",
            f"Không tăng so với năm trước liền kề ({shown})",
        )


class ByVolume(Rule):
    """One rule from ``threshold`` (e.g. 1.000 dossiers) upwards, another below it."""

    kind = "by_volume"

    def __init__(
        self, ctx: RuleContext, volume: Expr, threshold: Fraction, above: Rule, below: Rule
    ) -> None:
        super().__init__(ctx)
        self.volume, self.threshold, self.above, self.below = volume, threshold, above, below

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("volume", "threshold", "at_or_above", "below"), cls.kind)
        volume = Expr(required_param(spec, "volume"), ctx, "volume")
        threshold = number_param(spec, "threshold", required=True)
        assert threshold is not None
        branches = []
        for key in ("at_or_above", "below"):
            try:
                branches.append(parse_rule(required_param(spec, key), ctx))
            except RuleSpecError as exc:
                raise RuleSpecError(f"“{key}”: {exc}") from None
        return cls(ctx, volume, threshold, branches[0], branches[1])

    def variables(self) -> tuple[str, ...]:
        names = self.volume.names + self.above.variables() + self.below.variables()
        return tuple(dict.fromkeys(names))

    def evaluate(self, values: Values) -> Outcome:
        volume = self.volume.value(values)
        limit = format_number(float(self.threshold), 4, trim=True)
        shown = self.volume.shown(values)
        if volume >= self.threshold:
            prefix, outcome = f"{shown} (từ {limit} trở lên): ", self.above.evaluate(values)
        else:
            prefix, outcome = f"{shown} (dưới {limit}): ", self.below.evaluate(values)
        shortfall = prefix + outcome.shortfall if outcome.shortfall else None
        return Outcome(outcome.points, prefix + outcome.detail, shortfall)


class Manual(Rule):
    """Points entered by the scorer (a part whose rule the scheme does not encode)."""

    kind = "manual"
    VARIABLE = "diem"

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, (), cls.kind)
        return cls(ctx)

    def variables(self) -> tuple[str, ...]:
        return (self.VARIABLE,)

    def evaluate(self, values: Values) -> Outcome:
        points = values[self.VARIABLE]
        assert isinstance(points, Fraction)
        return Outcome(
            points,
            f"điểm do người chấm đánh giá: {self.pts(points)}",
            f"người chấm đánh giá {self.pts(points)}/{self.pts(self.ctx.max_points)} điểm",
        )


RULE_KINDS: dict[str, type[Rule]] = {
    kind.kind: kind
    for kind in (
        Proportional,
        Bands,
        AllOrNothing,
        Parts,
        Increase,
        Weighted,
        Minimum,
        ByVolume,
        Manual,
    )
}


def parse_rule(spec: object, ctx: RuleContext) -> Rule:
    if not isinstance(spec, Mapping):
        raise RuleSpecError("“rule” phải là một bảng có trường “kind”")
    kind = spec.get("kind")
    factory: Callable[[Mapping[str, Any], RuleContext], Rule] | None = None
    if isinstance(kind, str) and kind in RULE_KINDS:
        factory = RULE_KINDS[kind].parse
    if factory is None:
        raise RuleSpecError(f"loại quy tắc “{kind}” không có (các loại: {', '.join(RULE_KINDS)})")
    return factory(spec, ctx)
