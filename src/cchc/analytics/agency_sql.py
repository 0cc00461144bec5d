"""The SQL of ``--agency``: rows of other agencies left out before anything is counted.

A row outside the selection keeps the place of its ``problem`` with a code
below zero, as a register's own lines do: it is no dossier of the unit, no
problem to list, and no copy of the unit's dossiers (pass 1 looks for
repeated ids among usable rows only, so a liên thông dossier whose other
part lies with another agency counts once, for the unit).
"""

from __future__ import annotations

from collections import Counter
from difflib import get_close_matches
from typing import TYPE_CHECKING

from cchc.analytics.dossier_sql import EMPTY_ROW, LABEL_ROW
from cchc.analytics.ledger import sql_string
from cchc.domain.agency_selection import SPACES, AgencySelection, agency_key

if TYPE_CHECKING:
    from cchc.analytics.dossier_engine import DossierEngine
    from cchc.analytics.dossier_results import SourceSummary
    from cchc.domain.periods import DateWindow

__all__ = [
    "NO_AGENCY_ROW",
    "OTHER_AGENCY_ROW",
    "agency_key_sql",
    "nearest_agencies",
    "select_agencies",
    "selection_sql",
]

OTHER_AGENCY_ROW = -3  # the ``problem`` of a row of an agency the user did not choose
NO_AGENCY_ROW = -4  # the ``problem`` of a row without an agency, when the user chose some


def _re2_class(chars: str) -> str:
    """``SPACES`` (a Python character class body) as RE2 writes it."""
    return "".join(c if c == "-" else f"\\x{{{ord(c):04X}}}" for c in chars)


def agency_key_sql(text: str) -> str:
    """``domain.agency_selection.agency_key`` in SQL (a property test compares the two)."""
    spaces = _re2_class(SPACES)
    return f"lower(trim(regexp_replace(nfc_normalize({text}), '[{spaces}]+', ' ', 'g'), ' '))"


def _map(entries: dict[str, int]) -> str:
    return "MAP {" + ", ".join(f"{sql_string(k)}: {n}" for k, n in sorted(entries.items())) + "}"


def selection_sql(selection: AgencySelection, agency: str = "agency") -> str:
    """The number (1…) of the choice ``agency`` belongs to, 0 for none.

    Spellings as the user or the unit list writes them are matched as they
    stand; only other cells are folded, which costs about eight times a look-up
    (0,17 s against 0,02 s per million cells on two threads). A look-up costs about the
    number of keys, so a selection of a whole province (thousands of
    spellings) costs more than it saves: count the whole ledger instead.
    """
    exact = f"({_map(selection.spellings())})[{agency}]"
    folded = f"({_map(selection.keys())})[{agency_key_sql(agency)}]"
    return f"CASE WHEN {agency} IS NULL THEN 0 ELSE coalesce({exact}, {folded}, 0) END"


def select_agencies(checked: str, selection: AgencySelection) -> str:
    """``checked`` (``checked_select``) with ``sel``, and ``problem`` set for rows outside.

    An empty row and a register's line stay what they are; any other row
    outside the selection is ``OTHER_AGENCY_ROW``, or ``NO_AGENCY_ROW`` when
    its agency cell is empty (it may be the unit's, but nothing says so).
    """
    problem = (
        f"CASE WHEN sel > 0 OR problem IN ({EMPTY_ROW}, {LABEL_ROW}) THEN problem "
        f"WHEN agency IS NULL THEN {NO_AGENCY_ROW} ELSE {OTHER_AGENCY_ROW} END"
    )
    return (
        f"SELECT * REPLACE ({problem} AS problem) FROM "
        f"(SELECT *, {selection_sql(selection)} AS sel FROM ({checked}))"
    )


def nearest_agencies(
    engine: DossierEngine,
    window: DateWindow,
    chosen_rows: list[int],
    summaries: list[SourceSummary],
) -> dict[int, list[tuple[str, int]]]:
    """For each ``--agency`` no row names: the ledger's agencies closest to it (a typo,
    another spelling, a code where the ledger writes names). One more scan, only then."""
    if engine.agencies is None or all(chosen_rows):
        return {}
    if not any(s.other_agency_rows for s in summaries):
        return {i: [] for i, n in enumerate(chosen_rows) if not n}
    written = engine.execute(
        "Tìm cơ quan giải quyết gần giống",
        f"SELECT agency, count(*) AS n FROM ({engine.rows_sql(window)}) "
        f"WHERE problem = {OTHER_AGENCY_ROW} GROUP BY agency ORDER BY n DESC, agency",
    ).fetchall()
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for agency, n in written:
        key = agency_key(str(agency))
        counts[key] += int(n)
        spelled.setdefault(key, str(agency))  # the most written spelling names it
    found: dict[int, list[tuple[str, int]]] = {}
    for number, choice in enumerate(engine.agencies.choices):
        if chosen_rows[number]:
            continue
        asked = [agency_key(choice.asked)]
        if choice.unit is not None:
            asked.append(agency_key(choice.unit.name))
        close: list[str] = []
        for text in asked:
            close += get_close_matches(text, list(counts), n=3, cutoff=0.6)
            # A part of the name ("nghĩa kỳ" of "ubnd xã nghĩa kỳ") is as good a hint.
            close += [k for k, _ in counts.most_common() if text in k]
        close = list(dict.fromkeys(close)) or [k for k, _ in counts.most_common(3)]
        found[number] = [(spelled[k], counts[k]) for k in close[:3]]
    return found
