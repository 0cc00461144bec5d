"""Late-dossier list (XLSX) and apology letters (DOCX, Mẫu 04) read back as a user sees them."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import docx
import openpyxl
from typer.testing import CliRunner

from cchc.cli import app
from conftest import require_binary
from ledgers import late_ledger

runner = CliRunner()


def apologies(ledger: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(
        app,
        [
            "dossiers",
            "apologies",
            str(ledger),
            "--from",
            "01/06/2023",
            "--to",
            "25/09/2023",
            "--out",
            str(out),
            "--date",
            "26/09/2023",
            *extra,
        ],
    )


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [p.text for cell in row.cells for p in cell.paragraphs]
    return "\n".join(parts)


def test_the_list_holds_only_late_dossiers_with_dates_as_dates(tmp_path: Path) -> None:
    result = apologies(late_ledger(tmp_path, applicant=True), tmp_path / "out", "--days", "3")
    assert result.exit_code == 0, result.output
    assert "Hồ sơ quá hạn từ ngày 01/06/2023 đến ngày 25/09/2023: 2 hồ sơ." in result.stdout
    sheet = openpyxl.load_workbook(tmp_path / "out" / "danh-sach-ho-so-qua-han.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH HỒ SƠ QUÁ HẠN TỪ NGÀY 01/06/2023 ĐẾN NGÀY 25/09/2023"
    header = rows[1]
    assert header[:2] == ("STT", "Mã hồ sơ")
    body = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    assert [r["Mã hồ sơ"] for r in body] == ["HS-001", "HS-002"]
    first, second = body
    assert first["Tình trạng"] == "Đã giải quyết quá hạn"
    assert first["Ngày hẹn trả"].date() == date(2023, 8, 10)
    # Due Thu 10/08, result Mon 14/08: Fri 11 and Mon 14 are the late working days.
    assert first["Số ngày làm việc quá hạn"] == 2
    assert first["Ngày hẹn trả mới"].date() == date(2023, 8, 14)
    assert second["Tình trạng"] == "Đang giải quyết quá hạn"
    # Due Fri 15/09, pending on Mon 25/09: 18–22 and 25/09 are six late working days.
    assert second["Số ngày làm việc quá hạn"] == 6
    # Letter Tue 26/09/2023 + 3 working days = Fri 29/09/2023.
    assert second["Ngày hẹn trả mới"].date() == date(2023, 9, 29)
    assert second["Người nộp"] == "Công ty TNHH An Phú"
    date_cells = [c for c in sheet[3] if c.column_letter in "IJKN"]
    assert {c.number_format for c in date_cells} == {"dd/mm/yyyy"}


def test_one_letter_per_dossier_following_mẫu_04(tmp_path: Path) -> None:
    result = apologies(
        late_ledger(tmp_path, applicant=True),
        tmp_path / "out",
        "--days",
        "3",
        "--reason",
        "cần xác minh thêm thông tin",
    )
    assert result.exit_code == 0
    letters = sorted((tmp_path / "out" / "phieu-xin-loi").iterdir())
    assert [p.name for p in letters] == ["HS-001.docx", "HS-002.docx"]
    text = docx_text(letters[1])
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Kính gửi: Công ty TNHH An Phú." in text
    # Mẫu 04 carries no number line and no "Nơi nhận"; the signer is the form's.
    assert "Số:" not in text
    assert "Nơi nhận" not in text
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ\n(Ký, ghi rõ họ tên và đóng dấu)" in text
    assert "Ngày 04/09/2023, UBND-X01 tiếp nhận hồ sơ" in text
    assert "“Đăng ký khai sinh”" in text
    assert "mã hồ sơ: HS-002" in text
    # Each file holds its own letter only (the letters are drafted one after another).
    assert text.count("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ") == 1
    assert "HS-001" not in text
    assert "HS-002" not in docx_text(letters[0])
    assert "là ngày 15/09/2023" in text
    assert "Lý do: cần xác minh thêm thông tin." in text
    assert "hẹn lại ngày trả kết quả vào ngày 29/09/2023" in text
    assert "ngày 26 tháng 9 năm 2023" in text
    # Dates a user reads are dd/mm/yyyy; no ISO date leaks into the letter.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    document = docx.Document(str(letters[1]))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    assert runs
    assert {r.font.name for r in runs} <= {None, "Times New Roman"}
    # One-page letters, printed one after another: no page carries a number.
    assert not section.different_first_page_header_footer
    assert not "".join(p.text for p in section.header.paragraphs).strip()


def test_without_an_applicant_column_the_letter_says_so(tmp_path: Path) -> None:
    result = apologies(late_ledger(tmp_path, applicant=False), tmp_path / "out")
    assert result.exit_code == 0
    text = docx_text(tmp_path / "out" / "phieu-xin-loi" / "HS-002.docx")
    assert "Kính gửi: (không có trong sổ)" in text
    # No reason given anywhere: a dotted line to fill in by hand, not an invented one.
    assert re.search(r"Lý do: …+\.", text)


def test_merged_letters_in_one_document_one_page_each(tmp_path: Path) -> None:
    result = apologies(late_ledger(tmp_path, applicant=True), tmp_path / "out", "--merged")
    assert result.exit_code == 0
    assert not (tmp_path / "out" / "phieu-xin-loi").exists()
    merged = tmp_path / "out" / "phieu-xin-loi.docx"
    text = docx_text(merged)
    assert text.count("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ") == 2
    xml = docx.Document(str(merged)).element.xml
    # The second letter starts a page (the PDF test below counts the printed pages).
    assert xml.count("<w:pageBreakBefore/>") == 1


def letter_with_units(folder: Path, *units: str) -> str:
    """The text of HS-001's letter, with a unit list of these YAML entries."""
    path = folder / "don-vi.yaml"
    path.write_text("units:\n" + "".join(f"  - {u}\n" for u in units), encoding="utf-8")
    result = apologies(late_ledger(folder, applicant=True), folder / "out", "--units", str(path))
    assert result.exit_code == 0, result.output
    return docx_text(folder / "out" / "phieu-xin-loi" / "HS-001.docx")


def test_agency_names_come_from_the_unit_list(tmp_path: Path) -> None:
    text = letter_with_units(
        tmp_path,
        "{code: tu-nghia, name: 'UBND huyện Tư Nghĩa', level: district}",
        "{code: UBND-X01, name: 'UBND xã Nghĩa Kỳ', level: commune, parent: tu-nghia,"
        " profile: {place: 'Nghĩa Kỳ', signer: {title: 'Chủ tịch', name: 'Lê Văn Ba'}}}",
    )
    # As in the unit's reports (Nghị định 30): an UBND is spelt out on two lines
    # and prints no parent body above it.
    assert "ỦY BAN NHÂN DÂN\nXÃ NGHĨA KỲ" in text
    assert "TƯ NGHĨA" not in text
    assert "Nghĩa Kỳ, ngày 26 tháng 9 năm 2023" in text
    assert "UBND xã Nghĩa Kỳ tiếp nhận hồ sơ" in text
    # The profile's signer signs; the form's hint gives way to the printed name.
    assert "CHỦ TỊCH" in text
    assert "Lê Văn Ba" in text
    assert "THỦ TRƯỞNG CƠ QUAN" not in text
    assert "(Ký, ghi rõ họ tên và đóng dấu)" not in text


def test_a_department_prints_its_parent_body_and_profile_header(tmp_path: Path) -> None:
    text = letter_with_units(
        tmp_path,
        "{code: qn, name: 'UBND tỉnh Quảng Ngãi', level: province}",
        "{code: UBND-X01, name: 'Sở Tư pháp', level: department, parent: qn}",
    )
    assert "UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP" in text
    # No place in the profile: dots to write it by hand before the date.
    assert "……, ngày 26 tháng 9 năm 2023" in text


def province_wording(folder: Path, paragraph: str) -> Path:
    """A province's data folder whose apology letter has this one paragraph."""
    data = folder / "tinh"
    (data / "documents").mkdir(parents=True)
    (data / "documents" / "apology.yaml").write_text(
        "id: apology\n"
        "title: PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ\n"
        "addressee: 'Kính gửi: {applicant}.'\n"
        f"paragraphs:\n  - '{paragraph}'\n"
        "signer_title: GIÁM ĐỐC TRUNG TÂM\n"
        "signature_hint: (Ký tên, đóng dấu)\n",
        encoding="utf-8",
    )
    return data


def test_a_province_words_the_letter_through_its_own_data_file(tmp_path: Path) -> None:
    data = province_wording(
        tmp_path, "{agency} xin lỗi vì hồ sơ {dossier_id} trễ hẹn; hẹn lại ngày {new_date}."
    )
    result = apologies(
        late_ledger(tmp_path, applicant=True), tmp_path / "out", "--data-dir", str(data)
    )
    assert result.exit_code == 0, result.output
    text = docx_text(tmp_path / "out" / "phieu-xin-loi" / "HS-001.docx")
    # HS-001 was resolved late on 14/08/2023: that is the new date the letter gives.
    assert "UBND-X01 xin lỗi vì hồ sơ HS-001 trễ hẹn; hẹn lại ngày 14/08/2023." in text
    assert "GIÁM ĐỐC TRUNG TÂM\n(Ký tên, đóng dấu)" in text
    # The province's file replaces the built-in one whole.
    assert "trân trọng cảm ơn" not in text
    assert "THỦ TRƯỞNG CƠ QUAN" not in text


def test_a_faulty_wording_file_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    data = province_wording(tmp_path, "Ngày {ngay_nhan}, {agency} tiếp nhận hồ sơ.")
    out = tmp_path / "out"
    result = apologies(late_ledger(tmp_path, applicant=True), out, "--data-dir", str(data))
    assert result.exit_code == 2
    assert "apology.yaml" in result.stderr
    assert "paragraphs › đoạn 1: không có chỗ điền “{ngay_nhan}”" in result.stderr
    assert "{received}" in result.stderr
    assert not out.exists()


def test_a_failed_run_writes_no_documents(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = apologies(tmp_path / "khong-co.csv", out)
    assert result.exit_code == 2
    assert not out.exists()


def test_each_merged_letter_prints_on_exactly_one_a4_page(tmp_path: Path) -> None:
    soffice = require_binary("soffice")
    pdfinfo = require_binary("pdfinfo")
    result = apologies(
        late_ledger(tmp_path, applicant=True),
        tmp_path / "out",
        "--merged",
        "--reason",
        "hồ sơ đất đai cần đo đạc, xác minh lại ranh giới thửa đất",
    )
    assert result.exit_code == 0
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "out" / "phieu-xin-loi.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(
        [pdfinfo, str(tmp_path / "phieu-xin-loi.pdf")], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"^Pages:\s+2$", info, flags=re.MULTILINE)
    assert re.search(r"^Page size:.*\(A4\)$", info, flags=re.MULTILINE)
    assert re.search(
        r"^Title:\s+Phiếu xin lỗi và hẹn lại ngày trả kết quả$", info, flags=re.MULTILINE
    )
