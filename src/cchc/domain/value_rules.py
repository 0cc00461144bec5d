"""Built-in rule kinds that look at each reported value on its own.

Each rule runs once per report over the keys it selected, finding suspects
with one cheap comprehension and wording a finding only for those.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cchc.domain.catalog import Catalog, Indicator
from cchc.domain.columns import Columns, Matrix, Rows
from cchc.domain.findings import Finding
from cchc.domain.numbers import format_number
from cchc.domain.report import RAW_MISMATCH
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

    def derive(self, ctx: CheckContext) -> Number | None:
        return None

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        for key in self.suspects(ctx):
            if ctx.is_reported(key):
                found = self.explain(ctx, self.indicators[key], ctx.numbers[key])
                if found is not None:
                    out.append(found)

    def suspects(self, ctx: CheckContext) -> list[str]:
        raise NotImplementedError

    def batch_suspects(self, cols: Columns) -> Rows:
        """Rows that may hold a value this rule objects to (never fewer than it would flag)."""
        if not self.keys:
            return np.zeros(len(cols), dtype=bool)
        idx = [cols.index[k] for k in self.keys]
        block = cols.values[:, idx]
        with np.errstate(invalid="ignore"):
            bad = self.bad_values(block, idx)
        return np.asarray((bad & cols.reported[:, idx]).any(axis=1), dtype=bool)

    def bad_values(self, block: Matrix, idx: list[int]) -> Rows:
        return np.ones_like(block, dtype=bool)

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        raise NotImplementedError


class NonNegative(ValueRule):
    def bad_values(self, block: Matrix, idx: list[int]) -> Rows:
        return np.asarray(block < 0, dtype=bool)

    def suspects(self, ctx: CheckContext) -> list[str]:
        numbers = ctx.numbers
        return [k for k in self.keys if numbers.get(k, 0) < 0]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        return ctx.finding(self.rule, [indicator.key], actual=number, expected=0)


class Integer(ValueRule):
    def bad_values(self, block: Matrix, idx: list[int]) -> Rows:
        return np.asarray(block != np.floor(block), dtype=bool)

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

    def bad_values(self, block: Matrix, idx: list[int]) -> Rows:
        return np.asarray((block < self.low) | (block > self.high), dtype=bool)

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

    def bad_values(self, block: Matrix, idx: list[int]) -> Rows:
        bad = np.zeros_like(block, dtype=bool)
        for n, key in enumerate(self.keys):
            bad[:, n] = ~np.isin(block[:, n], sorted(self.allowed[key]))
        return bad

    def suspects(self, ctx: CheckContext) -> list[str]:
        numbers = ctx.numbers
        return [k for k in self.keys if k in numbers and numbers[k] not in self.allowed[k]]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        allowed = "; ".join(f"{o.label} = {o.code}" for o in indicator.options)
        return ctx.finding(
            self.rule, [indicator.key], actual=number, expected=allowed, detail=allowed
        )


class Uncertain(ValueRule):
    """Values their reader was unsure of (an ambiguous number, a fuzzy label match)."""

    def batch_suspects(self, cols: Columns) -> Rows:
        return cols.flagged_rows

    def suspects(self, ctx: CheckContext) -> list[str]:
        return [
            k
            for k, v in ctx.report.values.items()
            if k in self.indicators and any(not f.startswith(RAW_MISMATCH) for f in v.flags)
        ]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        flags = [
            f for f in ctx.report.values[indicator.key].flags if not f.startswith(RAW_MISMATCH)
        ]
        return ctx.finding(
            self.rule, [indicator.key], actual=number, expected=None, detail="; ".join(flags)
        )


class RawConsistency(ValueRule):
    """Values whose number contradicts the text of the cell they were read from.

    Comparing each number with its text is the reader's job (it is as costly
    as reading); readers flag the contradictions, and this rule reports them.
    """

    def batch_suspects(self, cols: Columns) -> Rows:
        return cols.flagged_rows

    def suspects(self, ctx: CheckContext) -> list[str]:
        return [
            k
            for k, v in ctx.report.values.items()
            if k in self.indicators and any(f.startswith(RAW_MISMATCH) for f in v.flags)
        ]

    def explain(self, ctx: CheckContext, indicator: Indicator, number: Number) -> Finding | None:
        value = ctx.report.values[indicator.key]
        flag = next(f for f in value.flags if f.startswith(RAW_MISMATCH))
        raw = value.source.raw if value.source else None
        return ctx.finding(
            self.rule,
            [indicator.key],
            actual=number,
            expected=raw,
            detail=flag,
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
