"""Benchmark: ``cchc dossiers stats --agency`` on a province ledger.

What one unit's figures cost out of the whole province's file, against
(a) the same command without ``--agency`` (every agency counted), and
(b) the workaround without the option: DuckDB copies the unit's rows to a
new CSV, then ``cchc dossiers stats`` reads that file (both steps timed).
The totals of ``--agency`` and of the workaround must agree.

    python benchmarks/dossier_agency.py --rows 1000000 [--repeat 3]

Choices: *one* is a district's one-stop (UBND-H04); *district* is three
districts and thirteen departments, 16 agencies.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from dossier_stats import Run, contenders, ledger, measure_child, runs_table

ONE = ["UBND-H04"]
DISTRICT = ["UBND-H04", "UBND-H01", "UBND-H02"] + [f"SO-{i}" for i in range(1, 14)]

COPY = (
    "import duckdb, sys\n"
    "source, target, *agencies = sys.argv[1:]\n"
    "duckdb.execute(\n"
    "    'COPY (SELECT * FROM read_csv(?, all_varchar=true) WHERE agency IN '\n"
    "    '(SELECT unnest(?))) TO ' + repr(target) + ' (HEADER)', [source, agencies])\n"
)


def with_agencies(command: list[str], agencies: list[str]) -> list[str]:
    return command + [part for a in agencies for part in ("--agency", a)]


def bench(rows: int, repeat: int) -> dict[str, Run]:
    path = ledger(rows, dirty=False)
    cchc = contenders(path)["cchc"]
    best: dict[str, Run] = {}
    with tempfile.TemporaryDirectory() as folder:
        filtered = {name: Path(folder) / f"{name}.csv" for name in ("one", "district")}
        runs = {
            "whole": [cchc],
            "one": [with_agencies(cchc, ONE)],
            "district": [with_agencies(cchc, DISTRICT)],
            "copy+one": [
                [sys.executable, "-c", COPY, str(path), str(filtered["one"]), *ONE],
                [*cchc[:3], str(filtered["one"]), *cchc[4:]],
            ],
            "copy+district": [
                [sys.executable, "-c", COPY, str(path), str(filtered["district"]), *DISTRICT],
                [*cchc[:3], str(filtered["district"]), *cchc[4:]],
            ],
        }
        names = list(runs)
        for round_no in range(repeat):
            # Rotating order: no contender always runs first on a cold cache.
            for name in names[round_no % len(names) :] + names[: round_no % len(names)]:
                steps = [measure_child(step) for step in runs[name]]
                run = Run(
                    sum(s.wall for s in steps),
                    sum(s.cpu for s in steps),
                    max(s.rss_mb for s in steps),
                    steps[-1].stdout,
                )
                if name not in best or run.wall < best[name].wall:
                    best[name] = run
        for name in ("one", "district"):
            ours = json.loads(best[name].stdout)["total"]
            theirs = json.loads(best[f"copy+{name}"].stdout)["total"]
            if ours != theirs:
                raise SystemExit(f"{name}: --agency and the filtered copy disagree")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    best = bench(args.rows, args.repeat)
    print(f"{args.rows:,} rows, best of {args.repeat}")
    print(runs_table(best, "whole"))


if __name__ == "__main__":
    main()
