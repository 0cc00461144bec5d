"""What a statistics run found: the counts, the problem rows, and each file's tally.

Kept apart from the engine that computes them: the services, the CLI and the
documents read these, and the checks on a whole file (nothing counted,
nothing in the window) are properties of a file's tally.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from cchc.analytics.dossier_sql import Disagreement
from cchc.analytics.group_names import MergedSpelling
from cchc.analytics.problem_rows import BadRow
from cchc.analytics.status_claims import SaidRow
from cchc.analytics.unknown_words import UnknownWord
from cchc.domain.agency_selection import AgencySelection
from cchc.domain.dossier_ledger import Problem
from cchc.domain.dossiers import DossierStats, uncounted
from cchc.domain.ledger_headers import HeaderHint
from cchc.domain.periods import DateWindow

__all__ = ["SourceSummary", "StatsResult"]


@dataclass
class SourceSummary:
    label: str
    kind: str
    rows: int = 0
    excluded: int = 0
    columns: list[str] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    # Ignored headers that look like a ledger column the file lacks ("Số hóa đầu vào").
    header_hints: list[HeaderHint] = field(default_factory=list)
    encoding: str | None = None  # CSV: utf-8, or the encoding its UTF-8 copy was made from
    notes: list[str] = field(default_factory=list)  # e.g. sheets of a workbook left out
    problems: Counter[Problem] = field(default_factory=Counter)  # this file's excluded rows
    copies: int = 0  # excluded as identical copies of a dossier counted once (duplicate_id)
    # Totals, group headings and signature lines of a printed register: not dossiers, not rows.
    label_rows: int = 0
    # With --agency: rows of other agencies, and rows naming none; left out, not rows either.
    other_agency_rows: int = 0
    no_agency_rows: int = 0
    in_window: int = 0  # dossiers of the window this file gave (carried over or received)
    # First and last day received, looked up only for a file that gave the window nothing.
    received: tuple[date, date] | None = None

    @property
    def left_out(self) -> int:
        """Rows of agencies ``--agency`` did not choose, or naming none."""
        return self.other_agency_rows + self.no_agency_rows

    @property
    def unusable(self) -> bool:
        """Rows were read and none counted: the file is misread, not merely dirty.

        Identical copies of dossiers counted elsewhere (the same export given
        twice, a month inside its quarter) did count, once.
        """
        return self.rows > 0 and self.excluded - self.copies >= self.rows


@dataclass
class StatsResult:
    window: DateWindow
    by: tuple[str, ...]
    groups: dict[tuple[str | None, ...], DossierStats]
    problems: Counter[Problem]
    bad_rows: list[BadRow]
    sources: list[SourceSummary]
    # Resolved dossiers in the window whose status word ("… đúng hạn") disagrees with their dates.
    said: Counter[Disagreement] = field(default_factory=Counter)
    said_rows: list[SaidRow] = field(default_factory=list)  # the first of them, when listed
    # Fields and agencies written several ways ("Hộ tịch", "HỘ TỊCH"), counted as one group.
    merged: list[MergedSpelling] = field(default_factory=list)
    # Dossier ids whose copies disagree and name different agencies: most likely liên thông
    # dossiers, each agency's software listing its part (all copies are excluded).
    shared_ids: int = 0
    # Words of the code columns the vocabulary does not know, the commonest per column.
    unknown_words: list[UnknownWord] = field(default_factory=list)
    # --agency: the agencies counted, the rows of each choice, and for a choice no row
    # names, the ledger's agencies closest to it (spelling, rows).
    agencies: AgencySelection | None = None
    chosen_rows: list[int] = field(default_factory=list)
    unmatched: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def total(self) -> DossierStats:
        total = DossierStats()
        for stats in self.groups.values():
            total = total + stats
        return total

    @property
    def excluded(self) -> int:
        return sum(self.problems.values())

    @property
    def other_agency_rows(self) -> int:
        return sum(s.other_agency_rows for s in self.sources)

    @property
    def no_agency_rows(self) -> int:
        return sum(s.no_agency_rows for s in self.sources)

    def has_column(self, column: str) -> bool:
        return any(column in s.columns for s in self.sources)

    @property
    def uncounted(self) -> frozenset[str]:
        """The counters no ledger has the column for: unknown, shown as "—" rather than 0."""
        return uncounted({c for s in self.sources for c in s.columns})
