"""CSV ledgers saved in Windows-1258 or UTF-16, copied to UTF-8 for the engine.

Excel on a Vietnamese Windows saves "CSV (Comma delimited)" in the system
code page, Windows-1258, and "Unicode Text" in UTF-16; DuckDB reads only
UTF-8. Such a file is copied, line for line (row numbers in messages stay the
file's), into UTF-8 in NFC: Windows-1258 writes most tone marks as separate
combining characters, which NFC joins to the letters a user types.

Windows-1258 is accepted only when the decoded text reads as Vietnamese:
every non-ASCII letter is a letter of the Vietnamese alphabet and no tone mark
is left over. The legacy font encodings still found in old files (TCVN3,
VNI) decode to other letters or stray marks, and are refused, as is any
other code page, rather than read as wrong words.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

__all__ = [
    "UTF8",
    "UTF16",
    "WINDOWS_1258",
    "NotTextError",
    "detect_encoding",
    "looks_vietnamese",
    "transcode",
]

UTF8, UTF16, WINDOWS_1258 = "utf-8", "utf-16", "windows-1258"
_CODEC = {UTF16: "utf-16", WINDOWS_1258: "cp1258"}
_CHUNK = 4 * 1024 * 1024

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = frozenset(
    {unicodedata.normalize("NFC", v + t) for v in _VOWELS + _VOWELS.upper() for t in _TONES}
    | {"đ", "Đ"}
)


class NotTextError(ValueError):
    """Bytes that are neither UTF-8, UTF-16 nor Vietnamese Windows-1258; ``line`` is 1-based."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}")
        self.line = line


def looks_vietnamese(text: str) -> bool:
    """No letter outside ASCII and the Vietnamese alphabet, no stray mark or control."""
    for char in text:
        if char < "\x80":
            if char < " " and char not in "\t\r\n":
                return False
            continue
        kind = unicodedata.category(char)
        if kind[0] == "M" or kind == "Cc":
            return False
        if kind[0] == "L" and char not in VIETNAMESE_LETTERS:
            return False
    return True


def detect_encoding(sample: bytes, *, cut: bool) -> str:
    """The encoding of a CSV file from its first bytes (``cut``: the file goes on).

    Raises ``NotTextError`` naming the first line that fits none of them.
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return UTF16
    try:
        sample.decode("utf-8")
        return UTF8
    except UnicodeDecodeError as exc:
        # Only a sample cut short may end inside a character; a whole small file may not.
        if cut and exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3:
            return UTF8
        first_bad = exc.start
    if cut:
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    # A byte the code page leaves undefined spoils its line only (see ``transcode``).
    text = unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace"))
    if looks_vietnamese(text):
        return WINDOWS_1258
    raise NotTextError(sample[:first_bad].count(b"\n") + 1)


def transcode(
    source: Path,
    target: Path,
    encoding: str,
    report: Callable[[float], None] | None = None,
    *,
    chunk: int = _CHUNK,
) -> None:
    """Copy ``source`` to ``target`` in UTF-8 (NFC), keeping every line break where it was.

    A Windows-1258 line with a byte the code page does not define is copied as
    it is: the reader then reports that line alone as badly encoded, as it does
    in a UTF-8 file. A broken UTF-16 file raises ``NotTextError``.
    """
    total = max(source.stat().st_size, 1)
    with source.open("rb") as reader, target.open("wb") as writer:
        if encoding == UTF16:
            _utf16(reader, writer, total, report, chunk)
        else:
            _single_byte(reader, writer, _CODEC[encoding], total, report, chunk)


def _single_byte(
    reader: BinaryIO,
    writer: BinaryIO,
    codec: str,
    total: int,
    report: Callable[[float], None] | None,
    size: int,
) -> None:
    carry, done = b"", 0
    while True:
        chunk = reader.read(size)
        done += len(chunk)
        block = carry + chunk
        if chunk:
            end = block.rfind(b"\n") + 1
            block, carry = block[:end], block[end:]
        if block:
            writer.write(_lines_to_utf8(block, codec))
        if report:
            report(done / total)
        if not chunk:
            return


def _lines_to_utf8(block: bytes, codec: str) -> bytes:
    if codec == "cp1258":
        composed = _cp1258_to_nfc_utf8(block)
        if composed is not None:
            return composed
    try:
        return unicodedata.normalize("NFC", block.decode(codec)).encode("utf-8")
    except UnicodeDecodeError:
        out = []
        for line in block.splitlines(keepends=True):
            try:
                out.append(unicodedata.normalize("NFC", line.decode(codec)).encode("utf-8"))
            except UnicodeDecodeError:
                out.append(line)
        return b"".join(out)


# Windows-1258 in NFC without ``unicodedata.normalize``, which joins tone marks at
# about 37 MB/s: the code page's only combining characters are its five tone marks, and
# every other character is a starter that composes with nothing before or after it. So
# NFC changes exactly the (character, tone mark) pairs, each into one or two characters,
# and a table of the 256 × 5 pairs, looked up with numpy, gives the same text.
_CP1258 = bytes(range(256)).decode("cp1258", errors="replace")
_DEFINED = bytes(b for b in range(256) if _CP1258[b] != "\ufffd")
_TONE_BYTES = bytes(b for b in range(256) if unicodedata.combining(_CP1258[b]))
_IS_TONE = bytes(int(b in _TONE_BYTES) for b in range(256))
_TONE_NO = np.zeros(256, np.intp)
_TONE_NO[list(_TONE_BYTES)] = range(len(_TONE_BYTES))
_DROPPED = 0xFFFF  # a noncharacter: never in decoded text

_Units = np.ndarray[Any, np.dtype[np.uint16]]


def _pair_tables() -> tuple[_Units, _Units]:
    """NFC of (byte, tone mark) as two UTF-16 units, the second ``_DROPPED`` if none."""
    first = np.empty((256, len(_TONE_BYTES)), "<u2")
    second = np.full((256, len(_TONE_BYTES)), _DROPPED, "<u2")
    for base in range(256):
        for no, tone in enumerate(_TONE_BYTES):
            pair = unicodedata.normalize("NFC", _CP1258[base] + _CP1258[tone])
            first[base, no] = ord(pair[0])
            if len(pair) == 2:
                second[base, no] = ord(pair[1])
    return first, second


_PAIR_FIRST, _PAIR_SECOND = _pair_tables()


def _cp1258_to_nfc_utf8(block: bytes) -> bytes | None:
    """``block`` decoded, in NFC, as UTF-8; None when the table does not cover it.

    Not covered (the caller normalises as before): a byte the code page leaves
    undefined, a tone mark first in the block, two tone marks in a row.
    """
    if block.translate(None, _DEFINED):
        return None
    tones: np.ndarray[Any, np.dtype[np.intp]] = np.flatnonzero(
        np.frombuffer(block.translate(_IS_TONE), np.bool_)
    )
    if tones.size and (tones[0] == 0 or bool((np.diff(tones) == 1).any())):
        return None
    # One UTF-16 unit per byte: every character of the code page is in the BMP.
    units = np.frombuffer(block.decode("cp1258").encode("utf-16-le"), "<u2").copy()
    if tones.size:
        raw = np.frombuffer(block, np.uint8)
        base, tone = raw[tones - 1], _TONE_NO[raw[tones]]
        units[tones - 1] = _PAIR_FIRST[base, tone]
        units[tones] = _PAIR_SECOND[base, tone]
    text = units.tobytes().decode("utf-16-le").replace("\uffff", "")
    return text.encode("utf-8")


def _utf16(
    reader: BinaryIO,
    writer: BinaryIO,
    total: int,
    report: Callable[[float], None] | None,
    size: int,
) -> None:
    decoder = codecs.getincrementaldecoder("utf-16")()
    carry, done, lines = "", 0, 0
    while True:
        chunk = reader.read(size)
        done += len(chunk)
        try:
            text = carry + decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            raise NotTextError(lines + carry.count("\n") + 1) from None
        if chunk:
            end = text.rfind("\n") + 1
            text, carry = text[:end], text[end:]
        lines += text.count("\n")
        if text:
            writer.write(unicodedata.normalize("NFC", text).encode("utf-8"))
        if report:
            report(done / total)
        if not chunk:
            return
