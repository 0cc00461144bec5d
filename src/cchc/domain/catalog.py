"""The indicator catalog (Biểu mẫu 1–7) and the template versions printed over it.

Indicators have stable keys; each template version (the printed forms of a
year or province) maps its own codes and wordings onto those keys, so that
"6.4" of a 2022 form and "6.1" of a 2023 form are the same indicator.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from cchc.domain.formula import Formula, FormulaError

__all__ = [
    "Aggregation",
    "Catalog",
    "CatalogError",
    "CodeOption",
    "Form",
    "Indicator",
    "IndicatorKind",
    "Measure",
    "TemplateRow",
    "TemplateVersion",
]


class CatalogError(ValueError):
    """A catalog or template file that contradicts itself."""


class IndicatorKind(StrEnum):
    GROUP = "group"  # a heading row: holds no value of its own
    COUNT = "count"
    AMOUNT = "amount"
    PERCENT = "percent"
    CODE = "code"  # an enumerated code such as "Chưa = 0 Hoàn thành = 1"

    @property
    def label(self) -> str:
        return {
            IndicatorKind.GROUP: "nhóm",
            IndicatorKind.COUNT: "số đếm",
            IndicatorKind.AMOUNT: "số tiền",
            IndicatorKind.PERCENT: "tỷ lệ",
            IndicatorKind.CODE: "mã liệt kê",
        }[self]


class Measure(StrEnum):
    PERIOD = "period"  # the reporting period only
    CUMULATIVE = "cumulative"  # lũy kế from the start of the year: never decreases within it
    STOCK = "stock"  # a state at the report date (quota, number of units)


class Aggregation(StrEnum):
    SUM = "sum"  # counts and amounts add up
    FORMULA = "formula"  # recomputed from the compiled components
    DISTRIBUTION = "distribution"  # codes: how many units chose each code
    PER_UNIT = "per_unit"  # not additive: listed per unit with its range
    NONE = "none"


@dataclass(frozen=True, slots=True)
class CodeOption:
    code: int
    label: str


@dataclass(frozen=True, slots=True)
class Form:
    number: int
    key: str
    title: str

    @property
    def label(self) -> str:
        return f"Biểu mẫu {self.number}"


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    form: int
    code: str
    name: str
    unit: str
    kind: IndicatorKind
    parent: str | None = None
    levels: tuple[str, ...] = ()
    measure: Measure = Measure.PERIOD
    formula: Formula | None = None
    sum_of: tuple[str, ...] = ()
    options: tuple[CodeOption, ...] = ()
    aggregate: Aggregation = Aggregation.SUM
    note: str = ""

    @property
    def cumulative(self) -> bool:
        return self.measure is Measure.CUMULATIVE

    @property
    def has_value(self) -> bool:
        return self.kind is not IndicatorKind.GROUP

    @property
    def expect(self) -> str | None:
        """What a cell of this indicator should hold, for number parsing."""
        if self.kind in (IndicatorKind.COUNT, IndicatorKind.CODE):
            return "integer"
        if self.kind is IndicatorKind.AMOUNT:
            return "amount"
        if self.kind is IndicatorKind.PERCENT:
            return "percent"
        return None

    def option(self, code: int) -> CodeOption | None:
        return next((o for o in self.options if o.code == code), None)


class Catalog:
    """Forms and indicators, in print order, with their references checked."""

    def __init__(
        self,
        forms: Iterable[Form],
        indicators: Iterable[Indicator],
        *,
        id: str = "catalog",
        title: str = "",
    ) -> None:
        self.id = id
        self.title = title
        self.forms: dict[int, Form] = {}
        for form in forms:
            if form.number in self.forms:
                raise CatalogError(f"biểu mẫu {form.number} khai báo hai lần")
            self.forms[form.number] = form
        self._indicators: dict[str, Indicator] = {}
        for ind in indicators:
            if ind.key in self._indicators:
                raise CatalogError(f"chỉ tiêu “{ind.key}” khai báo hai lần")
            if ind.form not in self.forms:
                raise CatalogError(f"chỉ tiêu “{ind.key}” thuộc biểu mẫu {ind.form} chưa khai báo")
            self._indicators[ind.key] = ind
        self._check()
        self._children: dict[str, list[str]] = {}
        for ind in self._indicators.values():
            if ind.parent:
                self._children.setdefault(ind.parent, []).append(ind.key)

    def _check(self) -> None:
        for ind in self._indicators.values():
            refs = list(ind.sum_of) + (list(ind.formula.keys) if ind.formula else [])
            if ind.parent:
                refs.append(ind.parent)
            for ref in refs:
                if ref not in self._indicators:
                    raise CatalogError(f"chỉ tiêu “{ind.key}” tham chiếu “{ref}” không tồn tại")
            if ind.kind is IndicatorKind.CODE and not ind.options:
                raise CatalogError(f"chỉ tiêu mã liệt kê “{ind.key}” chưa có danh sách mã")
            if ind.formula and ind.kind is IndicatorKind.GROUP:
                raise CatalogError(f"chỉ tiêu nhóm “{ind.key}” không thể có công thức")
        self._check_cycles()

    def _check_cycles(self) -> None:
        state: dict[str, int] = {}

        def visit(key: str, path: list[str]) -> None:
            if state.get(key) == 2:
                return
            if state.get(key) == 1:
                raise CatalogError("công thức tham chiếu vòng: " + " → ".join([*path, key]))
            state[key] = 1
            for dep in self.dependencies(key):
                visit(dep, [*path, key])
            state[key] = 2

        for key in self._indicators:
            visit(key, [])

    def dependencies(self, key: str) -> tuple[str, ...]:
        ind = self._indicators[key]
        deps = list(ind.sum_of)
        if ind.formula:
            deps.extend(ind.formula.keys)
        return tuple(dict.fromkeys(deps))

    def derivation_order(self) -> list[str]:
        """Keys with a formula or a sum, components before the values built on them."""
        order: list[str] = []
        seen: set[str] = set()

        def visit(key: str) -> None:
            if key in seen:
                return
            seen.add(key)
            for dep in self.dependencies(key):
                visit(dep)
            if self.dependencies(key):
                order.append(key)

        for key in self._indicators:
            visit(key)
        return order

    def __contains__(self, key: object) -> bool:
        return key in self._indicators

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._indicators.values())

    def __len__(self) -> int:
        return len(self._indicators)

    def get(self, key: str) -> Indicator:
        try:
            return self._indicators[key]
        except KeyError:
            raise CatalogError(f"không có chỉ tiêu “{key}” trong danh mục") from None

    def by_form(self, number: int) -> list[Indicator]:
        return [i for i in self._indicators.values() if i.form == number]

    def children(self, key: str) -> list[Indicator]:
        return [self._indicators[k] for k in self._children.get(key, [])]

    @property
    def keys(self) -> list[str]:
        return list(self._indicators)


@dataclass(frozen=True, slots=True)
class TemplateRow:
    """One printed row of a template version: where an indicator appears and how."""

    form: int
    code: str
    key: str
    label: str
    unit: str


@dataclass(frozen=True)
class TemplateVersion:
    """How one version of the printed forms numbers and words the indicators."""

    id: str
    title: str
    rows: tuple[TemplateRow, ...]
    valid_from: date | None = None
    valid_to: date | None = None
    # Other wordings seen for an indicator in this family, for matching imported rows.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    form_titles: Mapping[int, str] = field(default_factory=dict)
    _by_key: dict[str, TemplateRow] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        seen: dict[tuple[int, str], str] = {}
        for row in self.rows:
            if row.key in self._by_key:
                raise CatalogError(f"mẫu “{self.id}”: chỉ tiêu “{row.key}” xuất hiện hai lần")
            where = (row.form, row.code)
            if where in seen:
                raise CatalogError(
                    f"mẫu “{self.id}”: mã {row.code} của biểu mẫu {row.form} dùng cho cả "
                    f"“{seen[where]}” và “{row.key}”"
                )
            seen[where] = row.key
            self._by_key[row.key] = row

    @classmethod
    def from_catalog(
        cls, catalog: Catalog, id: str, title: str, **kwargs: object
    ) -> TemplateVersion:
        rows = tuple(TemplateRow(i.form, i.code, i.key, i.name, i.unit) for i in catalog)
        titles = {n: f.title for n, f in catalog.forms.items()}
        return cls(id=id, title=title, rows=rows, form_titles=titles, **kwargs)  # type: ignore[arg-type]

    def derive(
        self,
        id: str,
        title: str,
        *,
        codes: Mapping[str, str] | None = None,
        labels: Mapping[str, str] | None = None,
        units: Mapping[str, str] | None = None,
        remove: Iterable[str] = (),
        aliases: Mapping[str, Iterable[str]] | None = None,
        form_titles: Mapping[int, str] | None = None,
        valid_from: date | None = None,
        valid_to: date | None = None,
    ) -> TemplateVersion:
        """A new version that differs from this one in the given codes and wordings."""
        codes, labels, units = codes or {}, labels or {}, units or {}
        removed = set(remove)
        for key in [*codes, *labels, *units, *removed]:
            if key not in self._by_key:
                raise CatalogError(f"mẫu “{id}” sửa chỉ tiêu “{key}” không có trong mẫu gốc")
        rows = tuple(
            replace(
                row,
                code=codes.get(row.key, row.code),
                label=labels.get(row.key, row.label),
                unit=units.get(row.key, row.unit),
            )
            for row in self.rows
            if row.key not in removed
        )
        merged = {k: tuple(v) for k, v in self.aliases.items()}
        for key, extra in (aliases or {}).items():
            merged[key] = tuple(dict.fromkeys([*merged.get(key, ()), *extra]))
        return TemplateVersion(
            id=id,
            title=title,
            rows=rows,
            valid_from=valid_from,
            valid_to=valid_to,
            aliases=merged,
            form_titles={**self.form_titles, **(form_titles or {})},
        )

    def row(self, key: str) -> TemplateRow | None:
        return self._by_key.get(key)

    def code_for(self, key: str) -> str | None:
        row = self._by_key.get(key)
        return row.code if row else None

    def key_for(self, form: int, code: str) -> str | None:
        code = code.strip().rstrip(".")
        return next((r.key for r in self.rows if r.form == form and r.code == code), None)

    def form_rows(self, form: int) -> list[TemplateRow]:
        return [r for r in self.rows if r.form == form]

    @property
    def forms(self) -> list[int]:
        return sorted({r.form for r in self.rows})


def check_template_against(catalog: Catalog, template: TemplateVersion) -> None:
    """Every row of a template must name an indicator of the catalog, in its form."""
    for row in template.rows:
        if row.key not in catalog:
            raise CatalogError(f"mẫu “{template.id}”: chỉ tiêu “{row.key}” không có trong danh mục")
        if catalog.get(row.key).form != row.form:
            raise CatalogError(
                f"mẫu “{template.id}”: chỉ tiêu “{row.key}” in ở biểu mẫu {row.form} "
                f"nhưng danh mục xếp vào biểu mẫu {catalog.get(row.key).form}"
            )


def parse_formula(key: str, text: str) -> Formula:
    try:
        return Formula(text)
    except FormulaError as exc:
        raise CatalogError(f"chỉ tiêu “{key}”: {exc}") from None
