"""Words of a PDF page with their boxes, as ``pdftotext -bbox`` places them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import NamedTuple

from conftest import require_binary

__all__ = ["Word", "overlapping", "overprinted_pages", "page_words"]

_WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')


class Word(NamedTuple):
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def page_words(pdf: Path, page: int = 1) -> list[Word]:
    """Words of one page, in points from the top left.

    LibreOffice draws a letter it takes from a fallback font as a word of its
    own, so Vietnamese words may come in pieces: compare ASCII words, or text
    joined without spaces.
    """
    html = subprocess.run(
        [require_binary("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        Word(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in _WORD.finditer(html)
    ]


def overlapping(words: list[Word], share: float = 0.4) -> list[tuple[Word, Word]]:
    """Pairs of words printed over each other.

    Lines of one wrapped cell touch: their boxes (ascent to descent) cross by
    about a seventh of their height. Text run over another cell's crosses it
    by more than ``share`` of the lower box's height.
    """
    found = []
    ordered = sorted(words, key=lambda w: w.y_min)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.y_min >= a.y_max:
                break
            height = min(a.y_max - a.y_min, b.y_max - b.y_min)
            across = min(a.y_max, b.y_max) - max(a.y_min, b.y_min)
            if across > share * height and min(a.x_max, b.x_max) - max(a.x_min, b.x_min) > 0.5:
                found.append((a, b))
    return found


def overprinted_pages(pdf: Path) -> list[int]:
    """The pages (from 1) where a word is printed over another; fails on an empty page."""
    info = subprocess.run(
        [require_binary("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    pages = re.search(r"^Pages:\s+(\d+)$", info, flags=re.MULTILINE)
    assert pages, info
    found = []
    for page in range(1, int(pages[1]) + 1):
        words = page_words(pdf, page)
        assert words, f"page {page} is empty"
        if overlapping(words):
            found.append(page)
    return found
