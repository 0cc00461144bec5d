"""Ranking units by their PAR Index total (appraised where appraised, else self-scored)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from cchc.domain.scoring_sheet import ScoreSheet

__all__ = ["RankRow", "rank_sheets"]


@dataclass(frozen=True, slots=True)
class RankRow:
    rank: int | None  # None when nothing could be scored
    sheet: ScoreSheet
    score: Fraction | None

    @property
    def complete(self) -> bool:
        return self.sheet.final_total.complete

    @property
    def appraised(self) -> bool:
        return self.sheet.appraised_total is not None


def rank_sheets(sheets: Sequence[ScoreSheet]) -> list[RankRow]:
    """Highest total first; equal totals share a rank and the next rank is skipped (1, 2, 2, 4)."""
    ordered = sorted(
        sheets,
        key=lambda s: (
            s.final_total.score is None,
            -(s.final_total.score or 0),
            s.unit_label,
        ),
    )
    rows: list[RankRow] = []
    for position, sheet in enumerate(ordered, 1):
        score = sheet.final_total.score
        rank: int | None = None
        if score is not None:
            previous = rows[-1] if rows else None
            same = previous is not None and previous.score == score
            rank = previous.rank if same and previous is not None else position
        rows.append(RankRow(rank, sheet, score))
    return rows
