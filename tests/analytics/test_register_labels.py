"""Lines of a printed register that are not dossiers: totals, group headings, signatures.

One-stop software exports the register as it prints it: "I. Lĩnh vực Hộ tịch"
above its dossiers, "Tổng cộng: 527 hồ sơ" under them, "Người lập biểu" and the
place and date at the foot, typed in the id column. Such a line has no date;
it is left out and counted in a note instead of being listed as a dossier
whose received date is missing. A dossier id without dates is still listed.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine, load_vocabulary
from cchc.analytics.dossier_sql import label_sql
from cchc.cli import app
from cchc.domain.dossier_ledger import LedgerVocabulary, Problem
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from ledgers import D, write_csv, write_xlsx
from sql_cells import over_cells

WINDOW = DateWindow(date(2023, 7, 1), date(2023, 9, 30))
LABELS = [
    "Tổng cộng: 3 hồ sơ",
    "TỔNG CỘNG",
    "Cộng",
    "Tổng số 1.234 hồ sơ",
    "I. Lĩnh vực Hộ tịch",
    "II - LĨNH VỰC ĐẤT ĐAI",
    "Người lập biểu",
    "(Ký, ghi rõ họ tên)",
    "Thủ trưởng đơn vị",
    "Tư Nghĩa, ngày 25 tháng 9 năm 2023",
    "Ngày ..... tháng ..... năm 2023",
]
IDS = [
    "000.00.12.H48-230703-0001",
    "H48.22-230703-0001",
    "H1",
    "KT-001",  # Phòng Kinh tế's own numbering, not "KT." of a signature
    "TM-12",
    "Tổng hợp-001",  # starts with "Tổng" but is one word, not the total
    "CONGVAN-7",
]


def test_register_lines_are_labels_and_dossier_ids_are_not(registry: Registry) -> None:
    vocabulary = load_vocabulary(registry)
    assert [t for t in LABELS if not vocabulary.is_label(t)] == []
    assert [t for t in IDS if vocabulary.is_label(t)] == []


def _sql_labels(vocabulary: LedgerVocabulary, cells: list[str]) -> list[bool]:
    return [bool(r) for r in over_cells(label_sql("t", vocabulary), cells)]


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


SPELLED = st.tuples(
    st.sampled_from(LABELS + IDS),
    st.sampled_from([str, str.upper, str.lower, _bare, lambda t: unicodedata.normalize("NFD", t)]),
    st.sampled_from(["", " ", ":", " 12", "'", "\\", "\n"]),
).map(lambda parts: parts[1](parts[0]) + parts[2])
OTHER = st.text(st.sampled_from("tongcộgIVX .:-_019ngàyáăm'\\\x00"), max_size=16)


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.one_of(SPELLED, OTHER), min_size=1, max_size=20))
def test_the_sql_test_agrees_with_the_vocabulary(registry: Registry, cells: list[str]) -> None:
    vocabulary = load_vocabulary(registry)
    assert _sql_labels(vocabulary, cells) == [vocabulary.is_label(c) for c in cells], cells


def _label(text: str) -> D:
    """A register line typed in the id column: no date, nothing else."""
    blank = {"level": "", "agency": "", "field": "", "channel": ""}
    blank |= {"procedure_code": "", "procedure_name": "", "status": ""}
    return D(text, None, **blank)  # type: ignore[arg-type]


def _register() -> list[D]:
    return [
        _label("I. Lĩnh vực Hộ tịch"),
        D("H1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 6), None, date(2023, 7, 5)),
        D("H2", date(2023, 7, 4), "dang_giai_quyet", date(2023, 7, 7)),
        _label("II. Lĩnh vực Đất đai"),
        D("H3", date(2023, 8, 1), "rut", date(2023, 8, 10), None, date(2023, 8, 2)),
        # A dossier whose dates were never typed: still a problem row, listed.
        D("H4", None, "dang_giai_quyet"),
        _label("Tổng cộng: 4 hồ sơ"),
        _label("Người lập biểu"),
        _label("Tư Nghĩa, ngày 30 tháng 9 năm 2023"),
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_printed_registers_lines_are_left_out_and_counted(
    registry: Registry, tmp_path: Path, kind: str
) -> None:
    if kind == "csv":
        path = write_csv(tmp_path / "so.csv", _register())
    else:
        path = write_xlsx(tmp_path / "so.xlsx", _register(), above=["SỔ THEO DÕI HỒ SƠ", ""])
    with DossierEngine([path], registry) as engine:
        result = engine.stats(WINDOW)
    total = result.total
    assert (total.total, total.resolved, total.pending, total.withdrawn) == (3, 1, 1, 1)
    source = result.sources[0]
    assert source.label_rows == 5
    assert source.rows == 4  # dossier rows: the three counted and H4
    assert result.problems == {Problem.BAD_RECEIVED: 1}
    (bad,) = result.bad_rows
    assert bad.dossier_id == "H4"
    # Line numbers still count the skipped lines: H4 is the register's 7th line under the header.
    header = 1 if kind == "csv" else 3
    assert bad.row == header + 6


def test_a_label_with_a_date_is_a_dossier_row_as_written(
    registry: Registry, tmp_path: Path
) -> None:
    # Only a line without any date is taken for a label: one with a received date is
    # read like any row (here a problem for its missing status), never silently dropped.
    odd = D("Tổng cộng", date(2023, 7, 3), "")
    # A finished date alone is a date too: a dossier whose received date is missing.
    finished = D("Cộng", None, "da_giai_quyet", None, None, date(2023, 7, 5))
    path = write_csv(tmp_path / "so.csv", [*_register()[:3], odd, finished])
    with DossierEngine([path], registry) as engine:
        result = engine.stats(WINDOW)
    assert result.sources[0].label_rows == 1
    assert result.problems == {Problem.UNKNOWN_STATUS: 1, Problem.BAD_RECEIVED: 1}


def test_the_note_names_the_file_and_the_count(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "so.csv", _register())
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023"]
    out = CliRunner().invoke(app, command)
    assert (
        f"Lưu ý: {path}: bỏ qua 5 dòng không phải hồ sơ (dòng tổng cộng, tên nhóm hoặc phần "
        "ký tên ghi ở cột mã hồ sơ, không có ngày nào)." in out.stderr
    )
    assert "Tổng cộng: 4 hồ sơ" not in out.stderr  # not listed as a problem row
    data = json.loads(CliRunner().invoke(app, [*command, "--format", "json"]).stdout)
    assert data["sources"][0]["label_rows"] == 5
    assert data["excluded"]["total"] == 1
