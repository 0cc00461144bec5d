"""Findings: what validation, import and compiling have to say about the numbers."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

__all__ = ["Finding", "Severity"]

Number = int | float


class Severity(StrEnum):
    ERROR = "error"  # blocks submission
    WARNING = "warning"  # needs an explanatory note
    INFO = "info"  # for the record (a value the system computed, say)

    @property
    def label(self) -> str:
        return {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Finding:
    """One thing to say about the numbers: which rule, how serious, which indicators.

    ``message`` may be given as a function: it is then worded on first
    access. Validating thousands of reports produces many findings nobody
    reads one by one (values the system computed, say); wording them lazily
    keeps that cheap, and reading ``message`` gives the same text either way.
    """

    __slots__ = (
        "_message",
        "actual",
        "codes",
        "expected",
        "extra",
        "file",
        "forms",
        "indicators",
        "period",
        "rule",
        "severity",
        "unit",
    )

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: str | Callable[[], str],
        indicators: tuple[str, ...] = (),
        codes: tuple[str, ...] = (),  # printed codes, in the report's own template
        forms: tuple[int, ...] = (),
        actual: Number | str | None = None,
        expected: Number | str | None = None,
        unit: str | None = None,  # unit code of the report it concerns
        period: str | None = None,  # period key, "2023-Q3"
        file: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.rule = rule
        self.severity = severity
        self._message = message
        self.indicators = tuple(indicators)
        self.codes = tuple(codes)
        self.forms = tuple(forms)
        self.actual = actual
        self.expected = expected
        self.unit = unit
        self.period = period
        self.file = file
        self.extra = dict(extra or {})

    @property
    def message(self) -> str:
        if not isinstance(self._message, str):
            self._message = self._message()
        return self._message

    def _key(self) -> tuple[Any, ...]:
        return (
            self.rule,
            self.severity,
            self.message,
            self.indicators,
            self.codes,
            self.forms,
            self.actual,
            self.expected,
            self.unit,
            self.period,
            self.file,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() == other._key() and self.extra == other.extra

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Finding({self.rule!r}, {self.severity.value!r}, {self.message!r})"

    def located(self, *, unit: str | None, period: str | None, file: str | None) -> Finding:
        return Finding(
            self.rule,
            self.severity,
            self._message,
            self.indicators,
            self.codes,
            self.forms,
            self.actual,
            self.expected,
            unit,
            period,
            file,
            self.extra,
        )

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "indicators": list(self.indicators),
            "codes": list(self.codes),
            "forms": list(self.forms),
            "actual": self.actual,
            "expected": self.expected,
            "message": self.message,
        }
        for name in ("unit", "period", "file"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.extra:
            data["extra"] = dict(self.extra)
        return data
