"""What an import has to say about a file: problems found while reading it.

Problems are not findings about the numbers (validation makes those); they
say what the importer could not read, could not place, or had to decide:
an unmapped row, a missing date, a conflicting period. Each names the place
in the file it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc.domain.findings import Severity

__all__ = ["Problem", "Severity"]


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    message: str  # Vietnamese, names the table/row/cell when it concerns one
    where: str = ""  # "bảng 3, dòng 12", "phần đầu văn bản"

    @property
    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_dict(self) -> dict[str, Any]:
        item: dict[str, Any] = {"severity": self.severity.value, "message": self.message}
        if self.where:
            item["where"] = self.where
        return item
