"""One-stop dossier statistics for a data window: what each number means.

The window [start, end] is whole days, both included ("từ ngày 01/6/2023 đến
hết ngày 25/9/2023"). Dates are compared as calendar days, so a dossier
finished at any hour of its due date is on time. Every dossier of the
ledger is placed once (see ``place``):

- outside the window when received after ``end``, or finished (resolved,
  returned, withdrawn) before ``start``;
- otherwise it counts in ``total``, either as ``carried_over`` (received
  before ``start``) or as ``received`` (received within the window), and it
  ends the window in exactly one state:
  ``resolved`` (status resolved, finished within the window), on time when
  finished on or before its due date (early counts as on time), late after;
  ``returned`` or ``withdrawn`` (that status, finished within the window);
  ``paused`` (status paused: its clock is stopped, so it is neither on time
  nor overdue); ``pending`` (everything else, including dossiers finished
  after ``end``), "còn hạn" when due on or after ``end``, overdue before.

So ``total = resolved + pending + paused + returned + withdrawn``, and the
two rates of seed 002 and Biểu mẫu 3 follow:

- ``on_time_rate_resolved`` = resolved on time / resolved × 100;
- ``on_time_rate_overall`` = (resolved on time + pending còn hạn) /
  (total − withdrawn) × 100.

Online and digitisation counts (seed 002 sections 2.2 and 2.3):
``online_received`` counts dossiers received within the window whose
procedure is offered online, per online level, by any channel
(``received``) and through the online channel (``online``): Biểu mẫu 7's
6.4.1 and 6.4.2. ``digitised_input`` and ``paid_online`` count among the
dossiers that were not withdrawn (total − withdrawn), ``digitised_result``
among the resolved ones.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any

from cchc.domain.periods import DateWindow

__all__ = [
    "COLUMN_COUNTERS",
    "DIMENSIONS",
    "STATISTIC_LABELS",
    "STATISTIC_NAMES",
    "Channel",
    "DossierStats",
    "DossierStatus",
    "LedgerLevel",
    "OnlineLevel",
    "Outcome",
    "Placement",
    "percent",
    "place",
    "uncounted",
]


class DossierStatus(StrEnum):
    PENDING = "dang_giai_quyet"
    RESOLVED = "da_giai_quyet"
    PAUSED = "tam_dung"
    RETURNED = "tra_lai"
    WITHDRAWN = "rut"

    @property
    def finished(self) -> bool:
        """A finished status carries the day it finished in ``finished_at``."""
        return self in (DossierStatus.RESOLVED, DossierStatus.RETURNED, DossierStatus.WITHDRAWN)

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    DossierStatus.PENDING: "đang giải quyết",
    DossierStatus.RESOLVED: "đã giải quyết",
    DossierStatus.PAUSED: "tạm dừng",
    DossierStatus.RETURNED: "trả lại",
    DossierStatus.WITHDRAWN: "rút",
}


class LedgerLevel(StrEnum):
    """The ledger's ``level`` column: which tier resolves the dossier."""

    PROVINCE = "tinh"
    DISTRICT = "huyen"
    COMMUNE = "xa"

    @property
    def label(self) -> str:
        return {"tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}[self.value]


class Channel(StrEnum):
    IN_PERSON = "truc_tiep"
    ONLINE = "truc_tuyen"
    POST = "buu_chinh"

    @property
    def label(self) -> str:
        return {"truc_tiep": "trực tiếp", "truc_tuyen": "trực tuyến", "buu_chinh": "bưu chính"}[
            self.value
        ]


class OnlineLevel(StrEnum):
    """Dịch vụ công trực tuyến một phần (formerly mức độ 3) / toàn trình (mức độ 4)."""

    PARTIAL = "mot_phan"
    FULL = "toan_trinh"

    @property
    def label(self) -> str:
        return {"mot_phan": "một phần", "toan_trinh": "toàn trình"}[self.value]


class Outcome(StrEnum):
    """The one state a dossier of the window is in at its end."""

    RESOLVED_ON_TIME = "resolved_on_time"
    RESOLVED_LATE = "resolved_late"
    PENDING_ON_TIME = "pending_on_time"
    PENDING_OVERDUE = "pending_overdue"
    PAUSED = "paused"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"

    @property
    def late(self) -> bool:
        """Late dossiers are the ones that need an apology letter."""
        return self in (Outcome.RESOLVED_LATE, Outcome.PENDING_OVERDUE)


@dataclass(frozen=True, slots=True)
class Placement:
    carried_over: bool
    outcome: Outcome


def place(
    window: DateWindow,
    received: date,
    due: date,
    finished: date | None,
    status: DossierStatus,
) -> Placement | None:
    """Where one dossier counts in the window, or None when it is outside it."""
    if received > window.end:
        return None
    if finished is not None and finished < window.start:
        return None
    carried_over = received < window.start
    done = finished is not None and finished <= window.end
    if done and status is DossierStatus.RESOLVED:
        assert finished is not None
        outcome = Outcome.RESOLVED_ON_TIME if finished <= due else Outcome.RESOLVED_LATE
    elif done and status is DossierStatus.RETURNED:
        outcome = Outcome.RETURNED
    elif done and status is DossierStatus.WITHDRAWN:
        outcome = Outcome.WITHDRAWN
    elif status is DossierStatus.PAUSED:
        outcome = Outcome.PAUSED
    else:
        outcome = Outcome.PENDING_ON_TIME if due >= window.end else Outcome.PENDING_OVERDUE
    return Placement(carried_over, outcome)


def percent(numerator: int, denominator: int) -> float | None:
    """A rate in percent; None when there is nothing to divide by (not 0, not 100)."""
    if denominator == 0:
        return None
    return numerator * 100 / denominator


# The statistic names of ``cchc dossiers stats --format json``: a stable interface.
STATISTIC_NAMES: tuple[str, ...] = (
    "total",
    "carried_over",
    "received",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_on_time",
    "pending_overdue",
    "paused",
    "returned",
    "withdrawn",
    "online_received",
    "digitised_input",
    "digitised_result",
    "paid_online",
    "on_time_rate_resolved",
    "on_time_rate_overall",
)

STATISTIC_LABELS: dict[str, str] = {
    "total": "Tổng số hồ sơ",
    "carried_over": "Kỳ trước chuyển qua",
    "received": "Tiếp nhận mới trong kỳ",
    "resolved": "Đã giải quyết",
    "resolved_on_time": "Đã giải quyết đúng hạn (kể cả trước hạn)",
    "resolved_late": "Đã giải quyết quá hạn",
    "pending": "Đang giải quyết",
    "pending_on_time": "Đang giải quyết còn hạn",
    "pending_overdue": "Đang giải quyết quá hạn",
    "paused": "Tạm dừng",
    "returned": "Trả lại",
    "withdrawn": "Rút",
    "online_received": "Hồ sơ của TTHC có dịch vụ công trực tuyến (tiếp nhận / nộp trực tuyến)",
    "digitised_input": "Số hóa thành phần hồ sơ",
    "digitised_result": "Số hóa kết quả giải quyết",
    "paid_online": "Thanh toán trực tuyến",
    "on_time_rate_resolved": "Tỷ lệ đúng hạn trên số đã giải quyết (Biểu mẫu 3)",
    "on_time_rate_overall": "Tỷ lệ đúng hạn chung ((đúng hạn + còn hạn) / (tổng − rút))",
}

# The counters drawn from an optional ledger column. Without the column nothing is
# counted in them: their 0 means "not in the ledger", not "none".
COLUMN_COUNTERS: dict[str, tuple[str, ...]] = {
    "online_level": ("partial_received", "partial_online", "full_received", "full_online"),
    "channel": ("partial_online", "full_online"),
    "digitised_input": ("digitised_input",),
    "digitised_result": ("digitised_result",),
    "paid_online": ("paid_online",),
}


def uncounted(columns: Collection[str]) -> frozenset[str]:
    """The counters (``DossierStats`` fields) that ledgers with only these columns leave at 0."""
    return frozenset(
        counter
        for column, counters in COLUMN_COUNTERS.items()
        if column not in columns
        for counter in counters
    )


# Breakdowns offered by ``--by``: the ledger columns that group the statistics.
DIMENSIONS: dict[str, str] = {
    "level": "cấp",
    "agency": "cơ quan giải quyết",
    "field": "lĩnh vực",
    "channel": "hình thức nộp",
    "online_level": "mức độ DVC",
}


@dataclass(slots=True)
class DossierStats:
    """The counts of one group; sums and rates are derived, never stored."""

    carried_over: int = 0
    received: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    pending_on_time: int = 0
    pending_overdue: int = 0
    paused: int = 0
    returned: int = 0
    withdrawn: int = 0
    partial_received: int = 0
    partial_online: int = 0
    full_received: int = 0
    full_online: int = 0
    digitised_input: int = 0
    digitised_result: int = 0
    paid_online: int = 0

    @property
    def total(self) -> int:
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        return self.resolved_on_time + self.resolved_late

    @property
    def pending(self) -> int:
        return self.pending_on_time + self.pending_overdue

    @property
    def outcomes_total(self) -> int:
        """The end-of-window states added up: equal to ``total`` for a sound engine."""
        return self.resolved + self.pending + self.paused + self.returned + self.withdrawn

    @property
    def on_time_rate_resolved(self) -> float | None:
        return percent(self.resolved_on_time, self.resolved)

    @property
    def on_time_rate_overall(self) -> float | None:
        return percent(self.resolved_on_time + self.pending_on_time, self.total - self.withdrawn)

    def count(
        self,
        placement: Placement,
        *,
        online_level: OnlineLevel | None = None,
        channel: Channel | None = None,
        digitised_input: bool = False,
        digitised_result: bool = False,
        paid_online: bool = False,
        times: int = 1,
    ) -> None:
        """Add ``times`` dossiers placed alike: the one rule of what counts where."""
        if placement.carried_over:
            self.carried_over += times
        else:
            self.received += times
            online = times if channel is Channel.ONLINE else 0
            if online_level is OnlineLevel.PARTIAL:
                self.partial_received += times
                self.partial_online += online
            elif online_level is OnlineLevel.FULL:
                self.full_received += times
                self.full_online += online
        name = placement.outcome.value
        setattr(self, name, getattr(self, name) + times)
        if placement.outcome is not Outcome.WITHDRAWN:
            self.digitised_input += times if digitised_input else 0
            self.paid_online += times if paid_online else 0
        if placement.outcome in (Outcome.RESOLVED_ON_TIME, Outcome.RESOLVED_LATE):
            self.digitised_result += times if digitised_result else 0

    def __add__(self, other: DossierStats) -> DossierStats:
        return DossierStats(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @classmethod
    def counters(cls) -> tuple[str, ...]:
        """The stored counts, in the order engines fill them."""
        return tuple(f.name for f in fields(cls))

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: exactly ``STATISTIC_NAMES``, rates unrounded (None without a base)."""
        online = {
            OnlineLevel.PARTIAL.value: {
                "received": self.partial_received,
                "online": self.partial_online,
            },
            OnlineLevel.FULL.value: {"received": self.full_received, "online": self.full_online},
            "total": {
                "received": self.partial_received + self.full_received,
                "online": self.partial_online + self.full_online,
            },
        }
        values: dict[str, Any] = {
            "total": self.total,
            "carried_over": self.carried_over,
            "received": self.received,
            "resolved": self.resolved,
            "resolved_on_time": self.resolved_on_time,
            "resolved_late": self.resolved_late,
            "pending": self.pending,
            "pending_on_time": self.pending_on_time,
            "pending_overdue": self.pending_overdue,
            "paused": self.paused,
            "returned": self.returned,
            "withdrawn": self.withdrawn,
            "online_received": online,
            "digitised_input": self.digitised_input,
            "digitised_result": self.digitised_result,
            "paid_online": self.paid_online,
            "on_time_rate_resolved": self.on_time_rate_resolved,
            "on_time_rate_overall": self.on_time_rate_overall,
        }
        assert tuple(values) == STATISTIC_NAMES
        return values
