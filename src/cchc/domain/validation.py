"""The validation engine: a rule set bound to the catalog, run over reports.

``RuleSet.validate`` runs every check on one report and is the reference.
``RuleSet.validate_many`` gives the same results for many reports at a
fraction of the cost: vectorised filters over a matrix of all reports pick
the (report, check) pairs that may produce a finding, and only those run the
per-report code. A check or deriver without a filter runs on every report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cchc.domain.catalog import Catalog, IndicatorKind, TemplateVersion
from cchc.domain.columns import Columns
from cchc.domain.findings import Finding, Severity
from cchc.domain.report import ReportData, Value, ValueStatus
from cchc.domain.rules import Check, CheckContext, RuleError, RuleKinds, RuleSpec

__all__ = ["RuleSet", "ValidationResult"]

Number = int | float


@dataclass
class ValidationResult:
    """Findings of one report, and the report with the values the system computed."""

    report: ReportData  # with the computed values added
    base_findings: list[Finding]
    computed: dict[str, Value]
    # Computed values are announced by info findings worded only when read:
    # compiling ten thousand reports never reads them.
    _context: CheckContext | None = field(default=None, repr=False)
    _rule_set: RuleSet | None = field(default=None, repr=False)
    _all: list[Finding] | None = field(default=None, repr=False)

    @property
    def findings(self) -> list[Finding]:
        if self._all is None:
            found = list(self.base_findings)
            if self.computed and self._context is not None and self._rule_set is not None:
                for target, value in self.computed.items():
                    check = self._rule_set.deriver(target, value.derivation)
                    found.append(self._rule_set.derived_finding(self._context, check, target))
                found.sort(key=self._rule_set.sort_key)
            self._all = found
        return self._all

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.base_findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.base_findings if f.severity is Severity.WARNING]


class RuleSet:
    """Rules bound to a catalog, ready to validate reports."""

    def __init__(self, specs: Iterable[RuleSpec], catalog: Catalog, kinds: RuleKinds) -> None:
        self.catalog = catalog
        self.specs = list(specs)
        self.kinds = kinds
        self.checks: list[Check] = []
        seen: set[str] = set()
        for spec in self.specs:
            if spec.id in seen:
                where = f"{spec.origin}: " if spec.origin else ""
                raise RuleError(f"{where}mã quy tắc “{spec.id}” bị trùng")
            seen.add(spec.id)
            if spec.kind not in kinds.kinds:
                where = f"{spec.origin}: " if spec.origin else ""
                raise RuleError(
                    f"{where}quy tắc “{spec.id}”: loại “{spec.kind}” không có "
                    f"(có: {', '.join(sorted(kinds.kinds))})"
                )
            try:
                self.checks.extend(kinds.kinds[spec.kind](spec, catalog, kinds))
            except RuleError as exc:
                raise RuleError(f"{spec.origin}: {exc}" if spec.origin else str(exc)) from None
        order = {key: i for i, key in enumerate(catalog.derivation_order())}
        self._derivers = sorted(
            (c for c in self.checks if c.rule.derive and c.target is not None),
            key=lambda c: order.get(c.target or "", len(order)),
        )
        self._deriver_by: dict[tuple[str, str | None], Check] = {
            (c.target, c.rule.id): c for c in self._derivers if c.target is not None
        }
        self._position = {key: i for i, key in enumerate(catalog.keys)}
        self._kinds = {ind.key: ind.kind for ind in catalog}

    def validate(
        self,
        report: ReportData,
        template: TemplateVersion | None = None,
        previous: ReportData | None = None,
    ) -> ValidationResult:
        """Validate one report with every check (the reference for ``validate_many``)."""
        ctx = CheckContext(report, self.catalog, template, previous)
        findings: list[Finding] = []
        self._derive(ctx)
        for check in self.checks:
            check.check(ctx, findings)
        return self._result(ctx, findings)

    def validate_many(
        self,
        reports: Sequence[ReportData],
        templates: Sequence[TemplateVersion | None] | None = None,
        previous: Sequence[ReportData | None] | None = None,
    ) -> list[ValidationResult]:
        """Validate many reports; same results as ``validate`` on each, much faster.

        Vectorised filters pick the (report, check) pairs that may produce a
        finding; only those run the per-report code. A check or deriver
        without a filter runs on every report.
        """
        count = len(reports)
        templates = list(templates) if templates is not None else [None] * count
        previous = list(previous) if previous is not None else [None] * count
        if any(not hasattr(c, "batch_derive") for c in self._derivers):
            return [
                self.validate(r, t, p) for r, t, p in zip(reports, templates, previous, strict=True)
            ]
        cols = Columns(reports, self.catalog)
        cols.previous_rows = np.array([p is not None for p in previous], dtype=bool)
        for number, deriver in enumerate(self._derivers, start=1):
            cols.deriving = number
            deriver.batch_derive(cols)  # type: ignore[attr-defined]
        derived = np.asarray(cols.computed.any(axis=1), dtype=bool)
        work: list[list[Check]] = [[] for _ in range(count)]
        for check in self.checks:
            filter_rows = getattr(check, "batch_suspects", None)
            rows = range(count) if filter_rows is None else np.flatnonzero(filter_rows(cols))
            for row in rows:
                work[row].append(check)
        results = []
        for row, report in enumerate(reports):
            if not work[row] and not derived[row]:
                results.append(ValidationResult(report, [], {}))
                continue
            ctx = CheckContext(report, self.catalog, templates[row], previous[row])
            findings: list[Finding] = []
            if derived[row]:
                self._derive_from(cols, row, ctx)
            for check in work[row]:
                check.check(ctx, findings)
            results.append(self._result(ctx, findings))
        return results

    def _result(self, ctx: CheckContext, findings: list[Finding]) -> ValidationResult:
        findings.sort(key=self.sort_key)
        ctx.release()
        report = ctx.report
        result_report = report.with_values(ctx.computed) if ctx.computed else report
        return ValidationResult(
            result_report,
            findings,
            ctx.computed,
            _context=ctx,
            _rule_set=self,
        )

    def _derive(self, ctx: CheckContext) -> None:
        for check in self._derivers:
            target = check.target
            assert target is not None
            if target in ctx.numbers:
                continue
            value = check.derive(ctx)
            if value is not None:
                self._record_derived(ctx, check, target, value)

    def _derive_from(self, cols: Columns, row: int, ctx: CheckContext) -> None:
        """Record what ``batch_derive`` computed for one row, as ``_derive`` would."""
        values = cols.values[row]
        by = cols.derived_by[row]
        for j in sorted(np.flatnonzero(by).tolist(), key=lambda j: int(by[j])):
            check = self._derivers[int(by[j]) - 1]
            target = check.target
            assert target is not None
            self._record_derived(ctx, check, target, float(values[j]))

    def _record_derived(self, ctx: CheckContext, check: Check, target: str, value: Number) -> None:
        if self._kinds[target] is not IndicatorKind.PERCENT and float(value).is_integer():
            value = int(value)
        deriver: Any = check
        ctx.add_computed(
            target,
            Value(
                value, note=deriver.note(ctx), status=ValueStatus.COMPUTED, derivation=check.rule.id
            ),
        )

    def deriver(self, target: str, rule: str | None) -> Check:
        """The check that computed ``target`` under rule ``rule``."""
        return self._deriver_by[(target, rule)]

    def derived_finding(self, ctx: CheckContext, check: Check, target: str) -> Finding:
        """The info finding that announces a computed value."""
        deriver: Any = check
        return ctx.finding(
            check.rule,
            [target, *self.catalog.dependencies(target)],
            actual=None,
            expected=ctx.computed[target].value,
            severity=Severity.INFO,
            message="{where} để trống; hệ thống tính được {expected} ({detail}).",
            detail=lambda: deriver.explain(ctx),
        )

    def sort_key(self, f: Finding) -> tuple[int, int, str]:
        first = f.indicators[0] if f.indicators else ""
        return (f.severity.rank, self._position.get(first, 10**6), f.rule)
