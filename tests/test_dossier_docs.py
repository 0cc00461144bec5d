"""docs/dossiers.md documents exactly the statistics the JSON output carries."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from cchc.cli import app
from cchc.domain.dossier_ledger import Problem
from cchc.domain.dossiers import STATISTIC_NAMES
from conftest import ROOT
from ledgers import D, write_csv

DOC = ROOT / "docs" / "dossiers.md"


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n#", start + len(title))
    return text[start : end if end > 0 else None]


def test_the_statistics_table_lists_the_json_names_in_order(tmp_path: Path) -> None:
    table = _section("### Các chỉ tiêu — statistics")
    documented = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE)
    assert tuple(documented) == STATISTIC_NAMES
    ledger = write_csv(tmp_path / "so.csv", [D("A1", date(2023, 7, 3), due_at=date(2023, 7, 7))])
    result = CliRunner().invoke(
        app, ["dossiers", "stats", str(ledger), "--period", "2023-Q3", "--format", "json"]
    )
    assert tuple(json.loads(result.stdout)["total"]) == tuple(documented)


def test_every_problem_code_is_documented() -> None:
    table = _section("### Dòng bị loại — rows left out")
    documented = set(re.findall(r"`([a-z_]+)`", table))
    assert {p.value for p in Problem} <= documented


def test_every_json_key_is_documented(tmp_path: Path) -> None:
    # With --agency, so that the selection's keys are there too.
    ledger = write_csv(
        tmp_path / "so.csv",
        [
            D("A1", date(2023, 7, 3), due_at=date(2023, 7, 7), agency="UBND-X1"),
            D("A2", date(2023, 7, 3), due_at=date(2023, 7, 7), agency="UBND-X2"),
        ],
    )
    result = CliRunner().invoke(
        app,
        [
            *("dossiers", "stats", str(ledger), "--period", "2023-Q3"),
            *("--format", "json", "--agency", "UBND-X1"),
        ],
    )
    data = json.loads(result.stdout)
    keys = set(data) | set(data["sources"][0]) | set(data["excluded"])
    keys |= set(data["agencies"]) | set(data["agencies"]["chosen"][0])
    section = _section("## JSON — `cchc.dossier-stats/1`")
    undocumented = sorted(k for k in keys if f"`{k}`" not in section and f'"{k}"' not in section)
    assert undocumented == []
