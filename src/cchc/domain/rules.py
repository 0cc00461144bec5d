"""The validation engine: rule specifications (data) compiled into checks.

A rule file lists rules by kind ("formula", "sum", "compare", ...). Each kind
is a factory registered in ``RuleKinds``; the built-in kinds are registered
exactly as a province's extension would register its own. Compiling a rule
set binds every rule to the indicators its selector picks, once, so that
validating ten thousand reports only runs the bound checks.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from cchc.domain.catalog import Catalog, Indicator, IndicatorKind, TemplateVersion
from cchc.domain.findings import Finding, Severity
from cchc.domain.numbers import format_number, format_percent
from cchc.domain.report import ReportData, Value

__all__ = [
    "MESSAGE_FIELDS",
    "Check",
    "CheckContext",
    "MissingPolicy",
    "NarrativeCheckFn",
    "RuleError",
    "RuleKinds",
    "RuleSpec",
    "select_indicators",
]

Number = int | float
MissingPolicy = Literal["skip", "zero", "report"]

# Placeholders a message template may use.
MESSAGE_FIELDS = frozenset(
    {"where", "name", "code", "codes", "actual", "expected", "detail", "rule", "form"}
)


class RuleError(ValueError):
    """A rule file that cannot be used as written."""


@dataclass(frozen=True)
class RuleSpec:
    id: str
    kind: str
    severity: Severity
    message: str
    title: str = ""
    missing: MissingPolicy = "skip"
    derive: bool = False
    select: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ""  # the file it came from, for error messages

    def __post_init__(self) -> None:
        names = {f for _, f, _, _ in string.Formatter().parse(self.message) if f}
        unknown = names - MESSAGE_FIELDS
        if unknown:
            raise RuleError(
                f"quy tắc “{self.id}”: thông báo dùng trường không có: {', '.join(sorted(unknown))}"
                f" (được dùng: {', '.join(sorted(MESSAGE_FIELDS))})"
            )
        if self.missing not in ("skip", "zero", "report"):
            raise RuleError(
                f"quy tắc “{self.id}”: cách xử lý thiếu số liệu “{self.missing}” không hợp lệ"
            )


class CheckContext:
    """What a check sees of one report while it is being validated."""

    __slots__ = ("_numbers", "catalog", "computed", "previous", "report", "template")

    def __init__(
        self,
        report: ReportData,
        catalog: Catalog,
        template: TemplateVersion | None,
        previous: ReportData | None,
    ) -> None:
        self.report = report
        self.catalog = catalog
        self.template = template
        self.previous = previous
        self._numbers: dict[str, Number] | None = None
        self.computed: dict[str, Value] = {}

    @property
    def numbers(self) -> dict[str, Number]:
        """Reported and computed numbers by key (built on first use: many reports never need it)."""
        if self._numbers is None:
            numbers = {k: v.value for k, v in self.report.values.items() if v.value is not None}
            for key, value in self.computed.items():
                if value.value is not None:
                    numbers[key] = value.value
            self._numbers = numbers
        return self._numbers

    def release(self) -> None:
        """Forget the number index (rebuilt on demand): results keep contexts for lazy wording."""
        self._numbers = None

    def add_computed(self, key: str, value: Value) -> None:
        self.computed[key] = value
        if self._numbers is not None and value.value is not None:
            self._numbers[key] = value.value

    def code(self, key: str) -> str:
        if self.template is not None:
            code = self.template.code_for(key)
            if code is not None:
                return code
        return self.catalog.get(key).code if key in self.catalog else key

    def where(self, key: str) -> str:
        if key not in self.catalog:
            return key
        return f"Biểu mẫu {self.catalog.get(key).form}, mục {self.code(key)}"

    def ref(self, key: str) -> str:
        """Short reference inside one sentence: "mục 3.2.1"."""
        return f"mục {self.code(key)}" if key in self.catalog else key

    def show(self, key: str | None, value: Number | None) -> str:
        if value is None:
            return "(trống)"
        if key is not None and key in self.catalog:
            ind = self.catalog.get(key)
            if ind.kind is IndicatorKind.PERCENT:
                return format_percent(value)
            if ind.kind is IndicatorKind.CODE:
                option = ind.option(int(value)) if float(value).is_integer() else None
                return (
                    f"{format_number(value)} ({option.label})" if option else format_number(value)
                )
        if isinstance(value, float) and not value.is_integer():
            return format_number(value, 2, trim=True)
        return format_number(value)

    def is_reported(self, key: str) -> bool:
        return key in self.numbers and key not in self.computed

    def finding(
        self,
        rule: RuleSpec,
        keys: Sequence[str],
        *,
        actual: Number | str | None,
        expected: Number | str | None,
        detail: str | Callable[[], str] = "",
        severity: Severity | None = None,
        message: str | None = None,
        show_key: str | None = None,
    ) -> Finding:
        first = keys[0] if keys else None
        unit_key = show_key if show_key is not None else first
        template = message or rule.message
        catalog = self.catalog

        def word() -> str:
            fields = {
                "where": self.where(first) if first else "",
                "name": catalog.get(first).name if first and first in catalog else "",
                "code": self.code(first) if first else "",
                "codes": ", ".join(self.code(k) for k in keys),
                "form": str(catalog.get(first).form) if first and first in catalog else "",
                "actual": actual if isinstance(actual, str) else self.show(unit_key, actual),
                "expected": expected
                if isinstance(expected, str)
                else self.show(unit_key, expected),
                "detail": detail() if callable(detail) else detail,
                "rule": rule.id,
            }
            return template.format_map(fields)

        return Finding(
            rule=rule.id,
            severity=severity or rule.severity,
            message=word,
            indicators=tuple(keys),
            codes=tuple(self.code(k) for k in keys),
            forms=tuple(catalog.get(k).form for k in keys if k in catalog),
            actual=actual,
            expected=expected,
        )


class Check(Protocol):
    """A rule bound to its indicators."""

    rule: RuleSpec
    target: str | None  # the key this check can derive, if any

    def derive(self, ctx: CheckContext) -> Number | None:
        """The target's value from its components, when the target is blank and can be."""
        ...

    def check(self, ctx: CheckContext, out: list[Finding]) -> None: ...


NarrativeCheckFn = Callable[[CheckContext, RuleSpec], Iterable[Finding]]
KindFactory = Callable[[RuleSpec, Catalog, "RuleKinds"], "list[Check]"]


class RuleKinds:
    """The registry of rule kinds and narrative checks."""

    def __init__(self) -> None:
        self.kinds: dict[str, KindFactory] = {}
        self.narrative_checks: dict[str, NarrativeCheckFn] = {}
        # Called with the rule when a rule set is built, so that a check's own
        # parameters are refused at load time (naming the file), not mid-validation.
        self.narrative_preparers: dict[str, Callable[[RuleSpec], object]] = {}

    def register(self, name: str, factory: KindFactory) -> None:
        self.kinds[name] = factory

    def register_narrative(
        self,
        name: str,
        check: NarrativeCheckFn,
        prepare: Callable[[RuleSpec], object] | None = None,
    ) -> None:
        self.narrative_checks[name] = check
        if prepare is not None:
            self.narrative_preparers[name] = prepare

    def copy(self) -> RuleKinds:
        other = RuleKinds()
        other.kinds = dict(self.kinds)
        other.narrative_checks = dict(self.narrative_checks)
        other.narrative_preparers = dict(self.narrative_preparers)
        return other


def select_indicators(catalog: Catalog, select: Mapping[str, Any]) -> list[Indicator]:
    """Indicators matching every condition of a rule's ``select``."""
    known = {"has", "kind", "measure", "keys", "forms", "aggregate"}
    unknown = set(select) - known
    if unknown:
        raise RuleError(f"điều kiện chọn chỉ tiêu không hợp lệ: {', '.join(sorted(unknown))}")
    result = []
    for ind in catalog:
        if not ind.has_value:
            continue
        has = select.get("has")
        if has == "formula" and ind.formula is None:
            continue
        if has == "sum_of" and not ind.sum_of:
            continue
        if has not in (None, "formula", "sum_of"):
            raise RuleError(f"điều kiện “has: {has}” không hợp lệ (dùng formula hoặc sum_of)")
        if "kind" in select and ind.kind.value not in _as_list(select["kind"]):
            continue
        if "measure" in select and ind.measure.value not in _as_list(select["measure"]):
            continue
        if "aggregate" in select and ind.aggregate.value not in _as_list(select["aggregate"]):
            continue
        if "keys" in select and ind.key not in _as_list(select["keys"]):
            continue
        if "forms" in select and ind.form not in [int(f) for f in _as_list(select["forms"])]:
            continue
        result.append(ind)
    return result


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]
