"""Document settings: the report's own block wins over the unit's profile, field by field."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.letterhead import closing_paragraph, intro_paragraph, resolve_letterhead
from cchc.domain.periods import Period, PeriodKind

Q3 = Period(2023, PeriodKind.Q3)
PROFILE = {
    "place": "Gia Nghĩa",
    "symbol": "BC-UBND",
    "signer": {"authority": "KT. Chủ tịch", "title": "Phó Chủ tịch", "name": "Người Trong Hồ Sơ"},
    "recipients": ["Như trên", "Lưu: VT"],
    "addressee": "Sở Nội vụ tỉnh Đắk Nông",
    "legal_basis": "Công văn số 1228/UBND-TH ngày 16/3/2022 của UBND tỉnh Đắk Nông",
}


def test_report_document_wins_and_profile_fills_the_rest() -> None:
    head = resolve_letterhead(
        {
            "number": "53",
            "date": "2023-09-07",
            "signer": {"name": "Bùi Thị Kim Thư"},
            "symbol": "BC-VP",
        },
        PROFILE,
        unit_name="UBND thành phố Gia Nghĩa",
        period=Q3,
        parent_name="UBND tỉnh Đắk Nông",
    )
    assert head.number == "53"
    assert head.symbol == "BC-VP"  # the report's own symbol, not the profile's
    assert head.date == date(2023, 9, 7)
    assert head.place == "Gia Nghĩa"
    assert (head.signer.authority, head.signer.title, head.signer.name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Bùi Thị Kim Thư",
    )
    assert head.recipients == ("Như trên", "Lưu: VT")
    assert head.missing == ()


def test_an_ubnd_prints_its_full_name_on_two_lines_without_a_parent_body() -> None:
    head = resolve_letterhead(
        {}, {}, unit_name="UBND thành phố Gia Nghĩa", period=Q3, parent_name="UBND tỉnh Đắk Nông"
    )
    assert head.issuing_body == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ GIA NGHĨA"
    assert head.parent_body == ""


def test_a_department_prints_its_parent_body_above_it() -> None:
    head = resolve_letterhead(
        {}, {}, unit_name="Sở Nội vụ", period=Q3, parent_name="Ủy ban nhân dân tỉnh Đắk Nông"
    )
    assert head.parent_body == "UBND TỈNH ĐẮK NÔNG"
    assert head.issuing_body == "SỞ NỘI VỤ"


def test_what_nobody_gave_is_left_blank_and_listed() -> None:
    head = resolve_letterhead({}, {}, unit_name="UBND huyện Tuy Đức", period=Q3)
    assert head.number is None
    assert head.date is None
    assert head.year == 2023
    assert "số văn bản (để trống cho văn thư ghi)" in head.missing
    assert "họ tên người ký" in head.missing
    assert "ký hiệu văn bản (ví dụ BC-UBND)" in head.missing


def test_a_bad_date_is_an_error_that_says_which_field() -> None:
    with pytest.raises(ValueError, match=r"document\.date"):
        resolve_letterhead({"date": "31/02/2023"}, {}, unit_name="X", period=Q3)


def test_intro_and_closing_name_the_basis_the_unit_and_the_addressee() -> None:
    head = resolve_letterhead({}, PROFILE, unit_name="UBND thành phố Gia Nghĩa", period=Q3)
    assert intro_paragraph(head, "UBND thành phố Gia Nghĩa", Q3) == (
        "Thực hiện Công văn số 1228/UBND-TH ngày 16/3/2022 của UBND tỉnh Đắk Nông; "
        "UBND thành phố Gia Nghĩa báo cáo tình hình thực hiện công tác cải cách hành chính "
        "quý III năm 2023 và phương hướng, nhiệm vụ quý IV năm 2023 như sau:"
    )
    assert closing_paragraph(head, "UBND thành phố Gia Nghĩa", Q3).endswith(
        "của UBND thành phố Gia Nghĩa; kính gửi Sở Nội vụ tỉnh Đắk Nông xem xét, tổng hợp./."
    )
