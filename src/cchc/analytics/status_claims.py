"""Resolved dossiers whose status word disagrees with their dates.

One-stop software often writes a status with its own verdict on the due date
("Đã giải quyết - Đúng hạn"). The statistics follow the dates in the ledger;
where the software's word says otherwise, the official needs the list to
reconcile the two before the report goes out: the usual causes are a
different holiday calendar or paused time the software does not count.
Pass 1 counts them (``StatsResult.said``) and, when the sampled statuses
carry verdicts, keeps their id hashes; this scan, run only when there are
some, then parses just the rows with those hashes (as pass 2 does for
problem rows) and lists them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cchc.analytics.dossier_sql import DISAGREEMENT_UNIT, Disagreement, decode_cell
from cchc.analytics.problem_rows import line_number
from cchc.domain.periods import DateWindow

if TYPE_CHECKING:
    from cchc.analytics.dossier_engine import DossierEngine

__all__ = ["LISTED_DISAGREEMENTS", "SaidRow", "disagreeing_rows"]

LISTED_DISAGREEMENTS = 1000


@dataclass(frozen=True, slots=True)
class SaidRow:
    """One resolved dossier whose status word disagrees with its dates."""

    file: str
    row: int
    dossier_id: str
    status: str  # the cell as written: "Đã giải quyết - Đúng hạn"
    due: date
    finished: date
    said: Disagreement

    @property
    def message(self) -> str:
        counted = "quá hạn" if self.said is Disagreement.SAID_ON_TIME else "đúng hạn"
        return (
            f"{self.file}, dòng {self.row}: trạng thái “{self.status}” nhưng hẹn trả "
            f"{self.due:%d/%m/%Y}, có kết quả {self.finished:%d/%m/%Y} (tính là {counted}) "
            f"[mã hồ sơ {self.dossier_id}]"
        )


def disagreeing_rows(
    engine: DossierEngine, window: DateWindow, limit: int = LISTED_DISAGREEMENTS
) -> list[SaidRow]:
    """The first ``limit`` such dossiers of the window, in file order, numbered as the user sees them.

    Run after ``engine.stats``: duplicates it left out are left out here too.
    """
    for source in engine.sources:
        source.scan_blank_lines()  # needed to number the rows, found meanwhile
    engine.con.execute("SET preserve_insertion_order = true")
    rows_sql = engine.rows_sql(
        window,
        keep=f"problem = 0 AND cell >= {DISAGREEMENT_UNIT}",
        columns=[(c, c) for c in ("dossier_id", "st_t", "due", "fin", "cell")],
        tag="p4_",
        # Without the hashes (no verdict in the sampled statuses) every row is parsed.
        only="SELECT h FROM agg WHERE stats_row = 0 AND problem = 0 AND said"
        if engine.said_kept
        else None,
    )
    rows = engine.listed(
        "Liệt kê hồ sơ có trạng thái khác với ngày trong sổ",
        rows_sql,
        f"file_no, row_no LIMIT {int(limit)}",
    )
    rejects = engine.rejects("p1_")
    found = []
    for file_no, row_no, dossier_id, status, due, finished, cell in rows:
        said = decode_cell(int(cell)).disagreement
        assert said is not None
        found.append(
            SaidRow(
                file=engine.sources[file_no].label,
                row=line_number(engine, file_no, row_no, rejects),
                dossier_id=dossier_id,
                status=unicodedata.normalize("NFC", str(status).strip()),
                due=due,
                finished=finished,
                said=said,
            )
        )
    return found
