"""Producing report documents: the use cases behind ``cchc report`` and the web download.

``unit_report`` turns one report file into the DOCX a unit signs (and,
when asked, the appendix XLSX and a PDF); ``consolidated_report`` turns a
compiled file into the compiler's report. Both validate first, so that a
rate the unit left blank is computed, and say what the document leaves
blank or what in the data still needs fixing. Every failure is a
``DocumentError`` whose message names the file and the problem in
Vietnamese; nothing half-written is left behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.domain.appendix import AppendixForm, report_forms
from cchc.domain.letterhead import Letterhead, resolve_letterhead
from cchc.domain.outline import NO_TEXT, Kind, Line, report_body
from cchc.domain.phrasing import period_phrase
from cchc.domain.report import ReportData
from cchc.domain.units import UnitTree
from cchc.registry import Registry, RegistryError
from cchc.reportfile import ReportFileError, load_report

__all__ = [
    "DocumentError",
    "DocumentOutcome",
    "PreparedReport",
    "consolidated_report",
    "prepare_unit_report",
    "report_info",
    "sum_blank_as_zero",
    "unit_profile",
    "unit_report",
    "write_unit_xlsx",
]


class DocumentError(ValueError):
    """Input a document cannot be made from; ``str()`` is the message for the user."""


@dataclass
class PreparedReport:
    """Everything a unit report's documents are written from."""

    report: ReportData  # validated: values the system could compute are filled in
    head: Letterhead
    unit_name: str
    body: list[Line]
    forms: list[AppendixForm]
    notices: list[str] = field(default_factory=list)  # worded for the user


@dataclass
class DocumentOutcome:
    docx: Path
    xlsx: Path | None = None
    pdf: Path | None = None
    notices: list[str] = field(default_factory=list)


def unit_profile(tree: UnitTree | None, code: str) -> tuple[Mapping[str, Any], str, str]:
    """(profile, unit name, parent's name) of a unit from the units file, if it is there."""
    if tree is None or code not in tree:
        return {}, "", ""
    unit = tree.get(code)
    parent = tree.get(unit.parent).name if unit.parent and unit.parent in tree else ""
    return unit.profile, unit.name, parent


def _data_notices(label: str, errors: Sequence[Any]) -> list[str]:
    if not errors:
        return []
    shown = "; ".join(f.message for f in errors[:3])
    more = f" (và {len(errors) - 3} lỗi khác)" if len(errors) > 3 else ""
    return [
        f"{label}: số liệu còn {len(errors)} lỗi, văn bản vẫn được lập nhưng cần sửa trước khi ký "
        f"(xem “cchc validate {label}”): {shown}{more}"
    ]


def prepare_unit_report(
    path: Path | str, registry: Registry, *, tree: UnitTree | None = None
) -> PreparedReport:
    """Read, validate and lay out one report file."""
    label = str(path)
    try:
        report = load_report(path, registry.catalog)
        template = registry.template(report.template or None)
    except ReportFileError as exc:
        raise DocumentError(str(exc)) from None
    except RegistryError as exc:
        raise DocumentError(f"{label}: {exc}") from None
    result = registry.rules.validate(report, template)
    validated = result.report
    profile, tree_name, parent = unit_profile(tree, report.unit.code)
    unit_name = report.unit.name or tree_name or report.unit.code
    try:
        head = resolve_letterhead(
            validated.document,
            profile,
            unit_name=unit_name,
            period=report.period,
            parent_name=parent,
        )
    except ValueError as exc:
        raise DocumentError(f"{label}: {exc}") from None
    body = report_body(validated, registry.catalog)
    notices = _data_notices(label, result.errors)
    if head.missing:
        notices.append("Văn bản để trống: " + "; ".join(head.missing) + ".")
    empty = [line.section for line in body if line.kind is Kind.EMPTY and line.text == NO_TEXT]
    if empty:
        notices.append(
            "Các phần chưa có nội dung do đơn vị nhập (mục " + ", ".join(empty) + "): "
            "văn bản ghi rõ “" + NO_TEXT + "”."
        )
    return PreparedReport(
        report=validated,
        head=head,
        unit_name=unit_name,
        body=body,
        forms=report_forms(validated, template, registry.catalog),
        notices=notices,
    )


def report_info(prepared: PreparedReport, cutoff_day: int) -> list[tuple[str, str, Any]]:
    """The "Thông tin" sheet of the appendix workbook: what the importer needs to read it back."""
    from cchc.documents.appendix_xlsx import FORMAT_ID
    from cchc.domain.periods import format_date

    report = prepared.report
    window = report.window(cutoff_day)
    return [
        ("Định dạng", "format", FORMAT_ID),
        ("Mã đơn vị", "unit.code", report.unit.code),
        ("Tên đơn vị", "unit.name", prepared.unit_name),
        ("Cấp", "unit.level", report.unit.level),
        ("Năm", "period.year", report.period.year),
        ("Kỳ báo cáo", "period.kind", report.period.kind.value),
        ("Từ ngày", "period.start", format_date(window.start)),
        ("Đến ngày", "period.end", format_date(window.end)),
        ("Kỳ dữ liệu", "period.window", "stated" if report.stated_window else "rule"),
        ("Mẫu biểu", "template", report.template or ""),
    ]


def sum_blank_as_zero(registry: Registry) -> bool:
    """Whether the rules in force count a blank part of a total as zero (the built-in rule does)."""
    specs = [s for s in registry.rule_specs if s.kind == "sum"]
    return any(s.missing == "zero" for s in specs) if specs else True


def write_unit_xlsx(prepared: PreparedReport, registry: Registry, path: Path | str) -> Path:
    from cchc.documents.appendix_xlsx import build_appendix_xlsx
    from cchc.documents.output import atomic_write

    report = prepared.report
    workbook = build_appendix_xlsx(
        prepared.forms,
        registry.catalog,
        subtitle=f"Đơn vị: {prepared.unit_name}. Kỳ báo cáo: {period_phrase(report.period)}.",
        info=report_info(prepared, registry.cutoff_day),
        sum_blank_as_zero=sum_blank_as_zero(registry),
    )
    return atomic_write(path, lambda tmp: workbook.save(str(tmp)))


def unit_report(
    path: Path | str,
    registry: Registry,
    *,
    out: Path | str,
    xlsx: Path | str | None = None,
    pdf: bool = False,
    tree: UnitTree | None = None,
) -> DocumentOutcome:
    """Write the unit's DOCX (and XLSX, PDF when asked); see ``prepare_unit_report``."""
    from cchc.documents.report_docx import build_report_docx, save_docx

    prepared = prepare_unit_report(path, registry, tree=tree)
    doc = build_report_docx(
        head=prepared.head,
        unit_name=prepared.unit_name,
        period=prepared.report.period,
        body=prepared.body,
        forms=prepared.forms,
    )
    # Output failures (OutputError, PdfUnavailableError) reach the caller with their message.
    outcome = DocumentOutcome(save_docx(doc, out), notices=list(prepared.notices))
    if xlsx is not None:
        outcome.xlsx = write_unit_xlsx(prepared, registry, xlsx)
    if pdf:
        from cchc.documents.pdf import convert_to_pdf

        outcome.pdf = convert_to_pdf(outcome.docx)
    return outcome


def consolidated_report(
    paths: Sequence[Path | str],
    registry: Registry,
    *,
    out: Path | str,
    xlsx: Path | str | None = None,
    pdf: bool = False,
    tree: UnitTree | None = None,
    template: str | None = None,
) -> DocumentOutcome:
    """The compiler's report from compiled files (``cchc report --compiled``).

    The latest period is reported; earlier files of the same year draw the trend.
    """
    from cchc.documents.consolidated import build_consolidated_docx
    from cchc.documents.report_docx import save_docx
    from cchc.services.consolidated import consolidated_content, write_consolidated_xlsx

    prepared = consolidated_content(paths, registry, tree=tree, template=template)
    outcome = DocumentOutcome(
        save_docx(build_consolidated_docx(prepared.content), out), notices=prepared.notices
    )
    if xlsx is not None:
        outcome.xlsx = write_consolidated_xlsx(prepared, registry, xlsx)
    if pdf:
        from cchc.documents.pdf import convert_to_pdf

        outcome.pdf = convert_to_pdf(outcome.docx)
    return outcome
