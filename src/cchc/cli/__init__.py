"""The ``cchc`` command line. Each command lives in its own module and registers itself.

Commands are thin: they parse options, call the same service functions the
web application uses, and print. Heavy imports happen inside the commands
so that ``cchc --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from cchc.cli.vietnamese import VietnameseGroup

__all__ = ["app", "main"]

app = typer.Typer(
    name="cchc",
    cls=VietnameseGroup,
    help="Hệ thống báo cáo cải cách hành chính: kiểm tra, tổng hợp số liệu và lập văn bản.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# One module per command group; each defines ``register(app)``.
COMMAND_MODULES = [
    "cchc.cli.catalog",
    "cchc.cli.validate",
    "cchc.cli.compile",
    "cchc.cli.demo",
    "cchc.cli.score",
    "cchc.cli.report",
    "cchc.cli.importing",
    "cchc.cli.dossiers",
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


# Letters with tone marks as every message writes them (NFC): a code page must take these.
_VIETNAMESE = "Lỗi: không tìm thấy tệp; THỐNG KÊ HỒ SƠ MỘT CỬA; đúng hạn"


def _vietnamese_streams() -> None:
    """Standard output and error in UTF-8 when their encoding cannot write Vietnamese.

    Python writes a pipe or a file in the locale's code page: on Windows in
    Vietnamese that is cp1258, which has no precomposed letter such as "ố",
    so ``cchc … > ket-qua.txt`` died half-way with UnicodeEncodeError and
    error messages came out as "kh\\xf4ng". UTF-8 is what an editor and a
    spreadsheet read. An encoding the user chose (PYTHONIOENCODING) is kept.
    """
    if os.environ.get("PYTHONIOENCODING"):
        return
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            _VIETNAMESE.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


def main() -> None:
    _vietnamese_streams()
    app()
