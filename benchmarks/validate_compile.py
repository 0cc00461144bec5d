"""Benchmark: validate and compile N unit reports over the full catalog.

Compares, in one run and on the same reports:

* ``cchc``: ``RuleSet.validate_many`` then ``compile_reports`` (what ``cchc
  compile`` does after reading the files);
* ``scalar``: ``RuleSet.validate`` on each report, then the same compile —
  the per-report reference the batch path must equal;
* ``pandas``: the peer an analyst would write: a wide DataFrame of every
  report, the same rules as vectorised column operations (masks, no worded
  findings), and column sums.

Usage::

    python benchmarks/validate_compile.py --sizes 1000 10000 100000
    python benchmarks/validate_compile.py --sizes 1000 10000 --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from cchc.domain.catalog import Catalog, IndicatorKind
from cchc.domain.compiling import compile_reports
from cchc.domain.formula import Formula
from cchc.domain.periods import Period, PeriodKind
from cchc.domain.report import ReportData, UnitRef
from cchc.registry import Registry
from cchc.synthetic import synthetic_report

START, END = "<!-- validate-compile:start -->", "<!-- validate-compile:end -->"
DISTINCT = 200  # distinct report contents; units beyond that reuse them under their own code


def make_reports(
    registry: Registry, count: int, blank_share: float, seed: int = 1
) -> list[ReportData]:
    rng = random.Random(seed)
    period = Period(2023, PeriodKind.Q3)
    bases = [
        synthetic_report(
            registry.catalog,
            registry.rules,
            UnitRef(f"base-{i}", level="district"),
            period,
            rng,
            scale=rng.choice([200, 2000, 20000]),
            blank_share=blank_share,
            errors=rng.choice([0, 0, 0, 1, 2]),
        )
        for i in range(min(count, DISTINCT))
    ]
    reports = []
    for i in range(count):
        base = bases[i % len(bases)]
        reports.append(
            ReportData(
                UnitRef(f"u{i}", f"Đơn vị {i}", "district"),
                period,
                base.template,
                dict(base.values),
            )
        )
    return reports


def run_cchc(registry: Registry, reports: Sequence[ReportData]) -> int:
    template = registry.template("bm-2023")
    results = registry.rules.validate_many(reports, [template] * len(reports))
    compiled = compile_reports([r.report for r in results], registry.catalog)
    return sum(len(r.errors) for r in results) + len(compiled.values)


def run_scalar(registry: Registry, reports: Sequence[ReportData]) -> int:
    template = registry.template("bm-2023")
    results = [registry.rules.validate(r, template) for r in reports]
    compiled = compile_reports([r.report for r in results], registry.catalog)
    return sum(len(r.errors) for r in results) + len(compiled.values)


def _evaluate(formula: Formula, frame: pd.DataFrame) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        result = formula.evaluate_with(lambda key: frame[key], lambda a, b: a / b.where(b != 0))
    return result if isinstance(result, pd.Series) else pd.Series(result, index=frame.index)


def run_pandas(registry: Registry, reports: Sequence[ReportData]) -> int:
    catalog: Catalog = registry.catalog
    keys = catalog.keys
    frame = pd.DataFrame.from_records(
        [{k: v.value for k, v in r.values.items()} for r in reports], columns=keys
    ).astype("float64")
    reported = frame.notna()
    for key in catalog.derivation_order():  # fill what can be derived
        ind = catalog.get(key)
        if ind.formula is not None:
            expected = _evaluate(ind.formula, frame)
        else:
            expected = frame[list(ind.sum_of)].sum(axis=1, min_count=1)
        frame[key] = frame[key].fillna(expected)
    problems = 0
    for ind in catalog:
        if ind.formula is not None:
            actual, expected = frame[ind.key], _evaluate(ind.formula, frame)
            decimals = np.where(
                actual.round(0) == actual, 0, np.where(actual.round(1) == actual, 1, 2)
            )
            scale = 10.0**decimals
            rounded = np.floor(expected * scale + 0.5) / scale
            truncated = np.floor(expected * scale) / scale
            bad = ~((actual - rounded).abs() < 1e-9) & ~((actual - truncated).abs() < 1e-9)
            problems += int((bad & reported[ind.key] & expected.notna()).sum())
        if ind.sum_of:
            expected = frame[list(ind.sum_of)].sum(axis=1, min_count=1)
            problems += int(
                ((frame[ind.key] != expected) & reported[ind.key] & expected.notna()).sum()
            )
    for check in registry.rules.checks:
        left, right, op = (
            getattr(check, "left", None),
            getattr(check, "right", None),
            getattr(check, "op", None),
        )
        if isinstance(left, Formula) and isinstance(right, Formula):
            a, b = _evaluate(left, frame), _evaluate(right, frame)
            holds = {"<=": a <= b, "<": a < b, "=": a == b, ">=": a >= b, ">": a > b}[op]  # type: ignore[index]
            problems += int((~holds & a.notna() & b.notna()).sum())
    counts = [i.key for i in catalog if i.kind is IndicatorKind.COUNT]
    problems += int(((frame[counts] < 0) | (frame[counts] % 1 != 0)).sum().sum())
    percents = [i.key for i in catalog if i.kind is IndicatorKind.PERCENT]
    problems += int(((frame[percents] < 0) | (frame[percents] > 100)).sum().sum())
    for ind in catalog:
        if ind.kind is IndicatorKind.CODE:
            column = frame[ind.key]
            problems += int((~column.isin([o.code for o in ind.options]) & column.notna()).sum())
    totals = frame.sum()  # compile: counts add up...
    for ind in catalog:  # ...rates are recomputed from the sums, codes counted
        if ind.formula is not None:
            _evaluate(ind.formula, totals.to_frame().T)
        if ind.kind is IndicatorKind.CODE:
            frame[ind.key].value_counts()
    return problems


def timed(fn: Callable[[], int], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--blank", type=float, nargs="+", default=[0.0, 0.3])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--scalar-max", type=int, default=10000, help="largest size for the scalar peer"
    )
    parser.add_argument(
        "--write", type=Path, help="replace the results section of this Markdown file"
    )
    args = parser.parse_args(argv)
    registry = Registry(use_env=False)
    _ = registry.rules
    rows = []
    for blank in args.blank:
        for size in args.sizes:
            reports = make_reports(registry, size, blank)
            repeat = 1 if size >= 100000 else args.repeat
            ours = timed(partial(run_cchc, registry, reports), repeat)
            peer = timed(partial(run_pandas, registry, reports), repeat)
            scalar = (
                timed(partial(run_scalar, registry, reports), repeat)
                if size <= args.scalar_max
                else None
            )
            rows.append((blank, size, ours, peer, scalar))
            print(
                f"blank={blank:.0%} n={size}: cchc {ours:.2f}s, pandas {peer:.2f}s"
                + (f", scalar {scalar:.2f}s" if scalar is not None else ""),
                file=sys.stderr,
            )
            del reports
    table = [
        "| blanks | reports | cchc (s) | µs/report | pandas peer (s) | cchc ÷ pandas | scalar peer (s) | cchc ÷ scalar |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for blank, size, ours, peer, scalar in rows:
        scalar_cells = f"{scalar:.2f} | {ours / scalar:.2f}" if scalar is not None else "— | —"
        table.append(
            f"| {blank:.0%} | {size:,} | {ours:.2f} | {ours / size * 1e6:.0f} | {peer:.2f} | "
            f"{ours / peer:.2f} | {scalar_cells} |"
        )
    command = "python benchmarks/validate_compile.py " + " ".join(argv or sys.argv[1:])
    section = "\n".join(
        [
            START,
            f"Measured {date.today().strftime('%d/%m/%Y')} on {platform.machine()}, Python "
            f"{platform.python_version()}, {_cpu_count()} CPUs, median of {args.repeat} runs "
            "(1 run at 100.000), with `make bench`'s command:",
            "",
            f"    {command.strip()}",
            "",
            *table,
            END,
        ]
    )
    print(section)
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        if START in text and END in text:
            text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
        else:
            text = text.rstrip() + "\n\n" + section + "\n"
        args.write.write_text(text, encoding="utf-8")


def _cpu_count() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
