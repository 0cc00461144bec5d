"""The scorer's inputs file, dossier statistics in their accepted shapes, and derivation."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from cchc.domain.scoring import Scheme
from cchc.domain.scoring_inputs import Origin, derive_inputs
from cchc.registry import Registry
from cchc.schemes import load_scheme
from cchc.scoreinputs import InputsFileError, parse_inputs, read_stats
from cchc.services.scoring import ScoringError, score_file

FIXTURES = Path(__file__).parent / "fixtures" / "scoring"


@pytest.fixture(scope="module")
def qn(registry: Registry) -> Scheme:
    return load_scheme(registry, "quangngai-673-2023-huyen")


def inputs(criteria: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "unit": {"code": "tu-nghia", "name": "UBND huyện Tư Nghĩa"},
        "criteria": criteria,
        **extra,
    }


def problems(data: Any, qn: Scheme, path: Path = Path("so-lieu.json")) -> list[str]:
    with pytest.raises(InputsFileError) as caught:
        parse_inputs(data, path, qn)
    return caught.value.problems


def test_values_evidence_and_notes_are_read(qn: Scheme) -> None:
    parsed = parse_inputs(
        inputs(
            {
                "3.4.1": {"a": 507, "b": "505", "evidence": "Báo cáo số 12/BC-UBND"},
                "7.1.2": {"trien_khai": "chua_day_du", "ket_noi": "có"},
                "8.3": {"a": "264.346", "b": 157971.5, "note": "ước thực hiện"},
            },
            as_of="25/09/2023",
        ),
        Path("x.json"),
        qn,
    )
    assert parsed.entered["3.4.1"]["b"].value == 505
    assert parsed.entered["7.1.2"]["ket_noi"].value is True
    assert parsed.entered["8.3"]["a"].value == 264346  # "264.346" is Vietnamese grouping
    assert parsed.entered["8.3"]["b"].value == Fraction("157971.5")
    assert parsed.evidence["3.4.1"] == ("Báo cáo số 12/BC-UBND",)
    assert parsed.notes["8.3"] == "ước thực hiện"
    assert parsed.as_of is not None
    assert parsed.as_of.isoformat() == "2023-09-25"


def test_every_problem_is_listed_with_file_and_criterion(qn: Scheme) -> None:
    found = problems(
        inputs(
            {
                "9.9": {"a": 1},
                "3.4": {"a": 1},
                "3.4.1": {"a": -3, "c": 1},
                "3.4.2": {"a": 16.183},
                "7.1.2": {"trien_khai": "xong"},
                "5.4": {"cap_xa": "chắc có"},
            }
        ),
        qn,
    )
    assert found == [
        "so-lieu.json [tiêu chí 9.9]: bộ tiêu chí “quangngai-673-2023-huyen” không có tiêu chí này",
        "so-lieu.json [tiêu chí 3.4]: đây là nhóm tiêu chí; nhập số liệu cho: 3.4.1, 3.4.2",
        "so-lieu.json [tiêu chí 3.4.1]: biến “a”: không được âm, gặp -3",
        "so-lieu.json [tiêu chí 3.4.1]: không có biến “c” (các biến: a, b)",
        "so-lieu.json [tiêu chí 3.4.2]: biến “a”: phải là số nguyên, gặp 16.183; "
        "nếu là 16183 thì viết không có dấu chấm",
        "so-lieu.json [tiêu chí 7.1.2]: biến “trien_khai”: giá trị “xong” không hợp lệ; dùng một "
        "trong: “day_du” (Đã triển khai, đáp ứng đầy đủ các tiêu chí, chỉ tiêu kỹ thuật), "
        "“chua_day_du” (Đã triển khai nhưng chưa đáp ứng đầy đủ các tiêu chí, chỉ tiêu kỹ thuật), "
        "“chua_trien_khai” (Chưa triển khai)",
        "so-lieu.json [tiêu chí 5.4]: biến “cap_xa”: cần true/false (có/không), gặp “chắc có”",
    ]


def test_self_scores_are_computed_not_typed(qn: Scheme) -> None:
    assert problems(inputs({"8.1": {"points": 1}}), qn) == [
        "so-lieu.json [tiêu chí 8.1]: “points”/“comment” chỉ dùng trong phần thẩm định "
        "(“appraisal”); điểm tự đánh giá được tính từ số liệu"
    ]


def test_appraisal_points_above_max_are_rejected(qn: Scheme) -> None:
    data = inputs({}, appraisal={"by": "Sở Nội vụ", "criteria": {"8.1": {"points": 1.5}}})
    assert problems(data, qn) == [
        "so-lieu.json [tiêu chí 8.1]: điểm thẩm định 1,50 phải từ 0 đến điểm tối đa 1,00"
    ]


def test_unknown_top_level_field(qn: Scheme) -> None:
    found = problems({**inputs({}), "criterias": {}}, qn)
    assert found[0].startswith("so-lieu.json: có trường không được phép “criterias”")


def test_b_above_a_is_an_error_naming_both_values(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(inputs({"3.4.1": {"a": 507, "b": 510}}, scheme="quangngai-673-2023-huyen")),
        encoding="utf-8",
    )
    with pytest.raises(ScoringError) as caught:
        score_file(registry, path)
    assert caught.value.problems == [
        f"{path} [tiêu chí 3.4.1]: b = 510 (nhập tay) lớn hơn a = 507 (a = 507 (nhập tay))"
    ]


def test_invalid_json_names_line_and_column(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text('{"criteria": {"3.4.1": {"a": 5,}}}', encoding="utf-8")
    with pytest.raises(ScoringError, match=r"in\.json \(dòng 1, cột \d+\): JSON không hợp lệ"):
        score_file(registry, path, scheme_ref="quangngai-673-2023-huyen")


# ---------------------------------------------------------------- dossier statistics

ROWS = {
    "window": {"start": "2022-12-15", "end": "2023-09-25"},
    "by": ["level"],
    "total": {"resolved": 14964, "resolved_on_time": 14946},
    "groups": [
        {
            "level": "huyen",
            "resolved": 6275,
            "resolved_on_time": 6260,
            "online_received": {"toan_trinh": 174, "mot_phan": 75},
        },
        {"level": "xa", "resolved": 8689, "resolved_on_time": 8686},
    ],
}
BY_COLUMN = {
    "resolved": 14964,
    "resolved_on_time": 14946,
    "groups": {
        "level": {
            "huyện": {
                "resolved": 6275,
                "resolved_on_time": 6260,
                "online_received": {"toan_trinh": 174, "mot_phan": 75},
            },
            "xã": {"resolved": 8689, "resolved_on_time": 8686},
        }
    },
}
KEYED = {
    "by": "level",
    "totals": {"resolved": 14964, "resolved_on_time": 14946},
    "groups": {
        "HUYEN": {
            "resolved": 6275,
            "resolved_on_time": 6260,
            "online_received": {"toan_trinh": 174, "mot_phan": 75},
        },
        "XA": {"resolved": 8689, "resolved_on_time": 8686},
    },
}


@pytest.mark.parametrize("shape", [ROWS, BY_COLUMN, KEYED], ids=["rows", "by-column", "keyed"])
def test_statistics_shapes_read_alike(tmp_path: Path, shape: dict[str, Any]) -> None:
    path = tmp_path / "stats.json"
    path.write_text(json.dumps(shape, ensure_ascii=False), encoding="utf-8")
    stats = read_stats(path)
    assert stats.totals["resolved"] == 14964
    district = stats.select([("level", "huyen")])
    assert district is not None
    assert district["resolved_on_time"] == 6260
    assert district["online_received.toan_trinh"] == 174
    assert district["online_received"] == 249  # the parts added up
    commune = stats.select([("Level", "Xã")])  # case and diacritics do not matter
    assert commune is not None
    assert commune["resolved"] == 8689


def test_statistics_window_is_shown_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_text(json.dumps(ROWS), encoding="utf-8")
    assert read_stats(path).window == "từ ngày 15/12/2022 đến ngày 25/09/2023"


def test_statistics_without_numbers_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_text('{"note": "trống"}', encoding="utf-8")
    with pytest.raises(InputsFileError, match="không thấy số liệu"):
        read_stats(path)


def test_entered_beats_statistics_beats_report_beats_default(qn: Scheme, tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_text(json.dumps(ROWS), encoding="utf-8")
    stats = read_stats(path)
    report = {
        "procedures.results.district.resolved": 4048,
        "procedures.results.district.on_time": 3693,
        "procedures.results.commune.resolved": 573,
        "procedures.results.commune.on_time": 549,
        "civil_service.disciplined.department_district_leaders": 0,
        "civil_service.disciplined.office_leaders": 2,
    }
    parsed = parse_inputs(inputs({"3.4.2": {"b": 8600}}), Path("x.json"), qn)
    values = derive_inputs(qn, parsed.entered, report=report, stats=stats)
    assert values["3.4.1"]["a"].value == 6275  # statistics first
    assert values["3.4.1"]["a"].origin is Origin.STATS
    assert values["3.4.1"]["a"].ref == "resolved (level = huyen)"
    assert values["3.4.2"]["b"].value == 8600  # the scorer's own value wins
    assert values["3.4.2"]["a"].value == 8689
    assert values["5.4"]["lanh_dao_huyen"].value is True  # 0 disciplined: yes
    assert values["5.4"]["lanh_dao_phong"].value is False  # 2 disciplined: no
    assert "cap_xa" not in values["5.4"]  # no source: stays missing
    assert values["7.3.3.1"]["ty_le_toi_thieu"].value == 60
    assert values["7.3.3.1"]["ty_le_toi_thieu"].origin is Origin.DEFAULT
    without_stats = derive_inputs(qn, {}, report=report)
    assert without_stats["3.4.1"]["a"].value == 4048
    assert without_stats["3.4.1"]["a"].origin is Origin.REPORT


def test_fixture_of_the_forecast_is_valid(qn: Scheme) -> None:
    path = FIXTURES / "tu-nghia-2023-du-bao.json"
    parsed = parse_inputs(json.loads(path.read_text(encoding="utf-8")), path, qn)
    assert parsed.unit_name == "UBND huyện Tư Nghĩa"
    assert "8.2.2" in parsed.entered
    assert parsed.entered["8.2.2"] == {}  # nulls: not known yet


def test_text_from_an_inputs_file_is_composed_nfc(qn: Scheme) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "UBND huyện Tư Nghĩa")
    data = {
        "unit": {"code": "tu-nghia", "name": decomposed},
        "criteria": {"8.1": {"evidence": [decomposed]}},
    }
    parsed = parse_inputs(data, Path("x.json"), qn)
    assert parsed.unit_name == "UBND huyện Tư Nghĩa"
    assert unicodedata.is_normalized("NFC", parsed.unit_name)
    assert parsed.evidence["8.1"] == ("UBND huyện Tư Nghĩa",)


def test_the_documented_inputs_example_is_valid(qn: Scheme) -> None:
    import re

    doc = (Path(__file__).parent.parent / "docs" / "scoring.md").read_text(encoding="utf-8")
    section = doc.split("## The inputs file", 1)[1]
    example = re.search(r"```json\n(.*?)```", section, re.S)
    assert example is not None
    parsed = parse_inputs(json.loads(example.group(1)), Path("vi-du.json"), qn)
    assert parsed.appraisal is not None
    assert parsed.appraisal.entries["5.4"].points == 1
    assert parsed.entered["7.1.2"]["trien_khai"].value == "chua_trien_khai"
