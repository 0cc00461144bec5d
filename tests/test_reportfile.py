"""The canonical report file: clear errors that name the file and place, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cchc.registry import Registry
from cchc.reportfile import ReportFileError, load_report, report_to_dict, write_json

MINIMAL: dict[str, Any] = {
    "format": "cchc.report/1",
    "unit": {"code": "gia-nghia", "name": "UBND thành phố Gia Nghĩa", "level": "district"},
    "period": {"year": 2023, "kind": "Q3"},
    "values": {"procedures.results.district.resolved": {"value": 4048}},
}


def _write(tmp_path: Path, data: Any, name: str = "bao-cao.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _broken(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(MINIMAL))
    for dotted, value in changes.items():
        node = data
        *head, last = dotted.split("__")
        for part in head:
            node = node[part]
        if value is ...:
            del node[last]
        else:
            node[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "where", "problem"),
    [
        (_broken(unit=...), "(gốc)", "thiếu trường bắt buộc “unit”"),
        (_broken(period__kind="Q5"), "period › kind", "Q5"),
        (_broken(period__year="2023"), "period › year", "phải là số nguyên"),
        (
            _broken(values={"procedures.results.district.resolved": {"value": "4.048"}}),
            "values › procedures.results.district.resolved › value",
            "phải là số hoặc null",
        ),
        (_broken(values={"Sai Khoa": {"value": 1}}), "values", "không đúng dạng"),
        (
            _broken(values={"no.such.indicator": {"value": 1}}),
            "values › no.such.indicator",
            "không có trong danh mục",
        ),
        (
            _broken(values={"procedures.results": {"value": 1}}),
            "values › procedures.results",
            "dòng tiêu đề nhóm",
        ),
        (_broken(period__start="2023-06-01"), "period", "cả ngày bắt đầu và ngày kết thúc"),
        (_broken(extra=1), "(gốc)", "không được phép: “extra”"),
    ],
)
def test_bad_report_files_are_refused_naming_file_and_place(
    registry: Registry, tmp_path: Path, data: Any, where: str, problem: str
) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(ReportFileError) as caught:
        load_report(path, registry.catalog)
    message = str(caught.value)
    assert str(path) in message
    assert where in message
    assert problem in message


def test_invalid_json_gives_line_and_column(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "hong.json"
    path.write_text('{"format": "cchc.report/1",\n  "unit": {,}}', encoding="utf-8")
    with pytest.raises(ReportFileError, match=r"dòng 2, cột 12"):
        load_report(path, registry.catalog)


def test_a_file_that_is_not_text_is_refused(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "nhi-phan.json"
    path.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(ReportFileError, match="UTF-8"):
        load_report(path, registry.catalog)


def test_a_missing_file_is_named(registry: Registry) -> None:
    with pytest.raises(ReportFileError, match="không tìm thấy tệp"):
        load_report("/khong/co/tep.json", registry.catalog)


def test_a_report_survives_a_round_trip(registry: Registry, seed000: Path, tmp_path: Path) -> None:
    first = load_report(seed000, registry.catalog)
    path = tmp_path / "lai.json"
    write_json(path, report_to_dict(first, registry.catalog))
    second = load_report(path, registry.catalog)
    assert report_to_dict(second, registry.catalog) == report_to_dict(first, registry.catalog)
    # "-" stays not reported, 0 stays 0, blanks stay absent.
    assert second.values["direction.inspection.departments"].value is None
    assert second.values["procedures.feedback.received"].value == 0
    assert second.stated_window == first.stated_window
    assert second.document["signer"]["name"] == "Bùi Thị Kim Thư"


def test_the_window_follows_the_rule_unless_the_report_states_one(
    registry: Registry, tmp_path: Path
) -> None:
    report = load_report(_write(tmp_path, MINIMAL), registry.catalog)
    data = report_to_dict(report)
    assert (data["period"]["start"], data["period"]["end"], data["period"]["window"]) == (
        "2023-06-15",
        "2023-09-14",
        "rule",
    )


def test_text_is_stored_in_composed_form(registry: Registry, tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "UBND thành phố Gia Nghĩa")
    path = _write(tmp_path, _broken(unit__name=decomposed))
    assert load_report(path, registry.catalog).unit.name == "UBND thành phố Gia Nghĩa"


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    path = tmp_path / "tong-hop.json"
    path.write_text('{"cu": true}', encoding="utf-8")
    with pytest.raises(TypeError):
        write_json(path, {"khong-ghi-duoc": object()})
    assert path.read_text(encoding="utf-8") == '{"cu": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["tong-hop.json"]


def test_the_documented_schema_is_the_one_the_code_uses() -> None:
    from cchc.reportfile import SCHEMA_PATH

    docs = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"
    assert json.loads(docs.read_text(encoding="utf-8")) == json.loads(
        SCHEMA_PATH.read_text(encoding="utf-8")
    )
