"""The late dossiers of a window: the worklist of apology letters.

Late means resolved after the due date, or still pending past it at the end
of the window (``Outcome.late``). Rows left out of the statistics (problem
rows, duplicates) are left out here too.
"""

from __future__ import annotations

import unicodedata

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.dossier_results import StatsResult
from cchc.analytics.dossier_sql import decode_cell
from cchc.analytics.problem_rows import line_number
from cchc.domain.apology import LateDossier
from cchc.domain.dossiers import LedgerLevel, Outcome
from cchc.domain.periods import DateWindow

__all__ = ["late_dossiers"]


def late_dossiers(
    engine: DossierEngine, window: DateWindow
) -> tuple[list[LateDossier], StatsResult]:
    """The usable dossiers that are late at the end of the window, and the window's statistics.

    Sorted by agency, then due date, then id: the order an office works
    through its letters.
    """
    result = engine.stats(window)
    late = ", ".join(
        str(i + 1) for i, o in enumerate(Outcome) if o.late
    )  # outcome codes inside the cell
    columns = [
        (c, c)
        for c in (
            "dossier_id",
            "procedure_code",
            "procedure_name",
            "field",
            "agency",
            "lvl",
            "applicant",
            "late_reason",
            "rec",
            "due",
            "fin",
            "cell",
        )
    ]
    engine.con.execute("SET preserve_insertion_order = true")
    for source in engine.sources:
        source.scan_blank_lines()  # needed to number the rows, found meanwhile
    rows_sql = engine.rows_sql(
        window,
        keep=f"problem = 0 AND cell > 0 AND (cell // 3) % 8 IN ({late})",
        columns=columns,
        tag="p3_",
    )
    rows = engine.listed(
        "Lập danh sách hồ sơ quá hạn", rows_sql, "agency NULLS LAST, due, dossier_id"
    )
    rejects = engine.rejects("p1_")
    found = []
    for (
        file_no,
        row_no,
        dossier_id,
        code,
        name,
        field_,
        agency,
        lvl,
        applicant,
        reason,
        rec,
        due,
        fin,
        cell,
    ) in rows:
        decoded = decode_cell(int(cell))
        assert decoded.outcome is not None
        found.append(
            LateDossier(
                dossier_id=dossier_id,
                received=rec,
                due=due,
                finished=fin,
                outcome=decoded.outcome,
                procedure_code=code,
                procedure_name=_nfc(name),
                field=_nfc(field_),
                agency=_nfc(agency),
                level=list(LedgerLevel)[lvl - 1] if lvl and lvl > 0 else None,
                applicant=_nfc(applicant),
                late_reason=_nfc(reason),
                file=engine.sources[file_no].label,
                row=line_number(engine, file_no, row_no, rejects),
            )
        )
    return found, result


def _nfc(text: str | None) -> str | None:
    """Letters composed, as printed: a cell may hold combining tone marks (Unikey "tổ hợp")."""
    return unicodedata.normalize("NFC", text) if text is not None else None
