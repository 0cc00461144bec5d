"""``cchc score`` and ``cchc rank``: PAR Index self-scoring, forecast, appraisal and ranking."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.cli.common import DataDirs, Format, FormatOption, console, err_console, make_registry
from cchc.cli.vietnamese import VietnameseCommand

if TYPE_CHECKING:
    from cchc.domain.scoring_forecast import Forecast
    from cchc.domain.scoring_sheet import NodeResult, ScoreSheet
    from cchc.services.scoring import Ranking


def register(app: typer.Typer) -> None:
    app.command("score", cls=VietnameseCommand)(score)
    app.command("rank", cls=VietnameseCommand)(rank)


SchemeOption = Annotated[
    str | None,
    typer.Option(
        "--scheme",
        "-s",
        help="Bộ tiêu chí: mã (ví dụ quangngai-673-2023-huyen) hoặc đường dẫn tệp YAML; "
        "mặc định lấy theo trường “scheme” của tệp số liệu.",
    ),
]
XlsxOption = Annotated[
    Path | None, typer.Option("--xlsx", help="Ghi bảng ra tệp Excel (XLSX) này.")
]
DocxOption = Annotated[Path | None, typer.Option("--docx", help="Ghi bảng ra tệp Word (DOCX) này.")]


def _fail(problems: list[str]) -> typer.Exit:
    for line in problems:
        err_console.print(f"Lỗi: {line}", markup=False)
    return typer.Exit(2)


def score(
    inputs: Annotated[
        Path,
        typer.Option(
            "--inputs", "-i", help="Tệp số liệu chấm điểm (JSON, định dạng cchc.score-inputs/1)."
        ),
    ],
    scheme: SchemeOption = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Báo cáo (JSON cchc.report/1) để lấy số liệu còn thiếu."),
    ] = None,
    stats: Annotated[
        Path | None,
        typer.Option("--stats", help="Thống kê hồ sơ một cửa (JSON) để lấy số liệu còn thiếu."),
    ] = None,
    forecast: Annotated[
        bool,
        typer.Option(
            "--forecast",
            help="Dự báo: liệt kê tiêu chí chưa đạt điểm tối đa, xếp theo số điểm bị mất.",
        ),
    ] = False,
    output: FormatOption = Format.text,
    xlsx: XlsxOption = None,
    docx: DocxOption = None,
    data_dir: DataDirs = None,
) -> None:
    """Chấm điểm Chỉ số CCHC của một đơn vị: điểm từng tiêu chí, số liệu đã dùng, tổng điểm.

    Tiêu chí thiếu số liệu được liệt kê riêng, không bị tính 0 điểm.
    Mã thoát: 0 khi chấm được, 2 khi có tệp không dùng được.
    """
    from cchc.cli.common import print_json
    from cchc.services.scoring import (
        ScoringError,
        forecast_sheet,
        forecast_to_dict,
        score_file,
        sheet_to_dict,
    )
    from cchc.services.scoring_export import ExportError, export_sheet

    registry = make_registry(data_dir)
    try:
        sheet = score_file(
            registry, inputs, scheme_ref=scheme, report_path=report, stats_path=stats
        )
    except ScoringError as exc:
        raise _fail(exc.problems) from None
    result = forecast_sheet(sheet) if forecast else None
    try:
        written = export_sheet(sheet, result, xlsx=xlsx, docx=docx)
    except ExportError as exc:
        raise _fail([str(exc)]) from None
    if output is Format.json:
        print_json(forecast_to_dict(result) if result is not None else sheet_to_dict(sheet))
        return
    if result is not None:
        _print_forecast(result)
    else:
        _print_sheet(sheet)
    for path in written:
        console.print(f"Đã ghi {path}", markup=False)


def rank(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="TỆP", help="Tệp số liệu chấm điểm của các đơn vị (JSON)."),
    ],
    scheme: SchemeOption = None,
    output: FormatOption = Format.text,
    xlsx: XlsxOption = None,
    docx: DocxOption = None,
    data_dir: DataDirs = None,
) -> None:
    """Xếp hạng các đơn vị theo tổng điểm Chỉ số CCHC (điểm thẩm định nếu có, nếu không là điểm tự đánh giá).

    Mã thoát: 0 khi xếp hạng được, 2 khi có tệp không dùng được.
    """
    from cchc.cli.common import print_json
    from cchc.services.scoring import ScoringError, rank_files, ranking_to_dict
    from cchc.services.scoring_export import ExportError, export_ranking

    registry = make_registry(data_dir)
    try:
        ranking = rank_files(registry, files, scheme_ref=scheme)
        written = export_ranking(ranking, xlsx=xlsx, docx=docx)
    except ScoringError as exc:
        raise _fail(exc.problems) from None
    except ExportError as exc:
        raise _fail([str(exc)]) from None
    if output is Format.json:
        print_json(ranking_to_dict(ranking))
        return
    _print_ranking(ranking)
    for path in written:
        console.print(f"Đã ghi {path}", markup=False)


def _pts(sheet: ScoreSheet, value: object) -> str:
    from fractions import Fraction

    from cchc.domain.scoring_values import show_points

    if not isinstance(value, Fraction):
        return "—"
    return show_points(value, sheet.scheme.decimals)


def _header(sheet: ScoreSheet, title: str) -> None:
    from cchc.domain.periods import format_date

    year = f", năm {sheet.inputs.year}" if sheet.inputs.year else ""
    console.print(f"{title} — {sheet.unit_label}{year}", style="bold", markup=False)
    scheme = sheet.scheme
    console.print(
        f"Bộ tiêu chí: {scheme.title}" + (f" ({scheme.decision})" if scheme.decision else ""),
        markup=False,
    )
    if sheet.inputs.as_of:
        console.print(f"Số liệu đến ngày {format_date(sheet.inputs.as_of)}", markup=False)
    for line in sheet.sources:
        console.print(f"Nguồn số liệu: {line}", markup=False)
    for line in sheet.warnings:
        console.print(f"Lưu ý: {line}", style="yellow", markup=False)


def _print_sheet(sheet: ScoreSheet) -> None:
    _header(sheet, "BẢNG CHẤM ĐIỂM CHỈ SỐ CCHC")
    appraised = sheet.inputs.appraisal is not None
    for node in sheet.walk():
        _print_node(sheet, node, appraised)
    console.print()
    _print_total(sheet, "TỔNG ĐIỂM TỰ ĐÁNH GIÁ", sheet.total)
    if sheet.appraised_total is not None:
        _print_total(sheet, "TỔNG ĐIỂM THẨM ĐỊNH", sheet.appraised_total)
    _print_unscored(sheet)


def _print_node(sheet: ScoreSheet, node: NodeResult, appraised: bool) -> None:
    from cchc.domain.scoring_forecast import unscored_reason

    criterion = node.criterion
    indent = "  " * criterion.depth
    score = f"{_pts(sheet, node.self_eval.score)}/{_pts(sheet, criterion.max_points)}"
    if appraised and node.appraised is not None:
        score += f"  (thẩm định: {_pts(sheet, node.appraised.score)})"
    if not criterion.is_leaf:
        partial = "" if node.final.complete else "  (chưa đủ số liệu)"
        console.print(
            f"{indent}{criterion.code}  {criterion.name}  {score}{partial}",
            style="bold",
            markup=False,
        )
        return
    console.print(f"{indent}{criterion.code}  {criterion.name}", markup=False)
    pad = indent + "    "
    console.print(f"{pad}Điểm: {score}", markup=False)
    for name, item in node.inputs.items():
        console.print(f"{pad}{item.describe(criterion.variables[name])}", markup=False)
    if node.self_eval.score is None:
        console.print(f"{pad}Chưa chấm: {unscored_reason(node)}", style="yellow", markup=False)
    else:
        console.print(f"{pad}Cách tính: {node.self_eval.detail}", markup=False)
    if node.evidence:
        console.print(f"{pad}Tài liệu kiểm chứng: {'; '.join(node.evidence)}", markup=False)
    for name, item in node.appraised_inputs.items():
        console.print(
            f"{pad}Thẩm định sửa: {item.describe(criterion.variables[name])}", markup=False
        )
    if node.comment:
        console.print(f"{pad}Ý kiến thẩm định: {node.comment}", markup=False)


def _print_total(sheet: ScoreSheet, label: str, total: object) -> None:
    from cchc.domain.scoring_sheet import Evaluation

    assert isinstance(total, Evaluation)
    missing = len([n for n in sheet.leaves() if n.final.score is None])
    note = "" if total.complete else f" (tạm tính: {missing} tiêu chí chưa đủ số liệu)"
    console.print(
        f"{label}: {_pts(sheet, total.score)}/{_pts(sheet, sheet.scheme.total_max)}{note}",
        style="bold",
        markup=False,
    )


def _print_unscored(sheet: ScoreSheet) -> None:
    from cchc.domain.scoring_forecast import unscored_reason

    unscored = [n for n in sheet.leaves() if n.final.score is None]
    if not unscored:
        return
    console.print("\nCHƯA ĐỦ SỐ LIỆU (chưa tính điểm):", style="bold yellow", markup=False)
    for node in unscored:
        console.print(
            f"  - {node.criterion.code} {node.criterion.name}: {unscored_reason(node)}",
            markup=False,
        )


def _print_forecast(result: Forecast) -> None:
    sheet = result.sheet
    _header(sheet, "DỰ BÁO TIÊU CHÍ CÓ KHẢ NĂNG THẤP ĐIỂM")
    console.print()
    if not result.items:
        console.print("Không có tiêu chí nào dưới điểm tối đa.", markup=False)
    else:
        console.print(f"{'STT':<4} {'Mã':<9} {'Tối đa':>7} {'Dự báo':>7} {'Mất':>6}  Tiêu chí")
    for i, item in enumerate(result.items, 1):
        criterion = item.node.criterion
        console.print(
            f"{i:<4} {criterion.code:<9} {_pts(sheet, criterion.max_points):>7} "
            f"{_pts(sheet, item.score):>7} {_pts(sheet, item.lost):>6}  {criterion.name}",
            markup=False,
        )
        console.print(f"{'':<37}Lý do: {item.reason}", markup=False)
    if result.unscored:
        console.print(
            f"\nChưa đủ số liệu để dự báo ({len(result.unscored)} tiêu chí, tối đa "
            f"{_pts(sheet, result.unscored_max)} điểm):",
            style="bold yellow",
            markup=False,
        )
        for u in result.unscored:
            console.print(
                f"  - {u.node.criterion.code} {u.node.criterion.name}: {u.reason}", markup=False
            )
    console.print(
        f"\nTổng điểm dự báo: {_pts(sheet, sheet.final_total.score)}/"
        f"{_pts(sheet, sheet.scheme.total_max)}; điểm bị mất: {_pts(sheet, result.lost)}"
        + (f"; chưa dự báo được: {_pts(sheet, result.unscored_max)}" if result.unscored else ""),
        style="bold",
        markup=False,
    )


def _print_ranking(ranking: Ranking) -> None:
    from cchc.domain.scoring_values import show_percent, show_points

    scheme = ranking.scheme
    console.print(f"XẾP HẠNG CHỈ SỐ CCHC — {scheme.title}", style="bold", markup=False)
    console.print(
        f"{'Hạng':<5} {'Đơn vị':<40} {'Tự chấm':>8} {'Thẩm định':>10} {'Điểm':>7} {'Tỷ lệ':>8}"
    )
    for row in ranking.rows:
        sheet = row.sheet
        appraised = sheet.appraised_total.score if sheet.appraised_total else None
        rate = show_percent(row.score / scheme.total_max) if row.score is not None else "—"
        notes = []
        if not row.complete:
            notes.append("chưa đủ số liệu")
        if not row.appraised:
            notes.append("chưa thẩm định")
        console.print(
            f"{row.rank if row.rank is not None else '—':<5} {sheet.unit_label[:40]:<40} "
            f"{_pts(sheet, sheet.total.score):>8} {_pts(sheet, appraised):>10} "
            f"{_pts(sheet, row.score):>7} {rate:>8}" + (f"  ({', '.join(notes)})" if notes else ""),
            markup=False,
        )
    console.print(f"Điểm tối đa: {show_points(scheme.total_max, scheme.decimals)}", markup=False)
