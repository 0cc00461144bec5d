"""Checks of the one-stop numbers a report states in its narrative.

Registered like the built-in rule kinds (``register(kinds)``, named under
``plugins:`` in the settings); the rules that use them, with their
definitions and severities, are data (``catalogs/rules/narrative.yaml``):

- ``stated-rate``: a rate stated in the text must follow from its own
  numbers: the arithmetic written next to it ("((5.753+938)/6.706) × 100 =
  99,78%", "511/522 hồ sơ, tỷ lệ 97,89%"), or else the counts the same
  passage states, by the rate's definition;
- ``stated-rate-operands``: the numbers written into a rate's arithmetic
  must be the counts the same passage states (6.706 = tổng − rút);
- ``onestop-balance``: counts that must add up (total = carried over + new;
  total = the statuses; resolved = on time + late...);
- ``onestop-cross-section``: the same scope's counts in different sections
  must agree (the digitisation denominator of the communes = their total
  received minus withdrawn in the results section).

Narrative values are grouped by section and block (the one-stop desk,
agency or level a passage speaks of); a name stated twice with different
values in one group is ambiguous and is not used.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from cchc.domain.findings import Finding
from cchc.domain.formula import Formula, FormulaError, MissingOperandError
from cchc.domain.numbers import format_number, format_percent
from cchc.domain.precision import matches_reported
from cchc.domain.report import NarrativeValue
from cchc.domain.rules import CheckContext, RuleError, RuleKinds, RuleSpec
from cchc.domain.stated_ratios import StatedRatio, find_ratios
from cchc.domain.wording import fold

__all__ = ["NAME_LABELS", "register", "scope_of"]

Number = int | float

# How a finding names each narrative quantity.
NAME_LABELS: dict[str, str] = {
    "total": "tổng số hồ sơ",
    "carried_over": "kỳ trước chuyển sang",
    "received": "tiếp nhận mới",
    "received_online": "tiếp nhận trực tuyến",
    "received_in_person": "tiếp nhận trực tiếp",
    "received_by_post": "tiếp nhận qua bưu chính",
    "resolved": "đã giải quyết",
    "resolved_on_time": "giải quyết đúng hạn",
    "resolved_early": "giải quyết trước hạn",
    "resolved_late": "giải quyết quá hạn",
    "pending": "đang giải quyết",
    "pending_on_time": "đang giải quyết còn hạn",
    "pending_overdue": "đang giải quyết quá hạn",
    "paused": "tạm dừng",
    "returned": "trả lại",
    "withdrawn": "rút",
    "online_dossiers": "hồ sơ của dịch vụ công trực tuyến",
    "online_partial": "hồ sơ trực tuyến (dịch vụ một phần)",
    "online_partial_base": "hồ sơ của dịch vụ một phần",
    "online_full": "hồ sơ trực tuyến (dịch vụ toàn trình)",
    "online_full_base": "hồ sơ của dịch vụ toàn trình",
    "digitised_input": "hồ sơ số hóa thành phần",
    "digitised_input_base": "hồ sơ tính tỷ lệ số hóa thành phần",
    "digitised_result": "kết quả được số hóa",
    "digitised_result_base": "hồ sơ tính tỷ lệ số hóa kết quả",
    "public_investment_planned": "kế hoạch vốn đầu tư công",
    "public_investment_disbursed": "vốn đã giải ngân",
    "public_investment_tabmis": "vốn đã nhập trên Tabmis",
    "civil_servants_quota": "biên chế hành chính được giao",
    "civil_servants_present": "công chức hiện có",
}


def label(name: str) -> str:
    return NAME_LABELS.get(name, name.replace("_", " "))


_AGENCY = re.compile(
    r"van phong dang ky|chi nhanh|trung tam|nguon von|muc do|dich vu cong muc|cong an|bao hiem|thue"
)
_COMMUNE = re.compile(r"\b(xa|phuong|thi tran)\b")
_DISTRICT = re.compile(r"\b(huyen|thanh pho|thi xa|quan|phong ban|phong, ban)\b")
_PROVINCE = re.compile(r"\b(tinh|so nganh|so, nganh)\b")


def scope_of(block: str | None) -> str:
    """What a block speaks of: "unit" (the reporting unit), a level, or a named agency."""
    if not block:
        return "unit"
    folded = fold(block)
    if _AGENCY.search(folded):
        words = re.sub(r"[^0-9a-z]+", " ", folded).split()
        return "agency:" + " ".join(w for w in words if w not in ("ho", "so", "tthc", "cua"))
    if "thi xa" in folded or _DISTRICT.search(folded):
        if _COMMUNE.search(folded.replace("thi xa", "")):
            return "commune"
        return "district"
    if _COMMUNE.search(folded):
        return "commune"
    if _PROVINCE.search(folded):
        return "province"
    return "other:" + folded


# ------------------------------------------------------------------ groups


def _groups(values: Iterable[NarrativeValue]) -> dict[tuple[str, str], list[NarrativeValue]]:
    groups: dict[tuple[str, str], list[NarrativeValue]] = defaultdict(list)
    for value in values:
        groups[(value.section or "", value.block or "")].append(value)
    return groups


def _env(values: list[NarrativeValue]) -> dict[str, Number]:
    seen: dict[str, set[Number]] = defaultdict(set)
    for value in values:
        seen[value.name].add(value.value)
    return {name: next(iter(v)) for name, v in seen.items() if len(v) == 1}


def _where(section: str, block: str) -> str:
    place = f"mục {section}" if section else "phần thuyết minh"
    return f"{place} ({block})" if block else place


def _parse(expression: str, rule: RuleSpec) -> tuple[Formula, frozenset[str]]:
    optional = frozenset(re.findall(r"([a-z_][a-z0-9_]*)\?", expression))
    try:
        return Formula(expression.replace("?", "")), optional
    except FormulaError as exc:
        raise RuleError(f"quy tắc “{rule.id}”: {exc}") from None


def _evaluate(
    formula: Formula, optional: frozenset[str], env: Mapping[str, Number]
) -> Number | None:
    values = {k: env.get(k, 0 if k in optional else None) for k in formula.keys}
    try:
        return formula.evaluate(values)
    except MissingOperandError:
        return None


def _show(value: Number | None, percent: bool = False) -> str:
    if value is None:
        return "(không có)"
    if percent:
        return format_percent(value)
    if isinstance(value, float) and not value.is_integer():
        return format_number(value, 2, trim=True)
    return format_number(value)


def _terms(formula: Formula, env: Mapping[str, Number]) -> str:
    """ "đã giải quyết 4.048 + đang giải quyết 995 + rút 0 (không nêu)"."""
    return formula.render(
        lambda k: f"{label(k)} {_show(env[k])}" if k in env else f"{label(k)} 0 (không nêu)"
    ).replace(" - ", " − ")


def _keys(*values: NarrativeValue) -> list[str]:
    return [v.indicator for v in values if v.indicator]


def _definitions(rule: RuleSpec) -> dict[str, tuple[Formula, frozenset[str]]]:
    raw = rule.params.get("rates") or {}
    if not isinstance(raw, Mapping):
        raise RuleError(f"quy tắc “{rule.id}”: “rates” phải là bảng tên tỷ lệ – công thức")
    return {str(name): _parse(str(expr), rule) for name, expr in raw.items()}


# Parsed parameters per rule. The rule itself is kept in the entry so that its
# id cannot be reused by another object while the entry exists.
_CACHE: dict[tuple[int, str], tuple[RuleSpec, Any]] = {}


def _cached(rule: RuleSpec, what: str, build: Any) -> Any:
    key = (id(rule), what)
    if key not in _CACHE:
        _CACHE[key] = (rule, build(rule))
    return _CACHE[key][1]


def _explicit(value: NarrativeValue) -> StatedRatio | None:
    for ratio in find_ratios(value.text):
        if abs(ratio.stated - value.value) < 1e-9:
            return ratio
    return None


def _arithmetic(ratio: StatedRatio) -> str:
    top = " + ".join(format_number(n) for n in ratio.numerator)
    bottom = " + ".join(format_number(n) for n in ratio.denominator)
    if len(ratio.numerator) > 1:
        top = f"({top})"
    if len(ratio.denominator) > 1:
        bottom = f"({bottom})"
    return f"{top} / {bottom} × 100"


# ------------------------------------------------------------------ checks


def stated_rate(ctx: CheckContext, rule: RuleSpec) -> Iterator[Finding]:
    """A stated rate must follow from its own numbers."""
    definitions = _cached(rule, "rates", _definitions)
    for (section, block), values in _groups(ctx.report.narrative_values).items():
        env = _env(values)
        for value in values:
            if value.name not in definitions:
                continue
            decimals = _decimals(value)
            ratio = _explicit(value)
            if ratio is not None:
                computed = ratio.computed
                if computed is None or matches_reported(value.value, computed, decimals):
                    continue
                how = f"{_arithmetic(ratio)} = {_show(computed, True)}"
            else:
                formula, optional = definitions[value.name]
                computed = _evaluate(formula, optional, env)
                if computed is None or matches_reported(value.value, computed, decimals):
                    continue
                refs = formula.render(label)
                numbers = formula.render(lambda k, env=env: _show(env.get(k, 0)))
                how = f"{refs} = {numbers} = {_show(computed, True)}"
            yield ctx.finding(
                rule,
                _keys(value),
                actual=value.value,
                expected=round(computed, 2),
                detail=f"{_where(section, block)}: “{value.text}” nêu {_show(value.value, True)}, "
                f"nhưng {how}",
            )


def _decimals(value: NarrativeValue) -> int:
    ratio = _explicit(value)
    if ratio is not None:
        return ratio.decimals
    text = format_number(value.value)
    return len(text.partition(",")[2])


def stated_rate_operands(ctx: CheckContext, rule: RuleSpec) -> Iterator[Finding]:
    """The numbers written into a rate's arithmetic must be the passage's own counts."""
    definitions = _cached(rule, "rates", _definitions)
    for (section, block), values in _groups(ctx.report.narrative_values).items():
        env = _env(values)
        for value in values:
            ratio = _explicit(value) if value.name in definitions else None
            if ratio is None:
                continue
            formula, optional = definitions[value.name]
            parts = formula.ratio_parts()
            if parts is None:
                continue
            for side, written, part in (
                ("tử số", ratio.numerator, parts[0]),
                ("mẫu số", ratio.denominator, parts[1]),
            ):
                expected = _evaluate(part, optional, env)
                if expected is None or abs(sum(written) - expected) < 1e-9:
                    continue
                shown = " + ".join(format_number(n) for n in written)
                numbers = part.render(lambda k, env=env: _show(env.get(k, 0)))
                yield ctx.finding(
                    rule,
                    _keys(value),
                    actual=sum(written),
                    expected=expected,
                    detail=f"{_where(section, block)}: {side} trong “{value.text}” là {shown}, "
                    f"nhưng theo các số liệu nêu cùng phần thì {part.render(label)} = {numbers} "
                    f"= {_show(expected)}",
                )


def _identities(rule: RuleSpec, key: str) -> list[tuple[str, Formula, Formula, frozenset[str]]]:
    raw = rule.params.get(key) or []
    if not isinstance(raw, list):
        raise RuleError(f"quy tắc “{rule.id}”: “{key}” phải là danh sách đẳng thức “a = b + c”")
    out = []
    for item in raw:
        left, sep, right = str(item).partition("=")
        if not sep:
            raise RuleError(f"quy tắc “{rule.id}”: “{item}” không phải đẳng thức")
        left_formula, _ = _parse(left.strip(), rule)
        right_formula, optional = _parse(right.strip(), rule)
        out.append((str(item), left_formula, right_formula, optional))
    return out


def onestop_balance(ctx: CheckContext, rule: RuleSpec) -> Iterator[Finding]:
    """Counts stated in one passage must add up (total = carried over + new, statuses...)."""
    identities = _cached(rule, "identities", lambda r: _identities(r, "identities"))
    for (section, block), values in _groups(ctx.report.narrative_values).items():
        env = _env(values)
        by_name = {v.name: v for v in values}
        for _, left, right, optional in identities:
            if not all(k in env for k in left.keys):
                continue
            if not any(k in env for k in right.keys if k not in optional):
                continue
            actual = _evaluate(left, frozenset(), env)
            expected = _evaluate(right, optional, env)
            if actual is None or expected is None or abs(actual - expected) < 1e-9:
                continue
            stated = by_name[left.keys[0]]
            yield ctx.finding(
                rule,
                _keys(*(by_name[k] for k in (*left.keys, *right.keys) if k in by_name)),
                actual=actual,
                expected=expected,
                detail=f"{_where(section, block)}: {left.render(label)} là {_show(actual)} "
                f"(“{stated.text}”), nhưng {_terms(right, env)} = {_show(expected)}",
            )


def onestop_cross_section(ctx: CheckContext, rule: RuleSpec) -> Iterator[Finding]:
    """The same scope's counts must agree between sections (results vs digitisation)."""
    relations = _cached(rule, "relations", lambda r: _identities(r, "relations"))
    groups = _groups(ctx.report.narrative_values)
    envs = {where: _env(values) for where, values in groups.items()}
    for (section, block), values in groups.items():
        env = envs[(section, block)]
        scope = scope_of(block)
        by_name = {v.name: v for v in values}
        for _, left, right, optional in relations:
            name = left.keys[0] if len(left.keys) == 1 else None
            if name is None or name not in env:
                continue
            others = [
                (where, other)
                for where, other in envs.items()
                if where[0] != section
                and scope_of(where[1] or None) == scope
                and all(k in other for k in right.keys if k not in optional)
            ]
            if len(others) != 1:
                continue  # no counterpart, or several and no telling which
            (other_section, other_block), other = others[0]
            expected = _evaluate(right, optional, other)
            if expected is None or abs(env[name] - expected) < 1e-9:
                continue
            yield ctx.finding(
                rule,
                _keys(by_name[name]),
                actual=env[name],
                expected=expected,
                detail=f"{_where(section, block)}: {label(name)} là {_show(env[name])} "
                f"(“{by_name[name].text}”), nhưng {_where(other_section, other_block)} nêu "
                + (
                    f"{_terms(right, other)} = {_show(expected)}"
                    if len(right.keys) > 1
                    else f"{label(right.keys[0])} là {_show(expected)}"
                ),
            )


_PARAMETERS: dict[str, tuple[str, Any]] = {
    "stated-rate": ("rates", _definitions),
    "stated-rate-operands": ("rates", _definitions),
    "onestop-balance": ("identities", lambda r: _identities(r, "identities")),
    "onestop-cross-section": ("relations", lambda r: _identities(r, "relations")),
}


def _preparer(what: str, build: Any) -> Callable[[RuleSpec], object]:
    def prepare(spec: RuleSpec) -> object:
        return _cached(spec, what, build)

    return prepare


def register(kinds: RuleKinds) -> None:
    checks = {
        "stated-rate": stated_rate,
        "stated-rate-operands": stated_rate_operands,
        "onestop-balance": onestop_balance,
        "onestop-cross-section": onestop_cross_section,
    }
    for name, check in checks.items():
        # Parameters are read when the rules load: a wrong formula in a rule file is
        # reported then, naming the file, never in the middle of validating reports.
        kinds.register_narrative(name, check, _preparer(*_PARAMETERS[name]))
