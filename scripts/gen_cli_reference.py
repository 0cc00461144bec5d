"""Write docs/cli.md from the commands' own --help (the doc cannot drift from the code)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from cchc.cli import app

OUT = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _walk(command: Any, path: list[str]) -> list[list[str]]:
    found = [path]
    for name in sorted(getattr(command, "commands", {}) or {}):
        found += _walk(command.commands[name], [*path, name])
    return found


def render() -> str:
    runner = CliRunner()
    parts = [
        "# Tham chiếu dòng lệnh `cchc` (CLI reference)",
        "",
        "Generated from each command's `--help` by `make docs` (`scripts/gen_cli_reference.py`);",
        "a test fails when this file and the code disagree.",
        "",
    ]
    for path in _walk(typer.main.get_command(app), []):
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100", "TERM": "dumb"})
        text = result.stdout.replace("Cách dùng: root", "Cách dùng: cchc").rstrip()
        parts += [f"## `{' '.join(['cchc', *path])}`", "", "```", text, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
