"""The neutral model every reader produces: paragraphs and tables, in order.

A plain-text conversion, a Word file and a workbook all become a
``Document``: paragraphs (text with emphasis) and tables (rows of cells),
so that header, appendix and narrative reading work the same on all of
them. Cells keep what the reader knows: the text as shown, whether it is
emphasised, a typed number (spreadsheets) and whether it only continues a
merged cell.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "Cell",
    "Document",
    "DocumentError",
    "Paragraph",
    "Row",
    "Table",
]

Number = int | float


class DocumentError(ValueError):
    """A file that cannot be imported; the message names the file and the place, in Vietnamese."""

    def __init__(self, file: str, problem: str, where: str = "") -> None:
        self.file = file
        self.problem = problem
        self.where = where
        place = f" ({where})" if where else ""
        super().__init__(f"{file}{place}: {problem}")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(slots=True)
class Cell:
    text: str
    italic: bool = False
    bold: bool = False
    number: Number | None = None  # a typed number, when the file stores one
    merged: bool = False  # continues a cell merged from the left or from above

    @property
    def value_text(self) -> str:
        """The text a value cell contributes: nothing when it only continues a merged cell."""
        return "" if self.merged else self.text.strip()


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    number: int  # 1-based position in its table
    repeat_header: bool = False  # marked to repeat on every page (Word)

    def text(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].text.strip()

    def value(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].value_text

    def cell(self, column: int | None) -> Cell | None:
        if column is None or column >= len(self.cells):
            return None
        return self.cells[column]

    @property
    def is_empty(self) -> bool:
        return not any(c.text.strip() for c in self.cells)


@dataclass(slots=True)
class Table:
    rows: list[Row]
    number: int  # 1-based position among the document's tables
    sheet: str | None = None  # the worksheet it came from

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    @property
    def label(self) -> str:
        return f"bảng {self.number}" + (f" (trang tính “{self.sheet}”)" if self.sheet else "")


@dataclass(slots=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    footnote: bool = False  # a footnote body (starts with its superscript number)

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


Block = Paragraph | Table


@dataclass
class Document:
    name: str  # the file name shown to users
    kind: str  # "txt", "docx", "xlsx"
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text_lines(self) -> Iterator[str]:
        """Every line of text, paragraphs and table cells alike, in order."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield from block.lines
            else:
                for row in block.rows:
                    for cell in row.cells:
                        if not cell.merged:
                            yield from (x.strip() for x in cell.text.splitlines() if x.strip())
