"""Plain-text conversions of Word/PDF reports.

The conversions this family comes in write tables as tab-separated lines,
emphasis as ``<i>``/``<b>`` tags or Markdown asterisks, formulas as
``$...$`` with TeX commands, and footnotes as paragraphs starting with a
superscript number. Paragraphs are separated by blank lines; a line break
inside a paragraph is kept (header blocks and lists rely on it).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from cchc.importers.document import Block, Cell, Document, DocumentError, Paragraph, Row, Table, nfc

__all__ = ["clean_inline", "parse_txt", "read_txt"]

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TAGS = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span|br)\s*/?>", re.IGNORECASE)
_MATH = re.compile(r"\$([^$\n]*)\$")
_TEX = [
    (re.compile(r"\\times|\\cdot|\\ast"), "×"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\geq?|\\ge\b"), "≥"),
    (re.compile(r"\\leq?|\\le\b"), "≤"),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\(?:text|mathrm|textbf|textit|mbox)\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\[,;:! ]"), " "),
    (re.compile(r"\\left|\\right"), ""),
]


def _math(match: re.Match[str]) -> str:
    body = match.group(1)
    for pattern, repl in _TEX:
        body = pattern.sub(repl, body)
    # In a formula "*" multiplies; outside, it is Markdown emphasis.
    body = body.replace("*", "×").replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", body).strip()


def clean_inline(text: str) -> tuple[str, bool, bool]:
    """Plain text of a converted line or cell, and whether it was wholly italic / bold."""
    text = _MATH.sub(_math, text)
    core = text.strip().lstrip("-+•").strip()
    bold = bool(re.match(r"^(\*\*|<b>|<strong>)", core, re.I)) and bool(
        re.search(r"(\*\*|</b>|</strong>)$", core, re.I)
    )
    italic = bool(re.match(r"^(\*(?!\*)|<i>|<em>)", core, re.I)) and bool(
        re.search(r"((?<!\*)\*|</i>|</em>)$", core, re.I)
    )
    plain = html.unescape(_TAGS.sub("", text)).replace("*", "")
    plain = plain.translate({ord(c): None for c in _SUPERSCRIPTS})
    plain = re.sub(r"[ \t\u00a0]+", " ", plain)
    return nfc(plain.strip()), italic, bold


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(name, "tệp văn bản UTF-16 bị hỏng") from None
    if b"\x00" in data:
        raise DocumentError(name, "tệp không phải văn bản (có ký tự nhị phân)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            name,
            "tệp văn bản không dùng bảng mã UTF-8 "
            f"(byte lỗi ở vị trí {exc.start}); hãy lưu lại tệp dưới dạng UTF-8",
        ) from None


def read_txt(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path.name, f"không đọc được tệp ({exc.strerror})") from None
    return parse_txt(_decode(data, path.name), path.name)


def parse_txt(text: str, name: str) -> Document:
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[str] = []
    tables = 0

    def flush_paragraph() -> None:
        if not paragraph:
            return
        raw = "\n".join(paragraph)
        first = raw.lstrip()
        footnote = bool(first) and first[0] in _SUPERSCRIPTS
        lines = [clean_inline(line) for line in paragraph]
        plain = "\n".join(t for t, _, _ in lines if t)
        whole_bold = all(b for t, _, b in lines if t) or clean_inline(raw.replace("\n", " "))[2]
        whole_italic = all(i for t, i, _ in lines if t)
        if plain:
            blocks.append(Paragraph(plain, bold=whole_bold, italic=whole_italic, footnote=footnote))
        paragraph.clear()

    def flush_table() -> None:
        nonlocal tables
        if not table:
            return
        tables += 1
        rows = []
        for n, line in enumerate(table, start=1):
            cells = []
            for raw_cell in line.split("\t"):
                plain, italic, bold = clean_inline(raw_cell)
                cells.append(Cell(plain, italic=italic, bold=bold))
            rows.append(Row(cells, n))
        blocks.append(Table(rows, tables))
        table.clear()

    for line in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in line:
            flush_paragraph()
            table.append(line)
        elif line.strip():
            flush_table()
            paragraph.append(line)
        else:
            flush_paragraph()
            flush_table()
    flush_paragraph()
    flush_table()
    return Document(name, "txt", blocks)
