"""`cchc dossiers stats --xlsx`: the statistics table an office prints, read back and printed."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.documents.pdf import convert_to_pdf
from conftest import require_binary
from ledgers import D, write_csv
from pdf_words import overprinted_pages, page_words

runner = CliRunner()

UNITS = """\
units:
  - {code: UBND-X2, name: 'UBND xã Nghĩa Kỳ', level: commune}
  - {code: UBND-X10, name: 'UBND xã Nghĩa Hà', level: commune}
"""


def ledger(folder: Path) -> Path:
    rows = [
        # UBND-X10: one resolved on time, one late.
        D("A1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 10), None, date(2023, 7, 7),
          level="xa", agency="UBND-X10"),
        D("A2", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 5), None, date(2023, 7, 6),
          level="xa", agency="UBND-X10"),
        # UBND-X2: carried over and overdue; received at the end and còn hạn.
        D("A3", date(2023, 6, 20), "dang_giai_quyet", date(2023, 6, 30), level="xa",
          agency="UBND-X2"),
        D("A4", date(2023, 9, 28), "dang_giai_quyet", date(2023, 10, 5), level="xa",
          agency="UBND-X2"),
        # SO-1: withdrawn in the window; and a row with an impossible date (line 7).
        D("A5", date(2023, 7, 4), "rut", date(2023, 7, 14), None, date(2023, 7, 6), level="tinh",
          agency="SO-1"),
        D("A6", "31/02/2023", "dang_giai_quyet", date(2023, 7, 14), level="tinh", agency="SO-1"),
    ]  # fmt: skip
    return write_csv(folder / "so.csv", rows)


def run_stats(folder: Path, *extra: str) -> Path:
    units = folder / "don-vi.yaml"
    units.write_text(UNITS, encoding="utf-8")
    out = folder / "thong-ke.xlsx"
    result = runner.invoke(
        app,
        [
            "dossiers",
            "stats",
            str(ledger(folder)),
            "--from",
            "01/07/2023",
            "--to",
            "30/09/2023",
            "--by",
            "level,agency",
            "--units",
            str(units),
            "--xlsx",
            str(out),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_stats(tmp_path_factory.mktemp("thong-ke"))


def _table(path: Path) -> tuple[Any, list[dict[str, Any]]]:
    sheet = openpyxl.load_workbook(path)["Thống kê"]
    groups = [c.value for c in sheet[4]]
    parts = [c.value for c in sheet[5]]
    # A header is its group over its part ("Đã giải quyết / Đúng hạn"); merged group
    # cells hold their text in the first column of the span.
    names, current = [], None
    for group, part in zip(groups, parts, strict=True):
        current = group if group is not None else current
        names.append(f"{current} / {part}" if part else current)
    rows = [
        dict(zip(names, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=6)
        if row[names.index("Tổng số hồ sơ / Tổng số")].value is not None
    ]
    return sheet, rows


def test_one_row_per_group_in_order_with_names_then_the_total(workbook: Path) -> None:
    sheet, rows = _table(workbook)
    assert sheet["A1"].value == "THỐNG KÊ HỒ SƠ MỘT CỬA TỪ NGÀY 01/07/2023 ĐẾN NGÀY 30/09/2023"
    assert "so.csv (6 dòng, loại 1 dòng lỗi)" in sheet["A2"].value
    body = [r for r in rows if r["STT"] != "Tổng cộng"]
    # Levels in the order of the administration; agencies with numbers by value.
    assert [(r["Cấp"], r["Cơ quan giải quyết"]) for r in body] == [
        ("Cấp tỉnh", "SO-1"),
        ("Cấp xã", "UBND xã Nghĩa Kỳ (UBND-X2)"),
        ("Cấp xã", "UBND xã Nghĩa Hà (UBND-X10)"),
    ]
    so, x2, x10 = body
    assert (so["Tổng số hồ sơ / Tổng số"], so["Rút"]) == (1, 1)
    assert so["Tỷ lệ đúng hạn (%) / Trên số đã giải quyết"] is None  # nothing resolved: no rate
    assert x2["Tổng số hồ sơ / Kỳ trước chuyển qua"] == 1
    assert (x2["Đang giải quyết / Còn hạn"], x2["Đang giải quyết / Quá hạn"]) == (1, 1)
    assert x2["Tỷ lệ đúng hạn (%) / Chung (đã và đang giải quyết)"] == 50
    assert (x10["Đã giải quyết / Đúng hạn"], x10["Đã giải quyết / Quá hạn"]) == (1, 1)
    assert x10["Tỷ lệ đúng hạn (%) / Trên số đã giải quyết"] == 50
    total = rows[len(body)]
    assert total["STT"] == "Tổng cộng"
    assert total["Tổng số hồ sơ / Tổng số"] == 5
    assert total["Tổng số hồ sơ / Tiếp nhận mới"] == 4
    assert total["Đã giải quyết / Tổng số"] == 2
    # (1 on time + 1 còn hạn) / (5 − 1 withdrawn) × 100.
    assert total["Tỷ lệ đúng hạn (%) / Chung (đã và đang giải quyết)"] == 50
    counts = {sheet.cell(6, col).number_format for col in range(4, 23)}
    assert counts == {"#,##0"}
    assert {sheet.cell(6, col).number_format for col in (23, 24)} == {"#,##0.00"}
    assert sheet.freeze_panes == "D6"
    assert sheet.print_title_rows == "$4:$5"


def test_the_rows_left_out_are_listed_for_the_unit_to_correct(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    note = [c.value for row in book["Thống kê"].iter_rows() for c in row if c.value]
    assert any(str(v).startswith("Không tính 1 dòng lỗi (ngày tiếp nhận") for v in note)
    sheet = book["Dòng bị loại"]
    assert sheet["A1"].value == "CÁC DÒNG BỊ LOẠI KHỎI THỐNG KÊ: 1 DÒNG"
    header = [c.value for c in sheet[4]]
    line = dict(zip(header, (c.value for c in sheet[5]), strict=True))
    assert line["Tệp"].endswith("so.csv")
    assert (line["Dòng"], line["Mã hồ sơ"], line["Giá trị trong ô"]) == (7, "A6", "31/02/2023")
    assert line["Lỗi"].startswith("ngày tiếp nhận")


def _stats_xlsx(tmp_path: Path, rows: list[D]) -> tuple[Any, Path]:
    """``stats --xlsx`` over these rows for Q3/2023: the run and the workbook written."""
    out = tmp_path / "tk.xlsx"
    result = runner.invoke(
        app,
        ["dossiers", "stats", str(write_csv(tmp_path / "so.csv", rows)), "--from", "01/07/2023",
         "--to", "30/09/2023", "--xlsx", str(out)],
    )  # fmt: skip
    return result, out


def test_without_grouping_one_row_for_all_dossiers_and_no_problem_sheet(tmp_path: Path) -> None:
    rows = [D("A1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 10), None, date(2023, 7, 7))]
    result, out = _stats_xlsx(tmp_path, rows)
    assert result.exit_code == 0, result.output
    assert f"Đã ghi bảng thống kê: {out}" in result.stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Thống kê"]
    _, rows_read = _table(out)
    assert [(r["STT"], r["Phạm vi"], r["Đã giải quyết / Đúng hạn"]) for r in rows_read] == [
        (1, "Tất cả hồ sơ", 1)
    ]


def test_a_ledger_none_of_whose_rows_count_is_marked_as_an_error_in_the_table(
    tmp_path: Path,
) -> None:
    # A sheet sent on without the terminal's output must not pass its zeros as figures.
    rows = [D("A1", date(2023, 7, 3), "Quá hạn", date(2023, 7, 10))]
    result, out = _stats_xlsx(tmp_path, rows)
    assert result.exit_code == 1
    cells = [c for row in openpyxl.load_workbook(out)["Thống kê"].iter_rows() for c in row]
    error = next(c for c in cells if str(c.value or "").startswith("Lỗi: "))
    assert "không dòng nào của" in error.value
    assert "Cột trạng thái chỉ ghi đúng hạn/quá hạn" in error.value
    assert error.font.bold


def test_an_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    rows = [D("A1", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 10), None, date(2023, 7, 7))]
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(
        app,
        ["dossiers", "stats", str(write_csv(tmp_path / "so.csv", rows)), "--from", "01/07/2023",
         "--to", "30/09/2023", "--xlsx", str(blocker / "tk.xlsx")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "khong-phai-thu-muc/tk.xlsx: không tạo được tệp" in result.output


@pytest.mark.slow
def test_prints_one_page_wide_without_text_over_text(workbook: Path, tmp_path: Path) -> None:
    require_binary("soffice")
    pdf = convert_to_pdf(workbook, tmp_path / "thong-ke.pdf")
    # Both sheets are short: one page each, every column on it.
    info = {page: page_words(pdf, page) for page in (1, 2)}
    words = " ".join(w.text for w in info[1])
    # ASCII words: LibreOffice splits words at letters it takes from a fallback font.
    for word in ("STT", "Thanh", "Chung", "SO-1", "(UBND-X10)", "50.00"):
        assert word in words.split(), word
    assert "31/02/2023" in " ".join(w.text for w in info[2])
    assert overprinted_pages(pdf) == []


@pytest.mark.slow
def test_a_long_error_line_wraps_under_the_table_and_does_not_shrink_the_page(
    tmp_path: Path,
) -> None:
    require_binary("soffice")
    rows = [D("A1", date(2023, 7, 3), "Quá hạn", date(2023, 7, 10))]
    _, out = _stats_xlsx(tmp_path, rows)
    words = page_words(convert_to_pdf(out, tmp_path / "tk.pdf"), 1)
    landscape_a4 = 842
    # The table keeps its printed size: its last column ends near the right margin
    # (a line of text running past it shrank the whole page to under half its width).
    assert max(w.x_max for w in words if w.text == "Chung") > 0.8 * landscape_a4
    # The error is wrapped inside the page and printed to its last word.
    assert max(w.x_max for w in words) < landscape_a4
    joined = unicodedata.normalize("NFC", "".join(w.text for w in words))
    assert "hãyxuấtlạisổtừphầnmềmmộtcửavớicộttrạngthái." in joined
