"""Late dossiers and the apology letter's promise (Mẫu 04, Thông tư 01/2018/TT-VPCP).

A dossier is late when it was resolved after its due date or is still
pending past it at the end of the window. Each gets a "phiếu xin lỗi và hẹn
lại ngày trả kết quả" with a new date: when the ledger already holds the
day its result was ready (resolved late, or resolved after the window), that
day, which is the truth the letter can state; otherwise the letter's date
plus a number of working days.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from string import Formatter
from typing import Any

from cchc.domain.dossiers import LedgerLevel, Outcome
from cchc.domain.periods import format_date
from cchc.domain.workdays import WorkingCalendar

__all__ = [
    "NOT_IN_LEDGER",
    "PLACEHOLDERS",
    "ApologyWording",
    "LateDossier",
    "Sentence",
    "letter_fields",
    "new_return_date",
]

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


# ----------------------------------------------------------------- the wording

# What a sentence of the letter may name, in braces ({agency} tiếp nhận…); their
# meanings are listed for the user in the data file's own comments.
PLACEHOLDERS = (
    "agency",
    "applicant",
    "procedure",
    "dossier_id",
    "received",
    "due",
    "new_date",
    "reason",
)
_TEXT_KEYS = ("title", "addressee", "signer_title", "signature_hint")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One paragraph of the letter; ``pending`` differs when the result is not out yet."""

    resolved: str
    pending: str

    def text(self, fields: Mapping[str, str], *, resolved: bool) -> str:
        return (self.resolved if resolved else self.pending).format_map(fields)


@dataclass(frozen=True, slots=True)
class ApologyWording:
    """The words of the letter, from a data file (``documents/apology.yaml``).

    The form may change with the decree that governs one-stop processing
    (Nghị định 118/2025/NĐ-CP replaced 61/2018), so its sentences are data a
    province can override, not code.
    """

    title: str
    addressee: str
    paragraphs: tuple[Sentence, ...]
    signer_title: str
    signature_hint: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ApologyWording:
        """Read and check the wording; a ``ValueError`` names the entry at fault."""
        texts = {key: _text(data.get(key), key) for key in _TEXT_KEYS}
        raw = data.get("paragraphs")
        if not isinstance(raw, list) or not raw:
            raise ValueError("paragraphs: cần danh sách các đoạn của phiếu")
        paragraphs: list[Sentence] = []
        for number, item in enumerate(raw, start=1):
            where = f"paragraphs › đoạn {number}"
            if isinstance(item, Mapping):
                unknown = sorted(set(item) - {"resolved", "pending"})
                if unknown:
                    raise ValueError(
                        f"{where}: khóa “{unknown[0]}” không dùng được "
                        "(chỉ có resolved: đã trả kết quả, pending: chưa trả kết quả)"
                    )
                paragraphs.append(
                    Sentence(
                        _text(item.get("resolved"), f"{where} › resolved"),
                        _text(item.get("pending"), f"{where} › pending"),
                    )
                )
            else:
                text = _text(item, where)
                paragraphs.append(Sentence(text, text))
        return cls(
            title=texts["title"],
            addressee=texts["addressee"],
            paragraphs=tuple(paragraphs),
            signer_title=texts["signer_title"],
            signature_hint=texts["signature_hint"],
        )

    def body(self, fields: Mapping[str, str], *, resolved: bool) -> list[str]:
        return [p.text(fields, resolved=resolved) for p in self.paragraphs]


def letter_fields(
    *,
    agency: str,
    applicant: str,
    procedure: str,
    dossier_id: str,
    received: date,
    due: date,
    new_date: date,
    reason: str,
) -> dict[str, str]:
    """The values of the placeholders, as a letter prints them.

    A value's own final full stop is dropped: the sentences end theirs, and
    "Lý do: cần xác minh.." or "Kính gửi: Công ty A.." would look careless.
    """
    values = {
        "agency": agency,
        "applicant": applicant,
        "procedure": procedure,
        "dossier_id": dossier_id,
        "reason": reason,
    }
    fields = {key: value.strip().rstrip(".").rstrip() for key, value in values.items()}
    fields |= {"received": format_date(received), "due": format_date(due)}
    fields["new_date"] = format_date(new_date)
    return fields


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: cần một câu chữ")
    text = unicodedata.normalize("NFC", " ".join(value.split()))
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        raise ValueError(
            f"{where}: dấu ngoặc nhọn không khớp; viết {{{{ và }}}} cho dấu ngoặc thường"
        ) from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join(f"{{{k}}}" for k in PLACEHOLDERS)
            raise ValueError(f"{where}: không có chỗ điền “{{{name}}}” (dùng được: {known})")
    return text
