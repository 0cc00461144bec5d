"""Reports of the family in the layouts the seeds do not show, built as real Word files.

- a 2021 report of a provincial office (Văn phòng UBND tỉnh) with ONE combined
  appendix: a responsible-agency column, parts headed by the reform areas, and
  its own numbering (TTHC results 3.4.x), a page break with the header repeated,
  a "Trong đó" sub-row without code, a code printed twice by mistake, a number
  written "1,236" the English way, and rows the catalog has no indicator for;
- a 2024 department report whose single "Phụ lục I" numbers everything with
  the form number first (1.1 … 7.6.4.2), followed by a trailing Biểu mẫu 3
  fragment numbered as the 2023 forms.

Their values are written here by hand; the tests say what the importer must
make of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import SeedCell, add_form_table, page_break


def _cells(*texts: str) -> list[SeedCell]:
    return [SeedCell(t) for t in texts]


def _header_table(document: Any, left: str, right: str) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = ""
        lines = text.split("\n")
        cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            cell.add_paragraph(line)


REPORT_2021_ROWS_PAGE_1 = [
    _cells("1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "", "", "", ""),
    _cells(
        "1.1",
        "Số văn bản chỉ đạo, điều hành CCHC đã ban hành",
        "Văn bản",
        "15",
        "Văn phòng UBND tỉnh",
        "",
    ),
    _cells("1.2", "Kế hoạch CCHC năm 2021", "", "", "", ""),
    _cells(
        "1.2.1", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "32", "Văn phòng UBND tỉnh", ""
    ),
    _cells("1.2.2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "30", "", ""),
    _cells("1.2.3", "Tỷ lệ hoàn thành kế hoạch CCHC năm", "%", "93,75", "", ""),
    _cells("2", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
    _cells(
        "2.1",
        "Số VBQPPL do cơ quan chủ trì soạn thảo, tham mưu UBND tỉnh ban hành",
        "Văn bản",
        "3",
        "Sở Tư pháp",
        "",
    ),
    _cells("2.2", "Số văn bản quy phạm pháp luật đã rà soát", "Văn bản", "14", "Sở Tư pháp", ""),
    _cells("3", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""),
    _cells("3.1", "Số TTHC được công bố mới", "Thủ tục", "6", "Văn phòng UBND tỉnh", ""),
    _cells("3.2", "Số TTHC được bãi bỏ, thay thế", "Thủ tục", "2", "", ""),
    _cells("3.3", "Tổng số TTHC thuộc thẩm quyền giải quyết", "Thủ tục", "28", "", ""),
    _cells("3.4", "Kết quả giải quyết hồ sơ TTHC", "", "", "", ""),
    _cells("3.4.1", "Tổng số hồ sơ TTHC đã tiếp nhận", "Hồ sơ", "1.250", "Văn phòng UBND tỉnh", ""),
    _cells(
        "3.4.2", "Số hồ sơ TTHC đã giải quyết", "Hồ sơ", "1,236", "", "Số liệu phần mềm một cửa"
    ),
    _cells("", "Trong đó: số hồ sơ giải quyết đúng hạn", "Hồ sơ", "1.230", "", ""),
    _cells("3.4.4", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "%", "99,51", "", ""),
    _cells("3.5", "Số phản ánh, kiến nghị về quy định TTHC đã tiếp nhận", "PAKN", "2", "", ""),
    _cells("3.6", "Số phản ánh, kiến nghị đã xử lý xong", "PAKN", "2", "", ""),
]
REPORT_2021_ROWS_PAGE_2 = [
    _cells("4", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "", "", "", ""),
    _cells("4.1", "Số biên chế công chức được giao", "Người", "45", "Văn phòng UBND tỉnh", ""),
    _cells("4.2", "Số công chức có mặt", "Người", "43", "", ""),
    _cells("4.3", "Số người làm việc trong đơn vị sự nghiệp được giao", "Người", "20", "", ""),
    _cells("4.3", "Số người làm việc có mặt", "Người", "18", "", ""),
    _cells("5", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "", "", "", ""),
    _cells("5.1", "Số công chức được tuyển dụng", "Người", "2", "", ""),
    _cells("5.2", "Số cán bộ, công chức, viên chức bị kỷ luật", "Người", "0", "", ""),
    _cells("6", "CẢI CÁCH TÀI CHÍNH CÔNG", "", "", "", ""),
    _cells(
        "6.1",
        "Kế hoạch vốn đầu tư công được giao",
        "Triệu đồng",
        "12.500",
        "Sở Kế hoạch và Đầu tư",
        "",
    ),
    _cells("6.2", "Vốn đầu tư công đã giải ngân", "Triệu đồng", "11.980,5", "", ""),
    _cells("6.3", "Tỷ lệ giải ngân vốn đầu tư công", "%", "95,84", "", ""),
    _cells("7", "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ", "", "", "", ""),
    _cells("7.1", "Tỷ lệ văn bản điện tử được gửi, nhận trên môi trường mạng", "%", "98", "", ""),
    _cells("7.2", "Số TTHC cung cấp dịch vụ công trực tuyến mức độ 3", "Thủ tục", "25", "", ""),
    _cells("7.3", "Số TTHC cung cấp dịch vụ công trực tuyến mức độ 4", "Thủ tục", "10", "", ""),
    _cells("7.4", "Số hồ sơ nộp trực tuyến qua Cổng dịch vụ công", "Hồ sơ", "320", "", ""),
    _cells("7.5", "Tỷ lệ hồ sơ được số hóa khi tiếp nhận", "%", "45", "", ""),
]
COMBINED_HEADER = ["TT", "Nội dung", "Đơn vị tính", "Kết quả", "Cơ quan chủ trì", "Ghi chú"]


def _combined_table(document: Any, rows: list[list[SeedCell]]) -> None:
    numbering = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    table = add_form_table(
        document, rows, header_top=COMBINED_HEADER, header_bottom=numbering, merges=[]
    )
    # Part headings span the whole row, as Word users merge them.
    for r, row in enumerate(rows, start=2):
        if row[0].text.isdigit():
            merged = table.cell(r, 1).merge(table.cell(r, 5))
            merged.text = row[1].text


def report_2021_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    _header_table(
        document,
        "UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG\n\nSố: 245/BC-VP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Quảng Ngãi, ngày 10 tháng 12 năm 2021",
    )
    for text in [
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính năm 2021",
        "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi.",
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 20/01/2021 của UBND tỉnh Quảng Ngãi; Văn phòng "
        "UBND tỉnh báo cáo kết quả thực hiện công tác cải cách hành chính năm 2021 như sau:",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "Văn phòng đã ban hành 15 văn bản chỉ đạo, điều hành công tác cải cách hành chính.",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Cải cách thủ tục hành chính",
        "Số liệu tính từ ngày 16/12/2020 đến ngày 15/12/2021.",
        "Trong năm 2021, Văn phòng UBND tỉnh tiếp nhận 1.250 hồ sơ, đã giải quyết 1.236 hồ sơ "
        "(trong đó đúng hạn 1.230 hồ sơ, quá hạn 06 hồ sơ), đang giải quyết 14 hồ sơ. Tỷ lệ giải "
        "quyết hồ sơ đúng hạn đạt 99,51%.",
        "2. Cải cách tổ chức bộ máy",
        "Năm 2021, Văn phòng được giao 45 biên chế công chức, có mặt 43 người.",
        "3. Cải cách tài chính công",
        "Kế hoạch vốn đầu tư công năm 2021 được giao 12.500 triệu đồng; đã giải ngân 11.980,5 "
        "triệu đồng, đạt 95,84% kế hoạch.",
        "4. Xây dựng chính quyền điện tử",
        "Trong năm, Văn phòng tiếp nhận 310 hồ sơ trực tuyến qua Cổng dịch vụ công của tỉnh.",
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính năm 2021 của Văn phòng "
        "UBND tỉnh./.",
    ]:
        document.add_paragraph(text)
    _header_table(
        document,
        "Nơi nhận:\n- Như trên;\n- Lãnh đạo Văn phòng;\n- Lưu: VT, HCTC.",
        "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\n\nTrần Văn An",
    )
    page_break(document)
    for text in [
        "PHỤ LỤC",
        "SỐ LIỆU THỐNG KÊ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "(Kèm theo Báo cáo số 245/BC-VP ngày 10/12/2021 của Văn phòng UBND tỉnh Quảng Ngãi)",
    ]:
        document.add_paragraph(text)
    _combined_table(document, REPORT_2021_ROWS_PAGE_1)
    page_break(document)
    _combined_table(document, REPORT_2021_ROWS_PAGE_2)
    document.save(str(path))
    return path


PHU_LUC_I_PAGE_1 = [
    _cells("1", "Công tác chỉ đạo, điều hành CCHC", "", "", ""),
    _cells("1.1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "5", ""),
    _cells("1.2", "Tỷ lệ hoàn thành Kế hoạch CCHC năm", "%", "45", ""),
    _cells("1.2.1", "Số nhiệm vụ đề ra trong Kế hoạch", "Nhiệm vụ", "20", ""),
    _cells("1.2.2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "9", ""),
    _cells("2", "Cải cách thể chế", "", "", ""),
    _cells("2.1.1", "Số VBQPPL do cấp tỉnh ban hành", "Văn bản", "1", ""),
    _cells("3", "Cải cách thủ tục hành chính", "", "", ""),
    _cells("3.1.2.", "Số TTHC công bố mới", "Thủ tục", "4", ""),
    _cells(
        "3.1.4.1.", "Số TTHC cấp tỉnh (Bao gồm cả TTHC của cơ quan ngành dọc)", "Thủ tục", "96", ""
    ),
]
PHU_LUC_I_PAGE_2 = [
    _cells("4", "Cải cách tổ chức bộ máy", "", "", ""),
    _cells("4.2.1", "Tổng số biên chế được giao trong năm", "Người", "52", ""),
    _cells("4.2.2", "Tổng số biên chế có mặt tại thời điểm báo cáo", "Người", "50", ""),
    _cells("5", "Cải cách chế độ công vụ", "", "", ""),
    _cells("5.2.1", "Số công chức được tuyển dụng (thi tuyển, xét tuyển)", "Người", "0", ""),
    _cells("6", "Cải cách tài chính công", "", "", ""),
    _cells("6.1.1", "Kế hoạch được giao", "Triệu đồng", "45.000", ""),
    _cells("6.1.2", "Đã thực hiện", "Triệu đồng", "18.250", ""),
    _cells("7", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "", "", ""),
    _cells(
        "7.1",
        "Cập nhật Kiến trúc chính quyền điện tử phiên bản mới nhất",
        "Chưa = 0 Hoàn thành = 1",
        "Hoàn thành",
        "",
    ),
    _cells(
        "7.6.2.2", "Số TTHC đang cung cấp dịch vụ công trực tuyến toàn trình", "Thủ tục", "38", ""
    ),
    _cells("7.6.4", "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến", "%", "65", ""),
    _cells(
        "7.6.4.1",
        "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)",
        "Hồ sơ",
        "400",
        "",
    ),
    _cells("7.6.4.2", "Số hồ sơ TTHC đã tiếp nhận trực tuyến", "Hồ sơ", "260", ""),
    _cells("7.7", "Tỷ lệ hồ sơ TTHC được số hóa", "%", "68", ""),
]
FRAGMENT_BM3 = [
    _cells("3", "Kết quả giải quyết TTHC", "", "", ""),
    _cells(
        "3.1",
        "Tỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được giải quyết đúng hạn",
        "%",
        "99,47",
        "",
    ),
    _cells("3.1.1", "Tổng số hồ sơ TTHC đã giải quyết xong", "Hồ sơ", "380", ""),
    _cells("3.1.2", "Số hồ sơ TTHC giải quyết đúng hạn", "Hồ sơ", "378", ""),
    _cells("1.2", "Số TTHC công bố mới", "Thủ tục", "4", ""),
]


def report_2024_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for text in [
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ XÂY DỰNG",
        "Số: 85/BC-SXD",
        "Quảng Ngãi, ngày 10 tháng 6 năm 2024",
        "BÁO CÁO",
        "Công tác cải cách hành chính 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ 6 tháng "
        "cuối năm 2024",
        "Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND tỉnh; Sở Xây dựng báo cáo kết "
        "quả công tác cải cách hành chính 6 tháng đầu năm 2024 như sau:",
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Cải cách thủ tục hành chính",
        "- Kết quả giải quyết hồ sơ TTHC (số liệu từ ngày 16/12/2023 đến ngày 06/6/2024): Tổng số "
        "hồ sơ tiếp nhận 412 hồ sơ, trong đó kỳ trước chuyển sang 12 hồ sơ, tiếp nhận mới 400 hồ "
        "sơ; đã giải quyết 380 hồ sơ (trước hạn, đúng hạn 378 hồ sơ, quá hạn 02 hồ sơ); đang giải "
        "quyết 30 hồ sơ; trả lại 02 hồ sơ.",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn: (378/380) × 100 = 99,47%.",
        "2. Xây dựng chính quyền số",
        "Tổng số hồ sơ tiếp nhận trực tuyến là 260 hồ sơ, đạt tỷ lệ 65%.",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
        "Tiếp tục thực hiện các nhiệm vụ theo kế hoạch.",
        "Nơi nhận:",
        "- Sở Nội vụ;\n- Lưu: VT, VP.",
        "GIÁM ĐỐC",
        "Lê Văn Bình",
    ]:
        document.add_paragraph(text)
    page_break(document)
    for text in [
        "Phụ lục I",
        "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2024",
        "(Kèm theo Báo cáo số 85/BC-SXD ngày 10/6/2024 của Sở Xây dựng)",
    ]:
        document.add_paragraph(text)
    add_form_table(document, PHU_LUC_I_PAGE_1)
    page_break(document)
    add_form_table(document, PHU_LUC_I_PAGE_2)
    page_break(document)
    document.add_paragraph("Biểu mẫu 3")
    document.add_paragraph("Cải cách thủ tục hành chính")
    add_form_table(document, FRAGMENT_BM3)
    document.save(str(path))
    return path
