"""Filling a report from the dossier ledger: the use case behind ``cchc dossiers fill``.

The window's statistics by level become the resolved and on-time rows of
Biểu mẫu 3 (sở/huyện/xã), its digitisation rows and the online rows of
Biểu mẫu 7, each marked ``filled`` with its source, so the validation engine
checks them like any other value. A rate that no longer follows from the new
numbers is removed for the validation step to compute again: the ledger is
what the numbers now come from, and a rate worked out from the hand-copied
ones would only be an error left for the unit to find.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.dossier_results import StatsResult
from cchc.analytics.ledger import LedgerError
from cchc.domain.agency_selection import AgencySelection
from cchc.domain.catalog import Catalog, TemplateVersion
from cchc.domain.date_order import DAY_FIRST, DateReading
from cchc.domain.dossiers import DossierStats, LedgerLevel
from cchc.domain.formula import MissingOperandError
from cchc.domain.numbers import Number, format_number
from cchc.domain.periods import DateWindow
from cchc.domain.precision import matches_reported
from cchc.domain.report import NarrativeValue, ReportData, Source, Value, ValueStatus
from cchc.registry import Registry
from cchc.reportfile import load_report, write_report
from cchc.services.dossiers import refusal

__all__ = ["FILLED_FLAG", "FillOutcome", "ReplacedCount", "ReplacedRate", "fill_report"]

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
# A commune's own dossiers are its one-stop's: rows of several agencies at its level are
# usually a district's or the province's ledger. Not so above: a district's rows come from
# its offices and the land registry branch (seed 002), a department's from its units.
OWN_LEVEL = {"commune": LedgerLevel.COMMUNE}
NAMED_AGENCIES = 3


@dataclass(frozen=True)
class ReplacedRate:
    """A rate the unit wrote that the filled numbers contradict: removed, with what it was."""

    key: str
    code: str
    unit: str
    reported: Number
    exact: Number


@dataclass(frozen=True)
class ReplacedCount:
    """A number the unit wrote that the ledger's count replaced: what it was, and where from."""

    key: str
    code: str
    reported: Number
    filled: int
    origin: str | None  # the unit's file or cell it came from, when known


@dataclass
class FillOutcome:
    report: ReportData
    target: Path
    window: DateWindow
    written: list[tuple[str, str, int]] = field(default_factory=list)  # key, code, value
    skipped: list[str] = field(default_factory=list)
    # Rates the system had computed from the old numbers: removed, computed again on validation.
    cleared: list[str] = field(default_factory=list)
    replaced: list[ReplacedRate] = field(default_factory=list)
    # Numbers the unit wrote that differ from the ledger's: replaced, and kept in the value's note.
    overwritten: list[ReplacedCount] = field(default_factory=list)
    # What the user should check: the unit's own rows came from several agencies.
    notes: list[str] = field(default_factory=list)
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
    dates: DateReading = DAY_FIRST,
    agencies: AgencySelection | None = None,
) -> FillOutcome:
    """Compute the window's statistics by level and write them into the report.

    The report is read first and written last, atomically: on any error the
    file is untouched. Rate rows are left to the validation engine.
    """
    catalog = registry.catalog
    report = load_report(report_path, catalog)
    template = registry.template(report.template or None)
    window = window or report.window(registry.cutoff_day)
    with DossierEngine(
        paths, registry, progress=progress, dates=dates, agencies=agencies
    ) as engine:
        # By agency too, to tell whether the unit's own rows are one unit's.
        result = engine.stats(window, ["level", "agency"])
    why_not = refusal(
        result,
        "Báo cáo chưa được ghi",
        idle_hint="; nếu đơn vị thật sự không có hồ sơ nào trong kỳ, hãy ghi số 0 trực tiếp "
        "vào báo cáo",
    )
    if why_not:
        raise LedgerError(why_not)
    outcome = FillOutcome(report, out or report_path, window, result=result)
    origin = "sổ hồ sơ một cửa: " + ", ".join(Path(p).name for p in paths)
    if agencies is not None:
        # The figures are these agencies' part of the ledger: the source says so.
        origin += f", chỉ hồ sơ của cơ quan giải quyết {agencies.label}"
    unit_level = report.unit.level
    values: dict[str, Value] = {}
    narrative: list[NarrativeValue] = []
    # Received (less withdrawn), digitised inputs, resolved, digitised results, over
    # the levels the unit reports: the supplementary rows 4.x of Biểu mẫu 3.
    digitisation = [0, 0, 0, 0]
    digitised_levels: list[str] = []
    by_level, level_agencies = _by_level(result)
    for level, prefix in LEVEL_ROWS.items():
        stats = by_level.get(level.value)
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
        several = len(level_agencies[level.value]) > 1
        # Agencies the user chose (--agency) are the unit's by the user's word.
        if level is OWN_LEVEL.get(unit_level or "") and several and result.agencies is None:
            outcome.notes.append(_several_agencies(codes, level, level_agencies[level.value]))
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
    unleveled = by_level.get(None)
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
    _keep_replaced_numbers(report, values, outcome)
    updated = report.with_values(values)
    # The block statistics also feed the report's one-stop paragraph; a new fill
    # replaces what an earlier fill wrote, and keeps what the unit wrote itself.
    updated.narrative_values = [
        v for v in report.narrative_values if FILLED_FLAG not in v.flags
    ] + narrative
    _drop_stale_rates(updated, set(values), catalog, template, outcome)
    write_report(outcome.target, updated, catalog)
    outcome.report = updated
    return outcome


def _by_level(
    result: StatsResult,
) -> tuple[dict[str | None, DossierStats], dict[str | None, Counter[str | None]]]:
    """The statistics of each level, and the dossiers of each agency in it."""
    stats: dict[str | None, DossierStats] = {}
    agencies: dict[str | None, Counter[str | None]] = {}
    for (level, agency), group in result.groups.items():
        stats[level] = stats.get(level, DossierStats()) + group
        counted = agencies.setdefault(level, Counter())
        if group.total:  # an agency whose rows are all outside the window adds nothing
            counted[agency] += group.total
    return stats, agencies


def _several_agencies(codes: str, level: LedgerLevel, agencies: Counter[str | None]) -> str:
    """A commune's rows add up several agencies: most likely the ledger of a district
    or of the province, whose figures would then stand as the commune's."""
    named = [
        f"{agency or 'không ghi cơ quan'}: {format_number(n)}"
        for agency, n in agencies.most_common(NAMED_AGENCIES)
    ]
    if len(agencies) > NAMED_AGENCIES:
        named.append(f"và {len(agencies) - NAMED_AGENCIES} cơ quan khác")
    return (
        f"dòng {codes} cộng hồ sơ {level.label} của {len(agencies)} cơ quan giải quyết "
        f"({'; '.join(named)}); nếu sổ có hồ sơ của xã khác, số điền vào là tổng của các xã "
        "đó: hãy dùng sổ của riêng xã, hoặc chỉ tính cơ quan của xã bằng --agency (xem "
        "cchc dossiers stats --by agency)"
    )


def _keep_replaced_numbers(
    report: ReportData, values: dict[str, Value], outcome: FillOutcome
) -> None:
    """Note each number the unit wrote that the ledger's count differs from.

    The ledger is the source the figures now come from, but a difference is
    news to the unit (a dossier missing from the ledger, or a copying slip):
    the command names it, and the filled value's note keeps the old number,
    so the report file still says what the unit had written.
    """
    codes = {key: code for key, code, _ in outcome.written}
    for key, value in values.items():
        current = report.values.get(key)
        if current is None or current.status is not ValueStatus.REPORTED:
            continue
        if current.value is None or current.value == value.value:
            continue
        places = (current.source.origin, current.source.location) if current.source else ()
        origin = ", ".join(place for place in places if place) or None
        filled = int(value.value or 0)
        outcome.overwritten.append(ReplacedCount(key, codes[key], current.value, filled, origin))
        note = f"Trước khi điền từ sổ, đơn vị ghi {format_number(current.value)}"
        note += f" ({origin})" if origin else ""
        value.note = f"{current.note}; t{note[1:]}" if current.note else note


def _drop_stale_rates(
    report: ReportData,
    filled: set[str],
    catalog: Catalog,
    template: TemplateVersion,
    outcome: FillOutcome,
) -> None:
    """Remove the rates over filled numbers that those numbers no longer give.

    A rate the system computed goes whatever its value: it is recomputed on
    validation. A rate the unit wrote stays when it still agrees (at the
    decimals the unit wrote) or cannot be worked out; otherwise it goes too,
    and the outcome keeps what it was so the command can say so.
    """
    numbers = {key: value.value for key, value in report.values.items()}
    for indicator in catalog:
        current = report.values.get(indicator.key)
        formula = indicator.formula
        if current is None or formula is None or not set(formula.keys) & filled:
            continue
        if current.status is ValueStatus.COMPUTED:
            del report.values[indicator.key]
            outcome.cleared.append(indicator.key)
            continue
        if current.value is None:
            continue
        try:
            exact = formula.evaluate(numbers)
        except MissingOperandError:
            continue
        if exact is None or matches_reported(current.value, exact, current.decimals):
            continue
        del report.values[indicator.key]
        code = template.code_for(indicator.key) or indicator.code
        outcome.replaced.append(
            ReplacedRate(indicator.key, code, indicator.unit, current.value, exact)
        )
