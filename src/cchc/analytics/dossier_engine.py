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
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from cchc.analytics.agency_sql import (
    NO_AGENCY_ROW,
    OTHER_AGENCY_ROW,
    nearest_agencies,
    select_agencies,
)
from cchc.analytics.calendar import FIRST_CALENDAR_DAY, build_lookup, load_calendar
from cchc.analytics.dossier_results import SourceSummary, StatsResult
from cchc.analytics.dossier_sql import (
    DIM_SQL,
    DISAGREEMENT_UNIT,
    EMPTY_ROW,
    LABEL_ROW,
    Disagreement,
    cell_expression,
    checked_select,
    count_cell,
    marked_rows_select,
    parsed_select,
)
from cchc.analytics.group_names import GroupNames
from cchc.analytics.ledger import LedgerError, LedgerSource, open_sources
from cchc.analytics.ledger_dates import TIME_ZONE
from cchc.analytics.problem_rows import BadRow, Rejects, settle_problem_rows
from cchc.analytics.unknown_words import UnknownWord, unknown_words
from cchc.domain.agency_selection import AgencySelection
from cchc.domain.date_order import DAY_FIRST, DateReading
from cchc.domain.dossier_ledger import LedgerVocabulary, Problem
from cchc.domain.dossiers import DIMENSIONS, DossierStats
from cchc.domain.ledger_headers import header_hints
from cchc.domain.periods import DateWindow
from cchc.domain.workdays import WorkingCalendar
from cchc.registry import Registry, RegistryError

__all__ = [
    "DossierEngine",
    "load_vocabulary",
]

Progress = Callable[[str, float | None], None]


# The problems a word the vocabulary does not know causes (``unknown_words``).
_UNKNOWN_WORDS = {
    Problem.UNKNOWN_STATUS,
    Problem.UNKNOWN_LEVEL,
    Problem.UNKNOWN_CHANNEL,
    Problem.UNKNOWN_ONLINE_LEVEL,
    Problem.UNKNOWN_FLAG,
}


def load_vocabulary(registry: Registry) -> LedgerVocabulary:
    files = registry.files("dossiers")
    try:
        return LedgerVocabulary.from_data([f.data for f in files])
    except ValueError as exc:
        names = ", ".join(str(f.path) for f in files)
        raise RegistryError(f"từ vựng sổ hồ sơ ({names}): {exc}") from None


class _MalformedCsvError(LedgerError):
    """A CSV line DuckDB could not split: read again, collecting such lines."""


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
        dates: DateReading = DAY_FIRST,
        agencies: AgencySelection | None = None,
    ) -> None:
        if not paths:
            raise LedgerError("cần ít nhất một tệp sổ hồ sơ")
        self.registry = registry
        # Numeric dates are day first unless the user says otherwise (--month-first…).
        self.dates = dates
        # Only these agencies' rows count (--agency); the others are left out and counted.
        self.agencies = agencies
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
        # DuckDB draws its own progress bar on standard output once a query passes 2 s, when
        # it guesses an interactive session (no ``__main__.__file__``: a notebook, ``python
        # -c``, an embedding server), which spoils ``--format json`` and the caller's output.
        # The engine reports progress itself (``execute``); tracking stays on for it.
        self.con.execute("SET enable_progress_bar_print = false")
        # Dates are Vietnam's calendar days, whatever zone the server runs in.
        self.con.execute(f"SET TimeZone = '{TIME_ZONE}'")
        # Pass 2 ran: the ``dropped`` table holds the duplicate rows left out.
        self.settled = False
        # Pass 1 kept the id hashes of rows whose status disagrees with their dates.
        self.said_kept = False
        self._marks_size = 1 << 22  # bits of the pass-2 bit map, see _size_marks
        # CSV lines of the wrong shape are collected instead of failing the scan. DuckDB's
        # reject tables cost about 40 % more reading, so only after a strict scan failed.
        self.tolerant = False
        self._calendars: dict[int, WorkingCalendar] = {}
        try:
            self.sources: list[LedgerSource] = []
            for path in paths:
                self.sources += self._open(len(self.sources), Path(path))
            if agencies is not None:
                self._check_agency_column()
        except BaseException:
            self.close()
            raise

    def _open(self, number: int, path: Path) -> list[LedgerSource]:
        return open_sources(
            path,
            number,
            self.vocabulary,
            self._workdir,
            self.con,
            self.progress,
            dates=self.dates,
        )

    def _check_agency_column(self) -> None:
        """--agency on a file without the agency column would leave out every row of it."""
        lacking = [s.label for s in self.sources if "agency" not in s.columns]
        if lacking:
            raise LedgerError(
                f"{', '.join(lacking)}: không có cột cơ quan giải quyết nên không chọn được "
                "hồ sơ theo --agency; hãy xuất lại sổ kèm cột này, hoặc bỏ --agency nếu sổ "
                "chỉ có hồ sơ của đơn vị"
            )

    def close(self) -> None:
        if getattr(self, "con", None) is not None:
            # A query may still run in the worker thread (Ctrl-C): stop it first.
            self.con.interrupt()
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

    def execute(self, label: str, sql: str, params: dict[str, Any] | None = None) -> Any:
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
            shape = "CSV" in str(exc) or "unicode" in str(exc).lower()
            if isinstance(exc, duckdb.InvalidInputException) and shape and not self.tolerant:
                raise _MalformedCsvError(str(exc)) from None
            if isinstance(exc, duckdb.Error):
                files = ", ".join(s.label for s in self.sources)
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise LedgerError(f"không đọc được sổ hồ sơ ({files}): {first}") from None
            raise exc
        return result[0]

    def rows_sql(
        self,
        window: DateWindow,
        *,
        keep: str | None = None,
        columns: Sequence[tuple[str, str]] = (),
        tag: str = "p1_",
        only: str | None = None,
    ) -> str:
        """The checked rows of every source.

        With ``keep``, only the rows matching it, numbered as the user sees
        them and carrying ``columns`` (name, expression). A CSV source is
        first reduced, in one parallel scan kept in file order, to a table of
        one narrow column (the kept row's fields packed in a struct, NULL for
        every other row), which is then numbered. With ``only`` (a query of id
        hashes), that scan keeps the raw cells of the wanted rows before any
        parsing (``_mark``).
        """
        calendar = self.calendar(window.end)
        lookup = build_lookup(calendar, FIRST_CALENDAR_DAY, date(window.end.year + 12, 12, 31))
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE due_lookup AS SELECT $ord AS ord, $wd AS wd",
            {
                "ord": lookup.ordinal.tolist(),
                "wd": lookup.workdays.astype(object).tolist(),  # datetime.date values
            },
        )
        if only is not None:
            self._size_marks(only)
        parts = []
        for source in self.sources:
            rejects = f"{tag}{source.file_no}" if source.kind == "csv" and self.tolerant else None
            marks = None
            if only is not None and not source.has_row_column:
                marks = f"{tag}marks_{source.file_no}"
                self._mark(source, rejects, marks)
            parsed = parsed_select(
                source,
                self.vocabulary,
                row_numbers=keep is not None and (source.has_row_column or only is not None),
                rejects=rejects,
                only=only,
                marks=marks,
            )
            checked = checked_select([parsed], lookup, "due_lookup", self.vocabulary)
            if self.agencies is not None:
                checked = select_agencies(checked, self.agencies)
            rows = f"SELECT *, {cell_expression(window)} AS cell FROM ({checked})"
            if keep is None:
                parts.append(rows)
            elif source.has_row_column or only is not None:
                wanted = ", ".join(f"{expr} AS {name}" for name, expr in columns)
                parts.append(f"SELECT file_no, row_no, {wanted} FROM ({rows}) WHERE {keep}")
            else:
                packed = "struct_pack(" + ", ".join(f"{n} := {e}" for n, e in columns) + ")"
                kept = f"{tag}kept_{source.file_no}"
                self._keep_in_order(
                    source,
                    kept,
                    f"SELECT CASE WHEN {keep} THEN {packed} END AS payload FROM ({rows})",
                )
                parts.append(
                    f"SELECT {source.file_no} AS file_no, row_no, unnest(payload) FROM ("
                    f"SELECT row_number() OVER () AS row_no, payload FROM {kept}) "
                    "WHERE payload IS NOT NULL"
                )
        return " UNION ALL ".join(f"({p})" for p in parts)

    def listed(self, label: str, rows_sql: str, order: str) -> list[Any]:
        """The kept rows of ``rows_sql`` (``rows_sql(keep=…)``) in ``order``, duplicates
        pass 2 left out of the statistics left out here too."""
        dropped = (
            " WHERE NOT EXISTS (SELECT 1 FROM dropped d "
            "WHERE d.file_no = l.file_no AND d.row_no = l.row_no)"
            if self.settled
            else ""
        )
        query = f"SELECT * FROM ({rows_sql}) l{dropped} ORDER BY {order}"
        rows: list[Any] = self.execute(label, query).fetchall()
        return rows

    def _size_marks(self, only: str) -> None:
        """The bit map of the wanted id hashes, as a session variable (a constant to DuckDB).

        Sized to about 16 bits per wanted id, so that few other rows pass it.
        """
        count = self.con.execute(f"SELECT count(*) FROM ({only})").fetchone()
        wanted = int(count[0]) if count else 0
        self._marks_size = min(max(1 << 22, 1 << (16 * wanted).bit_length()), 1 << 28)
        self.con.execute(
            f"SET VARIABLE cchc_marks = (SELECT bitstring_agg((h % {self._marks_size})::INTEGER, "
            f"0, {self._marks_size - 1}) FROM ({only}) AS wanted(h))"
        )

    def _mark(self, source: LedgerSource, rejects: str | None, table: str) -> None:
        select = marked_rows_select(source, rejects, "getvariable('cchc_marks')", self._marks_size)
        self._keep_in_order(source, table, select)

    def _keep_in_order(self, source: LedgerSource, table: str, select: str) -> None:
        """One row per file row, in file order, scanned on every thread; numbered afterwards.

        DuckDB numbers rows (``row_number() OVER ()``) on one thread when the
        numbered rows are kept; a table filled with the insertion order kept
        costs a parallel scan, and numbering it is then cheap.
        """
        self.con.execute("SET preserve_insertion_order = true")
        self.execute(
            f"Chọn các dòng cần liệt kê trong {source.label}",
            f"CREATE OR REPLACE TEMP TABLE {table} AS {select}",
        )

    # ------------------------------------------------------------------ statistics

    def stats(self, window: DateWindow, by: Sequence[str] = ()) -> StatsResult:
        unknown = [d for d in by if d not in DIMENSIONS]
        if unknown:
            raise ValueError(
                f"không nhóm được theo “{', '.join(unknown)}” (dùng: {', '.join(DIMENSIONS)})"
            )
        by = tuple(dict.fromkeys(by))
        dims = [DIM_SQL[d] for d in by]
        # With --agency, which choice each row is of: rows per choice, to say which found none.
        chosen = ["sel"] if self.agencies is not None else []
        keys = ", ".join(["file_no", "problem", *chosen, *dims, "cell"])
        # The ids of rows whose status word disagrees with their dates, for their list
        # (``status_claims``); only when the sampled statuses carry the software's verdict,
        # since the flag costs every id group memory (about 100 MB at 10M rows).
        self.said_kept = any(
            self.vocabulary.claim_for("status", text)
            for source in self.sources
            for text in source.code_samples.get("status", ())
        )
        disagrees = f"bool_or(cell >= {DISAGREEMENT_UNIT})" if self.said_kept else "false"
        self.con.execute("SET preserve_insertion_order = false")
        while True:
            try:
                self.execute(
                    "Đọc và thống kê sổ hồ sơ",
                    f"CREATE OR REPLACE TEMP TABLE agg AS SELECT {keys}, h, "
                    f"GROUPING(h) AS stats_row, count(*) AS n, {disagrees} AS said "
                    f"FROM ({self.rows_sql(window)}) "
                    f"GROUP BY GROUPING SETS (({keys}), (problem, h)) "
                    # Kept: the counts, ids repeated among usable rows, the ids of problem
                    # rows (for pass 2), and of disagreeing rows.
                    f"HAVING GROUPING(h) = 1 OR problem > 0 OR (problem = 0 AND "
                    f"(count(*) > 1 OR {disagrees}))",
                )
                break
            except _MalformedCsvError:
                self.tolerant = True
        groups: dict[tuple[str | None, ...], DossierStats] = {}
        names = GroupNames(by)
        problems: Counter[Problem] = Counter()
        said: Counter[Disagreement] = Counter()
        summaries = [
            SourceSummary(
                s.label,
                s.kind,
                columns=sorted(s.columns),
                ignored_headers=s.ignored,
                header_hints=header_hints(
                    s.ignored, s.columns, self.vocabulary.headers, self.vocabulary.not_columns
                ),
                encoding=s.encoding,
                notes=s.notes,
            )
            for s in self.sources
        ]
        select = ", ".join(["file_no", "problem", *chosen, *dims, "cell", "n"])
        chosen_rows = [0] * len(self.agencies.choices) if self.agencies is not None else []
        for row in self.con.execute(f"SELECT {select} FROM agg WHERE stats_row = 1").fetchall():
            file_no, problem, *key, cell, n = row
            if chosen:
                sel, *key = key
                if sel:
                    chosen_rows[sel - 1] += n
            if problem == EMPTY_ROW:
                continue
            if problem == LABEL_ROW:
                summaries[file_no].label_rows += n
                continue
            if problem == OTHER_AGENCY_ROW:
                summaries[file_no].other_agency_rows += n
                continue
            if problem == NO_AGENCY_ROW:
                summaries[file_no].no_agency_rows += n
                continue
            summaries[file_no].rows += n
            if problem:
                problems[Problem.from_code(problem)] += n
                summaries[file_no].problems[Problem.from_code(problem)] += n
                summaries[file_no].excluded += n
                continue
            count_cell(groups.setdefault(names.add(key, n), DossierStats()), cell, n, said)
            if cell:
                summaries[file_no].in_window += n
        rejects = self.rejects("p1_")
        for file_no, lines in rejects.items():
            summaries[file_no].rows += len(lines)
            summaries[file_no].excluded += len(lines)
            problems.update(problem for _, _, problem in lines)
            summaries[file_no].problems.update(problem for _, _, problem in lines)
        for source, summary in zip(self.sources, summaries, strict=True):
            if source.kind == "csv" and source.sample_rows and not summary.rows + summary.left_out:
                # DuckDB skips silently when line endings are mixed (\n and \r\n).
                raise LedgerError(
                    f"{source.label}: không đọc được dòng dữ liệu nào sau dòng tiêu đề "
                    "(có thể do ký tự xuống dòng lẫn lộn); hãy lưu lại tệp dạng “CSV UTF-8”"
                )
        repeated = self.con.execute(
            "SELECT count(*) FROM agg WHERE stats_row = 0 AND problem = 0 AND n > 1"
        ).fetchone()
        bad_rows: list[BadRow] = []
        shared_ids = 0
        words: list[UnknownWord] = []
        if problems or (repeated and repeated[0]):
            bad_rows, shared_ids = settle_problem_rows(
                self, window, by, groups, problems, summaries, rejects, said
            )
            if problems.keys() & _UNKNOWN_WORDS:
                words = unknown_words(self)
        self._received_ranges(window, summaries)
        named = {names.named(key): stats for key, stats in groups.items()}
        unmatched = nearest_agencies(self, window, chosen_rows, summaries)
        return StatsResult(
            window,
            by,
            named,
            problems,
            bad_rows,
            summaries,
            +said,
            merged=names.merged(),
            shared_ids=shared_ids,
            unknown_words=words,
            agencies=self.agencies,
            chosen_rows=chosen_rows,
            unmatched=unmatched,
        )

    def _received_ranges(self, window: DateWindow, summaries: list[SourceSummary]) -> None:
        """When a file gave the window nothing from rows it could read, the days it covers:
        the usual cause is the wrong file or the wrong period. One more scan, only then."""
        idle = [
            s.file_no
            for s, summary in zip(self.sources, summaries, strict=True)
            if summary.rows > summary.excluded and not summary.in_window
        ]
        if not idle:
            return
        found = self.con.execute(
            f"SELECT file_no, min(rec)::DATE, max(rec)::DATE FROM ({self.rows_sql(window)}) "
            f"WHERE problem = 0 AND file_no IN ({', '.join(map(str, idle))}) GROUP BY file_no"
        ).fetchall()
        for file_no, first, last in found:
            summaries[file_no].received = (first, last)

    def rejects(self, tag: str) -> Rejects:
        """The CSV lines the reader could not split into cells or decode, by file."""
        found: Rejects = {}
        for source in self.sources:
            if source.kind != "csv":
                continue
            try:
                # One entry per surplus cell: keep one per line.
                rows = self.con.execute(
                    f"SELECT line, any_value(csv_line), bool_or(error_type = 'INVALID ENCODING') "
                    f"FROM {tag}{source.file_no}_t GROUP BY line ORDER BY line"
                ).fetchall()
            except duckdb.CatalogException:
                rows = []
            lines = []
            for line, text, encoding in rows:
                if not str(text).strip():
                    # Spaces only: no dossier and no problem, like an empty line.
                    source.quiet_lines.add(int(line))
                    continue
                problem = Problem.BAD_ENCODING if encoding else Problem.UNREADABLE_LINE
                lines.append((int(line), str(text).strip(), problem))
            if lines:
                found[source.file_no] = lines
        return found
