"""Late dossiers and the apology letter's promise (Mẫu 04, Thông tư 01/2018/TT-VPCP).

A dossier is late when it was resolved after its due date or is still
pending past it at the end of the window. Each gets a "phiếu xin lỗi và hẹn
lại ngày trả kết quả" with a new date: when the ledger already holds the
day its result was ready (resolved late, or resolved after the window), that
day, which is the truth the letter can state; otherwise the letter's date
plus a number of working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc.domain.dossiers import LedgerLevel, Outcome
from cchc.domain.workdays import WorkingCalendar

__all__ = ["NOT_IN_LEDGER", "LateDossier", "new_return_date"]

# Written where the ledger has no applicant (or no reason) rather than inventing one.
NOT_IN_LEDGER = "(không có trong sổ)"


@dataclass(frozen=True, slots=True)
class LateDossier:
    dossier_id: str
    received: date
    due: date
    finished: date | None
    outcome: Outcome
    procedure_code: str | None = None
    procedure_name: str | None = None
    field: str | None = None
    agency: str | None = None
    level: LedgerLevel | None = None
    applicant: str | None = None
    late_reason: str | None = None
    file: str = ""
    row: int | None = None

    def __post_init__(self) -> None:
        if not self.outcome.late:
            raise ValueError(f"hồ sơ {self.dossier_id} không quá hạn ({self.outcome.value})")

    def working_days_late(self, calendar: WorkingCalendar, as_of: date) -> int:
        """Working days past the due date: until the result, or until ``as_of`` if pending."""
        end = self.finished if self.finished is not None else as_of
        return calendar.working_days_after(self.due, end)


def new_return_date(
    dossier: LateDossier, letter_date: date, extension_days: int, calendar: WorkingCalendar
) -> date:
    """The date the letter promises."""
    if dossier.finished is not None:
        return dossier.finished
    return calendar.add_working_days(letter_date, extension_days)
