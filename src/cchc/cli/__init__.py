"""The ``cchc`` command line. Each command lives in its own module and registers itself.

Commands are thin: they parse options, call the same service functions the
web application uses, and print. Heavy imports happen inside the commands
so that ``cchc --help`` stays fast.
"""

from __future__ import annotations

import importlib

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


def main() -> None:
    app()
