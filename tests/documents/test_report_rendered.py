"""The report as LibreOffice renders it: page 1 rasterised and the header layout checked.

The DOCX is converted with the same ``convert_to_pdf`` the CLI uses; page 1
is rasterised with pdftoppm and its pixels analysed (nothing outside the
margins, no page number on page 1); ``pdftotext -bbox`` gives where the words
landed (the motto on the right half, the issuing body on the left).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from report_doc_helpers import write_units

from cchc.documents.pdf import convert_to_pdf
from cchc.registry import Registry
from cchc.services.documents import unit_report
from conftest import require_binary

pytestmark = pytest.mark.slow

DPI = 100
MM = DPI / 25.4  # pixels per millimetre
PAGE_W_PT = 595.3  # A4 portrait in points


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory, registry: Registry, seed000: Path) -> Path:
    require_binary("soffice")
    require_binary("pdftoppm")
    folder = tmp_path_factory.mktemp("render")
    tree = registry.load_units(write_units(folder))
    outcome = unit_report(seed000, registry, out=folder / "bao-cao.docx", tree=tree)
    return convert_to_pdf(outcome.docx)


def _page_png(pdf: Path, page: int) -> Any:
    prefix = pdf.with_name(f"trang-{page}")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return np.asarray(Image.open(prefix.with_suffix(".png")).convert("L"))


Box = tuple[str, float, float, float, float]  # text, xMin, yMin, xMax, yMax (points)


def _segments(pdf: Path, page: int) -> list[Box]:
    """Runs of text as laid out: words on one baseline, split where a column gap opens.

    Letters LibreOffice drew from a fallback font come out as separate "words"
    (Liberation Serif lacks some Vietnamese letters), so words are joined back
    by their positions rather than trusted one by one.
    """
    require_binary("pdftotext")
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    words = sorted(
        (
            (w, float(a), float(b), float(c), float(d))
            for a, b, c, d, w in re.findall(pattern, html)
        ),
        key=lambda w: (round(w[2]), w[1]),
    )
    segments: list[Box] = []
    for word in words:
        last = segments[-1] if segments else None
        if last and abs(word[2] - last[2]) < 2 and -2 <= word[1] - last[3] < 20:
            joined = last[0] + (" " if word[1] - last[3] > 1.5 else "") + word[0]
            segments[-1] = (joined, last[1], last[2], word[3], max(last[4], word[4]))
        else:
            segments.append(word)
    return segments


def _find(segments: list[Box], text: str) -> Box:
    found = [s for s in segments if text in s[0]]
    assert found, f"not rendered: {text!r} in {[s[0] for s in segments[:12]]}"
    return found[0]


def test_nothing_on_page_one_overflows_the_margins_and_no_page_number(pdf: Path) -> None:
    ink = _page_png(pdf, 1) < 128
    rows, cols = np.nonzero(ink)
    height, width = ink.shape
    assert abs(width / MM - 210) < 1.5
    assert abs(height / MM - 297) < 1.5
    assert cols.min() >= (30 - 1) * MM, "text left of the 30 mm margin"
    assert cols.max() <= (210 - 15 + 1) * MM, "text right of the 15 mm margin"
    assert rows.min() >= (20 - 1) * MM, "ink above the top margin: page 1 must carry no page number"
    assert rows.max() <= (297 - 20 + 1) * MM, "text below the bottom margin"


def test_header_layout_motto_right_issuing_body_left(pdf: Path) -> None:
    segments = _segments(pdf, 1)
    centre = PAGE_W_PT / 2
    motto = _find(segments, "Độc lập - Tự do - Hạnh phúc")
    assert motto[1] > centre, "the motto must sit on the right half"
    national = _find(segments, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (national[1] + national[3]) / 2 > centre
    assert motto[2] > national[2], "the motto is under the national title"
    for text in ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ GIA NGHĨA", "Số: 53/BC-UBND"):
        assert _find(segments, text)[3] < centre, f"{text} must sit on the left half"
    number = _find(segments, "Số: 53/BC-UBND")
    date_line = _find(segments, "Gia Nghĩa, ngày 07 tháng 9 năm 2023")
    assert abs(date_line[2] - number[2]) < 6, "“Số” and the date line share a line"
    assert (date_line[1] + date_line[3]) / 2 > centre
    report = _find(segments, "BÁO CÁO")
    text_centre = (30 + (210 - 45) / 2) / 25.4 * 72
    assert report[2] > date_line[4]
    assert abs((report[1] + report[3]) / 2 - text_centre) < 6


def test_page_two_is_numbered_at_the_top_centre(pdf: Path) -> None:
    top = min(_segments(pdf, 2), key=lambda w: w[2])
    assert top[0] == "2"
    assert top[2] < 20 / 25.4 * 72  # in the top margin
    text_centre = (30 + (210 - 45) / 2) / 25.4 * 72
    assert abs((top[1] + top[3]) / 2 - text_centre) < 10


def test_appendix_pages_are_landscape(pdf: Path) -> None:
    require_binary("pdfinfo")
    info = subprocess.run(
        ["pdfinfo", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert float(sizes[0][0]) < float(sizes[0][1])
    assert float(sizes[-1][0]) > float(sizes[-1][1])
