"""Header and period detection: what the seeds state, and the family's other ways of saying it."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.periods import DateWindow, PeriodKind
from cchc.importers.header import read_header
from cchc.importers.period_phrases import find_period
from cchc.importers.txt import parse_txt, read_txt
from cchc.importers.units import unit_code, unit_level

from .conftest import SEED_TEXT


def test_seed000_header() -> None:
    header = read_header(read_txt(SEED_TEXT["000"]))
    assert (header.unit_name, header.unit_code, header.unit_level) == (
        "UBND thành phố Gia Nghĩa",
        "gia-nghia",
        "district",
    )
    assert (header.kind, header.year) == (PeriodKind.Q3, 2023)
    # The heading block was lost in the conversion: number and date come from the
    # appendix caption "Kèm theo Báo cáo số: 53 L/BC-UBND ngày 07/ 9/2023".
    assert (header.number, header.symbol, header.date) == ("53", "BC-UBND", date(2023, 9, 7))
    assert header.place is None  # not stated anywhere: not guessed from the unit's name
    assert header.title == (
        "Công tác cải cách hành chính quý III và phương hướng, nhiệm vụ quý IV năm 2023"
    )
    assert header.addressed_to == ["Sở Nội vụ tỉnh Đắk Nông"]
    assert header.recipients == ["Như trên", "CT, các PCT UBND thành phố", "Lưu: VT, NV (MT)"]
    assert header.signer == {
        "authority": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Bùi Thị Kim Thư",
    }
    assert header.window == DateWindow(date(2023, 6, 1), date(2023, 8, 30))


def test_seed002_header_has_blank_number_and_date() -> None:
    header = read_header(read_txt(SEED_TEXT["002"]))
    assert (header.unit_name, header.unit_code, header.unit_level) == (
        "Phòng Nội vụ huyện Tư Nghĩa",
        "phong-noi-vu-tu-nghia",
        "office",
    )
    assert (header.kind, header.year) == (PeriodKind.Q3, 2023)
    assert (header.number, header.symbol) == (None, "BC-PNV")
    assert (header.place, header.date) == ("Tư Nghĩa", None)
    assert header.signer == {"authority": "", "title": "TRƯỞNG PHÒNG", "name": "Nguyễn Thanh Phú"}
    # "Số liệu từ ngày 01/6/2023 đến hết ngày 25/9/2023", stated three times.
    assert header.window == DateWindow(date(2023, 6, 1), date(2023, 9, 25))
    notes = [p.message for p in header.problems]
    assert "số văn bản để trống (“Số: /BC-PNV”)" in notes
    assert "ngày ban hành chưa ghi đủ (“Tư Nghĩa, ngày tháng năm 2023”)" in notes


def test_seed004_header_quarter_written_with_digits() -> None:
    header = read_header(read_txt(SEED_TEXT["004"]))
    assert (header.unit_name, header.unit_code, header.unit_level) == (
        "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
        "so-tttt-tra-vinh",
        "department",
    )
    assert (header.kind, header.year) == (PeriodKind.Q1, 2022)
    assert (header.number, header.symbol) == (None, "BC-STTTT-VP")
    assert (header.place, header.date) == ("Trà Vinh", None)
    assert header.window is None  # "Từ ngày 01/12/2021 đến nay" has no end date
    assert header.recipients[0] == "Sở Nội vụ (b/c)"


@pytest.mark.parametrize(
    ("text", "kind", "year"),
    [
        (
            "Công tác cải cách hành chính quý III và phương hướng, nhiệm vụ quý IV năm 2023",
            "Q3",
            2023,
        ),
        ("BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÍ 1/2022", "Q1", 2022),
        ("Công tác cải cách hành chính quý 1/2022", "Q1", 2022),
        ("Báo cáo công tác CCHC 6 tháng đầu năm 2024", "Q2", 2024),
        ("Kết quả công tác cải cách hành chính 9 tháng năm 2023", "Q3", 2023),
        ("Kết quả thực hiện công tác cải cách hành chính năm 2021", "Q4", 2021),
        (
            "BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ IV NĂM 2023 VÀ NHIỆM VỤ QUÝ I NĂM 2024",
            "Q4",
            2023,
        ),
    ],
)
def test_period_phrases(text: str, kind: str, year: int) -> None:
    found = find_period(text)
    assert found is not None
    assert (found[0].value, found[1]) == (kind, year)


@pytest.mark.parametrize(
    ("name", "code", "level"),
    [
        ("UBND thành phố Gia Nghĩa", "gia-nghia", "district"),
        ("UBND tỉnh Đắk Nông", "dak-nong", "province"),
        ("Sở Nội vụ tỉnh Đắk Nông", "so-noi-vu-dak-nong", "department"),
        ("Sở Tài nguyên và Môi trường tỉnh Bến Tre", "so-tnmt-ben-tre", "department"),
        ("Phòng Nội vụ huyện Tư Nghĩa", "phong-noi-vu-tu-nghia", "office"),
        ("UBND xã Nghĩa Kỳ", "nghia-ky", "commune"),
        ("UBND thành phố Đà Nẵng", "da-nang", "province"),
    ],
)
def test_unit_codes_are_derived_from_names_the_same_way_every_time(
    name: str, code: str, level: str
) -> None:
    assert (unit_code(name), unit_level(name)) == (code, level)


def test_heading_in_capitals_and_header_table() -> None:
    text = (
        "UBND TỈNH BẾN TRE\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n\nSố: 07/BC-STNMT\n\n"
        "Bến Tre, ngày 05 tháng 7 năm 2024\n\nBÁO CÁO\n"
        "Công tác cải cách hành chính 6 tháng đầu năm 2024\n\n"
        "Thực hiện Kế hoạch của UBND tỉnh; Sở Tài nguyên và Môi trường báo cáo như sau:\n"
    )
    header = read_header(parse_txt(text, "so-tnmt.txt"))
    assert header.unit_name == "Sở Tài nguyên và Môi trường tỉnh Bến Tre"
    assert (header.number, header.symbol) == ("07", "BC-STNMT")
    assert (header.place, header.date) == ("Bến Tre", date(2024, 7, 5))
    assert (header.kind, header.year) == (PeriodKind.Q2, 2024)


def test_a_document_without_period_says_so() -> None:
    header = read_header(parse_txt("BÁO CÁO\nTình hình thực hiện nhiệm vụ\n", "x.txt"))
    assert header.kind is None
    assert any(p.message.startswith("không xác định được kỳ báo cáo") for p in header.problems)
