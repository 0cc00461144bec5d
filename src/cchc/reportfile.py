"""Reading and writing canonical report JSON (``cchc.report/1``).

Every problem is reported with the file and the JSON path of the offending
item, in Vietnamese; nothing half-read is returned. Writes go to a temporary
file that replaces the target only when complete.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from cchc.atomic import replace_atomically, temporary_beside
from cchc.domain.catalog import Catalog
from cchc.domain.numbers import NumberStatus, format_number, parse_number
from cchc.domain.periods import DateWindow, Period, PeriodKind, parse_date
from cchc.domain.precision import raw_agrees
from cchc.domain.report import (
    RAW_MISMATCH,
    NarrativeSection,
    NarrativeValue,
    ReportData,
    Source,
    UnitRef,
    Value,
    ValueStatus,
)

if TYPE_CHECKING:
    import jsonschema

__all__ = [
    "FORMAT",
    "ReportFileError",
    "load_report",
    "report_from_dict",
    "report_schema",
    "report_to_dict",
    "write_json",
    "write_report",
]

FORMAT = "cchc.report/1"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "report.schema.json"


class ReportFileError(ValueError):
    """A report file that cannot be read; ``str()`` names the file and the place."""

    def __init__(self, file: str, message: str, where: str = "") -> None:
        self.file = file
        self.where = where
        self.problem = message
        place = f" [{where}]" if where else ""
        super().__init__(f"{file}{place}: {message}")


@cache
def report_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@cache
def _fast_check() -> Callable[[Any], Any]:
    # jsonschema walks the schema in pure Python (~50 ms a report); the compiled
    # check is ~25 times faster. jsonschema still words the error when one is found.
    return fastjsonschema.compile(report_schema())


def _pointer(path: Iterator[Any] | Any) -> str:
    parts = [str(p) for p in path]
    return " › ".join(parts) if parts else "(gốc)"


def _explain(error: jsonschema.ValidationError) -> str:
    validator = error.validator
    value: Any = error.instance
    schema: Any = error.schema
    expected_value: Any = error.validator_value
    if validator == "required":
        missing = [m for m in expected_value if isinstance(value, dict) and m not in value]
        return f"thiếu trường bắt buộc “{', '.join(missing)}”"
    if validator == "type":
        names = {
            "number": "số",
            "integer": "số nguyên",
            "string": "chuỗi",
            "object": "đối tượng",
            "array": "danh sách",
            "null": "null",
        }
        wanted = " hoặc ".join(names.get(t, t) for t in _as_list(expected_value))
        return f"phải là {wanted}, gặp {json.dumps(value, ensure_ascii=False)}"
    if validator in ("enum", "const"):
        allowed = _as_list(expected_value)
        return f"giá trị {json.dumps(value, ensure_ascii=False)} không hợp lệ (được dùng: {', '.join(map(str, allowed))})"
    if validator == "additionalProperties":
        return "có trường không được phép: " + ", ".join(
            f"“{k}”" for k in sorted(set(value) - set(schema.get("properties", {})))
        )
    if validator == "pattern" or validator == "propertyNames":
        return f"khóa chỉ tiêu “{value}” không đúng dạng (chữ thường, số, dấu gạch dưới, phân cách bằng dấu chấm)"
    if validator in ("minimum", "maximum"):
        return f"giá trị {value} nằm ngoài giới hạn cho phép"
    if validator == "minLength":
        return "không được để trống"
    return error.message


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def load_report(path: Path | str, catalog: Catalog | None = None) -> ReportData:
    """Read a report file; raises ``ReportFileError`` naming the file and place."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportFileError(name, "không tìm thấy tệp") from None
    except UnicodeDecodeError:
        raise ReportFileError(name, "tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        raise ReportFileError(name, f"không đọc được tệp ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            name, f"JSON không hợp lệ: {exc.msg}", f"dòng {exc.lineno}, cột {exc.colno}"
        ) from None
    return report_from_dict(data, catalog, file=name)


def report_from_dict(
    data: Any, catalog: Catalog | None = None, *, file: str = "(dữ liệu)"
) -> ReportData:
    try:
        _fast_check()(data)
        errors = []
    except fastjsonschema.JsonSchemaException:
        # Only a failing file pays for importing jsonschema (~0,1 s), which words the error.
        import jsonschema

        validator = jsonschema.Draft7Validator(
            report_schema(), format_checker=jsonschema.FormatChecker()
        )
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        if not errors:
            raise ReportFileError(file, "tệp không đúng định dạng cchc.report/1") from None
    if errors:
        first = errors[0]
        more = f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else ""
        raise ReportFileError(file, _explain(first) + more, _pointer(first.absolute_path))
    try:
        return _build(data, catalog, file)
    except ReportFileError:
        raise
    except ValueError as exc:
        raise ReportFileError(file, str(exc)) from None


def _nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


def _build(data: Mapping[str, Any], catalog: Catalog | None, file: str) -> ReportData:
    unit = data["unit"]
    period_data = data["period"]
    period = Period(int(period_data["year"]), PeriodKind(period_data["kind"]))
    window = None
    if period_data.get("window", "stated") == "stated" and (
        "start" in period_data or "end" in period_data
    ):
        if "start" not in period_data or "end" not in period_data:
            raise ReportFileError(file, "kỳ dữ liệu cần cả ngày bắt đầu và ngày kết thúc", "period")
        try:
            window = DateWindow(parse_date(period_data["start"]), parse_date(period_data["end"]))
        except ValueError as exc:
            raise ReportFileError(file, str(exc), "period") from None
    values: dict[str, Value] = {}
    for key, raw in data["values"].items():
        if catalog is not None and key not in catalog:
            raise ReportFileError(
                file, f"chỉ tiêu “{key}” không có trong danh mục", f"values › {key}"
            )
        if catalog is not None and not catalog.get(key).has_value and raw.get("value") is not None:
            raise ReportFileError(
                file, f"“{key}” là dòng tiêu đề nhóm, không có số liệu", f"values › {key}"
            )
        source = (
            Source(**{k: _nfc(v) for k, v in raw["source"].items()}) if raw.get("source") else None
        )
        number = raw.get("value")
        flags = tuple(raw.get("flags") or ())
        if number is not None and source is not None and source.raw:
            mismatch = raw_mismatch(
                source.raw, number, catalog.get(key).expect if catalog else None
            )
            if mismatch and mismatch not in flags:
                flags += (mismatch,)
        values[key] = Value(
            value=number,
            note=_nfc(raw.get("note")),
            source=source,
            status=ValueStatus(raw.get("status", "reported")),
            flags=flags,
            derivation=raw.get("derivation"),
        )
    narrative = data.get("narrative") or {}
    return ReportData(
        unit=UnitRef(str(unit["code"]), _nfc(unit.get("name")) or "", unit.get("level", "")),
        period=period,
        template=str(data.get("template") or ""),
        values=values,
        stated_window=window,
        sections=[
            NarrativeSection(s["id"], _nfc(s["title"]) or "", _nfc(s["text"]) or "")
            for s in narrative.get("sections") or []
        ],
        narrative_values=[
            NarrativeValue(
                name=v["name"],
                value=v["value"],
                text=_nfc(v["text"]) or "",
                block=_nfc(v.get("block")),
                section=v.get("section"),
                indicator=v.get("indicator"),
                flags=tuple(v.get("flags") or ()),
            )
            for v in narrative.get("values") or []
        ],
        document=dict(data.get("document") or {}),
        meta=dict(data.get("meta") or {}),
    )


def raw_mismatch(raw: str, number: int | float, expect: str | None) -> str | None:
    """The flag for a stored number its cell text plainly contradicts, else None."""
    if raw_agrees(raw, number):
        return None
    parsed = parse_number(raw, expect)  # type: ignore[arg-type]
    if (
        parsed.status is not NumberStatus.NUMBER
        or parsed.value is None
        or abs(parsed.value - number) <= 1e-9
        or any(abs(alt - number) <= 1e-9 for alt in parsed.alternatives)
    ):
        return None
    return f"{RAW_MISMATCH} “{raw}”, ô này đọc được {format_number(parsed.value)}"


def report_to_dict(
    report: ReportData, catalog: Catalog | None = None, cutoff_day: int = 15
) -> dict[str, Any]:
    """The canonical JSON form; values in catalog order when a catalog is given."""
    window = report.window(cutoff_day)
    keys = list(report.values)
    if catalog is not None:
        position = {k: i for i, k in enumerate(catalog.keys)}
        keys.sort(key=lambda k: position.get(k, len(position)))
    values: dict[str, Any] = {}
    for key in keys:
        value = report.values[key]
        item: dict[str, Any] = {"value": value.value}
        if value.note:
            item["note"] = value.note
        if value.status is not ValueStatus.REPORTED:
            item["status"] = value.status.value
        if value.derivation:
            item["derivation"] = value.derivation
        if value.flags:
            item["flags"] = list(value.flags)
        if value.source:
            item["source"] = {
                k: getattr(value.source, k)
                for k in ("form", "code", "label", "raw", "origin", "location")
                if getattr(value.source, k) is not None
            }
        values[key] = item
    data: dict[str, Any] = {
        "format": FORMAT,
        "unit": {"code": report.unit.code, "name": report.unit.name, "level": report.unit.level},
        "period": {
            "year": report.period.year,
            "kind": report.period.kind.value,
            "start": window.start.isoformat(),
            "end": window.end.isoformat(),
            "window": "stated" if report.stated_window else "rule",
        },
    }
    if report.template:
        data["template"] = report.template
    if report.document:
        data["document"] = {
            k: (v.isoformat() if isinstance(v, date) else v) for k, v in report.document.items()
        }
    data["values"] = values
    if report.sections or report.narrative_values:
        data["narrative"] = {
            "sections": [{"id": s.id, "title": s.title, "text": s.text} for s in report.sections],
            "values": [_narrative_value(v) for v in report.narrative_values],
        }
    if report.meta:
        data["meta"] = report.meta
    return data


def _narrative_value(v: NarrativeValue) -> dict[str, Any]:
    item: dict[str, Any] = {"name": v.name, "value": v.value, "text": v.text}
    for name in ("block", "section", "indicator"):
        if getattr(v, name) is not None:
            item[name] = getattr(v, name)
    if v.flags:
        item["flags"] = list(v.flags)
    return item


def write_json(path: Path | str, data: Any) -> None:
    """Write JSON atomically: a reader never sees a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(path)
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        replace_atomically(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_report(path: Path | str, report: ReportData, catalog: Catalog | None = None) -> None:
    write_json(path, report_to_dict(report, catalog))
