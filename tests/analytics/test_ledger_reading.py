"""Reading ledgers: formats, headers in any spelling, and problem rows reported, not fatal."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.late_dossiers import late_dossiers
from cchc.analytics.ledger import LedgerError, empty_lines
from cchc.domain.dossier_ledger import Problem, fold
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from ledgers import CANONICAL, VIETNAMESE, D, write_csv, write_parquet, write_xlsx

WINDOW = DateWindow(date(2023, 6, 1), date(2023, 9, 25))


def rows() -> list[D]:
    return [
        D(
            "A1",
            datetime(2023, 6, 1, 8, 30),
            "da_giai_quyet",
            date(2023, 6, 5),
            3,
            datetime(2023, 6, 5, 16, 0),
            channel="truc_tuyen",
            online_level="toan_trinh",
            digitised_input=True,
        ),
        D("A2", date(2023, 5, 20), "da_giai_quyet", date(2023, 5, 30), None, date(2023, 6, 2)),
        D("A3", date(2023, 9, 25), "dang_giai_quyet", None, 2, level="xa"),
        D("A4", date(2023, 7, 1), "rut", date(2023, 7, 10), None, date(2023, 7, 4), level="xa"),
    ]


def stats(registry: Registry, *paths: Path, by: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    with DossierEngine(list(paths), registry) as engine:
        return engine.stats(WINDOW, by)


def expected_total() -> dict[str, int]:
    # A1 on time (finished on its due day), A2 carried over and late, A3 pending còn hạn
    # (due Wed 27/09), A4 withdrawn in the window.
    return {
        "total": 4,
        "carried_over": 1,
        "received": 3,
        "resolved": 2,
        "resolved_on_time": 1,
        "resolved_late": 1,
        "pending_on_time": 1,
        "withdrawn": 1,
    }


def check(result, excluded: int = 0) -> None:  # type: ignore[no-untyped-def]
    data = result.total.as_dict()
    assert {k: data[k] for k in expected_total()} == expected_total()
    assert data["online_received"]["toan_trinh"] == {"received": 1, "online": 1}
    assert data["digitised_input"] == 1
    assert result.excluded == excluded


def test_canonical_csv(registry: Registry, tmp_path: Path) -> None:
    check(stats(registry, write_csv(tmp_path / "so.csv", rows())))


def test_vietnamese_headers_with_or_without_diacritics_in_any_case(
    registry: Registry, tmp_path: Path
) -> None:
    accented = write_csv(tmp_path / "a.csv", rows(), headers=VIETNAMESE)
    check(stats(registry, accented))
    plain = {k: fold(v).replace("_", " ").upper() for k, v in VIETNAMESE.items()}
    check(stats(registry, write_csv(tmp_path / "b.csv", rows(), headers=plain)))


def test_a_title_above_the_header_and_semicolons(registry: Registry, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        rows(),
        headers=VIETNAMESE,
        delimiter=";",
        above=["SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/6/2023 đến ngày 25/9/2023"],
    )
    check(stats(registry, path))


def test_vietnamese_words_and_dates_in_the_cells(registry: Registry, tmp_path: Path) -> None:
    words = [
        D(
            "V1",
            "01/06/2023 08:30",
            "Đã giải quyết",
            "05/06/2023",
            "3",
            "05/06/2023 16:00",
            channel="Trực tuyến",
            online_level="Toàn trình",
            digitised_input="Có",
        ),
        D(
            "V2",
            "20/5/2023",
            "ĐÃ GIẢI QUYẾT",
            "30/05/2023",
            "",
            "02/06/2023",
            level="Huyện",
            digitised_input="không",
        ),
        D("V3", "25/09/2023", "Đang giải quyết", "", "2", level="Xã", online_level="không"),
        D("V4", "2023-07-01", "Rút", "2023-07-10", "", "2023-07-04", level="xã"),
    ]
    check(stats(registry, write_csv(tmp_path / "v.csv", words, headers=VIETNAMESE)))


def test_times_on_a_12_hour_clock_and_with_fractions_of_a_second(
    registry: Registry, tmp_path: Path
) -> None:
    """What one-stop software on Windows in Vietnamese exports: "2:15:00 CH" (chiều)."""
    clocks = [
        D(
            "T1",
            "01/06/2023 8:30:00 SA",
            "da_giai_quyet",
            "05/06/2023 12:00:00 CH",
            "3",
            # Late in the evening of the due day: still the due day, so on time.
            "05/06/2023 11:45:10 CH",
            channel="truc_tuyen",
            online_level="toan_trinh",
            digitised_input=True,
        ),
        D(
            "T2",
            "20/05/2023 4:05 PM",
            "da_giai_quyet",
            "30/05/2023 00:00:00.000",
            "",
            "02/06/2023 10:15:30,250",
        ),
        # The window's last day, in the evening: received in the window, not the day after.
        D("T3", "25/09/2023 11:59:59 ch", "dang_giai_quyet", "", "2", level="xa"),
        D(
            "T4",
            "2023-07-01T07:30:00+07:00",
            "rut",
            "10/07/2023 5:00 p.m.",
            "",
            "4/7/2023 9:00 AM",
            level="xa",
        ),
    ]
    check(stats(registry, write_csv(tmp_path / "gio.csv", clocks)))
    # A time that is not one stays a problem: the date is not guessed from the text.
    wrong = [*clocks, D("T5", "02/06/2023 25:00"), D("T6", "02/06/2023 8:30 tối")]
    result = stats(registry, write_csv(tmp_path / "sai.csv", wrong))
    check(result, excluded=2)
    assert {(b.row, b.problem) for b in result.bad_rows} == {
        (6, Problem.BAD_RECEIVED),
        (7, Problem.BAD_RECEIVED),
    }


def test_wards_townships_urban_districts_and_towns_count_at_their_level(
    registry: Registry, tmp_path: Path
) -> None:
    ledger = [
        D(f"L{i}", date(2023, 7, 3), due_at=date(2023, 7, 10), level=level)
        for i, level in enumerate(["Phường", "Thị trấn", "Cấp phường", "Quận", "Thị xã", "Xã"])
    ]
    ledger.append(D("L9", date(2023, 7, 3), due_at=date(2023, 7, 10), level="Thành phố"))
    result = stats(registry, write_csv(tmp_path / "cap.csv", ledger), by=("level",))
    received = {key: group.as_dict()["received"] for key, group in result.groups.items()}
    assert received == {("xa",): 4, ("huyen",): 2}
    # "Thành phố" is a province-level or a district-level city: reported, not guessed.
    assert [(b.row, b.problem) for b in result.bad_rows] == [(8, Problem.UNKNOWN_LEVEL)]


def test_xlsx_with_real_date_cells_and_a_title_row(registry: Registry, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "so.xlsx", rows(), headers=VIETNAMESE, above=["SỔ THEO DÕI"])
    check(stats(registry, path))


def test_parquet_with_typed_columns(registry: Registry, tmp_path: Path) -> None:
    check(stats(registry, write_parquet(tmp_path / "so.parquet", rows())))


def test_several_files_add_up(registry: Registry, tmp_path: Path) -> None:
    first, second = rows()[:2], rows()[2:]
    result = stats(
        registry, write_csv(tmp_path / "1.csv", first), write_xlsx(tmp_path / "2.xlsx", second)
    )
    check(result)
    assert [s.rows for s in result.sources] == [2, 2]


def test_missing_required_columns_are_named_in_vietnamese(
    registry: Registry, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "thieu.csv", rows(), columns=("dossier_id", "status", "level"))
    with pytest.raises(LedgerError) as error:
        stats(registry, path)
    message = str(error.value)
    assert "thieu.csv" in message
    assert "received_at [ngày tiếp nhận]" in message
    assert "due_at [ngày hẹn trả]" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # "Mã hồ sơ, Ngày tiếp nhận, Trạng thái" typed in a TCVN3 font (see test_ledger_encoding).
        ("tcvn3.csv", "M· hå s¬,Ngµy tiÕp nhËn,Tr¹ng th¸i\n".encode("cp1252"), "không phải UTF-8"),
        ("rong.csv", b"", "tệp rỗng"),
        ("bang-khac.csv", b"a,b,c\n1,2,3\n", "không tìm thấy dòng tiêu đề của sổ hồ sơ"),
        ("so.doc", b"x", "không đọc được định dạng “.doc”"),
        ("hong.ods", b"x", "không mở được tệp bảng tính .ods: tệp hỏng"),
        ("hong.xls", b"\xd0\xcf\x11\xe0 broken", "không mở được tệp bảng tính .xls: tệp hỏng"),
        ("hong.xlsx", b"not a zip", "không mở được tệp Excel: tệp hỏng hoặc không phải .*xlsx"),
        # Neither a zip archive nor an old .xls: the user is told how to save it properly.
        ("cu.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "lưu lại dạng “Excel Workbook"),
        ("hong.parquet", b"not parquet", "tệp hỏng hoặc không phải định dạng Parquet"),
        # The "Excel" export of many web programs: an HTML table named .xls.
        (
            "xuat.xls",
            "<html><body><table><tr><td>Mã hồ sơ</td></tr></table></body></html>".encode(),
            "tệp này là văn bản HTML hoặc XML mang đuôi .xls",
        ),
    ],
)
def test_unreadable_files_fail_with_the_file_named(
    registry: Registry, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LedgerError, match=expected) as error:
        stats(registry, path)
    assert name in str(error.value)


def test_an_empty_excel_sheet_is_named_not_a_crash(registry: Registry, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "trong.xlsx"
    Workbook().save(path)
    with pytest.raises(LedgerError, match=r"trong\.xlsx.*không tìm thấy dòng tiêu đề"):
        stats(registry, path)


def test_problem_rows_are_listed_with_their_row_and_left_out(
    registry: Registry, tmp_path: Path
) -> None:
    good = rows()
    bad = [
        D("", date(2023, 6, 2)),  # line 6
        D("B2", "31/02/2023"),  # line 7
        D("B3", date(2023, 6, 2), due_at="ngày mai"),  # line 8
        D("B4", date(2023, 6, 2), "da_giai_quyet", date(2023, 6, 9), None, "hôm qua"),  # 9
        D("B5", date(2023, 6, 2), "lưu nháp", date(2023, 6, 9)),  # line 10
        D("B6", date(2023, 6, 2), due_at=date(2023, 6, 9), level="thôn"),  # line 11
        D("B7", date(2023, 6, 2), due_at=date(2023, 6, 9), channel="fax"),  # line 12
        D("B8", date(2023, 6, 2), due_at=date(2023, 6, 9), online_level="5 sao"),  # 13
        D("B9", date(2023, 6, 2), due_at=date(2023, 6, 9), paid_online="có lẽ"),  # 14
        D("B10", date(2023, 6, 2)),  # 15: no due, no days
        D("B11", date(2023, 6, 2), "da_giai_quyet", date(2023, 6, 9), None, date(2023, 6, 1)),
        D("B12", date(2023, 6, 2), "dang_giai_quyet", date(2023, 6, 1)),  # 17
        D("B13", date(2023, 6, 2), "da_giai_quyet", date(2023, 6, 9)),  # 18: no finish
        D("B14", date(2023, 6, 2), "tam_dung", date(2023, 6, 9), None, date(2023, 6, 5)),  # 19
    ]
    path = write_csv(tmp_path / "loi.csv", good + bad)
    result = stats(registry, path)
    check(result, excluded=len(bad))  # the good rows are counted exactly as before
    found = {(b.row, b.problem) for b in result.bad_rows}
    assert found == {
        (6, Problem.MISSING_ID),
        (7, Problem.BAD_RECEIVED),
        (8, Problem.BAD_DUE),
        (9, Problem.BAD_FINISHED),
        (10, Problem.UNKNOWN_STATUS),
        (11, Problem.UNKNOWN_LEVEL),
        (12, Problem.UNKNOWN_CHANNEL),
        (13, Problem.UNKNOWN_ONLINE_LEVEL),
        (14, Problem.UNKNOWN_FLAG),
        (15, Problem.NO_DUE_DATE),
        (16, Problem.FINISHED_BEFORE_RECEIVED),
        (17, Problem.DUE_BEFORE_RECEIVED),
        (18, Problem.MISSING_FINISHED),
        (19, Problem.UNEXPECTED_FINISHED),
    }
    assert result.excluded == len(bad) == sum(result.problems.values())
    assert result.sources[0].rows == len(good) + len(bad)
    # The file's own tally names the same reasons (a file of nothing but problems is refused).
    assert result.sources[0].problems == result.problems
    assert not result.sources[0].unusable
    message = next(b.message for b in result.bad_rows if b.row == 7)
    assert message.startswith("loi.csv, dòng 7: ngày tiếp nhận") or "loi.csv, dòng 7" in message
    assert "“31/02/2023”" in message
    assert "[mã hồ sơ B2]" in message


def test_duplicates_identical_count_once_and_conflicting_ones_are_all_left_out(
    registry: Registry, tmp_path: Path
) -> None:
    base = rows()
    copy = D(
        "A1",
        datetime(2023, 6, 1, 8, 30),
        "da_giai_quyet",
        date(2023, 6, 5),
        3,
        datetime(2023, 6, 5, 16, 0),
        channel="truc_tuyen",
        online_level="toan_trinh",
        digitised_input=True,
    )
    other = D("A3", date(2023, 9, 1), "dang_giai_quyet", None, 2, level="xa")
    result = stats(registry, write_csv(tmp_path / "trung.csv", [*base, copy, other]))
    total = result.total
    # A1 once; both A3 rows left out: 4 − 1 = 3 dossiers.
    assert total.total == 3
    assert total.pending == 0
    assert total.resolved == 2
    messages = {b.row: b.message for b in result.bad_rows}
    assert set(messages) == {4, 6, 7}
    assert "giống hệt dòng 2, chỉ tính một lần" in messages[6]
    assert "khác nội dung với dòng 7 (khác ở cột ngày tiếp nhận)" in messages[4]
    assert "khác nội dung với dòng 4 (khác ở cột ngày tiếp nhận)" in messages[7]
    assert "liên thông" not in messages[4]
    assert result.shared_ids == 0  # one agency: no liên thông to suspect
    assert result.problems[Problem.DUPLICATE_ID] == 3
    assert result.sources[0].problems == {Problem.DUPLICATE_ID: 3}
    assert result.sources[0].excluded == 3


def test_copies_under_two_agencies_name_the_columns_and_the_lien_thong_case(
    registry: Registry, tmp_path: Path
) -> None:
    # A liên thông dossier: the district received it and sent it on; the commune's
    # software lists the same id as its own, still being worked on, with the due date
    # written the other way ("05/06/2023" and 2023-06-05 are one date, not a difference).
    district = write_csv(
        tmp_path / "huyen.csv",
        [D("LT1", date(2023, 6, 1), "da_giai_quyet", date(2023, 6, 5), None, date(2023, 6, 2))],
    )
    commune = write_csv(
        tmp_path / "xa.csv",
        [
            D("X1", date(2023, 6, 3), "rut", date(2023, 6, 9), None, date(2023, 6, 4), level="xa"),
            D(
                "LT1",
                date(2023, 6, 1),
                "dang_giai_quyet",
                "05/06/2023",
                level="xa",
                agency="UBND-X",
            ),
        ],
    )
    result = stats(registry, district, commune)
    assert result.total.total == 1  # X1 only: neither copy of LT1 is a guess worth counting
    first, second = (b.message for b in result.bad_rows)
    assert f"{district}, dòng 2: trùng mã hồ sơ; khác nội dung với dòng 3 của {commune} (" in first
    assert f"{commune}, dòng 3: trùng mã hồ sơ; khác nội dung với dòng 2 của {district} (" in second
    for message in (first, second):
        assert "(khác ở cột cơ quan giải quyết, cấp, ngày có kết quả, trạng thái)" in message
        assert message.endswith("; có thể là hồ sơ liên thông giữa các cơ quan [mã hồ sơ LT1]")
    assert result.shared_ids == 1


def test_a_line_with_too_many_cells_is_reported_and_later_rows_keep_their_numbers(
    registry: Registry, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cot.csv", rows())
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "X9,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r")  # becomes line 3
    lines.append("B1,,,,,,,,31/02/2023,,,,dang_giai_quyet,,,")  # line 7
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = stats(registry, path)
    check(result, excluded=2)
    found = sorted((b.row, b.problem) for b in result.bad_rows)
    assert found == [(3, Problem.UNREADABLE_LINE), (7, Problem.BAD_RECEIVED)]


def test_mixed_line_endings_fail_loudly_instead_of_reading_nothing(
    registry: Registry, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "lan.csv", rows())
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_bytes(("SỔ HỒ SƠ\n" + "\r\n".join(lines) + "\r\n").encode())
    # DuckDB would silently read nothing from such a file: the run says so instead.
    with pytest.raises(LedgerError, match="ký tự xuống dòng lẫn lộn"):
        stats(registry, path)


SMALL_HEADER = "Mã hồ sơ,Cấp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả"


def small_ledger(
    statuses: list[str], applicants: list[str], *, applicant_last: bool = False
) -> str:
    """A ledger as a commune exports it; its last column is the status or the applicant."""
    last = ("Trạng thái", "Người nộp") if applicant_last else ("Người nộp", "Trạng thái")
    lines = [f"{SMALL_HEADER},{','.join(last)}"]
    for i, (status, applicant) in enumerate(zip(statuses, applicants, strict=True)):
        finished = "05/07/2023" if status.startswith("Đã") else ""
        cells = (status, applicant) if applicant_last else (applicant, status)
        lines.append(f"A{i},Xã,03/07/2023,10/07/2023,{finished},{','.join(cells)}")
    return "\n".join(lines)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf8", "utf8-bom"])
@pytest.mark.parametrize("newline", ["", "\n"], ids=["no-final-newline", "final-newline"])
def test_a_small_utf8_file_ending_in_a_vietnamese_word_is_read(
    registry: Registry, tmp_path: Path, bom: bytes, newline: str
) -> None:
    # A commune's three-row export whose last cell is "Đang giải quyết": the
    # encoding check once cut its last bytes mid-letter and refused the file.
    text = small_ledger(
        ["Đã giải quyết", "Đã giải quyết", "Đang giải quyết"], ["Bà Lê Thị Hồng"] * 3
    )
    path = tmp_path / "xa.csv"
    path.write_bytes(bom + (text + newline).encode())
    result = stats(registry, path)
    assert result.total.total == 3
    assert result.total.pending == 1
    assert result.excluded == 0


vietnamese = st.text(
    st.sampled_from(
        "aăâđeêioôơuưyàảãáạằẳẵắặầẩẫấậđèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƯƠ "
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None)
@given(applicants=st.lists(vietnamese, min_size=1, max_size=5), newline=st.booleans())
def test_any_small_utf8_ledger_passes_the_encoding_check(
    registry: Registry,
    tmp_path_factory: pytest.TempPathFactory,
    applicants: list[str],
    newline: bool,
) -> None:
    # The applicant's name ends the file, whatever letter it ends in.
    statuses = ["Đang giải quyết"] * len(applicants)
    names = [a.strip() or "a" for a in applicants]
    path = tmp_path_factory.mktemp("nho") / "so.csv"
    text = small_ledger(statuses, names, applicant_last=True) + ("\n" if newline else "")
    path.write_text(text, "utf-8")
    result = stats(registry, path)
    assert result.total.total == len(applicants)
    assert result.excluded == 0


def test_a_line_in_a_windows_encoding_past_the_first_bytes_is_left_out_and_named(
    registry: Registry, tmp_path: Path
) -> None:
    # The encoding check reads the first 256 KB; a pasted line further down is
    # the reader's to find: left out and named, the rest counted.
    statuses = ["Đã giải quyết"] * 4000
    text = small_ledger(statuses, ["Ông Trần Văn Bình"] * 4000) + "\n"
    bad = "B1,Xã,03/07/2023,10/07/2023,,Ông A,Đang giải quyết\n".encode("cp1258", "replace")
    assert b"\xd0" in bad  # "Đ" in Windows-1258: not UTF-8
    path = tmp_path / "lon.csv"
    path.write_bytes(
        text.encode() + bad + "C1,Xã,03/07/2023,10/07/2023,,Bà B,Đang giải quyết\n".encode()
    )
    assert path.stat().st_size > 256 * 1024
    result = stats(registry, path)
    assert result.total.total == 4001
    assert [(b.row, b.problem) for b in result.bad_rows] == [(4002, Problem.BAD_ENCODING)]
    assert "UTF-8" in Problem.BAD_ENCODING.message


def test_the_headers_of_the_mẫu_06_register_and_hạn_xử_lý(
    registry: Registry, tmp_path: Path
) -> None:
    # Thông tư 01/2018/TT-VPCP's dossier register (Mẫu 06) names its dates
    # "Ngày, tháng, năm …"; many one-stop programs call the due date "Hạn xử lý".
    path = tmp_path / "mau-06.csv"
    path.write_text(
        '"Mã hồ sơ","Tên người nộp hồ sơ","Cơ quan chủ trì giải quyết",'
        '"Ngày, tháng, năm nhận hồ sơ","Ngày, tháng, năm hẹn trả kết quả",'
        '"Ngày, tháng, năm có kết quả giải quyết","Trạng thái"\n'
        '"A1","Bà Lê Thị Hồng","UBND-X2","03/07/2023","10/07/2023","12/07/2023","Đã giải quyết"\n'
        '"A2","Ông Phạm Văn Tư","UBND-X2","04/07/2023","06/07/2023","","Đang giải quyết"\n',
        encoding="utf-8",
    )
    other = tmp_path / "han-xu-ly.csv"
    other.write_text(
        "Mã hồ sơ,Ngày tiếp nhận,Hạn xử lý,Ngày xử lý xong,Trạng thái\n"
        "B1,03/07/2023,10/07/2023,07/07/2023,Đã giải quyết\n",
        encoding="utf-8",
    )
    with DossierEngine([path, other], registry) as engine:
        result = engine.stats(WINDOW, ("agency",))
    total = result.total
    assert (total.total, total.resolved_late, total.resolved_on_time) == (3, 1, 1)
    assert total.pending_overdue == 1  # A2 was due on 06/07/2023
    assert result.excluded == 0
    assert set(result.groups) == {("UBND-X2",), (None,)}


def test_the_mẫu_06_register_in_excel_two_header_rows_merged_and_numbered(
    registry: Registry, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    # As the register is printed: a title, a group header merged over three
    # sub-headers, the other headers merged over both rows, a row numbering
    # the columns, then the dossiers (rows 6 and 7 of the sheet).
    book = Workbook()
    sheet = book.active
    sheet.append(["SỔ THEO DÕI HỒ SƠ"])
    sheet.append([])
    sheet.append(["STT", "Mã hồ sơ", "Tên TTHC", "Nhận và trả kết quả", None, None, "Trạng thái"])
    sheet.append(
        [
            None,
            None,
            None,
            "Ngày, tháng, năm nhận hồ sơ",
            "Ngày, tháng, năm hẹn trả kết quả",
            "Ngày, tháng, năm có kết quả giải quyết",
            None,
        ]
    )
    for column in "ABCG":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("D3:F3")
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    sheet.append(
        [
            1,
            "A1",
            "Khai sinh",
            date(2023, 7, 3),
            date(2023, 7, 10),
            date(2023, 7, 12),
            "Đã giải quyết",
        ]
    )
    sheet.append([2, "A2", "Khai tử", date(2023, 7, 4), date(2023, 7, 6), None, "Xã đang tạm dừng"])
    path = tmp_path / "mau-06.xlsx"
    book.save(path)
    result = stats(registry, path)
    # A1 resolved on 12/07, due 10/07: late. A2's status is not a word the
    # vocabulary knows: left out and named by its sheet row. The numbering row
    # is not a dossier and is not reported.
    assert (result.total.total, result.total.resolved_late) == (1, 1)
    assert [(b.row, b.problem) for b in result.bad_rows] == [(7, Problem.UNKNOWN_STATUS)]


def test_the_printed_mẫu_06_register_without_a_status_column_is_refused_with_what_to_add(
    registry: Registry, tmp_path: Path
) -> None:
    # The form itself has no status: which dossiers were returned or withdrawn is not in
    # its dates, so the command says what to add instead of guessing.
    path = tmp_path / "mau-06.csv"
    path.write_text(
        "Mã hồ sơ,Nhận và trả kết quả,,\n"
        ",Ngày nhận hồ sơ,Ngày hẹn trả kết quả,Ngày có kết quả giải quyết\n"
        "A1,03/07/2023,10/07/2023,05/07/2023\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerError) as refused:
        stats(registry, path)
    message = str(refused.value)
    assert message.startswith(
        f"{path}: dòng tiêu đề (dòng 2) thiếu cột bắt buộc: status [trạng thái]."
    )
    assert "Sổ theo Mẫu 06 không có cột trạng thái: hãy thêm cột “Trạng thái”" in message


def test_a_csv_header_over_two_rows_with_a_numbering_row(
    registry: Registry, tmp_path: Path
) -> None:
    path = tmp_path / "hai-dong.csv"
    path.write_text(
        "Mã hồ sơ,Nhận và trả kết quả,,,Trạng thái\n"
        ",Ngày nhận hồ sơ,Ngày hẹn trả,Ngày có kết quả,\n"
        "1,2,3,4,5\n"
        "A1,03/07/2023,10/07/2023,05/07/2023,Đã giải quyết\n"
        "A2,03/07/2023,10/07/2023,,Đang giải quyết\n",
        encoding="utf-8",
    )
    result = stats(registry, path)
    assert (result.total.total, result.total.resolved_on_time, result.total.pending) == (2, 1, 1)
    assert result.excluded == 0


def test_all_canonical_columns_are_known() -> None:
    assert set(CANONICAL) <= set(VIETNAMESE)


@pytest.mark.parametrize(
    "writer", [write_csv, write_xlsx, write_parquet], ids=["csv", "xlsx", "parquet"]
)
def test_dates_after_the_first_rows_may_be_written_another_way(
    registry: Registry, tmp_path: Path, writer: Any
) -> None:
    # The first rows decide which date format is tried first; a ledger that
    # changes its spelling further down (two exports pasted together) still
    # reads every date, as text cells in each format.
    first = [
        D(f"A{i}", "03/07/2023 08:15", "da_giai_quyet", "10/07/2023", None, "07/07/2023 16:00")
        for i in range(150)
    ]
    later = [
        D("B1", "2023-07-03 08:15:00", "da_giai_quyet", "2023-07-10", None, "2023-07-12"),
        D("B2", "3.7.2023", "da_giai_quyet", "10.07.2023", None, "7/7/2023 4:00 PM"),
        D("B3", "03-07-2023", "dang_giai_quyet", "05-07-2023"),
        D("B4", "ngày 3/7", "dang_giai_quyet", "05/07/2023"),  # not a date: left out
    ]
    path = writer(tmp_path / f"so.{writer.__name__.removeprefix('write_')}", first + later)
    result = stats(registry, path)
    total = result.total
    assert (total.total, total.resolved_on_time, total.resolved_late) == (153, 151, 1)
    assert total.pending_overdue == 1
    assert [b.dossier_id for b in result.bad_rows] == ["B4"]


@pytest.mark.parametrize(
    "writer", [write_csv, write_xlsx, write_parquet], ids=["csv", "xlsx", "parquet"]
)
def test_a_files_own_status_words_are_sampled_and_read_like_any_spelling(
    registry: Registry, tmp_path: Path, writer: Any
) -> None:
    # Software that adds its verdict to every status: the file's words are
    # matched as they stand (``code_samples``); a spelling the sample missed,
    # further down, is still read by folding, and an unknown one reported.
    common = [
        D(
            f"A{i}",
            date(2023, 7, 3),
            "Đã giải quyết - Đúng hạn",
            date(2023, 7, 10),
            None,
            date(2023, 7, 7),
        )
        for i in range(120)
    ]
    later = [
        D(
            "B1",
            date(2023, 7, 3),
            "đã giải quyết (QUÁ HẠN)",
            date(2023, 7, 10),
            None,
            date(2023, 7, 12),
        ),
        D("B2", date(2023, 7, 3), "Đang xử lý - Trong hạn", date(2023, 9, 30)),
        D(
            "B3",
            date(2023, 7, 3),
            "Đã giải quyết - chưa rõ",
            date(2023, 7, 10),
            None,
            date(2023, 7, 7),
        ),
    ]
    path = writer(tmp_path / f"so.{writer.__name__.removeprefix('write_')}", common + later)
    with DossierEngine([path], registry) as engine:
        assert engine.sources[0].code_samples["status"][0] == "Đã giải quyết - Đúng hạn"
        result = engine.stats(WINDOW)
    total = result.total
    assert (total.resolved_on_time, total.resolved_late, total.pending_on_time) == (120, 1, 1)
    assert [(b.dossier_id, b.problem) for b in result.bad_rows] == [("B3", Problem.UNKNOWN_STATUS)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_empty_lines_and_rows_are_skipped_and_later_rows_keep_their_line_numbers(
    registry: Registry, tmp_path: Path, newline: str
) -> None:
    # A hand-edited export: an empty line, a line of spaces, rows Excel saved as
    # ",,,," after clearing them, and a line with too many cells. None of the
    # empty ones is a dossier or a problem; every number is the file's own line.
    lines = [
        "Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái",  # 1
        "A1,03/07/2023,10/07/2023,07/07/2023,Đã giải quyết",  # 2
        "",  # 3
        "A2,04/07/2023,06/07/2023,12/07/2023,Đã giải quyết",  # 4: late
        "   ",  # 5
        ",,,,",  # 6
        "A3,04/07/2023,11/07/2023,,Chờ ký,x",  # 7: too many cells
        "A4,05/07/2023,12/07/2023,,Chờ ký",  # 8: unknown status
        "",  # 9
        ",,,,",  # 10
        "A5,05/07/2023,06/07/2023,,Đang giải quyết",  # 11: pending overdue
    ]
    path = tmp_path / "so.csv"
    path.write_bytes(newline.join(lines).encode() + newline.encode())
    with DossierEngine([path], registry) as engine:
        late, result = late_dossiers(engine, WINDOW)
    assert [(b.row, b.problem) for b in result.bad_rows] == [
        (7, Problem.UNREADABLE_LINE),
        (8, Problem.UNKNOWN_STATUS),
    ]
    assert result.total.total == 3
    assert result.sources[0].rows == 5  # the dossiers and the two bad lines, nothing empty
    assert [(d.dossier_id, d.row) for d in late] == [("A2", 4), ("A5", 11)]


@settings(max_examples=80, deadline=None)
@given(
    lines=st.lists(st.sampled_from(["", "a,b", " ", "x", "\r"]), max_size=40),
    chunk=st.integers(min_value=1, max_value=16),
)
def test_empty_lines_are_found_across_read_boundaries(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], chunk: int
) -> None:
    path = tmp_path_factory.mktemp("dong") / "so.csv"
    path.write_bytes("\n".join(lines).encode() + (b"\n" if lines else b""))
    # "\r" alone before "\n" is a CRLF empty line.
    expected = [n for n, line in enumerate(lines, start=1) if line in ("", "\r")]
    assert empty_lines(path, chunk) == expected


def _utc(*moment: int) -> datetime:
    return datetime(*moment, tzinfo=UTC)


def utc_rows() -> list[D]:
    """``rows()`` as a system storing UTC instants exports them (Vietnam is UTC+7).

    Read as the clock the text shows, A1 would be received on 31/05 (carried over,
    not received) and due on 04/06 (late, not on time), and A5 would fall in the window.
    """
    return [
        D(
            "A1",
            _utc(2023, 5, 31, 17, 30),  # 01/06 00:30 in Vietnam: an online night filing
            "da_giai_quyet",
            _utc(2023, 6, 4, 17, 0),  # midnight starting 05/06
            3,
            _utc(2023, 6, 5, 9, 0),
            channel="truc_tuyen",
            online_level="toan_trinh",
            digitised_input=True,
        ),
        D(
            "A2",
            _utc(2023, 5, 20, 1, 0),
            "da_giai_quyet",
            _utc(2023, 5, 29, 17, 0),
            None,
            _utc(2023, 6, 1, 18, 0),
        ),
        D("A3", _utc(2023, 9, 25, 2, 0), "dang_giai_quyet", None, 2, level="xa"),
        D(
            "A4",
            _utc(2023, 7, 1, 3, 0),
            "rut",
            _utc(2023, 7, 9, 17, 0),
            None,
            _utc(2023, 7, 4, 2, 0),
            level="xa",
        ),
        # 26/09 00:30 in Vietnam: the day after the window.
        D("A5", _utc(2023, 9, 25, 17, 30), "dang_giai_quyet", None, 2),
    ]


def test_utc_times_fall_on_vietnams_calendar_days_in_csv(
    registry: Registry, tmp_path: Path
) -> None:
    javascript = [
        dataclasses.replace(
            row,
            **{
                name: value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
                for name in ("received_at", "due_at", "finished_at")
                if isinstance(value := getattr(row, name), datetime)
            },
        )
        for row in utc_rows()
    ]
    check(stats(registry, write_csv(tmp_path / "utc.csv", javascript)))


def test_parquet_instants_fall_on_vietnams_calendar_days(
    registry: Registry, tmp_path: Path
) -> None:
    # pandas and Arrow write such columns as TIMESTAMP WITH TIME ZONE (UTC).
    check(stats(registry, write_parquet(tmp_path / "utc.parquet", utc_rows())))


def test_words_of_the_national_portal_and_of_reports_are_read(
    registry: Registry, tmp_path: Path
) -> None:
    # Nghị định 42/2022/NĐ-CP's names for online services, as reports and the portal write
    # them, and the statuses one-stop software shows while a dossier moves.
    day, due = date(2023, 7, 3), date(2023, 7, 10)
    words = [
        D(
            "W1",
            day,
            "Mới tiếp nhận",
            due,
            channel="Cổng dịch vụ công quốc gia",
            online_level="DVCTT toàn trình",
        ),
        D(
            "W2",
            day,
            "Chờ xử lý",
            due,
            channel="Tại bộ phận một cửa",
            online_level="Trực tuyến một phần",
        ),
        D(
            "W3",
            day,
            "Chờ trả kết quả",
            due,
            None,
            date(2023, 7, 5),
            channel="Qua dịch vụ bưu chính công ích",
            online_level="Cung cấp thông tin trực tuyến",
        ),
        D("W4", day, "Đã hoàn thành", due, None, date(2023, 7, 12)),
        D("W5", day, "Xin rút hồ sơ", due, None, date(2023, 7, 4)),
    ]
    with DossierEngine([write_csv(tmp_path / "cong.csv", words)], registry) as engine:
        result = engine.stats(DateWindow(date(2023, 7, 1), date(2023, 7, 31)), ("channel",))
    assert result.excluded == 0
    total = result.total.as_dict()
    assert (total["pending"], total["resolved_on_time"], total["resolved_late"]) == (2, 1, 1)
    assert total["withdrawn"] == 1
    assert total["online_received"]["toan_trinh"] == {"received": 1, "online": 1}
    assert total["online_received"]["mot_phan"] == {"received": 1, "online": 0}
    received = {key: group.received for key, group in result.groups.items()}
    assert received == {("truc_tuyen",): 1, ("truc_tiep",): 3, ("buu_chinh",): 1}
