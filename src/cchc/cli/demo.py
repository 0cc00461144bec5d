"""``cchc demo``: the main job on bundled demo data (what ``make run`` runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cchc.cli.common import console, fail, make_registry
from cchc.cli.vietnamese import VietnameseCommand


def register(app: typer.Typer) -> None:
    app.command("demo", cls=VietnameseCommand)(demo)


def demo(
    workdir: Annotated[
        Path, typer.Option("--workdir", help="Thư mục ghi dữ liệu mẫu và kết quả.")
    ] = Path("var/demo"),
) -> None:
    """Chạy thử trên dữ liệu mẫu: kiểm tra và tổng hợp báo cáo quý III/2023 của một tỉnh."""
    from datetime import date

    from cchc.cli.compile import _print_text
    from cchc.demo import DEMO_DIR, prepare_demo
    from cchc.reportfile import write_json
    from cchc.services.compiling import compile_files

    registry = make_registry(None)
    paths = prepare_demo(workdir / "reports", registry)
    console.print(f"Dữ liệu mẫu: {len(paths)} báo cáo trong {workdir / 'reports'}\n", markup=False)
    tree = registry.load_units(DEMO_DIR / "units.yaml")
    outcome = compile_files(
        paths,
        registry,
        tree=tree,
        compiler="dak-nong",
        at=date(2023, 9, 30),
        levels=["district"],
    )
    if isinstance(outcome, list):
        fail("không đọc được dữ liệu mẫu")
    console.print("KẾT QUẢ KIỂM TRA", style="bold")
    for result in outcome.validation:
        assert result.report is not None and result.result is not None
        errors, warnings = result.result.errors, result.result.warnings
        console.print(
            f"  {result.report.unit.name}: {len(errors)} lỗi, {len(warnings)} cảnh báo, "
            f"{len(result.result.computed)} giá trị được tính bổ sung",
            markup=False,
        )
        for f in errors + warnings:
            console.print(f"    {f.severity.label}: {f.message}", style="yellow", markup=False)
    console.print()
    out = workdir / "tong-hop-2023-q3.json"
    write_json(out, outcome.data)
    _print_text(outcome.data, registry.template(None), registry)
    console.print(f"\nĐã ghi kết quả tổng hợp vào {out}", markup=False)
