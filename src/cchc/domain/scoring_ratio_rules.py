"""Rule kinds over ratios: proportional, bands, all-or-nothing, minimum, weighted sums.

Each value expression is a ratio (1 means 100 %): "b / a", "(b + c) / a".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

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
from cchc.domain.scoring_values import exact, show_percent, show_points

__all__ = ["AllOrNothing", "Bands", "Minimum", "Proportional", "Weighted"]


class Proportional(Rule):
    """ratio × points; 0 below ``floor``; full points from ``full_from``."""

    kind = "proportional"

    def __init__(
        self,
        ctx: RuleContext,
        value: Expr,
        points: Fraction,
        floor: Fraction | None,
        full_from: Fraction | None,
    ) -> None:
        super().__init__(ctx)
        self.value, self.points, self.floor, self.full_from = value, points, floor, full_from

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("value", "points", "floor", "full_from"), cls.kind)
        value = Expr(required_param(spec, "value"), ctx, "value")
        return cls(
            ctx,
            value,
            points_param(spec, ctx),
            number_param(spec, "floor"),
            number_param(spec, "full_from"),
        )

    def variables(self) -> tuple[str, ...]:
        return self.value.names

    def evaluate(self, values: Values) -> Outcome:
        ratio = self.value.value(values)
        shown = f"{self.value.shown(values)} = {show_percent(ratio)}"
        if self.floor is not None and ratio < self.floor:
            return Outcome(
                Fraction(0),
                f"{shown} < {show_percent(self.floor)} → 0 điểm",
                f"{shown} dưới ngưỡng {show_percent(self.floor)} nên không có điểm",
            )
        if self.full_from is not None and ratio >= self.full_from:
            return Outcome(
                self.points, f"{shown} ≥ {show_percent(self.full_from)} → {self.pts(self.points)}"
            )
        score = ratio * self.points
        target = self.full_from if self.full_from is not None else Fraction(1)
        return Outcome(
            score,
            f"{shown}; {show_percent(ratio)} × {self.pts(self.points)} = {self.pts(score)}",
            f"{self.value.shown(values)} = {show_percent(ratio)}, chưa đạt {show_percent(target)}",
        )


@dataclass(frozen=True, slots=True)
class _Band:
    start: Fraction | None  # None: the last band, every value below the previous one
    score: Fraction | None  # None: proportional (ratio × points)


class Bands(Rule):
    """Fixed scores by ranges of a ratio (100 % / ≥ 50 % / below), highest range first."""

    kind = "bands"

    def __init__(self, ctx: RuleContext, value: Expr, bands: list[_Band], points: Fraction) -> None:
        super().__init__(ctx)
        self.value, self.bands, self.points = value, bands, points

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("value", "bands", "points"), cls.kind)
        value = Expr(required_param(spec, "value"), ctx, "value")
        raw_bands = required_param(spec, "bands")
        if not isinstance(raw_bands, list) or not raw_bands:
            raise RuleSpecError("“bands” phải là danh sách các mức, mức cao nhất trước")
        bands: list[_Band] = []
        for i, raw in enumerate(raw_bands, 1):
            if not isinstance(raw, Mapping):
                raise RuleSpecError(f"mức thứ {i} phải có dạng {{from: …, score: …}}")
            unknown = [k for k in raw if k not in ("from", "score")]
            if unknown:
                raise RuleSpecError(f"mức thứ {i}: không có trường “{unknown[0]}”")
            try:
                start = number_param(raw, "from")
                score_raw = required_param(raw, "score")
            except RuleSpecError as exc:
                raise RuleSpecError(f"mức thứ {i}: {exc}") from None
            score = None if score_raw == "proportional" else _band_score(score_raw, i, ctx)
            previous = bands[-1].start if bands else None
            if previous is not None and start is not None and start >= previous:
                raise RuleSpecError(
                    f"mức thứ {i}: ngưỡng {show_percent(start)} phải thấp hơn mức trước "
                    f"({show_percent(previous)}); xếp mức cao nhất trước"
                )
            if bands and bands[-1].start is None:
                raise RuleSpecError(f"mức thứ {i - 1} không có “from” nên phải là mức cuối cùng")
            bands.append(_Band(start, score))
        if bands[-1].start is not None:
            raise RuleSpecError(
                "mức cuối cùng phải không có “from” (áp dụng cho mọi giá trị thấp hơn)"
            )
        return cls(ctx, value, bands, points_param(spec, ctx))

    def variables(self) -> tuple[str, ...]:
        return self.value.names

    def label(self, index: int) -> str:
        start = self.bands[index].start
        upper = self.bands[index - 1].start if index > 0 else None
        if start is not None and upper is not None:
            return f"từ {show_percent(start)} đến dưới {show_percent(upper)}"
        if start is not None:
            return f"từ {show_percent(start)} trở lên"
        if upper is not None:
            return f"dưới {show_percent(upper)}"
        return "mọi giá trị"

    def evaluate(self, values: Values) -> Outcome:
        ratio = self.value.value(values)
        index = next(
            i for i, band in enumerate(self.bands) if band.start is None or ratio >= band.start
        )
        band = self.bands[index]
        score = ratio * self.points if band.score is None else band.score
        shown = f"{self.value.shown(values)} = {show_percent(ratio)}"
        detail = f"{shown}, mức {self.label(index)} → {self.pts(score)}"
        if index > 0:
            upper = self.bands[index - 1].start
            assert upper is not None
            shortfall = (
                f"{shown} (mức {self.label(index)}: {self.pts(score)}); "
                f"mức cao hơn cần từ {show_percent(upper)}"
            )
        else:
            shortfall = f"{shown}, chưa đạt 100%"
        return Outcome(score, detail, shortfall)


def _band_score(raw: object, index: int, ctx: RuleContext) -> Fraction:
    try:
        score = exact(raw)
    except ValueError:
        raise RuleSpecError(
            f"mức thứ {index}: “score” phải là số điểm hoặc “proportional”"
        ) from None
    if not 0 <= score <= ctx.max_points:
        raise RuleSpecError(
            f"mức thứ {index}: điểm {show_points(score)} vượt điểm tối đa "
            f"{show_points(ctx.max_points)}"
        )
    return score


class AllOrNothing(Rule):
    """Full points when the ratio reaches ``target`` (100 % unless said otherwise), else 0."""

    kind = "all_or_nothing"

    def __init__(self, ctx: RuleContext, value: Expr, target: Fraction, points: Fraction) -> None:
        super().__init__(ctx)
        self.value, self.target, self.points = value, target, points

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("value", "target", "points"), cls.kind)
        value = Expr(required_param(spec, "value"), ctx, "value")
        target = number_param(spec, "target")
        return cls(ctx, value, Fraction(1) if target is None else target, points_param(spec, ctx))

    def variables(self) -> tuple[str, ...]:
        return self.value.names

    def evaluate(self, values: Values) -> Outcome:
        ratio = self.value.value(values)
        shown = f"{self.value.shown(values)} = {show_percent(ratio)}"
        if ratio >= self.target:
            return Outcome(
                self.points, f"{shown} ≥ {show_percent(self.target)} → {self.pts(self.points)}"
            )
        return Outcome(
            Fraction(0),
            f"{shown} < {show_percent(self.target)} → 0 điểm",
            f"{shown}, chưa đạt {show_percent(self.target)}",
        )


class Weighted(Rule):
    """Σ ratio × weight, and 0 when the ``floor`` ratio is below its threshold."""

    kind = "weighted"

    def __init__(
        self,
        ctx: RuleContext,
        terms: list[tuple[Expr, Fraction]],
        floor: tuple[Expr, Fraction] | None,
    ) -> None:
        super().__init__(ctx)
        self.terms, self.floor = terms, floor

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("terms", "floor"), cls.kind)
        raw_terms = required_param(spec, "terms")
        if not isinstance(raw_terms, list) or not raw_terms:
            raise RuleSpecError("“terms” phải là danh sách {value: …, weight: …}")
        terms = []
        for i, raw in enumerate(raw_terms, 1):
            if not isinstance(raw, Mapping) or set(raw) != {"value", "weight"}:
                raise RuleSpecError(f"số hạng thứ {i} phải có đúng hai trường value và weight")
            weight = number_param(raw, "weight", required=True)
            assert weight is not None
            terms.append((Expr(raw["value"], ctx, f"terms[{i}].value"), weight))
        floor = None
        if spec.get("floor") is not None:
            raw = spec["floor"]
            if not isinstance(raw, Mapping) or set(raw) != {"value", "from"}:
                raise RuleSpecError("“floor” phải có dạng {value: công thức, from: ngưỡng}")
            start = number_param(raw, "from", required=True)
            assert start is not None
            floor = (Expr(raw["value"], ctx, "floor.value"), start)
        return cls(ctx, terms, floor)

    def variables(self) -> tuple[str, ...]:
        names = [n for expr, _ in self.terms for n in expr.names]
        if self.floor is not None:
            names += self.floor[0].names
        return tuple(dict.fromkeys(names))

    def evaluate(self, values: Values) -> Outcome:
        if self.floor is not None:
            expr, start = self.floor
            ratio = expr.value(values)
            if ratio < start:
                shown = f"{expr.shown(values)} = {show_percent(ratio)}"
                return Outcome(
                    Fraction(0),
                    f"{shown} < {show_percent(start)} → 0 điểm",
                    f"{shown} dưới ngưỡng {show_percent(start)} nên không có điểm",
                )
        parts = [(expr, expr.value(values), weight) for expr, weight in self.terms]
        score = sum((r * w for _, r, w in parts), Fraction(0))
        ratios = ", ".join(f"{e.shown(values)} = {show_percent(r)}" for e, r, _ in parts)
        sum_text = " + ".join(f"{show_percent(r)} × {self.pts(w)}" for _, r, w in parts)
        return Outcome(
            score,
            f"{ratios}; {sum_text} = {self.pts(score)}",
            f"{ratios}: {sum_text} = {self.pts(score)}",
        )


class Minimum(Rule):
    """Full points when the rate meets the required minimum, else rate × points / minimum."""

    kind = "minimum"

    def __init__(self, ctx: RuleContext, rate: Expr, required: Expr, points: Fraction) -> None:
        super().__init__(ctx)
        self.rate, self.required, self.points = rate, required, points

    @classmethod
    def parse(cls, spec: Mapping[str, Any], ctx: RuleContext) -> Rule:
        check_keys(spec, ("rate", "required", "points"), cls.kind)
        rate = Expr(required_param(spec, "rate"), ctx, "rate")
        required = Expr(required_param(spec, "required"), ctx, "required")
        return cls(ctx, rate, required, points_param(spec, ctx))

    def variables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.rate.names + self.required.names))

    def evaluate(self, values: Values) -> Outcome:
        rate, need = self.rate.value(values), self.required.value(values)
        if need == 0:
            raise UndefinedRatioError(
                f"không tính được vì mức tối thiểu {self.required.text} bằng 0"
            )
        rate_text = self.rate.show_value(values, rate)
        need_text = self.required.show_value(values, need)
        if rate >= need:
            return Outcome(
                self.points,
                f"{self.rate.text} = {rate_text} ≥ mức tối thiểu {need_text} → {self.pts(self.points)}",
            )
        score = rate * self.points / need
        return Outcome(
            score,
            f"{self.rate.text} = {rate_text} < mức tối thiểu {need_text}; "
            f"{rate_text} × {self.pts(self.points)} / {need_text} = {self.pts(score)}",
            f"{self.rate.text} = {rate_text} chưa đạt mức tối thiểu {need_text}",
        )
