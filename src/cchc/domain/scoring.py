"""PAR Index (Chỉ số CCHC) schemes: a tree of areas, criteria and sub-criteria as data.

A scheme file describes each node's code, name and max points; a leaf also
declares its variables (named as in the criterion's own text: ``a``, ``b``,
or named yes/no parts) and one rule of a fixed kind (``scoring_rules``).
A parent scores the sum of its children, or with ``aggregate: capped_sum``
that sum capped at its own max. The loader checks every declared max against
the children's and the declared total against the whole tree, so that a
transcription slip is caught when the file is read, not in a ranking.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any, Literal

from cchc.domain.formula import Formula, FormulaError
from cchc.domain.scoring_rules import Manual, Rule, RuleContext, RuleSpecError, parse_rule
from cchc.domain.scoring_values import (
    IDENTIFIER,
    SourceSpec,
    Variable,
    VarType,
    coerce_input,
    exact,
    nfc,
    show_points,
)

__all__ = [
    "FORMAT",
    "RESERVED_NAMES",
    "Aggregate",
    "Criterion",
    "Scheme",
    "SchemeError",
    "build_scheme",
]

FORMAT = "cchc.scheme/1"

# Keys an inputs file uses next to the variables of a criterion.
RESERVED_NAMES = frozenset({"evidence", "note", "points", "comment"})

_LEVEL_LABELS = ("Lĩnh vực", "Tiêu chí", "Tiêu chí thành phần")


class SchemeError(ValueError):
    """A scheme that cannot be used as written; the message names the criterion."""

    def __init__(self, problem: str, code: str | None = None) -> None:
        self.problem = problem
        self.code = code
        super().__init__(f"tiêu chí {code}: {problem}" if code else problem)


class Aggregate(StrEnum):
    SUM = "sum"  # children's max add up to the parent's max
    CAPPED_SUM = "capped_sum"  # children may offer more than the parent's max


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    max_points: Fraction
    depth: int
    children: tuple[Criterion, ...] = ()
    rule: Rule | None = None
    variables: Mapping[str, Variable] = field(default_factory=dict)
    aggregate: Aggregate = Aggregate.SUM
    note: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def level_label(self) -> str:
        return _LEVEL_LABELS[min(self.depth, len(_LEVEL_LABELS) - 1)]

    def walk(self) -> Iterator[Criterion]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Scheme:
    id: str
    title: str
    total_max: Fraction
    criteria: tuple[Criterion, ...]
    decision: str = ""  # the legal act that issues it: "Quyết định số 673/QĐ-UBND ..."
    level: str = ""
    decimals: int = 2
    note: str = ""

    def walk(self) -> Iterator[Criterion]:
        for root in self.criteria:
            yield from root.walk()

    def leaves(self) -> list[Criterion]:
        return [c for c in self.walk() if c.is_leaf]

    def get(self, code: str) -> Criterion | None:
        return next((c for c in self.walk() if c.code == code), None)


_SCHEME_KEYS = (
    "id",
    "format",
    "title",
    "decision",
    "level",
    "decimals",
    "total_max",
    "note",
    "criteria",
)
_NODE_KEYS = ("code", "name", "max", "rule", "variables", "children", "aggregate", "note")
_VARIABLE_KEYS = ("label", "type", "unit", "options", "default", "at_most", "source")


def build_scheme(data: Mapping[str, Any]) -> Scheme:
    """A scheme from its file's content; raises ``SchemeError``."""
    unknown = [k for k in data if k not in _SCHEME_KEYS]
    if unknown:
        raise SchemeError(
            f"không có trường “{unknown[0]}” ở cấp bộ tiêu chí (các trường: {', '.join(_SCHEME_KEYS)})"
        )
    if data.get("format", FORMAT) != FORMAT:
        raise SchemeError(f"định dạng “{data.get('format')}” không hỗ trợ (cần {FORMAT})")
    for key in ("id", "title", "total_max", "criteria"):
        if data.get(key) in (None, ""):
            raise SchemeError(f"thiếu trường “{key}”")
    decimals = data.get("decimals", 2)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 4:
        raise SchemeError("“decimals” (số chữ số thập phân của điểm) phải là số nguyên từ 0 đến 4")
    try:
        total_max = exact(data["total_max"])
    except ValueError as exc:
        raise SchemeError(f"“total_max”: {exc}") from None
    raw = data["criteria"]
    if not isinstance(raw, list) or not raw:
        raise SchemeError("“criteria” phải là danh sách các lĩnh vực")
    seen: set[str] = set()
    roots = tuple(_node(item, 0, None, seen, decimals) for item in raw)
    shipped = sum((r.max_points for r in roots), Fraction(0))
    if shipped != total_max:
        raise SchemeError(
            f"tổng điểm tối đa khai báo (total_max = {show_points(total_max)}) khác tổng điểm "
            f"tối đa các lĩnh vực ({show_points(shipped)})"
        )
    return Scheme(
        id=str(data["id"]),
        title=nfc(data["title"]),
        total_max=total_max,
        criteria=roots,
        decision=nfc(data.get("decision")),
        level=str(data.get("level") or ""),
        decimals=decimals,
        note=nfc(data.get("note")),
    )


def _node(raw: object, depth: int, parent: str | None, seen: set[str], decimals: int) -> Criterion:
    where = f"trong nhóm {parent}" if parent else "ở cấp lĩnh vực"
    if not isinstance(raw, Mapping):
        raise SchemeError(f"một mục {where} không phải là bảng khóa – giá trị")
    code = _code(raw.get("code"), where)
    try:
        return _node_body(raw, code, depth, parent, seen, decimals)
    except SchemeError as exc:
        if exc.code is not None:
            raise
        raise SchemeError(exc.problem, code) from None


def _code(raw: object, where: str) -> str:
    if isinstance(raw, float):
        # YAML reads 7.10 as 7.1: a code must be text to survive.
        raise SchemeError(f"mã tiêu chí {raw} {where} phải viết trong dấu nháy, ví dụ “{raw}”")
    if isinstance(raw, bool) or not isinstance(raw, str | int) or not str(raw).strip():
        raise SchemeError(f"một mục {where} thiếu mã (“code”)")
    return str(raw).strip()


def _node_body(
    raw: Mapping[str, Any], code: str, depth: int, parent: str | None, seen: set[str], decimals: int
) -> Criterion:
    unknown = [k for k in raw if k not in _NODE_KEYS]
    if unknown:
        raise SchemeError(f"không có trường “{unknown[0]}” (các trường: {', '.join(_NODE_KEYS)})")
    if code in seen:
        raise SchemeError("mã bị trùng")
    seen.add(code)
    if parent is not None and not code.startswith(parent + "."):
        raise SchemeError(f"mã không thuộc nhóm {parent} (cần dạng {parent}.…)")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SchemeError("thiếu tên (“name”)")
    declared = None
    if raw.get("max") is not None:
        try:
            declared = exact(raw["max"])
        except ValueError as exc:
            raise SchemeError(f"điểm tối đa: {exc}") from None
        if declared <= 0:
            raise SchemeError("điểm tối đa phải lớn hơn 0")
    try:
        aggregate = Aggregate(raw.get("aggregate", "sum"))
    except ValueError:
        raise SchemeError(
            f"cách cộng điểm “{raw.get('aggregate')}” không có (dùng sum hoặc capped_sum)"
        ) from None
    children_raw = raw.get("children")
    note = nfc(raw.get("note"))
    if children_raw is not None:
        if not isinstance(children_raw, list) or not children_raw:
            raise SchemeError("“children” phải là danh sách tiêu chí")
        if raw.get("rule") is not None or raw.get("variables") is not None:
            raise SchemeError(
                "nhóm có tiêu chí con thì điểm là tổng điểm các tiêu chí con; "
                "không khai báo “rule”/“variables” ở nhóm"
            )
        children = tuple(_node(c, depth + 1, code, seen, decimals) for c in children_raw)
        offered = sum((c.max_points for c in children), Fraction(0))
        if declared is None:
            declared = offered
        elif aggregate is Aggregate.SUM and offered != declared:
            raise SchemeError(
                f"điểm tối đa {show_points(declared)} khác tổng điểm tối đa các tiêu chí con "
                f"({show_points(offered)})"
            )
        elif aggregate is Aggregate.CAPPED_SUM and offered < declared:
            raise SchemeError(
                f"điểm tối đa {show_points(declared)} lớn hơn tổng điểm tối đa các tiêu chí con "
                f"({show_points(offered)}), không thể đạt"
            )
        return Criterion(code, nfc(name), declared, depth, children, aggregate=aggregate, note=note)
    if declared is None:
        raise SchemeError("thiếu điểm tối đa (“max”)")
    if raw.get("rule") is None:
        raise SchemeError("thiếu quy tắc chấm điểm (“rule”)")
    variables = _variables(raw.get("variables"), code)
    rule_raw = raw["rule"]
    if isinstance(rule_raw, Mapping) and rule_raw.get("kind") == Manual.kind:
        variables.setdefault(
            Manual.VARIABLE,
            Variable(
                Manual.VARIABLE,
                "Điểm do người chấm đánh giá",
                VarType.NUMBER,
                "điểm",
                at_most=Formula(_decimal_text(declared)),
            ),
        )
    try:
        rule = parse_rule(rule_raw, RuleContext(code, declared, variables, decimals))
    except RuleSpecError as exc:
        raise SchemeError(f"quy tắc: {exc}") from None
    unused = [n for n in variables if n not in rule.variables()]
    if unused:
        raise SchemeError(f"biến “{unused[0]}” được khai báo nhưng quy tắc không dùng")
    return Criterion(code, nfc(name), declared, depth, rule=rule, variables=variables, note=note)


def _decimal_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else repr(float(value))


def _variables(raw: object, code: str) -> dict[str, Variable]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise SchemeError("“variables” phải là bảng tên biến → mô tả")
    result: dict[str, Variable] = {}
    for name, spec in raw.items():
        name = str(name)
        if not IDENTIFIER.fullmatch(name) or name in RESERVED_NAMES:
            raise SchemeError(
                f"tên biến “{name}” không hợp lệ (chữ không dấu, số, dấu gạch dưới; "
                f"không dùng {', '.join(sorted(RESERVED_NAMES))})"
            )
        try:
            result[name] = _variable(name, spec, result)
        except (SchemeError, ValueError) as exc:
            raise SchemeError(f"biến “{name}”: {exc}") from None
    return result


def _variable(name: str, spec: object, earlier: Mapping[str, Variable]) -> Variable:
    if isinstance(spec, str):
        spec = {"label": spec}
    if not isinstance(spec, Mapping):
        raise SchemeError("mô tả biến phải là chuỗi hoặc bảng {label, type, …}")
    unknown = [k for k in spec if k not in _VARIABLE_KEYS]
    if unknown:
        raise SchemeError(
            f"không có trường “{unknown[0]}” (các trường: {', '.join(_VARIABLE_KEYS)})"
        )
    label = spec.get("label")
    if not isinstance(label, str) or not label.strip():
        raise SchemeError("thiếu mô tả (“label”)")
    try:
        type_ = VarType(spec.get("type", "count"))
    except ValueError:
        raise SchemeError(
            f"kiểu “{spec.get('type')}” không có (dùng {', '.join(t.value for t in VarType)})"
        ) from None
    options: tuple[tuple[str, str], ...] = ()
    if type_ is VarType.CHOICE:
        raw_options = spec.get("options")
        if not isinstance(raw_options, Mapping) or not raw_options:
            raise SchemeError("biến kiểu choice cần “options” (khóa → mô tả)")
        options = tuple((str(k), nfc(v)) for k, v in raw_options.items())
    elif spec.get("options") is not None:
        raise SchemeError("chỉ biến kiểu choice mới có “options”")
    variable = Variable(name, nfc(label), type_, nfc(spec.get("unit")), options)
    default = None
    if spec.get("default") is not None:
        default = coerce_input(variable, spec["default"])
    at_most = None
    if spec.get("at_most") is not None:
        if not type_.numeric:
            raise SchemeError("“at_most” chỉ dùng cho biến số")
        try:
            at_most = Formula(str(spec["at_most"]))
        except FormulaError as exc:
            raise SchemeError(f"“at_most”: {exc}") from None
        missing = [k for k in at_most.keys if k not in earlier]
        if missing:
            raise SchemeError(f"“at_most” dùng biến “{missing[0]}” chưa khai báo ở trên")
    sources = tuple(_source(s, type_) for s in _as_list(spec.get("source")))
    return Variable(name, variable.label, type_, variable.unit, options, default, at_most, sources)


def _as_list(raw: object) -> list[object]:
    if raw is None:
        return []
    return list(raw) if isinstance(raw, list) else [raw]


def _source(raw: object, type_: VarType) -> SourceSpec:
    if not isinstance(raw, Mapping):
        raise SchemeError("“source” phải có dạng {report: …} hoặc {stats: …, group: …}")
    unknown = [k for k in raw if k not in ("report", "stats", "group", "yes_when")]
    if unknown:
        raise SchemeError(f"“source” không có trường “{unknown[0]}”")
    kinds = [k for k in ("report", "stats") if raw.get(k)]
    if len(kinds) != 1:
        raise SchemeError("mỗi “source” có đúng một trong hai trường “report” hoặc “stats”")
    kind: Literal["report", "stats"] = "report" if kinds[0] == "report" else "stats"
    try:
        formula = Formula(str(raw[kind]))
    except FormulaError as exc:
        raise SchemeError(f"“source.{kind}”: {exc}") from None
    group_raw = raw.get("group") or {}
    if not isinstance(group_raw, Mapping) or (group_raw and kind != "stats"):
        raise SchemeError("“group” là bảng cột → giá trị và chỉ dùng với “stats”")
    yes_when = raw.get("yes_when")
    if yes_when not in (None, "zero", "positive"):
        raise SchemeError("“yes_when” là zero hoặc positive")
    if (yes_when is not None) != (type_ is VarType.YES_NO):
        raise SchemeError("biến yes_no lấy từ số liệu cần “yes_when” (zero hoặc positive)")
    if type_ is VarType.CHOICE:
        raise SchemeError("biến kiểu choice không lấy được từ số liệu")
    group = tuple((str(k), str(v)) for k, v in group_raw.items())
    when: Literal["zero", "positive"] | None = (
        "zero" if yes_when == "zero" else "positive" if yes_when == "positive" else None
    )
    return SourceSpec(kind, formula, group, when)
