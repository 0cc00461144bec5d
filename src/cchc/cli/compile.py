"""``cchc compile``: add up unit reports into a compiler's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cchc.cli.common import (
    DataDirs,
    Format,
    FormatOption,
    console,
    fail,
    make_registry,
    print_json,
)
from cchc.cli.progress import progress_over
from cchc.cli.vietnamese import VietnameseCommand


def register(app: typer.Typer) -> None:
    app.command("compile", cls=VietnameseCommand)(compile_command)


def compile_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="TỆP", help="Các tệp báo cáo JSON cùng một kỳ.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Ghi kết quả tổng hợp (JSON cchc.compiled/1) vào tệp này."
        ),
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help="Tệp danh sách đơn vị (YAML/JSON) để kiểm tra đủ báo cáo và gộp đơn vị đã sáp nhập.",
        ),
    ] = None,
    compiler: Annotated[
        str | None, typer.Option("--compiler", help="Mã đơn vị tổng hợp (cần --units).")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="dd/mm/yyyy",
            help="Ngày áp dụng cơ cấu đơn vị, dd/mm/yyyy (mặc định: hôm nay).",
        ),
    ] = None,
    levels: Annotated[
        str | None,
        typer.Option(
            "--levels",
            help="Cấp đơn vị phải báo cáo, phân cách bằng dấu phẩy (mặc định: đơn vị trực thuộc).",
        ),
    ] = None,
    template: Annotated[
        str | None, typer.Option("--template", "-t", help="Mẫu biểu dùng để in mã số.")
    ] = None,
    output: FormatOption = Format.text,
    data_dir: DataDirs = None,
) -> None:
    """Tổng hợp số liệu của nhiều đơn vị: cộng số đếm, tính lại tỷ lệ, phân bố mã, kiểm tra đủ báo cáo."""
    from cchc.domain.compiling import CompileError
    from cchc.domain.periods import parse_date
    from cchc.registry import RegistryError
    from cchc.reportfile import write_json
    from cchc.services.compiling import compile_files

    registry = make_registry(data_dir)
    tree = None
    if units is not None:
        try:
            tree = registry.load_units(units)
        except RegistryError as exc:
            fail(str(exc))
        if compiler is not None and compiler not in tree:
            fail(f"không có đơn vị tổng hợp “{compiler}” trong {units}")
    elif compiler is not None:
        fail("--compiler cần tệp đơn vị (--units)")
    try:
        when = parse_date(at) if at else None
        chosen = registry.template(template)
    except (ValueError, RegistryError) as exc:
        fail(str(exc))
    level_list = [x.strip() for x in levels.split(",") if x.strip()] if levels else None
    try:
        outcome = compile_files(
            list(progress_over(files, "Đọc và kiểm tra")),
            registry,
            tree=tree,
            compiler=compiler,
            at=when,
            levels=level_list,
        )
    except CompileError as exc:
        fail(str(exc))
    if isinstance(outcome, list):
        for item in outcome:
            console.print(f"✗ {item.error}", style="bold red", markup=False)
        fail("không có tệp báo cáo nào đọc được")
    if out is not None:
        write_json(out, outcome.data)
    if output is Format.json:
        if out is None:
            print_json(outcome.data)
    else:
        _print_text(outcome.data, chosen, registry)
        for item in outcome.failed:
            console.print(f"✗ {item.error} (không được tổng hợp)", style="bold red", markup=False)
        if out is not None:
            console.print(f"Đã ghi kết quả tổng hợp vào {out}", markup=False)
    if outcome.failed:
        raise typer.Exit(2)


def _print_text(data: dict[str, Any], template: Any, registry: Any) -> None:
    from cchc.domain.numbers import format_number, format_percent
    from cchc.domain.periods import Period, PeriodKind, format_date

    period = Period(data["period"]["year"], PeriodKind(data["period"]["kind"]))
    who = (data.get("compiler") or {}).get("name") or (data.get("compiler") or {}).get("code")
    console.print(
        f"TỔNG HỢP SỐ LIỆU {period.label.upper()}" + (f" — {who}" if who else ""), style="bold"
    )
    console.print(f"Số báo cáo được tổng hợp: {len(data['reports'])}", markup=False)
    if data.get("completeness"):
        comp = data["completeness"]
        console.print(f"Đơn vị đã gửi báo cáo: {comp['label']}", markup=False)
        if comp["missing"]:
            console.print("  Chưa gửi: " + ", ".join(comp["missing"]), style="yellow", markup=False)
    if data.get("at"):
        from datetime import date as _date

        console.print(
            f"Cơ cấu đơn vị áp dụng tại ngày {format_date(_date.fromisoformat(data['at']))}",
            markup=False,
        )
    for roll in data["rollups"]:
        console.print(
            f"  Gộp số liệu của {roll['from']} vào đơn vị kế thừa {roll['to']}", markup=False
        )
    for f in data["findings"]:
        console.print(f"  {f['severity']}: {f['message']}", style="yellow", markup=False)
    catalog = registry.catalog
    current_form = None
    for key, item in data["values"].items():
        if not item["contributions"]:
            continue
        ind = catalog.get(key)
        if ind.form != current_form:
            current_form = ind.form
            console.print(f"\nBIỂU MẪU {ind.form}. {catalog.forms[ind.form].title}", style="bold")
        code = template.code_for(key) or ind.code
        method = item["method"]
        n = item["units_reporting"]
        if method == "sum":
            shown, how = format_number(item["value"]), f"cộng {n} đơn vị"
        elif method == "formula":
            shown = "—" if item["value"] is None else format_percent(item["value"])
            how = "tính lại từ số đã cộng"
        elif method == "distribution":
            shown, how = item.get("label", ""), ""
        else:
            lo, hi = item.get("min"), item.get("max")
            fmt = format_percent if ind.kind.value == "percent" else format_number
            shown = f"{fmt(lo)} – {fmt(hi)}" if lo is not None else "—"
            how = f"từng đơn vị ({n})"
        console.print(f"  {code:<7} {ind.name[:70]:<70} {shown:>14}  {how}", markup=False)
