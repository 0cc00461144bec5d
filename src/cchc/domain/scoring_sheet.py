"""The score sheet (bảng chấm điểm): a unit's self-score and appraised score per criterion.

A leaf is scored by its rule from its inputs; a leaf with an input missing is
not scored (and listed), never silently given 0. A parent's score is the sum
of its scored children (capped when the scheme says so) and is complete only
when every child is. The appraiser (thẩm định) either corrects some inputs,
and the rule recomputes, or gives the points directly, with a comment; a
criterion the appraiser does not mention keeps its self-score.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from cchc.domain.scoring import Aggregate, Criterion, Scheme
from cchc.domain.scoring_inputs import InputValue
from cchc.domain.scoring_rules import UndefinedRatioError
from cchc.domain.scoring_values import round_half_up, show_points

__all__ = [
    "Appraisal",
    "AppraisalEntry",
    "Evaluation",
    "NodeResult",
    "ScoreSheet",
    "SheetInputs",
    "evaluate_leaf",
    "score_sheet",
]


@dataclass(frozen=True, slots=True)
class Evaluation:
    score: Fraction | None  # None: nothing could be scored
    complete: bool
    detail: str = ""
    shortfall: str | None = None  # why the score is below max
    missing: tuple[str, ...] = ()  # variables without a value
    problem: str | None = None  # why the inputs give no score (a zero denominator)
    direct: bool = False  # points given directly by the appraiser


@dataclass(frozen=True, slots=True)
class AppraisalEntry:
    points: Fraction | None = None
    values: Mapping[str, InputValue] = field(default_factory=dict)
    comment: str = ""


@dataclass(frozen=True)
class Appraisal:
    by: str = ""
    on: date | None = None
    entries: Mapping[str, AppraisalEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetInputs:
    unit_code: str
    unit_name: str = ""
    year: int | None = None
    as_of: date | None = None  # data up to this day (a forecast's year-to-date)
    values: Mapping[str, Mapping[str, InputValue]] = field(default_factory=dict)
    evidence: Mapping[str, Sequence[str]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    appraisal: Appraisal | None = None


@dataclass
class NodeResult:
    criterion: Criterion
    self_eval: Evaluation
    appraised: Evaluation | None = None
    inputs: Mapping[str, InputValue] = field(default_factory=dict)
    appraised_inputs: Mapping[str, InputValue] = field(default_factory=dict)
    evidence: Sequence[str] = ()
    note: str = ""
    comment: str = ""
    children: list[NodeResult] = field(default_factory=list)

    @property
    def final(self) -> Evaluation:
        """The appraised score once there is an appraisal, else the self-score."""
        return self.appraised if self.appraised is not None else self.self_eval

    def walk(self) -> Iterator[NodeResult]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ScoreSheet:
    scheme: Scheme
    inputs: SheetInputs
    roots: list[NodeResult]
    total: Evaluation
    appraised_total: Evaluation | None = None
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the data files inputs were derived from

    @property
    def final_total(self) -> Evaluation:
        return self.appraised_total if self.appraised_total is not None else self.total

    @property
    def unit_label(self) -> str:
        return self.inputs.unit_name or self.inputs.unit_code

    def walk(self) -> Iterator[NodeResult]:
        for root in self.roots:
            yield from root.walk()

    def leaves(self) -> list[NodeResult]:
        return [n for n in self.walk() if n.criterion.is_leaf]

    def unscored(self) -> list[NodeResult]:
        return [n for n in self.leaves() if n.self_eval.score is None]


def evaluate_leaf(
    criterion: Criterion, values: Mapping[str, InputValue], decimals: int
) -> Evaluation:
    """Score one leaf: capped to [0, max], rounded half up to the scheme's decimals."""
    rule = criterion.rule
    assert rule is not None
    needed = rule.variables()
    # Listed in the order the scheme declares them: a before b.
    missing = tuple(n for n in criterion.variables if n in needed and n not in values)
    if missing:
        return Evaluation(None, False, missing=missing)
    try:
        outcome = rule.evaluate({n: values[n].value for n in needed})
    except UndefinedRatioError as exc:
        return Evaluation(None, False, problem=str(exc))
    score = _cap(outcome.points, criterion.max_points, decimals)
    shortfall = (outcome.shortfall or outcome.detail) if score < criterion.max_points else None
    return Evaluation(score, True, outcome.detail, shortfall)


def _cap(points: Fraction, max_points: Fraction, decimals: int) -> Fraction:
    return min(round_half_up(max(points, Fraction(0)), decimals), max_points)


def _aggregate(
    max_points: Fraction, aggregate: Aggregate, parts: Sequence[Evaluation]
) -> Evaluation:
    scored = [e.score for e in parts if e.score is not None]
    score = sum(scored, Fraction(0)) if scored else None
    if score is not None and aggregate is Aggregate.CAPPED_SUM:
        score = min(score, max_points)
    return Evaluation(score, all(e.complete for e in parts))


def score_sheet(scheme: Scheme, inputs: SheetInputs) -> ScoreSheet:
    roots = [_node(c, scheme, inputs) for c in scheme.criteria]
    total = _aggregate(scheme.total_max, Aggregate.SUM, [r.self_eval for r in roots])
    appraised_total = None
    if inputs.appraisal is not None:
        appraised_total = _aggregate(scheme.total_max, Aggregate.SUM, [r.final for r in roots])
    return ScoreSheet(scheme, inputs, roots, total, appraised_total)


def _node(criterion: Criterion, scheme: Scheme, inputs: SheetInputs) -> NodeResult:
    if not criterion.is_leaf:
        children = [_node(c, scheme, inputs) for c in criterion.children]
        own = _aggregate(criterion.max_points, criterion.aggregate, [c.self_eval for c in children])
        appraised = None
        if inputs.appraisal is not None:
            appraised = _aggregate(
                criterion.max_points, criterion.aggregate, [c.final for c in children]
            )
        return NodeResult(criterion, own, appraised, children=children)
    values = inputs.values.get(criterion.code, {})
    result = NodeResult(
        criterion,
        evaluate_leaf(criterion, values, scheme.decimals),
        inputs=values,
        evidence=tuple(inputs.evidence.get(criterion.code, ())),
        note=inputs.notes.get(criterion.code, ""),
    )
    if inputs.appraisal is None:
        return result
    entry = inputs.appraisal.entries.get(criterion.code)
    if entry is None:
        result.appraised = result.self_eval
        return result
    result.comment = entry.comment
    result.appraised_inputs = dict(entry.values)
    if entry.points is not None:
        score = _cap(entry.points, criterion.max_points, scheme.decimals)
        detail = f"điểm thẩm định: {show_points(score, scheme.decimals)}"
        shortfall = (entry.comment or detail) if score < criterion.max_points else None
        result.appraised = Evaluation(score, True, detail, shortfall, direct=True)
    else:
        merged = {**values, **entry.values}
        result.appraised = evaluate_leaf(criterion, merged, scheme.decimals)
    return result
