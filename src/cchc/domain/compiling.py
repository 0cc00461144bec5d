"""Compiling unit reports into a compiler's figures (tổng hợp).

Counts and amounts add up; rates are recomputed from the added components,
never averaged; codes become distributions ("Hoàn thành: 12/14 đơn vị");
figures that do not add across units are listed per unit. Every compiled
number keeps the units it came from. Reports of units since merged away
roll up into their successors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from cchc.domain.catalog import Aggregation, Catalog, Indicator
from cchc.domain.columns import Columns
from cchc.domain.findings import Finding, Severity
from cchc.domain.formula import MissingOperandError
from cchc.domain.numbers import format_number
from cchc.domain.periods import DEFAULT_CUTOFF_DAY, Period
from cchc.domain.report import ReportData, ValueStatus
from cchc.domain.units import UnitTree

__all__ = [
    "CompileError",
    "CompiledReport",
    "CompiledValue",
    "Completeness",
    "Contribution",
    "compile_reports",
    "distribution_label",
]

Number = int | float


class CompileError(ValueError):
    """Reports that cannot be compiled together."""


class Contribution(NamedTuple):
    unit: str  # the unit it counts for, after roll-up
    value: Number
    reported_by: str  # the unit whose report carried it
    status: ValueStatus = ValueStatus.REPORTED


@dataclass(slots=True)
class CompiledValue:
    key: str
    method: Aggregation
    value: Number | None = None
    distribution: dict[int, int] | None = None
    minimum: Number | None = None
    maximum: Number | None = None
    mean: Number | None = None  # unweighted, shown only as a description of the spread
    note: str = ""
    # Contributions are read from the reports only when asked for: building a
    # tuple per value up front made compiling 10.000 reports several times slower.
    _contributions: list[Contribution] | None = None
    _sources: Sequence[tuple[str, ReportData]] = ()
    _count: int | None = None

    @property
    def contributions(self) -> list[Contribution]:
        if self._contributions is None:
            key = self.key
            self._contributions = [
                Contribution(target, value.value, report.unit.code, value.status)
                for target, report in self._sources
                if (value := report.values.get(key)) is not None and value.value is not None
            ]
        return self._contributions

    @contributions.setter
    def contributions(self, items: list[Contribution]) -> None:
        self._contributions = list(items)

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(c.unit for c in self.contributions))

    @property
    def count(self) -> int:
        """Number of reports contributing a value."""
        if self._contributions is not None:
            return len(self._contributions)
        if self._count is not None:
            return self._count
        key = self.key
        return sum(
            1
            for _, report in self._sources
            if (value := report.values.get(key)) is not None and value.value is not None
        )


@dataclass(slots=True)
class Completeness:
    expected: list[str]
    received: list[str]
    missing: list[str]
    unexpected: list[str]

    @property
    def label(self) -> str:
        got = len([u for u in self.received if u in set(self.expected)])
        return f"{got}/{len(self.expected)} đơn vị"


@dataclass(slots=True)
class CompiledReport:
    period: Period
    compiler: str | None
    values: dict[str, CompiledValue]
    units: list[str]  # units contributing, after roll-up
    reports: list[str]  # units whose reports were used
    completeness: Completeness | None = None
    rollups: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def value(self, key: str) -> Number | None:
        item = self.values.get(key)
        return None if item is None else item.value


def _target_unit(
    report: ReportData, tree: UnitTree | None, at: date | None, findings: list[Finding]
) -> str:
    code = report.unit.code
    if tree is None or at is None or code not in tree:
        return code
    current = tree.current(code, at)
    if len(current) == 1:
        return current[0]
    findings.append(
        Finding(
            rule="tong-hop-don-vi-ke-thua",
            severity=Severity.WARNING,
            message=(
                f"Đơn vị “{code}” đã được chia cho nhiều đơn vị kế thừa "
                f"({', '.join(current)}); số liệu của đơn vị này được giữ nguyên, không chia."
            ),
            unit=code,
        )
    )
    return code


def compile_reports(
    reports: Iterable[ReportData],
    catalog: Catalog,
    *,
    tree: UnitTree | None = None,
    compiler: str | None = None,
    at: date | None = None,
    expected_levels: Sequence[str] | None = None,
    cutoff_day: int = DEFAULT_CUTOFF_DAY,
) -> CompiledReport:
    """Compile reports of one period. ``at`` is the date whose unit structure applies."""
    reports = list(reports)
    if not reports:
        raise CompileError("không có báo cáo nào để tổng hợp")
    periods = {r.period for r in reports}
    if len(periods) > 1:
        labels = ", ".join(sorted(p.label for p in periods))
        raise CompileError(f"các báo cáo thuộc nhiều kỳ khác nhau ({labels}); chỉ tổng hợp từng kỳ")
    period = reports[0].period
    findings: list[Finding] = []
    used: list[tuple[str, ReportData]] = []
    seen: set[str] = set()
    rollups: list[tuple[str, str]] = []
    for report in reports:
        code = report.unit.code
        if code in seen:
            findings.append(
                Finding(
                    rule="tong-hop-bao-cao-trung",
                    severity=Severity.ERROR,
                    message=f"Có hơn một báo cáo của đơn vị “{code}” cho {period.label}; "
                    "chỉ dùng báo cáo đầu tiên.",
                    unit=code,
                )
            )
            continue
        seen.add(code)
        target = _target_unit(report, tree, at, findings)
        if target != code:
            rollups.append((code, target))
        if (
            tree is not None
            and compiler is not None
            and (target not in tree or not tree.is_within(target, compiler))
        ):
            findings.append(
                Finding(
                    rule="tong-hop-ngoai-pham-vi",
                    severity=Severity.ERROR,
                    message=f"Đơn vị “{code}” không thuộc phạm vi tổng hợp của “{compiler}”; "
                    "báo cáo không được tính.",
                    unit=code,
                )
            )
            continue
        used.append((target, report))

    values: dict[str, CompiledValue] = {}
    formulas: list[Indicator] = []
    cols = Columns([report for _, report in used], catalog)
    for ind in catalog:
        method = ind.aggregate
        if method is Aggregation.NONE or not ind.has_value:
            continue
        compiled = CompiledValue(ind.key, method, _sources=used)
        values[ind.key] = compiled
        column = cols.column(ind.key)
        numbers = column[~np.isnan(column)]
        compiled._count = int(numbers.size)
        if method is Aggregation.FORMULA:
            formulas.append(ind)
        elif method is Aggregation.SUM and numbers.size:
            # fsum: the exactly rounded total, whatever the order of the units.
            compiled.value = _tidy(math.fsum(numbers.tolist()), numbers)
        elif method is Aggregation.DISTRIBUTION:
            distribution: dict[int, int] = {o.code: 0 for o in ind.options}
            codes, tallies = np.unique(numbers[numbers == np.floor(numbers)], return_counts=True)
            for code, count in zip(codes.tolist(), tallies.tolist(), strict=True):
                distribution[int(code)] = distribution.get(int(code), 0) + int(count)
            compiled.distribution = distribution
        elif method is Aggregation.PER_UNIT and numbers.size:
            compiled.minimum = _tidy(float(numbers.min()), numbers)
            compiled.maximum = _tidy(float(numbers.max()), numbers)
            compiled.mean = float(numbers.mean())
            compiled.note = "không cộng dồn giữa các đơn vị; xem số liệu từng đơn vị"

    for ind in formulas:
        assert ind.formula is not None
        compiled = values[ind.key]
        env = {k: values[k].value if k in values else None for k in ind.formula.keys}
        try:
            compiled.value = ind.formula.evaluate(env)
        except MissingOperandError:
            compiled.value = None
        if compiled.value is not None and bool(cols.partly_present(ind.formula.keys).any()):
            counts = {k: values[k].count if k in values else 0 for k in ind.formula.keys}
            compiled.note = "các thành phần do số đơn vị khác nhau báo cáo"
            findings.append(
                Finding(
                    rule="tong-hop-thanh-phan-khong-dong-bo",
                    severity=Severity.WARNING,
                    message=(
                        f"Tỷ lệ “{ind.name}” (Biểu mẫu {ind.form}, mục {ind.code}) được tính lại từ "
                        "các thành phần không do cùng các đơn vị báo cáo ("
                        + "; ".join(
                            f"mục {catalog.get(k).code}: {n} đơn vị" for k, n in counts.items()
                        )
                        + ")."
                    ),
                    indicators=(ind.key, *ind.formula.keys),
                    codes=(ind.code, *(catalog.get(k).code for k in ind.formula.keys)),
                    forms=(ind.form,),
                )
            )
        values[ind.key] = compiled

    completeness = None
    received = list(dict.fromkeys(target for target, _ in used))
    if tree is not None and compiler is not None:
        window = period.window(cutoff_day)
        expected = [
            u.code
            for u in tree.expected_reporters(compiler, window.start, window.end, expected_levels)
        ]
        if at is not None:
            # Expected units are today's structure: predecessors are counted in their successors.
            expected = list(dict.fromkeys(t for code in expected for t in tree.current(code, at)))
        completeness = Completeness(
            expected=expected,
            received=received,
            missing=[u for u in expected if u not in set(received)],
            unexpected=[u for u in received if u not in set(expected)],
        )
    return CompiledReport(
        period=period,
        compiler=compiler,
        values=values,
        units=received,
        reports=[r.unit.code for _, r in used],
        completeness=completeness,
        rollups=rollups,
        findings=findings,
    )


def _tidy(value: float, numbers: npt.NDArray[np.float64]) -> Number:
    """Whole numbers back as int when every contribution was whole."""
    if abs(value) < 2**53 and bool(np.all(numbers == np.floor(numbers))):
        return int(value)
    return value


def distribution_label(compiled: CompiledValue, indicator: Indicator, total_units: int) -> str:
    """ "Hoàn thành: 12/14 đơn vị; Chưa: 2/14 đơn vị"."""
    if not compiled.distribution:
        return ""
    parts = []
    for option in indicator.options:
        count = compiled.distribution.get(option.code, 0)
        parts.append(f"{option.label}: {format_number(count)}/{format_number(total_units)} đơn vị")
    return "; ".join(parts)
