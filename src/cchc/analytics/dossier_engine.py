"""Dossier statistics on DuckDB, streaming the ledger files without loading them.

Pass 1 is one parallel scan of every file: each row is parsed, checked and
placed in the window, and one aggregate with two grouping sets counts the
rows per group and cell (small) and lists the dossier-id hashes seen more
than once (few). Only when pass 1 found problem rows or repeated ids does
pass 2 scan again, in file order, to number the rows for the report and to
settle duplicates: copies identical in every field count once, copies that
disagree are all excluded, because choosing one would be a guess.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from cchc.analytics.calendar import FIRST_CALENDAR_DAY, build_lookup, load_calendar
from cchc.analytics.dossier_sql import (
    CODES,
    cell_expression,
    checked_select,
    decode_cell,
    parsed_select,
)
from cchc.analytics.ledger import LedgerError, LedgerSource, open_source
from cchc.domain.apology import LateDossier
from cchc.domain.dossier_ledger import LedgerVocabulary, Problem
from cchc.domain.dossiers import (
    DIMENSIONS,
    Channel,
    DossierStats,
    LedgerLevel,
    OnlineLevel,
    Outcome,
    Placement,
)
from cchc.domain.periods import DateWindow
from cchc.domain.workdays import WorkingCalendar
from cchc.registry import Registry, RegistryError

__all__ = [
    "BadRow",
    "DossierEngine",
    "SourceSummary",
    "StatsResult",
    "load_vocabulary",
]

# Problem rows listed one by one; the counts are always complete.
LISTED_PROBLEMS = 1000
Progress = Callable[[str, float | None], None]
_DIM_SQL = {
    "level": "lvl",
    "agency": "agency",
    "field": "field",
    "channel": "ch",
    "online_level": "ol",
}
_DIM_ENUM: dict[str, Any] = {"level": LedgerLevel, "channel": Channel, "online_level": OnlineLevel}
_FINGERPRINT = (
    "hash(dossier_id, procedure_code, procedure_name, field, agency, applicant, late_reason, "
    "lvl, ch, ol, st, rec, due, fin, pdays, di, dr, po)"
)


def load_vocabulary(registry: Registry) -> LedgerVocabulary:
    files = registry.files("dossiers")
    try:
        return LedgerVocabulary.from_data([f.data for f in files])
    except ValueError as exc:
        names = ", ".join(str(f.path) for f in files)
        raise RegistryError(f"từ vựng sổ hồ sơ ({names}): {exc}") from None


@dataclass(frozen=True, slots=True)
class BadRow:
    file: str
    row: int | None
    dossier_id: str | None
    problem: Problem
    value: str | None = None  # the text of the offending cell
    detail: str | None = None

    @property
    def message(self) -> str:
        where = f"{self.file}, dòng {self.row}" if self.row is not None else self.file
        text = f"{where}: {self.problem.message}"
        if self.value is not None:
            text += f" (giá trị “{self.value}”)"
        if self.detail:
            text += f"; {self.detail}"
        if self.dossier_id and self.problem is not Problem.MISSING_ID:
            text += f" [mã hồ sơ {self.dossier_id}]"
        return text


@dataclass
class SourceSummary:
    label: str
    kind: str
    rows: int = 0
    excluded: int = 0
    columns: list[str] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)


@dataclass
class StatsResult:
    window: DateWindow
    by: tuple[str, ...]
    groups: dict[tuple[str | None, ...], DossierStats]
    problems: Counter[Problem]
    bad_rows: list[BadRow]
    sources: list[SourceSummary]

    @property
    def total(self) -> DossierStats:
        total = DossierStats()
        for stats in self.groups.values():
            total = total + stats
        return total

    @property
    def excluded(self) -> int:
        return sum(self.problems.values())

    def has_column(self, column: str) -> bool:
        return any(column in s.columns for s in self.sources)


class DossierEngine:
    """One DuckDB session over a set of ledger files; use as a context manager."""

    def __init__(
        self,
        paths: Sequence[Path],
        registry: Registry,
        *,
        progress: Progress | None = None,
        memory_limit: str | None = None,
        threads: int | None = None,
    ) -> None:
        if not paths:
            raise LedgerError("cần ít nhất một tệp sổ hồ sơ")
        self.registry = registry
        self.vocabulary = load_vocabulary(registry)
        self.progress = progress
        self._workdir = Path(tempfile.mkdtemp(prefix="cchc-dossiers-"))
        config: dict[str, Any] = {
            "memory_limit": memory_limit or os.environ.get("CCHC_DUCKDB_MEMORY", "2GB"),
            "temp_directory": str(self._workdir / "spill"),
        }
        if threads:
            config["threads"] = threads
        self.con = duckdb.connect(config=config)
        self._pass2_done = False
        self._calendars: dict[int, WorkingCalendar] = {}
        try:
            self.sources = [self._open(i, Path(p)) for i, p in enumerate(paths)]
        except BaseException:
            self.close()
            raise

    def _open(self, number: int, path: Path) -> LedgerSource:
        def report(rows: int) -> None:
            if self.progress:
                self.progress(f"Chuyển {path.name} ({rows:,} dòng)", None)

        return open_source(path, number, self.vocabulary, self._workdir, self.con, report)

    def close(self) -> None:
        if getattr(self, "con", None) is not None:
            self.con.close()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> DossierEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def calendar(self, until: date) -> WorkingCalendar:
        if until.year not in self._calendars:
            self._calendars[until.year] = load_calendar(self.registry, until)
        return self._calendars[until.year]

    # ------------------------------------------------------------------ running SQL

    def _execute(self, label: str, sql: str, params: dict[str, Any] | None = None) -> Any:
        """Run one statement, reporting DuckDB's progress; errors name the files."""
        result: list[Any] = []
        failure: list[BaseException] = []

        def work() -> None:
            try:
                result.append(self.con.execute(sql, params or {}))
            except BaseException as exc:
                failure.append(exc)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(0.2)
            if self.progress and worker.is_alive():
                fraction = self.con.query_progress()
                self.progress(label, fraction / 100 if fraction >= 0 else None)
        if failure:
            exc = failure[0]
            if isinstance(exc, duckdb.Error):
                files = ", ".join(s.label for s in self.sources)
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise LedgerError(f"không đọc được sổ hồ sơ ({files}): {first}") from None
            raise exc
        return result[0]

    def _rows_sql(
        self,
        window: DateWindow,
        *,
        keep: str | None = None,
        columns: Sequence[tuple[str, str]] = (),
        tag: str = "p1_",
    ) -> str:
        """The checked rows of every source.

        With ``keep``, only the rows matching it, numbered as the user sees
        them and carrying ``columns`` (name, expression). CSV rows are numbered
        over a narrow projection (the kept row's fields packed in a struct that
        is NULL for every other row), so that numbering costs next to nothing.
        """
        calendar = self.calendar(window.end)
        lookup = build_lookup(calendar, FIRST_CALENDAR_DAY, date(window.end.year + 12, 12, 31))
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE due_lookup AS SELECT $ord AS ord, $wd AS wd",
            {
                "ord": lookup.ordinal.tolist(),
                "wd": [date.fromisoformat(str(d)) for d in lookup.workdays],
            },
        )
        parts = []
        for source in self.sources:
            parsed = parsed_select(
                source,
                self.vocabulary,
                row_numbers=keep is not None and source.has_row_column,
                rejects=f"{tag}{source.file_no}" if source.kind == "csv" else None,
            )
            checked = checked_select([parsed], lookup, "due_lookup")
            rows = f"SELECT *, {cell_expression(window)} AS cell FROM ({checked})"
            if keep is None:
                parts.append(rows)
            elif source.has_row_column:
                wanted = ", ".join(f"{expr} AS {name}" for name, expr in columns)
                parts.append(f"SELECT file_no, row_no, {wanted} FROM ({rows}) WHERE {keep}")
            else:
                packed = "struct_pack(" + ", ".join(f"{n} := {e}" for n, e in columns) + ")"
                parts.append(
                    f"SELECT {source.file_no} AS file_no, row_no, unnest(payload) FROM ("
                    "SELECT row_number() OVER () AS row_no, payload FROM ("
                    f"SELECT CASE WHEN {keep} THEN {packed} END AS payload FROM ({rows}))) "
                    "WHERE payload IS NOT NULL"
                )
        return " UNION ALL ".join(f"({p})" for p in parts)

    # ------------------------------------------------------------------ statistics

    def stats(self, window: DateWindow, by: Sequence[str] = ()) -> StatsResult:
        unknown = [d for d in by if d not in DIMENSIONS]
        if unknown:
            raise ValueError(
                f"không nhóm được theo “{', '.join(unknown)}” (dùng: {', '.join(DIMENSIONS)})"
            )
        by = tuple(dict.fromkeys(by))
        dims = [_DIM_SQL[d] for d in by]
        keys = ", ".join(["file_no", "problem", *dims, "cell"])
        self.con.execute("SET preserve_insertion_order = false")
        rows_sql = self._rows_sql(window)
        self._execute(
            "Đọc và thống kê sổ hồ sơ",
            f"CREATE OR REPLACE TEMP TABLE agg AS SELECT {keys}, h, GROUPING(h) AS stats_row, "
            f"count(*) AS n FROM ({rows_sql}) GROUP BY GROUPING SETS (({keys}), (problem, h)) "
            "HAVING GROUPING(h) = 1 OR (problem = 0 AND count(*) > 1)",
        )
        groups: dict[tuple[str | None, ...], DossierStats] = {}
        problems: Counter[Problem] = Counter()
        summaries = [
            SourceSummary(s.label, s.kind, columns=sorted(s.columns), ignored_headers=s.ignored)
            for s in self.sources
        ]
        select = ", ".join(["file_no", "problem", *dims, "cell", "n"])
        for row in self.con.execute(f"SELECT {select} FROM agg WHERE stats_row = 1").fetchall():
            file_no, problem, *key, cell, n = row
            summaries[file_no].rows += n
            if problem:
                problems[Problem.from_code(problem)] += n
                summaries[file_no].excluded += n
                continue
            _count(groups.setdefault(_key(by, key), DossierStats()), cell, n)
        rejects = self._rejects("p1_")
        for file_no, lines in rejects.items():
            summaries[file_no].rows += len(lines)
            summaries[file_no].excluded += len(lines)
            problems[Problem.UNREADABLE_LINE] += len(lines)
        for source, summary in zip(self.sources, summaries, strict=True):
            if source.kind == "csv" and source.sample_rows and not summary.rows:
                # DuckDB skips silently when line endings are mixed (\n and \r\n).
                raise LedgerError(
                    f"{source.label}: không đọc được dòng dữ liệu nào sau dòng tiêu đề "
                    "(có thể do ký tự xuống dòng lẫn lộn); hãy lưu lại tệp dạng “CSV UTF-8”"
                )
        repeated = self.con.execute("SELECT count(*) FROM agg WHERE stats_row = 0").fetchone()
        bad_rows: list[BadRow] = []
        if problems or (repeated and repeated[0]):
            bad_rows = self._second_pass(window, by, dims, groups, problems, summaries, rejects)
        return StatsResult(window, by, groups, problems, bad_rows, summaries)

    def _rejects(self, tag: str) -> dict[int, list[tuple[int, str]]]:
        found: dict[int, list[tuple[int, str]]] = {}
        for source in self.sources:
            if source.kind != "csv":
                continue
            try:
                # One entry per surplus cell: keep one per line.
                rows = self.con.execute(
                    f"SELECT line, any_value(csv_line) FROM {tag}{source.file_no}_t "
                    "GROUP BY line ORDER BY line"
                ).fetchall()
            except duckdb.CatalogException:
                rows = []
            if rows:
                found[source.file_no] = [(int(line), str(text)) for line, text in rows]
        return found

    def _second_pass(
        self,
        window: DateWindow,
        by: tuple[str, ...],
        dims: list[str],
        groups: dict[tuple[str | None, ...], DossierStats],
        problems: Counter[Problem],
        summaries: list[SourceSummary],
        rejects: dict[int, list[tuple[int, str]]],
    ) -> list[BadRow]:
        self.con.execute("SET preserve_insertion_order = true")
        columns = [(c, c) for c in ("dossier_id", "problem", "cell", *dims)]
        columns += [("fp", _FINGERPRINT), *((t, t) for t in _TEXTS)]
        rows_sql = self._rows_sql(
            window,
            keep="problem <> 0 OR h IN (SELECT h FROM agg WHERE stats_row = 0)",
            columns=columns,
            tag="p2_",
        )
        self._execute(
            "Liệt kê dòng lỗi và hồ sơ trùng mã",
            f"CREATE OR REPLACE TEMP TABLE flagged AS {rows_sql}",
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE dup AS SELECT *, "
            "count(*) OVER w AS copies, min(fp) OVER w = max(fp) OVER w AS same, "
            "row_number() OVER (w ORDER BY file_no, row_no) AS k, "
            "first_value(file_no) OVER (w ORDER BY file_no, row_no) AS first_file, "
            "first_value(row_no) OVER (w ORDER BY file_no, row_no) AS first_row, "
            "nth_value(file_no, 2) OVER (w ORDER BY file_no, row_no "
            "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_file, "
            "nth_value(row_no, 2) OVER (w ORDER BY file_no, row_no "
            "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_row "
            "FROM flagged WHERE problem = 0 WINDOW w AS (PARTITION BY dossier_id)"
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE dropped AS SELECT * FROM dup "
            "WHERE copies > 1 AND (NOT same OR k > 1)"
        )
        self._pass2_done = True
        select = ", ".join(["file_no", *dims, "cell", "count(*)"])
        group = ", ".join(["file_no", *dims, "cell"])
        for file_no, *key, cell, n in self.con.execute(
            f"SELECT {select} FROM dropped GROUP BY {group}"
        ).fetchall():
            _count(groups[_key(by, key)], cell, -n)
            problems[Problem.DUPLICATE_ID] += n
            summaries[file_no].excluded += n
        listed = self.con.execute(
            "SELECT file_no, row_no, dossier_id, problem, NULL AS same, NULL AS first_file, "
            "NULL AS first_row, rec_t, due_t, fin_t, st_t, lvl_t, ch_t, ol_t, di_t, dr_t, po_t, pd_t "
            "FROM flagged WHERE problem <> 0 UNION ALL "
            f"SELECT file_no, row_no, dossier_id, {Problem.DUPLICATE_ID.code}, same, "
            "CASE WHEN k = 1 THEN second_file ELSE first_file END, "
            "CASE WHEN k = 1 THEN second_row ELSE first_row END, "
            "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM dropped "
            f"ORDER BY file_no, row_no LIMIT {LISTED_PROBLEMS}"
        ).fetchall()
        bad = [self._bad_row(item, rejects) for item in listed]
        for file_no, lines in rejects.items():
            label = self.sources[file_no].label
            bad += [
                BadRow(label, line, None, Problem.UNREADABLE_LINE, text[:80])
                for line, text in lines
            ]
        bad.sort(key=lambda b: (self._file_no(b.file), b.row or 0))
        return bad[:LISTED_PROBLEMS]

    def late_dossiers(self, window: DateWindow) -> tuple[list[LateDossier], StatsResult]:
        """The usable dossiers that are late at the end of the window, and the window's statistics.

        Sorted by agency, then due date, then id: the order an office works
        through its letters.
        """
        result = self.stats(window)
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
        self.con.execute("SET preserve_insertion_order = true")
        rows_sql = self._rows_sql(
            window,
            keep=f"problem = 0 AND cell > 0 AND (cell // 3) % 8 IN ({late})",
            columns=columns,
            tag="p3_",
        )
        dropped = (
            " WHERE NOT EXISTS (SELECT 1 FROM dropped d "
            "WHERE d.file_no = l.file_no AND d.row_no = l.row_no)"
            if self._pass2_done
            else ""
        )
        rows = self._execute(
            "Lập danh sách hồ sơ quá hạn",
            f"SELECT * FROM ({rows_sql}) l{dropped} ORDER BY agency NULLS LAST, due, dossier_id",
        ).fetchall()
        rejects = self._rejects("p1_")
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
                    procedure_name=name,
                    field=field_,
                    agency=agency,
                    level=list(LedgerLevel)[lvl - 1] if lvl and lvl > 0 else None,
                    applicant=applicant,
                    late_reason=reason,
                    file=self.sources[file_no].label,
                    row=self._line(file_no, row_no, rejects),
                )
            )
        return found, result

    def _file_no(self, label: str) -> int:
        return next(s.file_no for s in self.sources if s.label == label)

    def _line(self, file_no: int, row_no: int, rejects: dict[int, list[tuple[int, str]]]) -> int:
        """The row a user sees: physical line for CSV (rejected lines put back), sheet row for XLSX."""
        source = self.sources[file_no]
        if source.kind != "csv":
            return row_no
        line = source.header_line + row_no
        skipped = [r for r, _ in rejects.get(file_no, [])]
        # Each rejected line before this one pushes it one line further down.
        seen = 0
        while True:
            count = bisect_right(skipped, line)
            if count == seen:
                return line
            line += count - seen
            seen = count

    def _bad_row(self, item: tuple[Any, ...], rejects: dict[int, list[tuple[int, str]]]) -> BadRow:
        file_no, row_no, dossier_id, code, same, first_file, first_row, *texts = item
        problem = Problem.from_code(code)
        source = self.sources[file_no]
        row = self._line(file_no, row_no, rejects)
        if problem is Problem.DUPLICATE_ID:
            where = f"dòng {self._line(first_file, first_row, rejects)}"
            if first_file != file_no:
                where += f" của {self.sources[first_file].label}"
            detail = (
                f"giống hệt {where}, chỉ tính một lần"
                if same
                else f"khác nội dung với {where}; các bản đều bị loại, cần sửa sổ"
            )
            return BadRow(source.label, row, dossier_id, problem, None, detail)
        value = dict(zip(_TEXT_NAMES, texts, strict=True)).get(problem.column or "")
        return BadRow(source.label, row, dossier_id, problem, value)


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


def _key(by: tuple[str, ...], raw: Sequence[Any]) -> tuple[str | None, ...]:
    key: list[str | None] = []
    for name, value in zip(by, raw, strict=True):
        if value is None:
            key.append(None)
        elif name in _DIM_ENUM:
            key.append(CODES[name][int(value) - 1] if int(value) > 0 else None)
        else:
            key.append(str(value))
    return tuple(key)


def _count(stats: DossierStats, cell: int | None, n: int) -> None:
    if not cell:
        return
    decoded = decode_cell(int(cell))
    assert decoded.outcome is not None
    stats.count(
        Placement(decoded.scope == 1, decoded.outcome),
        online_level=decoded.online_level,
        channel=Channel.ONLINE if decoded.online else None,
        digitised_input=decoded.digitised_input,
        digitised_result=decoded.digitised_result,
        paid_online=decoded.paid_online,
        times=n,
    )
