"""Ledger headers and words compare without case, diacritics or punctuation."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.domain.apology import LateDossier, new_return_date
from cchc.domain.dossier_ledger import LedgerVocabulary, Problem, fold
from cchc.domain.dossiers import Outcome
from cchc.domain.workdays import WorkingCalendar


@pytest.mark.parametrize(
    "header",
    ["Ngày tiếp nhận", "NGÀY TIẾP NHẬN", "ngay tiep nhan", "Ngay_Tiep_Nhan", " ngày  tiếp nhận "],
)
def test_headers_fold_to_one_form(header: str) -> None:
    assert fold(header) == "ngay_tiep_nhan"


def test_vocabulary_maps_headers_and_words_and_an_explicit_none() -> None:
    vocabulary = LedgerVocabulary.from_data(
        [
            {
                "columns": {"status": ["Tình trạng hồ sơ"]},
                "values": {
                    "status": {"da_giai_quyet": ["Đã giải quyết"]},
                    "online_level": {"none": ["không"], "toan_trinh": ["mức độ 4"]},
                },
            }
        ]
    )
    assert vocabulary.column_for("TINH TRANG HO SO") == "status"
    assert vocabulary.column_for("Mã hồ sơ") == "dossier_id"  # canonical Vietnamese label
    assert vocabulary.column_for("dossier_id") == "dossier_id"
    assert vocabulary.code_for("status", "ĐÃ GIẢI QUYẾT") == "da_giai_quyet"
    assert vocabulary.code_for("online_level", "Mức độ 4") == "toan_trinh"
    assert vocabulary.code_for("online_level", "Không") == ""
    assert vocabulary.code_for("status", "chờ") is None


def test_a_status_followed_by_a_verdict_reads_as_the_status_with_its_claim() -> None:
    vocabulary = LedgerVocabulary.from_data(
        [
            {"values": {"status": {"da_giai_quyet": ["Đã giải quyết"]}}},
            # A province's own word, in a later file, takes the qualifiers too.
            {
                "values": {"status": {"da_giai_quyet": ["Đã hoàn tất"]}},
                "qualifiers": {"status": {"on_time": ["đúng hạn"], "late": ["quá hạn"]}},
            },
        ]
    )
    assert vocabulary.code_for("status", "Đã giải quyết - Đúng hạn") == "da_giai_quyet"
    assert vocabulary.claim_for("status", "Đã giải quyết - Đúng hạn") == "on_time"
    assert vocabulary.claim_for("status", "ĐÃ HOÀN TẤT (QUÁ HẠN)") == "late"
    assert vocabulary.claim_for("status", "Đã giải quyết") is None
    # A verdict alone is no status, and is known as a verdict (the error says what is missing).
    assert vocabulary.code_for("status", "Quá hạn") is None
    assert vocabulary.is_verdict("status", "Quá hạn")
    assert vocabulary.is_verdict("status", " ĐÚNG HẠN ")
    assert not vocabulary.is_verdict("status", "Đã giải quyết - Đúng hạn")
    assert not vocabulary.is_verdict("status", "lưu nháp")
    assert not vocabulary.is_verdict("level", "Quá hạn")


@pytest.mark.parametrize(
    ("qualifiers", "message"),
    [
        ({"level": {"late": ["quá hạn"]}}, "chỉ cột trạng thái"),
        ({"status": {"soon": ["sắp hạn"]}}, "chỉ dùng on_time"),
        ({"status": ["quá hạn"]}, "phải là bảng on_time/late"),
    ],
)
def test_a_wrong_qualifier_table_is_refused_in_vietnamese(qualifiers: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match=message):
        LedgerVocabulary.from_data([{"qualifiers": qualifiers}])


@pytest.mark.parametrize("labels", [["tổng cộng"], {"starts": ["cộng"], "ends": ["ký"]}])
def test_a_wrong_labels_table_is_refused_in_vietnamese(labels: object) -> None:
    with pytest.raises(ValueError, match="labels phải là bảng starts/holds"):
        LedgerVocabulary.from_data([{"labels": labels}])


def test_a_provinces_label_words_add_to_the_built_in_ones() -> None:
    vocabulary = LedgerVocabulary.from_data(
        [{"labels": {"starts": ["cộng"]}}, {"labels": {"starts": ["Tổng hợp chung"]}}]
    )
    assert vocabulary.is_label("Cộng: 12")
    assert vocabulary.is_label("III. TỔNG HỢP CHUNG")
    assert not vocabulary.is_label("Tổng hợp")


def test_a_vocabulary_file_naming_an_unknown_column_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="không phải là cột của sổ hồ sơ"):
        LedgerVocabulary.from_data([{"columns": {"colour": ["màu"]}}])


def test_problem_codes_round_trip_and_every_problem_has_a_vietnamese_message() -> None:
    for problem in Problem:
        assert Problem.from_code(problem.code) is problem
        assert problem.message
        assert problem.message[0].islower()


def test_new_date_is_working_days_after_the_letter_or_the_real_result_date() -> None:
    calendar = WorkingCalendar(
        days_off={date(2024, 4, 29): "Nghỉ bù", date(2024, 4, 30): "Lễ", date(2024, 5, 1): "Lễ"}
    )
    pending = LateDossier("H1", date(2024, 4, 1), date(2024, 4, 15), None, Outcome.PENDING_OVERDUE)
    # Letter on Fri 26/04/2024, 2 working days: Thu 02/05 is the first, Fri 03/05 the second.
    assert new_return_date(pending, date(2024, 4, 26), 2, calendar) == date(2024, 5, 3)
    resolved = LateDossier(
        "H2", date(2024, 4, 1), date(2024, 4, 15), date(2024, 4, 18), Outcome.RESOLVED_LATE
    )
    assert new_return_date(resolved, date(2024, 4, 26), 2, calendar) == date(2024, 4, 18)
    assert resolved.working_days_late(calendar, date(2024, 4, 26)) == 3


def test_a_dossier_on_time_is_not_a_late_dossier() -> None:
    with pytest.raises(ValueError, match="không quá hạn"):
        LateDossier("H3", date(2024, 4, 1), date(2024, 4, 15), None, Outcome.PENDING_ON_TIME)
