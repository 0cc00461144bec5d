"""Apology letters as LibreOffice prints them: the decree's header, one page each.

The letter is converted with the converter the CLI uses and the words are
read back with their positions (``pdftotext -bbox``). Letters LibreOffice
takes from a fallback font come as words of their own, so lines are compared
as their words joined without spaces.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.documents.pdf import convert_to_pdf
from conftest import require_binary
from ledgers import late_ledger
from pdf_words import overprinted_pages, page_words

pytestmark = pytest.mark.slow

CM = 72 / 2.54
# The header's left column ends 6,3 cm into the text width, which starts at 3 cm.
COLUMN_SPLIT = (3 + 6.3) * CM
TEXT_CENTRE = (3 + 16.5 / 2) * CM

UNITS = """\
units:
  - {code: quang-ngai, name: 'UBND tỉnh Quảng Ngãi', level: province}
  - code: UBND-X01
    name: Sở Tư pháp
    level: department
    parent: quang-ngai
    profile:
      place: Quảng Ngãi
      signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Trần Thị Hạnh}
"""


class Line(NamedTuple):
    text: str  # the words joined without spaces
    x_min: float
    y_min: float
    x_max: float


def _lines(pdf: Path) -> tuple[list[Line], list[Line]]:
    """Runs of words on one baseline, split where a gap wider than a column gap opens.

    Returned as the runs within the header's left column and all the others,
    each top to bottom.
    """
    rows: dict[int, list[tuple[float, float, str]]] = {}
    for word in page_words(pdf):
        rows.setdefault(round(word.y_min), []).append((word.x_min, word.x_max, word.text))
    runs: list[Line] = []
    for y, words in sorted(rows.items()):
        words.sort()
        start = 0
        for i in range(1, len(words) + 1):
            if i == len(words) or words[i][0] - words[i - 1][1] > 20:
                run = words[start:i]
                runs.append(Line("".join(w[2] for w in run), run[0][0], y, run[-1][1]))
                start = i
    left = [r for r in runs if r.x_max <= COLUMN_SPLIT]
    return left, [r for r in runs if r.x_max > COLUMN_SPLIT]


def _find(lines: list[Line], text: str) -> Line:
    wanted = text.replace(" ", "")
    found = [line for line in lines if wanted in line.text]
    assert found, f"not printed on one line: {text!r} in {[line.text for line in lines]}"
    return found[0]


class Printed(NamedTuple):
    pdf: Path
    left: list[Line]
    rest: list[Line]


def _print_letter(folder: Path, *extra: str) -> Printed:
    require_binary("soffice")
    result = CliRunner().invoke(
        app,
        [
            "dossiers",
            "apologies",
            str(late_ledger(folder, applicant=True)),
            "--from",
            "01/06/2023",
            "--to",
            "25/09/2023",
            "--out",
            str(folder / "out"),
            "--date",
            "26/09/2023",
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    pdf = convert_to_pdf(folder / "out" / "phieu-xin-loi" / "HS-002.docx", folder / "HS-002.pdf")
    return Printed(pdf, *_lines(pdf))


@pytest.fixture(scope="module")
def with_units(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    folder = tmp_path_factory.mktemp("apology-units")
    units = folder / "don-vi.yaml"
    units.write_text(UNITS, encoding="utf-8")
    return _print_letter(folder, "--units", str(units))


@pytest.fixture(scope="module")
def without_units(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _print_letter(tmp_path_factory.mktemp("apology-codes"))


def test_national_title_motto_and_date_line_each_on_one_line_on_the_right(
    with_units: Printed,
) -> None:
    rest = with_units.rest
    national = _find(rest, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = _find(rest, "Độc lập - Tự do - Hạnh phúc")
    date_line = _find(rest, "Quảng Ngãi, ngày 26 tháng 9 năm 2023")
    assert national.y_min < motto.y_min < date_line.y_min
    for line in (national, motto, date_line):
        assert line.x_min > COLUMN_SPLIT, f"{line.text} must sit in the right column"


def test_parent_body_above_the_issuing_body_on_the_left(with_units: Printed) -> None:
    parent = _find(with_units.left, "UBND TỈNH QUẢNG NGÃI")
    issuing = _find(with_units.left, "SỞ TƯ PHÁP")
    assert parent.y_min < issuing.y_min
    national = _find(with_units.rest, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert abs(parent.y_min - national.y_min) < 3, "both columns start on the same line"


def test_title_centred_under_the_header_then_the_signer_from_the_profile(
    with_units: Printed,
) -> None:
    rest = with_units.rest
    date_line = _find(rest, "ngày 26 tháng 9 năm 2023")
    title = _find(rest, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    assert title.y_min > date_line.y_min
    assert abs((title.x_min + title.x_max) / 2 - TEXT_CENTRE) < 6
    addressee = _find(rest, "Kính gửi: Công ty TNHH An Phú.")
    assert addressee.y_min > title.y_min
    thanks = _find(rest, "Sở Tư pháp trân trọng cảm ơn./.")
    authority = _find(rest, "KT. GIÁM ĐỐC")
    title_line = _find(rest, "PHÓ GIÁM ĐỐC")
    name = _find(rest, "Trần Thị Hạnh")
    assert thanks.y_min < authority.y_min < title_line.y_min < name.y_min
    assert authority.x_min > TEXT_CENTRE - 2 * CM, "the signer's block sits on the right"
    # A printed name replaces the form's hint to the signer.
    assert not [line for line in rest if "Kýghirõhọtên" in line.text]


def test_without_a_unit_list_the_place_is_left_to_write_and_the_line_still_fits(
    without_units: Printed,
) -> None:
    date_line = _find(without_units.rest, "ngày 26 tháng 9 năm 2023")
    assert date_line.text.startswith("…"), date_line.text
    assert date_line.x_min > COLUMN_SPLIT
    assert _find(without_units.left, "UBND-X01")
    assert _find(without_units.rest, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")
    assert _find(without_units.rest, "(Ký, ghi rõ họ tên và đóng dấu)")


@pytest.mark.parametrize("case", ["with_units", "without_units"])
def test_one_page_and_nothing_printed_over_anything(
    case: str, request: pytest.FixtureRequest
) -> None:
    printed: Printed = request.getfixturevalue(case)
    info = subprocess.run(
        [require_binary("pdfinfo"), str(printed.pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"^Pages:\s+1$", info, flags=re.MULTILINE), info
    assert overprinted_pages(printed.pdf) == []
