"""The body follows the seeds' outline I–V; the unit's texts land where they belong."""

from __future__ import annotations

from pathlib import Path

from cchc.domain.outline import NO_TEXT, Kind, report_body
from cchc.domain.report import NarrativeSection
from cchc.registry import Registry
from cchc.reportfile import load_report


def _headings(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [line.text for line in lines if line.kind is Kind.HEADING]


def test_outline_has_every_part_in_order_and_empty_parts_say_so(
    seed000: Path, registry: Registry
) -> None:
    report = load_report(seed000, registry.catalog)
    lines = report_body(report, registry.catalog)
    assert _headings(lines) == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "2. Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông",
        "3. Cải cách tổ chức bộ máy hành chính nhà nước",
        "4. Cải cách chế độ công vụ",
        "5. Cải cách tài chính công",
        "6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2023",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    empty = [(line.section, line.text) for line in lines if line.kind is Kind.EMPTY]
    assert empty == [("III", NO_TEXT), ("IV", NO_TEXT), ("V", NO_TEXT)]


def test_unit_sections_are_placed_under_their_outline_number(
    seed004: Path, registry: Registry
) -> None:
    report = load_report(seed004, registry.catalog)
    report.sections = [
        NarrativeSection("V", "Kiến nghị, đề xuất", "Không có."),
        NarrativeSection(
            "II.2.2", "Về thực hiện cơ chế một cửa", "Bộ phận Một cửa hoạt động ổn định."
        ),
        NarrativeSection("I", "", "Giám đốc Sở đã chỉ đạo.\nĐã ban hành kế hoạch."),
        NarrativeSection("II.7", "Triển khai sáng kiến", "Ngày không viết."),
        NarrativeSection("Phụ lục ghi chú", "Ghi chú riêng", "Ghi chú cuối."),
    ]
    lines = report_body(report, registry.catalog)
    texts = [(line.kind, line.text) for line in lines]
    position = {text: n for n, (_, text) in enumerate(texts)}
    # I: the unit's two paragraphs right after the heading, then the figures of Biểu mẫu 1.
    first = position["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"]
    assert texts[first + 1 : first + 3] == [
        (Kind.TEXT, "Giám đốc Sở đã chỉ đạo."),
        (Kind.TEXT, "Đã ban hành kế hoạch."),
    ]
    assert texts[first + 3][0] is Kind.FIGURES
    assert (
        position["2.2. Về thực hiện cơ chế một cửa"]
        > position["2. Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông"]
    )
    assert (
        position["2.2. Về thực hiện cơ chế một cửa"]
        < position["3. Cải cách tổ chức bộ máy hành chính nhà nước"]
    )
    assert (
        position["6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"]
        < position["7. Triển khai sáng kiến"]
    )
    assert position["7. Triển khai sáng kiến"] < position["III. ĐÁNH GIÁ CHUNG"]
    assert texts[position["V. KIẾN NGHỊ, ĐỀ XUẤT"] + 1] == (Kind.TEXT, "Không có.")
    assert texts[-2:] == [(Kind.HEADING, "GHI CHÚ RIÊNG"), (Kind.TEXT, "Ghi chú cuối.")]
    # Seed 004 reports nothing in Biểu mẫu 2: the part says so instead of vanishing.
    assert (Kind.EMPTY, "Biểu mẫu 2 không có số liệu được báo cáo trong kỳ.") in texts
