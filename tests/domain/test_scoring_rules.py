"""Every rule kind at and around its thresholds, on the seed 002 criteria where they exist.

Expected points are computed by hand from the criterion's text, e.g. 3.4.1
with 97 of 100 dossiers on time: 97/100 × 2,00 = 1,94.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from cchc.domain.scoring import Scheme, build_scheme
from cchc.domain.scoring_inputs import InputValue
from cchc.domain.scoring_sheet import Evaluation, evaluate_leaf
from cchc.domain.scoring_values import Scalar, exact
from cchc.registry import Registry
from cchc.schemes import load_scheme


@pytest.fixture(scope="module")
def qn(registry: Registry) -> Scheme:
    return load_scheme(registry, "quangngai-673-2023-huyen")


def score(scheme: Scheme, code: str, **values: Any) -> Evaluation:
    criterion = scheme.get(code)
    assert criterion is not None
    given: dict[str, InputValue] = {}
    for name, value in values.items():
        scalar: Scalar = value if isinstance(value, bool | str) else exact(value)
        given[name] = InputValue(scalar)
    return evaluate_leaf(criterion, given, scheme.decimals)


def points(scheme: Scheme, code: str, **values: Any) -> Fraction | None:
    return score(scheme, code, **values).score


def one_leaf(rule: dict[str, Any], variables: dict[str, Any], max_points: float = 1.0) -> Scheme:
    return build_scheme(
        {
            "id": "t",
            "title": "t",
            "total_max": max_points,
            "criteria": [
                {
                    "code": "1",
                    "name": "Lĩnh vực",
                    "children": [
                        {
                            "code": "1.1",
                            "name": "Tiêu chí",
                            "max": max_points,
                            "variables": variables,
                            "rule": rule,
                        }
                    ],
                }
            ],
        }
    )


F = Fraction


class TestVolumeTiers:
    """3.4.1: from 1.000 dossiers (b/a) × 2,00; below, ≥ 0,97 → (b/a) × 2,00, 0,95–0,97 → 1,90."""

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (100, 97, F("1.94")),  # exactly 0,97: proportional
            (100, 98, F("1.96")),
            (999, 969, F("1.90")),  # 969/999 = 0,96997…: just under 0,97
            (100, 96, F("1.90")),
            (100, 95, F("1.90")),  # exactly 0,95: still the 1,90 band
            (100, 94, F("0")),  # below 0,95
            (999, 948, F("0")),  # 0,94895…
            (999, 949, F("0")),  # 0,94995…: a hair below 0,95 is below
            (999, 950, F("1.90")),  # 0,95095…
            (999, 999, F("2")),
        ],
    )
    def test_under_1000_dossiers(self, qn: Scheme, a: int, b: int, expected: Fraction) -> None:
        assert points(qn, "3.4.1", a=a, b=b) == expected

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (1000, 1000, F("2")),
            (1000, 970, F("1.94")),
            (1000, 960, F("1.92")),  # no 1,90 band from 1.000 dossiers up
            (1000, 940, F("1.88")),  # and no floor: 0,94 × 2,00
            (1000, 500, F("1")),
            (6275, 6260, F("2")),  # seed 002: 6.260/6.275 × 2 = 1,9952… → 2,00
        ],
    )
    def test_from_1000_dossiers(self, qn: Scheme, a: int, b: int, expected: Fraction) -> None:
        assert points(qn, "3.4.1", a=a, b=b) == expected

    def test_the_boundary_itself_switches_the_rule(self, qn: Scheme) -> None:
        # 0,94 of the dossiers on time: 0 points under 1.000, 1,88 at 1.000.
        assert points(qn, "3.4.1", a=999, b=939) == 0
        assert points(qn, "3.4.1", a=1000, b=940) == F("1.88")

    def test_the_reason_names_the_band(self, qn: Scheme) -> None:
        result = score(qn, "3.4.1", a=100, b=96)
        assert result.shortfall is not None
        assert "a = 100 (dưới 1.000)" in result.shortfall
        assert "96%" in result.shortfall
        assert "mức cao hơn cần từ 97%" in result.shortfall


class TestProportionalWithFloor:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (100, 95, F("1.90")),  # 0,95 × 2,00
            (100, 94, F("0")),
            (1000, 949, F("0")),
            (1000, 950, F("1.90")),
            (8689, 8686, F("2")),  # seed 002, communes: 1,99931 → 2,00
        ],
    )
    def test_3_4_2_floor_at_095(self, qn: Scheme, a: int, b: int, expected: Fraction) -> None:
        assert points(qn, "3.4.2", a=a, b=b) == expected

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (100, 69, F("0")),  # below 0,70
            (100, 70, F("1.05")),  # 0,70 × 1,50
            (100, 95, F("1.43")),  # 1,425 rounded half up
            (100, 100, F("1.5")),
            (100, 120, F("1.5")),  # b/a ≥ 1: the max
            (264346, 157971, F("0")),  # seed 002: 59,76 % of the plan
        ],
    )
    def test_8_3_floor_and_full(self, qn: Scheme, a: int, b: int, expected: Fraction) -> None:
        assert points(qn, "8.3", a=a, b=b) == expected

    def test_ratio_without_floor(self, qn: Scheme) -> None:
        assert points(qn, "7.1.4", a=8, b=5) == F("0.63")  # 0,625 rounded half up
        assert points(qn, "7.3.6", a=176, b=174) == F("1.48")  # 174/176 × 1,50 = 1,4829…
        assert points(qn, "7.3.7.3", a=1200, b=300) == F("0.19")  # 0,25 × 0,75 = 0,1875
        assert points(qn, "7.3.7.1", a=40, b=40) == F("0.25")

    def test_score_is_capped_at_max(self) -> None:
        scheme = one_leaf({"kind": "proportional", "value": "b / a"}, {"a": "a", "b": "b"})
        assert points(scheme, "1.1", a=10, b=12) == 1  # 1,2 × 1,00 capped

    def test_zero_denominator_is_not_scored(self, qn: Scheme) -> None:
        result = score(qn, "7.1.3", a=0, b=0)
        assert result.score is None
        assert result.problem is not None
        assert "mẫu số bằng 0" in result.problem


class TestAllOrNothing:
    def test_3_2_1(self, qn: Scheme) -> None:
        assert points(qn, "3.2.1", a=15, b=15) == F("0.5")
        assert points(qn, "3.2.1", a=15, b=14) == 0

    def test_target_below_100_percent(self) -> None:
        scheme = one_leaf(
            {"kind": "all_or_nothing", "value": "b / a", "target": 0.8}, {"a": "a", "b": "b"}
        )
        assert points(scheme, "1.1", a=10, b=8) == 1
        assert points(scheme, "1.1", a=1000, b=799) == 0


class TestBands:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (2, 2, F("1")),
            (4, 3, F("0.5")),
            (2, 1, F("0.5")),  # exactly 50 %
            (5, 2, F("0")),
            (1000, 499, F("0")),
            (3, 0, F("0")),
        ],
    )
    def test_6_3_1(self, qn: Scheme, a: int, b: int, expected: Fraction) -> None:
        assert points(qn, "6.3.1", a=a, b=b) == expected
        assert points(qn, "6.3.2", a=a, b=b) == expected

    def test_reason_says_what_the_next_band_needs(self, qn: Scheme) -> None:
        result = score(qn, "6.3.2", a=3, b=1)
        assert result.shortfall == (
            "b / a = 1 / 3 = 33,33% (mức dưới 50%: 0,00); mức cao hơn cần từ 50%"
        )


class TestParts:
    def test_5_4_yes_no_parts_add_up(self, qn: Scheme) -> None:
        yes = {"lanh_dao_huyen": True, "lanh_dao_phong": True, "cap_xa": True}
        assert points(qn, "5.4", **yes) == F("1.5")
        assert points(qn, "5.4", **{**yes, "cap_xa": False}) == 1
        assert points(qn, "5.4", **dict.fromkeys(yes, False)) == 0

    def test_5_4_reason_names_the_failed_part(self, qn: Scheme) -> None:
        result = score(qn, "5.4", lanh_dao_huyen=True, lanh_dao_phong=False, cap_xa=True)
        assert result.shortfall == (
            "Không đạt: Trong năm không có lãnh đạo cấp phòng thuộc UBND cấp huyện và tương "
            "đương bị kỷ luật từ mức khiển trách trở lên"
        )

    @pytest.mark.parametrize(
        ("deployed", "connected", "expected"),
        [
            ("day_du", True, F("1")),
            ("chua_day_du", True, F("0.75")),  # 50 % of the part's 0,50
            ("chua_day_du", False, F("0.25")),
            ("chua_trien_khai", True, F("0.5")),
            ("chua_trien_khai", False, F("0")),
        ],
    )
    def test_7_1_2_graded_part(
        self, qn: Scheme, deployed: str, connected: bool, expected: Fraction
    ) -> None:
        assert points(qn, "7.1.2", trien_khai=deployed, ket_noi=connected) == expected


class TestIncrease:
    @pytest.mark.parametrize(
        ("before", "now", "expected"), [(2, 3, F(1)), (2, 2, F(0)), (3, 2, F(0))]
    )
    def test_8_1(self, qn: Scheme, before: int, now: int, expected: Fraction) -> None:
        assert points(qn, "8.1", nam_truoc=before, nam_nay=now) == expected

    def test_8_2_3_reads_increase_for_its_first_band(self, qn: Scheme) -> None:
        assert points(qn, "8.2.3", nam_truoc=12.5, nam_nay=12.6) == 1
        assert points(qn, "8.2.3", nam_truoc=12.5, nam_nay=12.5) == 0

    def test_reason_gives_both_years(self, qn: Scheme) -> None:
        result = score(qn, "8.1", nam_truoc=2, nam_nay=2)
        assert (
            result.shortfall == "Không tăng so với năm trước liền kề (nam_truoc = 2; nam_nay = 2)"
        )


class TestWeightedWithJointFloor:
    @pytest.mark.parametrize(
        ("a", "b", "c", "expected"),
        [
            (20, 4, 10, F("1.15")),  # (b+c)/a = 0,70 exactly: 0,40 + 0,75
            (20, 4, 9, F("0")),  # 0,65 < 0,70
            (10, 3, 4, F("1.2")),  # 0,70: 0,60 + 0,60
            (1000, 300, 399, F("0")),  # 0,699
            (20, 20, 0, F("2")),  # every target exceeded
            (20, 0, 20, F("1.5")),  # every target met, none exceeded
            (3, 1, 2, F("1.67")),  # 0,6667 + 1,00 = 1,6667
        ],
    )
    def test_8_4(self, qn: Scheme, a: int, b: int, c: int, expected: Fraction) -> None:
        assert points(qn, "8.4", a=a, b=b, c=c) == expected

    def test_reason_at_the_floor(self, qn: Scheme) -> None:
        result = score(qn, "8.4", a=20, b=4, c=9)
        assert (
            result.shortfall == "(b + c) / a = (4 + 9) / 20 = 65% dưới ngưỡng 70% nên không có điểm"
        )


class TestMinimum:
    @pytest.mark.parametrize(
        ("rate", "expected"),
        [
            (60, F("0.5")),  # meets the 60 % default
            (75, F("0.5")),
            (45, F("0.38")),  # 45 × 0,50 / 60 = 0,375
            (30, F("0.25")),
            (0, F("0")),
        ],
    )
    def test_7_3_3_1_with_default_minimum(
        self, qn: Scheme, rate: float, expected: Fraction
    ) -> None:
        assert points(qn, "7.3.3.1", ty_le=rate, ty_le_toi_thieu=60) == expected

    def test_other_minimum(self, qn: Scheme) -> None:
        assert points(qn, "7.3.3.1", ty_le=40, ty_le_toi_thieu=80) == F("0.25")

    def test_zero_minimum_is_not_scored(self, qn: Scheme) -> None:
        assert points(qn, "7.3.3.1", ty_le=40, ty_le_toi_thieu=0) is None

    def test_reason(self, qn: Scheme) -> None:
        result = score(qn, "7.3.3.1", ty_le=45.5, ty_le_toi_thieu=60)
        assert result.shortfall == "ty_le = 45,5% chưa đạt mức tối thiểu 60%"


class TestManual:
    def test_points_entered_by_the_scorer(self, qn: Scheme) -> None:
        assert points(qn, "7.3.3.2", diem=0.3) == F("0.3")
        assert points(qn, "7.3.3.2", diem=0.5) == F("0.5")


def test_missing_inputs_are_listed_not_scored(qn: Scheme) -> None:
    result = score(qn, "3.4.1", a=100)
    assert result.score is None
    assert result.missing == ("b",)
    assert not result.complete
