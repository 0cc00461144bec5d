"""Spreadsheet ledgers: where the table sits on the sheet, and the .xls/.ods formats.

Row numbers in messages are the row numbers Excel shows, wherever the table
starts; .xls and .ods files are made by LibreOffice from the same workbook.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine
from cchc.cli import app
from cchc.domain.dossier_ledger import Problem
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from conftest import require_binary

WINDOW = DateWindow(date(2023, 6, 1), date(2023, 9, 25))
HEADER = ["Mã hồ sơ", "Cấp", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]


def register(path: Path) -> Path:
    """A commune's register: a cover sheet first, then the table from B5 under a merged title."""
    book = Workbook()
    cover = book.active
    cover.title = "Bìa"
    cover["A1"] = "Sổ theo dõi hồ sơ năm 2023"
    sheet = book.create_sheet("Sổ")
    sheet["B1"] = "UBND XÃ NGHĨA HÀ"
    sheet.merge_cells("B2:G2")
    sheet["B2"] = "SỔ THEO DÕI HỒ SƠ"
    for column, title in enumerate(HEADER, start=2):
        sheet.cell(5, column, title)
    rows = [
        ["A1", "Xã", date(2023, 7, 3), date(2023, 7, 10), date(2023, 7, 7), "Đã giải quyết"],
        ["A2", "Xã", date(2023, 7, 4), date(2023, 7, 11), date(2023, 7, 14), "Đã giải quyết"],
        ["A3", "Xã", "05/07/2023", "12/07/2023", None, "Chờ ký duyệt"],  # row 8: unknown status
        [None] * 6,  # an empty row inside the table is skipped, not a dossier
        ["A4", "Xã", date(2023, 9, 18), date(2023, 9, 20), None, "Đang giải quyết"],
    ]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=2):
            if value is not None:
                sheet.cell(6 + offset, column, value)
    book.save(path)
    return path


def stats_command(path: Path, *extra: str):  # type: ignore[no-untyped-def]
    window = ["--from", "01/06/2023", "--to", "25/09/2023"]
    return CliRunner().invoke(app, ["dossiers", "stats", str(path), *window, *extra])


def read(registry: Registry, path: Path):  # type: ignore[no-untyped-def]
    with DossierEngine([path], registry) as engine:
        return engine.stats(WINDOW)


def check(result) -> None:  # type: ignore[no-untyped-def]
    total = result.total
    assert (total.total, total.resolved_on_time, total.resolved_late, total.pending) == (3, 1, 1, 1)
    assert [(b.row, b.problem, b.dossier_id) for b in result.bad_rows] == [
        (8, Problem.UNKNOWN_STATUS, "A3")
    ]


def test_a_table_from_column_b_on_the_second_sheet_numbers_rows_as_excel_does(
    registry: Registry, tmp_path: Path
) -> None:
    result = read(registry, register(tmp_path / "so.xlsx"))
    check(result)
    assert result.sources[0].kind == "xlsx"


def test_a_sheet_without_a_ledger_is_named_when_none_has_one(
    registry: Registry, tmp_path: Path
) -> None:
    book = Workbook()
    book.active.title = "Ghi chú"
    book.active["C3"] = "không có bảng"
    path = tmp_path / "khong-co.xlsx"
    book.save(path)
    result = stats_command(path)
    assert result.exit_code == 2
    assert "khong-co.xlsx (trang “Ghi chú”): không tìm thấy dòng tiêu đề" in result.stderr


def _converted(tmp_path: Path, target: str) -> Path:
    soffice = require_binary("soffice")
    source = register(tmp_path / "so.xlsx")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "out" / f"so.{target}"


@pytest.mark.parametrize("target", ["xls", "ods"])
def test_old_excel_and_libreoffice_files_are_read_like_xlsx(
    registry: Registry, tmp_path: Path, target: str
) -> None:
    path = _converted(tmp_path, target)
    check(read(registry, path))
    result = stats_command(path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sources"][0]["format"] == target


def test_an_xls_file_named_xlsx_is_read_by_its_content(registry: Registry, tmp_path: Path) -> None:
    # One-stop programs export an .xls under the name .xlsx (and the other way round).
    misnamed = _converted(tmp_path, "xls").rename(tmp_path / "xuat-tu-phan-mem.xlsx")
    check(read(registry, misnamed))


def monthly_register(path: Path) -> Path:
    """One sheet a month, a notes sheet, and a hidden backup copy of July."""
    book = Workbook()
    book.remove(book.active)
    months = {
        "Tháng 7": [
            ["T7-1", "Xã", date(2023, 7, 3), date(2023, 7, 10), date(2023, 7, 7), "Đã giải quyết"],
            ["T7-2", "Xã", date(2023, 7, 4), date(2023, 7, 11), date(2023, 7, 5), "Đã giải quyết"],
        ],
        "Tháng 8": [
            ["T8-1", "Xã", date(2023, 8, 1), date(2023, 8, 8), date(2023, 8, 10), "Đã giải quyết"],
            # Typed again in August with another date: a conflicting copy of T7-2.
            ["T7-2", "Xã", date(2023, 8, 2), date(2023, 8, 9), date(2023, 8, 3), "Đã giải quyết"],
            ["T8-3", "Xã", "32/08/2023", date(2023, 8, 9), None, "Đang giải quyết"],
        ],
        "Tháng 9": [["T9-1", "Xã", date(2023, 9, 18), date(2023, 9, 20), None, "Đang giải quyết"]],
    }
    for name, rows in months.items():
        sheet = book.create_sheet(name)
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
    book.create_sheet("Ghi chú")["A1"] = "Số liệu chép từ phần mềm một cửa"
    backup = book.create_sheet("Sao lưu")
    backup.append(HEADER)
    backup.append(months["Tháng 7"][0])
    backup.sheet_state = "hidden"
    book.save(path)
    return path


def test_every_month_sheet_of_a_register_is_counted(registry: Registry, tmp_path: Path) -> None:
    result = read(registry, monthly_register(tmp_path / "so.xlsx"))
    total = result.total
    # T7-1 on time, T8-1 late, T9-1 pending; both copies of T7-2 left out; T8-3's date is wrong.
    assert (total.total, total.resolved_on_time, total.resolved_late, total.pending) == (3, 1, 1, 1)
    labels = [s.label for s in result.sources]
    assert labels == [f"{tmp_path / 'so.xlsx'} (trang “Tháng {m}”)" for m in (7, 8, 9)]
    messages = [b.message for b in result.bad_rows]
    assert any(
        "so.xlsx (trang “Tháng 8”), dòng 3: trùng mã hồ sơ; khác nội dung với dòng 3 của " in m
        and "(trang “Tháng 7”)" in m
        for m in messages
    ), messages
    assert any("so.xlsx (trang “Tháng 8”), dòng 4: ngày tiếp nhận" in m for m in messages)


def test_sheets_left_out_are_named(tmp_path: Path) -> None:
    path = monthly_register(tmp_path / "so.xlsx")
    result = stats_command(path, "--format", "json")
    assert result.exit_code == 0, result.output
    notes = json.loads(result.stdout)["sources"][0]["notes"]
    assert notes == [
        f"{path}: trang “Ghi chú” không có bảng sổ hồ sơ, không đọc",
        f"{path}: trang ẩn “Sao lưu” có bảng sổ hồ sơ nhưng không được đọc "
        "(hiện trang đó trong Excel nếu cần tính)",
    ]
    assert f"Lưu ý: {path}: trang ẩn “Sao lưu”" in result.stderr.replace("\n", " ")


def test_a_workbook_whose_only_ledger_sheet_is_hidden_says_so(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Bìa"
    book.active["A1"] = "Sổ theo dõi"
    hidden = book.create_sheet("Sổ")
    hidden.append(HEADER)
    hidden.append(["A1", "Xã", date(2023, 7, 3), date(2023, 7, 10), None, "Đang giải quyết"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "an.xlsx"
    book.save(path)
    result = stats_command(path)
    assert result.exit_code == 2
    assert "trang ẩn “Sổ” có bảng sổ hồ sơ nhưng không được đọc" in result.stderr.replace("\n", " ")


def test_reading_a_sheet_is_shown_as_progress(registry: Registry, tmp_path: Path) -> None:
    # Loading a large sheet takes seconds before its first row is copied: the bar says so.
    seen: list[tuple[str, float | None]] = []
    path = register(tmp_path / "so.xlsx")
    with DossierEngine([path], registry, progress=lambda *step: seen.append(step)) as engine:
        engine.stats(WINDOW)
    assert ("Đọc so.xlsx, trang “Sổ”", None) in seen


def us_excel_register(path: Path, *extra: object) -> Path:
    """Received 3–19 July, typed as dd/mm/yyyy on an English (United States) Excel:
    03/07/2023 became the real date 7 March, 23/07/2023 stayed text."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã hồ sơ", "Ngày tiếp nhận", "Số ngày giải quyết", "Trạng thái"])
    for n, day in enumerate((3, 4, 5, 6, 13, 14, 17, 18, 10, 19)):
        typed = f"{day:02d}/07/2023"
        cell = date(2023, day, 7) if day <= 12 else typed
        sheet.append([f"X{n}", cell, 5, "Đang giải quyết"])
    for row in extra:
        sheet.append(list(row))  # type: ignore[call-overload]
    book.save(path)
    return path


def test_a_register_typed_on_an_excel_set_to_us_dates_is_refused_not_misread(
    tmp_path: Path,
) -> None:
    # Read as stored, July's early dossiers would fall in March (carried over into the
    # window instead of received in it); the register is refused and the message says why.
    path = us_excel_register(tmp_path / "so-xa.xlsx")
    refused = stats_command(path)
    assert refused.exit_code == 2
    message = " ".join(refused.output.split())
    assert "so-xa.xlsx: cột “ngày tiếp nhận”: mọi ô kiểu ngày của Excel đều có số ngày" in message
    assert "(ví dụ ô Excel lưu là ngày 07/03/2023)" in message
    assert "(ví dụ “13/07/2023”)" in message
    assert "chạy lại với --swapped-dates" in message


def test_with_swapped_dates_the_us_excel_register_is_read_as_typed(tmp_path: Path) -> None:
    # A real date on the 20th cannot be a swapped one: that row is reported, not misread.
    path = us_excel_register(
        tmp_path / "so-xa.xlsx", ["X99", date(2023, 7, 20), 5, "Đang giải quyết"]
    )
    read = stats_command(path, "--swapped-dates", "--format", "json")
    assert read.exit_code == 0, read.output
    total = json.loads(read.stdout)["total"]
    assert (total["received"], total["carried_over"]) == (10, 0)
    message = " ".join(read.stderr.split())
    assert "so-xa.xlsx, dòng 12: ngày tiếp nhận" in message
    assert "ô ngày thật có số ngày lớn hơn 12 nên không thể là ngày bị Excel đảo" in message
