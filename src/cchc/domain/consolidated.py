"""What a compiler's report says: who reported, the compiled figures, and units side by side.

The key indicators compared between units are data (``catalogs/documents``):
each column is a count (the sum of some indicators) or a rate (a sum over a
sum × 100). A unit's rate is recomputed from that unit's own components, the
way the compiled rate is recomputed from the compiled components, never
taken from the rate the unit wrote. The compiled figures are stated with the
same sentences as a unit's report, from a report-shaped view of the sums and
recomputed rates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cchc.domain.catalog import Aggregation, Catalog
from cchc.domain.compiling import CompiledReport, distribution_label
from cchc.domain.form_sentences import form_sentences
from cchc.domain.phrasing import count_text, join_vi, percent_text, ratio
from cchc.domain.report import ReportData, UnitRef, Value, ValueStatus
from cchc.domain.sentences import Facts

__all__ = [
    "KeyColumn",
    "UnitRow",
    "compiled_as_report",
    "compiled_sentences",
    "completeness_sentences",
    "key_columns",
    "rank_sentence",
    "trend_sentences",
    "unit_rows",
]

Number = int | float


@dataclass(frozen=True, slots=True)
class KeyColumn:
    id: str
    header: str
    unit: str  # "%" for a rate
    part: tuple[str, ...]  # summed; the value of a count column
    whole: tuple[str, ...] = ()  # summed; a rate column's denominator
    chart: bool = False  # drawn as the by-unit chart
    missing: tuple[str, ...] = ()  # keys the catalog does not have (yet)

    @property
    def is_rate(self) -> bool:
        return bool(self.whole)

    @property
    def available(self) -> bool:
        return not self.missing


def key_columns(data: Mapping[str, Any], catalog: Catalog) -> list[KeyColumn]:
    """Columns from a ``documents`` data file; keys the catalog lacks make a column unavailable."""
    columns = []
    for n, raw in enumerate(data.get("columns") or []):
        if not isinstance(raw, Mapping):
            raise ValueError(f"cột thứ {n + 1} phải là một bảng khóa – giá trị")
        try:
            part = tuple(str(k) for k in raw.get("sum") or raw["part"])
        except KeyError:
            raise ValueError(f"cột “{raw.get('id', n + 1)}” thiếu “sum” hoặc “part”") from None
        whole = tuple(str(k) for k in raw.get("whole") or ())
        columns.append(
            KeyColumn(
                id=str(raw.get("id") or f"cot-{n + 1}"),
                header=str(raw.get("header") or raw.get("id") or ""),
                unit=str(raw.get("unit") or ("%" if whole else "")),
                part=part,
                whole=whole,
                chart=bool(raw.get("chart", False)),
                missing=tuple(k for k in (*part, *whole) if k not in catalog),
            )
        )
    return columns


@dataclass(frozen=True, slots=True)
class UnitRow:
    code: str
    name: str
    values: tuple[Number | None, ...]  # one per column
    # (part, whole) sums behind each column, for a spreadsheet to recompute the rate
    components: tuple[tuple[Number | None, Number | None], ...] = ()


def _sum(items: Iterable[Number | None]) -> Number | None:
    known = [x for x in items if x is not None]
    if not known:
        return None
    total = math.fsum(known)
    return int(total) if all(isinstance(x, int) for x in known) else total


def _components(
    column: KeyColumn, lookup: Mapping[str, Number]
) -> tuple[Number | None, Number | None]:
    if not column.available:
        return None, None
    part = _sum(lookup.get(k) for k in column.part)
    whole = _sum(lookup.get(k) for k in column.whole) if column.is_rate else None
    return part, whole


def _cell(column: KeyColumn, lookup: Mapping[str, Number]) -> Number | None:
    part, whole = _components(column, lookup)
    return ratio(part, whole) if column.is_rate else part


def unit_rows(
    compiled: CompiledReport, columns: Sequence[KeyColumn], names: Mapping[str, str]
) -> tuple[list[UnitRow], tuple[Number | None, ...]]:
    """Each reporting unit's key figures, and the whole area's (recomputed from the sums)."""
    per_unit: dict[str, dict[str, Number]] = {code: {} for code in compiled.units}
    keys = {k for c in columns if c.available for k in (*c.part, *c.whole)}
    for key in keys:
        item = compiled.values.get(key)
        if item is None:
            continue
        for contribution in item.contributions:
            bucket = per_unit.setdefault(contribution.unit, {})
            bucket[key] = bucket.get(key, 0) + contribution.value
    rows = [
        UnitRow(
            code,
            names.get(code) or code,
            tuple(_cell(c, per_unit[code]) if c.available else None for c in columns),
            tuple(_components(c, per_unit[code]) for c in columns),
        )
        for code in per_unit
    ]
    totals: dict[str, Number] = {}
    for key in keys:
        item = compiled.values.get(key)
        if item is not None and item.method is Aggregation.SUM and item.value is not None:
            totals[key] = item.value
    return rows, tuple(_overall(c, compiled, totals) for c in columns)


def _overall(
    column: KeyColumn, compiled: CompiledReport, totals: Mapping[str, Number]
) -> Number | None:
    """The area's figure; none when a component does not add across units (procedure counts)."""
    if not column.available:
        return None
    for key in (*column.part, *column.whole):
        item = compiled.values.get(key)
        if item is not None and item.method is not Aggregation.SUM:
            return None
    return _cell(column, totals)


def compiled_as_report(compiled: CompiledReport, template: str = "") -> ReportData:
    """The compiled sums and recomputed rates shaped as a report, for the report's sentences."""
    values = {
        key: Value(
            item.value,
            status=ValueStatus.COMPUTED
            if item.method is Aggregation.FORMULA
            else ValueStatus.REPORTED,
        )
        for key, item in compiled.values.items()
        if item.method in (Aggregation.SUM, Aggregation.FORMULA) and item.value is not None
    }
    return ReportData(
        unit=UnitRef(compiled.compiler or "", "", ""),
        period=compiled.period,
        template=template,
        values=values,
    )


def compiled_sentences(form: int, compiled: CompiledReport, catalog: Catalog) -> list[str]:
    """The figures of one Biểu mẫu for the whole area: sums, recomputed rates, distributions."""
    facts = Facts(compiled_as_report(compiled), catalog)
    sentences = form_sentences(form, facts)
    total_units = len(compiled.units)
    for ind in catalog.by_form(form):
        item = compiled.values.get(ind.key)
        if item is not None and item.method is Aggregation.DISTRIBUTION and item.count:
            sentences.append(f"{ind.name}: {distribution_label(item, ind, total_units)}.")
    return sentences


def completeness_sentences(compiled: CompiledReport, names: Mapping[str, str]) -> list[str]:
    """ "Số đơn vị đã gửi báo cáo: 17/17 đơn vị." and who has and has not."""

    def name(code: str) -> str:
        return names.get(code) or code

    received = [name(u) for u in compiled.units]
    comp = compiled.completeness
    if comp is None:
        return [
            f"Số đơn vị có báo cáo được tổng hợp: {count_text(len(received))} đơn vị "
            "(không có danh sách đơn vị phải báo cáo để đối chiếu).",
            f"Các đơn vị đã gửi báo cáo: {join_vi(received)}.",
        ]
    out = [f"Số đơn vị đã gửi báo cáo: {comp.label}."]
    if received:
        out.append(f"Các đơn vị đã gửi báo cáo: {join_vi(received)}.")
    if comp.missing:
        out.append(
            f"Các đơn vị chưa gửi báo cáo ({count_text(len(comp.missing))} đơn vị): "
            f"{join_vi([name(u) for u in comp.missing])}."
        )
    else:
        out.append("Tất cả các đơn vị phải báo cáo đã gửi báo cáo.")
    if comp.unexpected:
        out.append(
            "Báo cáo của đơn vị ngoài danh sách phải báo cáo vẫn được tổng hợp: "
            f"{join_vi([name(u) for u in comp.unexpected])}."
        )
    for source, target in compiled.rollups:
        out.append(f"Số liệu của {name(source)} được tính vào đơn vị kế thừa {name(target)}.")
    return out


def rank_sentence(
    column: KeyColumn, rows: Sequence[UnitRow], index: int, show: int = 3
) -> str | None:
    """ "Tỷ lệ đúng hạn thấp nhất: A (30%), B (42,7%); cao nhất: C (100%)"."""
    ranked = sorted(
        (r for r in rows if r.values[index] is not None), key=lambda r: (r.values[index], r.name)
    )
    if len(ranked) < 2:
        return None
    fmt = percent_text if column.is_rate else count_text

    def shown(items: Sequence[UnitRow]) -> str:
        return "; ".join(f"{r.name} ({fmt(r.values[index])})" for r in items)  # type: ignore[arg-type]

    show = min(show, len(ranked) // 2)
    low, high = ranked[:show], list(reversed(ranked[-show:]))
    return f"{column.header.removesuffix(' (%)')} thấp nhất: {shown(low)}; cao nhất: {shown(high)}."


def trend_sentences(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number | None]]]
) -> list[str]:
    """ "Tỷ lệ giải quyết đúng hạn: quý I năm 2023 85,2%; quý II năm 2023 88,1%."."""
    out = []
    for name, values in series:
        parts = [
            f"{label} {percent_text(v)}"
            for label, v in zip(labels, values, strict=True)
            if v is not None
        ]
        if parts:
            out.append(f"{name}: {'; '.join(parts)}.")
    return out
