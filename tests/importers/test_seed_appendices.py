"""Seed appendices (Biểu mẫu 1–7) import to the hand-transcribed values, from TXT, DOCX and XLSX."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cchc.importers.pipeline import ImportResult, import_file
from cchc.registry import Registry

from .conftest import SEED_TEXT, SeedForm, seed_appendix_xlsx


def _table(result: ImportResult) -> dict[str, tuple[Any, str | None, str | None]]:
    return {
        key: (v.value, v.source.raw if v.source else None, v.source.code if v.source else None)
        for key, v in result.report.values.items()
    }


def _expected(values: dict[str, Any]) -> dict[str, tuple[Any, str | None, str | None]]:
    return {
        key: (v["value"], v["source"].get("raw"), v["source"].get("code"))
        for key, v in values.items()
    }


@pytest.mark.parametrize(
    ("seed", "shared"),
    [
        ("000", "000_1d25a67c2434c629.txt"),
        ("002", "002_986c4a79b6a0f2eb.txt"),
        ("004", "004_c80599aaa58e9ef7.txt"),
    ],
)
def test_fixture_copies_are_the_shared_seeds(seed: str, shared: str) -> None:
    # The suite runs from a fresh clone on its own copies; where the shared seeds
    # are at hand, the copies must be them.
    original = SEED_TEXT[seed].resolve().parents[3].parent / "shared" / "seeds" / shared
    if not original.exists():
        pytest.skip("không có thư mục seeds dùng chung")
    assert SEED_TEXT[seed].read_bytes() == original.read_bytes()


@pytest.mark.parametrize(("seed", "template"), [("000", "bm-2023"), ("004", "bm-2022")])
def test_seed_txt_appendix_gives_every_hand_transcribed_value(
    seed: str, template: str, registry: Registry, seed_values: Callable[[str], dict[str, Any]]
) -> None:
    result = import_file(SEED_TEXT[seed], registry)
    assert _table(result) == _expected(seed_values(seed))
    assert result.report.template == template
    # Nothing in these appendices fails to map: no row is reported as unplaced.
    assert not [p for p in result.problems if "không khớp" in p.message]


def test_seed000_notes_and_blank_versus_dash_cells(registry: Registry) -> None:
    values = import_file(SEED_TEXT["000"], registry).report.values
    assert values["direction.plan_tasks_completed"].note == "(tính 09 tháng)"
    assert values["organisation.civil_servants.reduced"].note == "So với năm 2015"
    # "-" is reported as not reported; a blank cell is not there at all.
    assert values["direction.inspection.departments"].value is None
    assert values["direction.inspection.departments"].source.raw == "-"  # type: ignore[union-attr]
    assert "institutions.legal_docs_issued" not in values
    # "95.8" is read with the decimal point it was written with, and stays as written.
    assert values["procedures.results.commune.on_time_rate"].value == 95.8
    # "04" is four documents.
    assert values["institutions.legal_docs_issued.district"].value == 4


def test_seed000_rows_know_where_they_were_printed(registry: Registry) -> None:
    value = import_file(SEED_TEXT["000"], registry).report.values[
        "procedures.results.district.on_time"
    ]
    assert value.source is not None
    assert value.source.form == "Biểu mẫu 3"
    assert value.source.label == "Số hồ sơ TTHC giải quyết đúng hạn"
    assert value.source.origin == SEED_TEXT["000"].name
    # Biểu mẫu 3 is cut by a page break before 3.2.2: the second table of the form.
    assert value.source.location == "bảng 5, dòng 1"


def test_seed004_sub_rows_printed_1_2_under_their_parent_are_placed_there(
    registry: Registry,
) -> None:
    values = import_file(SEED_TEXT["004"], registry).report.values
    # "1." "2." under "3.1." are 3.1.1 and 3.1.2, and their flags stay empty:
    # code in context and wording agree.
    resolved = values["procedures.results.department.resolved"]
    assert (resolved.value, resolved.flags) == (47, ())
    assert values["procedures.inventory.total.province"].source.code == "1."  # type: ignore[union-attr]
    # The label of 6.7 continues on the next page: joined, and the row is 6.7.
    rate = values["egov.online_services.online_dossier_rate"]
    assert rate.value == 9.24
    assert rate.source is not None
    assert (rate.source.label or "").endswith("có phát sinh hồ sơ)")


def test_seed004_rows_coded_dot_are_mapped_by_wording_and_say_so(registry: Registry) -> None:
    values = import_file(SEED_TEXT["004"], registry).report.values
    flagged = {k for k, v in values.items() if v.flags}
    assert flagged == {
        "finance.public_investment.planned",
        "finance.public_investment.disbursed",
        "finance.autonomy.partial",
    }
    assert "dòng không ghi mã số (in “.”)" in values["finance.public_investment.planned"].flags[0]


@pytest.mark.parametrize("seed", ["000", "004"])
def test_seed_appendix_as_word_file_gives_the_same_values(
    seed: str,
    build_seed_docx: Callable[[str], Path],
    registry: Registry,
    seed_values: Callable[[str], dict[str, Any]],
) -> None:
    path = build_seed_docx(seed)
    result = import_file(path, registry, _options(seed))
    got = {
        k: (v.value, v.source.code if v.source else None) for k, v in result.report.values.items()
    }
    want = {k: (v["value"], v["source"].get("code")) for k, v in seed_values(seed).items()}
    assert got == want


def test_word_tables_merged_headers_and_page_breaks_are_undone(
    build_seed_docx: Callable[[str], Path], registry: Registry
) -> None:
    from cchc.importers.docx import read_docx
    from cchc.importers.tables import collect_form_tables

    document = read_docx(build_seed_docx("004"))
    tables = collect_form_tables(document)
    assert [t.form for t in tables] == [1, 2, 3, 4, 5, 6, 7]
    # Biểu mẫu 7 of seed 004 is printed over three pages: one form, three tables.
    assert len(tables[6].tables) == 3
    # The row "với các TTHC mức độ 3 và 4 ..." on the third page belongs to 6.7.
    row = next(r for r in tables[6].rows if r.code.printed == "6.7.")
    assert row.label.endswith("có phát sinh hồ sơ)")
    assert len(row.extra_rows) == 1


def _typed(unit: str, text: str) -> tuple[Any, str | None]:
    """Store cells as a person typing into Excel would: numbers as numbers."""
    if re.fullmatch(r"[1-9]\d*", text):
        return int(text), None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return int(text.replace(".", "")), "#,##0"
    if unit == "%" and re.fullmatch(r"\d+,\d+", text):
        return float(text.replace(",", ".")) / 100, "0.0%"
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text), None
    return text, None


def test_seed000_appendix_as_workbook_gives_the_same_values(
    tmp_path: Path,
    seed_forms: Callable[[str], list[SeedForm]],
    registry: Registry,
    seed_values: Callable[[str], dict[str, Any]],
) -> None:
    path = seed_appendix_xlsx(tmp_path / "bieu-mau.xlsx", seed_forms("000"), _typed)
    result = import_file(path, registry, _options("000"))
    got = {k: v.value for k, v in result.report.values.items()}
    assert got == {k: v["value"] for k, v in seed_values("000").items()}
    # 12,8 % typed as a percentage cell (0,128) is the 12,8 the form means.
    assert (
        result.report.values["organisation.public_service_units.cut_rate_since_2015"].value == 12.8
    )
    # Numbers typed as numbers carry no doubt.
    assert not any(v.flags for v in result.report.values.values())
    location = result.report.values["finance.public_investment.planned"].source
    assert location is not None
    assert location.location == "bảng 6 (trang tính “BM6”), dòng 6"


def _options(seed: str) -> Any:
    """A bare appendix file states neither unit nor period: say them, as a user would."""
    from cchc.domain.periods import Period
    from cchc.importers.pipeline import ImportOptions

    period = Period.parse("2023-Q3" if seed == "000" else "2022-Q1")
    return ImportOptions(unit="don-vi-thu", period=period)


def test_a_formula_excel_never_calculated_is_reported_not_read_as_blank(
    tmp_path: Path, seed_forms: Callable[[str], list[SeedForm]], registry: Registry
) -> None:
    def typed(unit: str, text: str) -> tuple[Any, str | None]:
        # openpyxl saves formulas without results, as a workbook never opened in Excel.
        return ("=D6/D5*100", None) if text == "64" else _typed(unit, text)

    path = seed_appendix_xlsx(tmp_path / "cong-thuc.xlsx", seed_forms("000")[:1], typed)
    result = import_file(path, registry, _options("000"))
    rate = result.report.values["direction.plan_completion_rate"]
    assert rate.value is None
    assert rate.flags == (
        "ô là công thức Excel chưa được tính (“=D6/D5*100”); mở tệp bằng Excel và lưu lại để có giá trị",
    )
    assert [p.message for p in result.problems if p.severity.value == "warning"] == [
        "Biểu mẫu 1, mục 2: ô là công thức Excel chưa được tính (“=D6/D5*100”)"
    ]
