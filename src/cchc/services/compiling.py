"""Compiling reports: the use case behind ``cchc compile``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cchc.compiledfile import compiled_to_dict
from cchc.domain.compiling import CompiledReport, compile_reports
from cchc.domain.findings import Finding, Severity
from cchc.domain.units import UnitTree
from cchc.registry import Registry
from cchc.services.validation import FileResult, load_reports, validate_reports

__all__ = ["CompileOutcome", "compile_files"]


@dataclass
class CompileOutcome:
    compiled: CompiledReport
    data: dict[str, Any]  # the cchc.compiled/1 document
    validation: list[FileResult]
    failed: list[FileResult] = field(default_factory=list)


def compile_files(
    paths: Sequence[Path | str],
    registry: Registry,
    *,
    tree: UnitTree | None = None,
    compiler: str | None = None,
    at: date | None = None,
    levels: Sequence[str] | None = None,
) -> CompileOutcome | list[FileResult]:
    """Load, validate (which fills in derivable blanks) and compile.

    Returns the failed files instead of an outcome when none could be read.
    """
    loaded, failed = load_reports(paths, registry)
    if not loaded:
        return failed
    validation = validate_reports(loaded, registry)
    reports = [r.result.report for r in validation if r.result is not None]
    if tree is not None and at is None:
        at = date.today()
    compiled = compile_reports(
        reports,
        registry.catalog,
        tree=tree,
        compiler=compiler,
        at=at,
        expected_levels=levels,
        cutoff_day=registry.cutoff_day,
    )
    with_errors = [
        r.report.unit.code for r in validation if r.report and r.result and r.result.errors
    ]
    if with_errors:
        compiled.findings.insert(
            0,
            Finding(
                rule="tong-hop-co-so-lieu-loi",
                severity=Severity.WARNING,
                message=f"{len(with_errors)} đơn vị có số liệu còn lỗi nhưng vẫn được tổng hợp: "
                + ", ".join(with_errors)
                + ". Xem kết quả kiểm tra của từng đơn vị.",
            ),
        )
    names = {r.unit.code: r.unit.name for r in reports}
    if tree is not None:
        names.update({u.code: u.name for u in tree})
    data = compiled_to_dict(
        compiled,
        registry.catalog,
        unit_names=names,
        at=at,
        cutoff_day=registry.cutoff_day,
    )
    return CompileOutcome(compiled, data, validation, failed)
