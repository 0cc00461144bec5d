"""``cchc score`` and ``cchc rank`` as a scorer uses them: text, JSON, documents, errors.

Expected scores are computed by hand, e.g. seed 000's district figures for
3.4.1: 3.693 of 4.048 dossiers on time, 4.048 ≥ 1.000, so 3.693/4.048 × 2,00
= 1,8246 → 1,82.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from cchc.cli import app
from cchc.documents.pdf import convert_to_pdf
from conftest import require_binary
from pdf_words import overprinted_pages

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FORECAST_INPUTS = FIXTURES / "scoring" / "tu-nghia-2023-du-bao.json"
SEED000 = FIXTURES / "seeds" / "seed000_gia_nghia_2023q3.json"
SCHEME = "quangngai-673-2023-huyen"

runner = CliRunner()


def run(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def write_inputs(folder: Path, data: dict[str, Any], name: str = "in.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


GIA_NGHIA = {
    "scheme": SCHEME,
    "unit": {"code": "gia-nghia", "name": "UBND thành phố Gia Nghĩa"},
    "year": 2023,
    "criteria": {"5.4": {"cap_xa": True, "evidence": ["Báo cáo số 45/BC-UBND"]}},
    "appraisal": {
        "by": "Sở Nội vụ",
        "date": "20/01/2024",
        "criteria": {
            "3.4.1": {"b": 3600, "comment": "Theo Hệ thống thông tin giải quyết TTHC"},
            "5.4": {"points": 1.0, "comment": "Có 01 lãnh đạo cấp phòng bị khiển trách"},
        },
    },
}


# ---------------------------------------------------------------- forecast (seed 002 section 9)


def test_forecast_lists_criteria_below_max_by_points_lost() -> None:
    result = run("score", "--inputs", FORECAST_INPUTS, "--forecast", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(i["code"], i["lost"]) for i in data["below_max"]] == [
        ("8.4", 2.0),  # (4 + 9)/20 = 65 % < 70 %
        ("8.3", 1.5),  # 157.971/264.346 = 59,76 % < 70 %
        ("6.3.1", 1.0),
        ("6.3.2", 1.0),  # 1/3 < 50 %
        ("7.1.2", 1.0),
        ("8.1", 1.0),  # 2022: 02 dự án; 2023: 02 dự án
        ("7.3.7.3", 0.56),  # 0,75 − 0,19
        ("3.2.1", 0.5),
        ("5.4", 0.5),
        ("8.2.1", 0.5),
        ("7.1.3", 0.4),
        ("7.3.4", 0.4),
        ("7.3.5", 0.4),
        ("7.1.4", 0.37),  # 1,00 − 0,63
        ("7.3.7.2", 0.22),  # 0,50 − 0,28
        ("7.3.3.1", 0.12),  # 0,50 − 0,38
        ("7.3.6", 0.02),  # 1,50 − 1,48
    ]
    assert data["total"] == {"max": 23.5, "forecast": 10.51, "lost": 11.49, "unscored_max": 1.5}
    assert [u["code"] for u in data["unscored"]] == ["8.2.2", "8.2.3"]
    reasons = {i["code"]: i["reason"] for i in data["below_max"]}
    assert reasons["8.1"] == "Không tăng so với năm trước liền kề (nam_truoc = 2; nam_nay = 2)"
    assert reasons["8.3"] == (
        "b / a = 157.971 / 264.346 = 59,76% dưới ngưỡng 70% nên không có điểm"
    )


def test_forecast_text_ends_with_the_totals() -> None:
    result = run("score", "--inputs", FORECAST_INPUTS, "--forecast")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "DỰ BÁO TIÊU CHÍ CÓ KHẢ NĂNG THẤP ĐIỂM — UBND huyện Tư Nghĩa, năm 2023" in out
    assert "Số liệu đến ngày 25/09/2023" in out
    assert "Lý do: ty_le = 45,5% chưa đạt mức tối thiểu 60%" in out
    assert "Chưa đủ số liệu để dự báo (2 tiêu chí, tối đa 1,50 điểm):" in out
    assert out.rstrip().endswith(
        "Tổng điểm dự báo: 10,51/23,50; điểm bị mất: 11,49; chưa dự báo được: 1,50"
    )


# ---------------------------------------------------------------- score sheet


def test_missing_inputs_are_listed_and_the_total_is_provisional() -> None:
    result = run("score", "--inputs", FORECAST_INPUTS)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "TỔNG ĐIỂM TỰ ĐÁNH GIÁ: 10,51/23,50 (tạm tính: 2 tiêu chí chưa đủ số liệu)" in out
    assert "CHƯA ĐỦ SỐ LIỆU (chưa tính điểm):" in out
    assert "  - 8.2.2 Số vốn đăng ký của DN/hộ kinh doanh: thiếu số liệu: nam_truoc" in out


def test_inputs_derived_from_a_report_with_appraisal(tmp_path: Path) -> None:
    path = write_inputs(tmp_path, GIA_NGHIA)
    result = run("score", "--inputs", path, "--report", SEED000, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    leaves = {n["code"]: n for area in data["criteria"] for n in _walk(area) if "children" not in n}
    assert leaves["3.4.1"]["self"]["score"] == 1.82
    assert leaves["3.4.1"]["inputs"]["a"] == {
        "value": 4048,
        "label": "Tổng số hồ sơ TTHC đã giải quyết trong năm",
        "origin": "report",
        "ref": "Biểu mẫu 3 mục 3.2.1",
    }
    assert leaves["3.4.1"]["appraised"]["score"] == 1.78  # 3.600/4.048 × 2,00 = 1,7787
    assert leaves["3.4.1"]["comment"] == "Theo Hệ thống thông tin giải quyết TTHC"
    assert leaves["3.4.2"]["self"]["score"] == 1.92  # 549/573 = 95,81 % ≥ 95 %
    assert leaves["5.4"]["self"]["score"] == 1.5
    assert leaves["5.4"]["appraised"] == {
        "score": 1.0,
        "complete": True,
        "detail": "điểm thẩm định: 1,00",
        "shortfall": "Có 01 lãnh đạo cấp phòng bị khiển trách",
        "direct": True,
    }
    assert leaves["7.3.5"]["self"]["score"] == 0.0  # 0 of 24 full-online services had dossiers
    # 1,82 + 1,92 + 1,50 + 0 + 0 against 1,78 + 1,92 + 1,00 + 0 + 0
    assert data["total"] == {"max": 23.5, "self": 5.24, "appraised": 4.7, "complete": False}
    assert any(
        "quý III năm 2023" in w and "chưa phải số liệu cả năm" in w for w in data["warnings"]
    )


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for c in node.get("children", []) for n in _walk(c))]


def test_sources_named_in_the_inputs_file_are_relative_to_it(tmp_path: Path) -> None:
    stats = {
        "groups": [
            {"level": "huyen", "resolved": 6275, "resolved_on_time": 6260},
            {"level": "xa", "resolved": 8689, "resolved_on_time": 8686},
        ]
    }
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "thong-ke.json").write_text(json.dumps(stats), encoding="utf-8")
    path = write_inputs(
        tmp_path, {"scheme": SCHEME, "unit": "tu-nghia", "sources": {"stats": "data/thong-ke.json"}}
    )
    result = run("score", "--inputs", path)
    assert result.exit_code == 0, result.stderr
    assert "a = 6.275 (thống kê hồ sơ: resolved (level = huyen))" in result.stdout
    assert "Cách tính: b / a = 8.686 / 8.689 = 99,97%; 99,97% × 2,00 = 2,00" in result.stdout


# ---------------------------------------------------------------- ranking


def _unit(
    folder: Path, code: str, before: int, now: int, b: int, appraised: float | None = None
) -> Path:
    data: dict[str, Any] = {
        "scheme": SCHEME,
        "unit": {"code": code, "name": f"UBND huyện {code.upper()}"},
        "criteria": {"8.1": {"nam_truoc": before, "nam_nay": now}, "7.1.3": {"a": 10, "b": b}},
    }
    if appraised is not None:
        data["appraisal"] = {"criteria": {"7.1.3": {"points": appraised, "comment": "Sửa"}}}
    return write_inputs(folder, data, f"{code}.json")


def test_rank_units_by_total(tmp_path: Path) -> None:
    files = [
        _unit(tmp_path, "a", 1, 2, 10),  # 1,00 + 1,00 = 2,00
        _unit(tmp_path, "b", 2, 2, 10),  # 0 + 1,00
        _unit(tmp_path, "c", 1, 2, 10, appraised=0.0),  # appraised: 1,00 + 0
        _unit(tmp_path, "d", 2, 1, 5),  # 0 + 0,50
    ]
    result = run("rank", *files, "--format", "json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    assert [(u["rank"], u["code"], u["self"], u["appraised"], u["score"]) for u in units] == [
        (1, "a", 2.0, None, 2.0),
        (2, "b", 1.0, None, 1.0),
        (2, "c", 2.0, 1.0, 1.0),
        (4, "d", 0.5, None, 0.5),
    ]


def test_rank_exports_xlsx(tmp_path: Path) -> None:
    files = [_unit(tmp_path, "a", 1, 2, 10), _unit(tmp_path, "b", 2, 2, 10)]
    out = tmp_path / "xep-hang.xlsx"
    result = run("rank", *files, "--xlsx", out)
    assert result.exit_code == 0, result.stderr
    ws = load_workbook(out)["Xếp hạng"]
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] in (1, "1", 2, "2")]
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("1", "UBND huyện A", 2.0),
        ("2", "UBND huyện B", 1.0),
    ]


# ---------------------------------------------------------------- documents


def test_score_sheet_xlsx_and_docx_side_by_side(tmp_path: Path) -> None:
    path = write_inputs(tmp_path, GIA_NGHIA)
    xlsx, docx = tmp_path / "bang-diem.xlsx", tmp_path / "bang-diem.docx"
    result = run(
        "score", "-i", path, "--report", SEED000, "--xlsx", xlsx, "--docx", docx, "--forecast"
    )
    assert result.exit_code == 0, result.stderr

    workbook = load_workbook(xlsx)
    sheet = workbook["Bảng chấm điểm"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "BẢNG CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    header = next(r for r in values if r[0] == "STT")
    assert header[:4] == (
        "STT",
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
    )
    row = next(r for r in values if r[0] == "3.4.1")
    assert row[2:4] == (2.0, 1.82)
    assert row[5] == 1.78
    assert "sửa b = 3.600 (thẩm định)" in row[6]
    assert "Theo Hệ thống thông tin giải quyết TTHC" in row[6]
    total = next(r for r in values if r[1] == "TỔNG ĐIỂM")
    assert total[2:4] == (23.5, 5.24)
    assert total[5] == 4.7
    assert "Dự báo" in workbook.sheetnames

    document = Document(str(docx))
    assert document.paragraphs[0].text == "BẢNG CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    assert document.paragraphs[1].text == "Đơn vị: UBND thành phố Gia Nghĩa"
    table = document.tables[0]
    cells = next([c.text for c in r.cells] for r in table.rows if r.cells[0].text == "3.4.1")
    assert cells[2:4] == ["2,00", "1,82"]
    assert cells[5] == "1,78"
    last = [c.text for c in table.rows[-1].cells]
    assert last[1:4] == ["TỔNG ĐIỂM", "23,50", "5,24"]
    assert last[5] == "4,70"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    forecast = document.tables[1]
    # Lost (appraised where appraised): 7.3.4 and 7.3.5 1,00 each (0 of 24 services),
    # 5.4 0,50, 3.4.1 0,22, 3.4.2 0,08.
    codes = [r.cells[1].text.split(". ")[0] for r in forecast.rows[1:6]]
    assert codes == ["7.3.4", "7.3.5", "5.4", "3.4.1", "3.4.2"]


def test_rendered_docx_shows_the_scores(tmp_path: Path) -> None:
    soffice = require_binary("soffice")
    pdftotext = require_binary("pdftotext")
    path = write_inputs(tmp_path, GIA_NGHIA)
    docx = tmp_path / "bang-diem.docx"
    assert run("score", "-i", path, "--report", SEED000, "--docx", docx).exit_code == 0
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "bang-diem.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "BẢNG CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023" in text
    assert "1,82" in text
    assert "TỔNG ĐIỂM" in text


@pytest.mark.slow
def test_printed_score_sheet_has_no_line_over_another(tmp_path: Path) -> None:
    require_binary("soffice")
    xlsx = tmp_path / "bang-diem.xlsx"
    assert run("score", "-i", FORECAST_INPUTS, "--forecast", "--xlsx", xlsx).exit_code == 0
    # The criteria and the evidence wrap in their cells; each row is tall enough for them.
    assert overprinted_pages(convert_to_pdf(xlsx)) == []


# ---------------------------------------------------------------- errors


def test_bad_inputs_exit_2_and_write_nothing(tmp_path: Path) -> None:
    path = write_inputs(
        tmp_path, {"scheme": SCHEME, "unit": "x", "criteria": {"3.4.1": {"a": 5, "b": 6}}}
    )
    out = tmp_path / "bang-diem.xlsx"
    result = run("score", "-i", path, "--xlsx", out)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Lỗi: {path} [tiêu chí 3.4.1]: b = 6 (nhập tay) lớn hơn a = 5 (a = 5 (nhập tay))\n"
    )
    assert not out.exists()


def test_a_failed_export_leaves_earlier_files_untouched(tmp_path: Path) -> None:
    out = tmp_path / "bang-diem.xlsx"
    out.write_bytes(b"old")
    missing = tmp_path / "khong-co" / "bang-diem.docx"
    result = run("score", "-i", FORECAST_INPUTS, "--xlsx", out, "--docx", missing)
    assert result.exit_code == 2
    assert "khong-co/bang-diem.docx: thư mục" in result.stderr
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bang-diem.xlsx"]


def test_no_scheme_anywhere(tmp_path: Path) -> None:
    path = write_inputs(tmp_path, {"unit": "x", "criteria": {}})
    result = run("score", "-i", path)
    assert result.exit_code == 2
    assert "chưa chọn bộ tiêu chí (dùng --scheme hoặc trường “scheme”)" in result.stderr


def test_malformed_scheme_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    scheme = tmp_path / "bo-tieu-chi.yaml"
    scheme.write_text(
        "id: x\ntitle: x\ntotal_max: 2\ncriteria:\n"
        "  - code: '8'\n    name: Tác động\n    children:\n"
        "      - code: '8.2'\n        name: DN\n        max: 2.5\n        children:\n"
        "          - {code: '8.2.1', name: a, max: 0.5, rule: {kind: manual}}\n"
        "          - {code: '8.2.2', name: b, max: 1.5, rule: {kind: manual}}\n",
        encoding="utf-8",
    )
    path = write_inputs(tmp_path, {"unit": "x", "criteria": {}})
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "cchc"), "score", "-s", str(scheme), "-i", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (
        f"Lỗi: {scheme}: tiêu chí 8.2: điểm tối đa 2,50 khác tổng điểm tối đa các tiêu chí con (2,00)"
    )


@pytest.mark.parametrize("command", ["score", "rank"])
def test_help_is_vietnamese(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Chỉ số CCHC" in result.stdout
