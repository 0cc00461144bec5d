"""Shared pieces of the command line: output format, data folders, errors, console."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from cchc.registry import Registry, RegistryError

__all__ = [
    "DataDirs",
    "Format",
    "FormatOption",
    "console",
    "err_console",
    "fail",
    "make_registry",
    "print_json",
]

# Plain output when piped: no colours, no wrapping that would break grep.
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Định dạng kết quả: text (mặc định) hoặc json.")
]
DataDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--data-dir",
        help="Thư mục dữ liệu bổ sung (danh mục, mẫu biểu, quy tắc của địa phương); "
        "dùng nhiều lần được.",
        exists=True,
        file_okay=False,
    ),
]


def make_registry(extra: list[Path] | None) -> Registry:
    try:
        return Registry(extra or ())
    except RegistryError as exc:
        fail(str(exc))


def fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"Lỗi: {message}", markup=False)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
