"""What a ledger saved by Excel in Windows-1258 or UTF-16 costs against the same ledger in UTF-8.

    python benchmarks/ledger_encoding_bench.py [--rows 100000 1000000] [--repeat 3]

The same generated ledger (``--style vi``: Vietnamese headers and words, as
one-stop software exports it) is written three times: UTF-8 (the peer: what
the user gets by saving as "CSV UTF-8"), Windows-1258 as Excel writes it on a
Vietnamese Windows (tone marks apart, see tests/ledgers.py), and UTF-16.
``cchc dossiers stats`` runs on each as its own process, in rotating order;
the best wall time of ``--repeat`` counts, and the totals must agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from dossier_stats import OUT, WINDOW, Run, measure_child  # noqa: E402
from ledger_generator import write  # noqa: E402
from ledgers import windows_1258  # noqa: E402

ENCODINGS = ("utf-8", "windows-1258", "utf-16")


def ledgers(rows: int) -> dict[str, Path]:
    utf8 = OUT / f"ledger-vi-{rows}.csv"
    if not utf8.exists():
        print(f"generating {utf8.name}", file=sys.stderr)
        write(rows, utf8, style="vi")
    paths = {"utf-8": utf8}
    text = utf8.read_text("utf-8")
    for encoding in ENCODINGS[1:]:
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
    best: dict[str, Run] = {}
    for turn in range(repeat):
        order = ENCODINGS[turn % 3 :] + ENCODINGS[: turn % 3]
        for encoding in order:
            run = measure_child(command(paths[encoding]))
            if encoding not in best or run.wall < best[encoding].wall:
                best[encoding] = run
    totals = {e: json.loads(r.stdout)["total"] for e, r in best.items()}
    if len({json.dumps(t, sort_keys=True) for t in totals.values()}) != 1:
        raise SystemExit("the encodings gave different statistics")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| rows | MB (UTF-8) | UTF-8 | Windows-1258 | ÷ UTF-8 | UTF-16 | ÷ UTF-8 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for rows in args.rows:
        runs = bench(rows, args.repeat)
        size = ledgers(rows)["utf-8"].stat().st_size / 1e6
        base = runs["utf-8"].wall
        cells = [f"{rows:,}", f"{size:.0f}", f"{base:.2f} s"]
        for encoding in ENCODINGS[1:]:
            wall = runs[encoding].wall
            cells += [f"{wall:.2f} s", f"{wall / base:.1f}×"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
