"""Loading schemes: the seed 002 transcription, a province's own files, malformed files."""

from __future__ import annotations

import copy
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc.registry import Registry
from cchc.schemes import SchemeFileError, list_schemes, load_scheme

SEED_ID = "quangngai-673-2023-huyen"

# Max points as printed in seed 002 section 9 (Quyết định 673/QĐ-UBND, cấp huyện).
SEED_MAX = {
    "3.2.1": "0.50",
    "3.4.1": "2.00",
    "3.4.2": "2.00",
    "5.4": "1.50",
    "6.3.1": "1.00",
    "6.3.2": "1.00",
    "7.1.2": "1.00",
    "7.1.3": "1.00",
    "7.1.4": "1.00",
    "7.3.3": "1.00",
    "7.3.4": "1.00",
    "7.3.5": "1.00",
    "7.3.6": "1.50",
    "7.3.7": "1.50",
    "8.1": "1.00",
    "8.2": "2.00",
    "8.2.1": "0.5",
    "8.2.2": "0.5",
    "8.2.3": "1.0",
    "8.3": "1.5",
    "8.4": "2.0",
}


def test_seed_002_criteria_are_shipped_with_their_printed_max(registry: Registry) -> None:
    scheme = load_scheme(registry, SEED_ID)
    shipped = {c.code: c.max_points for c in scheme.walk()}
    for code, printed in SEED_MAX.items():
        assert shipped[code] == Fraction(printed), code
    # The declared total is the sum of what is shipped: 23,50.
    assert scheme.total_max == Fraction("23.5")
    assert scheme.decision.startswith("Quyết định số 673/QĐ-UBND ngày 17/7/2023")


def test_seed_002_parts_add_up_to_their_criterion(registry: Registry) -> None:
    scheme = load_scheme(registry, SEED_ID)
    parts = {c.code: [k.max_points for k in c.children] for c in scheme.walk() if c.children}
    assert parts["7.3.7"] == [Fraction("0.25"), Fraction("0.5"), Fraction("0.75")]
    assert parts["7.3.3"] == [Fraction("0.5"), Fraction("0.5")]
    assert parts["8.2"] == [Fraction("0.5"), Fraction("0.5"), Fraction(1)]


def test_builtin_scheme_is_listed(registry: Registry) -> None:
    assert SEED_ID in {s.id for s in list_schemes(registry)}


MINIMAL: dict[str, Any] = {
    "id": "tinh-x-2024",
    "title": "Chỉ số CCHC thử",
    "total_max": 3,
    "criteria": [
        {
            "code": "1",
            "name": "Lĩnh vực 1",
            "children": [
                {
                    "code": "1.1",
                    "name": "Tỷ lệ",
                    "max": 2,
                    "variables": {"a": "Tổng số", "b": {"label": "Số đạt", "at_most": "a"}},
                    "rule": {"kind": "proportional", "value": "b / a", "floor": 0.5},
                },
                {
                    "code": "1.2",
                    "name": "Hai phần",
                    "max": 1,
                    "variables": {
                        "x": {"type": "yes_no", "label": "Phần x"},
                        "y": {"type": "yes_no", "label": "Phần y"},
                    },
                    "rule": {
                        "kind": "parts",
                        "parts": [
                            {"variable": "x", "points": 0.5},
                            {"variable": "y", "points": 0.5},
                        ],
                    },
                },
            ],
        }
    ],
}


def write(folder: Path, data: dict[str, Any], name: str = "scheme.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_province_file_loads_by_path(registry: Registry, tmp_path: Path) -> None:
    scheme = load_scheme(registry, str(write(tmp_path, MINIMAL)))
    assert scheme.id == "tinh-x-2024"
    assert [c.code for c in scheme.leaves()] == ["1.1", "1.2"]


def test_a_province_folder_adds_and_replaces_schemes(tmp_path: Path) -> None:
    (tmp_path / "schemes").mkdir()
    write(tmp_path / "schemes", MINIMAL, "own.yaml")
    replacement = copy.deepcopy(MINIMAL)
    replacement["id"] = SEED_ID
    replacement["title"] = "Bộ tiêu chí đầy đủ của tỉnh"
    write(tmp_path / "schemes", replacement, "full.yaml")
    registry = Registry([tmp_path], use_env=False)
    assert load_scheme(registry, "tinh-x-2024").title == "Chỉ số CCHC thử"
    assert load_scheme(registry, SEED_ID).title == "Bộ tiêu chí đầy đủ của tỉnh"


def mutate(path: str, value: Any) -> dict[str, Any]:
    """MINIMAL with one field replaced (``None`` deletes it); path like "criteria.0.children.1.max"."""
    data = copy.deepcopy(MINIMAL)
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if value is None:
        del node[key]
    else:
        node[key] = value
    return data


LEAF = "criteria.0.children.0"
PARTS = "criteria.0.children.1"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            mutate("total_max", 4),
            "tổng điểm tối đa khai báo (total_max = 4,00) khác tổng điểm tối đa các lĩnh vực (3,00)",
        ),
        (
            mutate("criteria.0.max", 2.5),
            "tiêu chí 1: điểm tối đa 2,50 khác tổng điểm tối đa các tiêu chí con (3,00)",
        ),
        (
            mutate(f"{LEAF}.rule.kind", "ratio"),
            "tiêu chí 1.1: quy tắc: loại quy tắc “ratio” không có",
        ),
        (
            mutate(f"{LEAF}.rule.value", "c / a"),
            "tiêu chí 1.1: quy tắc: “value” dùng biến “c” chưa khai báo",
        ),
        (
            mutate(f"{LEAF}.rule.value", "__import__('os').system('ls')"),
            "tiêu chí 1.1: quy tắc: “value”: ký tự “'” không được phép",
        ),
        (
            mutate(f"{LEAF}.rule.value", "b ** a"),
            "tiêu chí 1.1: quy tắc: “value”: không mong đợi “*”",
        ),
        (
            mutate(f"{LEAF}.rule.points", 3),
            "tiêu chí 1.1: quy tắc: “points” = 3,00 phải từ 0 đến điểm tối đa 2,00",
        ),
        (mutate(f"{LEAF}.max", None), "tiêu chí 1.1: thiếu điểm tối đa (“max”)"),
        (mutate(f"{LEAF}.rule", None), "tiêu chí 1.1: thiếu quy tắc chấm điểm (“rule”)"),
        (mutate(f"{LEAF}.maxx", 2), "tiêu chí 1.1: không có trường “maxx”"),
        (mutate(f"{LEAF}.code", "2.1"), "tiêu chí 2.1: mã không thuộc nhóm 1"),
        (mutate(f"{LEAF}.code", 1.1), "mã tiêu chí 1.1 trong nhóm 1 phải viết trong dấu nháy"),
        (mutate(f"{PARTS}.code", "1.1"), "tiêu chí 1.1: mã bị trùng"),
        (
            mutate(f"{PARTS}.rule.parts.1.points", 1),
            "tiêu chí 1.2: quy tắc: tổng điểm các phần (1,50) khác điểm tối đa 1,00",
        ),
        (
            mutate(f"{PARTS}.variables.z", "Thừa"),
            "tiêu chí 1.2: biến “z” được khai báo nhưng quy tắc không dùng",
        ),
        (
            mutate(f"{LEAF}.variables.b.at_most", "c"),
            "tiêu chí 1.1: biến “b”: “at_most” dùng biến “c” chưa khai báo",
        ),
        (
            mutate(f"{LEAF}.variables.evidence", "x"),
            "tiêu chí 1.1: tên biến “evidence” không hợp lệ",
        ),
        (
            mutate(f"{LEAF}.variables.a", {"label": "x", "type": "so"}),
            "tiêu chí 1.1: biến “a”: kiểu “so” không có",
        ),
        (
            mutate(
                f"{LEAF}.rule",
                {
                    "kind": "bands",
                    "value": "b / a",
                    "bands": [{"from": 0.5, "score": 1}, {"from": 0.9, "score": 2}, {"score": 0}],
                },
            ),
            "tiêu chí 1.1: quy tắc: mức thứ 2: ngưỡng 90% phải thấp hơn mức trước (50%)",
        ),
        (
            mutate(
                f"{LEAF}.rule",
                {
                    "kind": "bands",
                    "value": "b / a",
                    "bands": [{"from": 1, "score": 2}, {"from": 0.5, "score": 1}],
                },
            ),
            "tiêu chí 1.1: quy tắc: mức cuối cùng phải không có “from”",
        ),
        (
            mutate(
                f"{LEAF}.rule",
                {
                    "kind": "bands",
                    "value": "b / a",
                    "bands": [{"from": 1, "score": 2.5}, {"score": 0}],
                },
            ),
            "tiêu chí 1.1: quy tắc: mức thứ 1: điểm 2,50 vượt điểm tối đa 2,00",
        ),
        (
            mutate(f"{LEAF}.rule", {"kind": "weighted", "terms": [{"value": "b / a"}]}),
            "tiêu chí 1.1: quy tắc: số hạng thứ 1 phải có đúng hai trường value và weight",
        ),
        (
            mutate(f"{LEAF}.variables.b.source", {"report": "x", "stats": "y"}),
            "mỗi “source” có đúng một trong hai trường",
        ),
        (mutate("criteria", []), "“criteria” phải là danh sách các lĩnh vực"),
    ],
)
def test_malformed_scheme_is_rejected_with_file_criterion_and_problem(
    registry: Registry, tmp_path: Path, data: dict[str, Any], expected: str
) -> None:
    path = write(tmp_path, data)
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(registry, str(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message


def test_yaml_syntax_error_names_the_line(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ncriteria: [\n  - code: 1\n", encoding="utf-8")
    with pytest.raises(SchemeFileError, match=r"broken\.yaml \(dòng \d+, cột \d+\): tệp YAML"):
        load_scheme(registry, str(path))


def test_unknown_scheme_lists_the_known_ones(registry: Registry) -> None:
    with pytest.raises(
        SchemeFileError, match=f"không có tệp “tinh-z” loại schemes \\(có: .*{SEED_ID}"
    ):
        load_scheme(registry, "tinh-z")


def test_missing_scheme_file(registry: Registry, tmp_path: Path) -> None:
    with pytest.raises(SchemeFileError, match="không tìm thấy tệp bộ tiêu chí"):
        load_scheme(registry, str(tmp_path / "khong-co.yaml"))


def test_text_from_a_scheme_file_is_composed_nfc(registry: Registry, tmp_path: Path) -> None:
    import unicodedata

    data = mutate("criteria.0.name", unicodedata.normalize("NFD", "Cải cách thủ tục hành chính"))
    scheme = load_scheme(registry, str(write(tmp_path, data)))
    assert scheme.criteria[0].name == unicodedata.normalize("NFC", "Cải cách thủ tục hành chính")
