"""Reading score inputs: the scorer's inputs file and dossier statistics (JSON).

The inputs file (format ``cchc.score-inputs/1``, docs/scoring.md) carries,
per criterion code, the variables named as in the criterion's text, the
evidence, and optionally the appraiser's corrections. Every problem found is
reported, each naming the file, the criterion code and what is wrong.

Dossier statistics are read tolerantly, because they come from another tool
(``cchc dossiers stats --format json``): totals at the top level or under
``total``/``totals``, and groups either as a list of rows that carry their
grouping columns (``{"level": "huyen", "resolved": 507}``), as
``{"level": {"huyen": {...}}}``, or as ``{"huyen": {...}}`` with ``"by":
"level"``. Nested numbers (``online_received: {"toan_trinh": 5}``) are
reachable as ``online_received.toan_trinh``, and their sum as the parent name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cchc.domain.periods import format_date, parse_date
from cchc.domain.scoring import RESERVED_NAMES, Criterion, Scheme
from cchc.domain.scoring_inputs import InputValue, Origin, StatsGroup, StatsTable
from cchc.domain.scoring_sheet import Appraisal, AppraisalEntry
from cchc.domain.scoring_values import coerce_input, exact, nfc, show_points

__all__ = [
    "INPUTS_FORMAT",
    "InputsFile",
    "InputsFileError",
    "parse_inputs",
    "read_json",
    "read_stats",
]

INPUTS_FORMAT = "cchc.score-inputs/1"
_TOP_KEYS = ("format", "scheme", "unit", "year", "as_of", "sources", "criteria", "appraisal")

Number = int | float


class InputsFileError(ValueError):
    """An inputs or statistics file that cannot be used; lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class InputsFile:
    path: Path
    scheme_ref: str | None
    unit_code: str
    unit_name: str = ""
    year: int | None = None
    as_of: date | None = None
    entered: dict[str, dict[str, InputValue]] = field(default_factory=dict)
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    appraisal: Appraisal | None = None
    report_path: Path | None = None
    stats_path: Path | None = None


def read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputsFileError([f"{path}: không tìm thấy tệp {what}"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputsFileError([f"{path}: không đọc được tệp {what} ({exc})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputsFileError(
            [f"{path} (dòng {exc.lineno}, cột {exc.colno}): JSON không hợp lệ: {exc.msg}"]
        ) from None


def scheme_ref_of(data: Any) -> str | None:
    """The scheme an inputs file names, if any (read before the scheme is loaded)."""
    if isinstance(data, dict) and isinstance(data.get("scheme"), str):
        return str(data["scheme"])
    return None


class _Problems:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, message: str, code: str | None = None) -> None:
        where = f" [tiêu chí {code}]" if code else ""
        self.items.append(f"{self.path}{where}: {message}")


def parse_inputs(data: Any, path: Path, scheme: Scheme) -> InputsFile:
    """Check an inputs file against ``scheme``; raises ``InputsFileError`` listing every problem."""
    problems = _Problems(path)
    if not isinstance(data, dict):
        raise InputsFileError([f"{path}: nội dung phải là một đối tượng JSON"])
    for key in data:
        if key not in _TOP_KEYS:
            problems.add(f"có trường không được phép “{key}” (các trường: {', '.join(_TOP_KEYS)})")
    if data.get("format", INPUTS_FORMAT) != INPUTS_FORMAT:
        problems.add(f"định dạng “{data.get('format')}” không hỗ trợ (cần {INPUTS_FORMAT})")
    unit = data.get("unit") or {}
    if isinstance(unit, str):
        unit = {"code": unit}
    if not isinstance(unit, dict) or not unit.get("code"):
        problems.add("thiếu mã đơn vị (“unit”: {“code”: …, “name”: …})")
        unit = {}
    result = InputsFile(path, scheme_ref_of(data), nfc(unit.get("code")), nfc(unit.get("name")))
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problems.add(f"năm đánh giá “{year}” phải là số nguyên")
    else:
        result.year = year
    result.as_of = _date(data.get("as_of"), "as_of", problems)
    sources = data.get("sources") or {}
    if not isinstance(sources, dict) or set(sources) - {"report", "stats"}:
        problems.add("“sources” chỉ có “report” và “stats” (đường dẫn tệp)")
    else:
        for key in ("report", "stats"):
            if sources.get(key):
                setattr(result, f"{key}_path", (path.parent / str(sources[key])).resolve())
    criteria = data.get("criteria") or {}
    if not isinstance(criteria, dict):
        problems.add("“criteria” phải là bảng mã tiêu chí → số liệu")
        criteria = {}
    for code, raw in criteria.items():
        _criterion(scheme, str(code), raw, result, problems)
    if data.get("appraisal") is not None:
        result.appraisal = _appraisal(scheme, data["appraisal"], problems)
    if problems.items:
        raise InputsFileError(problems.items)
    return result


def _date(raw: object, what: str, problems: _Problems) -> date | None:
    if raw in (None, ""):
        return None
    try:
        return parse_date(str(raw))
    except ValueError as exc:
        problems.add(f"“{what}”: {exc}")
        return None


def _leaf(scheme: Scheme, code: str, problems: _Problems) -> Criterion | None:
    criterion = scheme.get(code)
    if criterion is None:
        problems.add(f"bộ tiêu chí “{scheme.id}” không có tiêu chí này", code)
        return None
    if not criterion.is_leaf:
        parts = ", ".join(c.code for c in criterion.walk() if c.is_leaf)
        problems.add(f"đây là nhóm tiêu chí; nhập số liệu cho: {parts}", code)
        return None
    return criterion


def _values(
    criterion: Criterion, raw: Mapping[str, Any], origin: Origin, problems: _Problems
) -> dict[str, InputValue]:
    values: dict[str, InputValue] = {}
    for name, value in raw.items():
        if name in RESERVED_NAMES:
            continue
        variable = criterion.variables.get(name)
        if variable is None:
            known = ", ".join(criterion.variables) or "không có"
            problems.add(f"không có biến “{name}” (các biến: {known})", criterion.code)
            continue
        if value is None:
            continue  # null: not known yet, listed as missing
        try:
            values[name] = InputValue(coerce_input(variable, value), origin)
        except ValueError as exc:
            problems.add(f"biến “{name}”: {exc}", criterion.code)
    return values


def _criterion(
    scheme: Scheme, code: str, raw: object, result: InputsFile, problems: _Problems
) -> None:
    criterion = _leaf(scheme, code, problems)
    if criterion is None:
        return
    if not isinstance(raw, dict):
        problems.add("số liệu phải là đối tượng {“a”: …, “b”: …, “evidence”: […]}", code)
        return
    if "points" in raw or "comment" in raw:
        problems.add(
            "“points”/“comment” chỉ dùng trong phần thẩm định (“appraisal”); "
            "điểm tự đánh giá được tính từ số liệu",
            code,
        )
    result.entered[code] = _values(criterion, raw, Origin.MANUAL, problems)
    evidence = raw.get("evidence")
    if isinstance(evidence, str):
        evidence = [evidence]
    if evidence is not None and (
        not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence)
    ):
        problems.add("“evidence” phải là danh sách tài liệu kiểm chứng (chuỗi)", code)
    elif evidence:
        result.evidence[code] = tuple(nfc(e) for e in evidence)
    if raw.get("note"):
        result.notes[code] = nfc(raw["note"])


def _appraisal(scheme: Scheme, raw: object, problems: _Problems) -> Appraisal | None:
    if not isinstance(raw, dict):
        problems.add("“appraisal” phải là đối tượng {“by”, “date”, “criteria”}")
        return None
    unknown = set(raw) - {"by", "date", "criteria"}
    if unknown:
        problems.add(f"“appraisal” có trường không được phép “{sorted(unknown)[0]}”")
    entries: dict[str, AppraisalEntry] = {}
    criteria = raw.get("criteria") or {}
    if not isinstance(criteria, dict):
        problems.add("“appraisal.criteria” phải là bảng mã tiêu chí → kết quả thẩm định")
        criteria = {}
    for code, item in criteria.items():
        code = str(code)
        criterion = _leaf(scheme, code, problems)
        if criterion is None:
            continue
        if not isinstance(item, dict):
            problems.add("kết quả thẩm định phải là đối tượng {“points”, “comment”, …}", code)
            continue
        points = None
        if item.get("points") is not None:
            try:
                points = exact(item["points"])
            except ValueError as exc:
                problems.add(f"điểm thẩm định: {exc}", code)
            if points is not None and not 0 <= points <= criterion.max_points:
                problems.add(
                    f"điểm thẩm định {show_points(points)} phải từ 0 đến điểm tối đa "
                    f"{show_points(criterion.max_points)}",
                    code,
                )
                points = None
        values = _values(criterion, item, Origin.APPRAISAL, problems)
        if points is not None and values:
            problems.add("thẩm định cho điểm trực tiếp thì không sửa số liệu cùng lúc", code)
        entries[code] = AppraisalEntry(points, values, nfc(item.get("comment")))
    return Appraisal(
        nfc(raw.get("by")), _date(raw.get("date"), "appraisal.date", problems), entries
    )


# ---------------------------------------------------------------- dossier statistics


def read_stats(path: Path) -> StatsTable:
    data = read_json(path, "thống kê hồ sơ")
    if not isinstance(data, dict):
        raise InputsFileError([f"{path}: thống kê hồ sơ phải là một đối tượng JSON"])
    raw_totals = data.get("total", data.get("totals"))
    totals = _numbers(raw_totals if isinstance(raw_totals, dict) else data)
    groups = _groups(data.get("groups"), data.get("by"))
    if not totals and not groups:
        raise InputsFileError(
            [f"{path}: không thấy số liệu (cần các trường như “resolved”, “groups”)"]
        )
    return StatsTable(totals, groups, label=str(path), window=_window(data.get("window")))


def _numbers(raw: Mapping[str, Any], prefix: str = "") -> dict[str, Number]:
    numbers: dict[str, Number] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            numbers[name] = value
        elif isinstance(value, dict) and key not in ("groups", "window"):
            inner = _numbers(value, name + ".")
            numbers.update(inner)
            direct = [v for k, v in inner.items() if k.count(".") == name.count(".") + 1]
            if name not in numbers and direct:
                numbers[name] = value.get("total", sum(direct))
    return numbers


def _groups(raw: object, by: object) -> list[StatsGroup]:
    if isinstance(raw, list):
        return [g for item in raw if (g := _row(item)) is not None]
    if not isinstance(raw, dict):
        return []
    if isinstance(by, list) and len(by) == 1:
        by = by[0]
    if isinstance(by, str):
        return [
            StatsGroup({by: str(value)}, _numbers(stats))
            for value, stats in raw.items()
            if isinstance(stats, dict)
        ]
    groups = []
    for column, by_value in raw.items():
        if not isinstance(by_value, dict):
            continue
        for value, stats in by_value.items():
            if isinstance(stats, dict):
                groups.append(StatsGroup({str(column): str(value)}, _numbers(stats)))
    return groups


def _row(item: object) -> StatsGroup | None:
    if not isinstance(item, dict):
        return None
    labels = {str(k): v for k, v in item.items() if isinstance(v, str)}
    for nested in ("key", "group"):
        if isinstance(item.get(nested), dict):
            labels.update({str(k): str(v) for k, v in item[nested].items()})
    stats = item.get("values", item.get("stats"))
    numbers = _numbers(stats if isinstance(stats, dict) else item)
    return StatsGroup(labels, numbers)


def _window(raw: object) -> str:
    if not isinstance(raw, dict):
        return ""
    try:
        start, end = parse_date(str(raw["start"])), parse_date(str(raw["end"]))
    except (KeyError, ValueError):
        return ""
    return f"từ ngày {format_date(start)} đến ngày {format_date(end)}"
