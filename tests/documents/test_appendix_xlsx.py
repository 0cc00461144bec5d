"""The appendix XLSX: real numbers, number formats, audit formulas, print setup, and a round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cchc.documents.appendix_xlsx import FIRST_ROW, INFO_SHEET
from cchc.documents.appendix_xlsx_reader import read_appendix_xlsx
from cchc.documents.pdf import convert_to_pdf
from cchc.domain.report import ValueStatus
from cchc.registry import Registry
from cchc.reportfile import ReportFileError
from cchc.services.documents import prepare_unit_report, unit_report
from conftest import require_binary
from pdf_words import overprinted_pages


def _rows(ws: Any) -> dict[str, int]:
    """Indicator key → row, from the hidden key column."""
    return {ws.cell(r, 7).value: r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 7).value}


@pytest.fixture(scope="module")
def seed000_xlsx(
    tmp_path_factory: pytest.TempPathFactory, registry: Registry, seed000: Path
) -> Path:
    folder = tmp_path_factory.mktemp("xlsx")
    outcome = unit_report(seed000, registry, out=folder / "bc.docx", xlsx=folder / "phu-luc.xlsx")
    assert outcome.xlsx is not None
    return outcome.xlsx


def test_one_sheet_per_form_with_numbers_not_text(seed000_xlsx: Path) -> None:
    wb = load_workbook(seed000_xlsx)
    assert wb.sheetnames == [*(f"Biểu mẫu {n}" for n in range(1, 8)), INFO_SHEET]
    ws = wb["Biểu mẫu 6"]
    rows = _rows(ws)
    planned = ws.cell(rows["finance.public_investment.planned"], 4)
    assert planned.value == 312773
    assert planned.data_type == "n"
    assert planned.number_format == "#,##0"
    bm3 = wb["Biểu mẫu 3"]
    rate = bm3.cell(_rows(bm3)["procedures.results.commune.on_time_rate"], 4)
    assert rate.value == 95.8
    assert rate.number_format == "#,##0.0"
    assert bm3.cell(_rows(bm3)["procedures.inventory.total.province"], 4).value is None  # "-"


def test_ratios_carry_formulas_and_a_mismatch_is_highlighted(seed000_xlsx: Path) -> None:
    ws = load_workbook(seed000_xlsx)["Biểu mẫu 3"]
    rows = _rows(ws)
    r = rows["procedures.results.district.on_time_rate"]
    resolved, on_time = (
        rows["procedures.results.district.resolved"],
        rows["procedures.results.district.on_time"],
    )
    audit = ws.cell(r, 5).value
    assert (
        audit
        == f'=IF(COUNT(D{on_time},D{resolved})<2,"",IFERROR(((D{on_time}/D{resolved})*100),""))'
    )
    # The seed writes 70 next to 3.693/4.048 = 91,23%: the cell is flagged red for the compiler.
    ranges = [str(rng.sqref) for rng in ws.conditional_formatting]
    assert f"D{r}" in ranges
    # A total the system computed is itself a formula, in italics.
    total = ws.cell(rows["procedures.inventory.total"], 4)
    assert isinstance(total.value, str)
    assert total.value.startswith("=IF(COUNT(")
    assert "SUM(" in total.value
    assert total.font.italic


def test_header_rows_frozen_and_printed_on_every_a4_landscape_page(seed000_xlsx: Path) -> None:
    ws = load_workbook(seed000_xlsx)["Biểu mẫu 1"]
    assert ws.freeze_panes == f"A{FIRST_ROW}"
    assert ws.print_title_rows == "$5:$6"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9" is A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["G"].hidden
    assert ws["A1"].value == "BIỂU MẪU 1"


def test_reading_the_workbook_back_gives_the_same_values(
    seed000_xlsx: Path, registry: Registry, seed000: Path
) -> None:
    prepared = prepare_unit_report(seed000, registry)
    back = read_appendix_xlsx(seed000_xlsx, registry.catalog, registry.templates, registry.rules)
    expected = {
        k: (v.value, v.status, v.note)
        for k, v in prepared.report.values.items()
        if v.value is not None or v.note
    }
    assert {k: (v.value, v.status, v.note) for k, v in back.values.items()} == expected
    assert back.values["procedures.inventory.total"].status is ValueStatus.COMPUTED
    assert (back.unit.code, back.period.key, back.template) == ("gia-nghia", "2023-Q3", "bm-2023")
    assert back.stated_window == prepared.report.stated_window


def test_a_number_retyped_as_vietnamese_text_is_read_and_garbage_is_named(
    seed000_xlsx: Path, registry: Registry, tmp_path: Path
) -> None:
    wb = load_workbook(seed000_xlsx)
    ws = wb["Biểu mẫu 3"]
    rows = _rows(ws)
    ws.cell(rows["procedures.results.district.resolved"], 4).value = "4.050"
    edited = tmp_path / "sua.xlsx"
    wb.save(edited)
    back = read_appendix_xlsx(edited, registry.catalog, registry.templates, registry.rules)
    assert back.values["procedures.results.district.resolved"].value == 4050
    ws.cell(rows["procedures.results.district.on_time"], 4).value = "nhiều"
    wb.save(edited)
    where = f"Biểu mẫu 3!D{rows['procedures.results.district.on_time']}"
    with pytest.raises(ReportFileError, match=where):
        read_appendix_xlsx(edited, registry.catalog, registry.templates, registry.rules)


def test_a_workbook_from_elsewhere_is_refused_with_a_reason(
    registry: Registry, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    other = tmp_path / "khac.xlsx"
    Workbook().save(other)
    with pytest.raises(ReportFileError, match="Thông tin"):
        read_appendix_xlsx(other, registry.catalog, registry.templates)
    (tmp_path / "hong.xlsx").write_text("không phải excel", encoding="utf-8")
    with pytest.raises(ReportFileError, match="không mở được"):
        read_appendix_xlsx(tmp_path / "hong.xlsx", registry.catalog, registry.templates)


@pytest.mark.slow
def test_printed_appendix_has_no_line_over_another(seed000_xlsx: Path, tmp_path: Path) -> None:
    """Long indicator names and option lists wrap inside rows tall enough for them."""
    require_binary("soffice")
    assert overprinted_pages(convert_to_pdf(seed000_xlsx, tmp_path / "phu-luc.pdf")) == []
