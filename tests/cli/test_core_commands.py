"""The core commands as an official runs them: catalog, validate, compile, demo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cchc.cli import app

runner = CliRunner()


def test_validate_reports_errors_in_vietnamese_and_exits_1(seed000: Path) -> None:
    result = runner.invoke(app, ["validate", str(seed000)])
    assert result.exit_code == 1
    assert "UBND thành phố Gia Nghĩa, quý III năm 2023" in result.stdout
    assert "Lỗi       Biểu mẫu 3, mục 3.2 ghi 70%" in result.stdout
    assert "→ 1 lỗi, 2 cảnh báo, 7 giá trị được tính bổ sung" in result.stdout


def test_validate_exits_0_on_a_consistent_report(seed004: Path) -> None:
    result = runner.invoke(app, ["validate", "--quiet", str(seed004)])
    assert result.exit_code == 0
    assert "\n  Thông tin " not in result.stdout
    assert "0 lỗi, 0 cảnh báo" in result.stdout


def test_validate_json_is_a_list_of_findings(seed000: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(seed000)])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    error = next(f for f in findings if f["severity"] == "error")
    assert {"rule", "severity", "indicators", "codes", "actual", "expected", "message"} <= set(
        error
    )
    assert error["codes"] == ["3.2", "3.2.2", "3.2.1"]
    assert error["actual"] == 70
    assert round(error["expected"], 2) == 91.23
    assert error["file"] == str(seed000)
    assert error["unit"] == "gia-nghia"
    assert error["period"] == "2023-Q3"


def test_an_unreadable_file_is_named_the_others_still_checked(
    tmp_path: Path, seed004: Path
) -> None:
    bad = tmp_path / "hong.json"
    bad.write_text("{không phải json", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad), str(seed004)])
    assert result.exit_code == 2
    assert f"✗ {bad}" in result.stdout
    assert "Sở Thông tin và Truyền thông tỉnh Trà Vinh" in result.stdout
    assert "Traceback" not in result.stdout


def test_compile_writes_the_compiled_file(tmp_path: Path, seed000: Path) -> None:
    second = json.loads(seed000.read_text(encoding="utf-8"))
    second["unit"] = {"code": "cu-jut", "name": "UBND huyện Cư Jút", "level": "district"}
    second["values"] = {
        "procedures.results.district.resolved": {"value": 952},
        "procedures.results.district.on_time": {"value": 950},
    }
    other = tmp_path / "cu-jut.json"
    other.write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "tong-hop.json"
    result = runner.invoke(app, ["compile", str(seed000), str(other), "--out", str(out)])
    assert result.exit_code == 0, result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "cchc.compiled/1"
    resolved = data["values"]["procedures.results.district.resolved"]
    assert resolved["value"] == 4048 + 952
    assert [c["unit"] for c in resolved["contributions"]] == ["gia-nghia", "cu-jut"]
    rate = data["values"]["procedures.results.district.on_time_rate"]
    assert round(rate["value"], 2) == round((3693 + 950) / (4048 + 952) * 100, 2)
    assert "TỔNG HỢP SỐ LIỆU QUÝ III NĂM 2023" in result.stdout
    assert "1 đơn vị có số liệu còn lỗi" in result.stdout


def test_compile_checks_who_has_reported(tmp_path: Path, seed000: Path) -> None:
    units = Path(__file__).resolve().parents[2] / "src" / "cchc" / "demo" / "units.yaml"
    result = runner.invoke(
        app,
        [
            "compile",
            str(seed000),
            "--units",
            str(units),
            "--compiler",
            "dak-nong",
            "--at",
            "30/09/2023",
            "--levels",
            "district",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["completeness"]["label"] == "1/8 đơn vị"
    assert "tuy-duc" in data["completeness"]["missing"]


def test_compile_refuses_mixed_periods(tmp_path: Path, seed000: Path, seed004: Path) -> None:
    result = runner.invoke(app, ["compile", str(seed000), str(seed004)])
    assert result.exit_code == 2
    assert "nhiều kỳ khác nhau" in result.stderr


def test_compile_refuses_an_unknown_compiler(seed000: Path) -> None:
    units = Path(__file__).resolve().parents[2] / "src" / "cchc" / "demo" / "units.yaml"
    result = runner.invoke(
        app, ["compile", str(seed000), "--units", str(units), "--compiler", "hue"]
    )
    assert result.exit_code == 2
    assert "không có đơn vị tổng hợp “hue”" in result.stderr


def test_catalog_lists_forms_and_printed_codes() -> None:
    result = runner.invoke(app, ["catalog", "--format", "json", "--template", "bm-2022"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [f["number"] for f in data["forms"]] == [1, 2, 3, 4, 5, 6, 7]
    # 146 printed rows and the 7 supplementary digitisation rows no printing carries.
    assert len(data["indicators"]) == 153
    assert [i["key"] for i in data["indicators"] if i["code"] is None] == [
        "procedures.digitisation",
        "procedures.digitisation.input_rate",
        "procedures.digitisation.received",
        "procedures.digitisation.digitised_input",
        "procedures.digitisation.result_rate",
        "procedures.digitisation.resolved",
        "procedures.digitisation.digitised_result",
    ]
    received = next(
        i for i in data["indicators"] if i["key"] == "egov.online_services.dossiers_received"
    )
    assert received["code"] == "6.7.1"
    assert received["codes"]["bm-2022"] == "6.7.1"
    assert received["codes"]["bm-2023"] == "6.4.1"
    text = runner.invoke(app, ["catalog", "--form", "3"])
    assert (
        "3.2     Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn"
        in text.stdout
    )


def test_catalog_refuses_an_unknown_form() -> None:
    result = runner.invoke(app, ["catalog", "--form", "9"])
    assert result.exit_code == 2
    assert "không có biểu mẫu 9" in result.stderr


def test_demo_validates_and_compiles_the_bundled_reports(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--workdir", str(tmp_path)])
    assert result.exit_code == 0, result.stdout
    assert "UBND thành phố Gia Nghĩa: 1 lỗi, 2 cảnh báo" in result.stdout
    assert "Đơn vị đã gửi báo cáo: 7/8 đơn vị" in result.stdout
    assert (tmp_path / "tong-hop-2023-q3.json").exists()


def test_the_installed_command_runs() -> None:
    command = Path(sys.executable).parent / "cchc"
    assert command.exists() or shutil.which("cchc")
    done = subprocess.run([str(command), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "cải cách hành chính" in done.stdout
