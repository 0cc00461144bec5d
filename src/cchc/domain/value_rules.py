"""Built-in rule kinds that look at each reported value on its own.

Each rule runs once per report over the keys it selected, finding suspects
with one cheap comprehension and wording a finding only for those.
"""

from __future__ import annotations

from typing import Any

from cchc.domain.catalog import Catalog, Indicator
from cchc.domain.findings import Finding
from cchc.domain.numbers import NumberStatus, format_number, parse_number
from cchc.domain.precision import raw_agrees
from cchc.domain.report import Value
from cchc.domain.rules import CheckContext, RuleKinds, RuleSpec, select_indicators

__all__ = ["VALUE_RULES", "ValueRule", "value_kind"]

Number = int | float


class ValueRule:
    """Base: find suspect keys cheaply, then explain each one."""

    target: str | None = None

    def __init__(self, rule: RuleSpec, indicators: list[Indicator]) -> None:
        self.rule = rule
        self.indicators = {i.key: i for i in indicators}
        self.keys = list(self.indicators)

    def derive(self, ctx: CheckContext) -> Value | None:
        return None

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        for key in self.suspects(ctx):
            if ctx.is_reported(key):
                found = self.explain(ctx, self.indicators[key], ctx.numbers[key])
                if found is not None:
                    out.append(found)

    def suspects(self, ctx: CheckContext) -> list[str]:
        raise NotImplementedError

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        raise NotImplementedError


class NonNegative(ValueRule):
    def suspects(self, ctx: CheckContext) -> list[str]:
        numbers = ctx.numbers
        return [k for k in self.keys if numbers.get(k, 0) < 0]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        return ctx.finding(self.rule, [indicator.key], actual=number, expected=0)


class Integer(ValueRule):
    def suspects(self, ctx: CheckContext) -> list[str]:
        numbers = ctx.numbers
        return [k for k in self.keys if k in numbers and not isinstance(numbers[k], int)]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        if float(number).is_integer():
            return None
        return ctx.finding(self.rule, [indicator.key], actual=number, expected=round(number))


class Range(ValueRule):
    def __init__(self, rule: RuleSpec, indicators: list[Indicator]) -> None:
        super().__init__(rule, indicators)
        low, high = rule.params.get("min"), rule.params.get("max")
        self.low = float("-inf") if low is None else float(low)
        self.high = float("inf") if high is None else float(high)
        self.bounds = (
            f"{format_number(low) if low is not None else '…'} – "
            f"{format_number(high) if high is not None else '…'}"
        )

    def suspects(self, ctx: CheckContext) -> list[str]:
        numbers = ctx.numbers
        low, high = self.low, self.high
        return [k for k in self.keys if k in numbers and not low <= numbers[k] <= high]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        return ctx.finding(
            self.rule, [indicator.key], actual=number, expected=self.bounds, detail=self.bounds
        )


class Enumerated(ValueRule):
    def __init__(self, rule: RuleSpec, indicators: list[Indicator]) -> None:
        super().__init__(rule, indicators)
        self.allowed = {i.key: {o.code for o in i.options} for i in indicators}

    def suspects(self, ctx: CheckContext) -> list[str]:
        numbers = ctx.numbers
        return [k for k in self.keys if k in numbers and numbers[k] not in self.allowed[k]]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        allowed = "; ".join(f"{o.label} = {o.code}" for o in indicator.options)
        return ctx.finding(
            self.rule, [indicator.key], actual=number, expected=allowed, detail=allowed
        )


class Uncertain(ValueRule):
    def suspects(self, ctx: CheckContext) -> list[str]:
        return [k for k, v in ctx.report.values.items() if v.flags and k in self.indicators]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        flags = ctx.report.values[indicator.key].flags
        return ctx.finding(
            self.rule, [indicator.key], actual=number, expected=None, detail="; ".join(flags)
        )


class RawConsistency(ValueRule):
    def suspects(self, ctx: CheckContext) -> list[str]:
        suspects = []
        indicators = self.indicators
        for key, value in ctx.report.values.items():
            source = value.source
            if (
                source is None
                or not source.raw
                or value.value is None
                or key not in indicators
                or raw_agrees(source.raw, value.value)
            ):
                continue
            suspects.append(key)
        return suspects

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        value = ctx.report.values[indicator.key]
        assert value.source is not None and value.source.raw is not None
        parsed = parse_number(value.source.raw, indicator.expect)  # type: ignore[arg-type]
        if (
            parsed.status is not NumberStatus.NUMBER
            or parsed.ambiguous
            or parsed.value is None
            or abs(parsed.value - number) <= 1e-9
        ):
            return None
        return ctx.finding(
            self.rule,
            [indicator.key],
            actual=number,
            expected=parsed.value,
            detail=f"ô gốc ghi “{value.source.raw}”",
        )


VALUE_RULES: dict[str, type[ValueRule]] = {
    "non_negative": NonNegative,
    "integer": Integer,
    "range": Range,
    "enum": Enumerated,
    "uncertain": Uncertain,
    "raw_consistency": RawConsistency,
}


def value_kind(spec: RuleSpec, catalog: Catalog, kinds: RuleKinds) -> list[Any]:
    return [VALUE_RULES[spec.kind](spec, select_indicators(catalog, spec.select))]
