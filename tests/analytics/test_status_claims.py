"""Statuses written with the software's verdict ("Đã giải quyết - Đúng hạn").

They read as their status; the statistics still follow the dates, and the
resolved dossiers whose verdict disagrees with their dates are counted and
listed with the row a user sees, so that the official can reconcile them.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.dossier_sql import Disagreement
from cchc.analytics.status_claims import disagreeing_rows
from cchc.cli import app
from cchc.domain.dossier_ledger import Problem
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from cchc.services.dossiers import dossier_stats, stats_to_dict
from ledgers import D, write_csv, write_xlsx

WINDOW = DateWindow(date(2023, 7, 1), date(2023, 9, 30))
DUE = date(2023, 7, 14)


def resolved(dossier_id: str, status: str, finished: date, received: date = date(2023, 7, 3)) -> D:
    return D(dossier_id, received, status, DUE, None, finished)


LEDGER = [
    # Line 2: the software says on time, the dates say a day late.
    resolved("A1", "Đã giải quyết - Đúng hạn", DUE + timedelta(days=1)),
    # Line 3: agrees.
    resolved("A2", "Đã giải quyết - Đúng hạn", DUE),
    # Line 4: the software says late, the dates say on time (finished on the due date).
    resolved("A3", "ĐÃ GIẢI QUYẾT (QUÁ HẠN)", DUE),
    # Line 5: "trước hạn" is an on-time verdict and agrees.
    resolved("A4", "Đã trả kết quả trước hạn", DUE - timedelta(days=3)),
    # Line 6: a pending verdict is as of the export day: read, never checked.
    D("A5", date(2023, 7, 3), "Đang giải quyết - Quá hạn", date(2023, 12, 1)),
    # Line 7: disagrees, but received and finished before the window: not counted.
    resolved("A6", "Đã giải quyết - Đúng hạn", date(2023, 6, 20), date(2023, 6, 1)),
    # Line 8: a bare status word makes no claim.
    resolved("A7", "Đã giải quyết", DUE + timedelta(days=5)),
]


def test_a_qualified_status_reads_as_its_status_and_the_dates_decide(
    registry: Registry, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "so.csv", LEDGER)
    result = dossier_stats([path], WINDOW, registry)
    assert not result.problems  # every verdict-bearing status was understood
    total = result.total
    # A1 and A7 are late by their dates; A2, A3, A4 on time, whatever the software wrote.
    assert (total.resolved_on_time, total.resolved_late) == (3, 2)
    # A5 is pending and due in December: on time at the window's end, though written "quá hạn".
    assert (total.pending_on_time, total.pending_overdue) == (1, 0)
    assert result.said == {Disagreement.SAID_ON_TIME: 1, Disagreement.SAID_LATE: 1}
    assert [(r.row, r.dossier_id, r.said) for r in result.said_rows] == [
        (2, "A1", Disagreement.SAID_ON_TIME),
        (4, "A3", Disagreement.SAID_LATE),
    ]
    first = result.said_rows[0]
    assert first.status == "Đã giải quyết - Đúng hạn"
    assert first.message == (
        f"{path}, dòng 2: trạng thái “Đã giải quyết - Đúng hạn” nhưng hẹn trả 14/07/2023, "
        "có kết quả 15/07/2023 (tính là quá hạn) [mã hồ sơ A1]"
    )


def test_identical_copies_of_a_disagreeing_dossier_count_once(
    registry: Registry, tmp_path: Path
) -> None:
    copy = resolved("B1", "Đã giải quyết - Đúng hạn", DUE + timedelta(days=2))
    path = write_csv(tmp_path / "so.csv", [copy, resolved("B2", "Đã giải quyết", DUE), copy])
    result = dossier_stats([path], WINDOW, registry)
    assert result.said == {Disagreement.SAID_ON_TIME: 1}
    assert [r.row for r in result.said_rows] == [2]


def test_the_rows_are_numbered_as_in_a_workbook(registry: Registry, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "so.xlsx", LEDGER, above=["SỔ THEO DÕI HỒ SƠ"])
    result = dossier_stats([path], WINDOW, registry)
    assert [r.row for r in result.said_rows] == [3, 5]


def test_json_and_text_report_the_disagreements(registry: Registry, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "so.csv", LEDGER)
    data = stats_to_dict(dossier_stats([path], WINDOW, registry))
    said = data["status_disagreements"]
    assert (said["said_on_time"], said["said_late"]) == (1, 1)
    assert said["rows"][0]["dossier_id"] == "A1"
    assert said["rows"][0]["due_at"] == "2023-07-14"
    assert said["rows"][0]["finished_at"] == "2023-07-15"
    runner = CliRunner()
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023"]
    out = runner.invoke(app, command)
    assert out.exit_code == 0, out.output
    assert "1 hồ sơ đã giải quyết có trạng thái ghi “đúng hạn”" in out.output
    assert "so.csv, dòng 4: trạng thái “ĐÃ GIẢI QUYẾT (QUÁ HẠN)”" in out.output
    as_json = runner.invoke(app, [*command, "--format", "json"]).stdout
    assert json.loads(as_json)["status_disagreements"]["said_late"] == 1


def test_a_ledger_without_verdicts_reports_none(registry: Registry, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "so.csv", [resolved("C1", "da_giai_quyet", DUE + timedelta(1))])
    data = stats_to_dict(dossier_stats([path], WINDOW, registry))
    assert data["status_disagreements"] == {"said_on_time": 0, "said_late": 0, "rows": []}


VERDICTS = {"": None, " - Đúng hạn": "on_time", " (trước hạn)": "on_time", " quá hạn": "late"}
VERDICTS |= {" - TRỄ HẠN": "late", " trong hạn": "on_time"}
WORDS = {"da_giai_quyet": "Đã giải quyết", "dang_giai_quyet": "Đang xử lý", "tra_lai": "Trả lại"}


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_verdicts_never_change_the_statistics_and_disagreements_are_counted_exactly(
    registry: Registry, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    bare, worded, said = [], [], {Disagreement.SAID_ON_TIME: 0, Disagreement.SAID_LATE: 0}
    for n in range(data.draw(st.integers(1, 30))):
        status = data.draw(st.sampled_from(sorted(WORDS)))
        received = date(2023, 6, 1) + timedelta(days=data.draw(st.integers(0, 120)))
        due = received + timedelta(days=data.draw(st.integers(0, 20)))
        finished = received + timedelta(days=data.draw(st.integers(0, 30)))
        finished_or_none = finished if status != "dang_giai_quyet" else None
        suffix = data.draw(st.sampled_from(sorted(VERDICTS)))
        bare.append(D(f"P{n}", received, status, due, None, finished_or_none))
        worded.append(D(f"P{n}", received, WORDS[status] + suffix, due, None, finished_or_none))
        in_window = received <= WINDOW.end and finished >= WINDOW.start
        claim = VERDICTS[suffix]
        if status == "da_giai_quyet" and in_window and claim == "on_time" and finished > due:
            said[Disagreement.SAID_ON_TIME] += 1
        if status == "da_giai_quyet" and in_window and claim == "late" and finished <= due:
            said[Disagreement.SAID_LATE] += 1
    folder = tmp_path_factory.mktemp("claims")
    with DossierEngine([write_csv(folder / "bare.csv", bare)], registry) as engine:
        expected = engine.stats(WINDOW, ("level",))
    result = dossier_stats([write_csv(folder / "worded.csv", worded)], WINDOW, registry, ["level"])
    assert not result.problems
    assert result.groups == expected.groups
    assert {k: result.said[k] for k in said} == said
    assert len(result.said_rows) == sum(said.values())


def test_the_printable_table_carries_the_note_under_the_figures(tmp_path: Path) -> None:
    import openpyxl

    path = write_csv(tmp_path / "so.csv", LEDGER)
    out = tmp_path / "tk.xlsx"
    result = CliRunner().invoke(
        app,
        ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023",
         "--xlsx", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Thống kê"]
    notes = [c.value for row in sheet.iter_rows() for c in row if str(c.value).startswith("Lưu ý")]
    assert len(notes) == 1
    assert "1 hồ sơ đã giải quyết có trạng thái ghi “đúng hạn”" in notes[0]
    assert "1 hồ sơ đã giải quyết có trạng thái ghi “quá hạn”" in notes[0]


def test_apology_letters_warn_that_the_software_called_a_late_dossier_on_time(
    tmp_path: Path,
) -> None:
    # A1 gets a letter by its dates; the office should know its software said "đúng hạn".
    path = write_csv(tmp_path / "so.csv", LEDGER)
    result = CliRunner().invoke(
        app,
        ["dossiers", "apologies", str(path), "--from", "01/07/2023", "--to", "30/09/2023",
         "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 hồ sơ đã giải quyết có trạng thái ghi “đúng hạn”" in result.output
    assert "Danh sách các hồ sơ này: cchc dossiers stats với cùng sổ và kỳ." in result.output


def test_disagreements_beside_problem_rows_duplicates_and_a_broken_line(
    registry: Registry, tmp_path: Path
) -> None:
    # Pass 1 keeps the id hashes of problem rows, repeated ids and disagreeing rows in one
    # table; each list must take only its own, numbered as in the file.
    late = DUE + timedelta(days=2)
    copy = resolved("C1", "Đã giải quyết - Đúng hạn", late)
    path = write_csv(
        tmp_path / "so.csv",
        [
            resolved("A1", "Đã giải quyết - Đúng hạn", late),  # line 2: disagrees
            D("B1", "31/02/2023", "Đã giải quyết - Đúng hạn", DUE, None, late),  # 3: bad date
            resolved("D1", "Đã giải quyết - Đúng hạn", late),  # 4: conflicting copies,
            resolved("D1", "Đã giải quyết", DUE),  # 5: both left out
            copy,  # 6: disagrees, and counts once
            copy,  # 7: its identical copy
            resolved("A2", "Đã giải quyết", late),  # 8: no claim
            resolved("A3", "ĐÃ GIẢI QUYẾT (QUÁ HẠN)", DUE),  # 9: disagrees
        ],
    )
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(8, "E1," * 40 + "\n")  # line 9 now: more cells than the header has
    path.write_text("".join(lines), encoding="utf-8")
    result = dossier_stats([path], WINDOW, registry)
    assert [(r.row, r.dossier_id) for r in result.said_rows] == [(2, "A1"), (6, "C1"), (10, "A3")]
    assert result.said == {Disagreement.SAID_ON_TIME: 2, Disagreement.SAID_LATE: 1}
    assert sorted((b.row, b.problem) for b in result.bad_rows) == [
        (3, Problem.BAD_RECEIVED),
        (4, Problem.DUPLICATE_ID),
        (5, Problem.DUPLICATE_ID),
        (7, Problem.DUPLICATE_ID),
        (9, Problem.UNREADABLE_LINE),
    ]
    assert result.total.resolved == 4  # A1, C1 once, A2, A3


def test_a_verdict_the_sample_missed_is_still_listed(registry: Registry, tmp_path: Path) -> None:
    # Pass 1 keeps the disagreeing rows' ids only when the sampled statuses show verdicts
    # (the most frequent texts); a rare verdict is listed by parsing every row instead.
    words = ["đã giải quyết", "đã xử lý xong", "hoàn thành", "đã hoàn thành", "đã trả kết quả"]
    words += ["đã có kết quả", "chờ trả kết quả", "da_giai_quyet"]
    spellings = [f(w) for w in words for f in (str.lower, str.upper, str.capitalize)]
    on_time = [resolved(f"S{n}", word, DUE) for n, word in enumerate(spellings * 2)]
    rare = resolved("R1", "Đã giải quyết - Đúng hạn", DUE + timedelta(days=1))
    path = write_csv(tmp_path / "so.csv", [*on_time[:20], rare, *on_time[20:]])
    with DossierEngine([path], registry) as engine:
        result = engine.stats(WINDOW, ())
        assert not engine.said_kept  # the premise: 24 texts seen more often than the verdict
        rows = disagreeing_rows(engine, WINDOW)
    assert not result.problems
    assert result.said == {Disagreement.SAID_ON_TIME: 1}
    assert [(r.row, r.dossier_id) for r in rows] == [(22, "R1")]
    # Written on every row, the verdict is in the sample: only the flagged rows are parsed.
    common = [resolved(f"V{n}", "Đã giải quyết - Đúng hạn", DUE) for n in range(30)]
    path = write_csv(tmp_path / "so2.csv", [*common, rare])
    with DossierEngine([path], registry) as engine:
        engine.stats(WINDOW, ())
        assert engine.said_kept
        assert [(r.row, r.dossier_id) for r in disagreeing_rows(engine, WINDOW)] == [(32, "R1")]
