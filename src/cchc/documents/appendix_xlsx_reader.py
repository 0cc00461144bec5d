"""Reading an appendix workbook (``cchc.appendix/1``) back into a report's values.

The numbers a unit reported are read as they stand; a cell holding a formula
is a value the system computed, and is computed again by the same rules
(``rules``) from the numbers read, so that importing the workbook gives the
values it was written from. A compiler who retyped a number as text
("1.234") is read the Vietnamese way; anything that is not a number is an
error naming the sheet and the cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cchc.documents.appendix_xlsx import FIRST_ROW, FORMAT_ID, INFO_SHEET
from cchc.domain.catalog import Catalog, TemplateVersion
from cchc.domain.numbers import NumberStatus, parse_number
from cchc.domain.periods import DateWindow, Period, PeriodKind, parse_date
from cchc.domain.report import ReportData, Source, UnitRef, Value, ValueStatus
from cchc.domain.validation import RuleSet
from cchc.reportfile import ReportFileError

__all__ = ["read_appendix_xlsx"]

Number = int | float


def _info(wb: Any, file: str) -> dict[str, Any]:
    if INFO_SHEET not in wb.sheetnames:
        raise ReportFileError(
            file, f"không có trang “{INFO_SHEET}”: không phải tệp phụ lục do hệ thống lập"
        )
    info: dict[str, Any] = {}
    for row in wb[INFO_SHEET].iter_rows(min_row=2, values_only=True):
        if len(row) >= 3 and row[2]:
            info[str(row[2])] = row[1]
    if info.get("format") != FORMAT_ID:
        raise ReportFileError(file, f"trang “{INFO_SHEET}” không ghi định dạng {FORMAT_ID}")
    return info


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def _number(raw: Any, expect: str | None, file: str, where: str) -> Number | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ReportFileError(file, f"“{raw}” không phải là số", where)
    if isinstance(raw, int | float):
        return (
            int(raw) if isinstance(raw, float) and raw.is_integer() and expect == "integer" else raw
        )
    parsed = parse_number(str(raw), expect)  # type: ignore[arg-type]
    if parsed.status is NumberStatus.NOT_REPORTED:
        return None
    if parsed.status is not NumberStatus.NUMBER or parsed.value is None or parsed.ambiguous:
        raise ReportFileError(file, f"“{raw}” không đọc được thành một số chắc chắn", where)
    return parsed.value


def read_appendix_xlsx(
    path: Path | str,
    catalog: Catalog,
    templates: Mapping[str, TemplateVersion],
    rules: RuleSet | None = None,
) -> ReportData:
    """The report the workbook was written from: unit, period, template, values and notes."""
    file = str(path)
    try:
        wb = load_workbook(path, read_only=False, data_only=False)
    except FileNotFoundError:
        raise ReportFileError(file, "không tìm thấy tệp") from None
    except (InvalidFileException, BadZipFile, KeyError, OSError) as exc:
        raise ReportFileError(file, f"không mở được tệp Excel ({exc})") from None
    info = _info(wb, file)
    try:
        period = Period(int(info["period.year"]), PeriodKind(str(info["period.kind"])))
        window = (
            DateWindow(_day(info["period.start"]), _day(info["period.end"]))
            if info.get("period.window") == "stated"
            else None
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportFileError(
            file, f"thông tin kỳ báo cáo không hợp lệ ({exc})", INFO_SHEET
        ) from None
    template_id = str(info.get("template") or "")
    template = templates.get(template_id) if template_id else None
    values: dict[str, Value] = {}
    pending: dict[str, Any] = {}  # formula cells: computed again below
    cached: Any = None
    for number in sorted({r.form for r in template.rows} if template else catalog.forms):
        name = f"Biểu mẫu {number}"
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        for r, row in enumerate(
            ws.iter_rows(min_row=FIRST_ROW, max_col=7, values_only=True), start=FIRST_ROW
        ):
            code, _label, _unit, raw, _audit, note, key = (list(row) + [None] * 7)[:7]
            if not key and code is not None and template is not None:
                key = template.key_for(number, str(code))
            if not key or str(key) not in catalog:
                continue
            key = str(key)
            where = f"{name}!D{r}"
            source = Source(
                form=name, code=str(code) if code is not None else None, origin=file, location=where
            )
            text_note = str(note).strip() if note not in (None, "") else None
            if isinstance(raw, str) and raw.startswith("="):
                pending[key] = (where, text_note)
                continue
            value = _number(raw, catalog.get(key).expect, file, where)
            if value is None and text_note is None:
                continue
            values[key] = Value(value, note=text_note, source=source)
    report = ReportData(
        unit=UnitRef(
            str(info.get("unit.code") or ""),
            str(info.get("unit.name") or ""),
            str(info.get("unit.level") or ""),
        ),
        period=period,
        template=template_id,
        values=values,
        stated_window=window,
    )
    if not pending:
        return report
    derived: dict[str, Value] = {}
    if rules is not None:
        derived = rules.validate(report, template).computed
    for key, (where, text_note) in pending.items():
        if key in derived:
            derived_value = derived[key]
            derived[key] = Value(
                derived_value.value,
                note=text_note,
                status=ValueStatus.COMPUTED,
                derivation=derived_value.derivation,
                source=Source(form=where.split("!")[0], origin=file, location=where),
            )
            continue
        if cached is None:
            cached = load_workbook(path, read_only=True, data_only=True)
        sheet, cell = where.split("!")
        value = cached[sheet][cell].value
        if isinstance(value, int | float) and not isinstance(value, bool):
            derived[key] = Value(value, note=text_note, status=ValueStatus.COMPUTED)
    return report.with_values({k: v for k, v in derived.items() if k in pending})
