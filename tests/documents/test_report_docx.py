"""The unit report DOCX read back with python-docx: Nghị định 30/2020 format and the data's numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from report_doc_helpers import write_units

from cchc.documents.nd30 import BODY_STYLE
from cchc.documents.textwidth import text_width_pt
from cchc.domain.appendix import COMPUTED_MARK
from cchc.domain.numbers import NumberStatus, parse_number
from cchc.domain.outline import NO_TEXT
from cchc.registry import Registry
from cchc.services.documents import prepare_unit_report, unit_report


@pytest.fixture(scope="module")
def made(
    tmp_path_factory: pytest.TempPathFactory, registry: Registry, seed000: Path
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("docx")
    tree = registry.load_units(write_units(folder))
    outcome = unit_report(seed000, registry, out=folder / "bao-cao.docx", tree=tree)
    prepared = prepare_unit_report(seed000, registry, tree=tree)
    return {"doc": Document(str(outcome.docx)), "prepared": prepared, "outcome": outcome}


def _texts(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def _run(paragraph: Any) -> Any:
    return next(r for r in paragraph.runs if r.text.strip())


def test_page_is_a4_with_the_decree_margins(made: dict[str, Any]) -> None:
    first = made["doc"].sections[0]

    # DOCX stores twips: compare to a tenth of a millimetre.
    def mm(length: Any) -> float:
        return round(length / Mm(1), 1)

    assert (mm(first.page_width), mm(first.page_height)) == (210.0, 297.0)
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert (mm(first.top_margin), mm(first.bottom_margin)) == (20.0, 20.0)  # 20–25 mm
    assert (mm(first.left_margin), mm(first.right_margin)) == (30.0, 15.0)  # 30–35, 15–20 mm


def test_fonts_are_times_new_roman_in_black_without_theme_fonts(made: dict[str, Any]) -> None:
    doc = made["doc"]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    assert doc.styles[BODY_STYLE].base_style.name == "Normal"  # the body inherits Normal's font
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "Times New Roman"
        }
        assert fonts.get(qn("w:asciiTheme")) is None
        assert doc.styles[name].font.color.rgb in (None, (0, 0, 0))
    assert all(run.font.name in (None, "Times New Roman") for p in doc.paragraphs for run in p.runs)


def test_header_table_has_the_issuing_body_left_and_the_motto_right(made: dict[str, Any]) -> None:
    table = made["doc"].tables[0]
    assert len(table.columns) == 2
    left, right = table.rows[0].cells
    assert _texts(left) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ GIA NGHĨA"]
    assert all(_run(p).font.bold for p in left.paragraphs if p.text.strip())
    national, motto = [p for p in right.paragraphs if p.text.strip()]
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _run(national).font.bold
    assert _run(national).font.size == Pt(12)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert _run(motto).font.bold
    assert _run(motto).font.underline
    assert _run(motto).font.size == Pt(13)
    number, date_line = table.rows[1].cells
    assert _texts(number) == ["Số: 53/BC-UBND"]
    assert _texts(date_line) == ["Gia Nghĩa, ngày 07 tháng 9 năm 2023"]
    assert _run(date_line.paragraphs[0]).font.italic


def test_rule_under_the_issuing_body_is_a_third_to_a_half_of_it(made: dict[str, Any]) -> None:
    left = made["doc"].tables[0].rows[0].cells[0]
    [rule] = [
        p
        for p in left.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    box = Cm(6.3 - 0.38)
    length = box - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    text = Pt(text_width_pt("THÀNH PHỐ GIA NGHĨA", 13, bold=True))
    assert text / 3 <= length <= text / 2


def test_page_numbers_are_a_centred_field_at_the_top_from_page_two(made: dict[str, Any]) -> None:
    doc = made["doc"]
    first = doc.sections[0]
    assert first.different_first_page_header_footer
    header_xml = first.header._element.xml
    assert "fldChar" in header_xml
    assert " PAGE " in header_xml
    assert first.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in first.first_page_header._element.xml
    appendix = doc.sections[-1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert appendix.page_width > appendix.page_height
    assert not appendix.different_first_page_header_footer  # the appendix's first page is numbered
    assert appendix.header.is_linked_to_previous


def test_subject_and_body_follow_the_decree(made: dict[str, Any]) -> None:
    doc = made["doc"]
    paragraphs = doc.paragraphs
    kind = next(p for p in paragraphs if p.text == "BÁO CÁO")
    assert _run(kind).font.bold
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = paragraphs[paragraphs.index(kind) + 1]
    assert (
        subject.text
        == "Công tác cải cách hành chính quý III và phương hướng, nhiệm vụ quý IV năm 2023"
    )
    assert _run(subject).font.bold
    assert any(p.text == "Kính gửi: Sở Nội vụ tỉnh Đắk Nông." for p in paragraphs)
    body = doc.styles[BODY_STYLE].paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.first_line_indent == Cm(1.27)
    assert body.space_after >= Pt(6)
    intro = next(p for p in paragraphs if p.text.startswith("Thực hiện Công văn số 1228/UBND-TH"))
    assert intro.style.name == BODY_STYLE
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V"]
    assert sum(p.text == NO_TEXT for p in paragraphs) == 3


def test_generated_sentences_pad_small_counts_and_state_the_tables_numbers(
    made: dict[str, Any],
) -> None:
    texts = [p.text for p in made["doc"].paragraphs]
    assert (
        "Tổng số nhiệm vụ được giao 623 nhiệm vụ: đã hoàn thành đúng hạn 595 nhiệm vụ, "
        "hoàn thành nhưng quá hạn 05 nhiệm vụ, quá hạn nhưng chưa hoàn thành 03 nhiệm vụ."
    ) in texts
    assert (
        "Hồ sơ do UBND cấp huyện tiếp nhận: Đã giải quyết 4.048 hồ sơ, đúng hạn 3.693 hồ sơ, đạt 70%."
        in texts
    )


# Words that carry numbers of their own, not data: "mức độ 3", "so với năm 2015", "từ 70% đến dưới 100%".
_LITERALS = re.compile(
    r"mức độ [34]( và 4)?|năm 20\d\d|từ \d+% đến dưới \d+%|quý [IV]+|Biểu mẫu \d|\d cấp|mục [\d.]+"
)


def test_every_number_in_the_generated_text_is_in_the_appendix(made: dict[str, Any]) -> None:
    prepared = made["prepared"]
    table_numbers = {
        round(float(r.value), 2) for f in prepared.forms for r in f.rows if r.value is not None
    }
    figures = [line.text for line in prepared.body if line.kind.value == "figures"]
    assert figures
    for text in figures:
        for token in re.findall(r"\d[\d.]*(?:,\d+)?", _LITERALS.sub("", text)):
            parsed = parse_number(token, "amount")
            assert parsed.status is NumberStatus.NUMBER
            assert parsed.value is not None
            assert round(float(parsed.value), 2) in table_numbers or parsed.value == sum(
                r.value
                for r in prepared.forms[2].rows
                if r.key.startswith("procedures.inventory.total.") and r.value
            ), f"{token} in “{text}” is not a number of the appendix"


def test_recipients_and_signature_block(made: dict[str, Any]) -> None:
    table = made["doc"].tables[1]
    left, right = table.rows[0].cells
    label, *items = [p for p in left.paragraphs if p.text.strip()]
    assert label.text == "Nơi nhận:"
    run = _run(label)
    assert run.font.bold
    assert run.font.italic
    assert run.font.size == Pt(12)
    assert [p.text for p in items] == [
        "- Như trên;",
        "- CT, các PCT UBND thành phố;",
        "- Lưu: VT, NV (MT).",
    ]
    assert all(_run(p).font.size == Pt(11) for p in items)
    signer = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in signer] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Thị Kim Thư"]
    assert all(_run(p).font.bold for p in signer)
    assert len(right.paragraphs) >= 7  # room for the signature and the seal


def test_appendix_tables_print_every_template_row_with_repeated_headers(
    made: dict[str, Any], registry: Registry
) -> None:
    doc = made["doc"]
    template = registry.template("bm-2023")
    forms = doc.tables[2:]
    assert len(forms) == 7
    caption = "(Kèm theo Báo cáo số 53/BC-UBND ngày 07/9/2023 của UBND thành phố Gia Nghĩa)"
    assert caption in [p.text for p in doc.paragraphs]
    for number, table in enumerate(forms, start=1):
        header = table.rows[:2]
        for row in header:
            flag = row._tr.trPr.find(qn("w:tblHeader"))
            assert flag is not None
            assert flag.get(qn("w:val")) == "true"
        codes = [row.cells[0].text for row in table.rows[2:]]
        assert codes == [r.code for r in template.form_rows(number)]
    bm3 = {row.cells[0].text: row for row in forms[2].rows[2:]}
    assert bm3["3.2.1"].cells[3].text == "4.048"
    assert bm3["1.4.1"].cells[3].text == ""  # "-" in the seed: not reported
    total = bm3["1.4"].cells[3].paragraphs[0].runs[0]
    assert total.text == f"320{COMPUTED_MARK}"
    assert total.font.italic
    assert _run(bm3["3"].cells[1].paragraphs[0]).font.bold  # a group row
    assert _run(bm3["1.4.2"].cells[1].paragraphs[0]).font.italic  # third level, as printed


def test_a_report_without_number_and_date_leaves_them_for_hand_entry(
    registry: Registry, seed004: Path, tmp_path: Path
) -> None:
    outcome = unit_report(seed004, registry, out=tmp_path / "stttt.docx")
    number, date_line = Document(str(outcome.docx)).tables[0].rows[1].cells
    assert re.fullmatch(r"Số: \s+/BC-STTTT-VP", number.text)
    assert re.fullmatch(r"Trà Vinh, ngày\s+tháng\s+năm 2022", date_line.text)
    assert any("số văn bản" in n for n in outcome.notices)
    assert [p.name for p in tmp_path.iterdir()] == ["stttt.docx"]  # no temporary file left behind


def test_unit_text_and_onestop_statistics_land_in_their_parts(
    registry: Registry, seed000: Path, tmp_path: Path
) -> None:
    import json
    import unicodedata

    data = json.loads(seed000.read_text(encoding="utf-8"))
    data["narrative"] = {
        "sections": [
            {
                "id": "II.2.2",
                "title": "Về thực hiện cơ chế một cửa, một cửa liên thông",
                "text": "Bộ phận Một cửa hoạt động ổn định.",
            },
            {
                "id": "III",
                "title": "Đánh giá chung",
                "text": "Công tác CCHC được quan tâm chỉ đạo.",
            },
        ],
        "values": [
            {"name": "carried_over", "value": 1619, "text": "", "block": "cấp huyện"},
            {"name": "received", "value": 3957, "text": "", "block": "cấp huyện"},
            {"name": "resolved", "value": 4048, "text": "", "block": "cấp huyện"},
            {"name": "resolved_on_time", "value": 2835, "text": "", "block": "cấp huyện"},
        ],
    }
    source = tmp_path / "co-noi-dung.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    doc = Document(str(unit_report(source, registry, out=tmp_path / "bc.docx").docx))
    texts = [p.text for p in doc.paragraphs]
    onestop = next(
        t for t in texts if t.startswith("Cấp huyện: Tổng số hồ sơ tiếp nhận 5.576 hồ sơ")
    )
    assert "đúng hạn 2.835 hồ sơ, đạt 70,03%" in onestop
    two = texts.index(
        "2. Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông"
    )
    three = texts.index("3. Cải cách tổ chức bộ máy hành chính nhà nước")
    assert (
        two
        < texts.index(onestop)
        < texts.index("2.2. Về thực hiện cơ chế một cửa, một cửa liên thông")
        < three
    )
    assert texts[texts.index("III. ĐÁNH GIÁ CHUNG") + 1] == "Công tác CCHC được quan tâm chỉ đạo."
    assert sum(t == NO_TEXT for t in texts) == 2  # IV and V only
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
