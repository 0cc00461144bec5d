"""CSV ledgers as Excel saves them on a Vietnamese Windows: Windows-1258 and UTF-16.

The bytes are written the way Windows writes them (``ledgers.windows_1258``:
tone marks apart where the code page has no toned letter), never by the
code under test.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.ledger import LedgerError
from cchc.analytics.ledger_encoding import (
    UTF8,
    UTF16,
    WINDOWS_1258,
    NotTextError,
    _cp1258_to_nfc_utf8,
    detect_encoding,
    transcode,
)
from cchc.cli import app
from cchc.domain.dossier_ledger import Problem
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from ledgers import windows_1258

WINDOW = DateWindow(date(2023, 6, 1), date(2023, 9, 25))

# A commune's register as Excel exports it with Vietnamese regional settings:
# a title above the table, ";" between cells (the decimal mark is the comma),
# CRLF line ends.
EXPORT = "\r\n".join(
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM;;;;;;",
        "SỔ THEO DÕI HỒ SƠ - UBND XÃ NGHĨA HÀ;;;;;;",
        "Mã hồ sơ;Cấp;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Trạng thái;Người nộp",
        "X-01;Xã;03/07/2023;10/07/2023;07/07/2023;Đã giải quyết;Bà Nguyễn Thị Hường",
        "X-02;Xã;04/07/2023;11/07/2023;14/07/2023;Đã giải quyết;Ông Lữ Văn Được",
        "X-03;Xã;18/09/2023;20/09/2023;;Đang giải quyết;Công ty TNHH Ánh Dương",
        "X-04;Xã;05/07/2023;12/07/2023;;Chờ ký duyệt;Ông Phạm Ỷ",
        "",
    ]
)


def run(command: str, path: Path, *extra: str):  # type: ignore[no-untyped-def]
    window = ["--from", "01/06/2023", "--to", "25/09/2023"]
    return CliRunner().invoke(app, ["dossiers", command, str(path), *window, *extra])


def read(registry: Registry, path: Path):  # type: ignore[no-untyped-def]
    with DossierEngine([path], registry) as engine:
        return engine.stats(WINDOW)


def test_a_windows_1258_export_is_read_with_its_words_and_rows(
    registry: Registry, tmp_path: Path
) -> None:
    path = tmp_path / "so-theo-doi.csv"
    path.write_bytes(windows_1258(EXPORT))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = read(registry, path)
    total = result.total
    assert (total.total, total.resolved_on_time, total.resolved_late, total.pending) == (3, 1, 1, 1)
    assert result.sources[0].encoding == WINDOWS_1258
    # The unknown status is quoted as typed, in NFC, on the file's own line 7.
    [bad] = result.bad_rows
    assert (bad.row, bad.problem) == (7, Problem.UNKNOWN_STATUS)
    assert "“Chờ ký duyệt”" in bad.message
    assert unicodedata.is_normalized("NFC", bad.message)


def test_an_apology_letter_from_a_windows_1258_ledger_spells_the_name_right(
    tmp_path: Path,
) -> None:
    path = tmp_path / "so.csv"
    path.write_bytes(windows_1258(EXPORT))
    out = tmp_path / "out"
    result = run("apologies", path, "--out", str(out), "--date", "26/09/2023", "--merged")
    assert result.exit_code == 0, result.output
    assert "không phải UTF-8: đã đọc theo bảng mã Windows-1258" in result.stderr
    [letters] = list(out.glob("*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(letters)).paragraphs)
    assert "Ông Lữ Văn Được" in text
    assert unicodedata.is_normalized("NFC", text)


def test_stats_json_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "so.csv"
    path.write_bytes(windows_1258(EXPORT))
    result = run("stats", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sources"][0]["encoding"] == "windows-1258"
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(EXPORT, "utf-8")
    plain = run("stats", utf8, "--format", "json")
    assert json.loads(plain.stdout)["sources"][0]["encoding"] == "utf-8"
    assert "Windows-1258" not in plain.stderr


def test_excel_unicode_text_utf16_with_tabs_is_read(registry: Registry, tmp_path: Path) -> None:
    # Excel's "Unicode Text (*.txt)": UTF-16 little-endian with a BOM, tabs between cells.
    path = tmp_path / "so.txt"
    path.write_bytes(EXPORT.replace(";", "\t").encode("utf-16"))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    result = read(registry, path)
    assert result.total.total == 3
    assert result.sources[0].encoding == UTF16
    assert [(b.row, b.problem) for b in result.bad_rows] == [(7, Problem.UNKNOWN_STATUS)]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        # The legacy font encodings: TCVN3 (ABC) and VNI, as their bytes read in a code page.
        ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam"),
        ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
    ],
)
def test_a_legacy_font_encoding_is_refused_naming_the_line(
    registry: Registry, tmp_path: Path, name: str, line: str
) -> None:
    path = tmp_path / f"{name}.csv"
    head = "ma_ho_so,cap,ngay_tiep_nhan,ngay_hen_tra,trang_thai\nA1,xa,03/07/2023,10/07/2023,rut\n"
    path.write_bytes(head.encode() + f"A2,xa,03/07/2023,10/07/2023,{line}\n".encode("cp1252"))
    with pytest.raises(LedgerError) as error:
        read(registry, path)
    message = str(error.value)
    assert f"{name}.csv, dòng 3: tệp không phải UTF-8" in message
    assert "TCVN3/VNI" in message
    assert "CSV UTF-8" in message


def test_a_byte_windows_1258_leaves_undefined_spoils_only_its_line(
    registry: Registry, tmp_path: Path
) -> None:
    encoded = [windows_1258(line) for line in EXPORT.split("\r\n")]
    # 0x81 has no character in Windows-1258: a stray byte from another program.
    encoded[3] = encoded[3].replace(b"Nguy", b"Nguy\x81")
    path = tmp_path / "so.csv"
    path.write_bytes(b"\r\n".join(encoded))
    result = read(registry, path)
    assert result.sources[0].encoding == WINDOWS_1258
    assert result.total.total == 2  # X-02 and X-03; X-04's status is unknown
    assert [(b.row, b.problem) for b in result.bad_rows] == [
        (4, Problem.BAD_ENCODING),
        (7, Problem.UNKNOWN_STATUS),
    ]


def test_the_encoding_is_told_from_the_first_bytes() -> None:
    assert detect_encoding("Mã hồ sơ\n".encode(), cut=False) == UTF8
    assert detect_encoding("Mã hồ sơ\n".encode("utf-16"), cut=False) == UTF16
    assert detect_encoding(windows_1258("Mã hồ sơ\nĐang xử lý\n"), cut=False) == WINDOWS_1258
    # A sample cut inside a UTF-8 letter is still UTF-8; a whole file so cut is not.
    assert detect_encoding("a\nĐ".encode()[:-1], cut=True) == UTF8
    with pytest.raises(NotTextError) as error:
        detect_encoding(b"a\nb\n\xd0\x11\xcf\n", cut=False)
    assert error.value.line == 3


vietnamese_text = st.text(
    st.sampled_from(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
        'ĐĂÂÊÔƠƯÀẢÃÁẠỲỶỸÝỴẰẲẴẮẶẦẨẪẤẬỀỂỄẾỆỒỔỖỐỘỜỞỠỚỢỪỬỮỨỰ 0123456789,;.-/()"\r\n'
    ),
    max_size=200,
)


@settings(max_examples=60, deadline=None)
@given(text=vietnamese_text, chunk=st.integers(min_value=2, max_value=64), utf16=st.booleans())
def test_the_utf8_copy_holds_the_same_text_on_the_same_lines(
    tmp_path_factory: pytest.TempPathFactory, text: str, chunk: int, utf16: bool
) -> None:
    folder = tmp_path_factory.mktemp("ma")
    source, copy = folder / "so.csv", folder / "so.utf8.csv"
    source.write_bytes(text.encode("utf-16") if utf16 else windows_1258(text))
    transcode(source, copy, UTF16 if utf16 else WINDOWS_1258, chunk=chunk)
    assert copy.read_bytes() == unicodedata.normalize("NFC", text).encode("utf-8")


def _nfc_line_by_line(data: bytes) -> bytes:
    """What the copy must hold: each line decoded and in NFC, or as it was if it cannot be."""
    out = []
    for line in data.splitlines(keepends=True):
        try:
            out.append(unicodedata.normalize("NFC", line.decode("cp1258")).encode("utf-8"))
        except UnicodeDecodeError:
            out.append(line)
    return b"".join(out)


# Tone marks (0xCC, 0xD2, 0xDE, 0xEC, 0xF2), letters that take them, undefined bytes
# (0x81, 0x8A…), line ends: where a table standing in for NFC could go wrong.
cp1258_bytes = st.lists(
    st.one_of(
        st.sampled_from(b'\xcc\xd2\xde\xec\xf2aAeEiIoOuUyY\xe2\xea\xf4\xf5\xfd\xe3\xe1\xe0\n\r,"'),
        st.integers(min_value=0, max_value=255),
    ),
    max_size=300,
).map(bytes)


@settings(max_examples=200, deadline=None)
@given(data=cp1258_bytes, chunk=st.integers(min_value=2, max_value=64))
def test_any_windows_1258_bytes_are_copied_as_nfc_line_by_line(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, chunk: int
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    source, copy = folder / "so.csv", folder / "so.utf8.csv"
    source.write_bytes(data)
    transcode(source, copy, WINDOWS_1258, chunk=chunk)
    assert copy.read_bytes() == _nfc_line_by_line(data)


def test_every_letter_before_and_after_a_tone_mark_joins_as_nfc_joins_it(tmp_path: Path) -> None:
    # Every byte before a (letter, tone) pair, and every byte after one: the copy's
    # table must give what unicodedata gives, and cover such text without falling back.
    tones = [t for t in range(256) if unicodedata.combining(bytes([t]).decode("cp1258", "replace"))]
    plain = [b for b in range(256) if b not in tones and b not in b"\r\n"]
    defined = [b for b in plain if bytes([b]).decode("cp1258", "replace") != "\ufffd"]
    lines = [bytes([w, x, t]) for w in defined for x in defined for t in tones]
    lines += [bytes([x, t, y]) for x in defined for t in tones for y in defined]
    block = b"\n".join(lines) + b"\n"
    assert len(tones) == 5
    copied = _cp1258_to_nfc_utf8(block)
    assert copied is not None
    assert copied == unicodedata.normalize("NFC", block.decode("cp1258")).encode("utf-8")
    # Two tone marks on one letter ("a" + acute + dot below is "ạ́" in NFC, the marks
    # reordered): the table does not cover it, and the copy is still NFC.
    doubled = b"\n".join(bytes([x, s, t]) for x in defined for s in tones for t in tones) + b"\n"
    source, copy = tmp_path / "so.csv", tmp_path / "so.utf8.csv"
    source.write_bytes(doubled)
    transcode(source, copy, WINDOWS_1258)
    assert copy.read_bytes() == _nfc_line_by_line(doubled)


@settings(max_examples=60, deadline=None)
@given(text=vietnamese_text)
def test_vietnamese_text_is_told_apart_in_either_encoding(text: str) -> None:
    assert detect_encoding(text.encode("utf-8"), cut=False) == UTF8
    if any(c > "\x7f" for c in text):
        # Vietnamese letters in Windows-1258 never form valid UTF-8.
        assert detect_encoding(windows_1258(text), cut=False) == WINDOWS_1258


def test_text_typed_with_combining_tone_marks_counts_and_prints_as_composed(
    registry: Registry, tmp_path: Path
) -> None:
    # Unikey's "Unicode tổ hợp" writes each tone as its own character: the same
    # field must make one group, and letters and messages print composed letters.
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    lines = [
        "Mã hồ sơ,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Người nộp",
        "H1,Hộ tịch,03/07/2023,10/07/2023,07/07/2023,Đã giải quyết,Bà Hường",
        f"H2,{nfd('Hộ tịch')},04/07/2023,06/07/2023,12/07/2023,Đã giải quyết,{nfd('Ông Lữ Văn Được')}",
        f"H3,{nfd('Hộ tịch')},05/07/2023,12/07/2023,,{nfd('Chờ ký duyệt')},Bà Ánh",
    ]
    path = tmp_path / "so.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with DossierEngine([path], registry) as engine:
        result = engine.stats(WINDOW, ("field",))
    assert list(result.groups) == [("Hộ tịch",)]
    assert result.groups[("Hộ tịch",)].total == 2
    [bad] = result.bad_rows
    assert "“Chờ ký duyệt”" in bad.message
    out = tmp_path / "out"
    letters = run("apologies", path, "--out", str(out), "--date", "26/09/2023", "--merged")
    assert letters.exit_code == 0, letters.output
    [document] = list(out.glob("*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(document)).paragraphs)
    assert "Ông Lữ Văn Được" in text
    assert unicodedata.is_normalized("NFC", text)
