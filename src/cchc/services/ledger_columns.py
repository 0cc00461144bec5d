"""What the user is told about a ledger's columns: unknown headers and words, missing figures.

A ledger without a digitisation column counts no digitised dossier; printed
as 0, that figure would look like a fact and travel into the report. So the
figures of a column no ledger has are shown as "—" with a note saying why,
a column only some ledgers have is named with the files that lack it, and an
unknown header that resembles a missing column is named with the column it
may be (``domain.ledger_headers``). The words of code columns the vocabulary
does not know are summed up once each, with their rows (``unknown_words``).
"""

from __future__ import annotations

from typing import Any

from cchc.analytics.dossier_results import StatsResult
from cchc.analytics.unknown_words import UnknownWord
from cchc.domain.dossier_ledger import COLUMN_BY_NAME
from cchc.domain.dossiers import COLUMN_COUNTERS
from cchc.domain.ledger_headers import hint_wording
from cchc.domain.numbers import format_number
from cchc.domain.phrasing import join_vi

__all__ = [
    "column_notes",
    "header_notes",
    "missing_columns",
    "unknown_words_dict",
    "unknown_words_note",
]

# What each optional column's figures are called in a note.
_FIGURES = {
    "online_level": "hồ sơ của TTHC có dịch vụ công trực tuyến (một phần, toàn trình)",
    "channel": "hồ sơ nộp trực tuyến",
    "digitised_input": "hồ sơ số hóa thành phần",
    "digitised_result": "kết quả được số hóa",
    "paid_online": "hồ sơ thanh toán trực tuyến",
}


def missing_columns(result: StatsResult) -> dict[str, list[str]]:
    """Optional column whose figures it feeds → the files without it (JSON ``missing_columns``)."""
    found: dict[str, list[str]] = {}
    for column in COLUMN_COUNTERS:
        lacking = [s.label for s in result.sources if column not in s.columns]
        if lacking:
            found[column] = lacking
    return found


def column_notes(result: StatsResult) -> list[str]:
    """The figures no ledger can give, then those only some ledgers give."""
    missing = missing_columns(result)
    everywhere = [c for c, files in missing.items() if len(files) == len(result.sources)]
    notes: list[str] = []
    if everywhere:
        subject = "Sổ hồ sơ" if len(result.sources) == 1 else "Các sổ hồ sơ"
        columns = join_vi([f"“{COLUMN_BY_NAME[c].label}”" for c in everywhere])
        figures = join_vi([_FIGURES[c] for c in everywhere])
        notes.append(
            f"{subject} không có cột {columns}: số {figures} không tính được (không phải là 0)"
        )
    for column, files in missing.items():
        if column in everywhere:
            continue
        having = [s.label for s in result.sources if column in s.columns]
        notes.append(
            f"Cột “{COLUMN_BY_NAME[column].label}” không có trong {', '.join(files)}: số "
            f"{_FIGURES[column]} chỉ tính hồ sơ của {', '.join(having)}"
        )
    return notes


def header_notes(result: StatsResult) -> list[str]:
    """One note per ledger with unknown headers that look like a column it lacks."""
    return [
        f"{s.label}: bỏ qua {'các cột' if len(s.header_hints) > 1 else 'cột'} "
        f"{', '.join(hint_wording(h) for h in s.header_hints)} vì không "
        "nhận ra tên cột. Nếu đúng, đổi tên cột theo docs/dossiers.md hoặc thêm tên này vào "
        "tệp từ vựng sổ hồ sơ của tỉnh (mục columns, xem docs/dossiers.md)"
        for s in result.sources
        if s.header_hints
    ]


def unknown_words_note(result: StatsResult) -> str | None:
    """The words of code columns the vocabulary does not know, with their rows, in one note."""
    if not result.unknown_words:
        return None
    parts = []
    for column, words in _by_column(result).items():
        shown = ", ".join(f"“{w.text}” ({format_number(w.rows)} dòng)" for w in words)
        more = words[0].words - len(words)
        if more > 0:
            shown += f" và {format_number(more)} từ khác"
        parts.append(f"cột {COLUMN_BY_NAME[column].label}: {shown}")
    return (
        f"Từ không nhận ra — {'; '.join(parts)}. Các dòng có những từ này bị loại; nếu đó là từ "
        "của phần mềm một cửa, thêm vào tệp từ vựng sổ hồ sơ của tỉnh (mục values, xem "
        "docs/dossiers.md) rồi chạy lại"
    )


def unknown_words_dict(result: StatsResult) -> dict[str, Any]:
    """JSON ``excluded.unknown_words``: per column, its distinct unknown words and the commonest."""
    return {
        column: {
            "distinct": words[0].words,
            "words": [{"text": w.text, "rows": w.rows} for w in words],
        }
        for column, words in _by_column(result).items()
    }


def _by_column(result: StatsResult) -> dict[str, list[UnknownWord]]:
    found: dict[str, list[UnknownWord]] = {}
    for word in result.unknown_words:
        found.setdefault(word.column, []).append(word)
    return found
