"""Late dossiers and their apology letters: the use case behind ``cchc dossiers apologies``.

``write_apologies`` finds the window's late dossiers (resolved late, or
pending past their due date at its end), writes their list as XLSX and
drafts one letter per dossier (Mẫu 04, Thông tư 01/2018/TT-VPCP) with the
new date in working days. The header and signer of a letter come from the
agency's profile in the unit list, as in its reports; its words from the
registry's ``documents/apology.yaml`` (``apology_wording``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.dossier_results import StatsResult
from cchc.analytics.late_dossiers import late_dossiers
from cchc.analytics.ledger import LedgerError
from cchc.domain.agency_selection import AgencySelection
from cchc.domain.apology import NOT_IN_LEDGER, ApologyWording, new_return_date
from cchc.domain.date_order import DAY_FIRST, DateReading
from cchc.domain.dossiers import Outcome
from cchc.domain.letterhead import issuing_bodies, merged_signer
from cchc.domain.periods import DateWindow
from cchc.domain.units import UnitTree
from cchc.registry import Registry, RegistryError
from cchc.services.dossiers import refusal

if TYPE_CHECKING:
    from cchc.documents.apology import ApologyLetter
    from cchc.documents.late_list import LateRow

__all__ = ["ApologyOutcome", "apology_wording", "extension_days", "write_apologies"]

Progress = Callable[[str, float | None], None]


@dataclass
class ApologyOutcome:
    window: DateWindow
    list_path: Path
    letters: list[Path]
    late: int
    result: StatsResult


def extension_days(registry: Registry) -> int:
    """Working days promised by default in a letter (``apology.extension_days``)."""
    days = 5
    for item in registry.files("dossiers"):
        apology = item.data.get("apology") or {}
        if isinstance(apology, dict) and "extension_days" in apology:
            try:
                days = int(apology["extension_days"])
            except (TypeError, ValueError):
                raise RegistryError(
                    f"{item.path}: apology › extension_days phải là số ngày làm việc"
                ) from None
    return days


def apology_wording(registry: Registry) -> ApologyWording:
    """The letter's words (``documents/apology.yaml``, built-in or the province's)."""
    item = registry.file("documents", "apology")
    try:
        return ApologyWording.from_data(item.data)
    except ValueError as exc:
        raise RegistryError(f"{item.path}: {exc}") from None


def _file_name(dossier_id: str, used: set[str]) -> str:
    safe = re.sub(r"[^0-9A-Za-z._-]+", "_", dossier_id).strip("._") or "ho-so"
    name, number = safe, 1
    while name in used:
        number += 1
        name = f"{safe}-{number}"
    used.add(name)
    return f"{name}.docx"


def write_apologies(
    paths: Sequence[Path],
    window: DateWindow,
    out_dir: Path,
    registry: Registry,
    *,
    letter_date: date,
    days: int | None = None,
    merged: bool = False,
    units: UnitTree | None = None,
    reason: str | None = None,
    progress: Progress | None = None,
    each: Callable[[Sequence[ApologyLetter]], Iterable[ApologyLetter]] | None = None,
    dates: DateReading = DAY_FIRST,
    agencies: AgencySelection | None = None,
) -> ApologyOutcome:
    """The XLSX list of late dossiers and their letters (one DOCX each, or one merged)."""
    # Document libraries load only here: ``stats`` and ``fill`` start faster without them.
    from cchc.documents.apology import write_letter_files, write_letters
    from cchc.documents.late_list import LateRow, write_late_list

    extension = extension_days(registry) if days is None else days
    if extension < 0:
        raise ValueError("số ngày làm việc hẹn lại phải không âm")
    # A faulty wording file is reported before the ledger is read and anything written.
    wording = apology_wording(registry)
    with DossierEngine(
        paths, registry, progress=progress, dates=dates, agencies=agencies
    ) as engine:
        late, result = late_dossiers(engine, window)
        calendar = engine.calendar(max(window.end, letter_date))
    # Not ``reason``: that is the apology's reason, a parameter of this function.
    if why_not := refusal(result, "Chưa lập danh sách và phiếu"):
        raise LedgerError(why_not)
    rows = [
        LateRow(
            d,
            d.working_days_late(calendar, window.end),
            new_return_date(d, letter_date, extension, calendar),
        )
        for d in late
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    list_path = out_dir / "danh-sach-ho-so-qua-han.xlsx"
    write_late_list(list_path, window, rows)
    letters = [_letter(row, letter_date, units, reason) for row in rows]
    written: list[Path] = []
    if merged and letters:
        target = out_dir / "phieu-xin-loi.docx"
        letters_in = each(letters) if each else letters
        write_letters(target, letters_in, wording, author=letters[0].agency)
        written.append(target)
    elif letters:
        used: set[str] = set()
        folder = out_dir / "phieu-xin-loi"

        def targets() -> Iterator[tuple[Path, ApologyLetter]]:
            for letter in each(letters) if each else letters:
                target = folder / _file_name(letter.dossier_id, used)
                written.append(target)
                yield target, letter

        write_letter_files(targets(), wording)
    return ApologyOutcome(window, list_path, written, len(rows), result)


def _letter(
    row: LateRow, letter_date: date, units: UnitTree | None, reason: str | None
) -> ApologyLetter:
    from cchc.documents.apology import ApologyLetter

    d = row.dossier
    agency = d.agency or NOT_IN_LEDGER
    extra: dict[str, Any] = {}
    if units is not None and d.agency and d.agency in units:
        # The header and signer come from the unit's profile, as in its reports.
        unit = units.get(d.agency)
        agency = unit.name
        parent_name = units.get(unit.parent).name if unit.parent and unit.parent in units else ""
        parent, issuing = issuing_bodies(
            {}, unit.profile, unit_name=unit.name, parent_name=parent_name
        )
        extra = {
            "parent_body": parent,
            "issuing_body": issuing,
            "place": str(unit.profile.get("place") or "") or None,
            "signer": merged_signer({}, unit.profile),
        }
    procedure = d.procedure_name or d.procedure_code or NOT_IN_LEDGER
    return ApologyLetter(
        agency=agency,
        dossier_id=d.dossier_id,
        applicant=d.applicant or NOT_IN_LEDGER,
        procedure=procedure,
        received=d.received,
        due=d.due,
        new_date=row.new_date,
        letter_date=letter_date,
        reason=d.late_reason or reason,
        resolved=d.outcome is Outcome.RESOLVED_LATE,
        **extra,
    )
