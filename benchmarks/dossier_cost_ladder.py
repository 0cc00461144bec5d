"""Where the time of ``cchc dossiers stats`` goes: a ladder of ever fuller scans of one ledger.

Each rung is a separate process that times its own query (start-up
excluded), so the rungs can be compared with each other and with the
floor of ``dossier_stats.py`` (one DuckDB count over the file):

    floor   SELECT count(*) FROM read_csv(file)                 (DuckDB, auto-detected)
    read    the 12 columns the definitions need, read as text   (the engine's read_csv options)
    dates   read, and the three date columns cast to TIMESTAMP  (the least parsing any engine does)
    parse   every row parsed, checked and placed in the window  (the engine's SQL, no grouping)
    pass1   DossierEngine.stats: parse + counts + duplicate ids (the engine, in process)
    cli     cchc dossiers stats … --format json                 (whole process, start-up included)
    polars  the same 12 columns read as text by Polars          (only when polars is installed)

    python benchmarks/dossier_cost_ladder.py LEDGER.csv [--repeat 3]

The question it answers: how close to the floor can any implementation of
the definitions get, when it must at least read and parse every row?
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dossier_stats import WINDOW, contenders, measure_child  # noqa: E402

# The columns the statistics read: every coded, dated or flagged column and the id; the
# other text columns are only shown in lists and letters.
NEEDED = tuple(c.name for c in LEDGER_COLUMNS if c.kind != "text" or c.name == "dossier_id")
RUNGS = ("floor", "read", "dates", "parse", "pass1", "cli", "polars")


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
        else:
            engine.rows_sql(window)  # the working-day look-up table, outside the timing
            start = time.perf_counter()
            engine.stats(window, ("level",))
            return time.perf_counter() - start
        start = time.perf_counter()
        engine.con.execute(sql).fetchall()
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
    names = [r for r in RUNGS if r != "polars" or importlib.util.find_spec("polars")]
    if "polars" not in names:
        print("polars is not installed: the polars rung is skipped", file=sys.stderr)
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
