"""A unit's report for one period: indicator values with their provenance, and narrative.

A value that is absent, or present with ``value`` None (a "-" cell), was not
reported; 0 is a reported zero. Every value remembers where it came from
(form, printed code and label, the cell's text) so that a finding can point
at the cell an official has to fix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cchc.domain.numbers import NumberStatus, decimals_of, parse_number
from cchc.domain.periods import DEFAULT_CUTOFF_DAY, DateWindow, Period
from cchc.domain.precision import decimals_in

__all__ = [
    "RAW_MISMATCH",
    "NarrativeSection",
    "NarrativeValue",
    "ReportData",
    "Source",
    "UnitRef",
    "Value",
    "ValueStatus",
]

Number = int | float


# Start of the flag a reader puts on a value whose number contradicts its cell's text.
RAW_MISMATCH = "không khớp với nội dung ô gốc"


class ValueStatus(StrEnum):
    REPORTED = "reported"  # written by the unit (typed in or imported from its document)
    COMPUTED = "computed"  # derived by the system from the unit's other values
    FILLED = "filled"  # computed from a source system (the one-stop dossier ledger)


@dataclass(frozen=True, slots=True)
class Source:
    form: str | None = None  # "Biểu mẫu 3"
    code: str | None = None  # the code as printed: "3.2", "1.", "."
    label: str | None = None  # the label as printed
    raw: str | None = None  # the cell's text
    origin: str | None = None  # the file or system it came from
    location: str | None = None  # where in it: "bảng 4, dòng 12"


@dataclass(slots=True)
class Value:
    value: Number | None
    note: str | None = None
    source: Source | None = None
    status: ValueStatus = ValueStatus.REPORTED
    # Reasons to doubt the value ("ambiguous number", "fuzzy label match"...).
    flags: tuple[str, ...] = ()
    # Rule or formula that produced a computed value.
    derivation: str | None = None
    _decimals: int | None = field(default=None, repr=False, compare=False)

    @property
    def reported(self) -> bool:
        return self.value is not None

    @property
    def decimals(self) -> int:
        """Decimal places the unit wrote: the precision a derived check tolerates."""
        if self._decimals is None:
            decimals = None
            if self.source and self.source.raw:
                decimals = decimals_in(self.source.raw)
                if decimals is None:
                    parsed = parse_number(self.source.raw)
                    if parsed.status is NumberStatus.NUMBER:
                        decimals = parsed.decimals
            if decimals is None:
                decimals = 0 if self.value is None else decimals_of(self.value)
            self._decimals = decimals
        return self._decimals


@dataclass(frozen=True, slots=True)
class UnitRef:
    code: str
    name: str = ""
    level: str = ""


@dataclass(slots=True)
class NarrativeSection:
    id: str  # outline position: "II.2.2"
    title: str
    text: str


@dataclass(slots=True)
class NarrativeValue:
    """A number stated in the narrative ("Đã giải quyết 507 hồ sơ")."""

    name: str  # what it counts: "resolved", "on_time_rate"...
    value: Number
    text: str  # the sentence or clause it was read from
    block: str | None = None  # which one-stop block or scope ("cấp xã")
    section: str | None = None
    indicator: str | None = None  # catalog key the table carries it under, if any
    flags: tuple[str, ...] = ()


@dataclass(slots=True)
class ReportData:
    unit: UnitRef
    period: Period
    template: str
    values: dict[str, Value] = field(default_factory=dict)
    stated_window: DateWindow | None = None
    sections: list[NarrativeSection] = field(default_factory=list)
    narrative_values: list[NarrativeValue] = field(default_factory=list)
    # Document header and settings: number, symbol, place, date, recipients, signer...
    document: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def window(self, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> DateWindow:
        return self.stated_window or self.period.window(cutoff_day)

    def number(self, key: str) -> Number | None:
        value = self.values.get(key)
        return None if value is None else value.value

    def numbers(self) -> dict[str, Number | None]:
        return {k: v.value for k, v in self.values.items()}

    def reported_items(self) -> Iterator[tuple[str, Value]]:
        return ((k, v) for k, v in self.values.items() if v.value is not None)

    def with_values(self, extra: Mapping[str, Value]) -> ReportData:
        """A copy with more values; everything else is shared, not copied (it is not changed)."""
        merged = dict(self.values)
        merged.update(extra)
        return ReportData(
            unit=self.unit,
            period=self.period,
            template=self.template,
            values=merged,
            stated_window=self.stated_window,
            sections=self.sections,
            narrative_values=self.narrative_values,
            document=self.document,
            meta=self.meta,
        )
