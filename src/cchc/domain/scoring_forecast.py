"""Forecast: which criteria will score below their max, by how much, and why.

Seed 002 section 9 is this table made by hand before the deadline: the
working group scores the year-to-date data and lists every criterion that
falls short, with the reason. Here the reason is the rule's own account of
the input that falls short ("b / a = 6.260 / 6.275 = 99,76%, chưa đạt 100%").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cchc.domain.scoring_sheet import NodeResult, ScoreSheet

__all__ = ["Forecast", "ForecastItem", "Unscored", "forecast", "unscored_reason"]


@dataclass(frozen=True, slots=True)
class ForecastItem:
    node: NodeResult
    score: Fraction
    lost: Fraction
    reason: str


@dataclass(frozen=True, slots=True)
class Unscored:
    node: NodeResult
    reason: str


@dataclass(frozen=True)
class Forecast:
    sheet: ScoreSheet
    items: list[ForecastItem]  # below max, most points lost first
    unscored: list[Unscored]  # no forecast possible: inputs missing
    lost: Fraction  # points lost by the scored criteria

    @property
    def unscored_max(self) -> Fraction:
        return sum((u.node.criterion.max_points for u in self.unscored), Fraction(0))


def unscored_reason(node: NodeResult) -> str:
    evaluation = node.final
    if evaluation.problem:
        return evaluation.problem
    variables = node.criterion.variables
    names = [f"{n} ({variables[n].label})" for n in evaluation.missing if n in variables]
    return "thiếu số liệu: " + "; ".join(names)


def forecast(sheet: ScoreSheet) -> Forecast:
    items: list[ForecastItem] = []
    unscored: list[Unscored] = []
    for node in sheet.leaves():
        evaluation = node.final
        if evaluation.score is None:
            unscored.append(Unscored(node, unscored_reason(node)))
            continue
        lost = node.criterion.max_points - evaluation.score
        if lost > 0:
            reason = evaluation.shortfall or evaluation.detail
            items.append(ForecastItem(node, evaluation.score, lost, reason))
    # sorted() is stable: equal losses keep the scheme's order.
    items = sorted(items, key=lambda item: -item.lost)
    return Forecast(sheet, items, unscored, sum((i.lost for i in items), Fraction(0)))
