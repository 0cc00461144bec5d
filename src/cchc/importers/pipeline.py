"""One report document in, canonical report data out: the whole import of a file.

Reading (TXT, DOCX, XLSX) gives a neutral document; the header gives unit
and period; the appendix gives the values; the narrative gives its sections
and the numbers it states. What cannot be read is reported as problems;
what cannot be done without (the period, the unit) stops the import of
that file with a clear message, and nothing is written for it.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.domain.periods import Period
from cchc.domain.report import NarrativeSection, ReportData, UnitRef, Value
from cchc.domain.units import UnitTree
from cchc.domain.wording import fold
from cchc.importers.appendix import read_appendix
from cchc.importers.document import Document, DocumentError
from cchc.importers.header import Header, read_header
from cchc.importers.links import link
from cchc.importers.narrative import extract
from cchc.importers.period_phrases import report_kind
from cchc.importers.problems import Problem, Severity
from cchc.importers.sections import outline
from cchc.registry import Registry

__all__ = [
    "SUFFIXES",
    "ImportOptions",
    "ImportResult",
    "import_document",
    "import_file",
    "read_document",
]

IMPORTER = "cchc.import/1"
SUFFIXES = (".txt", ".md", ".docx", ".xlsx", ".xlsm")


@dataclass
class ImportOptions:
    unit: str | None = None  # --unit: the unit code to use, whatever the document says
    period: Period | None = None  # --period: the period, when the document does not say it
    template: str | None = None  # --template: force a template version
    units: UnitTree | None = None  # a unit tree to find the unit's code by its name


@dataclass
class ImportResult:
    file: str
    report: ReportData
    problems: list[Problem] = field(default_factory=list)
    header: Header | None = None

    @property
    def values_found(self) -> int:
        return sum(1 for v in self.report.values.values() if v.value is not None)


def read_document(path: Path) -> Document:
    """The neutral document of a file, by its extension; ``DocumentError`` when unreadable."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise DocumentError(path.name, "không tìm thấy tệp")
    if path.is_dir():
        raise DocumentError(path.name, "là một thư mục, không phải tệp")
    if suffix in (".txt", ".md"):
        from cchc.importers.txt import read_txt

        return read_txt(path)
    if suffix == ".docx":
        from cchc.importers.docx import read_docx

        return read_docx(path)
    if suffix in (".xlsx", ".xlsm"):
        from cchc.importers.xlsx import read_xlsx

        return read_xlsx(path)
    if suffix in (".doc", ".xls", ".pdf", ".rtf", ".odt"):
        raise DocumentError(
            path.name,
            f"định dạng {suffix} chưa đọc được; hãy lưu lại thành .docx/.xlsx "
            "hoặc chuyển sang văn bản (.txt)",
        )
    raise DocumentError(
        path.name, f"không nhận ra loại tệp “{suffix or path.name}” (dùng .txt, .docx, .xlsx)"
    )


def import_file(
    path: Path, registry: Registry, options: ImportOptions | None = None
) -> ImportResult:
    document = read_document(path)
    result = import_document(document, registry, options or ImportOptions())
    with contextlib.suppress(OSError):  # the checksum is a courtesy, not a requirement
        result.report.meta["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def _unit(header: Header, options: ImportOptions, name: str) -> tuple[UnitRef, list[Problem]]:
    problems: list[Problem] = []
    unit_name = header.unit_name or ""
    code = header.unit_code
    level = header.unit_level
    if options.units is not None and unit_name:
        wanted = fold(unit_name)
        match = next((u for u in options.units if fold(u.name) == wanted or u.code == code), None)
        if match is not None:
            code, level, unit_name = match.code, match.level, match.name
        else:
            problems.append(
                Problem(
                    Severity.WARNING,
                    f"đơn vị “{unit_name}” không có trong danh sách đơn vị; dùng mã tự sinh “{code}”",
                )
            )
    if options.unit:
        if options.units is not None and options.unit in options.units:
            unit = options.units.get(options.unit)
            return UnitRef(unit.code, unit.name, unit.level), problems
        return UnitRef(options.unit, unit_name, level), problems
    if not code:
        raise DocumentError(
            name, "không xác định được đơn vị báo cáo; hãy chỉ định bằng --unit MÃ_ĐƠN_VỊ"
        )
    return UnitRef(code, unit_name, level), problems


def _period(header: Header, options: ImportOptions, name: str) -> Period:
    if options.period is not None:
        return options.period
    if header.kind is None or header.year is None:
        raise DocumentError(
            name,
            "không xác định được kỳ báo cáo (quý/6 tháng/9 tháng/năm và năm); "
            "hãy chỉ định bằng --period NĂM-Qn, ví dụ 2023-Q3",
        )
    try:
        return Period(header.year, header.kind)
    except ValueError as exc:
        raise DocumentError(name, str(exc)) from None


def _document_data(header: Header) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": header.number,
        "symbol": header.symbol,
        "place": header.place,
        "date": header.date,
        "title": header.title,
        "recipients": list(header.recipients),
    }
    if header.addressed_to:
        data["addressed_to"] = list(header.addressed_to)
    if header.signer:
        data["signer"] = dict(header.signer)
    return data


def import_document(document: Document, registry: Registry, options: ImportOptions) -> ImportResult:
    header = read_header(document)
    # A missing period or unit stops the import below (or is overridden by an option).
    problems = [p for p in header.problems if p.severity is not Severity.ERROR]
    period = _period(header, options, document.name)
    unit, unit_problems = _unit(header, options, document.name)
    problems += unit_problems
    default = str(registry.setting("reporting.default_template", "bm-2023"))
    if options.template is not None:
        registry.template(options.template)  # an unknown id is reported by the registry
    appendix = read_appendix(
        document,
        registry.catalog,
        registry.templates,
        year=period.year,
        default_template=default,
        forced=options.template,
    )
    problems += appendix.problems
    sections = outline(document) if document.kind != "xlsx" else []
    values: dict[str, Value] = appendix.values
    narrative = link(extract(sections, period.year), unit.level, values)
    window = header.window
    if window is not None and not (period.year - 1 <= window.end.year <= period.year + 1):
        problems.append(
            Problem(
                Severity.WARNING,
                f"khoảng thời gian số liệu nêu trong văn bản ({window.label}) không thuộc kỳ "
                f"{period.label}; không dùng",
            )
        )
        window = None
    for piece, label in (
        ("place", "địa danh"),
        ("date", "ngày ban hành"),
        ("symbol", "số, ký hiệu"),
    ):
        if getattr(header, piece) is None:
            problems.append(
                Problem(Severity.INFO, f"văn bản không ghi {label}", "phần đầu văn bản")
            )
    if not values and not narrative:
        problems.append(
            Problem(
                Severity.WARNING,
                "không tìm thấy số liệu nào (không có biểu mẫu phụ lục hay số liệu thuyết minh nhận ra được)",
            )
        )
    meta: dict[str, Any] = {"importer": IMPORTER, "source_file": document.name}
    if header.period_phrase:
        meta["period_phrase"] = header.period_phrase
        meta["report_kind"] = report_kind(header.period_phrase)
    report = ReportData(
        unit=unit,
        period=period,
        template=appendix.template or (options.template or default),
        values=values,
        stated_window=window,
        sections=[NarrativeSection(s.id, s.title, s.text) for s in sections],
        narrative_values=narrative,
        document=_document_data(header),
        meta=meta,
    )
    return ImportResult(document.name, report, problems, header)
