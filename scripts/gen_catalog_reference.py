"""Write docs/catalog-reference.md from the catalog and template files."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc.registry import Registry

OUT = Path(__file__).resolve().parent.parent / "docs" / "catalog-reference.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    registry = Registry(use_env=False)
    catalog = registry.catalog
    templates = sorted(registry.templates.values(), key=lambda t: t.id)
    lines = [
        "# Danh mục chỉ tiêu (catalog reference)",
        "",
        "Generated from `src/cchc/catalogs/` by `make docs` (`scripts/gen_catalog_reference.py`).",
        "Printed codes per template version: "
        + ", ".join(f"`{t.id}` ({t.title})" for t in templates)
        + ".",
        "",
    ]
    for number, form in catalog.forms.items():
        lines += [f"## Biểu mẫu {number}. {form.title}", ""]
        head = (
            "| "
            + " | ".join(t.id for t in templates)
            + " | key | chỉ tiêu | đơn vị | loại | tính | tổng hợp |"
        )
        lines += [head, "|" + "---|" * (len(templates) + 6)]
        for ind in catalog.by_form(number):
            codes = " | ".join(t.code_for(ind.key) or "—" for t in templates)
            how = ""
            if ind.formula:
                how = "= " + ind.formula.render(lambda k: catalog.get(k).code)
            elif ind.sum_of:
                how = "= " + " + ".join(catalog.get(k).code for k in ind.sum_of)
            if ind.cumulative:
                how = (how + "; " if how else "") + "lũy kế"
            lines.append(
                f"| {codes} | `{ind.key}` | {_cell(ind.name)} | {_cell(ind.unit)} | {ind.kind.label} | "
                f"{_cell(how)} | {ind.aggregate.value} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
