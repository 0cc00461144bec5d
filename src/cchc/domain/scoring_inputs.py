"""Inputs of a score sheet: what the scorer entered, and what is derived from data.

A variable's value comes, in this order, from the scorer's inputs file, from
the first of its declared sources that has the numbers (dossier statistics
or a canonical report), or from the scheme's default. Each value remembers
where it came from, so that a score sheet shows "a = 6.275 (thống kê hồ sơ:
resolved, level = huyen)" and an appraiser can check it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import cast

from cchc.domain.formula import MissingOperandError
from cchc.domain.scoring import Criterion, Scheme
from cchc.domain.scoring_values import (
    Scalar,
    SourceSpec,
    Variable,
    VarType,
    exact,
    fold,
    show_scalar,
)

__all__ = [
    "InputValue",
    "Origin",
    "StatsGroup",
    "StatsTable",
    "bound_problems",
    "derive_inputs",
]

Number = int | float


class Origin(StrEnum):
    MANUAL = "manual"  # entered by the scorer
    STATS = "stats"  # dossier statistics
    REPORT = "report"  # a canonical report's indicator values
    DEFAULT = "default"  # the scheme's default
    APPRAISAL = "appraisal"  # corrected by the appraiser

    @property
    def label(self) -> str:
        return {
            "manual": "nhập tay",
            "stats": "thống kê hồ sơ",
            "report": "báo cáo",
            "default": "mặc định của bộ tiêu chí",
            "appraisal": "thẩm định",
        }[self.value]


@dataclass(frozen=True, slots=True)
class InputValue:
    value: Scalar
    origin: Origin = Origin.MANUAL
    ref: str = ""  # the formula or file it was derived from
    keys: tuple[str, ...] = ()  # indicator keys or statistics fields used

    def describe(self, variable: Variable) -> str:
        where = self.origin.label + (f": {self.ref}" if self.ref else "")
        return f"{variable.name} = {show_scalar(variable, self.value)} ({where})"


@dataclass(frozen=True, slots=True)
class StatsGroup:
    labels: Mapping[str, str]  # grouping column → value, e.g. {"level": "huyen"}
    values: Mapping[str, Number]


@dataclass(frozen=True)
class StatsTable:
    """Dossier statistics: totals and per-group numbers, field names as ``cchc dossiers stats``."""

    totals: Mapping[str, Number]
    groups: Sequence[StatsGroup] = ()
    label: str = ""  # the file it was read from
    window: str = ""  # "từ ngày … đến ngày …" when the file states it

    def select(self, group: Sequence[tuple[str, str]]) -> Mapping[str, Number] | None:
        """Numbers of the groups matching ``group`` (counts added up), or the totals."""
        if not group:
            return self.totals
        wanted = {fold(k): fold(v) for k, v in group}
        rows = [g for g in self.groups if _matches(g.labels, wanted)]
        if not rows:
            return None
        if len(rows) == 1:
            return rows[0].values
        merged: dict[str, Number] = {}
        for row in rows:
            for key, value in row.values.items():
                # Rates do not add up across groups; only counts are merged.
                if "rate" in key:
                    continue
                merged[key] = merged.get(key, 0) + value
        return merged


def _matches(labels: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    folded = {fold(k): fold(v) for k, v in labels.items()}
    return all(folded.get(k) == v for k, v in wanted.items())


@dataclass
class _Sources:
    report: Mapping[str, Number | None] | None
    stats: StatsTable | None
    describe_key: Callable[[str], str]


def derive_inputs(
    scheme: Scheme,
    entered: Mapping[str, Mapping[str, InputValue]],
    *,
    report: Mapping[str, Number | None] | None = None,
    stats: StatsTable | None = None,
    describe_key: Callable[[str], str] = str,
) -> dict[str, dict[str, InputValue]]:
    """Every leaf's variable values: entered ones first, then sources, then defaults.

    ``describe_key`` names an indicator key the way a user knows it ("Biểu mẫu 3 mục 3.2.1").
    """
    sources = _Sources(report, stats, describe_key)
    result: dict[str, dict[str, InputValue]] = {}
    for criterion in scheme.leaves():
        given = dict(entered.get(criterion.code, {}))
        for name, variable in criterion.variables.items():
            if name in given:
                continue
            derived = _from_sources(variable, sources)
            if derived is None and variable.default is not None:
                derived = InputValue(variable.default, Origin.DEFAULT)
            if derived is not None:
                given[name] = derived
        result[criterion.code] = given
    return result


def _from_sources(variable: Variable, sources: _Sources) -> InputValue | None:
    for spec in variable.sources:
        if spec.kind == "report":
            numbers = sources.report
            ref = spec.formula.render(sources.describe_key)
        else:
            numbers = sources.stats.select(spec.group) if sources.stats else None
            ref = spec.label
        if numbers is None:
            continue
        value = _evaluate(spec, numbers)
        if value is None:
            continue
        converted = _convert(spec, variable, value)
        if converted is None:
            continue
        origin = Origin.REPORT if spec.kind == "report" else Origin.STATS
        return InputValue(converted, origin, ref, spec.formula.keys)
    return None


def _evaluate(spec: SourceSpec, numbers: Mapping[str, Number | None]) -> Fraction | None:
    try:
        env = {
            k: (None if numbers.get(k) is None else exact(numbers[k])) for k in spec.formula.keys
        }
        result: object = spec.formula.evaluate(cast(Mapping[str, Number | None], env))
    except (MissingOperandError, ValueError):
        return None
    return None if result is None else exact(result)


def _convert(spec: SourceSpec, variable: Variable, value: Fraction) -> Scalar | None:
    if variable.type is VarType.YES_NO:
        return value == 0 if spec.yes_when == "zero" else value > 0
    if value < 0 or (variable.type is VarType.COUNT and value.denominator != 1):
        return None
    return value


def bound_problems(criterion: Criterion, given: Mapping[str, InputValue]) -> list[str]:
    """Every value of ``criterion`` above its ``at_most`` bound (b > a), described."""
    problems: list[str] = []
    for name, variable in criterion.variables.items():
        if variable.at_most is None or name not in given:
            continue
        value = given[name].value
        keys = variable.at_most.keys
        if any(k not in given for k in keys):
            continue
        env = {k: given[k].value for k in keys}
        bound: object = variable.at_most.evaluate(cast(Mapping[str, Number | None], env))
        if bound is None or not isinstance(value, Fraction) or value <= exact(bound):
            continue
        limit = show_scalar(variable, exact(bound))
        if keys:
            others = "; ".join(given[k].describe(criterion.variables[k]) for k in keys)
            limit = f"{variable.at_most.text} = {limit} ({others})"
        problems.append(f"{given[name].describe(variable)} lớn hơn {limit}")
    return problems
