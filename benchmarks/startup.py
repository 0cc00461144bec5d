"""Benchmark: what a command costs before its data does.

On a ledger of a thousand rows the time of ``cchc dossiers stats`` is its
start-up: the interpreter, the imports, the catalogs, the working-day
calendar, DuckDB's session. Every command pays it once, and so does every
run on ten million rows. ``cchc validate`` on the demo report is the same
for the report commands (the indicator catalog and the rules). Compared in
the same run with the floor's process (Python, DuckDB, one ``count(*)`` over
the same ledger) and with ``cchc --help`` (the CLI's own imports).

    python benchmarks/startup.py [--rows 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import sys

from dossier_stats import ROOT, Run, contenders, ledger, measure_child, runs_table

DEMO_REPORT = ROOT / "src" / "cchc" / "demo" / "gia-nghia-2023-q3.json"


def bench(rows: int, repeat: int) -> dict[str, Run]:
    runs = contenders(ledger(rows, dirty=False))
    commands = {
        "floor": runs["floor"],
        "cchc --help": [runs["cchc"][0], "--help"],
        "cchc dossiers stats": runs["cchc"],
        "cchc validate (demo)": [runs["cchc"][0], "validate", str(DEMO_REPORT)],
    }
    best: dict[str, Run] = {}
    names = list(commands)
    for round_no in range(repeat):
        # Rotating order: no contender always runs first on a cold cache.
        for name in names[round_no % len(names) :] + names[: round_no % len(names)]:
            # The demo report holds one error on purpose: validate ends with code 1.
            run = measure_child(commands[name], ok=(0, 1))
            if name not in best or run.wall < best[name].wall:
                best[name] = run
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    best = bench(args.rows, args.repeat)
    print(f"{args.rows:,} rows, best of {args.repeat} ({sys.version.split()[0]})")
    print(runs_table(best, "floor"))


if __name__ == "__main__":
    main()
