"""One-stop dossier statistics: the use cases behind ``cchc dossiers`` and the web pages.

``dossier_stats`` computes the statistics of a window; ``stats_to_dict`` is
their stable JSON form (``cchc.dossier-stats/1``, read by the PAR-index
scoring); ``fill_report`` writes them into a report's Biểu mẫu 3 and 7;
``write_apologies`` lists the late dossiers and drafts their letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.analytics.dossier_engine import DossierEngine, StatsResult
from cchc.analytics.late_dossiers import late_dossiers
from cchc.domain.apology import NOT_IN_LEDGER, new_return_date
from cchc.domain.catalog import Catalog, TemplateVersion
from cchc.domain.dossiers import (
    DIMENSIONS,
    Channel,
    DossierStats,
    LedgerLevel,
    OnlineLevel,
    Outcome,
)
from cchc.domain.letterhead import issuing_bodies, merged_signer
from cchc.domain.numbers import format_number
from cchc.domain.periods import DateWindow
from cchc.domain.report import NarrativeValue, ReportData, Source, Value, ValueStatus
from cchc.domain.units import UnitTree
from cchc.registry import Registry, RegistryError
from cchc.reportfile import load_report, write_report

if TYPE_CHECKING:
    from cchc.documents.apology import ApologyLetter
    from cchc.documents.late_list import LateRow

__all__ = [
    "STATS_FORMAT",
    "ApologyOutcome",
    "FillOutcome",
    "dossier_stats",
    "fill_report",
    "group_keys",
    "group_label",
    "stats_to_dict",
    "write_apologies",
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


def _rank(dimension: str, value: str | None) -> tuple[int, int, str]:
    if value is None:
        return (1, 0, "")
    order = _DECLARED_ORDER.get(dimension, [])
    return (0, order.index(value), "") if value in order else (0, len(order), value)


def group_keys(result: StatsResult) -> list[tuple[str | None, ...]]:
    """The groups in print order: coded values in their declared order, other values
    alphabetically, groups with an empty value last."""
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


def group_label(by: Sequence[str], key: Sequence[str | None]) -> str:
    """ "Cấp huyện", "Cơ quan giải quyết UBND-X001 · lĩnh vực Hộ tịch"... for text output."""
    parts = []
    for name, value in zip(by, key, strict=True):
        if value is None:
            parts.append(f"{DIMENSIONS[name]} (không ghi)")
        elif name == "level":
            parts.append(LedgerLevel(value).label.capitalize())
        elif name == "channel":
            parts.append(f"{DIMENSIONS[name]} {Channel(value).label}")
        elif name == "online_level":
            parts.append(f"{DIMENSIONS[name]} {OnlineLevel(value).label}")
        else:
            parts.append(f"{DIMENSIONS[name]} {value}")
    label = " · ".join(parts) or "Tất cả hồ sơ"
    return label[:1].upper() + label[1:]  # a heading: "Hình thức nộp trực tuyến", "Cấp (không ghi)"


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


# ---------------------------------------------------------------------- apologies


@dataclass
class ApologyOutcome:
    window: DateWindow
    list_path: Path
    letters: list[Path]
    late: int
    result: StatsResult


def extension_days(registry: Registry) -> int:
    """Working days promised by default in a letter (``apology.extension_days``)."""
    days = 5
    for item in registry.files("dossiers"):
        apology = item.data.get("apology") or {}
        if isinstance(apology, dict) and "extension_days" in apology:
            try:
                days = int(apology["extension_days"])
            except (TypeError, ValueError):
                raise RegistryError(
                    f"{item.path}: apology › extension_days phải là số ngày làm việc"
                ) from None
    return days


def _file_name(dossier_id: str, used: set[str]) -> str:
    safe = re.sub(r"[^0-9A-Za-z._-]+", "_", dossier_id).strip("._") or "ho-so"
    name, number = safe, 1
    while name in used:
        number += 1
        name = f"{safe}-{number}"
    used.add(name)
    return f"{name}.docx"


def write_apologies(
    paths: Sequence[Path],
    window: DateWindow,
    out_dir: Path,
    registry: Registry,
    *,
    letter_date: date,
    days: int | None = None,
    merged: bool = False,
    units: UnitTree | None = None,
    reason: str | None = None,
    progress: Progress | None = None,
    each: Callable[[Sequence[ApologyLetter]], Iterable[ApologyLetter]] | None = None,
) -> ApologyOutcome:
    """The XLSX list of late dossiers and their letters (one DOCX each, or one merged)."""
    # Document libraries load only here: ``stats`` and ``fill`` start faster without them.
    from cchc.documents.apology import write_letter_files, write_letters
    from cchc.documents.late_list import LateRow, write_late_list

    extension = extension_days(registry) if days is None else days
    if extension < 0:
        raise ValueError("số ngày làm việc hẹn lại phải không âm")
    with DossierEngine(paths, registry, progress=progress) as engine:
        late, result = late_dossiers(engine, window)
        calendar = engine.calendar(max(window.end, letter_date))
    rows = [
        LateRow(
            d,
            d.working_days_late(calendar, window.end),
            new_return_date(d, letter_date, extension, calendar),
        )
        for d in late
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    list_path = out_dir / "danh-sach-ho-so-qua-han.xlsx"
    write_late_list(list_path, window, rows)
    letters = [_letter(row, letter_date, units, reason) for row in rows]
    written: list[Path] = []
    if merged and letters:
        target = out_dir / "phieu-xin-loi.docx"
        write_letters(target, each(letters) if each else letters, author=letters[0].agency)
        written.append(target)
    elif letters:
        used: set[str] = set()
        folder = out_dir / "phieu-xin-loi"

        def targets() -> Iterator[tuple[Path, ApologyLetter]]:
            for letter in each(letters) if each else letters:
                target = folder / _file_name(letter.dossier_id, used)
                written.append(target)
                yield target, letter

        write_letter_files(targets())
    return ApologyOutcome(window, list_path, written, len(rows), result)


def _letter(
    row: LateRow, letter_date: date, units: UnitTree | None, reason: str | None
) -> ApologyLetter:
    from cchc.documents.apology import DEFAULT_SIGNER, ApologyLetter

    d = row.dossier
    agency = d.agency or NOT_IN_LEDGER
    extra: dict[str, Any] = {}
    if units is not None and d.agency and d.agency in units:
        # The header and signer come from the unit's profile, as in its reports.
        unit = units.get(d.agency)
        agency = unit.name
        parent_name = units.get(unit.parent).name if unit.parent and unit.parent in units else ""
        parent, issuing = issuing_bodies(
            {}, unit.profile, unit_name=unit.name, parent_name=parent_name
        )
        signer = merged_signer({}, unit.profile)
        extra = {
            "parent_body": parent,
            "issuing_body": issuing,
            "place": str(unit.profile.get("place") or "") or None,
            "signer": replace(signer, title=signer.title or DEFAULT_SIGNER.title),
        }
    procedure = d.procedure_name or d.procedure_code or NOT_IN_LEDGER
    return ApologyLetter(
        agency=agency,
        dossier_id=d.dossier_id,
        applicant=d.applicant or NOT_IN_LEDGER,
        procedure=procedure,
        received=d.received,
        due=d.due,
        new_date=row.new_date,
        letter_date=letter_date,
        reason=d.late_reason or reason,
        resolved=d.outcome is Outcome.RESOLVED_LATE,
        **extra,
    )
