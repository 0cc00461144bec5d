"""Width of a line of Times New Roman text, to size the rules drawn under header lines.

Nghị định 30/2020/NĐ-CP wants the line under the issuing body and under the
subject line to be 1/3 to 1/2 as long as the text above it. Word draws no such
line by itself, so its length is computed from the font's advance widths:
the Times metrics below (units per 1000 em, ASCII 32–126; identical in Times
New Roman and its metric clone Liberation Serif). A Vietnamese letter is as
wide as its base letter; ơ and ư carry a horn that adds a little.
"""

from __future__ import annotations

import unicodedata
from functools import cache

__all__ = ["text_width_pt"]

_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip
_HORN = {"ơ": 70, "ư": 70, "Ơ": 60, "Ư": 60}
# Punctuation outside ASCII that documents print: ellipsis (dotted blanks), dashes, quotes.
_PUNCTUATION = {"…": 1000, "–": 500, "—": 1000, "“": 444, "”": 444, "‘": 333, "’": 333}
_PUNCTUATION_BOLD = {**_PUNCTUATION, "“": 500, "”": 500}


def _base(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    return unicodedata.normalize("NFD", char)[0]


@cache  # a few hundred distinct letters; long lists measure millions
def _units(char: str, bold: bool) -> int:
    punctuation = (_PUNCTUATION_BOLD if bold else _PUNCTUATION).get(char)
    if punctuation is not None:
        return punctuation
    table = _BOLD if bold else _REGULAR
    code = ord(_base(char))
    return (table[code - 32] if 32 <= code < 127 else 500) + _HORN.get(char, 0)


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` set in Times New Roman at ``size_pt``."""
    total = sum(_units(char, bold) for char in unicodedata.normalize("NFC", text))
    return total * size_pt / 1000
