"""The appendix tables (Biểu mẫu 1–7) as printed: every row of the template version, in order.

A row carries the printed code, label and unit of its template version, the
value and the text it is printed as (Vietnamese formatting; blank when not
reported), and whether the system computed it, so that DOCX and XLSX print
the same table and a computed number is recognisable in both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from cchc.domain.catalog import Aggregation, Catalog, IndicatorKind, TemplateRow, TemplateVersion
from cchc.domain.compiling import CompiledReport, CompiledValue, distribution_label
from cchc.domain.numbers import format_number
from cchc.domain.report import ReportData, Value, ValueStatus

__all__ = [
    "COMPUTED_MARK",
    "AppendixForm",
    "AppendixRow",
    "compiled_forms",
    "report_forms",
    "value_text",
]

Number = int | float

# Printed after a value the system computed, and explained under each table.
COMPUTED_MARK = "*"


@dataclass(frozen=True, slots=True)
class AppendixRow:
    form: int
    code: str
    key: str
    label: str
    unit: str
    kind: IndicatorKind
    depth: int  # 1 for "3", 2 for "3.2", 3 for "3.2.1"
    value: Number | None = None
    text: str = ""  # as printed; empty when not reported
    decimals: int = 0  # decimals printed, for a spreadsheet's number format
    computed: bool = False
    note: str = ""  # the unit's own note
    option: str = ""  # a code's meaning ("Hoàn thành"), printed when there is no note

    @property
    def bold(self) -> bool:
        """Group rows and the top level of a form are printed bold, as in the seeds."""
        return self.depth == 1 or self.kind is IndicatorKind.GROUP

    @property
    def italic(self) -> bool:
        """The third level ("1.4.1") is printed italic, as in the seeds."""
        return self.depth >= 3


@dataclass(frozen=True, slots=True)
class AppendixForm:
    number: int
    title: str
    rows: tuple[AppendixRow, ...]

    @property
    def label(self) -> str:
        return f"Biểu mẫu {self.number}"

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.value is not None)


def _depth(code: str) -> int:
    return len([p for p in code.strip(".").split(".") if p]) or 1


def _decimals(kind: IndicatorKind, value: Value) -> int:
    if value.value is None:
        return 0
    if value.status is not ValueStatus.REPORTED and kind is IndicatorKind.PERCENT:
        return min(2, value.decimals)
    return value.decimals


def value_text(value: Number, kind: IndicatorKind, decimals: int, *, trim: bool = False) -> str:
    """ "5.576", "95,8", "70,03"; codes as their number. ``trim`` drops zeros a unit did not write."""
    if kind is IndicatorKind.CODE:
        return str(int(value))
    if kind is IndicatorKind.PERCENT:
        return format_number(value, decimals, trim=trim)
    if isinstance(value, float) and value.is_integer():
        return format_number(int(value))
    return format_number(value, decimals)


def _placed(number: int, row: TemplateRow, kind: IndicatorKind) -> Callable[..., AppendixRow]:
    """An ``AppendixRow`` with the template row's place and label filled in."""
    return partial(
        AppendixRow, number, row.code, row.key, row.label, row.unit, kind, _depth(row.code)
    )


def _form_title(template: TemplateVersion, catalog: Catalog, number: int) -> str:
    return template.form_titles.get(number) or catalog.forms[number].title


def report_forms(
    report: ReportData, template: TemplateVersion, catalog: Catalog
) -> list[AppendixForm]:
    """Biểu mẫu 1–7 of one unit's report, every printed row in order."""
    forms = []
    for number in template.forms:
        rows = []
        for row in template.form_rows(number):
            ind = catalog.get(row.key)
            value = report.values.get(row.key)
            # The row's place and label, the same whether it holds a value or not.
            place = _placed(number, row, ind.kind)
            if value is None or value.value is None:
                rows.append(place(note=value.note or "" if value else ""))
                continue
            decimals = _decimals(ind.kind, value)
            option = ind.option(int(value.value)) if ind.kind is IndicatorKind.CODE else None
            rows.append(
                place(
                    value=value.value,
                    text=value_text(
                        value.value,
                        ind.kind,
                        decimals,
                        trim=value.status is not ValueStatus.REPORTED,
                    ),
                    decimals=decimals,
                    computed=value.status is not ValueStatus.REPORTED,
                    note=value.note or "",
                    option=option.label if option else "",
                )
            )
        forms.append(AppendixForm(number, _form_title(template, catalog, number), tuple(rows)))
    return forms


def _compiled_text(
    item: CompiledValue, kind: IndicatorKind, total_units: int, catalog: Catalog
) -> tuple[str, str]:
    """(value text, note) of a compiled value: a sum, a recomputed rate, a distribution, a range."""
    count = item.count
    if item.method is Aggregation.DISTRIBUTION:
        return distribution_label(item, catalog.get(item.key), total_units), ""
    if item.method is Aggregation.PER_UNIT:
        if item.minimum is None or item.maximum is None:
            return "", ""
        low = value_text(item.minimum, kind, 2, trim=True)
        high = value_text(item.maximum, kind, 2, trim=True)
        shown = low if low == high else f"{low} – {high}"
        return shown, f"Từng đơn vị ({count} đơn vị), không cộng dồn"
    if item.value is None:
        return "", ""
    if item.method is Aggregation.FORMULA:
        return value_text(item.value, kind, 2, trim=True), "Tính lại từ số đã cộng"
    return value_text(item.value, kind, 2, trim=True), f"Cộng {count} đơn vị"


def compiled_forms(
    compiled: CompiledReport, template: TemplateVersion, catalog: Catalog
) -> list[AppendixForm]:
    """Biểu mẫu 1–7 of a compiled result: sums, recomputed rates, distributions, ranges."""
    total_units = len(compiled.units)
    forms = []
    for number in template.forms:
        rows = []
        for row in template.form_rows(number):
            ind = catalog.get(row.key)
            item = compiled.values.get(row.key)
            text, note = (
                ("", "") if item is None else _compiled_text(item, ind.kind, total_units, catalog)
            )
            value = None if item is None else item.value
            rows.append(
                _placed(number, row, ind.kind)(
                    value=value if text else None,
                    text=text,
                    decimals=2 if ind.kind is IndicatorKind.PERCENT else 0,
                    computed=item is not None and item.method is Aggregation.FORMULA and bool(text),
                    note=note,
                )
            )
        forms.append(AppendixForm(number, _form_title(template, catalog, number), tuple(rows)))
    return forms
