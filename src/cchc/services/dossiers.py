"""One-stop dossier statistics: the use cases behind ``cchc dossiers`` and the web pages.

``dossier_stats`` computes the statistics of a window; ``stats_to_dict`` is
their stable JSON form (``cchc.dossier-stats/1``, read by the PAR-index
scoring); ``stats_table`` words them for the XLSX table. Filling a report
from them is ``services.report_fill``; the late dossiers and their letters are
in ``services.apologies``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.dossier_results import StatsResult
from cchc.analytics.dossier_sql import Disagreement
from cchc.analytics.problem_rows import VERDICT_ONLY
from cchc.analytics.status_claims import disagreeing_rows
from cchc.domain.agency_selection import AgencySelection
from cchc.domain.date_order import DAY_FIRST, DateReading
from cchc.domain.dossiers import (
    DIMENSIONS,
    Channel,
    LedgerLevel,
    OnlineLevel,
)
from cchc.domain.numbers import format_number
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from cchc.services.ledger_columns import (
    column_notes,
    header_notes,
    missing_columns,
    unknown_words_dict,
    unknown_words_note,
)

if TYPE_CHECKING:
    from cchc.documents.dossier_stats_xlsx import StatsTable

__all__ = [
    "STATS_FORMAT",
    "agency_notes",
    "dimension_value",
    "disagreement_note",
    "dossier_stats",
    "group_keys",
    "group_label",
    "idle_ledger_notes",
    "label_row_notes",
    "missing_agency_notes",
    "refusal",
    "shared_ids_note",
    "spelling_notes",
    "stats_table",
    "stats_to_dict",
    "unusable_notes",
]

STATS_FORMAT = "cchc.dossier-stats/1"
Progress = Callable[[str, float | None], None]


def dossier_stats(
    paths: Sequence[Path],
    window: DateWindow,
    registry: Registry,
    by: Sequence[str] = (),
    progress: Progress | None = None,
    *,
    dates: DateReading = DAY_FIRST,
    agencies: AgencySelection | None = None,
) -> StatsResult:
    with DossierEngine(
        paths, registry, progress=progress, dates=dates, agencies=agencies
    ) as engine:
        result = engine.stats(window, by)
        if result.said:
            result.said_rows = disagreeing_rows(engine, window)
        return result


def _key_dict(by: Sequence[str], key: Sequence[str | None]) -> dict[str, str | None]:
    return dict(zip(by, key, strict=True))


# Coded dimensions print in their declared order (tỉnh, huyện, xã: the order of the
# administration and of Biểu mẫu 3), not alphabetically (huyện, tỉnh, xã).
_DECLARED_ORDER: dict[str, list[str]] = {
    "level": [m.value for m in LedgerLevel],
    "channel": [m.value for m in Channel],
    "online_level": [m.value for m in OnlineLevel],
}


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """ "SO-2" before "SO-10": runs of digits compare as numbers, the rest without case."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def _rank(dimension: str, value: str | None) -> tuple[int, int, tuple[tuple[int, int | str], ...]]:
    if value is None:
        return (1, 0, ())
    order = _DECLARED_ORDER.get(dimension, [])
    return (0, order.index(value), ()) if value in order else (0, len(order), _natural(value))


def group_keys(result: StatsResult) -> list[tuple[str | None, ...]]:
    """The groups in print order: coded values in their declared order, other values
    alphabetically with numbers by value (UBND-X2 before UBND-X10), groups with an
    empty value last."""
    return sorted(
        result.groups,
        key=lambda key: tuple(_rank(d, v) for d, v in zip(result.by, key, strict=True)),
    )


def stats_to_dict(result: StatsResult) -> dict[str, Any]:
    """The JSON document of ``cchc dossiers stats --format json`` (see docs/dossiers.md)."""
    groups = [
        {"key": _key_dict(result.by, key), "stats": result.groups[key].as_dict()}
        for key in group_keys(result)
    ]
    return {
        "format": STATS_FORMAT,
        "window": {"from": result.window.start.isoformat(), "to": result.window.end.isoformat()},
        "by": list(result.by),
        "sources": [
            {
                "file": s.label,
                "format": s.kind,
                "rows": s.rows,
                "excluded": s.excluded,
                "by_problem": {p.value: n for p, n in sorted(s.problems.items())},
                "usable": not s.unusable,
                "in_window": s.in_window,
                "label_rows": s.label_rows,
                "other_agency_rows": s.other_agency_rows,
                "no_agency_rows": s.no_agency_rows,
                "columns": s.columns,
                "ignored_headers": s.ignored_headers,
                "header_hints": [
                    {"header": h.header, "columns": list(h.columns)} for h in s.header_hints
                ],
                "encoding": s.encoding,
                "notes": s.notes,
            }
            for s in result.sources
        ],
        # Optional column → the files without it: their dossiers count in none of its figures.
        "missing_columns": missing_columns(result),
        "excluded": {
            "total": result.excluded,
            "by_problem": {p.value: n for p, n in sorted(result.problems.items())},
            # Ids whose differing copies name different agencies (liên thông dossiers).
            "ids_in_several_agencies": result.shared_ids,
            # Per code column: the words the vocabulary does not know, the commonest first.
            "unknown_words": unknown_words_dict(result),
            "rows": [
                {
                    "file": b.file,
                    "row": b.row,
                    "dossier_id": b.dossier_id,
                    "problem": b.problem.value,
                    "message": b.message,
                }
                for b in result.bad_rows
            ],
        },
        # Resolved dossiers whose status word ("… đúng hạn", "… quá hạn") disagrees with
        # their dates; the statistics follow the dates.
        "status_disagreements": {
            **{d.value: result.said[d] for d in Disagreement},
            "rows": [
                {
                    "file": r.file,
                    "row": r.row,
                    "dossier_id": r.dossier_id,
                    "status": r.status,
                    "due_at": r.due.isoformat(),
                    "finished_at": r.finished.isoformat(),
                    "said": r.said.value,
                    "message": r.message,
                }
                for r in result.said_rows
            ],
        },
        # Fields and agencies written in several ways, each counted as one group.
        "merged_spellings": [
            {
                "dimension": m.dimension,
                "name": m.name,
                "others": [{"spelling": w, "rows": n} for w, n in m.others],
            }
            for m in result.merged
        ],
        # --agency: which agencies' rows were counted (null: every row of the ledgers).
        "agencies": _agencies_dict(result),
        "total": result.total.as_dict(),
        "groups": groups,
    }


def _agencies_dict(result: StatsResult) -> dict[str, Any] | None:
    if result.agencies is None:
        return None
    return {
        "chosen": [
            {
                "asked": choice.asked,
                "unit": choice.unit.code if choice.unit is not None else None,
                "spellings": list(choice.spellings),
                "rows": rows,
                "nearest": [
                    {"agency": name, "rows": n} for name, n in result.unmatched.get(number, [])
                ],
            }
            for number, (choice, rows) in enumerate(
                zip(result.agencies.choices, result.chosen_rows, strict=True)
            )
        ],
        "other_agency_rows": result.other_agency_rows,
        "no_agency_rows": result.no_agency_rows,
    }


def agency_notes(result: StatsResult) -> list[str]:
    """What ``--agency`` counted and what it left out."""
    if result.agencies is None:
        return []
    other, nameless = result.other_agency_rows, result.no_agency_rows
    note = f"chỉ tính hồ sơ của cơ quan giải quyết {result.agencies.label}"
    if other:
        note += f"; bỏ qua {format_number(other)} dòng của cơ quan khác"
    if nameless:
        note += (
            f"; bỏ qua {format_number(nameless)} dòng không ghi cơ quan giải quyết (không biết "
            "thuộc cơ quan nào): nếu là hồ sơ của đơn vị, hãy ghi cơ quan vào sổ"
        )
    return [note]


def missing_agency_notes(result: StatsResult) -> list[str]:
    """Each ``--agency`` no row of the ledgers names, with the ledger's nearest agencies.

    An error, not a notice: the agency's dossiers are missing from every figure,
    most likely for a typo, and its zero would pass for "no dossier".
    """
    if result.agencies is None:
        return []
    notes = []
    for number, choice in enumerate(result.agencies.choices):
        if result.chosen_rows[number]:
            continue
        missing = f"không dòng nào của sổ ghi cơ quan giải quyết “{choice.asked}”"
        if choice.unit is not None:
            missing += f" ({choice.unit.name}, kể cả đơn vị trực thuộc)"
        if nearest := result.unmatched.get(number):
            missing += "; sổ có: " + ", ".join(
                f"“{name}” ({format_number(n)} dòng)" for name, n in nearest
            )
        missing += (
            "; hãy ghi --agency đúng như cột cơ quan giải quyết của sổ (chữ hoa, chữ thường "
            "không quan trọng), hoặc dùng --units để mã đơn vị gồm cả tên đơn vị"
            if choice.unit is None
            else "; hãy ghi --agency đúng như cột cơ quan giải quyết của sổ"
        )
        notes.append(missing)
    return notes


def spelling_notes(result: StatsResult) -> list[str]:
    """One notice per field or agency whose rows spell it in several ways."""
    return [
        f"{DIMENSIONS[m.dimension]} “{m.name}” gồm cả các dòng ghi "
        + ", ".join(f"“{w}” ({format_number(n)} dòng)" for w, n in m.others)
        + " (chữ hoa, chữ thường khác nhau được tính là một)"
        for m in result.merged
    ]


def disagreement_note(result: StatsResult) -> str | None:
    """The notice for resolved dossiers whose status word disagrees with their dates."""
    parts = []
    if n := result.said[Disagreement.SAID_ON_TIME]:
        parts.append(
            f"{format_number(n)} hồ sơ đã giải quyết có trạng thái ghi “đúng hạn” hoặc "
            "“trước hạn” nhưng ngày có kết quả sau ngày hẹn trả (được tính là quá hạn)"
        )
    if n := result.said[Disagreement.SAID_LATE]:
        parts.append(
            f"{format_number(n)} hồ sơ đã giải quyết có trạng thái ghi “quá hạn” nhưng có "
            "kết quả không muộn hơn ngày hẹn trả (được tính là đúng hạn)"
        )
    if not parts:
        return None
    return (
        "; ".join(parts)
        + ". Thống kê tính theo ngày trong sổ; chênh lệch thường do phần mềm một cửa tính "
        "ngày nghỉ hoặc thời gian tạm dừng khác, hãy đối chiếu trước khi báo cáo"
    )


def label_row_notes(result: StatsResult) -> list[str]:
    """One notice per ledger whose register lines (total, headings, signatures) were skipped."""
    return [
        f"{s.label}: bỏ qua {format_number(s.label_rows)} dòng không phải hồ sơ (dòng tổng "
        "cộng, tên nhóm hoặc phần ký tên ghi ở cột mã hồ sơ, không có ngày nào)"
        for s in result.sources
        if s.label_rows
    ]


def shared_ids_note(result: StatsResult) -> str | None:
    """The notice for ids that several agencies' rows carry with different contents."""
    if not result.shared_ids:
        return None
    return (
        f"{format_number(result.shared_ids)} mã hồ sơ có ở nhiều cơ quan giải quyết với nội "
        "dung khác nhau; các bản đều bị loại (không đoán bản nào đúng). Thường đó là hồ sơ "
        "liên thông, mỗi cơ quan ghi phần việc của mình: hãy thống kê sổ của từng cơ quan "
        "riêng, hoặc sửa sổ chung cho mỗi mã chỉ còn một dòng"
    )


def unusable_notes(result: StatsResult, *, examples: bool = False) -> list[str]:
    """One notice per ledger none of whose rows could be counted (with ``examples``, its first
    problem row, for commands that do not list them).

    Every row excluded means the file was read wrongly (a status column that
    only says "quá hạn", dates in another order, another program's words), not
    that it is merely dirty: its zeros must not pass for statistics.
    """
    notes = []
    for source in result.sources:
        if not source.unusable:
            continue
        reasons = "; ".join(
            f"{format_number(n)} dòng {problem.message}"
            for problem, n in source.problems.most_common(3)
        )
        if len(source.problems) > 3:
            reasons += "; …"
        note = (
            f"không dòng nào của {source.label} được tính: cả {format_number(source.rows)} "
            f"dòng đều bị loại ({reasons})"
        )
        listed = [b for b in result.bad_rows if b.file == source.label]
        if any(b.detail == VERDICT_ONLY for b in listed):
            note += (
                ". Cột trạng thái chỉ ghi đúng hạn/quá hạn: sổ cần trạng thái của từng hồ sơ "
                "(đang giải quyết, đã giải quyết, tạm dừng, trả lại, rút), có thể kèm đúng hạn/"
                "quá hạn như “Đã giải quyết - Đúng hạn”; hãy xuất lại sổ từ phần mềm một cửa "
                "với cột trạng thái"
            )
        if examples and listed:
            note += f". Ví dụ: {listed[0].message}"
        notes.append(note)
    return notes


def idle_ledger_notes(result: StatsResult) -> list[str]:
    """One notice per ledger that gave the window nothing: readable rows all outside it,
    or no row at all under the header (an export whose filter matched nothing)."""
    from cchc.domain.periods import format_date

    notes = []
    for source in result.sources:
        if not source.rows and source.left_out:
            # Rows there were, of other agencies: agency_notes says which were chosen.
            notes.append(f"{source.label} không có dòng nào của cơ quan giải quyết đã chọn")
            continue
        if not source.rows:
            notes.append(
                f"{source.label} không có dòng hồ sơ nào dưới dòng tiêu đề; nếu sổ được xuất "
                "từ phần mềm một cửa, hãy kiểm tra lại đơn vị, thời gian và bộ lọc khi xuất"
            )
        if source.received is None:
            continue
        first, last = (format_date(d) for d in source.received)
        days = f"ngày {first}" if first == last else f"từ ngày {first} đến ngày {last}"
        notes.append(
            f"không hồ sơ nào của {source.label} thuộc kỳ {result.window.label}: hồ sơ trong sổ "
            f"tiếp nhận {days}, đều đã có kết quả trước kỳ hoặc tiếp nhận sau kỳ; hãy kiểm tra "
            "lại đúng sổ và đúng kỳ (--from/--to, --period)"
        )
    return notes


def refusal(result: StatsResult, refused: str, *, idle_hint: str = "") -> str | None:
    """Why a command that writes documents (``fill``, ``apologies``) must write nothing.

    A chosen agency (``--agency``) no row names, a ledger none of whose rows
    count, or readable ledgers without one dossier in the window: their zeros
    would replace the unit's numbers, and an empty late list would read as "no
    dossier was late". ``refused`` says what was not
    written; ``idle_hint`` follows it when the window is empty.
    """
    if missing := missing_agency_notes(result):
        return "; ".join(missing) + f". {refused}"
    if unusable := unusable_notes(result, examples=True):
        return (
            "; ".join(unusable)
            + f". {refused}: hãy sửa sổ (hoặc bỏ tệp này khỏi lệnh) rồi chạy lại"
        )
    notes = idle_ledger_notes(result)
    if notes and not result.total.total:
        return "; ".join(notes) + f". {refused}{idle_hint}"
    return None


def dimension_value(name: str, value: str | None, agencies: Mapping[str, str] | None = None) -> str:
    """A group's value as a reader sees it: "cấp tỉnh", "trực tuyến", an agency's name."""
    if value is None:
        return "(không ghi)"
    if name == "level":
        return LedgerLevel(value).label
    if name == "channel":
        return Channel(value).label
    if name == "online_level":
        return OnlineLevel(value).label
    if name == "agency" and agencies and value in agencies:
        return f"{agencies[value]} ({value})"
    return value


def group_label(
    by: Sequence[str], key: Sequence[str | None], agencies: Mapping[str, str] | None = None
) -> str:
    """ "Cấp huyện", "Cơ quan giải quyết UBND-X001 · lĩnh vực Hộ tịch"... for text output.

    ``agencies`` (code → name, from a unit list) names the agencies the ledger codes.
    """
    parts = []
    for name, value in zip(by, key, strict=True):
        shown = dimension_value(name, value, agencies)
        if value is None:
            parts.append(f"{DIMENSIONS[name]} {shown}")
        elif name == "level":
            parts.append(shown.capitalize())
        else:
            parts.append(f"{DIMENSIONS[name]} {shown}")
    label = " · ".join(parts) or "Tất cả hồ sơ"
    return label[:1].upper() + label[1:]  # a heading: "Hình thức nộp trực tuyến", "Cấp (không ghi)"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def stats_table(result: StatsResult, agencies: Mapping[str, str] | None = None) -> StatsTable:
    """The statistics worded for the XLSX table (``--xlsx``)."""
    from cchc.documents.dossier_stats_xlsx import ProblemLine, StatsTable

    chosen = " của cơ quan đã chọn" if result.agencies is not None else ""
    sources = "; ".join(
        f"{s.label} ({format_number(s.rows)} dòng{chosen}"
        + (f", loại {format_number(s.excluded)} dòng lỗi)" if s.excluded else ")")
        for s in result.sources
    )
    groups = [
        (
            [
                _first_upper(dimension_value(d, v, agencies))
                for d, v in zip(result.by, key, strict=True)
            ],
            result.groups[key],
        )
        for key in group_keys(result)
    ]
    return StatsTable(
        title=f"THỐNG KÊ HỒ SƠ MỘT CỬA {result.window.label.upper()}",
        sources=f"Sổ hồ sơ: {sources}",
        dimensions=[_first_upper(DIMENSIONS[d]) for d in result.by],
        groups=groups,
        total=result.total,
        excluded=result.excluded,
        by_problem={p.message: n for p, n in sorted(result.problems.items())},
        problems=[
            ProblemLine(b.file, b.row, b.dossier_id, b.problem.message, b.value, b.detail)
            for b in result.bad_rows
        ],
        notes=header_notes(result)
        + column_notes(result)
        + ([words] if (words := unknown_words_note(result)) else [])
        + agency_notes(result)
        + label_row_notes(result)
        + idle_ledger_notes(result)
        + spelling_notes(result)
        + ([note] if (note := disagreement_note(result)) else [])
        + ([shared] if (shared := shared_ids_note(result)) else []),
        errors=missing_agency_notes(result) + unusable_notes(result),
        uncounted=result.uncounted,
    )
