"""Spreadsheet ledgers (XLSX, XLSM, XLS, ODS): each ledger sheet streamed once into Parquet.

DuckDB reads Parquet in parallel; a workbook is read once with calamine (a
Rust reader, through python-calamine): ``cchc dossiers stats`` on a
100.000-row workbook takes 4,3 s where openpyxl's streaming reader took
33,5 s (23/11/2026, docs/benchmarks.md). Calamine holds one sheet in memory
while it is copied: 1,7 GB peak for a million rows, near Excel's limit of
1.048.576; Python keeps one batch of rows. It also reads the old binary .xls
and LibreOffice's .ods, which one-stop programs and officials still save.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cchc.analytics.ledger import (
    HEADER_SEARCH_ROWS,
    LedgerError,
    LedgerSource,
    Progress,
    code_samples,
    date_samples,
    find_header,
)
from cchc.domain.dossier_ledger import LedgerVocabulary

__all__ = ["SHEET_KINDS", "open_sheets"]

# File suffix → the format named in messages and in the JSON ``sources``.
SHEET_KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
_BATCH = 50_000


def open_sheets(
    path: Path,
    first_file_no: int,
    vocabulary: LedgerVocabulary,
    workdir: Path,
    progress: Progress | None,
) -> list[LedgerSource]:
    """One source per visible sheet holding a ledger, numbered from ``first_file_no``.

    A register kept one sheet a month is read whole, not its first month only.
    Sheets without a ledger header are left out, and so are hidden sheets
    (often copies or look-up lists): both are named in the first source's notes.
    """
    from python_calamine import CalamineError, SheetTypeEnum, SheetVisibleEnum

    label = str(path)
    kind = SHEET_KINDS[path.suffix.lower()]
    try:
        book = _open_book(path)
    except (CalamineError, OSError, ValueError) as exc:
        if _is_html(path):
            raise LedgerError(
                f"{label}: tệp này là văn bản HTML hoặc XML mang đuôi .{path.suffix[1:]}, như "
                "nhiều phần mềm xuất “Excel”; hãy mở bằng Excel rồi lưu lại dạng "
                "“Excel Workbook (.xlsx)” hoặc “CSV UTF-8”"
            ) from None
        raise LedgerError(_unreadable(label, kind, exc)) from None
    sources: list[tuple[str, LedgerSource]] = []
    notes: list[str] = []
    hidden: list[str] = []
    first_error: LedgerError | None = None
    with book:
        for number, meta in enumerate(book.sheets_metadata):
            if meta.typ is not SheetTypeEnum.WorkSheet:
                continue
            if progress:
                # Loading a large sheet takes a while (about 2 s per 100.000 rows): say so.
                progress(f"Đọc {path.name}, trang “{meta.name}”", None)
            try:
                sheet = book.get_sheet_by_index(number)
            except CalamineError as exc:
                raise LedgerError(_unreadable(label, kind, exc)) from None
            rows = _rows(sheet)
            head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
            try:
                found = find_header(head, vocabulary, f"{label} (trang “{meta.name}”)")
            except LedgerError as exc:
                first_error = first_error or exc
                if any(_cell_text(c) for row in head for c in row):
                    notes.append(f"{label}: trang “{meta.name}” không có bảng sổ hồ sơ, không đọc")
                continue
            if meta.visible is not SheetVisibleEnum.Visible:
                hidden.append(
                    f"{label}: trang ẩn “{meta.name}” có bảng sổ hồ sơ nhưng không được đọc "
                    "(hiện trang đó trong Excel nếu cần tính)"
                )
                continue
            file_no = first_file_no + len(sources)
            task = f"Chuyển {path.name}, trang “{meta.name}” sang dạng cột"
            total = sheet.end[0] + 1 if sheet.end else 0
            source = _convert(
                path, kind, file_no, head, rows, found, workdir, (progress, task, total)
            )
            sources.append((meta.name, source))
    if not sources:
        error = first_error or LedgerError(f"{label}: tệp không có trang tính nào")
        raise LedgerError("; ".join([str(error), *hidden])) if hidden else error
    for name, source in sources:
        # Messages name the sheet when the workbook has more than one ledger.
        source.label = label if len(sources) == 1 else f"{label} (trang “{name}”)"
    sources[0][1].notes.extend(notes + hidden)
    return [source for _, source in sources]


def _convert(
    path: Path,
    kind: str,
    file_no: int,
    head: list[Any],
    rows: Iterator[Any],
    found: tuple[int, dict[str, int], list[str]],
    workdir: Path,
    progress: tuple[Progress | None, str, int],
) -> LedgerSource:
    """Copy one sheet's ledger columns into Parquet, with each row's number in the sheet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    index, found_columns, ignored = found
    wanted = sorted(found_columns.items(), key=lambda item: item[1])
    out = workdir / f"ledger-{file_no}.parquet"
    schema = pa.schema(
        [pa.field(f"c{i}", pa.string()) for _, i in wanted] + [pa.field("__row", pa.int64())]
    )
    buffers: list[list[Any]] = [[] for _ in range(len(wanted) + 1)]
    samples: list[list[str | None]] = []
    # Row i of the sheet (from 0) is row i + 1 to the user, as Excel numbers it.
    body = itertools.chain(head[index + 1 :], rows)
    with pq.ParquetWriter(out, schema) as writer:
        positions = [i for _, i in wanted]
        width = max(positions) + 1
        pick = operator.itemgetter(*positions)
        for number, row in enumerate(body, start=index + 2):
            if len(row) < width:
                row = [*row, *[None] * (width - len(row))]
            cells = pick(row) if len(positions) > 1 else (pick(row),)
            # Most cells are text: only the others go through _cell_text.
            texts = [(c or None) if c.__class__ is str else _cell_text(c) for c in cells]
            if all(t is None or not t.strip() for t in texts):
                continue
            # The first rows and every thousandth after them: see ledger._LATER_SAMPLES.
            if len(samples) < 100 or (number % 1000 == 0 and len(samples) < 500):
                samples.append(texts)
            for slot, text in enumerate(texts):
                buffers[slot].append(text)
            buffers[-1].append(number)
            if len(buffers[-1]) >= _BATCH:
                writer.write_table(pa.Table.from_arrays(buffers, schema=schema))
                buffers = [[] for _ in buffers]
                report, task, total = progress
                if report:
                    report(task, min(number / total, 1.0) if total else None)
        if buffers[-1]:
            writer.write_table(pa.Table.from_arrays(buffers, schema=schema))
    columns = {name: (f'"c{i}"', "VARCHAR") for name, i in wanted}
    # The sampled rows hold only the wanted cells, in ``wanted`` order.
    slots = {name: slot for slot, (name, _) in enumerate(wanted)}
    return LedgerSource(
        path,
        str(path),
        kind,
        file_no,
        columns,
        ignored,
        read_path=out,
        date_samples=date_samples(samples, slots),
        code_samples=code_samples(samples, slots),
    )


def _open_book(path: Path) -> Any:
    """The workbook, by its suffix or else by its content.

    Programs export an .xlsx named .xls and the other way round; calamine
    picks the format by suffix, and tells it from the bytes when given a file.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except CalamineError:
        with path.open("rb") as handle:
            return CalamineWorkbook.from_filelike(handle)


def _rows(sheet: Any) -> Any:
    """The sheet's rows from its first row (A1 downwards), cells from its first used column.

    python-calamine's ``iter_rows`` starts at the sheet's first row but at the
    first *used* column; row numbers in messages depend on the first, so it is
    checked against ``to_python(skip_empty_area=False)``, which starts at A1.
    """
    if sheet.start is None:
        return iter(())
    first_column = sheet.start[1]
    top = [r[first_column:] for r in sheet.to_python(skip_empty_area=False, nrows=5)]
    rows = sheet.iter_rows()
    seen = list(itertools.islice(rows, len(top)))
    if seen != top:
        raise RuntimeError("python-calamine: iter_rows no longer starts at the sheet's first row")
    return itertools.chain(seen, rows)


def _is_html(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta"))


def _unreadable(label: str, kind: str, exc: BaseException) -> str:
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if kind == "xlsx":
        return (
            f"{label}: không mở được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx "
            f"(mở bằng Excel rồi lưu lại dạng “Excel Workbook (.xlsx)”) (chi tiết: {detail})"
        )
    return f"{label}: không mở được tệp bảng tính .{kind}: tệp hỏng (chi tiết: {detail})"


def _cell_text(cell: Any) -> str | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        # A duration cell (rare): whole days, as a number of days.
        return str(cell.days) if not cell.seconds else str(cell.total_seconds() / 86400)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
