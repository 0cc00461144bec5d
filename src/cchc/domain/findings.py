"""Findings: what validation, import and compiling have to say about the numbers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    indicators: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # printed codes, in the report's own template
    forms: tuple[int, ...] = ()
    actual: Number | str | None = None
    expected: Number | str | None = None
    unit: str | None = None  # unit code of the report it concerns
    period: str | None = None  # period key, "2023-Q3"
    file: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def located(self, *, unit: str | None, period: str | None, file: str | None) -> Finding:
        return replace(self, unit=unit, period=period, file=file)

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
