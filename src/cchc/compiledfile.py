"""Reading and writing compiled results as JSON (``cchc.compiled/1``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cchc.domain.catalog import Aggregation, Catalog
from cchc.domain.compiling import (
    CompiledReport,
    CompiledValue,
    Completeness,
    Contribution,
    distribution_label,
)
from cchc.domain.findings import Finding, Severity
from cchc.domain.periods import DEFAULT_CUTOFF_DAY, Period, PeriodKind
from cchc.domain.report import ValueStatus
from cchc.reportfile import ReportFileError

__all__ = ["FORMAT", "compiled_from_dict", "compiled_to_dict", "load_compiled"]

FORMAT = "cchc.compiled/1"


def compiled_to_dict(
    compiled: CompiledReport,
    catalog: Catalog,
    *,
    unit_names: Mapping[str, str] | None = None,
    compiler_name: str | None = None,
    at: date | None = None,
    cutoff_day: int = DEFAULT_CUTOFF_DAY,
) -> dict[str, Any]:
    names = dict(unit_names or {})
    window = compiled.period.window(cutoff_day)
    total_units = len(compiled.units)
    values: dict[str, Any] = {}
    for key, item in compiled.values.items():
        ind = catalog.get(key)
        entry: dict[str, Any] = {
            "value": item.value,
            "method": item.method.value,
            "form": ind.form,
            "code": ind.code,
            "name": ind.name,
            "unit": ind.unit,
            "units_reporting": len(item.units),
        }
        if item.distribution is not None:
            entry["distribution"] = {str(k): v for k, v in item.distribution.items()}
            entry["label"] = distribution_label(item, ind, total_units)
        if item.method is Aggregation.PER_UNIT and item.contributions:
            entry.update({"min": item.minimum, "max": item.maximum, "mean": item.mean})
        if item.note:
            entry["note"] = item.note
        entry["contributions"] = [
            {
                "unit": c.unit,
                "value": c.value,
                "reported_by": c.reported_by,
                "status": c.status.value,
            }
            for c in item.contributions
        ]
        values[key] = entry
    data: dict[str, Any] = {
        "format": FORMAT,
        "period": {
            "year": compiled.period.year,
            "kind": compiled.period.kind.value,
            "start": window.start.isoformat(),
            "end": window.end.isoformat(),
        },
        "compiler": (
            {"code": compiled.compiler, "name": compiler_name or names.get(compiled.compiler, "")}
            if compiled.compiler
            else None
        ),
        "at": at.isoformat() if at else None,
        "units": [{"code": u, "name": names.get(u, "")} for u in compiled.units],
        "reports": list(compiled.reports),
        "rollups": [{"from": a, "to": b} for a, b in compiled.rollups],
        "completeness": (
            {
                "expected": compiled.completeness.expected,
                "received": compiled.completeness.received,
                "missing": compiled.completeness.missing,
                "unexpected": compiled.completeness.unexpected,
                "label": compiled.completeness.label,
            }
            if compiled.completeness
            else None
        ),
        "values": values,
        "findings": [f.as_dict() for f in compiled.findings],
    }
    return data


def load_compiled(path: Path | str) -> tuple[CompiledReport, dict[str, Any]]:
    """A compiled file back as a ``CompiledReport`` plus its raw dict (names, labels)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(str(path), f"không đọc được tệp ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            str(path), f"JSON không hợp lệ: {exc.msg}", f"dòng {exc.lineno}"
        ) from None
    return compiled_from_dict(data, file=str(path)), data


def compiled_from_dict(data: Any, *, file: str = "(dữ liệu)") -> CompiledReport:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReportFileError(file, f"không phải tệp tổng hợp ({FORMAT})")
    try:
        period = Period(int(data["period"]["year"]), PeriodKind(data["period"]["kind"]))
        values = {}
        for key, entry in data["values"].items():
            values[key] = CompiledValue(
                key=key,
                method=Aggregation(entry["method"]),
                value=entry.get("value"),
                _contributions=[
                    Contribution(c["unit"], c["value"], c["reported_by"], ValueStatus(c["status"]))
                    for c in entry.get("contributions", [])
                ],
                distribution=(
                    {int(k): int(v) for k, v in entry["distribution"].items()}
                    if entry.get("distribution") is not None
                    else None
                ),
                minimum=entry.get("min"),
                maximum=entry.get("max"),
                mean=entry.get("mean"),
                note=entry.get("note", ""),
            )
        comp = data.get("completeness")
        return CompiledReport(
            period=period,
            compiler=(data.get("compiler") or {}).get("code"),
            values=values,
            units=[u["code"] for u in data.get("units", [])],
            reports=list(data.get("reports", [])),
            completeness=(
                Completeness(
                    comp["expected"], comp["received"], comp["missing"], comp["unexpected"]
                )
                if comp
                else None
            ),
            rollups=[(r["from"], r["to"]) for r in data.get("rollups", [])],
            findings=[
                Finding(
                    rule=f["rule"],
                    severity=Severity(f["severity"]),
                    message=f["message"],
                    indicators=tuple(f.get("indicators", ())),
                    codes=tuple(f.get("codes", ())),
                    unit=f.get("unit"),
                )
                for f in data.get("findings", [])
            ],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportFileError(file, f"tệp tổng hợp không hợp lệ ({exc})") from None
