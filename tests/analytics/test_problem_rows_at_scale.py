"""Rows of ledgers large enough to be read in parallel chunks keep their line numbers.

Problem rows and late dossiers are numbered after a parallel scan whose
output must stay in file order; small ledgers fit in one chunk and would never show a
reordering, so these files are tens of megabytes, written directly.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.late_dossiers import late_dossiers
from cchc.domain.dossier_ledger import Problem
from cchc.domain.periods import DateWindow
from cchc.registry import Registry

WINDOW = DateWindow(date(2023, 6, 1), date(2023, 9, 25))
HEADER = "dossier_id,received_at,processing_days,status,ghi_chu\n"
# An ignored column that makes each line long, so that the file spans many read buffers.
NOTE = "x" * 200


def ledger(
    path: Path, rows: int, seed: int, *, bad: int, copies: int
) -> tuple[set[tuple[int, Problem]], int]:
    """A ledger with ``bad`` unreadable dates and ``copies`` identical repeats at random lines.

    Returns the (line, problem) pairs a user must be shown, and the rows counted.
    """
    rng = random.Random(seed)
    lines = [f"{path.stem}-{i},2023-07-03,5,dang_giai_quyet,{NOTE}\n" for i in range(rows)]
    expected: set[tuple[int, Problem]] = set()
    positions = rng.sample(range(1, rows), bad + copies)
    for index in positions[:bad]:
        lines[index] = f"{path.stem}-{index},31/02/2023,5,dang_giai_quyet,{NOTE}\n"
        expected.add((index + 2, Problem.BAD_RECEIVED))  # line 1 is the header
    for index in positions[bad:]:
        source = rng.randrange(0, index)
        while any(source == p for p in positions):
            source = rng.randrange(0, index)
        lines[index] = lines[source]
        expected.add((index + 2, Problem.DUPLICATE_ID))
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return expected, rows - bad - copies


def test_problem_rows_of_large_ledgers_keep_their_line_numbers(
    registry: Registry, tmp_path: Path
) -> None:
    first, counted_first = ledger(tmp_path / "a.csv", 300_000, 1, bad=40, copies=25)
    second, counted_second = ledger(tmp_path / "b.csv", 120_000, 2, bad=15, copies=10)
    with DossierEngine([tmp_path / "a.csv", tmp_path / "b.csv"], registry) as engine:
        result = engine.stats(WINDOW)
    found = {(b.file, b.row, b.problem) for b in result.bad_rows}
    expected = {("a.csv", *item) for item in first} | {("b.csv", *item) for item in second}
    assert {(Path(f).name, r, p) for f, r, p in found} == expected
    assert result.total.total == counted_first + counted_second
    assert result.problems[Problem.DUPLICATE_ID] == 35
    assert result.problems[Problem.BAD_RECEIVED] == 55


def test_late_dossiers_of_a_large_ledger_keep_their_line_numbers(
    registry: Registry, tmp_path: Path
) -> None:
    rng = random.Random(3)
    rows = 300_000
    header = "dossier_id,received_at,due_at,finished_at,status,ghi_chu\n"
    on_time = "2023-07-03,2023-07-10,2023-07-05,da_giai_quyet"
    lines = [f"L{i},{on_time},{NOTE}\n" for i in range(rows)]
    late = rng.sample(range(rows), 60)
    for index in late:
        lines[index] = f"L{index},2023-07-03,2023-07-10,2023-07-20,da_giai_quyet,{NOTE}\n"
    path = tmp_path / "tre.csv"
    path.write_text(header + "".join(lines), encoding="utf-8")
    with DossierEngine([path], registry) as engine:
        found, result = late_dossiers(engine, WINDOW)
    assert result.total.resolved_late == 60
    assert {(d.dossier_id, d.row) for d in found} == {(f"L{i}", i + 2) for i in late}
