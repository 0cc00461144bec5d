"""The text reader's conventions, and how wordings and printed codes compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.domain.wording import CodeKind, fold, label_similarity, normalise_code
from cchc.importers.document import DocumentError, Paragraph, Table
from cchc.importers.txt import parse_txt, read_txt


def test_text_conversion_markup_math_and_footnotes() -> None:
    document = parse_txt(
        "+ Tỷ lệ: $((5.753+938)/6.706) \\times 100 = 99,78\\%$.\n\n"
        "- *Bộ phận Một cửa cấp huyện:*\n\n"
        "¹ Kiểm tra tại các phòng.\n\n"
        "STT\tChỉ tiêu\n1\t<i>Số TTHC cấp tỉnh</i>\n",
        "x.txt",
    )
    first, second, footnote, table = document.blocks
    assert isinstance(first, Paragraph)
    assert first.text == "+ Tỷ lệ: ((5.753+938)/6.706) × 100 = 99,78%."
    assert isinstance(second, Paragraph)
    assert (second.text, second.italic) == ("- Bộ phận Một cửa cấp huyện:", True)
    assert isinstance(footnote, Paragraph)
    assert footnote.footnote
    assert isinstance(table, Table)
    assert (table.rows[1].cells[1].text, table.rows[1].cells[1].italic) == (
        "Số TTHC cấp tỉnh",
        True,
    )


def test_text_in_a_legacy_encoding_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    # Windows-1258 writes "á" as one byte 0xE1, not UTF-8's two.
    path.write_bytes("Báo cáo cải cách hành chính".encode("cp1258", errors="replace"))
    with pytest.raises(DocumentError) as caught:
        read_txt(path)
    assert str(caught.value).startswith("cu.txt: tệp văn bản không dùng bảng mã UTF-8")


def test_folding_and_wording() -> None:
    assert fold("QUÍ 1/2022 – Đắk Nông") == "qui 1/2022 – dak nong"
    # Abbreviation and long form are the same words.
    assert label_similarity("Thông kê TTHC", "Thống kê thủ tục hành chính (TTHC)") >= 0.9
    assert (
        label_similarity(
            "Tổng số VBQPPL do địa phương ban hành",
            "Tổng số văn bản quy phạm pháp luật (VBQPPL) do địa phương ban hành",
        )
        >= 0.9
    )
    # "họp"/"hợp" fold alike: the seeds' typo does not matter.
    assert label_similarity("Hệ thống hợp trực tuyến", "Hệ thống họp trực tuyến") == 1.0
    # One word that changes the meaning keeps two labels apart.
    assert label_similarity("Tổng số hồ sơ TTHC đã tiếp nhận", "Số hồ sơ TTHC đã giải quyết") < 0.75


@pytest.mark.parametrize(
    ("printed", "kind", "value"),
    [
        ("1.", CodeKind.NUMBER, "1"),
        ("1.1.", CodeKind.NUMBER, "1.1"),
        ("2.4.1.", CodeKind.NUMBER, "2.4.1"),
        (" 6.7 ", CodeKind.NUMBER, "6.7"),
        (".", CodeKind.NONE, ""),
        ("", CodeKind.NONE, ""),
        ("-", CodeKind.NONE, ""),
        ("III", CodeKind.ROMAN, "III"),
        ("a)", CodeKind.LETTER, "a"),
    ],
)
def test_printed_codes(printed: str, kind: CodeKind, value: str) -> None:
    code = normalise_code(printed)
    assert (code.kind, code.value) == (kind, value)


_FORM_5 = (
    "BIỂU MẪU 5\nCải cách chế độ công vụ\n\n"
    "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú\n"
    "\t\tĐơn vị tính\tSố liệu\t\n"
    "2\tTuyển dụng công chức, viên chức\t\t\t\n"
    "2.1\tSố công chức được tuyển dụng (thi tuyển, xét tuyển)\tNgười\t{first}\t\n"
    "2.1\tSố công chức được tuyển dụng (thi tuyển, xét tuyển)\tNgười\t{second}\t\n"
    "2.2\tSố công chức được tuyển dụng theo trường hợp đặc biệt\tNgười\t1\t\n"
)


def _appendix(text: str) -> tuple[dict[str, object], list[tuple[str, str]]]:
    from cchc.importers.appendix import read_appendix
    from cchc.registry import Registry

    registry = Registry(use_env=False)
    result = read_appendix(
        parse_txt(text, "bm5.txt"),
        registry.catalog,
        registry.templates,
        year=2023,
        default_template="bm-2023",
    )
    values = {k: (v.value, v.flags) for k, v in result.values.items()}
    return values, [(p.severity.value, p.message) for p in result.problems]


def test_a_row_printed_twice_with_the_same_value_is_kept_once() -> None:
    values, problems = _appendix(_FORM_5.format(first="3", second="3"))
    assert values["civil_service.recruitment.civil_servants_exam"] == (3, ())
    assert values["civil_service.recruitment.civil_servants_special"] == (1, ())
    assert problems == [
        ("info", "mục 2.1 ghi hai lần (lần đầu ở bảng 1, dòng 4), cùng giá trị; giữ một")
    ]


def test_a_row_printed_twice_with_another_value_is_flagged() -> None:
    values, problems = _appendix(_FORM_5.format(first="3", second="5"))
    assert values["civil_service.recruitment.civil_servants_exam"] == (
        3,
        ("dòng trùng mục 2.1 ở bảng 1, dòng 5 ghi “5”",),
    )
    assert [severity for severity, _ in problems] == ["warning"]


def test_a_form_caption_typed_into_the_table_names_the_form() -> None:
    text = (
        "BIỂU MẪU 5 - CẢI CÁCH CHẾ ĐỘ CÔNG VỤ\t\t\t\t\n"
        "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\tGhi chú\n"
        "2.1\tSố công chức được tuyển dụng (thi tuyển, xét tuyển)\tNgười\t3\t\n"
    )
    values, problems = _appendix(text)
    assert values == {"civil_service.recruitment.civil_servants_exam": (3, ())}
    assert problems == []
