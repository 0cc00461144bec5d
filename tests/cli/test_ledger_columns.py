"""A ledger's columns as the user is told of them: unknown headers, and figures it cannot give.

A ledger whose digitisation column is headed in a way the vocabulary does not
know counts no digitised dossier. Printed as 0, that figure would go into the
report as a fact; it is printed "—" with a note, and the unknown header is
named with the column it may be.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from cchc.cli import app
from ledgers import VIETNAMESE, D, write_csv

runner = CliRunner()
WINDOW = ["--from", "01/07/2023", "--to", "30/09/2023"]
# A one-stop export with its own headers: the agency and the input digitisation under
# names the vocabulary does not know, the result digitisation under a known one, and no
# payment, channel or online level columns at all.
COLUMNS = ("dossier_id", "agency", "level", "received_at", "due_at", "finished_at", "status")
HEADERS = {
    **VIETNAMESE,
    "agency": "Cơ quan xử lý chính",
    "digitised_input": "Đã số hóa TPHS",
    "stt": "STT",
}


def _rows() -> list[D]:
    return [
        D("H1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 6), None, date(2023, 7, 5),
          digitised_input=True, digitised_result=True, paid_online=True),
        D("H2", date(2023, 7, 4), "da_giai_quyet", date(2023, 7, 7), None, date(2023, 7, 10),
          digitised_input=True, digitised_result=False, paid_online=True),
        D("H3", date(2023, 8, 1), "dang_giai_quyet", date(2023, 12, 1), digitised_input=True,
          paid_online=True),
    ]  # fmt: skip


def _ledger(folder: Path) -> Path:
    columns = ("stt", *COLUMNS, "digitised_input", "digitised_result")
    rows = _rows()
    for number, row in enumerate(rows, start=1):
        row.extra["stt"] = number
    return write_csv(folder / "so.csv", rows, headers=HEADERS, columns=columns)


def test_figures_without_a_column_are_dashes_and_the_headers_are_named(tmp_path: Path) -> None:
    path = _ledger(tmp_path)
    out = runner.invoke(app, ["dossiers", "stats", str(path), *WINDOW])
    assert out.exit_code == 0, out.output
    # Two of three dossiers resolved, one of them with a digitised result: a number.
    # The input digitisation and the payment are not in the ledger: not 0 of 3.
    assert "Số hóa thành phần hồ sơ: —/3; số hóa kết quả: 1/2; thanh toán trực tuyến: —/3" in (
        out.stdout
    )
    assert "một phần —/—, toàn trình —/—" in out.stdout
    assert (
        f"Lưu ý: {path}: bỏ qua các cột “Cơ quan xử lý chính” (có phải cột “cơ quan giải "
        "quyết”?), “Đã số hóa TPHS” (có phải cột “số hóa hồ sơ”?) vì không nhận ra tên cột."
    ) in out.stderr
    assert (
        "Lưu ý: Sổ hồ sơ không có cột “mức độ DVC”, “hình thức nộp”, “số hóa hồ sơ” và “thanh "
        "toán trực tuyến”: số hồ sơ của TTHC có dịch vụ công trực tuyến (một phần, toàn trình), "
        "hồ sơ nộp trực tuyến, hồ sơ số hóa thành phần và hồ sơ thanh toán trực tuyến không "
        "tính được (không phải là 0)."
    ) in " ".join(out.stderr.split())


def test_the_json_names_the_missing_columns_and_the_hints(tmp_path: Path) -> None:
    path = _ledger(tmp_path)
    out = runner.invoke(app, ["dossiers", "stats", str(path), *WINDOW, "--format", "json"])
    data = json.loads(out.stdout)
    (source,) = data["sources"]
    assert source["header_hints"] == [
        {"header": "Cơ quan xử lý chính", "columns": ["agency"]},
        {"header": "Đã số hóa TPHS", "columns": ["digitised_input"]},
    ]
    assert source["ignored_headers"] == ["STT", "Cơ quan xử lý chính", "Đã số hóa TPHS"]
    assert data["missing_columns"] == {
        column: [str(path)]
        for column in ("online_level", "channel", "digitised_input", "paid_online")
    }
    assert data["total"]["digitised_result"] == 1


def test_the_workbook_prints_dashes_not_zeros(tmp_path: Path) -> None:
    path = _ledger(tmp_path)
    book = tmp_path / "thong-ke.xlsx"
    out = runner.invoke(app, ["dossiers", "stats", str(path), *WINDOW, "--xlsx", str(book)])
    assert out.exit_code == 0, out.output
    sheet = openpyxl.load_workbook(book).worksheets[0]
    columns: dict[tuple[object, object], int] = {}
    group = None
    for c in range(1, sheet.max_column + 1):
        group = sheet.cell(4, c).value or group  # a group's header is merged over its parts
        columns[(group, sheet.cell(5, c).value)] = c

    def figures(group: str, part: str | None) -> list[object]:
        column = columns[(group, part)]
        return [sheet.cell(r, column).value for r in range(6, sheet.max_row + 1)]

    shown = [v for v in figures("Số hóa", "Thành phần hồ sơ") if v is not None]
    assert shown
    assert set(shown) == {"—"}
    assert [v for v in figures("Số hóa", "Kết quả") if v is not None][:1] == [1]
    assert [v for v in figures("Thanh toán trực tuyến", None) if v is not None][:1] == ["—"]
    notes = [str(sheet.cell(r, 1).value) for r in range(1, sheet.max_row + 1)]
    assert any("Sổ hồ sơ không có cột “mức độ DVC”, “hình thức nộp”" in n for n in notes)
    assert any("“Đã số hóa TPHS” (có phải cột “số hóa hồ sơ”?)" in n for n in notes)


def test_a_column_some_ledgers_lack_is_counted_from_the_others(tmp_path: Path) -> None:
    full = write_csv(tmp_path / "xa-a.csv", _rows())
    rows = [D(f"B{r.dossier_id}", r.received_at, r.status, r.due_at, None, r.finished_at,
              paid_online=True) for r in _rows()]  # fmt: skip
    partial = write_csv(
        tmp_path / "xa-b.csv", rows, columns=tuple(c for c in VIETNAMESE if c != "paid_online")[:16]
    )
    command = ["dossiers", "stats", str(full), str(partial), *WINDOW, "--format", "json"]
    data = json.loads(runner.invoke(app, command).stdout)
    assert data["missing_columns"] == {"paid_online": [str(partial)]}
    # The three of xa-a.csv, none of xa-b.csv: a number, with the note saying whose.
    assert data["total"]["paid_online"] == 3
    out = runner.invoke(app, command[:-2])
    assert "thanh toán trực tuyến: 3/6" in out.stdout
    assert (
        f"Lưu ý: Cột “thanh toán trực tuyến” không có trong {partial}: số hồ sơ thanh toán "
        f"trực tuyến chỉ tính hồ sơ của {full}."
    ) in " ".join(out.stderr.split())


def test_a_missing_required_column_names_the_header_it_may_be(tmp_path: Path) -> None:
    headers = {**VIETNAMESE, "received_at": "Ngay nhan HS", "status": "Tình trạng giải quyết"}
    path = write_csv(tmp_path / "so.csv", _rows(), headers=headers)
    out = runner.invoke(app, ["dossiers", "stats", str(path), *WINDOW])
    assert out.exit_code != 0
    message = " ".join(out.stderr.split())
    assert (
        "thiếu cột bắt buộc: received_at [ngày tiếp nhận], status [trạng thái]. Có phải cột "
        "“Ngay nhan HS” là ngày tiếp nhận, cột “Tình trạng giải quyết” là trạng thái? Nếu "
        "đúng, đổi tên cột theo docs/dossiers.md"
    ) in message
    # The advice for Mẫu 06 registers, which have no status column, is not given here.
    assert "Mẫu 06" not in message


def test_the_apology_letters_hint_at_the_applicant_column_and_say_nothing_of_figures(
    tmp_path: Path,
) -> None:
    # The letters name the applicant; a column headed "Họ tên người nộp" is not known, so
    # they would go out without a name: the note says which column it may be.
    late = D("HS-1", date(2023, 8, 1), "da_giai_quyet", date(2023, 8, 10), None,
             date(2023, 8, 14), extra={"applicant": "Đinh Duy Vinh"})  # fmt: skip
    headers = {**VIETNAMESE, "applicant": "Họ tên người nộp"}
    path = write_csv(tmp_path / "so.csv", [late], headers=headers, columns=(*COLUMNS, "applicant"))
    out = runner.invoke(
        app, ["dossiers", "apologies", str(path), *WINDOW, "--out", str(tmp_path / "out")]
    )
    assert out.exit_code == 0, out.output
    message = " ".join(out.stderr.split())
    assert "bỏ qua cột “Họ tên người nộp” (có phải cột “người nộp”?)" in message
    assert "không tính được" not in message
