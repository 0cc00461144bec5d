"""The apology letter's words as data: the built-in Mẫu 04 file, a province's own, bad files."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.domain.apology import ApologyWording, letter_fields
from cchc.registry import Registry
from cchc.services.apologies import apology_wording


def fields(**changes: str) -> dict[str, str]:
    """The placeholders of HS-002's letter, some names changed."""
    names = {
        "agency": "UBND xã Nghĩa Kỳ",
        "applicant": "Công ty TNHH An Phú",
        "procedure": "Đăng ký khai sinh",
        "dossier_id": "HS-002",
        "reason": "cần xác minh thêm thông tin",
    } | changes
    dates = {"received": date(2023, 9, 4), "due": date(2023, 9, 15)}
    return letter_fields(**names, **dates, new_date=date(2023, 9, 29))


FIELDS = fields()


def wording(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "PHIẾU XIN LỖI",
        "addressee": "Kính gửi: {applicant}.",
        "paragraphs": ["{agency} xin lỗi."],
        "signer_title": "THỦ TRƯỞNG",
        "signature_hint": "(Ký)",
    }
    return data | changes


def test_the_built_in_wording_is_mẫu_04_and_tells_resolved_from_pending() -> None:
    words = apology_wording(Registry(use_env=False))
    assert words.title == "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    pending = words.body(FIELDS, resolved=False)
    assert pending == [
        "Ngày 04/09/2023, UBND xã Nghĩa Kỳ tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành "
        "chính “Đăng ký khai sinh” của Công ty TNHH An Phú; mã hồ sơ: HS-002.",
        "Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết "
        "quả là ngày 15/09/2023.",
        "Tuy nhiên đến nay, UBND xã Nghĩa Kỳ chưa trả được kết quả giải quyết hồ sơ theo "
        "đúng thời hạn nêu trên.",
        "Lý do: cần xác minh thêm thông tin.",
        "Sự chậm trễ này đã gây phiền hà cho Công ty TNHH An Phú. UBND xã Nghĩa Kỳ thành "
        "thật xin lỗi và hẹn lại ngày trả kết quả vào ngày 29/09/2023.",
        "UBND xã Nghĩa Kỳ trân trọng cảm ơn./.",
    ]
    resolved = words.body(FIELDS, resolved=True)
    assert resolved[2] == (
        "Tuy nhiên, UBND xã Nghĩa Kỳ đã không trả kết quả giải quyết hồ sơ đúng thời hạn nêu trên."
    )
    assert [p for i, p in enumerate(resolved) if i != 2] == [
        p for i, p in enumerate(pending) if i != 2
    ]
    assert words.addressee.format_map(FIELDS) == "Kính gửi: Công ty TNHH An Phú."
    assert words.signer_title == "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"paragraphs": ["Ngày {ngay_nhan}, {agency} tiếp nhận."]},
            "paragraphs › đoạn 1: không có chỗ điền “{ngay_nhan}”",
        ),
        ({"paragraphs": ["ok", "{agency.name}"]}, "paragraphs › đoạn 2: không có chỗ điền"),
        ({"paragraphs": ["{due:%d/%m}"]}, "không có chỗ điền “{due}”"),
        ({"addressee": "Kính gửi: {applicant."}, "addressee: dấu ngoặc nhọn không khớp"),
        ({"title": ""}, "title: cần một câu chữ"),
        ({"paragraphs": []}, "paragraphs: cần danh sách"),
        (
            {"paragraphs": [{"resolved": "a", "late": "b"}]},
            "paragraphs › đoạn 1: khóa “late” không dùng được",
        ),
        ({"paragraphs": [{"resolved": "a"}]}, "paragraphs › đoạn 1 › pending: cần một câu chữ"),
    ],
)
def test_a_faulty_wording_names_the_entry_and_what_is_wrong(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}")) as info:
        ApologyWording.from_data(wording(**changes))
    # What can be written instead is listed when a placeholder is unknown.
    if "chỗ điền" in message:
        assert "{applicant}" in str(info.value)


def test_wording_is_stored_composed_and_on_one_line() -> None:
    # Typed on a keyboard that decomposes diacritics, broken over lines in YAML.
    decomposed = unicodedata.normalize("NFD", "{agency} thành thật\n   xin lỗi.")
    words = ApologyWording.from_data(wording(paragraphs=[decomposed]))
    text = words.body(FIELDS, resolved=False)[0]
    assert text == "UBND xã Nghĩa Kỳ thành thật xin lỗi."
    assert unicodedata.is_normalized("NFC", text)


def test_braces_doubled_print_as_braces() -> None:
    words = ApologyWording.from_data(wording(paragraphs=["Mã {{tỉnh}}: {dossier_id}."]))
    assert words.body(FIELDS, resolved=True) == ["Mã {tỉnh}: HS-002."]


def test_a_value_s_own_full_stop_is_not_doubled() -> None:
    letter = fields(applicant="Công ty A.", reason="cần xác minh thêm. ")
    words = apology_wording(Registry(use_env=False))
    assert words.addressee.format_map(letter) == "Kính gửi: Công ty A."
    assert "Lý do: cần xác minh thêm." in words.body(letter, resolved=False)


values = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@given(agency=values, applicant=values, procedure=values, reason=values)
def test_any_name_prints_as_written_braces_included(
    agency: str, applicant: str, procedure: str, reason: str
) -> None:
    # Names come from the ledger: "{", "}" or "%" in them must neither break
    # the letter nor be read as a placeholder.
    letter = fields(agency=agency, applicant=applicant, procedure=procedure, reason=reason)
    words = apology_wording(Registry(use_env=False))
    text = "\n".join(words.body(letter, resolved=False))
    for name in ("agency", "applicant", "procedure", "reason"):
        assert letter[name] in text
    assert f"“{letter['procedure']}”" in text
