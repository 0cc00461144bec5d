"""The folder names are the architecture: the domain imports no adapter library."""

from __future__ import annotations

import ast
from pathlib import Path

import cchc

DOMAIN = Path(cchc.__file__).parent / "domain"
FORBIDDEN = {
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "docx",
    "openpyxl",
    "duckdb",
    "polars",
    "pandas",
    "jinja2",
    "httpx",
    "typer",
    "rich",
    "yaml",
    "jsonschema",
    "matplotlib",
    "pyarrow",
    "json",
    "sqlite3",
    "csv",
    "requests",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_imports_no_web_database_or_file_format_library() -> None:
    offenders = {
        path.name: sorted(_imports(path) & FORBIDDEN) for path in sorted(DOMAIN.glob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_domain_modules_stay_near_the_size_cap() -> None:
    # One module per concept; a module far past ~400 lines is two concepts.
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in DOMAIN.glob("*.py")}
    assert {k: v for k, v in sizes.items() if v > 480} == {}
