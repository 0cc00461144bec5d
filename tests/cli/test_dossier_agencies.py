"""``--agency``: one unit's figures out of a province's ledger.

The province's one-stop software exports every agency in one file. Tư Nghĩa
district (seed 002) reports its offices', its land-registry branch's and its
14 communes' dossiers, and nothing of the other district or the department
in the same file; a dossier both handled (liên thông) counts once, for it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from ledgers import SEED002_FILLED, SEED002_REPORT, D, seed002_rows, write_csv

runner = CliRunner()

WINDOW = ["--from", "01/06/2023", "--to", "25/09/2023"]
COMMUNES = [f"UBND-X{i:02d}" for i in range(1, 15)]
UNITS = "\n".join(
    [
        "units:",
        '  - {code: quang-ngai, name: "UBND tỉnh Quảng Ngãi", level: province}',
        '  - {code: tu-nghia, name: "UBND huyện Tư Nghĩa", level: district, parent: quang-ngai}',
        '  - {code: PHONG-BAN, name: "Các phòng, ban huyện Tư Nghĩa", level: office, '
        "parent: tu-nghia}",
        '  - {code: VPDK-TN, name: "Chi nhánh VPĐKĐĐ Tư Nghĩa", level: office, parent: tu-nghia}',
        *(
            f'  - {{code: {code}, name: "UBND xã số {code[-2:]}", level: commune, '
            "parent: tu-nghia}"
            for code in COMMUNES
        ),
        '  - {code: mo-duc, name: "UBND huyện Mộ Đức", level: district, parent: quang-ngai}',
        '  - {code: UBND-MD, name: "Một cửa huyện Mộ Đức", level: office, parent: mo-duc}',
        '  - {code: SO-TP, name: "Sở Tư pháp", level: department, parent: quang-ngai}',
    ]
)


def _others() -> list[D]:
    """The rest of the province: Mộ Đức district, the department of justice, and rows
    that would be problems or duplicates if they were Tư Nghĩa's."""
    rows = [
        D(
            f"MD-{i}",
            date(2023, 7, 3),
            "da_giai_quyet",
            date(2023, 7, 10),
            None,
            date(2023, 7, 12),  # late: must not reach Tư Nghĩa's late list
            agency="UBND-MD",
        )
        for i in range(40)
    ]
    rows += [
        D(f"TP-{i}", date(2023, 8, 1), processing_days=3, level="tinh", agency="SO-TP")
        for i in range(30)
    ]
    rows.append(D("MD-BAD", "31/02/2023", agency="UBND-MD"))  # no such day
    rows.append(D("TP-0", date(2023, 8, 1), processing_days=3, level="tinh", agency="SO-TP"))
    return rows


def _liên_thông(rows: list[D]) -> D:
    """The department's part of one of Tư Nghĩa's commune dossiers: same id, its own dates."""
    commune = next(r for r in rows if r.dossier_id == "XA-00001")
    return dataclasses.replace(
        commune, level="tinh", agency="SO-TP", received_at=date(2023, 5, 20), extra={}
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tinh")
    own = seed002_rows()
    province = own + _others() + [_liên_thông(own)]
    units = folder / "don-vi.yaml"
    units.write_text(UNITS, encoding="utf-8")
    return {
        "district": write_csv(folder / "tu-nghia.csv", own),
        "province": write_csv(folder / "ca-tinh.csv", province),
        "units": units,
    }


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = invoke("dossiers", "stats", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return data


def test_a_district_out_of_the_province_ledger_is_its_own_ledger(files: dict[str, Path]) -> None:
    chosen = _json(
        str(files["province"]),
        *WINDOW,
        "--by",
        "level",
        "--agency",
        "tu-nghia",
        "--units",
        str(files["units"]),
    )
    alone = _json(str(files["district"]), *WINDOW, "--by", "level")
    assert chosen["groups"] == alone["groups"]
    assert chosen["total"] == alone["total"]
    by_level = {g["key"]["level"]: g["stats"] for g in chosen["groups"]}
    # Seed 002's published figures: huyện 6.275 resolved, 6.260 on time; xã 8.689 / 8.686.
    assert (by_level["huyen"]["resolved"], by_level["huyen"]["resolved_on_time"]) == (6275, 6260)
    assert (by_level["xa"]["resolved"], by_level["xa"]["resolved_on_time"]) == (8689, 8686)
    assert "tinh" not in by_level
    # Nothing of Mộ Đức's bad date, nor of the department's copy of one dossier, is listed.
    assert chosen["excluded"]["total"] == 0
    assert chosen["excluded"]["ids_in_several_agencies"] == 0
    selection = chosen["agencies"]
    assert selection["other_agency_rows"] == 40 + 30 + 1 + 1 + 1
    assert selection["no_agency_rows"] == 0
    assert selection["chosen"][0]["unit"] == "tu-nghia"
    assert selection["chosen"][0]["rows"] == len(seed002_rows())
    assert {"PHONG-BAN", "VPDK-TN", "UBND-X14", "UBND huyện Tư Nghĩa"} <= set(
        selection["chosen"][0]["spellings"]
    )
    # Without --agency the same file mixes in the others, and the liên thông id conflicts.
    whole = _json(str(files["province"]), *WINDOW)
    assert whole["agencies"] is None
    assert whole["total"]["total"] > alone["total"]["total"]
    assert whole["excluded"]["ids_in_several_agencies"] == 1


def test_agencies_are_matched_as_grouping_spells_them(tmp_path: Path) -> None:
    # Case, doubled spaces, a no-break space and combining tone marks are one agency.
    spellings = [
        "UBND xã Nghĩa Kỳ",
        "UBND XÃ NGHĨA KỲ",
        "UBND  xã\u00a0Nghĩa Kỳ ",
        "UBND xa\u0303 Nghi\u0303a Ky\u0300",
    ]
    rows = [
        D(f"K-{i}", date(2023, 7, 3), processing_days=5, level="xa", agency=spelling)
        for i, spelling in enumerate(spellings)
    ]
    rows.append(
        D("T-1", date(2023, 7, 3), processing_days=5, level="xa", agency="UBND xã Nghĩa Thọ")
    )
    ledger = write_csv(tmp_path / "so.csv", rows)
    data = _json(str(ledger), "--period", "2023-Q3", "--agency", "ubnd xã nghĩa kỳ")
    assert data["total"]["total"] == 4
    assert data["agencies"]["chosen"][0]["rows"] == 4
    assert data["agencies"]["other_agency_rows"] == 1


def test_rows_without_an_agency_are_left_out_and_said(tmp_path: Path) -> None:
    rows = [
        D("K-1", date(2023, 7, 3), processing_days=5, agency="PHONG-BAN"),
        D("K-2", date(2023, 7, 3), processing_days=5, agency=""),
        D("K-3", date(2023, 7, 3), processing_days=5, agency=""),
        D("M-1", date(2023, 7, 3), processing_days=5, agency="UBND-MD"),
        # The printed register's total, no agency: a register line still, not a dossier.
        D("Tổng cộng: 4 hồ sơ", "", status="", agency="", level="", channel=""),
    ]
    ledger = write_csv(tmp_path / "so.csv", rows)
    result = invoke(
        "dossiers", "stats", str(ledger), "--period", "2023-Q3", "--agency", "PHONG-BAN"
    )
    assert result.exit_code == 0, result.output
    assert "Tổng số hồ sơ: 1 " in result.stdout
    said = " ".join(result.stderr.split())
    assert (
        "Lưu ý: chỉ tính hồ sơ của cơ quan giải quyết “PHONG-BAN”; bỏ qua 1 dòng của cơ quan "
        "khác; bỏ qua 2 dòng không ghi cơ quan giải quyết" in said
    )
    data = _json(str(ledger), "--period", "2023-Q3", "--agency", "PHONG-BAN")
    assert data["sources"][0]["no_agency_rows"] == 2
    assert data["sources"][0]["other_agency_rows"] == 1
    assert data["sources"][0]["rows"] == 1
    assert data["sources"][0]["label_rows"] == 1


def test_an_agency_no_row_names_is_an_error_with_the_nearest_names(
    files: dict[str, Path],
) -> None:
    result = invoke(
        "dossiers",
        "stats",
        str(files["province"]),
        *WINDOW,
        "--agency",
        "PHONG-BAN",
        "--agency",
        "UBND-X1",
    )
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "Lỗi: không dòng nào của sổ ghi cơ quan giải quyết “UBND-X1”; sổ có: “UBND-X" in said
    assert "hãy ghi --agency đúng như cột cơ quan giải quyết của sổ" in said
    # The agency that is there still counts: the figures are printed, the exit code warns.
    assert "Tổng số hồ sơ: 527 " in result.stdout


def test_fill_writes_the_chosen_districts_figures_and_says_where_they_came_from(
    files: dict[str, Path], tmp_path: Path
) -> None:
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(SEED002_REPORT, ensure_ascii=False), encoding="utf-8")
    command = ["dossiers", "fill", str(files["province"]), "--report", str(report)]
    result = invoke(*command, "--agency", "tu-nghia", "--units", str(files["units"]))
    assert result.exit_code == 0, result.output
    values = json.loads(report.read_text(encoding="utf-8"))["values"]
    assert {k: values[k]["value"] for k in SEED002_FILLED} == SEED002_FILLED
    origin = values["procedures.results.district.resolved"]["source"]["origin"]
    assert "ca-tinh.csv" in origin
    assert "chỉ hồ sơ của cơ quan giải quyết “tu-nghia” (UBND huyện Tư Nghĩa" in origin
    # A misspelt agency writes nothing: the report keeps the figures just written.
    before = report.read_bytes()
    wrong = invoke(*command, "--agency", "tu-ngia", "--units", str(files["units"]))
    assert wrong.exit_code == 2
    assert "không dòng nào của sổ ghi cơ quan giải quyết “tu-ngia”" in " ".join(
        wrong.output.split()
    )
    assert "Báo cáo chưa được ghi" in wrong.output
    assert report.read_bytes() == before


def test_apologies_list_only_the_chosen_agencies_late_dossiers(
    files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "xin-loi"
    result = invoke(
        "dossiers",
        "apologies",
        str(files["province"]),
        *WINDOW,
        "--out",
        str(out),
        "--date",
        "26/09/2023",
        "--agency",
        "tu-nghia",
        "--units",
        str(files["units"]),
    )
    assert result.exit_code == 0, result.output
    # Seed 002's late dossiers: 15 of the land registry branch, 3 of the communes;
    # none of Mộ Đức's 40.
    assert "Hồ sơ quá hạn từ ngày 01/06/2023 đến ngày 25/09/2023: 18 hồ sơ." in result.stdout
    sheet = openpyxl.load_workbook(out / "danh-sach-ho-so-qua-han.xlsx").active
    assert sheet is not None
    ids = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert not [i for i in ids if i.startswith("MD-")]
    assert len([i for i in ids if i.startswith(("DD-", "XA-"))]) == 18


def test_the_xlsx_table_says_which_agencies_it_counts(
    files: dict[str, Path], tmp_path: Path
) -> None:
    table = tmp_path / "thong-ke.xlsx"
    result = invoke(
        "dossiers",
        "stats",
        str(files["province"]),
        *WINDOW,
        "--agency",
        "SO-TP",
        "--xlsx",
        str(table),
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(table).active
    assert sheet is not None
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "chỉ tính hồ sơ của cơ quan giải quyết “SO-TP”" in text
    assert "bỏ qua" in text


def test_a_ledger_without_an_agency_column_is_refused_under_agency(tmp_path: Path) -> None:
    from ledgers import CANONICAL

    columns = [c for c in CANONICAL if c != "agency"]
    ledger = write_csv(
        tmp_path / "so-xa.csv", [D("K-1", date(2023, 7, 3), processing_days=5)], columns=columns
    )
    result = invoke("dossiers", "stats", str(ledger), "--period", "2023-Q3", "--agency", "UBND-X01")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "so-xa.csv: không có cột cơ quan giải quyết nên không chọn được hồ sơ theo --agency" in (
        said
    )
