"""``cchc report``: files written whole, Vietnamese messages, exit codes, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from cchc.cli import app

runner = CliRunner()


def test_unit_report_writes_docx_and_xlsx(seed000: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            str(seed000),
            "--out",
            str(tmp_path / "bc.docx"),
            "--xlsx",
            str(tmp_path / "pl.xlsx"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Đã lập văn bản:" in result.output
    assert "Đã lập phụ lục XLSX:" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.docx", "pl.xlsx"]
    # The seed's 3.2 contradicts its components: the user is told before signing.
    assert "số liệu còn 1 lỗi" in result.output
    assert Document(str(tmp_path / "bc.docx")).tables[0].rows[1].cells[0].text == "Số: 53/BC-UBND"


def test_default_output_is_next_to_the_input(seed004: Path, tmp_path: Path) -> None:
    source = tmp_path / "stttt.json"
    shutil.copyfile(seed004, source)
    result = runner.invoke(app, ["report", str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "stttt.docx").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "không tìm thấy tệp"),
        ("{không phải json", "JSON không hợp lệ"),
        ('{"format": "cchc.report/1"}', "thiếu trường bắt buộc"),
    ],
)
def test_bad_input_is_a_vietnamese_error_naming_the_file(
    tmp_path: Path, content: str | None, message: str
) -> None:
    source = tmp_path / "loi.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["report", str(source), "--out", str(tmp_path / "loi.docx")])
    assert result.exit_code == 2
    assert f"Lỗi: {source}" in result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an exception
    assert not (tmp_path / "loi.docx").exists()


def test_one_input_exactly(seed000: Path, tmp_path: Path) -> None:
    for args in (["report"], ["report", str(seed000), "--compiled", str(seed000)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert "cần đúng một đầu vào" in result.output


def test_pdf_without_libreoffice_is_a_clear_message_and_exit_2(
    seed004: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SOFFICE", "khong-co-libreoffice")
    result = runner.invoke(
        app, ["report", str(seed004), "--out", str(tmp_path / "bc.docx"), "--pdf"]
    )
    assert result.exit_code == 2
    assert "máy chưa cài LibreOffice" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bc.docx"
    ]  # the DOCX is still there, no PDF


def test_pdf_with_libreoffice(seed004: Path, tmp_path: Path) -> None:
    from conftest import require_binary

    require_binary("soffice")
    result = runner.invoke(
        app, ["report", str(seed004), "--out", str(tmp_path / "bc.docx"), "--pdf"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.docx", "bc.pdf"]


def test_wrong_output_suffix_is_refused(seed004: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(seed004), "--out", str(tmp_path / "bc.pdf")])
    assert result.exit_code == 2
    assert "phải có đuôi .docx" in result.output


def test_consolidated_report_from_the_demo_compilation(tmp_path: Path) -> None:
    from cchc.demo import DEMO_DIR

    demo = runner.invoke(app, ["demo", "--workdir", str(tmp_path)])
    assert demo.exit_code == 0, demo.output
    compiled = tmp_path / "tong-hop-2023-q3.json"
    out = tmp_path / "tong-hop.docx"
    args = [
        "report",
        "--compiled",
        str(compiled),
        "--units",
        str(DEMO_DIR / "units.yaml"),
        "-o",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Số đơn vị đã gửi báo cáo: 7/8 đơn vị." in texts
    assert "Các đơn vị chưa gửi báo cáo (01 đơn vị): UBND huyện Tuy Đức." in texts


def test_a_compiled_file_that_is_not_one_is_refused(seed000: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", "--compiled", str(seed000), "-o", str(tmp_path / "x.docx")]
    )
    assert result.exit_code == 2
    assert "không phải tệp tổng hợp" in result.output
    assert not (tmp_path / "x.docx").exists()
