"""Excel workbooks (.xlsx) of appendix forms, through openpyxl.

Each worksheet becomes its caption lines (rows with a single text cell
above or between the tables: "BIỂU MẪU 3", "Kèm theo Báo cáo số ...") and
its tables. The sheet's name is given as a caption too, since workbooks
often name a sheet "Biểu mẫu 3" or "BM3" instead of printing it. Typed
numbers are kept as numbers; a cell formatted as a percentage holds a
fraction (0,7 for 70 %) and is read as the percentage shown.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cchc.domain.numbers import format_number
from cchc.importers.document import Block, Cell, Document, DocumentError, Paragraph, Row, Table, nfc

__all__ = ["read_xlsx"]

Number = int | float


def read_xlsx(path: Path) -> Document:
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - a dependency of the package
        raise DocumentError(path.name, "chưa cài thư viện openpyxl") from None
    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
        # The formulas too: a formula Excel never calculated has no saved value, and
        # must read as "not calculated", not as a blank cell.
        formulas = openpyxl.load_workbook(str(path), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
        raise DocumentError(
            path.name, f"tệp Excel bị hỏng hoặc không đúng định dạng .xlsx ({_why(exc)})"
        ) from None
    except OSError as exc:
        raise DocumentError(path.name, f"không đọc được tệp ({exc.strerror or exc})") from None
    except Exception as exc:  # damaged workbooks raise many kinds of parser errors
        raise DocumentError(
            path.name, f"tệp Excel bị hỏng, không đọc được nội dung ({_why(exc)})"
        ) from None
    try:
        blocks: list[Block] = []
        tables = 0
        for sheet, formula_sheet in zip(workbook.worksheets, formulas.worksheets, strict=True):
            sheet_blocks, tables = _sheet(sheet, formula_sheet, tables)
            blocks.extend(sheet_blocks)
        return Document(path.name, "xlsx", blocks)
    except Exception as exc:  # a damaged sheet found while reading it
        raise DocumentError(
            path.name, f"tệp Excel bị hỏng, không đọc được nội dung ({_why(exc)})"
        ) from None
    finally:
        workbook.close()
        formulas.close()


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return text[:120] if text else type(exc).__name__


def _cell(value: Any, number_format: str) -> Cell:
    if value is None:
        return Cell("")
    if isinstance(value, bool):
        return Cell("Có" if value else "Không")
    if isinstance(value, int | float):
        number: Number = value
        percent = "%" in (number_format or "")
        if percent:
            number = round(float(value) * 100, 10)
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        text = format_number(number) + ("%" if percent else "")
        return Cell(text, number=number)
    if isinstance(value, datetime | date):
        return Cell(value.strftime("%d/%m/%Y"))
    return Cell(nfc(str(value)).strip())


def _sheet(sheet: Any, formula_sheet: Any, tables: int) -> tuple[list[Block], int]:
    merged_origin: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    merged_origin[(row, col)] = (merged.min_row, merged.min_col)
    grid: list[tuple[int, list[Cell]]] = []
    for r, row in enumerate(sheet.iter_rows(), start=1):
        cells: list[Cell] = []
        for c, item in enumerate(row, start=1):
            origin = merged_origin.get((r, c))
            if origin is not None:
                source = sheet.cell(row=origin[0], column=origin[1])
                base = _cell(source.value, source.number_format)
                cells.append(Cell(base.text, merged=True))
            elif item.value is None and _is_formula(formula_sheet.cell(row=r, column=c).value):
                cells.append(Cell(str(formula_sheet.cell(row=r, column=c).value)))
            else:
                cells.append(_cell(item.value, item.number_format))
        while cells and not cells[-1].text:
            cells.pop()
        grid.append((r, cells))
    blocks: list[Block] = [Paragraph(nfc(str(sheet.title)).strip())]
    pending: list[Row] = []

    def flush() -> None:
        nonlocal tables
        if pending:
            tables += 1
            blocks.append(Table(list(pending), tables, sheet=str(sheet.title)))
            pending.clear()

    for sheet_row, cells in grid:
        filled = [c for c in cells if c.text and not c.merged]
        if not filled:
            flush()
            continue
        if len(filled) == 1 and not pending and filled[0].number is None:
            blocks.append(Paragraph(filled[0].text))
            continue
        if len(filled) == 1 and pending and _is_caption(filled[0].text):
            flush()
            blocks.append(Paragraph(filled[0].text))
            continue
        # Rows keep the sheet's own row numbers: that is what a user looks up.
        pending.append(Row(cells, sheet_row))
    flush()
    return blocks, tables


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _is_caption(text: str) -> bool:
    from cchc.domain.wording import fold

    folded = fold(text)
    return folded.startswith(("bieu mau", "bieu so", "phu luc", "kem theo", "ban hanh kem"))
