"""What a ledger written as exported costs against the same dossiers in canonical form.

    python benchmarks/ledger_formats_bench.py [--rows 100000 1000000] [--repeat 3]

The same generated dossiers are written four ways: *canonical* (the peer:
codes such as ``da_giai_quyet``, ISO dates, UTF-8); *vi*, as one-stop
software exports them (``--style vi``: Vietnamese headers and words,
"Đã giải quyết", dd/mm/yyyy hh:mm dates), UTF-8; and *vi* again as Excel
saves it on a Vietnamese Windows, in Windows-1258 (tone marks apart, see
tests/ledgers.py) and as "Unicode Text" (UTF-16). ``cchc dossiers stats``
runs on each as its own process, in rotating order, with the DuckDB count
floor of the vi file; the best wall time of ``--repeat`` counts, and all four
must give the same statistics.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from dossier_stats import FLOOR, OUT, WINDOW, Run, measure_child  # noqa: E402
from ledger_generator import write  # noqa: E402
from ledgers import windows_1258  # noqa: E402

FORMS = ("canonical", "vi", "windows-1258", "utf-16")


def ledgers(rows: int) -> dict[str, Path]:
    paths = {"canonical": OUT / f"ledger-{rows}.csv", "vi": OUT / f"ledger-vi-{rows}.csv"}
    for form, path in paths.items():
        if not path.exists():
            print(f"generating {path.name}", file=sys.stderr)
            write(rows, path, style="canonical" if form == "canonical" else "vi")
    text = paths["vi"].read_text("utf-8")
    for encoding in FORMS[2:]:
        path = OUT / f"ledger-vi-{rows}.{encoding}.csv"
        if not path.exists():
            if encoding == "utf-16":
                path.write_bytes(text.encode("utf-16"))
            else:
                # One Windows-1258 spelling per distinct letter, then one pass over the text.
                table = {ord(c): windows_1258(c).decode("latin-1") for c in set(text) if c > "\x7f"}
                path.write_bytes(text.translate(table).encode("latin-1"))
        paths[encoding] = path
    return paths


def command(path: Path) -> list[str]:
    start, end = (d.strftime("%d/%m/%Y") for d in WINDOW)
    cchc = str(Path(sys.executable).parent / "cchc")
    return [cchc, "dossiers", "stats", str(path), "--from", start, "--to", end, "--format", "json"]


def bench(rows: int, repeat: int) -> dict[str, Run]:
    paths = ledgers(rows)
    commands = {form: command(paths[form]) for form in FORMS}
    commands["floor"] = [sys.executable, "-c", FLOOR, str(paths["vi"])]
    names = list(commands)
    best: dict[str, Run] = {}
    for turn in range(repeat):
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            run = measure_child(commands[name])
            print(f"{rows:>9} {name:<13} {run.wall:6.2f} s", file=sys.stderr)
            if name not in best or run.wall < best[name].wall:
                best[name] = run
    totals = {json.dumps(json.loads(best[f].stdout)["total"], sort_keys=True) for f in FORMS}
    if len(totals) != 1:
        raise SystemExit("the four ledgers gave different statistics")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        "| rows | canonical (peer) | vi | vi ÷ canonical | vi ÷ floor of vi "
        "| Windows-1258 | ÷ vi | UTF-16 | ÷ vi |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rows in args.rows:
        runs = bench(rows, args.repeat)
        vi = runs["vi"].wall
        cells = [
            f"{rows:,}",
            f"{runs['canonical'].wall:.2f} s",
            f"{vi:.2f} s",
            f"{vi / runs['canonical'].wall:.2f}×",
            f"{vi / runs['floor'].wall:.2f}×",
        ]
        for encoding in FORMS[2:]:
            cells += [f"{runs[encoding].wall:.2f} s", f"{runs[encoding].wall / vi:.2f}×"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
