"""Synthetic unit reports over the whole catalog, for benchmarks, demos and property tests.

Reports are consistent with the core rules (parts within wholes, totals equal
to their parts, rates rounded or truncated from their components) unless
``errors`` asks for some rates to be written wrong, as units do.
"""

from __future__ import annotations

import math
import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from cchc.domain.catalog import Catalog, IndicatorKind
from cchc.domain.formula import Formula, MissingOperandError
from cchc.domain.numbers import format_number
from cchc.domain.periods import Period
from cchc.domain.report import ReportData, Source, UnitRef, Value
from cchc.domain.validation import RuleSet

__all__ = ["synthetic_report"]

Number = int | float


def _round(value: float, decimals: int, truncate: bool) -> Number:
    mode = ROUND_DOWN if truncate else ROUND_HALF_UP
    # Settle float noise first (23/40*100 = 57.49999999999999 is 57,5), as a spreadsheet shows it.
    settled = Decimal(repr(value)).quantize(Decimal("1e-9"), ROUND_HALF_UP)
    quantized = settled.quantize(Decimal(1).scaleb(-decimals), mode)
    return int(quantized) if decimals == 0 else float(quantized)


def _compare_pairs(rules: RuleSet) -> list[tuple[Formula, str, Formula]]:
    pairs = []
    for check in rules.checks:
        left = getattr(check, "left", None)
        right = getattr(check, "right", None)
        op = getattr(check, "op", None)
        if isinstance(left, Formula) and isinstance(right, Formula) and isinstance(op, str):
            pairs.append((left, op, right))
    return pairs


def synthetic_report(
    catalog: Catalog,
    rules: RuleSet,
    unit: UnitRef,
    period: Period,
    rng: random.Random,
    *,
    template: str = "bm-2023",
    scale: int = 1000,
    blank_share: float = 0.0,
    errors: int = 0,
) -> ReportData:
    """A report of ``unit`` for ``period`` with every indicator of the catalog filled in.

    ``scale`` sizes the counts (dossiers up to about ``scale``), ``blank_share``
    leaves that share of derived values blank for the system to compute, and
    ``errors`` writes that many rates inconsistent with their components.
    """
    numbers: dict[str, Number] = {}
    for ind in catalog:
        if not ind.has_value or ind.formula is not None or ind.sum_of:
            continue
        if ind.levels and unit.level and unit.level not in ind.levels:
            continue
        if ind.kind is IndicatorKind.CODE:
            numbers[ind.key] = rng.choice(ind.options).code
        elif ind.kind is IndicatorKind.PERCENT:
            numbers[ind.key] = _round(rng.uniform(50, 100), 1, False)
        elif ind.kind is IndicatorKind.AMOUNT:
            numbers[ind.key] = rng.randint(scale * 10, scale * 400)
        elif ind.unit == "Hồ sơ":
            numbers[ind.key] = rng.randint(scale // 4, scale)
        else:
            numbers[ind.key] = rng.randint(0, 60)

    pairs = _compare_pairs(rules)

    def settle_sums() -> None:
        for key in catalog.derivation_order():
            ind = catalog.get(key)
            if ind.sum_of:
                numbers[key] = sum(numbers.get(k, 0) for k in ind.sum_of)

    # Enforce the compare rules on the leaves; a few rounds settle the nested ones.
    for _ in range(6):
        settle_sums()
        changed = False
        for left, op, right in pairs:
            try:
                a, b = left.evaluate(numbers), right.evaluate(numbers)
            except MissingOperandError:
                continue
            if a is None or b is None:
                continue
            leaves = [k for k in left.keys if not catalog.get(k).sum_of]
            if op in ("<=", "<") and a > b and leaves:
                factor = b / a if a else 0
                for k in leaves:
                    numbers[k] = math.floor(numbers[k] * factor)
                changed = True
            elif op == ">=" and a < b and leaves:
                numbers[leaves[0]] = math.ceil(numbers[leaves[0]] + (b - a))
                changed = True
            elif op == "=" and a != b:
                target = right if b < a else left
                parts = [k for k in target.keys if catalog.get(k).sum_of]
                key = parts[0] if parts else target.keys[0]
                ind = catalog.get(key)
                leaf = ind.sum_of[-1] if ind.sum_of else key
                numbers[leaf] = numbers.get(leaf, 0) + abs(a - b)
                changed = True
        if not changed:
            break
    settle_sums()

    raw: dict[str, str] = {}
    broken = set(rng.sample([i.key for i in catalog if i.formula], k=errors)) if errors else set()
    for key in catalog.derivation_order():
        ind = catalog.get(key)
        if ind.formula is None:
            continue
        try:
            exact = ind.formula.evaluate(numbers)
        except MissingOperandError:
            continue
        if exact is None:
            continue
        decimals = rng.choice((0, 1, 2))
        value = _round(float(exact), decimals, rng.random() < 0.5)
        if key in broken:
            value = _round(max(0.0, float(exact) - rng.uniform(5, 30)), decimals, False)
        numbers[key] = value
        raw[key] = format_number(value, decimals)

    values: dict[str, Value] = {}
    for ind in catalog:
        if ind.key not in numbers:
            continue
        if (ind.formula or ind.sum_of) and ind.key not in broken and rng.random() < blank_share:
            continue
        number = numbers[ind.key]
        text = raw.get(ind.key) or format_number(number)
        values[ind.key] = Value(
            number, source=Source(form=f"Biểu mẫu {ind.form}", code=ind.code, raw=text)
        )
    return ReportData(unit=unit, period=period, template=template, values=values)
