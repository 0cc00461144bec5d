"""``cchc dossiers``: what a user runs and reads, end to end on real files."""

from __future__ import annotations

import dataclasses
import json
import stat
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.domain.dossiers import STATISTIC_NAMES
from ledgers import SEED002_FILLED, D, seed002_rows, write_csv
from ledgers import SEED002_REPORT as REPORT

runner = CliRunner()


@pytest.fixture(scope="module")
def seed002(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv(tmp_path_factory.mktemp("so") / "tu-nghia.csv", seed002_rows())


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_stats_text_reads_like_the_report(seed002: Path) -> None:
    result = invoke(
        "dossiers",
        "stats",
        str(seed002),
        "--from",
        "01/06/2023",
        "--to",
        "25/09/2023",
        "--by",
        "level",
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "THỐNG KÊ HỒ SƠ MỘT CỬA từ ngày 01/06/2023 đến ngày 25/09/2023" in out
    assert "Cấp xã" in out
    assert "Tổng số hồ sơ: 8.782 (kỳ trước chuyển qua 30, tiếp nhận mới 8.752)" in out
    assert "Đã giải quyết: 8.689 (đúng hạn 8.686, quá hạn 3)" in out
    assert "Tỷ lệ đúng hạn chung: (8.686 + 52)/8.741 = 99,97%" in out
    assert "một phần 5.233/5.968, toàn trình 2.454/2.473" in out


def test_groups_print_in_administrative_order_with_vietnamese_labels(tmp_path: Path) -> None:
    # Alphabetical order would put huyện before tỉnh, and bưu chính before trực tiếp.
    rows = [
        D(f"{level}-{channel}", date(2023, 7, 3), processing_days=5, level=level, channel=channel)
        for level in ("xa", "huyen", "tinh")
        for channel in ("truc_tuyen", "buu_chinh", "truc_tiep")
    ]
    rows.append(D("khong-cap", date(2023, 7, 3), processing_days=5, level="", channel="truc_tiep"))
    ledger = write_csv(tmp_path / "so.csv", rows)
    result = invoke(
        "dossiers", "stats", str(ledger), "--period", "2023-Q3", "--by", "level,channel"
    )
    assert result.exit_code == 0, result.output
    headings = [line for line in result.stdout.splitlines() if line.startswith("Cấp ")]
    expected = [
        f"{level} · hình thức nộp {channel}"
        for level in ("Cấp tỉnh", "Cấp huyện", "Cấp xã")
        for channel in ("trực tiếp", "trực tuyến", "bưu chính")
    ]
    assert headings == [*expected, "Cấp (không ghi) · hình thức nộp trực tiếp"]


def test_stats_json_uses_exactly_the_published_names(seed002: Path) -> None:
    result = invoke(
        "dossiers",
        "stats",
        str(seed002),
        "--from",
        "01/06/2023",
        "--to",
        "25/09/2023",
        "--by",
        "level,agency",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == "cchc.dossier-stats/1"
    assert data["window"] == {"from": "2023-06-01", "to": "2023-09-25"}
    assert data["by"] == ["level", "agency"]
    assert tuple(data["total"]) == STATISTIC_NAMES
    assert all(tuple(g["stats"]) == STATISTIC_NAMES for g in data["groups"])
    land = next(g for g in data["groups"] if g["key"] == {"level": "huyen", "agency": "VPDK-TN"})
    assert land["stats"]["total"] == 6709
    assert round(land["stats"]["on_time_rate_overall"], 2) == 99.78
    assert data["excluded"] == {
        "total": 0,
        "by_problem": {},
        "ids_in_several_agencies": 0,
        "unknown_words": {},
        "rows": [],
    }
    assert data["sources"][0]["rows"] == len(seed002_rows())
    assert data["sources"][0]["usable"] is True


def test_period_uses_the_cut_off_window(seed002: Path) -> None:
    result = invoke("dossiers", "stats", str(seed002), "--period", "2023-Q3", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["window"] == {"from": "2023-06-15", "to": "2023-09-14"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("khong-co.csv", "--period", "2023-Q3"), "khong-co.csv: không tìm thấy tệp"),
        (("{ledger}", "--from", "01/06/2023"), "cần cả --from và --to"),
        (("{ledger}",), "cần kỳ dữ liệu"),
        (
            ("{ledger}", "--from", "31/06/2023", "--to", "25/09/2023"),
            "ngày “31/06/2023” không hợp lệ",
        ),
        (("{ledger}", "--period", "2023-Q3", "--by", "huyen"), "không nhóm được theo “huyen”"),
    ],
)
def test_bad_input_is_a_vietnamese_error_not_a_traceback(
    seed002: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke("dossiers", "stats", *(a.replace("{ledger}", str(seed002)) for a in args))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_problem_rows_are_warned_about_and_the_run_goes_on(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "loi.csv",
        [
            D("A1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 7), None, date(2023, 7, 6)),
            D("A2", "30/02/2023"),
        ],
    )
    result = invoke("dossiers", "stats", str(path), "--period", "2023-Q3")
    assert result.exit_code == 0
    assert "Tổng số hồ sơ: 1 " in result.stdout
    assert "Cảnh báo: 1 dòng bị loại" in result.stderr
    assert "loi.csv, dòng 3: ngày tiếp nhận" in result.stderr


def _verdict_only_ledger(path: Path) -> Path:
    """An export whose "Tình trạng" column says only whether each dossier is late."""
    return write_csv(
        path,
        [
            D("V1", date(2023, 7, 3), "Đúng hạn", date(2023, 7, 10), None, date(2023, 7, 5)),
            D("V2", date(2023, 7, 3), "Quá hạn", date(2023, 7, 10), None, date(2023, 7, 12)),
            D("V3", date(2023, 7, 4), "QUÁ HẠN", date(2023, 7, 11)),
        ],
        headers={"status": "Tình trạng"},
    )


def test_a_ledger_none_of_whose_rows_count_is_an_error_not_a_table_of_zeros(
    tmp_path: Path,
) -> None:
    path = _verdict_only_ledger(tmp_path / "tinh-trang.csv")
    result = invoke("dossiers", "stats", str(path), "--period", "2023-Q3")
    # The table is still printed (the user sees what was read), but the run fails.
    assert result.exit_code == 1
    assert "Tổng số hồ sơ: 0 " in result.stdout
    assert "tinh-trang.csv, dòng 3: trạng thái trống hoặc không nhận ra (giá trị “Quá hạn”)" in (
        result.stderr
    )
    assert "ô chỉ ghi đúng hạn/quá hạn, không ghi trạng thái hồ sơ" in result.stderr
    assert (
        f"Lỗi: không dòng nào của {path} được tính: cả 3 dòng đều bị loại "
        "(3 dòng trạng thái trống hoặc không nhận ra). Cột trạng thái chỉ ghi đúng hạn/quá hạn"
    ) in result.stderr


def test_one_unusable_ledger_among_good_ones_fails_the_run_and_is_named(
    seed002: Path, tmp_path: Path
) -> None:
    bad = _verdict_only_ledger(tmp_path / "tinh-trang.csv")
    result = invoke("dossiers", "stats", str(seed002), str(bad), "--period", "2023-Q3")
    assert result.exit_code == 1
    assert f"Lỗi: không dòng nào của {bad} được tính" in result.stderr
    assert str(seed002) not in result.stderr.split("Lỗi:", 1)[1]


def test_apologies_write_no_empty_list_from_a_ledger_none_of_whose_rows_count(
    tmp_path: Path,
) -> None:
    ledger = _verdict_only_ledger(tmp_path / "tinh-trang.csv")
    out = tmp_path / "xin-loi"
    result = invoke("dossiers", "apologies", str(ledger), "--period", "2023-Q3", "--out", str(out))
    # An empty late list would say that no dossier was late.
    assert result.exit_code == 2
    assert f"không dòng nào của {ledger} được tính" in result.stderr
    assert "Chưa lập danh sách và phiếu" in result.stderr
    assert not out.exists()


def test_a_ledger_given_twice_counts_once_and_is_no_error(seed002: Path) -> None:
    once = invoke("dossiers", "stats", str(seed002), "--period", "2023-Q3", "--format", "json")
    twice = invoke(
        "dossiers", "stats", str(seed002), str(seed002), "--period", "2023-Q3", "--format", "json"
    )
    # Every row of the second copy is left out as an identical copy: its dossiers did count.
    assert twice.exit_code == 0, twice.stderr
    assert json.loads(twice.stdout)["total"] == json.loads(once.stdout)["total"]
    assert "giống hệt dòng" in twice.stderr
    assert "Lỗi:" not in twice.stderr
    assert "Lưu ý: không hồ sơ nào" not in twice.stderr


def test_two_exports_that_disagree_on_every_dossier_are_both_errors(tmp_path: Path) -> None:
    rows = [D(f"E{i}", date(2023, 7, 3), due_at=date(2023, 7, 10)) for i in range(3)]
    first = write_csv(tmp_path / "xuat-thang-7.csv", rows)
    later = write_csv(
        tmp_path / "xuat-thang-8.csv",
        [
            dataclasses.replace(r, status="da_giai_quyet", finished_at=date(2023, 7, 7))
            for r in rows
        ],
    )
    result = invoke("dossiers", "stats", str(first), str(later), "--period", "2023-Q3")
    assert result.exit_code == 1
    for path in (first, later):
        assert f"Lỗi: không dòng nào của {path} được tính: cả 3 dòng đều bị loại " in result.stderr
    assert "(3 dòng trùng mã hồ sơ)" in result.stderr
    data = json.loads(
        invoke(
            "dossiers", "stats", str(first), str(later), "--period", "2023-Q3", "--format", "json"
        ).stdout
    )
    assert [(s["usable"], s["by_problem"]) for s in data["sources"]] == [
        (False, {"duplicate_id": 3}),
        (False, {"duplicate_id": 3}),
    ]


def test_a_dossier_in_two_agencies_ledgers_is_named_as_a_possible_lien_thong(
    seed002: Path, tmp_path: Path
) -> None:
    # The province merges the district's export with a commune's: two dossiers of the
    # district appear again under the commune, a third is a plain re-entry of one of the
    # district's rows (same agency, same content).
    rows = seed002_rows()
    # Received inside 2023-Q3's window (15/06–14/09 by the cut-off rule).
    sent = [r for r in rows if r.received_at.month == 7 and r.level == "huyen"][:2]
    commune = write_csv(
        tmp_path / "xa.csv",
        [dataclasses.replace(r, agency="UBND-X9", level="xa") for r in sent] + [rows[0]],
    )
    command = ["dossiers", "stats", str(seed002), str(commune), "--period", "2023-Q3"]
    result = invoke(*command)
    assert result.exit_code == 0, result.stderr
    assert (
        "Lưu ý: 2 mã hồ sơ có ở nhiều cơ quan giải quyết với nội dung khác nhau; các bản đều "
        "bị loại (không đoán bản nào đúng). Thường đó là hồ sơ liên thông" in result.stderr
    )
    assert result.stderr.count("(khác ở cột cơ quan giải quyết, cấp)") == 4
    data = json.loads(invoke(*command, "--format", "json").stdout)
    assert data["excluded"]["ids_in_several_agencies"] == 2
    assert data["excluded"]["by_problem"] == {"duplicate_id": 5}
    alone = json.loads(
        invoke("dossiers", "stats", str(seed002), "--period", "2023-Q3", "--format", "json").stdout
    )
    assert alone["excluded"]["ids_in_several_agencies"] == 0
    # Both copies of each shared id are out; the identical re-entry still counts once.
    assert data["total"]["total"] == alone["total"]["total"] - 2
    table = tmp_path / "thong-ke.xlsx"
    assert invoke(*command, "--xlsx", str(table)).exit_code == 0
    cells = [
        c
        for row in openpyxl.load_workbook(table).active.iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    ]
    assert any("2 mã hồ sơ có ở nhiều cơ quan giải quyết" in c for c in cells)


def _second_quarter_ledger(path: Path) -> Path:
    """Last quarter's export, picked by mistake for Q3/2023: every dossier finished in Q2."""
    return write_csv(
        path,
        [
            D("Q1", date(2023, 4, 3), "da_giai_quyet", date(2023, 4, 10), None, date(2023, 4, 5)),
            D("Q2", date(2023, 5, 3), "da_giai_quyet", date(2023, 5, 10), None, date(2023, 5, 12),
              level="xa"),
        ],
    )  # fmt: skip


def test_a_ledger_with_nothing_in_the_window_says_which_days_it_covers(
    seed002: Path, tmp_path: Path
) -> None:
    q2 = _second_quarter_ledger(tmp_path / "quy-2.csv")
    result = invoke(
        "dossiers", "stats", str(seed002), str(q2), "--period", "2023-Q3", "--format", "json"
    )
    # The statistics are right (nothing of Q2 belongs to Q3): a note, not an error.
    assert result.exit_code == 0
    assert (
        f"Lưu ý: không hồ sơ nào của {q2} thuộc kỳ từ ngày 15/06/2023 đến ngày 14/09/2023: "
        "hồ sơ trong sổ tiếp nhận từ ngày 03/04/2023 đến ngày 03/05/2023"
    ) in result.stderr
    assert f"không hồ sơ nào của {seed002}" not in result.stderr
    data = json.loads(result.stdout)
    assert [s["in_window"] for s in data["sources"]] == [data["total"]["total"], 0]


def test_the_days_are_found_in_a_ledger_with_lines_the_reader_set_aside(tmp_path: Path) -> None:
    # Such a file is read again while collecting the broken lines: the look-up of its
    # days reads it that way too, without clashing with the first read's list.
    path = tmp_path / "quy-2.csv"
    path.write_text(
        "Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"
        "H1,03/04/2023,10/04/2023,05/04/2023,Đã giải quyết\n"
        "H2,03/05/2023,10/05/2023,12/05/2023,Đã giải quyết,thừa\n"
        "H3,04/05/2023,11/05/2023,09/05/2023,Đã giải quyết\n",
        encoding="utf-8",
    )
    result = invoke("dossiers", "stats", str(path), "--period", "2023-Q3")
    assert result.exit_code == 0
    assert "dòng 3: dòng không đọc được" in result.stderr
    assert "tiếp nhận từ ngày 03/04/2023 đến ngày 04/05/2023" in result.stderr


def test_a_dossier_carried_over_into_the_window_counts_as_in_it(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "so.csv",
        [D("C1", date(2023, 5, 3), "da_giai_quyet", date(2023, 6, 30), None, date(2023, 7, 3))],
    )
    result = invoke("dossiers", "stats", str(path), "--period", "2023-Q3")
    assert result.exit_code == 0
    assert "kỳ trước chuyển qua 1" in result.stdout
    assert "Lưu ý: không hồ sơ nào" not in result.stderr


def test_fill_and_apologies_write_nothing_when_no_dossier_falls_in_the_window(
    tmp_path: Path,
) -> None:
    q2 = _second_quarter_ledger(tmp_path / "quy-2.csv")
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    before = report.read_bytes()
    filled = invoke("dossiers", "fill", str(q2), "--report", str(report))
    assert filled.exit_code == 2
    assert f"không hồ sơ nào của {q2} thuộc kỳ" in filled.stderr
    assert "Báo cáo chưa được ghi" in filled.stderr
    assert report.read_bytes() == before
    out = tmp_path / "xin-loi"
    late = invoke("dossiers", "apologies", str(q2), "--period", "2023-Q3", "--out", str(out))
    assert late.exit_code == 2
    assert "Chưa lập danh sách và phiếu" in late.stderr
    assert not out.exists()


def test_a_ledger_with_only_its_header_is_named_and_fills_nothing(
    seed002: Path, tmp_path: Path
) -> None:
    # An export whose filter matched nothing: its zeros would replace the unit's 6.4.1–6.4.2.
    empty = write_csv(tmp_path / "xuat-loi.csv", [])
    said = f"{empty} không có dòng hồ sơ nào dưới dòng tiêu đề"
    stats = invoke("dossiers", "stats", str(empty), str(seed002), "--period", "2023-Q3")
    assert stats.exit_code == 0, stats.output
    assert said in " ".join(stats.stderr.split())
    alone = invoke("dossiers", "stats", str(seed002), "--period", "2023-Q3")
    # The other ledger still counts, as it would alone (the lines after the files' names).
    assert stats.stdout.split("Tổng số hồ sơ")[1:] == alone.stdout.split("Tổng số hồ sơ")[1:]
    assert alone.exit_code == 0
    assert "Tổng số hồ sơ" in alone.stdout
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    before = report.read_bytes()
    filled = invoke("dossiers", "fill", str(empty), "--report", str(report))
    assert filled.exit_code == 2
    assert said in " ".join(filled.stderr.split())
    assert "hãy ghi số 0 trực tiếp vào báo cáo" in " ".join(filled.stderr.split())
    assert report.read_bytes() == before
    out = tmp_path / "xin-loi"
    late = invoke("dossiers", "apologies", str(empty), "--period", "2023-Q3", "--out", str(out))
    assert late.exit_code == 2
    assert not out.exists()


def test_a_status_word_with_a_verdict_is_not_flagged_as_verdict_only(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "so.csv",
        [
            D(
                "A1",
                date(2023, 7, 3),
                "Đã giải quyết - Đúng hạn",
                date(2023, 7, 10),
                None,
                date(2023, 7, 5),
            ),
            D("A2", date(2023, 7, 3), "Quá hạn", date(2023, 7, 10)),
        ],
    )
    result = invoke("dossiers", "stats", str(path), "--period", "2023-Q3")
    # Some rows count: the ledger is dirty, not misread; the verdict-only row says why.
    assert result.exit_code == 0
    assert "Đã giải quyết: 1 " in result.stdout
    assert "dòng 3: trạng thái trống hoặc không nhận ra (giá trị “Quá hạn”); ô chỉ ghi" in (
        result.stderr
    )
    assert "Lỗi:" not in result.stderr


# ---------------------------------------------------------------- fill


def test_fill_writes_biểu_mẫu_3_and_7_and_validation_runs_clean(
    seed002: Path, tmp_path: Path
) -> None:
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    result = invoke("dossiers", "fill", str(seed002), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "3.2.1" in result.stdout
    assert "6.275" in result.stdout
    values = json.loads(report.read_text(encoding="utf-8"))["values"]
    assert {k: values[k]["value"] for k in SEED002_FILLED} == SEED002_FILLED
    filled = values["procedures.results.district.resolved"]
    assert filled["status"] == "filled"
    assert filled["source"]["code"] == "3.2.1"
    assert "tu-nghia.csv" in filled["source"]["origin"]
    assert "department.resolved" not in " ".join(values)  # a district has no 3.1 rows
    assert values["procedures.results.district.on_time_rate"]["value"] is None
    checked = invoke("validate", str(report), "--format", "json")
    assert checked.exit_code == 0, checked.output
    findings = json.loads(checked.stdout)
    assert not [f for f in findings if f["severity"] == "error"]
    computed = {tuple(f["indicators"]): f["message"] for f in findings}
    assert any("99,76%" in m for m in computed.values())  # 6.260 / 6.275
    assert any("99,97%" in m for m in computed.values())  # 8.686 / 8.689


def test_fill_replaces_a_typed_rate_the_ledger_contradicts_and_keeps_one_it_agrees_with(
    seed002: Path, tmp_path: Path
) -> None:
    # The unit copied 70 % by hand; seed 002's ledger gives 6.260 / 6.275 = 99,76 %.
    # Its commune rate, 99,96, is 8.686 / 8.689 = 99,9655 % cut at two decimals: it stays.
    typed = {
        "procedures.results.district.on_time_rate": {
            "value": 70,
            "source": {"form": "Biểu mẫu 3", "code": "3.2", "raw": "70"},
        },
        "procedures.results.commune.on_time_rate": {
            "value": 99.96,
            "source": {"form": "Biểu mẫu 3", "code": "3.3", "raw": "99,96"},
        },
    }
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT | {"values": typed}, ensure_ascii=False), encoding="utf-8")
    result = invoke("dossiers", "fill", str(seed002), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "dòng 3.2 đơn vị ghi 70%, số từ sổ cho 99,76%: đã bỏ số cũ" in result.stdout
    assert "dòng 3.3" not in result.stdout
    values = json.loads(report.read_text(encoding="utf-8"))["values"]
    assert "procedures.results.district.on_time_rate" not in values
    assert values["procedures.results.commune.on_time_rate"]["value"] == 99.96
    assert values["procedures.results.commune.on_time_rate"]["source"]["raw"] == "99,96"
    checked = invoke("validate", str(report), "--format", "json")
    assert checked.exit_code == 0, checked.output
    assert not [f for f in json.loads(checked.stdout) if f["severity"] == "error"]


def test_fill_names_each_number_the_unit_wrote_that_the_ledger_replaces(
    seed002: Path, tmp_path: Path
) -> None:
    # The unit copied 6.200 resolved district dossiers by hand; the ledger counts 6.275.
    # Its commune figure agrees with the ledger, and its 7 commune on-time dossiers came
    # from an earlier fill: neither is news.
    typed = {
        "procedures.results.district.resolved": {
            "value": 6200,
            "note": "số liệu tạm",
            "source": {"origin": "bao-cao-q3.docx", "location": "bảng 2, dòng 5", "raw": "6.200"},
        },
        "procedures.results.commune.resolved": {"value": 8689},
        "procedures.results.commune.on_time": {"value": 7, "status": "filled"},
    }
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT | {"values": typed}, ensure_ascii=False), encoding="utf-8")
    result = invoke("dossiers", "fill", str(seed002), "--report", str(report))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert (
        "Lưu ý: dòng 3.2.1 đơn vị ghi 6.200 (từ bao-cao-q3.docx, bảng 2, dòng 5), sổ cho 6.275: "
        "đã thay bằng số từ sổ" in said
    )
    assert said.count("đơn vị ghi") == 1
    values = json.loads(report.read_text(encoding="utf-8"))["values"]
    district = values["procedures.results.district.resolved"]
    assert district["value"] == 6275
    assert district["note"] == (
        "số liệu tạm; trước khi điền từ sổ, đơn vị ghi 6.200 (bao-cao-q3.docx, bảng 2, dòng 5)"
    )
    assert "note" not in values["procedures.results.commune.resolved"]
    assert values["procedures.results.commune.on_time"]["value"] == 8686


def test_fill_says_how_many_dossiers_have_no_level_and_fit_no_row(
    seed002: Path, tmp_path: Path
) -> None:
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    unleveled = [
        D(f"K{i}", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 10), None, date(2023, 7, 5))
        for i in range(3)
    ]
    for row in unleveled:
        row.level = ""
    extra = write_csv(tmp_path / "khong-cap.csv", unleveled)
    result = invoke("dossiers", "fill", str(seed002), str(extra), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "3 hồ sơ không ghi cấp" in result.stdout
    values = json.loads(report.read_text(encoding="utf-8"))["values"]
    # They are in no level's row: the district and commune figures are seed 002's.
    assert values["procedures.results.district.resolved"]["value"] == 6275
    assert values["procedures.results.commune.resolved"]["value"] == 8689


def _commune_ledger(path: Path, agencies: dict[str, int], extra: Sequence[D] = ()) -> Path:
    rows = [
        D(
            f"{agency}-{i}",
            date(2023, 7, 3),
            "da_giai_quyet",
            date(2023, 7, 10),
            None,
            date(2023, 7, 5),
            level="xa",
            agency=agency,
        )
        for agency, count in agencies.items()
        for i in range(count)
    ]
    return write_csv(path, [*rows, *extra])


COMMUNE_REPORT = REPORT | {
    "unit": {"code": "nghia-ky", "name": "UBND xã Nghĩa Kỳ", "level": "commune"},
    "values": {},
}


def test_fill_warns_when_a_communes_rows_come_from_several_communes(tmp_path: Path) -> None:
    # The district's export given for one commune's report: the commune rows would
    # add up every commune's dossiers. The figures are written (a merged commune may
    # still carry its former names), and the note names the agencies.
    ledger = _commune_ledger(
        tmp_path / "so-huyen.csv",
        {"UBND-NGHIA-KY": 5, "UBND-NGHIA-THUAN": 4, "UBND-NGHIA-THO": 2, "UBND-NGHIA-LAM": 1},
    )
    report = tmp_path / "bao-cao-xa.json"
    report.write_text(json.dumps(COMMUNE_REPORT, ensure_ascii=False), encoding="utf-8")
    result = invoke("dossiers", "fill", str(ledger), "--report", str(report))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert (
        "Lưu ý: dòng 3.3.1, 3.3.2 cộng hồ sơ cấp xã của 4 cơ quan giải quyết (UBND-NGHIA-KY: 5; "
        "UBND-NGHIA-THUAN: 4; UBND-NGHIA-THO: 2; và 1 cơ quan khác)" in said
    )
    assert "hãy dùng sổ của riêng xã" in said
    values = json.loads(report.read_text(encoding="utf-8"))["values"]
    assert values["procedures.results.commune.resolved"]["value"] == 12


def test_fill_says_nothing_of_agencies_for_a_communes_own_ledger_or_a_districts(
    seed002: Path, tmp_path: Path
) -> None:
    # The same one-stop under its former name, last year: nothing in the window.
    former = [
        D(
            f"CU-{i}",
            date(2022, 3, 1),
            "da_giai_quyet",
            date(2022, 3, 8),
            None,
            date(2022, 3, 4),
            level="xa",
            agency="UBND-NGHIA-KY-CU",
        )
        for i in range(3)
    ]
    own = _commune_ledger(tmp_path / "so-xa.csv", {"UBND-NGHIA-KY": 5}, former)
    report = tmp_path / "bao-cao-xa.json"
    report.write_text(json.dumps(COMMUNE_REPORT, ensure_ascii=False), encoding="utf-8")
    result = invoke("dossiers", "fill", str(own), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "cơ quan giải quyết" not in result.stdout
    assert (
        json.loads(report.read_text(encoding="utf-8"))["values"][
            "procedures.results.commune.resolved"
        ]["value"]
        == 5
    )
    # Seed 002: a district's own rows come from its offices and the land registry branch.
    district = tmp_path / "bao-cao-huyen.json"
    district.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    result = invoke("dossiers", "fill", str(seed002), "--report", str(district))
    assert result.exit_code == 0, result.output
    assert "cơ quan giải quyết" not in result.stdout


def test_fill_leaves_the_report_untouched_on_any_error(tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    before = report.read_bytes()
    broken = tmp_path / "so.csv"
    broken.write_text("Mã hồ sơ;Trạng thái\nA1;rut\n", encoding="utf-8")
    result = invoke("dossiers", "fill", str(broken), "--report", str(report))
    assert result.exit_code == 2
    assert "thiếu cột bắt buộc" in result.stderr
    assert "Sổ theo Mẫu 06 không có cột trạng thái" not in result.stderr  # it has one
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.json", "so.csv"]


def test_fill_writes_nothing_from_a_ledger_none_of_whose_rows_count(tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    before = report.read_bytes()
    ledger = _verdict_only_ledger(tmp_path / "tinh-trang.csv")
    result = invoke("dossiers", "fill", str(ledger), "--report", str(report))
    assert result.exit_code == 2
    # fill lists no rows, so the error quotes one; 6.4.1/6.4.2 would otherwise become zeros.
    assert f"không dòng nào của {ledger} được tính" in result.stderr
    assert "Ví dụ: " in result.stderr
    assert "dòng 2: trạng thái trống hoặc không nhận ra (giá trị “Đúng hạn”)" in result.stderr
    assert "Báo cáo chưa được ghi" in result.stderr
    assert report.read_bytes() == before


def test_fill_refuses_an_unreadable_report(seed002: Path, tmp_path: Path) -> None:
    report = tmp_path / "hong.json"
    report.write_text("{không phải json", encoding="utf-8")
    result = invoke("dossiers", "fill", str(seed002), "--report", str(report))
    assert result.exit_code == 2
    assert "hong.json" in result.stderr
    assert "JSON không hợp lệ" in result.stderr
    assert report.read_text(encoding="utf-8") == "{không phải json"


def test_fill_keeps_the_report_readable_as_it_was(tmp_path: Path) -> None:
    # The report is rewritten through a temporary file: it must not come back
    # readable by its owner only, or colleagues and the web server lose it.
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    report.chmod(0o664)
    ledger = write_csv(
        tmp_path / "so.csv",
        [D("A1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 10), None, date(2023, 7, 5))],
    )
    result = invoke("dossiers", "fill", str(ledger), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(report.stat().st_mode) == 0o664
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.json", "so.csv"]
