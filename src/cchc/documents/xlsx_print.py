"""How every workbook we write prints: A4 landscape, one page wide, headers repeated.

Officials print these sheets to sign or to work from. Without a page setup
LibreOffice and Excel print the columns that fit on a portrait page and put
the rest on later pages, so a wide table comes out as several half tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from cchc.documents.textwidth import text_width_pt

__all__ = ["column_points", "print_landscape", "row_height", "wrapped_lines"]

PAGE_FOOTER = "Trang &P/&N"
# Line pitch of Times New Roman in a wrapped cell, as a multiple of the font size:
# Excel's (15,75 pt at 12 pt), the larger of the two; LibreOffice's is about 1,11.
LINE_SPACING = 1.3


def print_landscape(ws: Any, *, title_rows: str, freeze: str | None = None) -> None:
    """A4 landscape, scaled to one page wide (any number of pages tall).

    ``title_rows`` ("5:6") repeat on every printed page; ``freeze`` (a cell
    such as "A7") keeps the rows above and the columns left of it on screen.
    Works on normal and write-only worksheets alike (set before the rows).
    """
    if freeze:
        ws.freeze_panes = freeze
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = PAGE_FOOTER


def column_points(width: float) -> float:
    """The text room of a column ``width`` characters wide (Excel's unit), in points.

    Excel draws a column of width w as 7·w + 5 pixels at 96 dpi; a cell keeps
    about 2 pixels of padding on each side.
    """
    return (7 * width + 5 - 4) * 0.75


@lru_cache(maxsize=4096)  # a long list repeats its names, fields and agencies
def wrapped_lines(text: str, width: float, size_pt: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes in a wrapping cell of ``width`` characters (Times New Roman).

    Greedy word wrap, as spreadsheets do; a word wider than the column is
    broken, so it counts as many lines as it needs.
    """
    room = column_points(width)
    space = text_width_pt(" ", size_pt, bold=bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            wide = text_width_pt(word, size_pt, bold=bold)
            if used and used + space + wide <= room:
                used += space + wide
                continue
            if used:
                lines += 1
            extra, used = divmod(wide, room)
            lines += int(extra) if used else max(int(extra) - 1, 0)
            used = used or room
    return lines


def row_height(
    cells: Iterable[tuple[str, float]], size_pt: float, *, bold: bool = False
) -> float | None:
    """The height in points that shows every (text, column width) cell whole; None: the default."""
    lines = max((wrapped_lines(t, w, size_pt, bold=bold) for t, w in cells), default=1)
    if lines <= 1:
        return None
    return round(lines * size_pt * LINE_SPACING + 3, 1)
