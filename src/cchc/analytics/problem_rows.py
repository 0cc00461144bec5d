"""Problem rows of a ledger: where they are, why they are left out, and duplicates settled.

Pass 1 of the engine counts problem rows and finds dossier-id hashes seen
more than once, without numbering rows (numbering costs order). This second
pass runs only when there is something to report: it numbers the rows as
the user sees them, lists the first ones with their reason and the text of
the offending cell, and takes duplicates out of the counts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cchc.analytics.dossier_sql import DIM_SQL, Disagreement, count_cell
from cchc.analytics.group_names import group_key
from cchc.domain.date_order import DAY_FIRST, YEAR_FIRST, DateReading, leading_numbers
from cchc.domain.dossier_ledger import COLUMN_BY_NAME, Problem
from cchc.domain.dossiers import DossierStats
from cchc.domain.periods import DateWindow

if TYPE_CHECKING:
    from cchc.analytics.dossier_engine import DossierEngine
    from cchc.analytics.dossier_results import SourceSummary

# The lines the CSV reader set aside, by file: (line, its text, why).
Rejects = dict[int, list[tuple[int, str, Problem]]]

__all__ = [
    "LISTED_PROBLEMS",
    "VERDICT_ONLY",
    "BadRow",
    "Rejects",
    "line_number",
    "settle_problem_rows",
]

# Problem rows listed one by one; the counts are always complete.
LISTED_PROBLEMS = 1000
# What makes two copies of a dossier the same: every field as read (dates and codes parsed,
# so "01/06/2023" and "2023-06-01" agree), the id aside, with the ledger column each names.
COMPARED = {
    "procedure_code": "procedure_code",
    "procedure_name": "procedure_name",
    "field": "field",
    "agency": "agency",
    "lvl": "level",
    "ch": "channel",
    "ol": "online_level",
    "rec": "received_at",
    "due_given": "due_at",  # the cell: a due date computed from others adds nothing
    "pdays": "processing_days",
    "fin": "finished_at",
    "st": "status",
    "di": "digitised_input",
    "dr": "digitised_result",
    "po": "paid_online",
    "applicant": "applicant",
    "late_reason": "late_reason",
}
FINGERPRINT = f"hash(dossier_id, {', '.join(COMPARED)})"


@dataclass(frozen=True, slots=True)
class BadRow:
    file: str
    row: int | None
    dossier_id: str | None
    problem: Problem
    value: str | None = None  # the text of the offending cell
    detail: str | None = None
    dates: DateReading = DAY_FIRST  # how the file's dates were read (--month-first…)

    @property
    def message(self) -> str:
        where = f"{self.file}, dòng {self.row}" if self.row is not None else self.file
        text = f"{where}: {self.problem.message}"
        if self.value is not None:
            text += f" (giá trị “{self.value}”)"
            if self.problem in _DATE_PROBLEMS:
                text += _order_hint(self.value, self.dates)
        if self.detail:
            text += f"; {self.detail}"
        if self.dossier_id and self.problem is not Problem.MISSING_ID:
            text += f" [mã hồ sơ {self.dossier_id}]"
        # A cell typed with combining tone marks is quoted with composed letters.
        return unicodedata.normalize("NFC", text)


_DATE_PROBLEMS = (Problem.BAD_RECEIVED, Problem.BAD_DUE, Problem.BAD_FINISHED)


def _order_hint(text: str, dates: DateReading) -> str:
    """What an unreadable date that reads in the other order says about the whole ledger."""
    if dates.swapped and re.match(YEAR_FIRST, text):
        return (
            "; ô ngày thật có số ngày lớn hơn 12 nên không thể là ngày bị Excel đảo: hãy kiểm "
            "tra ô này, hoặc bỏ --swapped-dates nếu sổ không gõ trên Excel đặt kiểu ngày Mỹ"
        )
    numbers = leading_numbers(text)
    if numbers is None:
        return ""
    if dates.month_first:
        if numbers[1] <= 12 < numbers[0] <= 31:
            return (
                "; có vẻ ghi theo ngày/tháng/năm: nếu vậy, các ngày từ 1 đến 12 trong sổ cũng "
                "đã bị đọc sai, hãy bỏ --month-first"
            )
    elif numbers[0] <= 12 < numbers[1] <= 31:
        # 7/23/2023: the 23rd of July.
        return (
            "; có vẻ ghi theo tháng/ngày/năm (kiểu Mỹ): nếu vậy, các ngày từ 1 đến 12 "
            "trong sổ cũng đã bị đọc sai, hãy chạy lại với --month-first hoặc định dạng "
            "lại cột ngày theo dd/mm/yyyy"
        )
    return ""


def settle_problem_rows(
    engine: DossierEngine,
    window: DateWindow,
    by: tuple[str, ...],
    groups: dict[tuple[str | None, ...], DossierStats],
    problems: Counter[Problem],
    summaries: list[SourceSummary],
    rejects: Rejects,
    said: Counter[Disagreement] | None = None,
) -> tuple[list[BadRow], int]:
    """Pass 2, when pass 1 found problem rows or repeated ids: list them and settle duplicates.

    Identical copies of a dossier count once; copies that differ are all
    taken out of ``groups`` (pass 1 counted them). Rows are numbered in file
    order, as the user sees them. Returned with the listed rows: how many ids
    have copies under different agencies (liên thông dossiers, most likely).
    """
    dims = [DIM_SQL[d] for d in by]
    for source in engine.sources:
        source.scan_blank_lines()  # needed to number the rows, found meanwhile
    engine.con.execute("SET preserve_insertion_order = true")
    columns = [(c, c) for c in ("dossier_id", "problem", "cell", *dims)]
    columns += [("fp", FINGERPRINT), *((t, t) for t in _TEXTS)]
    columns += [(f"x_{c}", c) for c in COMPARED]
    rows_sql = engine.rows_sql(
        window,
        keep="problem > 0 OR h IN (SELECT h FROM agg WHERE stats_row = 0 AND problem = 0 AND n > 1)",
        columns=columns,
        tag="p2_",
        only="SELECT h FROM agg WHERE stats_row = 0 AND (problem > 0 OR n > 1)",
    )
    engine.execute(
        "Liệt kê dòng lỗi và hồ sơ trùng mã",
        f"CREATE OR REPLACE TEMP TABLE flagged AS {rows_sql}",
    )
    engine.con.execute(
        "CREATE OR REPLACE TEMP TABLE dup AS SELECT *, "
        "count(*) OVER w AS copies, min(fp) OVER w = max(fp) OVER w AS same, "
        "row_number() OVER (w ORDER BY file_no, row_no) AS k, "
        "first_value(file_no) OVER (w ORDER BY file_no, row_no) AS first_file, "
        "first_value(row_no) OVER (w ORDER BY file_no, row_no) AS first_row, "
        "nth_value(file_no, 2) OVER (w ORDER BY file_no, row_no "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_file, "
        "nth_value(row_no, 2) OVER (w ORDER BY file_no, row_no "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_row, "
        f"{_differing_sql()} AS differing "
        "FROM flagged WHERE problem = 0 WINDOW w AS (PARTITION BY dossier_id)"
    )
    engine.con.execute(
        "CREATE OR REPLACE TEMP TABLE dropped AS SELECT * FROM dup "
        "WHERE copies > 1 AND (NOT same OR k > 1)"
    )
    engine.settled = True
    select = ", ".join(["file_no", *dims, "cell", "same", "count(*)"])
    group = ", ".join(["file_no", *dims, "cell", "same"])
    for file_no, *key, cell, same, n in engine.con.execute(
        f"SELECT {select} FROM dropped GROUP BY {group}"
    ).fetchall():
        count_cell(groups[group_key(by, key)], cell, -n, said)
        problems[Problem.DUPLICATE_ID] += n
        summaries[file_no].problems[Problem.DUPLICATE_ID] += n
        summaries[file_no].excluded += n
        if cell:
            summaries[file_no].in_window -= n
        if same:
            summaries[file_no].copies += n
    shared = engine.con.execute(
        "SELECT count(DISTINCT dossier_id) FROM dropped "
        "WHERE NOT same AND list_contains(string_split(differing, ','), 'agency')"
    ).fetchone()
    listed = engine.con.execute(
        "SELECT file_no, row_no, dossier_id, problem, NULL AS same, NULL AS first_file, "
        "NULL AS first_row, NULL AS differing, rec_t, due_t, fin_t, st_t, lvl_t, ch_t, ol_t, di_t, dr_t, po_t, pd_t "
        "FROM flagged WHERE problem > 0 UNION ALL "
        f"SELECT file_no, row_no, dossier_id, {Problem.DUPLICATE_ID.code}, same, "
        "CASE WHEN k = 1 THEN second_file ELSE first_file END, "
        "CASE WHEN k = 1 THEN second_row ELSE first_row END, differing, "
        "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM dropped "
        f"ORDER BY file_no, row_no LIMIT {LISTED_PROBLEMS}"
    ).fetchall()
    bad = [_bad_row(engine, item, rejects) for item in listed]
    for file_no, lines in rejects.items():
        label = engine.sources[file_no].label
        bad += [BadRow(label, line, None, problem, text[:80]) for line, text, problem in lines]
    bad.sort(key=lambda b: (_file_no(engine, b.file), b.row or 0))
    return bad[:LISTED_PROBLEMS], int(shared[0]) if shared else 0


def _differing_sql() -> str:
    """The ledger columns in which the copies of one id differ, comma-separated.

    A column differs when the copies hold two values, or a value and an empty
    cell; the window ``w`` is the id's copies.
    """
    whens = [
        f"CASE WHEN min(x_{c}) OVER w IS DISTINCT FROM max(x_{c}) OVER w "
        f"OR count(x_{c}) OVER w NOT IN (0, count(*) OVER w) THEN '{name}' END"
        for c, name in COMPARED.items()
    ]
    return f"concat_ws(',', {', '.join(whens)})"


def _file_no(engine: DossierEngine, label: str) -> int:
    return next(s.file_no for s in engine.sources if s.label == label)


def line_number(engine: DossierEngine, file_no: int, row_no: int, rejects: Rejects) -> int:
    """The row a user sees: physical line for CSV (rejected lines put back), sheet row for XLSX."""
    source = engine.sources[file_no]
    if source.kind != "csv":
        return row_no
    line = source.header_line + row_no
    # Lines that gave no row: rejected ones, and empty ones the reader skips.
    skipped = sorted(
        [r for r, *_ in rejects.get(file_no, [])] + source.blank_lines() + [*source.quiet_lines]
    )
    # Each skipped line before this one pushes it one line further down.
    seen = 0
    while True:
        count = bisect_right(skipped, line)
        if count == seen:
            return line
        line += count - seen
        seen = count


def _bad_row(engine: DossierEngine, item: tuple[Any, ...], rejects: Rejects) -> BadRow:
    file_no, row_no, dossier_id, code, same, first_file, first_row, differing, *texts = item
    problem = Problem.from_code(code)
    source = engine.sources[file_no]
    row = line_number(engine, file_no, row_no, rejects)
    if problem is Problem.DUPLICATE_ID:
        where = f"dòng {line_number(engine, first_file, first_row, rejects)}"
        if first_file != file_no:
            where += f" của {engine.sources[first_file].label}"
        detail = f"giống hệt {where}, chỉ tính một lần" if same else _conflict(where, differing)
        return BadRow(source.label, row, dossier_id, problem, None, detail)
    value = dict(zip(_TEXT_NAMES, texts, strict=True)).get(problem.column or "")
    verdict: str | None = None
    if (
        problem is Problem.UNKNOWN_STATUS
        and value
        and engine.vocabulary.is_verdict("status", value)
    ):
        # An export whose "Tình trạng" column only says whether each dossier is late.
        verdict = VERDICT_ONLY
    return BadRow(source.label, row, dossier_id, problem, value, verdict, source.dates)


def _conflict(where: str, differing: str | None) -> str:
    """Which columns the copies of one id disagree in, so the user knows what to fix."""
    names = [n for n in (differing or "").split(",") if n]
    text = f"khác nội dung với {where}"
    if names:
        text += f" (khác ở cột {', '.join(COLUMN_BY_NAME[n].label for n in names)})"
    text += "; các bản đều bị loại, cần sửa sổ"
    if "agency" in names:
        # One id under two agencies: the usual cause is a liên thông dossier, each agency's
        # software listing its own part of it; which part counts is not the engine's guess.
        text += "; có thể là hồ sơ liên thông giữa các cơ quan"
    return text


VERDICT_ONLY = "ô chỉ ghi đúng hạn/quá hạn, không ghi trạng thái hồ sơ"


_TEXTS = (
    "rec_t",
    "due_t",
    "fin_t",
    "st_t",
    "lvl_t",
    "ch_t",
    "ol_t",
    "di_t",
    "dr_t",
    "po_t",
    "pd_t",
)
_TEXT_NAMES = (
    "received_at",
    "due_at",
    "finished_at",
    "status",
    "level",
    "channel",
    "online_level",
    "digitised_input",
    "digitised_result",
    "paid_online",
    "processing_days",
)
