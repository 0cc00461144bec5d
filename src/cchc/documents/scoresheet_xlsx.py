"""The score sheet, forecast and ranking as an Excel workbook (bảng chấm điểm)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.documents.scoresheet_common import (
    FORECAST_COLUMNS,
    RANKING_COLUMNS,
    SHEET_COLUMNS,
    DocRow,
    forecast_rows,
    ranking_rows,
    ranking_title,
    sheet_rows,
    sheet_title,
)
from cchc.documents.xlsx_print import print_landscape, row_height
from cchc.domain.scoring import Scheme
from cchc.domain.scoring_forecast import Forecast
from cchc.domain.scoring_ranking import RankRow
from cchc.domain.scoring_sheet import ScoreSheet

__all__ = ["write_ranking_xlsx", "write_scoresheet_xlsx"]

_FONT = "Times New Roman"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHEET_WIDTHS = (9, 60, 10, 10, 60, 10, 40)
_FORECAST_WIDTHS = (6, 60, 10, 10, 10, 70)
_RANKING_WIDTHS = (9, 40, 12, 12, 12, 14, 30)


def _number_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def _table(
    ws: Worksheet,
    title: Sequence[str],
    columns: Sequence[str],
    rows: Sequence[DocRow],
    widths: Sequence[int],
    decimals: int,
) -> None:
    for i, line in enumerate(title, 1):
        ws.cell(row=i, column=1, value=line).font = Font(
            name=_FONT, size=13, bold=i == 1, italic=line.startswith("(")
        )
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(columns))
        ws.cell(row=i, column=1).alignment = Alignment(horizontal="center")
    header = len(title) + 2
    for col, name in enumerate(columns, 1):
        cell = ws.cell(row=header, column=col, value=name)
        cell.font = Font(name=_FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    ws.row_dimensions[header].height = row_height(zip(columns, widths, strict=True), 12, bold=True)
    for offset, row in enumerate(rows, 1):
        # An indent level takes about two characters of the name column's room.
        room = [w - 2 * row.depth if col == 2 else w for col, w in enumerate(widths, 1)]
        texts = [(v, w) for v, w in zip(row.cells, room, strict=False) if isinstance(v, str)]
        height = row_height(texts, 12, bold=row.group or row.total)
        ws.row_dimensions[header + offset].height = height
        for col, value in enumerate(row.cells, 1):
            cell = ws.cell(row=header + offset, column=col)
            if isinstance(value, Fraction):
                cell.value = float(value)
                cell.number_format = _number_format(decimals)
            else:
                cell.value = value or None
            cell.font = Font(name=_FONT, size=12, bold=row.group or row.total)
            cell.border = _BORDER
            cell.alignment = Alignment(
                vertical="top",
                wrap_text=True,
                horizontal="center" if isinstance(value, Fraction) else None,
                indent=row.depth if col == 2 else 0,
            )
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    print_landscape(ws, title_rows=f"{header}:{header}", freeze=f"A{header + 1}")


def write_scoresheet_xlsx(sheet: ScoreSheet, path: Path, forecast: Forecast | None = None) -> None:
    """The score sheet, and the forecast on a second worksheet when given."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Bảng chấm điểm"
    decimals = sheet.scheme.decimals
    _table(ws, sheet_title(sheet), SHEET_COLUMNS, sheet_rows(sheet), _SHEET_WIDTHS, decimals)
    if forecast is not None:
        title = ["DỰ BÁO TIÊU CHÍ CÓ KHẢ NĂNG THẤP ĐIỂM", *sheet_title(sheet)[1:]]
        _table(
            workbook.create_sheet("Dự báo"),
            title,
            FORECAST_COLUMNS,
            forecast_rows(forecast),
            _FORECAST_WIDTHS,
            decimals,
        )
    workbook.save(path)


def write_ranking_xlsx(rows: Sequence[RankRow], scheme: Scheme, path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Xếp hạng"
    _table(
        ws,
        ranking_title(scheme),
        RANKING_COLUMNS,
        ranking_rows(rows, scheme),
        _RANKING_WIDTHS,
        scheme.decimals,
    )
    workbook.save(path)
