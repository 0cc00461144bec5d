"""Narrative numbers linked to the catalog indicators they state.

A narrative number is linked (``NarrativeValue.indicator``) when it is the
same quantity as a table row, so that validation compares the two:

- one-stop results of the reporting unit's own level (a district's
  dossiers resolved and on time → ``procedures.results.district.*``; a
  commune block in a district's report → ``procedures.results.commune.*``);
- online dossiers stated in the e-government part → Biểu mẫu 7 6.4.x;
- civil servants (quota, present) → Biểu mẫu 4 2.1 / 2.2;
- public investment (plan, disbursed) → Biểu mẫu 6 1.x;
- procedures under the unit's authority → Biểu mẫu 3 1.4.x.

Not linked: numbers of a named agency (a land registration branch), of
another year, stated twice with different values in one passage (which is
meant is unknowable), and rates whose table row is blank (the table's rate
would be one the system computed, not one the unit wrote).
"""

from __future__ import annotations

from collections import defaultdict

from cchc.domain.narrative_checks import scope_of
from cchc.domain.report import NarrativeValue, Value
from cchc.domain.stated_ratios import find_ratios
from cchc.importers.narrative import Stated

__all__ = ["link"]

_RESULTS = {
    "resolved": "resolved",
    "resolved_on_time": "on_time",
    "on_time_rate": "on_time_rate",
}
_BY_TOPIC: dict[str, dict[str, str]] = {
    "egov": {
        "received": "egov.online_services.dossiers_received",
        "received_online": "egov.online_services.dossiers_online",
    },
    "organisation": {
        "civil_servants_quota": "organisation.civil_servants.quota",
        "civil_servants_present": "organisation.civil_servants.present",
    },
    "finance": {
        "public_investment_planned": "finance.public_investment.planned",
        "public_investment_disbursed": "finance.public_investment.disbursed",
        "public_investment_rate": "finance.public_investment.rate",
    },
    "procedures": {
        "procedures_total": "procedures.inventory.total",
        "procedures_province": "procedures.inventory.total.province",
        "procedures_district": "procedures.inventory.total.district",
        "procedures_commune": "procedures.inventory.total.commune",
    },
}
_RATES_NEED_TABLE = {"on_time_rate", "public_investment_rate"}


def _level(block: str | None, unit_level: str) -> str | None:
    scope = scope_of(block)
    if scope == "unit":
        return {"district": "district", "department": "department", "commune": "commune"}.get(
            unit_level
        )
    if scope in ("district", "commune") and unit_level in ("district", "province"):
        return scope
    return None


def _overall(stated: list[Stated]) -> None:
    """A rate over all dossiers handled ((on time + pending on time) / (total − withdrawn))
    is not the rate over resolved ones: name it apart when its denominator says so."""
    groups: dict[tuple[str, str | None], dict[str, set[float]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for s in stated:
        groups[(s.section, s.block)][s.name].add(s.value)
    for s in stated:
        if s.name not in ("on_time_rate", "late_rate"):
            continue
        ratios = [r for r in find_ratios(s.text) if abs(r.stated - s.value) < 1e-9]
        if not ratios:
            continue
        resolved = groups[(s.section, s.block)].get("resolved", set())
        if len(resolved) != 1 or sum(ratios[0].denominator) != next(iter(resolved)):
            s.name += "_overall"


def link(stated: list[Stated], unit_level: str, table: dict[str, Value]) -> list[NarrativeValue]:
    _overall(stated)
    seen: dict[tuple[str, str | None, str], set[float]] = defaultdict(set)
    for s in stated:
        seen[(s.section, s.block, s.name)].add(s.value)
    early = {(s.section, s.block) for s in stated if s.name == "resolved_early"}
    out = []
    for s in stated:
        key = None
        if s.name == "resolved_on_time" and (s.section, s.block) in early:
            # "trước hạn 1.000, đúng hạn 180": the table's on-time count is their sum.
            s.flags.append("số đúng hạn nêu riêng với số trước hạn; không so với biểu mẫu")
        elif len(seen[(s.section, s.block, s.name)]) > 1:
            s.flags.append("cùng một đoạn nêu nhiều giá trị khác nhau cho số liệu này")
        elif s.other_year is None:
            key = _key(s, unit_level)
            if key is not None and s.name in _RATES_NEED_TABLE:
                written = table.get(key)
                if written is None or written.value is None:
                    key = None
        out.append(s.narrative_value(key))
    return out


def _key(s: Stated, unit_level: str) -> str | None:
    if s.topic == "procedures" and s.name in _RESULTS:
        level = _level(s.block, unit_level)
        return f"procedures.results.{level}.{_RESULTS[s.name]}" if level else None
    if scope_of(s.block) != "unit" or s.topic is None:
        return None
    return _BY_TOPIC.get(s.topic, {}).get(s.name)
