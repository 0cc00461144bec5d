"""Where the time of ``cchc dossiers stats`` goes: a ladder of ever fuller scans of one ledger.

Each rung is a separate process that times its own query (start-up
excluded), so the rungs can be compared with each other and with the
floor of ``dossier_stats.py`` (one DuckDB count over the file):

    floor   SELECT count(*) FROM read_csv(file)                 (DuckDB, auto-detected)
    read    the 12 columns the definitions need, read as text   (the engine's read_csv options)
    dates   read, and the three date columns cast to TIMESTAMP  (the text cast in SQL)
    bound0  the least that counts: dates and processing days typed by the CSV reader, dates
            compared with the window, rows grouped by the code columns' texts as read
            (no due date computed, no word parsed, nothing checked)
    bound   bound0, and the repeated dossier ids found           (a grouping set of id hashes)
    parse   every row parsed, checked and placed in the window  (the engine's SQL, no grouping)
    pass1   DossierEngine.stats: parse + counts + duplicate ids (the engine, in process)
    cli     cchc dossiers stats … --format json                 (whole process, start-up included)
    polars  the same 12 columns read as text by Polars          (only when polars is installed)
    polars_bound  *bound* computed by Polars                    (only when polars is installed)

    python benchmarks/dossier_cost_ladder.py LEDGER.csv [--repeat 3]

The question it answers: how close to the floor can any implementation of
the definitions get, when it must at least read and parse every row? The
*bound* rungs are deliberately incomplete (no due date computed from the
processing days, no validation, no word of the vocabulary looked up): what
no correct DuckDB implementation can do without, so their ratio to the floor
is a lower bound for the engine's.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

# A light import (no DuckDB, no numpy): the floor's process stays as lean as before.
from cchc.domain.dossier_ledger import LEDGER_COLUMNS

if TYPE_CHECKING:
    from cchc.analytics.dossier_engine import DossierEngine
    from cchc.domain.periods import DateWindow

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dossier_stats import WINDOW, contenders, measure_child  # noqa: E402

# The columns the statistics read: every coded, dated or flagged column and the id; the
# other text columns are only shown in lists and letters.
NEEDED = tuple(c.name for c in LEDGER_COLUMNS if c.kind != "text" or c.name == "dossier_id")
RUNGS = (
    "floor",
    "read",
    "dates",
    "bound0",
    "bound",
    "parse",
    "pass1",
    "cli",
    "polars",
    "polars_bound",
)


def _engine(path: Path) -> DossierEngine:
    # Imported here: the floor's process must not pay for importing cchc.
    from cchc.analytics.dossier_engine import DossierEngine
    from cchc.registry import default_registry

    engine = DossierEngine([path], default_registry())
    engine.con.execute("SET preserve_insertion_order = false")
    return engine


def rung(name: str, path: Path) -> float:
    """Run one rung in this process; the time of its query alone."""
    if name == "floor":
        import duckdb

        con = duckdb.connect()
        start = time.perf_counter()
        con.execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall()
        return time.perf_counter() - start
    if name == "polars":
        import polars as pl

        start = time.perf_counter()
        frame = pl.scan_csv(path, infer_schema=False).select(
            [pl.col(c).str.len_bytes().sum() for c in NEEDED]
        )
        frame.collect()
        return time.perf_counter() - start
    if name == "polars_bound":
        return _polars_bound(path)
    from cchc.domain.periods import DateWindow

    window = DateWindow(*WINDOW)
    with _engine(path) as engine:
        source = engine.sources[0]
        if name == "read":
            lengths = ", ".join(f"sum(strlen({source.columns[c][0]}))" for c in NEEDED)
            sql = f"SELECT {lengths} FROM {source.relation()}"
        elif name == "dates":
            dates = ("received_at", "due_at", "finished_at")
            items = [
                f"count(try_cast({source.columns[c][0]} AS TIMESTAMP))"
                if c in dates
                else f"sum(strlen({source.columns[c][0]}))"
                for c in NEEDED
            ]
            sql = f"SELECT {', '.join(items)} FROM {source.relation()}"
        elif name == "parse":
            sql = f"SELECT sum(problem), sum(cell) FROM ({engine.rows_sql(window)})"
        elif name in ("bound0", "bound"):
            sql = _bound_sql(engine, window, ids=name == "bound")
        else:
            engine.rows_sql(window)  # the working-day look-up table, outside the timing
            start = time.perf_counter()
            engine.stats(window, ("level",))
            return time.perf_counter() - start
        start = time.perf_counter()
        engine.con.execute(sql).fetchall()
        return time.perf_counter() - start


def _bound_sql(engine: DossierEngine, window: DateWindow, *, ids: bool) -> str:
    """The least any DuckDB implementation of the counts does (see the module's text).

    The CSV reader parses the date columns itself, as DATE (its cheapest parse,
    which takes an ISO moment's day), and the processing days as INTEGER: a
    real engine could only do so with a fallback for the first cell the
    reader refuses. The code columns are grouped by their texts as read,
    which costs less than matching them to any word (measured 05/12/2026).
    """
    from cchc.analytics.ledger_dates import preferred_date_format

    source = engine.sources[0]
    dates = ("received_at", "due_at", "finished_at")
    for name in dates:
        written = preferred_date_format(source.date_samples.get(name, []))
        if written is None or not written.startswith("%Y-%m-%d"):
            raise SystemExit(f"the bound rungs need ISO dates in {name} (the generated ledgers)")
    # The engine's reader options, with these columns typed instead of read as text.
    relation = source.relation()
    typed = dict.fromkeys(dates, "DATE") | {"processing_days": "INTEGER"}
    for name, kind in typed.items():
        column = source.columns[name][0].strip('"')
        relation = relation.replace(f"'{column}': 'VARCHAR'", f"'{column}': '{kind}'")
    rec, due, fin, days = (source.columns[n][0] for n in (*dates, "processing_days"))
    start, end = f"DATE '{window.start}'", f"DATE '{window.end}'"
    bits = (
        f"({rec} < {start})::INT + 2 * ({rec} > {end})::INT + 4 * ({fin} < {start})::INT "
        f"+ 8 * ({fin} <= {end})::INT + 16 * ({fin} <= {due})::INT "
        f"+ 32 * ({due} >= {end})::INT + 64 * ({days} IS NULL)::INT"
    )
    codes = ", ".join(
        source.columns[n][0] for n in NEEDED if n not in ("dossier_id", *dates, "processing_days")
    )
    if not ids:
        return (
            f"SELECT count(*) FROM (SELECT {codes}, {bits} AS bits, count(*) FROM {relation} "
            "GROUP BY ALL)"
        )
    return (
        f"SELECT count(*) FROM (SELECT {codes}, {bits} AS bits, "
        f"hash({source.columns['dossier_id'][0]}) AS h, count(*) FROM {relation} "
        f"GROUP BY GROUPING SETS (({codes}, bits), (h)) HAVING GROUPING(h) = 1 OR count(*) > 1)"
    )


def _polars_bound(path: Path) -> float:
    """*bound* in Polars (lazy, both results from one plan), for a second engine's view.

    The generated ledgers' headers are canonical and their dates ISO.
    """
    import polars as pl

    first, last = WINDOW
    start = time.perf_counter()
    frame = pl.scan_csv(path, infer_schema=False).with_columns(
        rec=pl.col("received_at").str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False).dt.date(),
        fin=pl.col("finished_at").str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False).dt.date(),
        due=pl.col("due_at").str.to_date("%Y-%m-%d", strict=False),
        days=pl.col("processing_days").cast(pl.Int32, strict=False),
    )
    rec, fin, due = pl.col("rec"), pl.col("fin"), pl.col("due")
    bits = (
        (rec < first).cast(pl.Int32)
        + 2 * (rec > last).cast(pl.Int32)
        + 4 * (fin < first).cast(pl.Int32)
        + 8 * (fin <= last).cast(pl.Int32)
        + 16 * (fin <= due).cast(pl.Int32)
        + 32 * (due >= last).cast(pl.Int32)
        + 64 * pl.col("days").is_null().cast(pl.Int32)
    )
    not_codes = ("dossier_id", "received_at", "due_at", "finished_at", "processing_days")
    codes = [c for c in NEEDED if c not in not_codes]
    counts = frame.with_columns(bits=bits).group_by([*codes, "bits"]).agg(pl.len())
    repeated = (
        frame.select(h=pl.col("dossier_id").hash())
        .group_by("h")
        .agg(pl.len())
        .filter(pl.col("len") > 1)
    )
    pl.collect_all([counts, repeated])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rung", choices=RUNGS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rung:
        print(f"{rung(args.rung, args.ledger):.4f}")
        return
    polars = importlib.util.find_spec("polars") is not None
    names = [r for r in RUNGS if polars or not r.startswith("polars")]
    if not polars:
        print("polars is not installed: the polars rungs are skipped", file=sys.stderr)
    best: dict[str, tuple[float, float]] = {}
    for round_ in range(args.repeat):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            if name == "cli":
                run = measure_child(contenders(args.ledger)["cchc"])
                query = run.wall
            else:
                command = [sys.executable, __file__, str(args.ledger), "--rung", name]
                run = measure_child(command)
                query = float(run.stdout.strip())
            print(f"{name:<7} query {query:6.2f}s process {run.wall:6.2f}s", file=sys.stderr)
            if name not in best or query < best[name][0]:
                best[name] = (query, run.wall)
    floor = best["floor"][0]
    print(f"Ledger {args.ledger.name}, best of {args.repeat}, {date.today():%d/%m/%Y}\n")
    floor_wall = best["floor"][1]
    print("| rung | query | query / floor query | whole process | process / floor process |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        query, wall = best[name]
        print(
            f"| {name} | {query:.2f} s | {query / floor:.2f}× | {wall:.2f} s "
            f"| {wall / floor_wall:.2f}× |"
        )


if __name__ == "__main__":
    main()
