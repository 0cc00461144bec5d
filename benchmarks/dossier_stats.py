"""Benchmark: ``cchc dossiers stats`` against the pandas peer and the DuckDB floor.

Each contender runs as its own process on the same generated ledger, in
rotating order, several times; the best wall time counts (the machine is
shared, so the minimum is the least disturbed run) and the ratios within
one run are what matter. Every process's CPU time and peak memory are
recorded too, and the totals of ``cchc`` and pandas must agree.

    python benchmarks/dossier_stats.py --rows 1000000 10000000 [--repeat 3] [--record]

``--record`` appends the results to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
WINDOW = (date(2023, 6, 15), date(2023, 9, 14))  # Q3 2023 by the cut-off rule

FLOOR = (
    "import duckdb, sys\n"
    "con = duckdb.connect()\n"
    "print(con.execute('SELECT count(*) FROM read_csv(?)', [sys.argv[1]]).fetchone()[0])\n"
)


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    stdout: str


def measure_child(command: list[str], ok: tuple[int, ...] = (0,)) -> Run:
    """Run a command and read its own resource usage (not the sum of all children)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} ended with code {process.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def ledger(rows: int, dirty: bool) -> Path:
    path = OUT / f"ledger-{rows}{'-dirty' if dirty else ''}.csv"
    if not path.exists():
        print(f"generating {path.name}", file=sys.stderr)
        command = [sys.executable, str(HERE / "ledger_generator.py"), str(rows), str(path)]
        if dirty:
            command.append("--dirty")
        subprocess.run(command, check=True, cwd=ROOT)
    return path


def contenders(path: Path) -> dict[str, list[str]]:
    start, end = WINDOW
    return {
        "floor": [sys.executable, "-c", FLOOR, str(path)],
        "cchc": [
            str(BIN / "cchc"),
            "dossiers",
            "stats",
            str(path),
            "--from",
            start.strftime("%d/%m/%Y"),
            "--to",
            end.strftime("%d/%m/%Y"),
            "--by",
            "level",
            "--format",
            "json",
        ],
        "pandas": [
            sys.executable,
            str(HERE / "pandas_peer.py"),
            str(path),
            "--from",
            start.isoformat(),
            "--to",
            end.isoformat(),
        ],
    }


def check_agreement(cchc: str, pandas: str) -> None:
    ours = json.loads(cchc)["total"]
    theirs = json.loads(pandas)
    for name in (
        "carried_over",
        "received",
        "resolved_on_time",
        "resolved_late",
        "pending_on_time",
        "pending_overdue",
        "paused",
        "returned",
        "withdrawn",
        "digitised_input",
        "digitised_result",
        "paid_online",
    ):
        if ours[name] != theirs[name]:
            raise SystemExit(f"cchc and pandas disagree on {name}: {ours[name]} != {theirs[name]}")


def bench(rows: int, repeat: int, pandas_repeat: int, dirty: bool) -> dict[str, Run]:
    path = ledger(rows, dirty)
    commands = contenders(path)
    best: dict[str, Run] = {}
    outputs: dict[str, str] = {}
    names = list(commands)
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            if name == "pandas" and round_ >= pandas_repeat:
                continue
            run = measure_child(commands[name])
            print(
                f"{rows:>10} {name:<7} {run.wall:7.2f}s cpu {run.cpu:7.2f}s "
                f"rss {run.rss_mb:7.0f} MB",
                file=sys.stderr,
            )
            outputs[name] = run.stdout
            if name not in best or run.wall < best[name].wall:
                best[name] = run
    check_agreement(outputs["cchc"], outputs["pandas"])
    return best


def runs_table(best: dict[str, Run], base: str) -> str:
    """Best runs as a Markdown table, each against the run named ``base``."""
    lines = [f"| run | wall | cpu | peak memory | / {base} |", "|---|---:|---:|---:|---:|"]
    for name, run in best.items():
        lines.append(
            f"| {name} | {run.wall:.2f} s | {run.cpu:.2f} s | {run.rss_mb:.0f} MB "
            f"| {run.wall / best[base].wall:.2f}× |"
        )
    return "\n".join(lines)


def table(results: dict[tuple[int, bool], dict[str, Run]]) -> str:
    lines = [
        "| rows | ledger | floor (DuckDB count) | cchc dossiers stats | pandas peer "
        "| cchc / floor | pandas / cchc | peak memory cchc / pandas |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (rows, dirty), runs in results.items():
        floor, ours, peer = runs["floor"], runs["cchc"], runs["pandas"]
        lines.append(
            f"| {rows:,} | {'0,1 % problem rows' if dirty else 'clean'} "
            f"| {floor.wall:.2f} s | {ours.wall:.2f} s (cpu {ours.cpu:.1f} s) "
            f"| {peer.wall:.2f} s (cpu {peer.cpu:.1f} s) | {ours.wall / floor.wall:.2f}× "
            f"| {peer.wall / ours.wall:.1f}× | {ours.rss_mb:.0f} MB / {peer.rss_mb:.0f} MB |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandas-repeat", type=int, default=1)
    parser.add_argument("--dirty", action="store_true", help="also a ledger with problem rows")
    parser.add_argument("--record", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    results: dict[tuple[int, bool], dict[str, Run]] = {}
    for rows in args.rows:
        for dirty in (False, True) if args.dirty else (False,):
            results[(rows, dirty)] = bench(rows, args.repeat, args.pandas_repeat, dirty)
    text = table(results)
    print(text)
    if args.record:
        command = "python benchmarks/dossier_stats.py " + " ".join(sys.argv[1:])
        section = (
            f"\n## Dossier statistics (issue 4)\n\n"
            f"Measured {date.today():%d/%m/%Y} on {platform.machine()}, {os.cpu_count()} cores "
            f"(shared with other work), Python {platform.python_version()}, with\n\n"
            f"```sh\n{command}\n```\n\n{text}\n"
        )
        with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as handle:
            handle.write(section)


if __name__ == "__main__":
    main()
