"""Score sheets: parents, totals, appraisal, forecast order, ranking; and their invariants."""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.domain.scoring import Scheme, build_scheme
from cchc.domain.scoring_forecast import forecast
from cchc.domain.scoring_inputs import InputValue, Origin
from cchc.domain.scoring_ranking import rank_sheets
from cchc.domain.scoring_sheet import (
    Appraisal,
    AppraisalEntry,
    NodeResult,
    ScoreSheet,
    SheetInputs,
    score_sheet,
)
from cchc.domain.scoring_values import Scalar, VarType, round_half_up
from cchc.registry import Registry
from cchc.schemes import load_scheme

F = Fraction


@pytest.fixture(scope="module")
def qn(registry: Registry) -> Scheme:
    return load_scheme(registry, "quangngai-673-2023-huyen")


def values(**by_code: dict[str, Any]) -> dict[str, dict[str, InputValue]]:
    result = {}
    for code, items in by_code.items():
        result[code.replace("_", ".")] = {
            k: InputValue(v if isinstance(v, bool | str) else F(v)) for k, v in items.items()
        }
    return result


def node(sheet: ScoreSheet, code: str) -> NodeResult:
    return next(n for n in sheet.walk() if n.criterion.code == code)


def test_parent_adds_children_and_flags_missing(qn: Scheme) -> None:
    sheet = score_sheet(
        qn,
        SheetInputs(
            "u",
            values=values(
                **{"3_4_1": {"a": 100, "b": 96}, "8_2_1": {"nam_truoc": 1, "nam_nay": 2}}
            ),
        ),
    )
    assert node(sheet, "3.4").self_eval.score == F("1.90")  # 3.4.2 missing: not counted as 0
    assert not node(sheet, "3.4").self_eval.complete
    assert node(sheet, "8.2").self_eval.score == F("0.5")
    assert node(sheet, "5").self_eval.score is None  # nothing scored under area 5
    assert sheet.total.score == F("2.40")
    assert not sheet.total.complete
    assert "3.4.2" in {n.criterion.code for n in sheet.unscored()}


def test_capped_sum_parent() -> None:
    scheme = build_scheme(
        {
            "id": "t",
            "title": "t",
            "total_max": 1,
            "criteria": [
                {
                    "code": "1",
                    "name": "Nhóm có điểm thưởng",
                    "max": 1,
                    "aggregate": "capped_sum",
                    "children": [
                        {"code": "1.1", "name": "x", "max": 1, "rule": {"kind": "manual"}},
                        {"code": "1.2", "name": "y", "max": 0.5, "rule": {"kind": "manual"}},
                    ],
                }
            ],
        }
    )
    sheet = score_sheet(
        scheme, SheetInputs("u", values=values(**{"1_1": {"diem": 0.75}, "1_2": {"diem": 0.5}}))
    )
    assert sheet.roots[0].self_eval.score == 1  # 1,25 capped at the group's 1,00


def test_appraisal_recomputes_or_overrides_and_keeps_the_rest(qn: Scheme) -> None:
    entered = values(
        **{
            "3_4_1": {"a": 100, "b": 98},
            "5_4": {"lanh_dao_huyen": True, "lanh_dao_phong": True, "cap_xa": True},
            "8_1": {"nam_truoc": 2, "nam_nay": 3},
        }
    )
    appraisal = Appraisal(
        "Sở Nội vụ",
        entries={
            "3.4.1": AppraisalEntry(
                values={"b": InputValue(F(96), Origin.APPRAISAL)}, comment="Theo hệ thống"
            ),
            "5.4": AppraisalEntry(points=F(1), comment="Có 01 lãnh đạo phòng bị khiển trách"),
        },
    )
    sheet = score_sheet(qn, SheetInputs("u", values=entered, appraisal=appraisal))
    assert node(sheet, "3.4.1").self_eval.score == F("1.96")
    assert node(sheet, "3.4.1").final.score == F("1.90")  # 96/100 falls in the 1,90 band
    assert node(sheet, "5.4").final.score == 1
    assert node(sheet, "5.4").comment == "Có 01 lãnh đạo phòng bị khiển trách"
    assert node(sheet, "8.1").final.score == 1  # not mentioned: the self-score stands
    assert sheet.total.score == F("1.96") + F("1.5") + 1
    assert sheet.appraised_total is not None
    assert sheet.appraised_total.score == F("1.90") + 1 + 1


def test_forecast_sorts_by_points_lost_then_scheme_order(qn: Scheme) -> None:
    entered = values(
        **{
            "3_2_1": {"a": 15, "b": 14},  # loses 0,50
            "7_1_3": {"a": 10, "b": 9},  # loses 0,10
            "8_1": {"nam_truoc": 2, "nam_nay": 2},  # loses 1,00
            "6_3_1": {"a": 2, "b": 0},  # loses 1,00, earlier in the scheme than 8.1
            "8_3": {"a": 100, "b": 100},  # full
        }
    )
    result = forecast(score_sheet(qn, SheetInputs("u", values=entered)))
    assert [(i.node.criterion.code, i.lost) for i in result.items] == [
        ("6.3.1", F(1)),
        ("8.1", F(1)),
        ("3.2.1", F("0.5")),
        ("7.1.3", F("0.1")),
    ]
    assert result.lost == F("2.6")
    assert "8.3" not in {u.node.criterion.code for u in result.unscored}
    assert "3.4.1" in {u.node.criterion.code for u in result.unscored}


def test_ranking_shares_ranks_on_ties(qn: Scheme) -> None:
    def sheet(code: str, b: int) -> ScoreSheet:
        return score_sheet(
            qn, SheetInputs(code, code.upper(), values=values(**{"7_1_3": {"a": 10, "b": b}}))
        )

    rows = rank_sheets([sheet("c", 6), sheet("a", 9), sheet("b", 6), sheet("d", 3)])
    assert [(r.rank, r.sheet.inputs.unit_code) for r in rows] == [
        (1, "a"),
        (2, "b"),
        (2, "c"),
        (4, "d"),
    ]


# ---------------------------------------------------------------- invariants


@functools.cache
def _builtin() -> Scheme:
    return load_scheme(Registry(use_env=False), "quangngai-673-2023-huyen")


def _leaf_values(qn: Scheme, draw: st.DrawFn) -> dict[str, dict[str, InputValue]]:
    """Valid inputs for every leaf: counts with b ≤ a (and c ≤ a − b), any answers."""
    result: dict[str, dict[str, InputValue]] = {}
    for leaf in qn.leaves():
        given: dict[str, InputValue] = {}
        for name, variable in leaf.variables.items():
            value: Scalar
            if variable.type is VarType.YES_NO:
                value = draw(st.booleans())
            elif variable.type is VarType.CHOICE:
                value = draw(st.sampled_from([k for k, _ in variable.options]))
            elif name == "diem":
                value = F(draw(st.integers(0, 100)), 100) * leaf.max_points
            elif variable.at_most is not None:
                env = {k: given[k].value for k in variable.at_most.keys}
                bound = variable.at_most.evaluate(env)  # type: ignore[arg-type]
                value = F(draw(st.integers(0, int(bound))))
            else:
                # Denominators (a, the required minimum) are positive: a zero one is
                # "cannot score", tested on its own.
                low = 1 if name in ("a", "ty_le_toi_thieu") else 0
                high = 100 if variable.type is VarType.PERCENT else 20000
                value = F(draw(st.integers(low, high)))
            given[name] = InputValue(value)
        result[leaf.code] = given
    return result


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_score_is_within_its_max_and_parents_add_up(data: st.DataObject) -> None:
    qn = _builtin()
    sheet = score_sheet(qn, SheetInputs("u", values=_leaf_values(qn, data.draw)))
    assert sheet.total.complete
    for n in sheet.walk():
        score = n.self_eval.score
        assert score is not None
        assert 0 <= score <= n.criterion.max_points
        if n.children:
            assert score == sum((c.self_eval.score or F(0) for c in n.children), F(0))
    assert sheet.total.score == sum((r.self_eval.score or F(0) for r in sheet.roots), F(0))
    assert sheet.total.score is not None
    assert sheet.total.score <= qn.total_max


@given(st.fractions(min_value=0, max_value=100), st.integers(0, 4))
def test_rounding_is_half_up_to_the_decimals(value: Fraction, decimals: int) -> None:
    rounded = round_half_up(value, decimals)
    step = F(1, 10**decimals)
    assert (rounded / step).denominator == 1
    assert value - step / 2 <= rounded < value + step / 2 or rounded == value + step / 2


@given(a=st.integers(1, 10**6), b=st.integers(0, 2 * 10**6))
def test_a_ratio_score_never_leaves_0_to_max(a: int, b: int) -> None:
    scheme = build_scheme(
        {
            "id": "t",
            "title": "t",
            "total_max": 1.5,
            "criteria": [
                {
                    "code": "1",
                    "name": "x",
                    "max": 1.5,
                    "variables": {"a": "a", "b": "b"},
                    "rule": {"kind": "proportional", "value": "b / a", "floor": 0.7},
                }
            ],
        }
    )
    sheet = score_sheet(scheme, SheetInputs("u", values=values(**{"1": {"a": a, "b": b}})))
    score = sheet.total.score
    assert score is not None
    assert 0 <= score <= F("1.5")
    if F(b, a) < F("0.7"):
        assert score == 0
