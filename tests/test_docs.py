"""Docs tested against the code: what the docs say is what the code does."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from cchc.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_generated_from_the_current_help() -> None:
    expected = _script("gen_cli_reference").render()
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == expected, "run `make docs`"


def test_catalog_reference_is_generated_from_the_current_catalog() -> None:
    expected = _script("gen_catalog_reference").render()
    assert (DOCS / "catalog-reference.md").read_text(encoding="utf-8") == expected, (
        "run `make docs`"
    )


def test_every_rule_kind_is_documented(registry: Registry) -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z_]+)`", text, flags=re.MULTILINE))
    assert documented == set(registry.rule_kinds.kinds)


def test_every_built_in_rule_is_listed_in_the_user_guide(registry: Registry) -> None:
    text = (DOCS / "huong-dan.md").read_text(encoding="utf-8")
    missing = [spec.id for spec in registry.rule_specs if f"`{spec.id}`" not in text]
    assert missing == []


def test_readme_quick_start_is_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert block.strip().splitlines() == ["make run", "make test"]
