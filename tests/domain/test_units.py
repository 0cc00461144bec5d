"""Units: a tree of any depth, validity windows, successors after mergers, access."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.units import Level, Unit, UnitError, UnitTree

LEVELS = [Level("province", "Cấp tỉnh"), Level("district", "Cấp huyện"), Level("commune", "Cấp xã")]
MERGED = date(2025, 7, 1)
BEFORE = date(2025, 6, 30)


def _tree() -> UnitTree:
    return UnitTree(
        [
            Unit("lam-dong", "UBND tỉnh Lâm Đồng", "province"),
            Unit(
                "dak-nong",
                "UBND tỉnh Đắk Nông",
                "province",
                valid_to=BEFORE,
                successors=("lam-dong",),
            ),
            Unit(
                "gia-nghia",
                "UBND TP Gia Nghĩa",
                "district",
                parent="dak-nong",
                valid_to=BEFORE,
                successors=("phuong-bac-gia-nghia", "phuong-nam-gia-nghia"),
            ),
            Unit(
                "cu-jut",
                "UBND huyện Cư Jút",
                "district",
                parent="dak-nong",
                valid_to=BEFORE,
                successors=("xa-cu-jut",),
            ),
            Unit("xa-cu-jut", "UBND xã Cư Jút", "commune", parent="lam-dong", valid_from=MERGED),
            Unit(
                "phuong-bac-gia-nghia",
                "UBND phường Bắc Gia Nghĩa",
                "commune",
                parent="lam-dong",
                valid_from=MERGED,
            ),
            Unit(
                "phuong-nam-gia-nghia",
                "UBND phường Nam Gia Nghĩa",
                "commune",
                parent="lam-dong",
                valid_from=MERGED,
            ),
            Unit(
                "xa-nghia-duc",
                "UBND xã Nghĩa Đức",
                "commune",
                parent="gia-nghia",
                valid_to=BEFORE,
                successors=("phuong-nam-gia-nghia",),
            ),
        ],
        LEVELS,
    )


def test_hierarchy_has_any_depth() -> None:
    tree = _tree()
    assert [u.code for u in tree.ancestors("xa-nghia-duc")] == ["gia-nghia", "dak-nong"]
    assert {u.code for u in tree.descendants("dak-nong")} == {"gia-nghia", "cu-jut", "xa-nghia-duc"}


def test_successors_follow_mergers_to_the_unit_active_on_a_date() -> None:
    tree = _tree()
    assert tree.current("cu-jut", date(2026, 1, 1)) == ("xa-cu-jut",)
    assert tree.current("cu-jut", date(2024, 1, 1)) == ("cu-jut",)
    # A merged-away province is reported in its successor; chains are followed.
    assert tree.current("dak-nong", date(2026, 1, 1)) == ("lam-dong",)
    assert tree.current("xa-nghia-duc", date(2026, 1, 1)) == ("phuong-nam-gia-nghia",)


def test_a_split_unit_has_several_successors() -> None:
    assert _tree().current("gia-nghia", date(2026, 1, 1)) == (
        "phuong-bac-gia-nghia",
        "phuong-nam-gia-nghia",
    )


def test_expected_reporters_respect_validity_windows() -> None:
    tree = _tree()
    in_2023 = tree.expected_reporters("dak-nong", date(2023, 6, 15), date(2023, 9, 14))
    assert [u.code for u in in_2023] == ["gia-nghia", "cu-jut"]
    in_2026 = tree.expected_reporters("lam-dong", date(2026, 3, 15), date(2026, 6, 14))
    assert {u.code for u in in_2026} == {
        "xa-cu-jut",
        "phuong-bac-gia-nghia",
        "phuong-nam-gia-nghia",
    }


def test_a_user_sees_their_unit_and_a_compiler_the_units_below() -> None:
    tree = _tree()
    assert tree.can_access("dak-nong", "xa-nghia-duc")
    assert tree.can_access("gia-nghia", "gia-nghia")
    assert not tree.can_access("gia-nghia", "cu-jut")
    assert not tree.can_access("xa-nghia-duc", "gia-nghia")
    assert not tree.can_access("dak-nong", "no-such-unit")


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ([Unit("a", "A", "province", parent="zzz")], "không tồn tại"),
        ([Unit("a", "A", "province"), Unit("a", "A2", "province")], "bị trùng"),
        ([Unit("a", "A", "galaxy")], "không được khai báo"),
        (
            [Unit("a", "A", "province", parent="b"), Unit("b", "B", "province", parent="a")],
            "vòng lặp",
        ),
        (
            [
                Unit("a", "A", "province", successors=("b",)),
                Unit("b", "B", "province", successors=("a",)),
            ],
            "vòng lặp",
        ),
        (
            [Unit("a", "A", "province", valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1))],
            "hiệu lực",
        ),
    ],
)
def test_impossible_trees_are_refused_with_a_reason(units: list[Unit], message: str) -> None:
    with pytest.raises(UnitError, match=message):
        UnitTree(units, LEVELS)
