"""``--agency``: which spellings of the ledger's agency column count as the unit's."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.agency_selection import AgencySelection, agency_key
from cchc.domain.units import Unit, UnitTree

BEFORE = date(2025, 6, 30)


def _tree() -> UnitTree:
    # Đắk Nông merged into Lâm Đồng; Gia Nghĩa with two communes, one merged into the other.
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
            Unit("gia-nghia", "UBND TP Gia Nghĩa", "district", parent="dak-nong"),
            Unit("nghia-duc", "UBND phường Nghĩa Đức", "commune", parent="gia-nghia"),
            Unit(
                "nghia-phu",
                "UBND phường Nghĩa Phú",
                "commune",
                parent="gia-nghia",
                valid_to=BEFORE,
                successors=("nghia-duc",),
            ),
            Unit("cu-jut", "UBND huyện Cư Jút", "district", parent="dak-nong"),
        ]
    )


def test_keys_ignore_case_spaces_and_unicode_form() -> None:
    same = ["UBND xã Nghĩa Kỳ", " ubnd  XÃ\u00a0nghĩa kỳ", "UBND xa\u0303 Nghi\u0303a Ky\u0300\t"]
    assert {agency_key(s) for s in same} == {"ubnd xã nghĩa kỳ"}
    # Diacritics are not case: Nghĩa Kỳ is not Nghia Ky (another commune may be spelt so).
    assert agency_key("UBND xã Nghia Ky") != agency_key("UBND xã Nghĩa Kỳ")


def test_a_unit_stands_for_itself_the_units_below_it_and_those_merged_into_it() -> None:
    (district,) = AgencySelection.of(["gia-nghia"], _tree()).choices
    assert district.unit is not None
    assert district.unit.code == "gia-nghia"
    assert set(district.spellings) == {
        "gia-nghia",
        "UBND TP Gia Nghĩa",
        "nghia-duc",
        "UBND phường Nghĩa Đức",
        "nghia-phu",
        "UBND phường Nghĩa Phú",
    }
    assert district.covered == 3
    # Lâm Đồng took over Đắk Nông: its selection holds Đắk Nông's units, Cư Jút included.
    (province,) = AgencySelection.of(["lam-dong"], _tree()).choices
    assert province.covered == 6
    # A commune does not reach up to its district.
    (commune,) = AgencySelection.of(["nghia-duc"], _tree()).choices
    assert "gia-nghia" not in commune.spellings
    assert commune.covered == 2  # with Nghĩa Phú, merged into it


def test_a_unit_is_found_by_its_name_too_and_anything_else_stands_for_itself() -> None:
    (by_name,) = AgencySelection.of(["ubnd tp gia nghĩa"], _tree()).choices
    assert by_name.unit is not None
    assert by_name.unit.code == "gia-nghia"
    (plain,) = AgencySelection.of(["Chi nhánh VPĐKĐĐ"], _tree()).choices
    assert (plain.unit, plain.spellings) == (None, ("Chi nhánh VPĐKĐĐ",))
    (no_list,) = AgencySelection.of(["gia-nghia"]).choices
    assert (no_list.unit, no_list.spellings) == (None, ("gia-nghia",))


def test_a_spelling_named_twice_belongs_to_the_first_choice() -> None:
    selection = AgencySelection.of(["dak-nong", "gia-nghia", "GIA-NGHIA "], _tree())
    assert [c.asked for c in selection.choices] == ["dak-nong", "gia-nghia"]
    keys = selection.keys()
    assert keys["gia-nghia"] == 1  # already Đắk Nông's
    assert selection.choice_of("UBND huyện Cư Jút") is selection.choices[0]
    assert selection.choice_of("Sở Tư pháp") is None


def test_an_empty_agency_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="--agency cần mã hoặc tên cơ quan giải quyết"):
        AgencySelection.of(["  "])
    with pytest.raises(ValueError, match="ít nhất một cơ quan"):
        AgencySelection.of([])
