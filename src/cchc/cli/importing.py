"""``cchc import``: report documents (TXT, DOCX, XLSX) into canonical report JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.cli.common import DataDirs, Format, FormatOption, console, fail, make_registry, print_json
from cchc.cli.progress import progress_over
from cchc.cli.vietnamese import VietnameseCommand

if TYPE_CHECKING:
    from cchc.domain.report import ReportData
    from cchc.services.importing import ImportSummary


def register(app: typer.Typer) -> None:
    app.command("import", cls=VietnameseCommand)(import_command)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP", help="Các tệp báo cáo (.txt, .docx, .xlsx) hoặc thư mục chứa chúng."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Thư mục ghi các tệp JSON kết quả.")
    ] = Path(),
    output: FormatOption = Format.text,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Mã đơn vị dùng cho mọi tệp (thay cho mã tự sinh từ tên)."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="NĂM-Qn",
            help="Kỳ báo cáo NĂM-Qn (vd. 2023-Q3) khi văn bản không ghi rõ.",
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option("--template", "-t", help="Buộc dùng mẫu biểu này (mặc định: tự nhận ra)."),
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option("--units", help="Tệp danh sách đơn vị (YAML/JSON) để lấy mã đơn vị theo tên."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="In cả các ghi chú (thông tin) khi nhập.")
    ] = False,
    data_dir: DataDirs = None,
) -> None:
    """Nhập báo cáo cũ (văn bản, Word, Excel) thành tệp số liệu JSON chuẩn cchc.report/1.

    Mã thoát: 0 khi mọi tệp nhập được, 2 khi có tệp không nhập được (không ghi tệp kết quả).
    """
    from cchc.domain.periods import Period
    from cchc.importers.pipeline import ImportOptions
    from cchc.registry import RegistryError
    from cchc.services.importing import collect_inputs, import_files

    registry = make_registry(data_dir)
    options = ImportOptions(unit=unit, template=template)
    if period is not None:
        try:
            options.period = Period.parse(period)
        except ValueError as exc:
            fail(str(exc))
    try:
        if template is not None:
            registry.template(template)
        if units is not None:
            options.units = registry.load_units(units)
        registry.rules  # noqa: B018 - a broken rule file is reported before any import
    except RegistryError as exc:
        fail(str(exc))
    inputs = collect_inputs(files)
    if not inputs:
        fail("không có tệp báo cáo nào để nhập (.txt, .docx, .xlsx)")
    summaries = import_files(
        inputs, registry, out, options, progress=lambda items: progress_over(items, "Nhập tệp")
    )
    failed = [s for s in summaries if s.error]
    if output is Format.json:
        print_json([s.as_dict() for s in summaries])
    else:
        _print_text(summaries, verbose)
    if failed:
        raise typer.Exit(2)


def _period_label(report: ReportData) -> str:
    """ "6 tháng đầu năm 2024" for a six-month report, as its title says, not "quý II"."""
    if report.meta.get("report_kind") in ("6 tháng", "9 tháng", "năm"):
        return f"{report.period.kind.cumulative_label} {report.period.year}"
    return report.period.label


def _print_text(summaries: list[ImportSummary], verbose: bool) -> None:
    from rich.table import Table

    from cchc.domain.findings import Severity

    table = Table(title="KẾT QUẢ NHẬP BÁO CÁO", show_lines=False)
    for column in ("Tệp", "Đơn vị", "Kỳ", "Số liệu", "Phát hiện", "Vấn đề"):
        table.add_column(column, overflow="fold")
    for s in summaries:
        if s.error:
            table.add_row(Path(s.file).name, "—", "—", "—", "—", "không nhập được", style="red")
            continue
        assert s.result is not None
        report = s.result.report
        found = f"{s.result.values_found} ô; {len(report.narrative_values)} thuyết minh"
        findings = f"{s.count(Severity.ERROR)} lỗi, {s.count(Severity.WARNING)} cảnh báo"
        serious = [p for p in s.problems if p.severity is not Severity.INFO]
        notes = len(s.problems) - len(serious)
        problems = f"{len(serious)}" + (f" (+{notes} ghi chú)" if notes else "")
        table.add_row(
            Path(s.file).name,
            report.unit.name or report.unit.code,
            _period_label(report),
            found,
            findings,
            problems,
        )
    console.print(table)
    for s in summaries:
        if s.error:
            console.print(f"✗ {s.error}", style="bold red", markup=False)
            continue
        shown = [p for p in s.problems if verbose or p.severity is not Severity.INFO]
        if shown or s.output:
            console.print(f"{Path(s.file).name} → {s.output}", style="bold", markup=False)
        for p in shown:
            console.print(
                f"  {p.severity.label:<9} {p.text}", style=_STYLE[p.severity.value], markup=False
            )
        for f in s.findings:
            if f.severity is not Severity.INFO and (verbose or f.severity is Severity.ERROR):
                console.print(
                    f"  Phát hiện {f.severity.label.lower()}: {f.message}  [{f.rule}]",
                    style=_STYLE[f.severity.value],
                    markup=False,
                )
    imported = sum(1 for s in summaries if not s.error)
    console.print(
        f"Tổng cộng: {len(summaries)} tệp, {imported} tệp đã nhập, "
        f"{len(summaries) - imported} tệp không nhập được. "
        "Xem toàn bộ phát hiện: cchc validate <tệp JSON>.",
        markup=False,
    )
