"""``cchc validate``: check report files against the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cchc.cli.common import DataDirs, Format, FormatOption, console, make_registry, print_json
from cchc.cli.progress import progress_over
from cchc.cli.vietnamese import VietnameseCommand


def register(app: typer.Typer) -> None:
    app.command("validate", cls=VietnameseCommand)(validate)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="TỆP", help="Các tệp báo cáo JSON (định dạng cchc.report/1)."),
    ],
    output: FormatOption = Format.text,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Không in các dòng thông tin (giá trị được tính bổ sung)."
        ),
    ] = False,
    data_dir: DataDirs = None,
) -> None:
    """Kiểm tra số liệu trong các tệp báo cáo.

    Mã thoát: 0 khi không có lỗi, 1 khi có lỗi số liệu, 2 khi có tệp không đọc được.
    """
    from cchc.services.validation import load_reports, validate_reports

    registry = make_registry(data_dir)
    loaded, failed = load_reports(progress_over(files, "Đọc tệp"), registry)
    results = validate_reports(loaded, registry)
    findings = [f for r in results for f in r.findings]
    has_errors = any(f.severity.value == "error" for f in findings)
    if output is Format.json:
        items: list[dict[str, object]] = [
            {
                "rule": "doc-tep",
                "severity": "error",
                "indicators": [],
                "codes": [],
                "actual": None,
                "expected": None,
                "message": r.error,
                "file": r.label,
            }
            for r in failed
        ]
        items += [f.as_dict() for f in findings if not (quiet and f.severity.value == "info")]
        print_json(items)
    else:
        for r in failed:
            console.print(f"✗ {r.error}", style="bold red", markup=False)
        for r in results:
            assert r.report is not None and r.result is not None
            head = (
                f"{r.label} — {r.report.unit.name or r.report.unit.code}, {r.report.period.label}"
            )
            console.print(head, style="bold", markup=False)
            for f in r.result.findings:
                if quiet and f.severity.value == "info":
                    continue
                console.print(
                    f"  {f.severity.label:<9} {f.message}  [{f.rule}]",
                    style=_STYLE[f.severity.value],
                    markup=False,
                )
            errors, warnings = len(r.result.errors), len(r.result.warnings)
            computed = len(r.result.computed)
            console.print(
                f"  → {errors} lỗi, {warnings} cảnh báo, {computed} giá trị được tính bổ sung",
                markup=False,
            )
        total_errors = sum(len(r.result.errors) for r in results if r.result)
        total_warnings = sum(len(r.result.warnings) for r in results if r.result)
        console.print(
            f"Tổng cộng: {len(results) + len(failed)} tệp, {len(failed)} tệp không đọc được, "
            f"{total_errors} lỗi, {total_warnings} cảnh báo.",
            markup=False,
        )
    if failed:
        raise typer.Exit(2)
    if has_errors:
        raise typer.Exit(1)
