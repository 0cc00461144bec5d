"""What a ledger written as exported costs against the same dossiers in canonical form.

    python benchmarks/ledger_formats_bench.py [--rows 100000 1000000] [--repeat 3] [--xlsx]

The same generated dossiers are written four ways: *canonical* (the peer:
codes such as ``da_giai_quyet``, ISO dates, UTF-8); *vi*, as one-stop
software exports them (``--style vi``: Vietnamese headers and words,
"Đã giải quyết", dd/mm/yyyy hh:mm dates), UTF-8; and *vi* again as Excel
saves it on a Vietnamese Windows, in Windows-1258 (tone marks apart, see
tests/ledgers.py) and as "Unicode Text" (UTF-16). ``cchc dossiers stats``
runs on each as its own process, in rotating order, with the DuckDB count
floor of the vi file; the best wall time of ``--repeat`` counts, and all four
must give the same statistics. ``--xlsx`` adds the vi ledger as an Excel
workbook (written once with openpyxl, about 3 minutes a million rows), with
its peak memory. ``--verdicts`` adds the vi ledger with every status
followed by a verdict, as some software writes it ("Đã giải quyết - Đúng
hạn", "Đang giải quyết (trong hạn)"): the resolved dossiers that are late by
their dates (about 3 %) then disagree with their verdict and are listed.
``--zones`` adds the canonical ledger with every date written as a UTC
instant, as JavaScript exports it ("2024-12-10T04:53:21.000Z"; a due date is
midnight in Vietnam, "2024-12-16T17:00:00.000Z"): each cell is converted to
Vietnam time, and the statistics must come out the same.
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


def workbook(csv_path: Path) -> Path:
    import pyarrow.csv as pacsv
    from openpyxl import Workbook

    path = csv_path.with_suffix(".xlsx")
    if not path.exists():
        print(f"writing {path.name}", file=sys.stderr)
        options = pacsv.ConvertOptions(strings_can_be_null=False)
        table = pacsv.read_csv(csv_path, convert_options=options)
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(table.column_names)
        for batch in table.to_batches(50_000):
            for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                sheet.append(list(row))
        book.save(path)
    return path


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


def with_verdicts(vi: Path) -> Path:
    path = vi.with_name(vi.stem + ".verdicts.csv")
    if not path.exists():
        text = vi.read_text("utf-8")
        text = text.replace('"Đã giải quyết"', '"Đã giải quyết - Đúng hạn"')
        path.write_text(text.replace('"Đang giải quyết"', '"Đang giải quyết (trong hạn)"'))
    return path


def with_zones(canonical: Path) -> Path:
    import duckdb

    path = canonical.with_name(canonical.stem + ".zones.csv")
    if not path.exists():
        moments = {
            column: f"strftime(CAST({column} AS TIMESTAMP) - INTERVAL 7 HOUR, "
            f"'%Y-%m-%dT%H:%M:%S.000Z') AS {column}"
            for column in ("received_at", "due_at", "finished_at")
        }
        source = f"read_csv('{canonical}', all_varchar=true)"
        columns = [d[0] for d in duckdb.sql(f"SELECT * FROM {source} LIMIT 0").description]
        select = ", ".join(moments.get(c, c) for c in columns)
        duckdb.sql(f"COPY (SELECT {select} FROM {source}) TO '{path}' (HEADER, QUOTE '\"')")
    return path


def command(path: Path) -> list[str]:
    start, end = (d.strftime("%d/%m/%Y") for d in WINDOW)
    cchc = str(Path(sys.executable).parent / "cchc")
    return [cchc, "dossiers", "stats", str(path), "--from", start, "--to", end, "--format", "json"]


def bench(
    rows: int, repeat: int, xlsx: bool, verdicts: bool = False, zones: bool = False
) -> dict[str, Run]:
    paths = ledgers(rows)
    if xlsx:
        paths["xlsx"] = workbook(paths["vi"])
    if verdicts:
        paths["verdicts"] = with_verdicts(paths["vi"])
    if zones:
        paths["zones"] = with_zones(paths["canonical"])
    commands = {form: command(path) for form, path in paths.items()}
    commands["floor"] = [sys.executable, "-c", FLOOR, str(paths["vi"])]
    names = list(commands)
    best: dict[str, Run] = {}
    for turn in range(repeat):
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            run = measure_child(commands[name])
            print(f"{rows:>9} {name:<13} {run.wall:6.2f} s", file=sys.stderr)
            if name not in best or run.wall < best[name].wall:
                best[name] = run
    totals = {json.dumps(json.loads(best[f].stdout)["total"], sort_keys=True) for f in paths}
    if len(totals) != 1:
        raise SystemExit("the ledgers gave different statistics")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="also the vi ledger as XLSX")
    parser.add_argument("--verdicts", action="store_true", help="also statuses with verdicts")
    parser.add_argument("--zones", action="store_true", help="also dates as UTC instants")
    args = parser.parse_args()
    extra = " XLSX | ÷ vi | XLSX memory |" if args.xlsx else ""
    extra += " with verdicts | ÷ vi |" if args.verdicts else ""
    extra += " UTC instants | ÷ canonical |" if args.zones else ""
    print(
        "| rows | canonical (peer) | vi | vi ÷ canonical | vi ÷ floor of vi "
        f"| Windows-1258 | ÷ vi | UTF-16 | ÷ vi |{extra}"
    )
    columns = 9 + (3 if args.xlsx else 0) + (2 if args.verdicts else 0) + (2 if args.zones else 0)
    print("|" + "---:|" * columns)
    for rows in args.rows:
        runs = bench(rows, args.repeat, args.xlsx, args.verdicts, args.zones)
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
        if args.xlsx:
            sheet = runs["xlsx"]
            cells += [f"{sheet.wall:.2f} s", f"{sheet.wall / vi:.1f}×", f"{sheet.rss_mb:,.0f} MB"]
        if args.verdicts:
            said = runs["verdicts"].wall
            cells += [f"{said:.2f} s", f"{said / vi:.2f}×"]
        if args.zones:
            zoned = runs["zones"].wall
            cells += [f"{zoned:.2f} s", f"{zoned / runs['canonical'].wall:.2f}×"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
