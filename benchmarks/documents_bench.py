"""Report documents: one unit report (< 0,5 s) and a consolidated report of 200 units (< 5 s).

Run: ``.venv/bin/python benchmarks/documents_bench.py [--repeat 7]``

Each case is timed several times in one warm process and the median kept
(the machine is shared: medians and ratios, not single runs). The peer is a
bare python-docx document with the same number of paragraphs and table
cells and no formatting at all: the ratio says what the decree's format
costs on top of python-docx itself. A cold run (new process, imports
included) is timed once per case, as a user of the CLI meets it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "seed000_gia_nghia_2023q3.json"


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_docx_like(doc: Any) -> bytes:
    """A python-docx document with the same paragraphs and table cells, unformatted."""
    from docx import Document

    bare = Document()
    for paragraph in doc.paragraphs:
        bare.add_paragraph(paragraph.text)
    for table in doc.tables:
        rows, cols = len(table.rows), len(table.columns)
        copy = bare.add_table(rows=0, cols=cols)
        for row in table.rows[:rows]:
            cells = copy.add_row().cells
            for cell, source in zip(cells, row.cells, strict=False):
                cell.text = source.text
    buffer = BytesIO()
    bare.save(buffer)
    return buffer.getvalue()


def compiled_fixture(folder: Path, units: int) -> Path:
    """A compiled file of ``units`` synthetic district reports of one quarter."""
    from cchc.compiledfile import compiled_to_dict
    from cchc.domain.compiling import compile_reports
    from cchc.domain.periods import Period, PeriodKind
    from cchc.domain.report import UnitRef
    from cchc.registry import Registry
    from cchc.reportfile import write_json
    from cchc.synthetic import synthetic_report

    registry = Registry(use_env=False)
    rng = random.Random(5)
    period = Period(2023, PeriodKind.Q3)
    reports = [
        synthetic_report(
            registry.catalog,
            registry.rules,
            UnitRef(f"dv-{n:03d}", f"UBND xã Thử Nghiệm {n}", "district"),
            period,
            rng,
            scale=2000,
        )
        for n in range(units)
    ]
    compiled = compile_reports(reports, registry.catalog)
    names = {r.unit.code: r.unit.name for r in reports}
    path = folder / f"tong-hop-{units}.json"
    write_json(path, compiled_to_dict(compiled, registry.catalog, unit_names=names))
    return path


def cold(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args()

    from docx import Document

    from cchc.documents.report_docx import build_report_docx, docx_bytes
    from cchc.registry import Registry
    from cchc.services.documents import (
        consolidated_report,
        prepare_unit_report,
        unit_report,
        write_unit_xlsx,
    )

    registry = Registry(use_env=False)
    _ = (
        registry.catalog,
        registry.rules,
        registry.templates,
    )  # data files loaded once, as a server does
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        prepared = prepare_unit_report(SEED, registry)

        def build() -> bytes:
            doc = build_report_docx(
                head=prepared.head,
                unit_name=prepared.unit_name,
                period=prepared.report.period,
                body=prepared.body,
                forms=prepared.forms,
            )
            return docx_bytes(doc)

        built = Document(BytesIO(build()))
        unit_build = median_seconds(build, args.repeat)
        unit_peer = median_seconds(lambda: bare_docx_like(built), args.repeat)
        unit_end = median_seconds(
            lambda: unit_report(SEED, registry, out=folder / "bc.docx"), args.repeat
        )
        unit_xlsx = median_seconds(
            lambda: write_unit_xlsx(prepared, registry, folder / "pl.xlsx"), args.repeat
        )
        unit_cold = cold(
            "from cchc.cli import app; "
            f"app(['report', {str(SEED)!r}, '-o', {str(folder / 'cold.docx')!r}], standalone_mode=False)"
        )

        compiled = compiled_fixture(folder, args.units)
        consolidated_report([compiled], registry, out=folder / "warm.docx")  # imports matplotlib
        big = Document(str(folder / "warm.docx"))
        cons_end = median_seconds(
            lambda: consolidated_report([compiled], registry, out=folder / "th.docx"), args.repeat
        )
        cons_peer = median_seconds(lambda: bare_docx_like(big), args.repeat)
        cons_xlsx = median_seconds(
            lambda: consolidated_report(
                [compiled], registry, out=folder / "th2.docx", xlsx=folder / "th.xlsx"
            ),
            max(3, args.repeat // 2),
        )
        cons_cold = cold(
            "from cchc.cli import app; "
            f"app(['report', '--compiled', {str(compiled)!r}, '-o', {str(folder / 'c.docx')!r}], "
            "standalone_mode=False)"
        )

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f} ms".replace(",", ".")

    rows = [
        ("unit report DOCX, build + serialise (seed 000, 7 forms)", unit_build, unit_peer),
        ("unit report end to end: read, validate, DOCX written", unit_end, None),
        ("unit appendix XLSX written", unit_xlsx, None),
        (
            "unit report, cold CLI process (interpreter, imports, catalog load included)",
            unit_cold,
            None,
        ),
        (f"consolidated report, {args.units} units, DOCX + 2 charts", cons_end, cons_peer),
        (f"consolidated report, {args.units} units, DOCX + XLSX", cons_xlsx, None),
        (f"consolidated report, {args.units} units, cold CLI process", cons_cold, None),
    ]
    print(f"| case (median of {args.repeat}) | time | bare python-docx peer | ratio |")
    print("|---|---:|---:|---:|")
    for name, seconds, peer in rows:
        if peer is None:
            print(f"| {name} | {ms(seconds)} | | |")
        else:
            print(f"| {name} | {ms(seconds)} | {ms(peer)} | {seconds / peer:.1f}× |")


if __name__ == "__main__":
    main()
