"""Importing report documents: the use case behind ``cchc import`` (and, later, an upload form).

Each input file yields one canonical report JSON, written atomically, or a
clear error and no file at all. Every written report is validated with the
whole rule set, so that the summary can say how many findings it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.domain.findings import Finding, Severity
from cchc.importers.document import DocumentError
from cchc.importers.pipeline import SUFFIXES, ImportOptions, ImportResult, import_file
from cchc.importers.problems import Problem
from cchc.registry import Registry, RegistryError
from cchc.reportfile import write_report

__all__ = ["ImportSummary", "collect_inputs", "import_files"]


@dataclass
class ImportSummary:
    file: str  # the input as given
    output: Path | None = None
    result: ImportResult | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems if self.result else []

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.file,
            "output": str(self.output) if self.output else None,
        }
        if self.error is not None:
            data["error"] = self.error
            return data
        assert self.result is not None
        report = self.result.report
        data.update(
            {
                "unit": {
                    "code": report.unit.code,
                    "name": report.unit.name,
                    "level": report.unit.level,
                },
                "period": report.period.key,
                "template": report.template,
                "values": self.result.values_found,
                "narrative_values": len(report.narrative_values),
                "findings": {
                    "error": self.count(Severity.ERROR),
                    "warning": self.count(Severity.WARNING),
                },
                "problems": [p.as_dict() for p in self.problems],
            }
        )
        return data


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files to import: the files given, and the report files inside folders given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
        else:
            out.append(path)
    return out


def _output_name(path: Path, out_dir: Path, taken: set[Path]) -> Path:
    candidates = [out_dir / f"{path.stem}.json", out_dir / f"{path.name}.json"]
    candidates += [out_dir / f"{path.name}-{n}.json" for n in range(2, 1000)]
    for candidate in candidates:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise ValueError(f"quá nhiều tệp cùng tên {path.name}")  # pragma: no cover


def import_files(
    paths: Sequence[Path],
    registry: Registry,
    out_dir: Path,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[Sequence[Path]], Iterable[Path]] = lambda items: items,
) -> list[ImportSummary]:
    """Import every file; unreadable ones come back with an error and write nothing."""
    options = options or ImportOptions()
    taken: set[Path] = set()
    summaries: list[ImportSummary] = []
    for path in progress(paths):
        summary = ImportSummary(str(path))
        summaries.append(summary)
        try:
            result = import_file(path, registry, options)
        except DocumentError as exc:
            summary.error = str(exc)
            continue
        except RegistryError as exc:
            summary.error = f"{path.name}: {exc}"
            continue
        except Exception as exc:  # one odd file must not stop a batch of hundreds
            summary.error = (
                f"{path.name}: lỗi không lường trước khi đọc tệp ({type(exc).__name__}: {exc}); "
                "không ghi kết quả — hãy gửi tệp này cho người quản trị để kiểm tra"
            )
            continue
        summary.result = result
        target = _output_name(path, out_dir, taken)
        try:
            write_report(target, result.report, registry.catalog)
        except OSError as exc:
            summary.error = f"{target}: không ghi được tệp kết quả ({exc.strerror or exc})"
            summary.result = None
            continue
        summary.output = target
        template = registry.template(result.report.template or None)
        validation = registry.rules.validate(result.report, template)
        summary.findings = [
            f.located(
                unit=result.report.unit.code, period=result.report.period.key, file=str(target)
            )
            for f in validation.findings
        ]
    return summaries
