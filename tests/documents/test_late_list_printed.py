"""The late-dossier list as it prints: one A4 landscape page wide, wrapped cells whole.

Before, the 16 columns printed three to a portrait page (six pages for a
one-page list) and long names ran over the next row; these tests read the
PDF LibreOffice makes of the XLSX, as an office printing its worklist would.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.documents.pdf import convert_to_pdf
from conftest import require_binary
from ledgers import late_ledger
from pdf_words import overlapping, page_words

runner = CliRunner()

LONG_NAME = (
    "Thủ tục cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác "
    "gắn liền với đất lần đầu cho hộ gia đình, cá nhân (1.004227)"
)
HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan giải quyết",
    "Cấp",
    "Người nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Tình trạng",
    "Số ngày làm việc quá hạn",
    "Ngày hẹn trả mới",
    "Lý do quá hạn",
    "Tệp, dòng trong sổ",
)


def _late_list(folder: Path) -> Path:
    ledger = late_ledger(folder, applicant=True, first_name=LONG_NAME)
    out = folder / "out"
    result = runner.invoke(
        app,
        [
            *("dossiers", "apologies", str(ledger)),
            *("--from", "01/06/2023", "--to", "25/09/2023"),
            *("--out", str(out), "--date", "26/09/2023"),
        ],
    )
    assert result.exit_code == 0, result.output
    return out / "danh-sach-ho-so-qua-han.xlsx"


def test_the_list_carries_its_print_setup(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_late_list(tmp_path)).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$2:$2"  # the header row on every page
    assert sheet.freeze_panes == "C3"  # STT and the dossier id stay in view
    assert sheet.auto_filter.ref == "A2:P4"
    assert sheet.oddFooter.center.text == "Trang &P/&N"


@pytest.mark.slow
def test_the_printed_list_is_one_landscape_page_with_every_column_and_no_overlap(
    tmp_path: Path,
) -> None:
    require_binary("soffice")
    pdfinfo = require_binary("pdfinfo")
    pdf = convert_to_pdf(_late_list(tmp_path))
    info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, flags=re.MULTILINE), info
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)$", info, flags=re.MULTILINE)
    assert size, info
    assert float(size[1]) > float(size[2]), info  # landscape
    words = page_words(pdf)
    assert not overlapping(words)  # no line printed over another cell's
    squeezed = "".join(w.text for w in words)
    # Every column's heading, the last one included, on the page (LibreOffice may
    # split a word where it took a letter from another font: compare without spaces).
    for heading in HEADERS:
        for word in heading.split():
            assert word in squeezed, heading
    # The long name wraps inside its row: its last word is printed (a row too low
    # clips it) and ends above the next row.
    ends = [w.y_max for w in words if w.text == "(1.004227)"]
    assert ends, "the end of the long procedure name is cut off"
    assert max(ends) <= min(w.y_min for w in words if w.text == "HS-002")
