"""What ``cchc dossiers`` prints: the statistics, and the notes and errors about the ledgers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cchc.cli.common import console, err_console

if TYPE_CHECKING:
    from cchc.analytics.dossier_results import StatsResult
    from cchc.domain.dossiers import DossierStats
    from cchc.domain.units import UnitTree

__all__ = ["agency_names", "print_stats", "warn_about_ledgers"]


def agency_names(tree: UnitTree | None) -> dict[str, str]:
    """Agency code → name from a unit list; empty without one."""
    if tree is None:
        return {}
    return {unit.code: unit.name for unit in tree}


_ENCODING_NAMES = {"windows-1258": "Windows-1258 (tiếng Việt)", "utf-16": "UTF-16"}


def warn_about_ledgers(result: StatsResult, *, figures: bool = True) -> None:
    """Notes, problem rows and, last, chosen agencies no row names and ledgers of which
    nothing counted (exit code 1). Without ``figures`` (the apology letters), nothing is
    said of the figures a ledger's columns cannot give."""
    _note_ledgers(result, figures)
    from cchc.services.dossiers import missing_agency_notes, unusable_notes

    errors = missing_agency_notes(result) + unusable_notes(result)
    for note in errors:
        err_console.print(f"Lỗi: {note}.", style="bold red", markup=False)
    if errors:
        raise typer.Exit(1)


def _note_ledgers(result: StatsResult, figures: bool) -> None:
    from cchc.analytics.ledger_encoding import UTF8
    from cchc.domain.numbers import format_number
    from cchc.services.dossiers import (
        agency_notes,
        disagreement_note,
        idle_ledger_notes,
        label_row_notes,
        shared_ids_note,
        spelling_notes,
    )
    from cchc.services.ledger_columns import column_notes, header_notes, unknown_words_note

    for source in result.sources:
        for note in source.notes:
            err_console.print(f"Lưu ý: {note}.", style="yellow", markup=False)
        if source.encoding not in (None, UTF8):
            err_console.print(
                f"Lưu ý: {source.label} không phải UTF-8: đã đọc theo bảng mã "
                f"{_ENCODING_NAMES.get(source.encoding or '', source.encoding)}. Nếu tên người "
                "nộp, tên thủ tục hiện sai dấu, hãy lưu lại sổ dạng “CSV UTF-8”.",
                style="yellow",
                markup=False,
            )
    notes = [
        *header_notes(result),
        *(column_notes(result) if figures else []),
        *agency_notes(result),
    ]
    for note in [*notes, *label_row_notes(result), *idle_ledger_notes(result)]:
        err_console.print(f"Lưu ý: {note}.", style="yellow", markup=False)
    notes = spelling_notes(result)
    for note in notes[:10]:
        err_console.print(f"Lưu ý: {note}.", style="yellow", markup=False)
    if len(notes) > 10:
        err_console.print(
            f"  … và {len(notes) - 10} tên khác (xem merged_spellings với --format json).",
            markup=False,
        )
    if said_note := disagreement_note(result):
        err_console.print(f"Lưu ý: {said_note}.", style="yellow", markup=False)
        for said in result.said_rows[:20]:
            err_console.print(f"  {said.message}", markup=False)
        if not result.said_rows:
            # fill and apologies count them; listing them is the statistics command's job.
            err_console.print(
                "  Danh sách các hồ sơ này: cchc dossiers stats với cùng sổ và kỳ.", markup=False
            )
        elif result.said.total() > 20:
            err_console.print("  … (xem đầy đủ với --format json).", markup=False)
    if shared := shared_ids_note(result):
        err_console.print(f"Lưu ý: {shared}.", style="yellow", markup=False)
    if not result.excluded:
        return
    err_console.print(
        f"Cảnh báo: {format_number(result.excluded)} dòng bị loại khỏi thống kê vì lỗi dữ liệu.",
        style="yellow",
        markup=False,
    )
    if words := unknown_words_note(result):
        err_console.print(f"  {words}.", style="yellow", markup=False)
    for bad in result.bad_rows[:20]:
        err_console.print(f"  {bad.message}", markup=False)
    if result.excluded > 20:
        err_console.print(
            f"  … và {format_number(result.excluded - 20)} dòng khác "
            "(xem đầy đủ với --format json).",
            markup=False,
        )


def print_stats(result: StatsResult, agencies: dict[str, str] | None = None) -> None:
    from cchc.domain.numbers import format_number
    from cchc.services.dossiers import group_keys, group_label

    console.print(f"THỐNG KÊ HỒ SƠ MỘT CỬA {result.window.label}", style="bold", markup=False)
    for source in result.sources:
        line = f"Sổ hồ sơ: {source.label} — {format_number(source.rows)} dòng"
        if result.agencies is not None:
            line += f" của cơ quan đã chọn (bỏ qua {format_number(source.left_out)} dòng khác)"
        if source.excluded:
            line += f", loại {format_number(source.excluded)} dòng lỗi"
        console.print(line, markup=False)
    if len(result.groups) > 1 or result.by:
        for key in group_keys(result):
            label = group_label(result.by, key, agencies)
            console.print(f"\n{label}", style="bold", markup=False)
            _print_block(result.groups[key], result.uncounted)
    console.print("\nTỔNG CỘNG", style="bold", markup=False)
    _print_block(result.total, result.uncounted)


def _print_block(stats: DossierStats, unknown: frozenset[str]) -> None:
    from cchc.domain.numbers import format_number, format_percent

    n = format_number

    def c(name: str) -> str:
        """A counter drawn from a column no ledger has: "—", not a 0 that looks like a fact."""
        return "—" if name in unknown else format_number(getattr(stats, name))

    def rate(value: float | None) -> str:
        return "—" if value is None else format_percent(value)

    base = stats.total - stats.withdrawn
    lines = [
        f"Tổng số hồ sơ: {n(stats.total)} (kỳ trước chuyển qua {n(stats.carried_over)}, "
        f"tiếp nhận mới {n(stats.received)})",
        f"Đã giải quyết: {n(stats.resolved)} (đúng hạn {n(stats.resolved_on_time)}, "
        f"quá hạn {n(stats.resolved_late)})",
        f"Đang giải quyết: {n(stats.pending)} (còn hạn {n(stats.pending_on_time)}, "
        f"quá hạn {n(stats.pending_overdue)})",
        f"Tạm dừng: {n(stats.paused)}; trả lại: {n(stats.returned)}; rút: {n(stats.withdrawn)}",
        f"Dịch vụ công trực tuyến (nộp trực tuyến / tiếp nhận): một phần "
        f"{c('partial_online')}/{c('partial_received')}, toàn trình "
        f"{c('full_online')}/{c('full_received')}",
        f"Số hóa thành phần hồ sơ: {c('digitised_input')}/{n(base)}; số hóa kết quả: "
        f"{c('digitised_result')}/{n(stats.resolved)}; thanh toán trực tuyến: "
        f"{c('paid_online')}/{n(base)}",
        f"Tỷ lệ đúng hạn trên số đã giải quyết: {n(stats.resolved_on_time)}/{n(stats.resolved)}"
        f" = {rate(stats.on_time_rate_resolved)}",
        f"Tỷ lệ đúng hạn chung: ({n(stats.resolved_on_time)} + {n(stats.pending_on_time)})"
        f"/{n(base)} = {rate(stats.on_time_rate_overall)}",
    ]
    for line in lines:
        console.print(f"  {line}", markup=False)
