"""One-stop dossier statistics: the use cases behind ``cchc dossiers`` and the web pages.

``dossier_stats`` computes the statistics of a window; ``stats_to_dict`` is
their stable JSON form (``cchc.dossier-stats/1``, read by the PAR-index
scoring); ``fill_report`` writes them into a report's Biểu mẫu 3 and 7;
``stats_table`` words them for the XLSX table. The late dossiers and their
letters are in ``services.apologies``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.analytics.dossier_engine import DossierEngine, StatsResult
from cchc.domain.catalog import Catalog, TemplateVersion
from cchc.domain.dossiers import (
    DIMENSIONS,
    Channel,
    DossierStats,
    LedgerLevel,
    OnlineLevel,
)
from cchc.domain.numbers import format_number
from cchc.domain.periods import DateWindow
from cchc.domain.report import NarrativeValue, ReportData, Source, Value, ValueStatus
from cchc.registry import Registry
from cchc.reportfile import load_report, write_report

if TYPE_CHECKING:
    from cchc.documents.dossier_stats_xlsx import StatsTable

__all__ = [
    "STATS_FORMAT",
    "FillOutcome",
    "dimension_value",
    "dossier_stats",
    "fill_report",
    "group_keys",
    "group_label",
    "stats_table",
    "stats_to_dict",
]

STATS_FORMAT = "cchc.dossier-stats/1"
Progress = Callable[[str, float | None], None]

# Biểu mẫu 3 rows by the ledger's level: sở (3.1.x), huyện (3.2.x), xã (3.3.x).
LEVEL_ROWS = {
    LedgerLevel.PROVINCE: "procedures.results.department",
    LedgerLevel.DISTRICT: "procedures.results.district",
    LedgerLevel.COMMUNE: "procedures.results.commune",
}
DIGITISATION_ROWS = (
    "procedures.digitisation.received",
    "procedures.digitisation.digitised_input",
    "procedures.digitisation.resolved",
    "procedures.digitisation.digitised_result",
)
ONLINE_RECEIVED = "egov.online_services.dossiers_received"
ONLINE_ONLINE = "egov.online_services.dossiers_online"


def dossier_stats(
    paths: Sequence[Path],
    window: DateWindow,
    registry: Registry,
    by: Sequence[str] = (),
    progress: Progress | None = None,
) -> StatsResult:
    with DossierEngine(paths, registry, progress=progress) as engine:
        return engine.stats(window, by)


def _key_dict(by: Sequence[str], key: Sequence[str | None]) -> dict[str, str | None]:
    return dict(zip(by, key, strict=True))


# Coded dimensions print in their declared order (tỉnh, huyện, xã: the order of the
# administration and of Biểu mẫu 3), not alphabetically (huyện, tỉnh, xã).
_DECLARED_ORDER: dict[str, list[str]] = {
    "level": [m.value for m in LedgerLevel],
    "channel": [m.value for m in Channel],
    "online_level": [m.value for m in OnlineLevel],
}


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """ "SO-2" before "SO-10": runs of digits compare as numbers, the rest without case."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def _rank(dimension: str, value: str | None) -> tuple[int, int, tuple[tuple[int, int | str], ...]]:
    if value is None:
        return (1, 0, ())
    order = _DECLARED_ORDER.get(dimension, [])
    return (0, order.index(value), ()) if value in order else (0, len(order), _natural(value))


def group_keys(result: StatsResult) -> list[tuple[str | None, ...]]:
    """The groups in print order: coded values in their declared order, other values
    alphabetically with numbers by value (UBND-X2 before UBND-X10), groups with an
    empty value last."""
    return sorted(
        result.groups,
        key=lambda key: tuple(_rank(d, v) for d, v in zip(result.by, key, strict=True)),
    )


def stats_to_dict(result: StatsResult) -> dict[str, Any]:
    """The JSON document of ``cchc dossiers stats --format json`` (see docs/dossiers.md)."""
    groups = [
        {"key": _key_dict(result.by, key), "stats": result.groups[key].as_dict()}
        for key in group_keys(result)
    ]
    return {
        "format": STATS_FORMAT,
        "window": {"from": result.window.start.isoformat(), "to": result.window.end.isoformat()},
        "by": list(result.by),
        "sources": [
            {
                "file": s.label,
                "format": s.kind,
                "rows": s.rows,
                "excluded": s.excluded,
                "columns": s.columns,
                "ignored_headers": s.ignored_headers,
            }
            for s in result.sources
        ],
        "excluded": {
            "total": result.excluded,
            "by_problem": {p.value: n for p, n in sorted(result.problems.items())},
            "rows": [
                {
                    "file": b.file,
                    "row": b.row,
                    "dossier_id": b.dossier_id,
                    "problem": b.problem.value,
                    "message": b.message,
                }
                for b in result.bad_rows
            ],
        },
        "total": result.total.as_dict(),
        "groups": groups,
    }


def dimension_value(name: str, value: str | None, agencies: Mapping[str, str] | None = None) -> str:
    """A group's value as a reader sees it: "cấp tỉnh", "trực tuyến", an agency's name."""
    if value is None:
        return "(không ghi)"
    if name == "level":
        return LedgerLevel(value).label
    if name == "channel":
        return Channel(value).label
    if name == "online_level":
        return OnlineLevel(value).label
    if name == "agency" and agencies and value in agencies:
        return f"{agencies[value]} ({value})"
    return value


def group_label(
    by: Sequence[str], key: Sequence[str | None], agencies: Mapping[str, str] | None = None
) -> str:
    """ "Cấp huyện", "Cơ quan giải quyết UBND-X001 · lĩnh vực Hộ tịch"... for text output.

    ``agencies`` (code → name, from a unit list) names the agencies the ledger codes.
    """
    parts = []
    for name, value in zip(by, key, strict=True):
        shown = dimension_value(name, value, agencies)
        if value is None:
            parts.append(f"{DIMENSIONS[name]} {shown}")
        elif name == "level":
            parts.append(shown.capitalize())
        else:
            parts.append(f"{DIMENSIONS[name]} {shown}")
    label = " · ".join(parts) or "Tất cả hồ sơ"
    return label[:1].upper() + label[1:]  # a heading: "Hình thức nộp trực tuyến", "Cấp (không ghi)"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def stats_table(result: StatsResult, agencies: Mapping[str, str] | None = None) -> StatsTable:
    """The statistics worded for the XLSX table (``--xlsx``)."""
    from cchc.documents.dossier_stats_xlsx import ProblemLine, StatsTable

    sources = "; ".join(
        f"{s.label} ({format_number(s.rows)} dòng"
        + (f", loại {format_number(s.excluded)} dòng lỗi)" if s.excluded else ")")
        for s in result.sources
    )
    groups = [
        (
            [
                _first_upper(dimension_value(d, v, agencies))
                for d, v in zip(result.by, key, strict=True)
            ],
            result.groups[key],
        )
        for key in group_keys(result)
    ]
    return StatsTable(
        title=f"THỐNG KÊ HỒ SƠ MỘT CỬA {result.window.label.upper()}",
        sources=f"Sổ hồ sơ: {sources}",
        dimensions=[_first_upper(DIMENSIONS[d]) for d in result.by],
        groups=groups,
        total=result.total,
        excluded=result.excluded,
        by_problem={p.message: n for p, n in sorted(result.problems.items())},
        problems=[
            ProblemLine(b.file, b.row, b.dossier_id, b.problem.message, b.value, b.detail)
            for b in result.bad_rows
        ],
    )


# ---------------------------------------------------------------------- fill


@dataclass
class FillOutcome:
    report: ReportData
    target: Path
    window: DateWindow
    written: list[tuple[str, str, int]] = field(default_factory=list)  # key, code, value
    skipped: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    result: StatsResult | None = None


def _filled(
    key: str,
    number: int,
    catalog: Catalog,
    template: TemplateVersion,
    origin: str,
    location: str,
) -> tuple[Value, str]:
    indicator = catalog.get(key)
    code = template.code_for(key) or indicator.code
    source = Source(
        form=f"Biểu mẫu {indicator.form}",
        code=code,
        label=indicator.name,
        raw=format_number(number),
        origin=origin,
        location=location,
    )
    value = Value(number, source=source, status=ValueStatus.FILLED, derivation="cchc dossiers fill")
    return value, code


FILLED_FLAG = "tính từ sổ hồ sơ một cửa"


def _onestop_narrative(
    stats: DossierStats, block: str, prefix: str, origin: str, window: DateWindow
) -> list[NarrativeValue]:
    """The one-stop statistics of a level, as the narrative states them."""
    text = f"{origin}, {block}, {window.label}"
    online = stats.partial_online + stats.full_online
    numbers: list[tuple[str, int | float | None, str | None]] = [
        ("total", stats.total, None),
        ("carried_over", stats.carried_over, None),
        ("received", stats.received, None),
        ("resolved", stats.resolved, f"{prefix}.resolved"),
        ("resolved_on_time", stats.resolved_on_time, f"{prefix}.on_time"),
        ("resolved_late", stats.resolved_late, None),
        ("pending", stats.pending, None),
        ("pending_on_time", stats.pending_on_time, None),
        ("pending_overdue", stats.pending_overdue, None),
        ("paused", stats.paused, None),
        ("returned", stats.returned, None),
        ("withdrawn", stats.withdrawn, None),
        ("on_time_rate_overall", stats.on_time_rate_overall, None),
        ("online", online, None),
        ("digitised_input", stats.digitised_input, None),
        ("digitised_result", stats.digitised_result, None),
    ]
    return [
        NarrativeValue(
            name, number, text, block=block, section="II.2", indicator=key, flags=(FILLED_FLAG,)
        )
        for name, number, key in numbers
        if number is not None
    ]


def fill_report(
    paths: Sequence[Path],
    report_path: Path,
    registry: Registry,
    *,
    window: DateWindow | None = None,
    out: Path | None = None,
    progress: Progress | None = None,
) -> FillOutcome:
    """Compute the window's statistics by level and write them into the report.

    The report is read first and written last, atomically: on any error the
    file is untouched. Rate rows are left to the validation engine.
    """
    catalog = registry.catalog
    report = load_report(report_path, catalog)
    template = registry.template(report.template or None)
    window = window or report.window(registry.cutoff_day)
    with DossierEngine(paths, registry, progress=progress) as engine:
        result = engine.stats(window, ["level"])
    outcome = FillOutcome(report, out or report_path, window, result=result)
    origin = "sổ hồ sơ một cửa: " + ", ".join(Path(p).name for p in paths)
    unit_level = report.unit.level
    values: dict[str, Value] = {}
    narrative: list[NarrativeValue] = []
    # Received (less withdrawn), digitised inputs, resolved, digitised results, over
    # the levels the unit reports: the supplementary rows 4.x of Biểu mẫu 3.
    digitisation = [0, 0, 0, 0]
    digitised_levels: list[str] = []
    for level, prefix in LEVEL_ROWS.items():
        stats = result.groups.get((level.value,))
        keys = (f"{prefix}.resolved", f"{prefix}.on_time")
        codes = ", ".join(template.code_for(k) or catalog.get(k).code for k in keys)
        if stats is None:
            outcome.skipped.append(f"sổ không có hồ sơ {level.label}: giữ nguyên dòng {codes}")
            continue
        indicator = catalog.get(keys[0])
        if indicator.levels and unit_level and unit_level not in indicator.levels:
            level_name = {lv.id: lv.name for lv in registry.levels}.get(unit_level, unit_level)
            outcome.skipped.append(
                f"báo cáo của đơn vị “{level_name.lower()}” không có dòng {codes}: "
                f"bỏ qua {format_number(stats.total)} hồ sơ {level.label}"
            )
            continue
        location = f"{level.label}, {window.label}"
        for key, number in zip(keys, (stats.resolved, stats.resolved_on_time), strict=True):
            values[key], code = _filled(key, number, catalog, template, origin, location)
            outcome.written.append((key, code, number))
        narrative += _onestop_narrative(stats, level.label, prefix, origin, window)
        digitisation[0] += stats.total - stats.withdrawn
        digitisation[1] += stats.digitised_input
        digitisation[2] += stats.resolved
        digitisation[3] += stats.digitised_result
        digitised_levels.append(level.label)
    unleveled = result.groups.get((None,))
    if unleveled is not None and unleveled.total:
        outcome.skipped.append(
            f"{format_number(unleveled.total)} hồ sơ không ghi cấp (ô “cấp” trống hoặc sổ không "
            "có cột này): không tính vào dòng nào của Biểu mẫu 3"
        )
    if digitised_levels and result.has_column("digitised_input"):
        location = f"{', '.join(digitised_levels)}, {window.label}"
        for key, number in zip(DIGITISATION_ROWS, digitisation, strict=True):
            values[key], code = _filled(key, number, catalog, template, origin, location)
            outcome.written.append((key, code, number))
    if result.has_column("online_level") and result.has_column("channel"):
        total = result.total
        location = f"mọi cấp, {window.label}"
        for key, number in (
            (ONLINE_RECEIVED, total.partial_received + total.full_received),
            (ONLINE_ONLINE, total.partial_online + total.full_online),
        ):
            values[key], code = _filled(key, number, catalog, template, origin, location)
            outcome.written.append((key, code, number))
    else:
        outcome.skipped.append(
            "sổ không có cột mức độ DVC hoặc hình thức nộp: giữ nguyên dòng 6.4.1, 6.4.2"
        )
    updated = report.with_values(values)
    # The block statistics also feed the report's one-stop paragraph; a new fill
    # replaces what an earlier fill wrote, and keeps what the unit wrote itself.
    updated.narrative_values = [
        v for v in report.narrative_values if FILLED_FLAG not in v.flags
    ] + narrative
    # A rate the system computed earlier from the old numbers would now contradict them.
    for indicator in catalog:
        current = updated.values.get(indicator.key)
        if (
            current is not None
            and current.status is ValueStatus.COMPUTED
            and indicator.formula is not None
            and set(indicator.formula.keys) & set(values)
        ):
            del updated.values[indicator.key]
            outcome.cleared.append(indicator.key)
    write_report(outcome.target, updated, catalog)
    outcome.report = updated
    return outcome
