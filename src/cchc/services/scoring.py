"""PAR Index scoring: the use cases behind ``cchc score`` and ``cchc rank``.

One unit's inputs file (plus, optionally, its canonical report and dossier
statistics) becomes a score sheet; several become a ranking. Errors in any
file come back as ``ScoringError`` listing every problem, each naming its file
and criterion; nothing is written before everything has been read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from cchc.domain.catalog import Measure
from cchc.domain.periods import format_date
from cchc.domain.report import ReportData
from cchc.domain.scoring import Scheme
from cchc.domain.scoring_forecast import Forecast, forecast, unscored_reason
from cchc.domain.scoring_inputs import InputValue, Origin, bound_problems, derive_inputs
from cchc.domain.scoring_ranking import RankRow, rank_sheets
from cchc.domain.scoring_sheet import Evaluation, NodeResult, ScoreSheet, SheetInputs, score_sheet
from cchc.registry import Registry
from cchc.reportfile import ReportFileError, load_report
from cchc.schemes import SchemeFileError, load_scheme
from cchc.scoreinputs import InputsFileError, parse_inputs, read_json, read_stats, scheme_ref_of

__all__ = [
    "RESULT_FORMAT",
    "Ranking",
    "ScoringError",
    "forecast_sheet",
    "forecast_to_dict",
    "rank_files",
    "ranking_to_dict",
    "score_file",
    "sheet_to_dict",
]

RESULT_FORMAT = "cchc.score/1"


class ScoringError(ValueError):
    """Files that cannot be scored; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _scheme(registry: Registry, ref: str) -> Scheme:
    try:
        return load_scheme(registry, ref)
    except SchemeFileError as exc:
        raise ScoringError([str(exc)]) from None


def score_file(
    registry: Registry,
    inputs_path: Path,
    *,
    scheme_ref: str | None = None,
    report_path: Path | None = None,
    stats_path: Path | None = None,
) -> ScoreSheet:
    """Score one unit from its inputs file and the data files it (or the caller) names."""
    try:
        data = read_json(inputs_path, "số liệu chấm điểm")
        named = scheme_ref_of(data)
        ref = scheme_ref or named
        if ref is None:
            raise ScoringError(
                [f"{inputs_path}: chưa chọn bộ tiêu chí (dùng --scheme hoặc trường “scheme”)"]
            )
        scheme = _scheme(registry, ref)
        parsed = parse_inputs(data, inputs_path, scheme)
        report_path = report_path or parsed.report_path
        stats_path = stats_path or parsed.stats_path
        report = load_report(report_path, registry.catalog) if report_path else None
        stats = read_stats(stats_path) if stats_path else None
    except (InputsFileError, ReportFileError) as exc:
        problems = exc.problems if isinstance(exc, InputsFileError) else [str(exc)]
        raise ScoringError(problems) from None
    warnings: list[str] = []
    if named is not None and named not in (scheme.id, scheme_ref):
        warnings.append(
            f"Tệp số liệu ghi bộ tiêu chí “{named}” nhưng đang chấm theo “{scheme.id}”."
        )
    values = derive_inputs(
        scheme,
        parsed.entered,
        report=report.numbers() if report else None,
        stats=stats,
        describe_key=lambda key: _indicator_label(registry, key),
    )
    problems = []
    for leaf in scheme.leaves():
        given = values.get(leaf.code, {})
        for problem in bound_problems(leaf, given):
            problems.append(f"{inputs_path} [tiêu chí {leaf.code}]: {problem}")
        entry = parsed.appraisal.entries.get(leaf.code) if parsed.appraisal else None
        if entry is not None and entry.values:
            for problem in bound_problems(leaf, {**given, **entry.values}):
                problems.append(f"{inputs_path} [tiêu chí {leaf.code}, thẩm định]: {problem}")
    if problems:
        raise ScoringError(problems)
    sources: list[str] = []
    year = parsed.year or (report.period.year if report else None)
    if report is not None:
        window = report.window(registry.cutoff_day)
        sources.append(f"Báo cáo {report_path}: {report.period.label}, {window.label}")
        warnings += _report_warnings(report, values, registry, year)
    if stats is not None:
        sources.append(
            f"Thống kê hồ sơ {stats_path}" + (f": {stats.window}" if stats.window else "")
        )
    sheet = score_sheet(
        scheme,
        SheetInputs(
            parsed.unit_code,
            parsed.unit_name,
            year,
            parsed.as_of,
            values,
            parsed.evidence,
            parsed.notes,
            parsed.appraisal,
        ),
    )
    sheet.warnings = warnings
    sheet.sources = sources
    return sheet


def _indicator_label(registry: Registry, key: str) -> str:
    catalog = registry.catalog
    if key not in catalog:
        return key
    indicator = catalog.get(key)
    return f"Biểu mẫu {indicator.form} mục {indicator.code}"


def _report_warnings(
    report: ReportData,
    values: dict[str, dict[str, InputValue]],
    registry: Registry,
    year: int | None,
) -> list[str]:
    warnings = []
    if year is not None and report.period.year != year:
        warnings.append(f"Báo cáo nguồn là của năm {report.period.year}, không phải năm {year}.")
    window = report.window(registry.cutoff_day)
    year_start = date(report.period.year - 1, 12, registry.cutoff_day)
    if window.start - year_start <= timedelta(days=31):
        return warnings
    catalog = registry.catalog
    periodic: dict[int, set[str]] = {}
    for items in values.values():
        for item in items.values():
            if item.origin is not Origin.REPORT:
                continue
            for key in item.keys:
                if key in catalog and catalog.get(key).measure is Measure.PERIOD:
                    periodic.setdefault(catalog.get(key).form, set()).add(catalog.get(key).code)
    if periodic:
        used = "; ".join(
            f"Biểu mẫu {form} mục {', '.join(sorted(codes))}"
            for form, codes in sorted(periodic.items())
        )
        warnings.append(
            f"Báo cáo nguồn chỉ có số liệu {report.period.label} ({window.label}), không phải "
            f"từ đầu năm: các chỉ tiêu theo kỳ được dùng ({used}) chưa phải số liệu cả năm."
        )
    return warnings


@dataclass
class Ranking:
    scheme: Scheme
    rows: list[RankRow]


def rank_files(
    registry: Registry, paths: Sequence[Path], *, scheme_ref: str | None = None
) -> Ranking:
    """Score every unit's inputs file and rank them; every file's problems are collected."""
    sheets: list[ScoreSheet] = []
    problems: list[str] = []
    for path in paths:
        try:
            sheets.append(score_file(registry, path, scheme_ref=scheme_ref))
        except ScoringError as exc:
            problems += exc.problems
    if problems:
        raise ScoringError(problems)
    if not sheets:
        raise ScoringError(["không có tệp số liệu chấm điểm nào"])
    ids = {s.scheme.id for s in sheets}
    if len(ids) > 1:
        raise ScoringError(
            ["các tệp được chấm theo nhiều bộ tiêu chí khác nhau: " + ", ".join(sorted(ids))]
        )
    codes = [s.inputs.unit_code for s in sheets]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise ScoringError([f"đơn vị có hơn một tệp số liệu: {', '.join(twice)}"])
    return Ranking(sheets[0].scheme, rank_sheets(sheets))


# ---------------------------------------------------------------- JSON output


def _num(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _evaluation(evaluation: Evaluation | None) -> dict[str, Any] | None:
    if evaluation is None:
        return None
    data: dict[str, Any] = {"score": _num(evaluation.score), "complete": evaluation.complete}
    for key in ("detail", "shortfall", "problem"):
        if getattr(evaluation, key):
            data[key] = getattr(evaluation, key)
    if evaluation.missing:
        data["missing"] = list(evaluation.missing)
    if evaluation.direct:
        data["direct"] = True
    return data


def _inputs(node: NodeResult, values: dict[str, InputValue]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, item in values.items():
        variable = node.criterion.variables[name]
        value = item.value
        shown: Any = float(value) if not isinstance(value, bool | str) else value
        if not isinstance(value, bool | str) and value.denominator == 1:
            shown = int(value)
        result[name] = {"value": shown, "label": variable.label, "origin": item.origin.value}
        if item.ref:
            result[name]["ref"] = item.ref
    return result


def _node(node: NodeResult) -> dict[str, Any]:
    criterion = node.criterion
    data: dict[str, Any] = {
        "code": criterion.code,
        "name": criterion.name,
        "level": criterion.level_label,
        "max": float(criterion.max_points),
        "self": _evaluation(node.self_eval),
        "appraised": _evaluation(node.appraised),
    }
    if criterion.is_leaf:
        data["inputs"] = _inputs(node, dict(node.inputs))
        if node.appraised_inputs:
            data["appraised_inputs"] = _inputs(node, dict(node.appraised_inputs))
        data["evidence"] = list(node.evidence)
        if node.note:
            data["note"] = node.note
        if node.comment:
            data["comment"] = node.comment
    else:
        data["children"] = [_node(c) for c in node.children]
    return data


def sheet_to_dict(sheet: ScoreSheet) -> dict[str, Any]:
    scheme = sheet.scheme
    appraisal = sheet.inputs.appraisal
    return {
        "format": RESULT_FORMAT,
        "scheme": {
            "id": scheme.id,
            "title": scheme.title,
            "decision": scheme.decision,
            "total_max": float(scheme.total_max),
        },
        "unit": {"code": sheet.inputs.unit_code, "name": sheet.inputs.unit_name},
        "year": sheet.inputs.year,
        "as_of": format_date(sheet.inputs.as_of) if sheet.inputs.as_of else None,
        "appraisal": None
        if appraisal is None
        else {"by": appraisal.by, "date": format_date(appraisal.on) if appraisal.on else None},
        "total": {
            "max": float(scheme.total_max),
            "self": _num(sheet.total.score),
            "appraised": _num(sheet.appraised_total.score) if sheet.appraised_total else None,
            "complete": sheet.final_total.complete,
        },
        "criteria": [_node(r) for r in sheet.roots],
        "missing": [
            {"code": n.criterion.code, "name": n.criterion.name, "reason": unscored_reason(n)}
            for n in sheet.leaves()
            if n.final.score is None
        ],
        "sources": list(sheet.sources),
        "warnings": list(sheet.warnings),
    }


def forecast_to_dict(result: Forecast) -> dict[str, Any]:
    sheet = result.sheet
    return {
        "format": "cchc.score-forecast/1",
        "scheme": sheet.scheme.id,
        "unit": {"code": sheet.inputs.unit_code, "name": sheet.inputs.unit_name},
        "year": sheet.inputs.year,
        "as_of": format_date(sheet.inputs.as_of) if sheet.inputs.as_of else None,
        "total": {
            "max": float(sheet.scheme.total_max),
            "forecast": _num(sheet.final_total.score),
            "lost": float(result.lost),
            "unscored_max": float(result.unscored_max),
        },
        "below_max": [
            {
                "code": i.node.criterion.code,
                "name": i.node.criterion.name,
                "max": float(i.node.criterion.max_points),
                "score": float(i.score),
                "lost": float(i.lost),
                "reason": i.reason,
            }
            for i in result.items
        ],
        "unscored": [
            {
                "code": u.node.criterion.code,
                "name": u.node.criterion.name,
                "max": float(u.node.criterion.max_points),
                "reason": u.reason,
            }
            for u in result.unscored
        ],
        "warnings": list(sheet.warnings),
    }


def ranking_to_dict(ranking: Ranking) -> dict[str, Any]:
    return {
        "format": "cchc.score-ranking/1",
        "scheme": ranking.scheme.id,
        "total_max": float(ranking.scheme.total_max),
        "units": [
            {
                "rank": row.rank,
                "code": row.sheet.inputs.unit_code,
                "name": row.sheet.inputs.unit_name,
                "self": _num(row.sheet.total.score),
                "appraised": _num(row.sheet.appraised_total.score)
                if row.sheet.appraised_total
                else None,
                "score": _num(row.score),
                "complete": row.complete,
            }
            for row in ranking.rows
        ],
    }


def forecast_sheet(sheet: ScoreSheet) -> Forecast:
    """The criteria below max, most points lost first (seed 002 section 9, generated)."""
    return forecast(sheet)
