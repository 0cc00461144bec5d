"""An unknown header is named with the ledger column it resembles, never taken on a guess.

The expectations are what an official reading the header would say it holds;
"no hint" where the header means something else or nothing the ledger needs.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.analytics.dossier_engine import load_vocabulary
from cchc.domain.dossier_ledger import LEDGER_COLUMNS, LedgerVocabulary
from cchc.domain.ledger_headers import HeaderHint, header_hints, hint_wording
from cchc.registry import Registry

# Header as a one-stop export or a hand-made register writes it → the column it holds.
MEANT = {
    "Cơ quan xử lý chính": "agency",
    "Đơn vị tiếp nhận hồ sơ": "agency",
    "Đã số hóa TPHS": "digitised_input",
    "Ngày, tháng, năm nhận kết quả từ cơ quan giải quyết": "finished_at",
    "Ngày hoàn thành thực tế": "finished_at",
    "Họ tên người nộp": "applicant",
    "Ngay nhan HS": "received_at",
    "Mã hồ sơ cũ": "dossier_id",
    "Mức độ DVC (3/4)": "online_level",
    "Trạng thái giải quyết": "status",
}
# Headers of no ledger column, or of one too far to guess.
UNRELATED = [
    "STT",
    "Ghi chú",
    "Địa chỉ",
    "Số điện thoại",
    "Số lượng hồ sơ (bộ)",  # shares "số … hồ sơ" with "số hồ sơ", but counts copies
    "Kênh tiếp nhận",  # shares "tiếp nhận" with the received date; a channel, not a date
    "Kết quả",
    "Ngày",
    "Tên người nhận kết quả",
    # The applicant's collection of the result, not the due or finished date:
    "Ngày trả kết quả",
    "Ngày, tháng, năm trả kết quả cho cá nhân, tổ chức",
    "Thời gian trả kết quả",
    "Ngày, tháng, năm chuyển hồ sơ đến cơ quan giải quyết",
    "Cơ quan phối hợp",  # the other agency of a liên thông dossier
]


@pytest.fixture(scope="module")
def vocabulary(registry: Registry) -> LedgerVocabulary:
    return load_vocabulary(registry)


def _hints(vocabulary: LedgerVocabulary, headers: list[str], found: set[str]) -> list[HeaderHint]:
    return header_hints(headers, found, vocabulary.headers, vocabulary.not_columns)


@pytest.mark.parametrize(("header", "column"), MEANT.items())
def test_a_header_like_a_missing_column_names_it(
    vocabulary: LedgerVocabulary, header: str, column: str
) -> None:
    assert vocabulary.column_for(header) is None  # unknown: otherwise it needs no hint
    assert _hints(vocabulary, [header], set()) == [HeaderHint(header, (column,))]


@pytest.mark.parametrize("header", UNRELATED)
def test_a_header_of_something_else_gets_no_hint(vocabulary: LedgerVocabulary, header: str) -> None:
    assert _hints(vocabulary, [header], set()) == []


def test_a_column_the_ledger_has_is_never_hinted(vocabulary: LedgerVocabulary) -> None:
    # "Cơ quan xử lý chính" beside a recognised agency column is a second agency column,
    # left out as it should be: nothing to say about it.
    assert _hints(vocabulary, ["Cơ quan xử lý chính"], {"agency"}) == []


def test_the_closest_columns_all_named_when_as_close(vocabulary: LedgerVocabulary) -> None:
    # "Số hóa" is 2 words of 3 of "số hóa hồ sơ", 2 of 4 of "số hóa kết quả": the first.
    (hint,) = _hints(vocabulary, ["Số hóa"], set())
    assert hint.columns == ("digitised_input",)
    # Half is not enough: with the input column there, "Số hóa" is no result column.
    assert _hints(vocabulary, ["Số hóa"], {"digitised_input"}) == []
    assert hint_wording(HeaderHint("Số hóa", ("digitised_input", "digitised_result"))) == (
        "“Số hóa” (có phải cột “số hóa hồ sơ” hay “số hóa kết quả”?)"
    )


def test_a_provinces_file_adds_headers_never_hinted() -> None:
    words = {"columns": {"agency": ["cơ quan"]}}
    built_in = LedgerVocabulary.from_data([words])
    assert _hints(built_in, ["Cơ quan thẩm định"], set()) == [
        HeaderHint("Cơ quan thẩm định", ("agency",))
    ]
    province = LedgerVocabulary.from_data([words, {"not_columns": ["CƠ QUAN THẨM ĐỊNH"]}])
    assert _hints(province, ["Cơ quan thẩm định"], set()) == []


COLUMNS = [c.name for c in LEDGER_COLUMNS]


@settings(max_examples=80, deadline=None)
@given(
    headers=st.lists(st.sampled_from([*MEANT, *UNRELATED, "Ngày tiếp nhận hồ sơ (dự kiến)"])),
    found=st.sets(st.sampled_from(COLUMNS)),
)
def test_hints_name_only_columns_the_ledger_lacks(
    vocabulary: LedgerVocabulary, headers: list[str], found: set[str]
) -> None:
    hints = _hints(vocabulary, headers, found)
    assert [h.header for h in hints] == [h for h in headers if h in {x.header for x in hints}]
    for hint in hints:
        assert hint.columns
        assert not set(hint.columns) & found
        assert hint.header not in UNRELATED
