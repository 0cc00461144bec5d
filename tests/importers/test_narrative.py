"""Numbers stated in the narrative: read, named, placed in their block, linked to the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.domain.report import NarrativeValue
from cchc.importers.document import Paragraph
from cchc.importers.narrative import extract
from cchc.importers.pipeline import import_file
from cchc.importers.sections import Section, outline
from cchc.importers.txt import read_txt
from cchc.registry import Registry

from .conftest import SEED_TEXT

Row = tuple[str | None, str, float, str | None]  # block, name, value, indicator


def _narrative(seed: str, registry: Registry) -> list[NarrativeValue]:
    return import_file(SEED_TEXT[seed], registry).report.narrative_values


def _in(values: list[NarrativeValue], section: str) -> list[Row]:
    return [(v.block, v.name, v.value, v.indicator) for v in values if v.section == section]


def test_seed000_one_stop_sentence(registry: Registry) -> None:
    values = _narrative("000", registry)
    assert _in(values, "II.2.2") == [
        (None, "total", 5576, None),
        (None, "carried_over", 1619, None),
        (None, "received", 3957, None),
        (None, "resolved", 4048, "procedures.results.district.resolved"),
        (None, "resolved_on_time", 2835, "procedures.results.district.on_time"),
        (None, "on_time_rate", 70, "procedures.results.district.on_time_rate"),
        (None, "resolved_late", 1213, None),
        (None, "late_rate", 30, None),
        (None, "pending", 995, None),
        (None, "paused", 100, None),
        (None, "returned", 443, None),
    ]
    # The "(lý do: ... tồn hơn 700 hồ sơ ...)" digression states no statistics.
    assert 700 not in [v.value for v in values]


def test_seed000_staffing_investment_and_online(registry: Registry) -> None:
    values = _narrative("000", registry)
    assert _in(values, "II.3.2") == [
        (None, "civil_servants_quota", 110, "organisation.civil_servants.quota"),
        (None, "civil_servants_present", 102, "organisation.civil_servants.present"),
    ]
    main = [row for row in _in(values, "II.5.3") if row[0] is None]
    assert main == [
        (None, "public_investment_planned", 322217, "finance.public_investment.planned"),
        (None, "public_investment_tabmis", 108392, None),
        (None, "public_investment_disbursed", 54928, "finance.public_investment.disbursed"),
        # The table leaves its rate blank: a stated rate is not compared with one the
        # system would compute.
        (None, "public_investment_rate", 17.05, None),
        (None, "public_investment_rate_tabmis", 50.68, None),
    ]
    central = [r for r in _in(values, "II.5.3") if r[0] == "Nguồn vốn ngân sách Trung ương hỗ trợ"]
    assert [(r[1], r[2]) for r in central] == [
        ("public_investment_planned", 36358),
        ("public_investment_disbursed", 6060),
        ("public_investment_rate", 16.67),
    ]
    assert _in(values, "II.6.2") == [
        (None, "received_online", 231, "egov.online_services.dossiers_online")
    ]


def test_seed002_blocks_of_the_one_stop_results(registry: Registry) -> None:
    values = _narrative("002", registry)
    communes = [
        (r[1], r[2]) for r in _in(values, "I.2.1") if r[0] == "bộ phận một cửa các xã, thị trấn"
    ]
    assert communes == [
        ("total", 8782),
        ("carried_over", 30),
        ("received", 8752),
        ("resolved", 8689),
        ("resolved_on_time", 8686),
        ("resolved_late", 3),
        ("pending", 52),
        ("pending_on_time", 52),
        ("pending_overdue", 0),  # "không có hồ sơ trễ hạn"
        ("withdrawn", 41),
        ("on_time_rate_overall", 99.97),
        ("late_rate_overall", 0.03),
    ]
    land = [r for r in _in(values, "I.2.1") if r[0] and r[0].startswith("Văn phòng Đăng ký")]
    assert [(r[1], r[2]) for r in land][:3] == [
        ("total", 6709),
        ("received", 6037),
        ("carried_over", 672),
    ]
    # A branch of a provincial agency is not the district's own table row.
    assert {r[3] for r in land} == {None}


def test_seed002_page_break_inside_a_sentence_is_joined(registry: Registry) -> None:
    # "Đã giải quyết 507 hồ sơ, đúng hạn" | footnotes | "507 hồ sơ, không có hồ sơ quá hạn".
    district = [
        (r[1], r[2])
        for r in _in(_narrative("002", registry), "I.2.1")
        if r[0] == "các phòng, ban huyện"
    ]
    assert ("resolved_on_time", 507) in district
    assert ("resolved_late", 0) in district


def test_seed002_online_and_digitisation_pairs(registry: Registry) -> None:
    values = _narrative("002", registry)
    county = [(r[1], r[2]) for r in _in(values, "I.2.2") if r[0] == "Bộ phận Một cửa cấp huyện"]
    assert county == [
        ("online_dossiers", 252),
        ("online_partial", 75),
        ("online_partial_base", 76),
        ("online_full", 174),
        ("online_full_base", 176),
        ("online_rate", 98.81),
    ]
    communes = [
        (r[1], r[2]) for r in _in(values, "I.2.3") if r[0] == "Bộ phận Một cửa các xã, thị trấn"
    ]
    assert communes == [
        ("digitised_input", 7941),
        ("digitised_input_base", 8740),
        ("digitised_input_rate", 90.56),
        ("digitised_result", 7293),
        ("digitised_result_base", 8688),
        ("digitised_result_rate", 83.94),
    ]


def test_seed004_statements_agree_with_its_own_tables(registry: Registry) -> None:
    values = _narrative("004", registry)
    procedures = _in(values, "II.2")
    assert procedures == [
        (None, "procedures_total", 39, "procedures.inventory.total"),
        (None, "procedures_province", 37, "procedures.inventory.total.province"),
        (None, "procedures_district", 2, "procedures.inventory.total.district"),
        (None, "resolved", 47, "procedures.results.department.resolved"),
        (None, "received", 46, None),
        (None, "received_online", 45, None),
        (None, "received_in_person", 1, None),
        (None, "carried_over", 1, None),
        (None, "resolved_early", 47, None),
    ]
    portal = [r for r in values if r.section == "II.6.b (2)" and r.block is None]
    assert [(v.name, v.value, v.indicator) for v in portal] == [
        ("received", 34279, "egov.online_services.dossiers_received"),
        ("received_in_person", 31109, None),
        ("received_online", 3170, "egov.online_services.dossiers_online"),
        ("resolved", 30036, None),
    ]


def test_seed004_other_year_and_other_scopes_are_not_linked(registry: Registry) -> None:
    values = _narrative("004", registry)
    # "Năm 2021 Sở triển khai ... giải ngân 26,847 tỷ đồng": another year.
    money = [v for v in values if v.name.startswith("public_investment")]
    assert [(v.name, v.value) for v in money] == [
        ("public_investment_planned", 26849),
        ("public_investment_disbursed", 26847),
        ("public_investment_rate", 99.99),
    ]
    assert all(v.indicator is None for v in money)
    assert money[0].flags == ("đoạn văn nói về năm 2021, khác năm báo cáo",)
    # Staff of the department and of its centre in one paragraph: which is Biểu mẫu 4's
    # 2.1 cannot be told from the words, so neither is linked.
    quotas = [v for v in values if v.name == "civil_servants_quota"]
    assert [(v.value, v.indicator) for v in quotas] == [(28, None), (24, None)]


def test_sections_follow_the_outline() -> None:
    sections = outline(read_txt(SEED_TEXT["000"]))
    ids = [s.id for s in sections]
    assert ids[:6] == ["0", "I", "I.1", "I.2", "I.3", "II"]
    assert "II.2.2" in ids
    section = next(s for s in sections if s.id == "II.2.2")
    assert section.title == "Về thực hiện cơ chế một cửa, một cửa liên thông"
    assert section.text.startswith("- Tiếp tục triển khai thực hiện có hiệu quả")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tổng tiếp nhận và xử lý 6.709 hồ sơ, trong đó 6.037 hồ sơ nhận mới, 672 hồ sơ từ kỳ "
            "trước chuyển qua.",
            [("total", 6709), ("received", 6037), ("carried_over", 672)],
        ),
        (
            "Đang giải quyết 15 hồ sơ, còn hạn 15 hồ sơ, không có hồ sơ trễ hạn. (Có 05 hồ sơ rút)",
            [("pending", 15), ("pending_on_time", 15), ("pending_overdue", 0), ("withdrawn", 5)],
        ),
        (
            "Giải quyết 47 hồ sơ. Trong đó tiếp nhận 46 hồ sơ (45 hồ sơ trực tuyến, 01 hồ sơ trực "
            "tiếp) và 01 hồ sơ tồn kì trước; Trả trước hạn 47 hồ sơ.",
            [
                ("resolved", 47),
                ("received", 46),
                ("received_online", 45),
                ("received_in_person", 1),
                ("carried_over", 1),
                ("resolved_early", 47),
            ],
        ),
        (
            "Theo Quyết định số 906/QĐ-UBND ngày 14/6/2023, có 04 người tiếp nhận hồ sơ tại "
            "Bộ phận một cửa; 12 tin bài về hồ sơ trực tuyến.",
            [],
        ),
    ],
)
def test_one_stop_phrases(sentence: str, expected: list[tuple[str, float]]) -> None:
    section = Section(
        "II.2",
        "Cải cách thủ tục hành chính",
        [Paragraph(sentence)],
        ["Cải cách thủ tục hành chính"],
    )
    assert [(s.name, s.value) for s in extract([section], 2023)] == expected


def test_narrative_of_a_word_file_is_read_like_the_text(tmp_path: Path, registry: Registry) -> None:
    import docx

    document = docx.Document()
    for block in SEED_TEXT["000"].read_text(encoding="utf-8").split("\n\n"):
        if "\t" in block or not block.strip():
            continue
        document.add_paragraph(block.replace("**", "").replace("*", "").strip())
    path = tmp_path / "gia-nghia.docx"
    document.save(str(path))
    from_word = import_file(path, registry).report.narrative_values
    from_text = _narrative("000", registry)
    assert [(v.section, v.name, v.value) for v in from_word] == [
        (v.section, v.name, v.value) for v in from_text
    ]
