"""Assembling a compiler's report from compiled files: the work behind ``consolidated_report``.

Reads the compiled files (the latest period is the subject, earlier ones of
the same year the trend), resolves the compiler's letterhead from the units
file, and gathers the figures, the unit-by-unit table and the charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.documents.consolidated import ConsolidatedContent, FormPart
from cchc.domain.compiling import CompiledReport
from cchc.domain.consolidated import KeyColumn, key_columns
from cchc.domain.letterhead import resolve_letterhead
from cchc.domain.phrasing import period_phrase
from cchc.domain.units import UnitTree
from cchc.registry import Registry, RegistryError
from cchc.reportfile import ReportFileError
from cchc.services.documents import DocumentError, unit_profile

__all__ = ["PreparedConsolidated", "consolidated_content", "write_consolidated_xlsx"]


_FORM_TITLES = {
    1: "Công tác chỉ đạo, điều hành cải cách hành chính",
    2: "Cải cách thể chế",
    3: "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông",
    4: "Cải cách tổ chức bộ máy hành chính nhà nước",
    5: "Cải cách chế độ công vụ",
    6: "Cải cách tài chính công",
    7: "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
}
_AREA = {"province": "Toàn tỉnh", "district": "Toàn huyện", "commune": "Toàn xã"}


def _load_compiled(paths: Sequence[Path | str]) -> list[tuple[CompiledReport, dict[str, Any]]]:
    from cchc.compiledfile import load_compiled

    loaded = []
    for path in paths:
        try:
            loaded.append(load_compiled(path))
        except ReportFileError as exc:
            raise DocumentError(str(exc)) from None
    seen: dict[str, str] = {}
    for (compiled, _), path in zip(loaded, paths, strict=True):
        key = compiled.period.key
        if key in seen:
            raise DocumentError(
                f"{path}: cùng kỳ {compiled.period.label} với {seen[key]}; mỗi kỳ chỉ một tệp tổng hợp"
            )
        seen[key] = str(path)
    return loaded


def _key_columns(registry: Registry) -> list[KeyColumn]:
    try:
        item = registry.file("documents", "consolidated")
    except RegistryError:
        return []
    try:
        return key_columns(item.data, registry.catalog)
    except ValueError as exc:
        raise DocumentError(f"{item.path}: {exc}") from None


@dataclass
class PreparedConsolidated:
    content: ConsolidatedContent
    compiled: CompiledReport
    compiler_code: str
    compiler_name: str
    notices: list[str] = field(default_factory=list)


def consolidated_content(
    paths: Sequence[Path | str],
    registry: Registry,
    *,
    tree: UnitTree | None = None,
    template: str | None = None,
) -> PreparedConsolidated:
    """Read the compiled files and gather everything the compiler's report states."""
    from cchc.documents.charts import bar_chart_by_unit, trend_chart
    from cchc.documents.report_docx import appendix_caption
    from cchc.domain.appendix import compiled_forms
    from cchc.domain.consolidated import (
        compiled_sentences,
        completeness_sentences,
        rank_sentence,
        trend_sentences,
        unit_rows,
    )

    if not paths:
        raise DocumentError("cần ít nhất một tệp tổng hợp (--compiled)")
    loaded = _load_compiled(paths)
    loaded.sort(key=lambda item: item[0].period)
    compiled, data = loaded[-1]
    notices: list[str] = []
    history = [c for c, _ in loaded if c.period.year == compiled.period.year]
    if len(history) < len(loaded):
        notices.append("Tệp tổng hợp của năm khác không được dùng để so sánh giữa các kỳ.")
    try:
        chosen = registry.template(template)
    except RegistryError as exc:
        raise DocumentError(str(exc)) from None
    catalog = registry.catalog
    names = {u["code"]: u.get("name") or u["code"] for _, d in loaded for u in d.get("units", [])}
    if tree is not None:
        names.update({u.code: u.name for u in tree})
    compiler = data.get("compiler") or {}
    code = str(compiler.get("code") or "")
    profile, tree_name, parent = unit_profile(tree, code)
    compiler_name = str(compiler.get("name") or tree_name or code or "Cơ quan tổng hợp")
    period = compiled.period
    try:
        head = resolve_letterhead(
            {},
            profile,
            unit_name=compiler_name,
            period=period,
            parent_name=parent,
            title=f"Tổng hợp số liệu công tác cải cách hành chính {period_phrase(period)}",
        )
    except ValueError as exc:
        raise DocumentError(f"{tree_name or code}: {exc}") from None
    if head.missing:
        notices.append("Văn bản để trống: " + "; ".join(head.missing) + ".")
    columns = _key_columns(registry)
    rows, overall = unit_rows(compiled, columns, names)
    chart_index = next((n for n, c in enumerate(columns) if c.chart and c.available), None)
    parts = [
        FormPart(
            _FORM_TITLES.get(n, catalog.forms[n].title), n, compiled_sentences(n, compiled, catalog)
        )
        for n in sorted(catalog.forms)
    ]
    if chart_index is not None:
        column = columns[chart_index]
        items = [(r.name, float(v)) for r in rows if (v := r.values[chart_index]) is not None]
        procedures = next((p for p in parts if p.form == 3), None)
        if items and procedures is not None:
            total = overall[chart_index]
            procedures.chart = bar_chart_by_unit(
                items,
                title=column.header.removesuffix(" (%)") + " theo đơn vị",
                overall=None if total is None else float(total),
                overall_label=_AREA.get(_level(tree, code), "Chung"),
            )
            procedures.chart_caption = (
                f"Biểu đồ 1. {column.header.removesuffix(' (%)')} theo đơn vị"
            )
            if (ranked := rank_sentence(column, rows, chart_index)) is not None:
                procedures.extra.append(ranked)
    labels = [c.period.label for c in history]
    series = []
    for column in columns:
        if column.is_rate and column.available:
            values = [unit_rows(c, [column], names)[1][0] for c in history]
            if any(v is not None for v in values):
                series.append((column.header.removesuffix(" (%)"), values))
    trend = trend_sentences(labels, series)
    if len(history) < 2:
        trend.insert(
            0,
            "Chưa có tệp tổng hợp của các kỳ trước trong năm nên chưa so sánh được giữa các kỳ "
            "(dùng --compiled nhiều lần, mỗi lần một kỳ).",
        )
    trend_png = (
        trend_chart(labels, series, title="Diễn biến các tỷ lệ chủ yếu qua các kỳ")
        if len(history) >= 2 and series
        else None
    )
    area = _AREA.get(_level(tree, code), "Tổng hợp")
    intro = (
        "Trên cơ sở báo cáo của các cơ quan, đơn vị, địa phương, "
        f"{compiler_name} tổng hợp số liệu công tác cải cách hành chính {period_phrase(period)} như sau:"
    )
    if head.legal_basis:
        intro = (
            "Thực hiện "
            + "; ".join(b.rstrip(" ;,.") for b in head.legal_basis)
            + "; "
            + intro[0].lower()
            + intro[1:]
        )
    closing = (
        f"Trên đây là báo cáo tổng hợp số liệu công tác cải cách hành chính {period_phrase(period)} "
        f"của {compiler_name}"
        + (f"; kính gửi {head.addressee.rstrip('.')} xem xét, chỉ đạo" if head.addressee else "")
        + "./."
    )
    forms = compiled_forms(compiled, chosen, catalog)
    content = ConsolidatedContent(
        head=head,
        intro=intro,
        closing=closing,
        completeness=completeness_sentences(compiled, names),
        parts=parts,
        trend=trend,
        trend_chart=trend_png,
        findings=[f.message for f in compiled.findings],
        columns=columns,
        rows=rows,
        overall=overall,
        area_label=area,
        forms=forms,
        appendix_caption=appendix_caption(head, compiler_name),
    )
    return PreparedConsolidated(content, compiled, code, compiler_name, notices)


def write_consolidated_xlsx(
    prepared: PreparedConsolidated, registry: Registry, path: Path | str
) -> Path:
    from cchc.documents.consolidated_xlsx import build_consolidated_xlsx
    from cchc.documents.output import atomic_write
    from cchc.domain.catalog import Aggregation

    catalog = registry.catalog
    content, period = prepared.content, prepared.compiled.period
    columns = content.columns
    summable = [
        all(
            k in catalog and catalog.get(k).aggregate is Aggregation.SUM
            for k in (*c.part, *c.whole)
        )
        for c in columns
    ]
    workbook = build_consolidated_xlsx(
        title=f"Các chỉ tiêu chủ yếu theo từng đơn vị, {period_phrase(period)}",
        subtitle=f"Tổng hợp: {prepared.compiler_name}. Kỳ báo cáo: {period_phrase(period)}.",
        columns=columns,
        rows=content.rows,
        summable=summable,
        area_label=content.area_label,
        forms=content.forms,
        catalog=catalog,
        info=[
            ("Đơn vị tổng hợp", "compiler.code", prepared.compiler_code),
            ("Năm", "period.year", period.year),
            ("Kỳ báo cáo", "period.kind", period.kind.value),
        ],
    )
    return atomic_write(path, lambda tmp: workbook.save(str(tmp)))


def _level(tree: UnitTree | None, code: str) -> str:
    return tree.get(code).level if tree is not None and code in tree else ""
