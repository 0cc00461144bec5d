"""``cchc catalog``: the forms and indicators, with their printed codes."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cchc.cli.common import DataDirs, Format, FormatOption, console, fail, make_registry, print_json
from cchc.cli.vietnamese import VietnameseCommand


def register(app: typer.Typer) -> None:
    app.command("catalog", cls=VietnameseCommand)(catalog)


def catalog(
    template: Annotated[
        str | None,
        typer.Option(
            "--template", "-t", help="Mã mẫu biểu để hiển thị mã số in (mặc định: mẫu hiện hành)."
        ),
    ] = None,
    form: Annotated[
        int | None, typer.Option("--form", help="Chỉ hiển thị một biểu mẫu (1–7).")
    ] = None,
    output: FormatOption = Format.text,
    data_dir: DataDirs = None,
) -> None:
    """Liệt kê biểu mẫu và chỉ tiêu thống kê cùng mã số in trên mẫu."""
    from cchc.registry import RegistryError

    registry = make_registry(data_dir)
    try:
        cat = registry.catalog
        chosen = registry.template(template)
        templates = registry.templates
    except RegistryError as exc:
        fail(str(exc))
    if form is not None and form not in cat.forms:
        fail(f"không có biểu mẫu {form} (có: {', '.join(map(str, sorted(cat.forms)))})")
    indicators = [i for i in cat if form is None or i.form == form]
    if output is Format.json:
        print_json(
            {
                "template": chosen.id,
                "templates": [
                    {
                        "id": t.id,
                        "title": t.title,
                        "valid_from": t.valid_from.isoformat() if t.valid_from else None,
                        "valid_to": t.valid_to.isoformat() if t.valid_to else None,
                    }
                    for t in templates.values()
                ],
                "forms": [
                    {"number": f.number, "key": f.key, "title": f.title}
                    for f in cat.forms.values()
                    if form is None or f.number == form
                ],
                "indicators": [_indicator(i, chosen.id, templates) for i in indicators],
            }
        )
        return
    for number, f in cat.forms.items():
        if form is not None and number != form:
            continue
        console.print(f"\nBIỂU MẪU {number}. {f.title}", style="bold")
        for ind in cat.by_form(number):
            row = chosen.row(ind.key)
            code = row.code if row else "—"
            label = row.label if row else ind.name
            unit = f" [{ind.unit}]" if ind.unit else ""
            extra = []
            if ind.cumulative:
                extra.append("lũy kế")
            if ind.formula:
                extra.append("= " + ind.formula.render(lambda k: chosen.code_for(k) or k))
            if ind.sum_of:
                extra.append("= " + " + ".join(chosen.code_for(k) or k for k in ind.sum_of))
            tail = f" ({'; '.join(extra)})" if extra else ""
            console.print(f"  {code:<7} {label}{unit}{tail}", markup=False)
            console.print(f"          {ind.key}", style="dim", markup=False)


def _indicator(ind: Any, template: str, templates: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": ind.key,
        "form": ind.form,
        "code": templates[template].code_for(ind.key),
        "codes": {t.id: t.code_for(ind.key) for t in templates.values()},
        "name": ind.name,
        "unit": ind.unit,
        "kind": ind.kind.value,
        "parent": ind.parent,
        "levels": list(ind.levels),
        "cumulative": ind.cumulative,
        "measure": ind.measure.value,
        "formula": ind.formula.text if ind.formula else None,
        "sum_of": list(ind.sum_of),
        "options": [{"code": o.code, "label": o.label} for o in ind.options],
        "aggregate": ind.aggregate.value,
        "note": ind.note or None,
    }
