"""The words of a ledger's code columns that the vocabulary does not know, with their rows.

One-stop software has its own statuses ("Chờ thanh toán", "Đã hủy"); each
row holding one is a problem row, listed one by one up to a limit. With
tens of thousands of such rows, the list shows the same word over and over
and hides the others; what the user needs is each distinct word once, with
how many rows it cost, to add it to the province's vocabulary or fix the
export. Read from pass 2's table of problem rows, so it costs a ledger
without problem rows nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cchc.analytics.dossier_sql import fold_sql
from cchc.analytics.ledger import sql_string

if TYPE_CHECKING:
    from cchc.analytics.dossier_engine import DossierEngine

__all__ = ["SHOWN_WORDS", "UnknownWord", "unknown_words"]

# Distinct words kept per column: the commonest; the rest are counted in the last line.
SHOWN_WORDS = 20
# Ledger column → (its cell text, its parsed code) in pass 2's ``flagged`` table. A code
# below 0 is text the vocabulary does not know; an empty cell is NULL, not unknown.
_CELLS = {
    "status": ("st_t", "x_st"),
    "level": ("lvl_t", "x_lvl"),
    "channel": ("ch_t", "x_ch"),
    "online_level": ("ol_t", "x_ol"),
    "digitised_input": ("di_t", "x_di"),
    "digitised_result": ("dr_t", "x_dr"),
    "paid_online": ("po_t", "x_po"),
}


@dataclass(frozen=True, slots=True)
class UnknownWord:
    column: str  # the ledger column
    text: str  # its commonest spelling (the first in the file when as common), NFC
    rows: int  # problem rows holding it, in any case or Unicode form
    words: int  # distinct unknown words of the column (at most SHOWN_WORDS are kept)


def unknown_words(engine: DossierEngine) -> list[UnknownWord]:
    """Per column (in ledger order), its commonest unknown words, most rows first.

    Spellings differing only in case, surrounding spaces or Unicode form are
    one word, as the vocabulary would read them. A status that only says
    whether the dossier is late ("Quá hạn") is left out: its rows say so, and
    it belongs in no vocabulary.
    """
    pos = "file_no * 4294967296 + row_no AS pos"
    parts = [
        f"SELECT '{column}' AS col, {text} AS t, {pos} FROM flagged WHERE problem > 0 AND {code} < 0"
        for column, (text, code) in _CELLS.items()
        if column != "status"
    ]
    # Verdicts are dropped before counting, so that they take no place among the shown.
    verdicts = sorted(engine.vocabulary.verdicts.get("status", ()))
    folded = f"list_contains({_list(verdicts)}, {fold_sql('st_t')})" if verdicts else "false"
    parts.append(
        f"SELECT 'status' AS col, st_t AS t, {pos} FROM flagged "
        f"WHERE problem > 0 AND x_st < 0 AND NOT {folded}"
    )
    # Each word shown as it is most often written, or first written when as often.
    spellings = (
        "SELECT col, lower(nfc_normalize(trim(t))) AS k, t, count(*) AS c, min(pos) AS seen "
        f"FROM ({' UNION ALL '.join(parts)}) GROUP BY col, t"
    )
    words = (
        "SELECT col, arg_min(t, [-c, seen]) AS w, sum(c) AS n, min(seen) AS seen "
        f"FROM ({spellings}) GROUP BY col, k"
    )
    rows = engine.con.execute(
        f"SELECT col, w, n, count(*) OVER (PARTITION BY col) FROM ({words}) "
        f"QUALIFY row_number() OVER (PARTITION BY col ORDER BY n DESC, seen) <= {SHOWN_WORDS} "
        "ORDER BY n DESC, seen"
    ).fetchall()
    order = list(_CELLS)
    found = [
        UnknownWord(column, unicodedata.normalize("NFC", str(text).strip()), int(n), int(words))
        for column, text, n, words in rows
    ]
    # Stable: words as common stay in the order the file first shows them.
    return sorted(found, key=lambda w: (order.index(w.column), -w.rows))


def _list(words: list[str]) -> str:
    return "[" + ", ".join(sql_string(w) for w in words) + "]"
