"""The built-in relational rule kinds: formula, sum, compare, cumulative, narrative.

Each check appends to the findings list it is given; a check must stay cheap
when the numbers are consistent (the common case), and only spends time on
wording once something is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from cchc.domain.catalog import Catalog, Indicator, IndicatorKind
from cchc.domain.columns import Columns, Matrix, Rows, matches_reported_rows
from cchc.domain.findings import Finding, Severity
from cchc.domain.formula import Formula, FormulaError, MissingOperandError
from cchc.domain.precision import matches_reported
from cchc.domain.rules import (
    CheckContext,
    RuleError,
    RuleKinds,
    RuleSpec,
    select_indicators,
)

__all__ = [
    "CompareCheck",
    "FormulaCheck",
    "NarrativeCheck",
    "PreviousPeriodCheck",
    "SumCheck",
    "table_vs_narrative",
]

Number = int | float


def _zero_filled(ctx: CheckContext, keys: Sequence[str]) -> dict[str, Number] | None:
    """Operands with blanks as 0, or None when all are blank ("zero" missing policy)."""
    numbers = ctx.numbers
    if not any(k in numbers for k in keys):
        return None
    return {k: numbers.get(k, 0) for k in keys}


def _report_missing(
    ctx: CheckContext,
    rule: RuleSpec,
    keys: Sequence[str],
    out: list[Finding],
    subject: str | None = None,
) -> None:
    """Under the "report" policy, say which operand kept a rule from being checked."""
    numbers = ctx.numbers
    missing = [k for k in keys if k not in numbers]
    if not missing or len(missing) == len(keys):
        return
    out.append(
        ctx.finding(
            rule,
            [subject, *keys] if subject else list(keys),
            actual=None,
            expected=None,
            severity=Severity.INFO,
            message="{where}: chưa kiểm tra được vì thiếu "
            + ", ".join(ctx.ref(k) for k in missing)
            + ".",
        )
    )


def _cached_refs(cache: dict[str | None, str], ctx: CheckContext, make: Callable[[], str]) -> str:
    """Operands in printed codes ("mục 3.2.2 / mục 3.2.1 × 100"), worded once per template."""
    key = ctx.template.id if ctx.template else None
    text = cache.get(key)
    if text is None:
        text = cache[key] = make()
    return text


def _max_decimals(ctx: CheckContext, keys: Iterable[str]) -> int:
    values = ctx.report.values
    best = 0
    for key in keys:
        value = values.get(key)
        if value is not None and value.value is not None:
            best = max(best, value.decimals)
    return best


def _evaluate(formula: Formula, env: dict[str, Number] | None) -> Number | None:
    if env is None:
        return None
    try:
        return formula.evaluate(env)
    except MissingOperandError:
        return None


class FormulaCheck:
    """A rate against its components, e.g. 3.2 = 3.2.2 / 3.2.1 × 100."""

    def __init__(self, rule: RuleSpec, indicator: Indicator) -> None:
        assert indicator.formula is not None
        self.rule = rule
        self.target: str | None = indicator.key
        self.formula = indicator.formula
        self.operands = self.formula.keys
        parts = self.formula.ratio_parts()
        self.percent_ratio = parts is not None and parts[2] == 100
        self.refs: dict[str | None, str] = {}

    def _env(self, ctx: CheckContext) -> dict[str, Number] | None:
        if self.rule.missing == "zero":
            return _zero_filled(ctx, self.operands)
        return ctx.numbers  # a blank operand raises MissingOperandError: not checked

    def note(self, ctx: CheckContext) -> str:
        return _cached_refs(self.refs, ctx, lambda: self.formula.render(ctx.ref))

    def explain(self, ctx: CheckContext) -> str:
        numbers = ctx.numbers
        shown = self.formula.render(lambda k: ctx.show(None, numbers.get(k)))
        return f"{self.note(ctx)} = {shown}"

    def derive(self, ctx: CheckContext) -> Number | None:
        return _evaluate(self.formula, self._env(ctx))

    def batch_derive(self, cols: Columns) -> None:
        assert self.target is not None
        expected = cols.evaluate(self.formula, zero_blanks=self.rule.missing == "zero")
        cols.set_derived(self.target, ~cols.present(self.target) & ~np.isnan(expected), expected)

    def batch_suspects(self, cols: Columns) -> Rows:
        key = self.target
        assert key is not None
        reported = cols.was_reported(key)
        expected = cols.evaluate(self.formula, zero_blanks=self.rule.missing == "zero")
        actual = cols.column(key)
        # Equal numbers agree at any precision; only the others need the written decimals.
        rows = reported & ~np.isnan(expected) & (actual != expected)
        if rows.any():
            rows &= ~matches_reported_rows(actual, expected, cols.decimals(key, rows))
        if self.rule.missing == "report":
            rows |= reported & cols.partly_present(self.operands)
        return np.asarray(rows, dtype=bool)

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        key = self.target
        assert key is not None
        numbers = ctx.numbers
        if key not in numbers or key in ctx.computed:
            return
        if self.rule.missing == "report":
            _report_missing(ctx, self.rule, self.operands, out, key)
        expected = _evaluate(self.formula, self._env(ctx))
        if expected is None:
            return
        actual = numbers[key]
        decimals = ctx.report.values[key].decimals
        if matches_reported(actual, expected, decimals):
            return
        detail = self.explain(ctx)
        if self.percent_ratio and matches_reported(actual * 100, expected, max(0, decimals - 2)):
            detail += " (có thể đã ghi tỷ lệ dạng thập phân thay vì phần trăm)"
        out.append(
            ctx.finding(
                self.rule, [key, *self.operands], actual=actual, expected=expected, detail=detail
            )
        )


class SumCheck:
    """A total against its parts, e.g. 2.1 = 2.2 + 2.3 + 2.4 + 2.5."""

    def __init__(self, rule: RuleSpec, indicator: Indicator) -> None:
        self.rule = rule
        self.target: str | None = indicator.key
        self.parts = indicator.sum_of
        self.exact = indicator.kind is IndicatorKind.COUNT
        self.refs: dict[str | None, str] = {}

    def _expected(self, ctx: CheckContext) -> Number | None:
        numbers = ctx.numbers
        if self.rule.missing == "zero":
            present = [numbers[k] for k in self.parts if k in numbers]
            return sum(present) if present else None
        if all(k in numbers for k in self.parts):
            return sum(numbers[k] for k in self.parts)
        return None

    def note(self, ctx: CheckContext) -> str:
        return _cached_refs(self.refs, ctx, lambda: " + ".join(ctx.ref(k) for k in self.parts))

    def explain(self, ctx: CheckContext) -> str:
        numbers = ctx.numbers
        shown = [ctx.show(None, numbers[k]) if k in numbers else "0 (trống)" for k in self.parts]
        return f"{self.note(ctx)} = {' + '.join(shown)}"

    def derive(self, ctx: CheckContext) -> Number | None:
        return self._expected(ctx)

    def _batch_expected(self, cols: Columns) -> Matrix:
        stacked = np.stack([cols.column(k) for k in self.parts])
        if self.rule.missing == "zero":
            total: Matrix = np.nansum(stacked, axis=0)
            total[np.isnan(stacked).all(axis=0)] = np.nan
            return total
        return stacked.sum(axis=0)  # type: ignore[no-any-return]

    def batch_derive(self, cols: Columns) -> None:
        assert self.target is not None
        expected = self._batch_expected(cols)
        cols.set_derived(self.target, ~cols.present(self.target) & ~np.isnan(expected), expected)

    def batch_suspects(self, cols: Columns) -> Rows:
        assert self.target is not None
        reported = cols.was_reported(self.target)
        expected = self._batch_expected(cols)
        rows = reported & ~np.isnan(expected) & (cols.column(self.target) != expected)
        if self.rule.missing == "report":
            rows |= reported & cols.partly_present(self.parts)
        return rows  # type: ignore[no-any-return]

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        key = self.target
        assert key is not None
        numbers = ctx.numbers
        if key not in numbers or key in ctx.computed:
            return
        if self.rule.missing == "report":
            _report_missing(ctx, self.rule, self.parts, out, key)
        expected = self._expected(ctx)
        if expected is None:
            return
        actual = numbers[key]
        if actual == expected:
            return
        decimals = _max_decimals(ctx, [key, *self.parts])
        tolerance = 0.0 if self.exact or decimals == 0 else len(self.parts) * 0.5 * 10**-decimals
        if abs(actual - expected) <= tolerance + 1e-9:
            return
        out.append(
            ctx.finding(
                self.rule,
                [key, *self.parts],
                actual=actual,
                expected=expected,
                detail=self.explain(ctx),
            )
        )


_OPS: dict[str, tuple[Callable[[float, float, float], bool], str]] = {
    "<=": (lambda a, b, t: a <= b + t, "≤"),
    "<": (lambda a, b, t: a < b + t, "<"),
    "=": (lambda a, b, t: abs(a - b) <= t, "="),
    ">=": (lambda a, b, t: a + t >= b, "≥"),
    ">": (lambda a, b, t: a + t > b, ">"),
}


_VECTOR_OPS: dict[str, Callable[[Matrix, Matrix], Rows]] = {
    "<=": np.less_equal,
    "<": np.less,
    "=": np.equal,
    ">=": np.greater_equal,
    ">": np.greater,
}


class CompareCheck:
    """``left op right`` between two expressions: part ≤ whole, equal totals across forms..."""

    target: str | None = None

    def __init__(self, rule: RuleSpec, left: str, op: str, right: str) -> None:
        self.rule = rule
        try:
            self.left = Formula(left)
            self.right = Formula(right)
        except FormulaError as exc:
            raise RuleError(f"quy tắc “{rule.id}”: {exc}") from None
        if op not in _OPS:
            raise RuleError(f"quy tắc “{rule.id}”: phép so sánh “{op}” không hợp lệ")
        self.op = op
        self.test, self.symbol = _OPS[op]
        self.keys = tuple(dict.fromkeys(self.left.keys + self.right.keys))

    def derive(self, ctx: CheckContext) -> Number | None:
        return None

    def batch_suspects(self, cols: Columns) -> Rows:
        zero = self.rule.missing == "zero"
        left = cols.evaluate(self.left, zero_blanks=zero)
        right = cols.evaluate(self.right, zero_blanks=zero)
        known = ~np.isnan(left) & ~np.isnan(right)
        with np.errstate(invalid="ignore"):
            holds = _VECTOR_OPS[self.op](left, right)
        rows = known & ~holds
        if self.rule.missing == "report":
            rows |= cols.partly_present(self.keys)
        return np.asarray(rows, dtype=bool)

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        if self.rule.missing == "report":
            _report_missing(ctx, self.rule, self.keys, out)
        env = _zero_filled(ctx, self.keys) if self.rule.missing == "zero" else ctx.numbers
        left = _evaluate(self.left, env)
        right = _evaluate(self.right, env)
        if left is None or right is None or self.test(left, right, 0.0):
            return
        decimals = _max_decimals(ctx, self.keys)
        tolerance = 0.0 if decimals == 0 else 0.5 * 10**-decimals * len(self.keys)
        if self.test(left, right, tolerance):
            return
        show_key = self.left.keys[0] if len(self.left.keys) == 1 else None
        assert env is not None
        out.append(
            ctx.finding(
                self.rule,
                list(self.keys),
                actual=left,
                expected=right,
                detail=f"{self._side(ctx, self.left, env)}; {self._side(ctx, self.right, env)}; "
                f"cần {self.left.render(ctx.ref)} {self.symbol} {self.right.render(ctx.ref)}",
                show_key=show_key,
            )
        )

    @staticmethod
    def _side(ctx: CheckContext, formula: Formula, env: dict[str, Number]) -> str:
        refs = formula.render(ctx.ref)
        shown = formula.render(lambda k: ctx.show(k, env.get(k)))
        if len(formula.keys) == 1 and refs == ctx.ref(formula.keys[0]):
            return f"{refs} = {shown}"
        return f"{refs} = {shown} = {ctx.show(None, _evaluate(formula, env))}"


class PreviousPeriodCheck:
    """Cumulative (lũy kế) values must not fall below the same unit's previous period."""

    target: str | None = None

    def __init__(self, rule: RuleSpec, indicators: list[Indicator]) -> None:
        self.rule = rule
        self.keys = [i.key for i in indicators]

    def derive(self, ctx: CheckContext) -> Number | None:
        return None

    def batch_suspects(self, cols: Columns) -> Rows:
        return cols.previous_rows

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        previous = ctx.previous
        if previous is None:
            return
        for key in self.keys:
            now = ctx.numbers.get(key)
            before = previous.number(key)
            if now is None or before is None or now >= before:
                continue
            out.append(
                ctx.finding(
                    self.rule,
                    [key],
                    actual=now,
                    expected=before,
                    detail=f"{previous.period.label}: {ctx.show(key, before)}",
                )
            )


class NarrativeCheck:
    """Runs a registered narrative-vs-table check (the importer supplies them)."""

    target: str | None = None

    def __init__(self, rule: RuleSpec, kinds: RuleKinds) -> None:
        self.rule = rule
        name = str(rule.params.get("check", ""))
        if name not in kinds.narrative_checks:
            raise RuleError(
                f"quy tắc “{rule.id}”: chưa có bước kiểm tra thuyết minh “{name}” "
                f"(có: {', '.join(sorted(kinds.narrative_checks)) or 'không có'})"
            )
        self.fn = kinds.narrative_checks[name]
        prepare = kinds.narrative_preparers.get(name)
        if prepare is not None:
            prepare(rule)

    def derive(self, ctx: CheckContext) -> Number | None:
        return None

    def batch_suspects(self, cols: Columns) -> Rows:
        return cols.narrative_rows

    def check(self, ctx: CheckContext, out: list[Finding]) -> None:
        if ctx.report.narrative_values or ctx.report.sections:
            out.extend(self.fn(ctx, self.rule))


def table_vs_narrative(ctx: CheckContext, rule: RuleSpec) -> Iterator[Finding]:
    """A number the narrative states for an indicator must equal the table's."""
    for stated in ctx.report.narrative_values:
        key = stated.indicator
        if key is None or key not in ctx.numbers or key not in ctx.catalog:
            continue
        table = ctx.numbers[key]
        decimals = min(_max_decimals(ctx, [key]), 2)
        if matches_reported(stated.value, table, decimals) or matches_reported(
            table, stated.value, decimals
        ):
            continue
        where = f" (mục {stated.section})" if stated.section else ""
        yield ctx.finding(
            rule,
            [key],
            actual=table,
            expected=stated.value,
            detail=f"thuyết minh{where}: “{stated.text.strip()}”",
        )


def formula_kind(spec: RuleSpec, catalog: Catalog, kinds: RuleKinds) -> list[Any]:
    selected = select_indicators(catalog, {"has": "formula", **spec.select})
    return [FormulaCheck(spec, ind) for ind in selected]


def sum_kind(spec: RuleSpec, catalog: Catalog, kinds: RuleKinds) -> list[Any]:
    selected = select_indicators(catalog, {"has": "sum_of", **spec.select})
    return [SumCheck(spec, ind) for ind in selected]


def compare_kind(spec: RuleSpec, catalog: Catalog, kinds: RuleKinds) -> list[Any]:
    op = str(spec.params.get("op", "<="))
    pairs = spec.params.get("pairs")
    if not isinstance(pairs, list) or not pairs:
        raise RuleError(
            f"quy tắc “{spec.id}”: cần danh sách “pairs” gồm các cặp [vế trái, vế phải]"
        )
    checks = []
    for pair in pairs:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise RuleError(f"quy tắc “{spec.id}”: mỗi cặp phải có đúng 2 vế, gặp {pair!r}")
        check = CompareCheck(spec, str(pair[0]), op, str(pair[1]))
        for key in check.keys:
            if key not in catalog:
                raise RuleError(f"quy tắc “{spec.id}”: chỉ tiêu “{key}” không có trong danh mục")
        checks.append(check)
    return checks


def cumulative_kind(spec: RuleSpec, catalog: Catalog, kinds: RuleKinds) -> list[Any]:
    return [PreviousPeriodCheck(spec, select_indicators(catalog, spec.select))]


def narrative_kind(spec: RuleSpec, catalog: Catalog, kinds: RuleKinds) -> list[Any]:
    return [NarrativeCheck(spec, kinds)]
