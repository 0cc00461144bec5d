"""Across capabilities: ledger → statistics → report → validation → document → score.

One small ledger whose numbers are computed by hand (window 15/06–14/09/2023):
district dossiers A (received 03/07, due 10/07, done 07/07: on time),
B (due 10/07, done 12/07: late), C (finished 10/06, before the window: not
counted), D (received 01/06, done 25/06: carried over, on time), E (pending,
due 30/09: còn hạn), F (pending, due 15/08: quá hạn), G (paused), H
(withdrawn); one commune dossier I finished exactly on its due date.
District: total 7 = 1 carried over + 6 new; resolved 3, on time 2 (66,67 %),
late 1; pending 2 (1 còn hạn, 1 quá hạn); paused 1; withdrawn 1;
overall rate (2 + 1) / (7 − 1) = 50 %.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from ledgers import D, write_csv

runner = CliRunner()


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    rows = [
        D(
            "A",
            date(2023, 7, 3),
            "da_giai_quyet",
            due_at=date(2023, 7, 10),
            finished_at=date(2023, 7, 7),
            digitised_input=True,
            digitised_result=True,
        ),
        D(
            "B",
            date(2023, 7, 3),
            "da_giai_quyet",
            due_at=date(2023, 7, 10),
            finished_at=date(2023, 7, 12),
        ),
        D(
            "C",
            date(2023, 6, 1),
            "da_giai_quyet",
            due_at=date(2023, 6, 12),
            finished_at=date(2023, 6, 10),
        ),
        D(
            "D",
            date(2023, 6, 1),
            "da_giai_quyet",
            due_at=date(2023, 6, 30),
            finished_at=date(2023, 6, 25),
            digitised_input=True,
        ),
        D("E", date(2023, 9, 1), due_at=date(2023, 9, 30)),
        D("F", date(2023, 8, 1), due_at=date(2023, 8, 15)),
        D("G", date(2023, 8, 2), "tam_dung", due_at=date(2023, 8, 20)),
        D("H", date(2023, 8, 3), "rut", due_at=date(2023, 8, 20), finished_at=date(2023, 8, 10)),
        D(
            "I",
            date(2023, 7, 5),
            "da_giai_quyet",
            due_at=date(2023, 7, 6),
            finished_at=date(2023, 7, 6),
            level="xa",
        ),
    ]
    return write_csv(tmp_path / "so-ho-so.csv", rows)


def test_statistics_feed_the_par_index_score(ledger: Path, tmp_path: Path) -> None:
    stats = runner.invoke(
        app,
        [
            "dossiers",
            "stats",
            str(ledger),
            "--from",
            "15/06/2023",
            "--to",
            "14/09/2023",
            "--by",
            "level",
            "--format",
            "json",
        ],
    )
    assert stats.exit_code == 0, stats.stdout
    stats_path = tmp_path / "thong-ke.json"
    stats_path.write_text(stats.stdout, encoding="utf-8")
    district = next(
        g["stats"] for g in json.loads(stats.stdout)["groups"] if g["key"]["level"] == "huyen"
    )
    assert (district["total"], district["carried_over"], district["received"]) == (7, 1, 6)
    assert (district["resolved"], district["resolved_on_time"], district["resolved_late"]) == (
        3,
        2,
        1,
    )
    assert (district["pending_on_time"], district["pending_overdue"]) == (1, 1)
    assert (district["paused"], district["withdrawn"]) == (1, 1)
    assert district["on_time_rate_overall"] == pytest.approx(50.0)

    inputs = tmp_path / "cham-diem.json"
    inputs.write_text(
        json.dumps(
            {
                "format": "cchc.score-inputs/1",
                "scheme": "quangngai-673-2023-huyen",
                "unit": {"code": "huyen-thu", "name": "UBND huyện Thử"},
                "year": 2023,
                "criteria": {},
            }
        ),
        encoding="utf-8",
    )
    score = runner.invoke(
        app, ["score", "-i", str(inputs), "--stats", str(stats_path), "--format", "json"]
    )
    assert score.exit_code == 0, score.stdout
    criterion = _find(json.loads(score.stdout), "3.4.1")
    assert isinstance(criterion, dict)
    # a = resolved, b = on time, both of the district level: 2/3 < 0,95 under 1.000 dossiers → 0.
    assert criterion["inputs"]["a"] == {**criterion["inputs"]["a"], "value": 3, "origin": "stats"}
    assert criterion["inputs"]["b"]["value"] == 2
    assert criterion["inputs"]["b"]["ref"] == "resolved_on_time (level = huyen)"
    assert criterion["self"]["score"] == 0


def _find(node: object, code: str) -> object | None:
    if isinstance(node, dict):
        if node.get("code") == code:
            return node
        for value in node.values():
            found = _find(value, code)
            if found is not None:
                return found
    if isinstance(node, list):
        for value in node:
            found = _find(value, code)
            if found is not None:
                return found
    return None


def test_ledger_filled_report_validates_and_states_the_numbers(
    ledger: Path, tmp_path: Path, seed000: Path
) -> None:
    data = json.loads(seed000.read_text(encoding="utf-8"))
    data["period"] = {"year": 2023, "kind": "Q3"}
    data["values"] = {
        k: v
        for k, v in data["values"].items()
        if not k.startswith(("procedures.results", "egov.online_services.dossiers"))
    }
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    for _ in range(2):  # filling twice gives the same report
        filled = runner.invoke(app, ["dossiers", "fill", str(ledger), "--report", str(report)])
        assert filled.exit_code == 0, filled.stdout
    saved = json.loads(report.read_text(encoding="utf-8"))
    assert saved["values"]["procedures.results.district.resolved"]["value"] == 3
    assert saved["values"]["procedures.results.district.on_time"]["value"] == 2
    assert saved["values"]["procedures.results.commune.on_time"]["value"] == 1
    assert len([v for v in saved["narrative"]["values"] if v["block"] == "cấp huyện"]) == 16
    # Digitisation over the district and commune levels: inputs of the 6 + 1 dossiers not
    # withdrawn (A, D digitised), results of the 3 + 1 resolved (A digitised).
    digitisation = {
        k: v["value"] for k, v in saved["values"].items() if k.startswith("procedures.digitisation")
    }
    assert digitisation == {
        "procedures.digitisation.received": 7,
        "procedures.digitisation.digitised_input": 2,
        "procedures.digitisation.resolved": 4,
        "procedures.digitisation.digitised_result": 1,
    }

    checked = runner.invoke(app, ["validate", "--format", "json", str(report)])
    assert checked.exit_code == 0, checked.stdout
    rate = [
        f
        for f in json.loads(checked.stdout)
        if f["indicators"][:1] == ["procedures.results.district.on_time_rate"]
    ]
    assert rate[0]["severity"] == "info"
    assert round(rate[0]["expected"], 2) == 66.67

    out = tmp_path / "bao-cao.docx"
    written = runner.invoke(app, ["report", str(report), "--out", str(out)])
    assert written.exit_code == 0, written.stdout
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    onestop = next(p for p in paragraphs if p.startswith("Cấp huyện: Tổng số hồ sơ tiếp nhận"))
    assert "07 hồ sơ, trong đó kỳ trước chuyển qua 01 hồ sơ, tiếp nhận mới 06 hồ sơ" in onestop
    assert "đã giải quyết 03 hồ sơ, đúng hạn 02 hồ sơ, đạt 66,67%, quá hạn 01 hồ sơ" in onestop
    assert "không có hồ sơ trả lại" in onestop
    assert any("50%" in p and p.startswith("Cấp huyện: Tỷ lệ") for p in paragraphs)


def test_consolidated_report_compares_digitisation_unit_by_unit(
    tmp_path: Path, seed000: Path
) -> None:
    base = json.loads(seed000.read_text(encoding="utf-8"))
    files = []
    # Gia Nghĩa: 90 of 100 digitised (90 %); Cư Jút: 25 of 50 (50 %); the area: 115 / 150 = 76,67 %.
    for code, name, received, digitised in [
        ("gia-nghia", "UBND thành phố Gia Nghĩa", 100, 90),
        ("cu-jut", "UBND huyện Cư Jút", 50, 25),
    ]:
        data = dict(base)
        data["unit"] = {"code": code, "name": name, "level": "district"}
        data["values"] = {
            "procedures.digitisation.received": {"value": received},
            "procedures.digitisation.digitised_input": {"value": digitised},
        }
        path = tmp_path / f"{code}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    compiled = tmp_path / "tong-hop.json"
    assert runner.invoke(app, ["compile", *files, "--out", str(compiled)]).exit_code == 0
    data = json.loads(compiled.read_text(encoding="utf-8"))
    assert data["values"]["procedures.digitisation.input_rate"]["value"] == pytest.approx(
        115 / 150 * 100
    )
    out = tmp_path / "tong-hop.docx"
    result = runner.invoke(app, ["report", "--compiled", str(compiled), "--out", str(out)])
    assert result.exit_code == 0, result.stdout
    table = next(
        t
        for t in docx.Document(str(out)).tables
        if "Tỷ lệ số hóa hồ sơ (%)" in [c.text for c in t.rows[0].cells]
    )
    column = [c.text for c in table.rows[0].cells].index("Tỷ lệ số hóa hồ sơ (%)")
    rows = {r.cells[1].text: r.cells[column].text for r in table.rows[1:]}
    assert rows["UBND thành phố Gia Nghĩa"] == "90"
    assert rows["UBND huyện Cư Jút"] == "50"
    assert rows["Tổng hợp"] == "76,67"  # no compiler given: not called "Toàn tỉnh"
