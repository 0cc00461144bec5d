"""``cchc import``: files in, one report JSON each out, a summary, and ``cchc validate`` after."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
SEED_000 = SEEDS / "seed000_gia_nghia_2023q3.txt"
SEED_002 = SEEDS / "seed002_tu_nghia_2023q3.txt"
SEED_004 = SEEDS / "seed004_stttt_tra_vinh_2022q1.txt"

runner = CliRunner()


def test_import_writes_one_report_per_file_and_prints_a_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(SEED_000), str(SEED_004), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "seed000_gia_nghia_2023q3.json",
        "seed004_stttt_tra_vinh_2022q1.json",
    ]
    for column in ("Tệp", "Đơn vị", "Kỳ", "Số liệu", "Phát hiện", "Vấn đề"):
        assert column in result.output
    assert "UBND thành phố Gia Nghĩa" in result.output
    assert "Tổng cộng: 2 tệp, 2 tệp đã nhập, 0 tệp không nhập được." in result.output
    data = json.loads((tmp_path / "seed000_gia_nghia_2023q3.json").read_text(encoding="utf-8"))
    assert data["format"] == "cchc.report/1"
    assert data["unit"] == {
        "code": "gia-nghia",
        "name": "UBND thành phố Gia Nghĩa",
        "level": "district",
    }
    assert data["period"] == {
        "year": 2023,
        "kind": "Q3",
        "start": "2023-06-01",
        "end": "2023-08-30",
        "window": "stated",
    }
    assert data["document"]["date"] == "2023-09-07"
    assert data["values"]["procedures.results.district.on_time"]["source"] == {
        "form": "Biểu mẫu 3",
        "code": "3.2.2",
        "label": "Số hồ sơ TTHC giải quyết đúng hạn",
        "raw": "3693",
        "origin": "seed000_gia_nghia_2023q3.txt",
        "location": "bảng 5, dòng 1",
    }


def test_validate_after_import_finds_seed000_errors_and_none_in_seed004(tmp_path: Path) -> None:
    runner.invoke(app, ["import", str(SEED_000), str(SEED_004), "--out", str(tmp_path)])
    bad = runner.invoke(
        app, ["validate", str(tmp_path / "seed000_gia_nghia_2023q3.json"), "--format", "json"]
    )
    assert bad.exit_code == 1
    rules = {
        (f["rule"], tuple(f["codes"][:1]))
        for f in json.loads(bad.output)
        if f["severity"] == "error"
    }
    assert ("ty-le-theo-thanh-phan", ("3.2",)) in rules
    assert ("ho-so-mot-cua-cong-dung-tong", ("3.2.1",)) in rules
    assert ("thuyet-minh-khop-bang", ("2.2",)) in rules
    good = runner.invoke(app, ["validate", str(tmp_path / "seed004_stttt_tra_vinh_2022q1.json")])
    assert good.exit_code == 0, good.output


def test_a_folder_of_reports_and_json_summary(tmp_path: Path) -> None:
    inbox = tmp_path / "archive"
    inbox.mkdir()
    for seed in (SEED_000, SEED_002, SEED_004):
        shutil.copy(seed, inbox / seed.name)
    (inbox / "ghi-chu.pdf").write_bytes(b"%PDF-1.4")  # not a report format: not picked up
    out = tmp_path / "json"
    result = runner.invoke(app, ["import", str(inbox), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = {Path(item["file"]).name: item for item in json.loads(result.output)}
    assert sorted(summary) == [SEED_000.name, SEED_002.name, SEED_004.name]
    assert summary[SEED_002.name]["unit"]["code"] == "phong-noi-vu-tu-nghia"
    assert summary[SEED_002.name]["findings"] == {"error": 1, "warning": 2}
    assert summary[SEED_004.name]["period"] == "2022-Q1"
    assert summary[SEED_004.name]["template"] == "bm-2022"


def test_unreadable_files_get_a_vietnamese_error_exit_2_and_no_output(tmp_path: Path) -> None:
    broken = tmp_path / "bao-cao.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    legacy = tmp_path / "bao-cao-cu.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["import", str(broken), str(legacy), str(SEED_004), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "bao-cao.docx: tệp Word bị hỏng" in result.output
    assert "bao-cao-cu.doc: định dạng .doc chưa đọc được" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["seed004_stttt_tra_vinh_2022q1.json"]
    assert "Traceback" not in result.output


def test_a_document_without_period_needs_period_option(tmp_path: Path) -> None:
    text = tmp_path / "bieu-mau.txt"
    appendix = SEED_004.read_text(encoding="utf-8").split("Phụ lục", 1)[1]
    text.write_text("Phụ lục" + appendix.replace("QUÍ 1/2022", ""), encoding="utf-8")
    out = tmp_path / "out"
    failed = runner.invoke(app, ["import", str(text), "--out", str(out)])
    assert failed.exit_code == 2
    assert "không xác định được kỳ báo cáo" in failed.output
    assert "--period" in failed.output
    assert not out.exists() or not any(out.iterdir())
    done = runner.invoke(
        app,
        [
            "import",
            str(text),
            "--out",
            str(out),
            "--period",
            "2022-Q1",
            "--unit",
            "so-tttt-tra-vinh",
        ],
    )
    assert done.exit_code == 0, done.output
    data = json.loads((out / "bieu-mau.json").read_text(encoding="utf-8"))
    assert (data["unit"]["code"], data["period"]["kind"]) == ("so-tttt-tra-vinh", "Q1")
    assert data["values"]["egov.online_services.dossiers_received"]["value"] == 34279


def test_unit_codes_from_a_unit_list(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(
        "units:\n"
        "  - {code: dak-nong, name: UBND tỉnh Đắk Nông, level: province}\n"
        "  - {code: DN-GN, name: UBND thành phố Gia Nghĩa, level: district, parent: dak-nong}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "import",
            str(SEED_000),
            "--out",
            str(tmp_path),
            "--units",
            str(units),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["unit"]["code"] == "DN-GN"


@pytest.mark.parametrize("option", [["--period", "2023-Q5"], ["--template", "bm-1999"]])
def test_bad_options_are_refused_in_vietnamese(tmp_path: Path, option: list[str]) -> None:
    result = runner.invoke(app, ["import", str(SEED_000), "--out", str(tmp_path), *option])
    assert result.exit_code == 2
    assert "Lỗi:" in result.output
    assert not any(tmp_path.iterdir())
