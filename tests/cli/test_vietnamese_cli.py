"""The command line speaks Vietnamese in its help pages and usage errors too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click import exceptions as click_errors
from typer.testing import CliRunner

from cchc.cli import app
from cchc.cli.vietnamese import usage_error_message

runner = CliRunner()

# What Typer/Click write on their own when nobody translates them.
ENGLISH = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message",
    "[required]",
    "[default:",
    "Error:",
    "Try '",
    "[OPTIONS]",
    "COMMAND",
    "<str>",
    "<int>",
    "<path>",
    "<list[",
)


def _paths(command: Any, path: list[str]) -> list[list[str]]:
    found = [path]
    for name in sorted(getattr(command, "commands", {}) or {}):
        found += _paths(command.commands[name], [*path, name])
    return found


COMMANDS = _paths(typer.main.get_command(app), [])


def test_the_tree_holds_every_command() -> None:
    names = {" ".join(p) for p in COMMANDS}
    assert {"", "dossiers", "dossiers stats", "dossiers fill", "dossiers apologies"} <= names
    assert {"catalog", "validate", "compile", "demo", "score", "rank", "report", "import"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "cchc")
def test_every_help_page_is_vietnamese(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert result.stdout.startswith("Cách dùng: ")
    assert "--help" in result.stdout
    assert "Hiện hướng dẫn này rồi thoát." in result.stdout
    left = [word for word in ENGLISH if word in result.stdout]
    assert not left, f"cchc {' '.join(path)} --help still says {left}"
    assert not re.search(r"\{\w+\}", result.stdout), "an argument is still written as {name}"


def test_help_names_what_to_type() -> None:
    text = runner.invoke(app, ["dossiers", "stats", "--help"], env={"COLUMNS": "100"}).stdout
    assert "Cách dùng: cchc dossiers stats [TUỲ CHỌN] SỔ_HỒ_SƠ..." in text
    assert "--from dd/mm/yyyy" in text
    assert "--period NĂM-Qn" in text
    flowing = " ".join(text.split())  # wrapped lines joined
    assert "[mặc định: text]" in flowing
    assert "[bắt buộc]" in flowing
    assert "\nTham số:\n" in text
    assert "\nTuỳ chọn:\n" in text
    top = runner.invoke(app, ["--help"], env={"COLUMNS": "100"}).stdout
    assert "[TUỲ CHỌN] LỆNH [THAM SỐ]..." in top
    assert "\nLệnh:\n" in top


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dossiers", "stats"], "thiếu tham số SỔ_HỒ_SƠ"),
        (["dossiers", "fill", "so.csv"], "thiếu tuỳ chọn --report / -r"),
        (
            ["dossiers", "stats", "so.csv", "--format", "xml"],
            "giá trị của --format / -f không hợp lệ: “xml” không phải một trong các giá trị "
            "text, json",
        ),
        (["catalog", "--form", "hai"], "giá trị của --form không hợp lệ: cần một số nguyên"),
        (["catalog", "--fom", "2"], "không có tuỳ chọn --fom (có phải: --form, --format?)"),
        (["dossiers", "thongke"], "không có lệnh “thongke” (các lệnh: stats, fill, apologies)"),
        (["catalog", "thua"], "thừa tham số: thua"),
        (
            ["validate", "bao-cao.json", "--data-dir", "/khong/co/thu-muc"],
            "giá trị của --data-dir không hợp lệ: không tìm thấy thư mục /khong/co/thu-muc",
        ),
    ],
)
def test_usage_errors_are_vietnamese(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"Lỗi: {message}.\n" in result.stderr
    assert "Cách dùng: " in result.stderr
    assert "Xem hướng dẫn: " in result.stderr
    left = [word for word in ENGLISH if word in result.stderr]
    assert not left, f"the error still says {left}"
    assert result.stdout == ""


def test_an_option_without_its_value() -> None:
    # The parser raises this one without a context: no usage line to show, the message stays.
    result = runner.invoke(app, ["dossiers", "stats", "so.csv", "--from"])
    assert result.exit_code == 2
    assert result.stderr == "Lỗi: tuỳ chọn --from cần một giá trị.\n"


def test_the_installed_command_reports_usage_errors_in_vietnamese() -> None:
    command = Path(sys.executable).parent / "cchc"
    done = subprocess.run(
        [str(command), "dossiers", "stats", "so.csv", "--form", "01/07/2023"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    last = done.stderr.splitlines()[-1]
    assert last.startswith("Lỗi: không có tuỳ chọn --form (có phải: --format, --from")
    assert "Cách dùng: cchc dossiers stats [TUỲ CHỌN] SỔ_HỒ_SƠ..." in done.stderr


def test_exit_codes_of_commands_are_kept(tmp_path: Path) -> None:
    # validate ends with typer.Exit(2) for an unreadable file: the code must survive
    # the root catching usage errors.
    result = runner.invoke(app, ["validate", str(tmp_path / "khong-co.json")])
    assert result.exit_code == 2
    assert runner.invoke(app, ["catalog", "--form", "1"]).exit_code == 0


def test_a_message_of_an_unknown_kind_is_kept_whole() -> None:
    # Better an English detail than a wrong translation or nothing.
    error = click_errors.UsageError("Something new went wrong.")
    assert usage_error_message(error) == "Something new went wrong."
    missing = click_errors.BadParameter("value is odd.", param=None)
    assert usage_error_message(missing) == "giá trị không hợp lệ: value is odd."


@pytest.mark.parametrize(
    ("arguments", "stream", "expected", "code"),
    [
        (["catalog", "--form", "3"], "stdout", "BIỂU MẪU 3. Cải cách thủ tục hành chính", 0),
        (
            ["dossiers", "stats", "khong-co.csv", "--from", "01/01/2023", "--to", "31/03/2023"],
            "stderr",
            "Lỗi: khong-co.csv: không tìm thấy tệp",
            2,
        ),
    ],
)
def test_output_is_vietnamese_whatever_the_locale_code_page(
    arguments: list[str], stream: str, expected: str, code: int
) -> None:
    """A locale whose code page has no "ố" (ASCII here; cp1258 on Windows in Vietnamese,
    for a redirected output) must not break the output nor escape its letters."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"))
    }
    # No UTF-8 mode and no locale coercion: Python writes in the C locale's ASCII.
    environment |= {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    command = Path(sys.executable).parent / "cchc"
    done = subprocess.run(
        [str(command), *arguments], capture_output=True, env=environment, check=False
    )
    assert done.returncode == code, done.stderr.decode("utf-8", "replace")
    assert expected in getattr(done, stream).decode("utf-8")
