"""The compiler's report: who reported, compiled figures, units side by side, charts."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from report_doc_helpers import write_units

from cchc.documents.pdf import convert_to_pdf
from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import ReportData, UnitRef, Value
from cchc.registry import Registry
from cchc.reportfile import write_json, write_report
from cchc.services.compiling import CompileOutcome, compile_files
from cchc.services.documents import DocumentError, consolidated_report
from conftest import require_binary
from pdf_words import overlapping, page_words


def _cu_jut(kind: str, values: dict[str, int]) -> ReportData:
    return ReportData(
        UnitRef("cu-jut", "UBND huyện Cư Jút", "district"),
        Period(2023, PeriodKind(kind)),
        "bm-2023",
        values={k: Value(v) for k, v in values.items()},
    )


@pytest.fixture(scope="module")
def compiled_files(
    tmp_path_factory: pytest.TempPathFactory, registry: Registry, seed000: Path
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("tong-hop")
    units = write_units(folder)
    tree = registry.load_units(units)
    q3 = folder / "cu-jut-q3.json"
    write_report(
        q3,
        _cu_jut(
            "Q3",
            {
                "procedures.results.district.resolved": 1000,
                "procedures.results.district.on_time": 950,
                "procedures.results.commune.resolved": 400,
                "procedures.results.commune.on_time": 380,
                "egov.online_services.dossiers_received": 500,
                "egov.online_services.dossiers_online": 100,
            },
        ),
        registry.catalog,
    )
    q2 = folder / "cu-jut-q2.json"
    write_report(
        q2,
        _cu_jut(
            "Q2",
            {
                "procedures.results.district.resolved": 500,
                "procedures.results.district.on_time": 400,
            },
        ),
        registry.catalog,
    )
    paths = {}
    for name, files in (("q3", [seed000, q3]), ("q2", [q2])):
        outcome = compile_files(
            files,
            registry,
            tree=tree,
            compiler="dak-nong",
            at=date(2023, 9, 30),
            levels=["district"],
        )
        assert isinstance(outcome, CompileOutcome)
        paths[name] = folder / f"tong-hop-{name}.json"
        write_json(paths[name], outcome.data)
    return {"folder": folder, "tree": tree, **paths}


@pytest.fixture(scope="module")
def made(compiled_files: dict[str, Any], registry: Registry) -> dict[str, Any]:
    folder = compiled_files["folder"]
    outcome = consolidated_report(
        [compiled_files["q3"], compiled_files["q2"]],
        registry,
        out=folder / "bao-cao-tong-hop.docx",
        xlsx=folder / "tong-hop.xlsx",
        tree=compiled_files["tree"],
    )
    return {"outcome": outcome, "doc": Document(str(outcome.docx))}


def test_completeness_names_who_reported_and_who_did_not(made: dict[str, Any]) -> None:
    texts = [p.text for p in made["doc"].paragraphs]
    assert "Số đơn vị đã gửi báo cáo: 2/3 đơn vị." in texts
    assert "Các đơn vị đã gửi báo cáo: UBND thành phố Gia Nghĩa và UBND huyện Cư Jút." in texts
    assert "Các đơn vị chưa gửi báo cáo (01 đơn vị): UBND huyện Tuy Đức." in texts


def test_compiled_figures_add_counts_and_recompute_rates(made: dict[str, Any]) -> None:
    texts = [p.text for p in made["doc"].paragraphs]
    # 4.048 + 1.000 resolved, 3.693 + 950 on time: 4.643 / 5.048 = 91,98% (not the mean of 70% and 95%).
    assert (
        "Hồ sơ do UBND cấp huyện tiếp nhận: Đã giải quyết 5.048 hồ sơ, đúng hạn 4.643 hồ sơ, đạt 91,98%."
        in texts
    )


def test_the_letterhead_is_the_compilers_from_the_units_file(made: dict[str, Any]) -> None:
    doc = made["doc"]
    left, _right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text.strip()] == [
        "UBND TỈNH ĐẮK NÔNG",
        "SỞ NỘI VỤ",
    ]
    number, _date_line = doc.tables[0].rows[1].cells
    assert number.text.startswith("Số: ")
    assert number.text.endswith("/BC-SNV")
    signer = [p.text for p in doc.tables[1].rows[0].cells[1].paragraphs if p.text.strip()]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]


def test_unit_table_recomputes_each_units_rate_from_its_components(made: dict[str, Any]) -> None:
    table = made["doc"].tables[2]
    header = [c.text for c in table.rows[0].cells]
    assert header[:5] == [
        "STT",
        "Đơn vị",
        "Hồ sơ đã giải quyết",
        "Giải quyết đúng hạn",
        "Tỷ lệ giải quyết đúng hạn (%)",
    ]
    digitised = header.index("Tỷ lệ số hóa hồ sơ (%)")
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    # Gia Nghĩa: (3.693 + 549) / (4.048 + 573) = 4.242 / 4.621 = 91,80% (its written 70% is not used).
    assert rows["UBND thành phố Gia Nghĩa"][2:5] == ["4.621", "4.242", "91,8"]
    assert rows["UBND huyện Cư Jút"][2:5] == ["1.400", "1.330", "95"]
    # The area: 5.572 / 6.021 = 92,54%.
    assert rows["Toàn tỉnh"][2:5] == ["6.021", "5.572", "92,54"]
    # No unit's report has the digitisation rows: the column stays empty, never 0.
    assert {row[digitised] for row in rows.values()} <= {"", "—"}


def test_charts_by_unit_and_over_the_year_are_images(made: dict[str, Any]) -> None:
    doc = made["doc"]
    assert len(doc.inline_shapes) == 2
    texts = [p.text for p in doc.paragraphs]
    assert "Biểu đồ 1. Tỷ lệ giải quyết đúng hạn theo đơn vị" in texts
    # Quý II: Cư Jút alone, 400 / 500 = 80%.
    assert "Tỷ lệ giải quyết đúng hạn: quý II năm 2023 80%; quý III năm 2023 92,54%." in texts
    images = [part for part in doc.part.package.parts if part.content_type == "image/png"]
    assert all(img.blob[:8] == b"\x89PNG\r\n\x1a\n" for img in images)
    assert len(images) == 2


def test_workbook_shows_rates_as_formulas_over_the_units_components(made: dict[str, Any]) -> None:
    wb = load_workbook(made["outcome"].xlsx)
    assert wb.sheetnames[0] == "Từng đơn vị"
    ws = wb["Từng đơn vị"]
    header = [c.value for c in ws[4]]
    rate_col = header.index("Tỷ lệ giải quyết đúng hạn (%)") + 1
    first = 5
    assert ws.cell(first, 2).value == "UBND thành phố Gia Nghĩa"
    assert ws.cell(first, rate_col - 2).value == 4242
    assert ws.cell(first, rate_col - 1).value == 4621
    assert str(ws.cell(first, rate_col).value).startswith("=IF(")
    total = first + 2
    assert ws.cell(total, 2).value == "Toàn tỉnh"
    assert ws.cell(total, rate_col - 1).value.startswith("=SUM(")
    assert ws.freeze_panes == "C5"
    assert "Biểu mẫu 3" in wb.sheetnames


@pytest.mark.slow
def test_the_unit_sheet_prints_its_wrapped_headings_inside_the_heading_row(
    made: dict[str, Any],
) -> None:
    require_binary("soffice")
    xlsx = made["outcome"].xlsx
    headings = [c.value for c in load_workbook(xlsx)["Từng đơn vị"][4] if c.value]
    words = page_words(convert_to_pdf(xlsx))  # page 1: the unit sheet
    assert not overlapping(words)
    # Between the note under the title and the first unit's row, the page shows
    # every letter of the headings, and nothing else: none ran out of its row.
    top = max(w.y_max for w in words if w.text == "100,")
    bottom = min(w.y_min for w in words if w.text == "gia-nghia")
    band = "".join(w.text for w in words if w.y_min >= top and w.y_max <= bottom)

    def letters(text: str) -> Counter[str]:
        return Counter(unicodedata.normalize("NFC", text.replace(" ", "")))

    assert letters(band) == letters("".join(headings))


def test_a_single_period_says_the_trend_needs_earlier_files(
    compiled_files: dict[str, Any], registry: Registry, tmp_path: Path
) -> None:
    outcome = consolidated_report([compiled_files["q3"]], registry, out=tmp_path / "th.docx")
    doc = Document(str(outcome.docx))
    assert len(doc.inline_shapes) == 1
    assert any(p.text.startswith("Chưa có tệp tổng hợp của các kỳ trước") for p in doc.paragraphs)
    # Without the units file the missing unit is named by its code and the letterhead is derived.
    assert any("tuy-duc" in p.text for p in doc.paragraphs)


def test_two_files_of_the_same_period_are_refused(
    compiled_files: dict[str, Any], registry: Registry, tmp_path: Path
) -> None:
    with pytest.raises(DocumentError, match="mỗi kỳ chỉ một tệp"):
        consolidated_report(
            [compiled_files["q3"], compiled_files["q3"]], registry, out=tmp_path / "x.docx"
        )
    assert not (tmp_path / "x.docx").exists()
