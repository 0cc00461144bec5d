"""Validating reports: the use case behind ``cchc validate`` and the web form."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cchc.domain.findings import Finding
from cchc.domain.report import ReportData
from cchc.domain.validation import ValidationResult
from cchc.registry import Registry, RegistryError
from cchc.reportfile import ReportFileError, load_report

__all__ = ["FileResult", "LoadedReport", "load_reports", "validate_reports"]


@dataclass
class LoadedReport:
    label: str  # file name or other origin shown to the user
    report: ReportData


@dataclass
class FileResult:
    label: str
    report: ReportData | None
    result: ValidationResult | None
    error: str | None = None

    @property
    def findings(self) -> list[Finding]:
        if self.result is None:
            return []
        return [
            f.located(
                unit=self.report.unit.code if self.report else None,
                period=self.report.period.key if self.report else None,
                file=self.label,
            )
            for f in self.result.findings
        ]


def load_reports(
    paths: Iterable[Path | str], registry: Registry
) -> tuple[list[LoadedReport], list[FileResult]]:
    """Read report files; unreadable ones come back as results with an error, not an exception."""
    loaded: list[LoadedReport] = []
    failed: list[FileResult] = []
    for path in paths:
        label = str(path)
        try:
            report = load_report(path, registry.catalog)
            registry.template(report.template or None)
        except (ReportFileError, RegistryError) as exc:
            failed.append(
                FileResult(
                    label,
                    None,
                    None,
                    str(exc) if isinstance(exc, ReportFileError) else f"{label}: {exc}",
                )
            )
            continue
        loaded.append(LoadedReport(label, report))
    return loaded, failed


def _previous(report: ReportData, others: Sequence[ReportData]) -> ReportData | None:
    """The same unit's latest earlier report of the same year, if it is among ``others``."""
    earlier = [
        r
        for r in others
        if r.unit.code == report.unit.code
        and r.period.year == report.period.year
        and r.period.kind.quarter < report.period.kind.quarter
    ]
    return max(earlier, key=lambda r: r.period.kind.quarter) if earlier else None


def validate_reports(
    items: Sequence[LoadedReport],
    registry: Registry,
    history: Sequence[ReportData] = (),
) -> list[FileResult]:
    """Validate each report; earlier periods among the items or ``history`` feed the lũy kế check."""
    pool = [i.report for i in items] + list(history)
    reports = [i.report for i in items]
    templates = [registry.template(r.template or None) for r in reports]
    previous = [_previous(r, pool) for r in reports]
    results = registry.rules.validate_many(reports, templates, previous)
    return [
        FileResult(item.label, item.report, result)
        for item, result in zip(items, results, strict=True)
    ]
