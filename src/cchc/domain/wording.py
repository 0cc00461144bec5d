"""Comparing the wording of printed rows, headings and unit names.

Reports of one family word the same indicator in many ways: with or without
diacritics, in capitals, with "CCHC" for "cải cách hành chính", with a
parenthetical note or without, with typos ("hợp trực tuyến" for "họp trực
tuyến"). Matching folds all of that away and then measures how close two
wordings are, so that an importer can say how sure it is.

Also here: the printed codes of rows ("1.", "1.1.", "2.4.1.", ".", "III",
"a)") and their normal form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "Code",
    "CodeKind",
    "fold",
    "label_similarity",
    "normalise_code",
    "normalise_label",
    "slug",
]

# Abbreviations the forms and reports use for the same words, folded.
_ABBREVIATIONS = {
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "vbqppl": "van ban quy pham phap luat",
    "qppl": "quy pham phap luat",
    "dvsncl": "don vi su nghiep cong lap",
    "dvsn": "don vi su nghiep",
    "sncl": "su nghiep cong lap",
    "pakn": "phan anh kien nghi",
    "nsnn": "ngan sach nha nuoc",
    "dvc": "dich vu cong",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "cbccvc": "can bo cong chuc vien chuc",
    "ccvc": "cong chuc vien chuc",
    "cbcc": "can bo cong chuc",
    "cntt": "cong nghe thong tin",
}

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PARENS = re.compile(r"\([^()]*\)")


def fold(text: str) -> str:
    """Lower case, no diacritics ("đ" → "d"), single spaces: for comparing words."""
    lowered = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", stripped).strip()


# Long forms are shortened to their abbreviation, so that both spellings give one
# word: expanding instead would let the shared words of "thủ tục hành chính"
# outweigh the one word that tells two labels apart ("tiếp nhận", "giải quyết").
_CONTRACTIONS = [
    (re.compile(rf"\b{re.escape(long)}\b"), short)
    for short, long in sorted(_ABBREVIATIONS.items(), key=lambda kv: -len(kv[1]))
]


def _words(text: str) -> list[str]:
    joined = " ".join(_NON_WORD.sub(" ", fold(text)).split())
    for pattern, short in _CONTRACTIONS:
        joined = pattern.sub(short, joined)
    return joined.split()


@lru_cache(maxsize=8192)
def normalise_label(text: str, *, drop_notes: bool = False) -> str:
    """The wording of a label for comparison: folded, abbreviations expanded, no punctuation.

    ``drop_notes`` leaves out parenthetical explanations ("(Lũy kế đến thời
    điểm báo cáo)"), which printings add and drop freely.
    """
    if drop_notes:
        previous = None
        while previous != text:
            previous, text = text, _PARENS.sub(" ", text)
    return " ".join(_words(text))


@lru_cache(maxsize=65536)
def label_similarity(a: str, b: str) -> float:
    """How alike two labels are, from 0 to 1 (1: the same words after normalising).

    Words are compared whole (a single different word such as "tỉnh" and
    "huyện" counts), with typos of longer words forgiven.
    """
    na, nb = normalise_label(a), normalise_label(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    core_a, core_b = normalise_label(a, drop_notes=True), normalise_label(b, drop_notes=True)
    if core_a and core_a == core_b:
        return 0.97
    best = _word_ratio(na.split(), nb.split())
    if core_a and core_b:
        best = max(best, _word_ratio(core_a.split(), core_b.split()) - 0.02)
    return round(best, 4)


def _word_ratio(a: list[str], b: list[str]) -> float:
    vocabulary = set(a)
    shared = len(vocabulary & set(b))
    if 2 * shared < 0.4 * (len(a) + len(b)):
        return 2 * shared / (len(a) + len(b))  # too different for typos to matter
    fixed = []
    for word in b:
        if word not in vocabulary and len(word) >= 4:
            close = [w for w in vocabulary if _typo(word, w)]
            if len(close) == 1:
                word = close[0]
        fixed.append(word)
    return SequenceMatcher(None, a, fixed, autojunk=False).ratio()


@lru_cache(maxsize=65536)
def _typo(word: str, other: str) -> bool:
    """Two words one slip apart ("thông"/"thống" fold alike; "thuc"/"thuc" too, "ban"/"bản")."""
    if len(other) < 4 or abs(len(word) - len(other)) > 2 or word[0] != other[0]:
        return False
    return SequenceMatcher(None, word, other, autojunk=False).ratio() >= 0.8


class CodeKind(StrEnum):
    NUMBER = "number"  # "1", "1.1", "2.4.1"
    ROMAN = "roman"  # "I", "IV": a part of a combined appendix
    LETTER = "letter"  # "a", "b": a sub-heading
    NONE = "none"  # blank, ".", "-", "+": no code printed
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Code:
    printed: str
    kind: CodeKind
    value: str  # normal form: "2.4.1", "III", "a", ""

    @property
    def depth(self) -> int:
        return len(self.value.split(".")) if self.kind is CodeKind.NUMBER else 0


_ROMAN = re.compile(r"(?i)^(?=[ivxl])(x{0,3})(ix|iv|v?i{0,3})$")


def normalise_code(printed: str) -> Code:
    """Read a printed row code: "1." → 1, "2.4.1." → 2.4.1, "." → none, "III" → roman."""
    text = unicodedata.normalize("NFC", printed).strip()
    compact = re.sub(r"\s+", "", text)
    compact = compact.strip("()[]")
    number = re.fullmatch(r"(\d{1,3}(?:[.,]\d{1,3})*)[.,)]?", compact)
    if number:
        parts = re.split(r"[.,]", number.group(1))
        return Code(printed, CodeKind.NUMBER, ".".join(str(int(p)) for p in parts))
    bare = compact.rstrip(".)")
    if not bare or set(bare) <= set(".-+*•–—·"):
        return Code(printed, CodeKind.NONE, "")
    if _ROMAN.fullmatch(bare):
        return Code(printed, CodeKind.ROMAN, bare.upper())
    if re.fullmatch(r"[a-zđA-ZĐ]", bare):
        return Code(printed, CodeKind.LETTER, fold(bare))
    return Code(printed, CodeKind.OTHER, compact)


def slug(text: str) -> str:
    """ASCII words joined by "-": "Trà Vinh" → "tra-vinh"."""
    return "-".join(_NON_WORD.sub(" ", fold(text)).split())
