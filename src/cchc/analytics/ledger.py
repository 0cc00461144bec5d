"""Opening dossier ledgers (CSV, spreadsheets, Parquet) as DuckDB scans, without loading them.

A source knows which of its columns is which canonical ledger column (the
header row is found among the first rows, so a title above the table does
not matter), what table function reads it, and how to turn the engine's
row order back into the row number a user sees in the file. A spreadsheet
is streamed once into a Parquet file in a work folder (``ledger_sheets``);
a CSV not in UTF-8 is copied to UTF-8 first (``ledger_encoding``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.analytics.ledger_encoding import UTF8, NotTextError, detect_encoding, transcode
from cchc.domain.date_order import DAY_FIRST, DateReading, date_order_problem
from cchc.domain.dossier_ledger import (
    CODE_COLUMNS,
    COLUMN_BY_NAME,
    FLAG_COLUMNS,
    REQUIRED_COLUMNS,
    LedgerVocabulary,
)
from cchc.domain.ledger_headers import header_hints, hinted
from cchc.domain.periods import format_date

__all__ = [
    "HEADER_SEARCH_ROWS",
    "LedgerError",
    "LedgerSource",
    "Progress",
    "code_samples",
    "date_samples",
    "empty_lines",
    "find_header",
    "open_sources",
    "sql_string",
]

HEADER_SEARCH_ROWS = 30
_SAMPLE_BYTES = 256 * 1024
_SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_DATE_SAMPLE_ROWS = 100
# Beyond the first rows, date cells are also sampled from these points of a CSV:
# a ledger sorted by date starts with days that read either way round, so the
# signs of its order (``domain/date_order.py``) stand further on.
_LATER_SAMPLES = (0.25, 0.5, 0.75, 1.0)
_LATER_BYTES = 24 * 1024
_DATE_COLUMNS = ("received_at", "due_at", "finished_at")
# Code cells: the texts the sampled rows hold most often are matched in SQL as they stand.
_CODE_COLUMNS = (*CODE_COLUMNS, *FLAG_COLUMNS)
_CODE_SAMPLE_KEEP = 24

Progress = Callable[[str, float | None], None]


class LedgerError(ValueError):
    """A ledger file that cannot be read at all; the message names the file."""


@dataclass
class LedgerSource:
    path: Path
    label: str  # the name the user gave, used in every message
    kind: str  # csv, parquet, or a spreadsheet: xlsx, xls, ods
    file_no: int
    # canonical column → (quoted source column, DuckDB type of the source column)
    columns: dict[str, tuple[str, str]]
    ignored: list[str] = field(default_factory=list)  # headers that are not ledger columns
    header_line: int = 1  # CSV: the physical line of the header row
    # How the rows are read: the table function, with or without row numbers.
    delimiter: str = ","
    width: int = 0  # CSV: the number of columns of the header row
    sample_rows: int = 0  # CSV: data rows seen after the header in the first bytes
    read_path: Path | None = None  # what is read: an XLSX's Parquet, a CSV's UTF-8 copy
    encoding: str | None = None  # CSV: the file's text encoding (ledger_encoding names)
    # Date column → texts from its first rows, from which the SQL picks the format to try first.
    date_samples: dict[str, list[str]] = field(default_factory=dict)
    # Code column → the cell texts its sampled rows hold most often, exactly as read.
    code_samples: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the user should know (sheets left out)
    _blank: list[int] | None = field(default=None, repr=False)
    _scan: Future[list[int]] | None = field(default=None, repr=False)
    quiet_lines: set[int] = field(default_factory=set)  # CSV: rejected lines of spaces only
    dates: DateReading = DAY_FIRST  # what the user said of the dates (--month-first…)

    def relation(self, *, rejects: str | None = None, row_numbers: bool = False) -> str:
        """The SQL table expression; ``row_numbers`` adds ``__row`` where the format has it."""
        path = self.read_path or self.path
        if self.kind == "csv":
            types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(self.width))
            options = (
                f"header=false, skip={self.header_line}, delim={sql_string(self.delimiter)}, "
                f"quote='\"', escape='\"', auto_detect=false, null_padding=false, "
                f"columns={{{types}}}"
            )
            if rejects:
                options += (
                    f", store_rejects=true, rejects_table='{rejects}_t', rejects_scan='{rejects}_s'"
                )
            return f"read_csv({sql_string(str(path))}, {options})"
        if self.kind != "parquet" or not row_numbers:
            return f"read_parquet({sql_string(str(path))})"
        return f"(SELECT *, file_row_number + 1 AS __row FROM read_parquet({sql_string(str(path))}, file_row_number=true))"

    @property
    def has_row_column(self) -> bool:
        return self.kind != "csv"

    def scan_blank_lines(self) -> None:
        """CSV: start finding the empty lines in a thread, while DuckDB works.

        numpy and file reads let go of the GIL; about 1,5 s at 10 million rows.
        """
        if self.kind == "csv" and self._scan is None and self._blank is None:
            pool = ThreadPoolExecutor(max_workers=1)
            self._scan = pool.submit(empty_lines, self.read_path or self.path)
            pool.shutdown(wait=False)

    def blank_lines(self) -> list[int]:
        """CSV: the empty lines below the header, which the reader skips without a row."""
        if self._blank is None:
            path = self.read_path or self.path
            scanned = self._scan.result() if self._scan else empty_lines(path)
            self._blank = [n for n in scanned if n > self.header_line]
        return self._blank


_SCAN_BYTES = 16 * 1024 * 1024


def empty_lines(path: Path, chunk: int = _SCAN_BYTES) -> list[int]:
    """The numbers of the file's empty lines ("\n" or "\r\n" alone).

    Read only when rows are numbered for the user (problem rows, late lists),
    with numpy over 16 MB blocks read in place: about 1,5 s for 2,3 GB (10
    million rows), where ``bytes.find`` took 9,8 s. A blank line inside a
    quoted cell counts too, which can put later numbers one line out; such
    cells are rare in ledgers.
    """
    import numpy as np

    found: list[int] = []
    # Two bytes of what came before each block, so that a pattern may span blocks;
    # the file starts as if after a newline, so that a first line can be empty.
    buffer = bytearray(b"\n\n") + bytearray(chunk)
    window = memoryview(buffer)[2:]
    before = 0  # newlines in the blocks already read
    with path.open("rb") as handle:
        while size := handle.readinto(window):
            codes = np.frombuffer(buffer, np.uint8, count=size + 2)
            newline = codes == 10
            # m: the position of the "\n" that ends an empty line; its start is k.
            ends = np.flatnonzero(newline[1:-1] & newline[2:]) + 2
            starts = ends.tolist()
            if buffer.find(b"\r", 0, size + 2) >= 0:
                crlf = newline[:-2] & (codes[1:-1] == 13) & newline[2:]
                starts += (np.flatnonzero(crlf) + 1).tolist()
            for start in sorted(starts):
                inside = int(np.count_nonzero(newline[2:start])) if start > 2 else 0
                found.append(before + inside + 1)
            before += int(np.count_nonzero(newline[2:]))
            buffer[0:2] = buffer[size : size + 2]
    return found


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def open_sources(
    path: Path,
    first_file_no: int,
    vocabulary: LedgerVocabulary,
    workdir: Path,
    con: Any,
    progress: Progress | None = None,
    *,
    dates: DateReading = DAY_FIRST,
) -> list[LedgerSource]:
    """The sources of one file: one, or one per ledger sheet of a workbook."""
    label = str(path)
    if not path.exists():
        raise LedgerError(f"{label}: không tìm thấy tệp")
    if path.is_dir():
        raise LedgerError(f"{label}: là thư mục, không phải tệp sổ hồ sơ")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        sources = [_open_csv(path, label, first_file_no, vocabulary, workdir, progress)]
    elif suffix in _SHEET_SUFFIXES:
        # Imported here: ledger_sheets builds on this module.
        from cchc.analytics.ledger_sheets import open_sheets

        sources = open_sheets(path, first_file_no, vocabulary, workdir, progress)
    elif suffix in (".parquet", ".pq"):
        sources = [_open_parquet(path, label, first_file_no, vocabulary, con)]
    else:
        raise LedgerError(
            f"{label}: không đọc được định dạng “{path.suffix or '(không có đuôi)'}” "
            "(dùng CSV, XLSX, XLS, ODS hoặc Parquet)"
        )
    for source in sources:
        source.dates = dates
        problem = date_order_problem(source.label, source.date_samples, dates)
        if problem:
            raise LedgerError(problem)
        source.notes += _serial_notes(source)
    return sources


def _serial_notes(source: LedgerSource) -> list[str]:
    """Date columns whose sampled cells hold Excel day numbers: read, and said so once."""
    # Imported here: ledger_dates builds on this module.
    from cchc.analytics.ledger_dates import excel_serial

    columns, example = [], None
    for name, samples in source.date_samples.items():
        found = next(((t, d) for t in samples if (d := excel_serial(t)) is not None), None)
        if found is not None:
            columns.append(COLUMN_BY_NAME[name].label)
            example = example or found
    if example is None:
        return []
    text, day = example
    return [
        f"{source.label}: cột {', '.join(columns)} ghi ngày dạng số của Excel (“{text}” là ngày "
        f"{format_date(day)}), đã đọc thành ngày; nếu ngày đọc ra sai, hãy định dạng "
        "cột là ngày (Date) trong Excel rồi lưu lại sổ"
    ]


def _map_headers(
    headers: Sequence[Any], vocabulary: LedgerVocabulary
) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, raw in enumerate(headers):
        text = "" if raw is None else str(raw).strip()
        if not text:
            continue
        column = vocabulary.column_for(text)
        if column is None or column in found:
            ignored.append(text)
        else:
            found[column] = index
    return found, ignored


def find_header(
    rows: Sequence[Sequence[Any]], vocabulary: LedgerVocabulary, label: str
) -> tuple[int, dict[str, int], list[str]]:
    """The header with the most ledger columns; it must hold every required column.

    The header is one row, or two when merged cells put a group over its
    sub-headers (the register of Mẫu 06: "Nhận và trả kết quả" over "Ngày,
    tháng, năm nhận hồ sơ"…), and a row numbering the columns ("1", "2",
    "(3)"…) may follow it. The index returned is the header's last row: the
    data start on the next one.
    """
    best: tuple[int, dict[str, int], list[str]] | None = None
    head = rows[:HEADER_SEARCH_ROWS]
    for index, row in enumerate(head):
        candidates = [(index, row)]
        if index + 1 < len(head):
            candidates.append((index + 1, _stacked(row, head[index + 1])))
        for last, cells in candidates:
            found, ignored = _map_headers(cells, vocabulary)
            if best is None or len(found) > len(best[1]):
                best = (last, found, ignored)
    if best is None or not best[1]:
        raise LedgerError(
            f"{label}: không tìm thấy dòng tiêu đề của sổ hồ sơ trong {HEADER_SEARCH_ROWS} dòng đầu "
            "(cần các cột mã hồ sơ, ngày tiếp nhận, trạng thái…)"
        )
    index, found, ignored = best
    if index + 1 < len(head) and _numbering(head[index + 1]):
        index += 1
    missing = [c for c in REQUIRED_COLUMNS if c not in found]
    if "due_at" not in found and "processing_days" not in found:
        missing.append("due_at")
    if missing:
        names = ", ".join(f"{c} [{COLUMN_BY_NAME[c].label}]" for c in missing)
        raise LedgerError(
            f"{label}: dòng tiêu đề (dòng {index + 1}) thiếu cột bắt buộc: {names}"
            + (" (hoặc số ngày giải quyết)" if "due_at" in missing else "")
            + _missing_hints(missing, ignored, found, vocabulary)
        )
    return index, found, ignored


def _missing_hints(
    missing: Sequence[str],
    ignored: Sequence[str],
    found: dict[str, int],
    vocabulary: LedgerVocabulary,
) -> str:
    """“. Có phải cột “Ngay nhan HS” là ngày tiếp nhận? …” for the headers like a missing
    column; the Mẫu 06 advice when the status is missing and no header looks like it."""
    hints = header_hints(ignored, found, vocabulary.headers, vocabulary.not_columns)
    asked = {column: hinted(hints, column) for column in missing}
    pairs = [
        f"cột “{header}” là {COLUMN_BY_NAME[column].label}"
        for column, headers in asked.items()
        for header in headers
    ]
    text = ""
    if pairs:
        text = (
            f". Có phải {', '.join(pairs)}? Nếu đúng, đổi tên cột theo docs/dossiers.md hoặc "
            "thêm tên này vào tệp từ vựng sổ hồ sơ của tỉnh (mục columns)"
        )
    if "status" in missing and not asked["status"]:
        text += _STATUS_HINT
    return text


# The register of Mẫu 06 has no status column: which dossiers were returned, withdrawn or
# paused is not in its dates, so the status is asked for rather than guessed.
_STATUS_HINT = (
    ". Sổ theo Mẫu 06 không có cột trạng thái: hãy thêm cột “Trạng thái” ghi đang giải quyết, "
    "đã giải quyết, tạm dừng, trả lại hoặc rút cho từng hồ sơ (hồ sơ đã có kết quả thường là "
    "“đã giải quyết”, trừ hồ sơ trả lại hoặc công dân rút), hoặc xuất lại sổ từ phần mềm một cửa"
)


def date_samples(rows: Iterable[Sequence[Any]], found: dict[str, int]) -> dict[str, list[str]]:
    wanted = {name: i for name, i in found.items() if name in _DATE_COLUMNS}
    samples: dict[str, list[str]] = {name: [] for name in wanted}
    for row in rows:
        for name, i in wanted.items():
            if i < len(row) and row[i] is not None and str(row[i]).strip():
                samples[name].append(str(row[i]).strip())
    return samples


def code_samples(rows: Iterable[Sequence[Any]], found: dict[str, int]) -> dict[str, list[str]]:
    """The cells of each code column that the rows hold most often, as written.

    A ledger writes its statuses its own way ("Đã giải quyết - Đúng hạn"); the
    SQL matches these texts as they stand instead of folding every cell
    (``dossier_sql.code_sql``). Whatever the sample holds, a cell still gets
    the code its folded text gives: the sample only decides what is fast.
    """
    wanted = {name: i for name, i in found.items() if name in _CODE_COLUMNS}
    counts: dict[str, Counter[str]] = {name: Counter() for name in wanted}
    for row in rows:
        for name, i in wanted.items():
            if i < len(row) and isinstance(row[i], str) and row[i].strip():
                counts[name][row[i]] += 1
    return {
        name: [text for text, _ in seen.most_common(_CODE_SAMPLE_KEEP)]
        for name, seen in counts.items()
    }


def _stacked(upper: Sequence[Any], lower: Sequence[Any]) -> list[Any]:
    """Two header rows read as one: a sub-header under a merged group cell wins."""
    width = max(len(upper), len(lower))
    cells = []
    for i in range(width):
        below = lower[i] if i < len(lower) else None
        above = upper[i] if i < len(upper) else None
        cells.append(below if below is not None and str(below).strip() else above)
    return cells


_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


def _numbering(row: Sequence[Any]) -> bool:
    """A row that only numbers the columns under the header: (1), (2), (3)…"""
    cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
    return len(cells) >= 3 and all(_COLUMN_NUMBER.fullmatch(c) for c in cells)


def _open_csv(
    path: Path,
    label: str,
    file_no: int,
    vocabulary: LedgerVocabulary,
    workdir: Path,
    progress: Progress | None,
) -> LedgerSource:
    sample_bytes = _sample(path, label)
    cut = len(sample_bytes) == _SAMPLE_BYTES
    try:
        encoding = detect_encoding(sample_bytes, cut=cut)
    except NotTextError as exc:
        raise LedgerError(_not_text(label, exc.line)) from None
    if encoding == UTF8:
        return _open_utf8(path, label, file_no, vocabulary, sample_bytes)
    copy = workdir / f"ledger-{file_no}.utf8.csv"

    def report(fraction: float) -> None:
        if progress:
            progress(f"Chuyển {path.name} sang UTF-8", fraction)

    try:
        transcode(path, copy, encoding, report)
    except NotTextError as exc:
        raise LedgerError(_not_text(label, exc.line)) from None
    except OSError as exc:
        raise LedgerError(f"{label}: không đọc được tệp ({exc.strerror})") from None
    source = _open_utf8(copy, label, file_no, vocabulary, _sample(copy, label))
    source.path, source.read_path, source.encoding = path, copy, encoding
    return source


def _sample(path: Path, label: str) -> bytes:
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
    except OSError as exc:
        raise LedgerError(f"{label}: không đọc được tệp ({exc.strerror})") from None
    if not sample.strip():
        raise LedgerError(f"{label}: tệp rỗng")
    return sample


def _not_text(label: str, line: int) -> str:
    return (
        f"{label}, dòng {line}: tệp không phải UTF-8, cũng không phải bảng mã Windows-1258 "
        "tiếng Việt (có thể là TCVN3/VNI hoặc bảng mã khác); hãy lưu lại dạng “CSV UTF-8”"
    )


def _open_utf8(
    path: Path, label: str, file_no: int, vocabulary: LedgerVocabulary, sample_bytes: bytes
) -> LedgerSource:
    # detect_encoding found UTF-8: only a cut sample's last character may be incomplete.
    sample = sample_bytes.decode("utf-8-sig", errors="ignore")
    lines = sample.splitlines()
    if len(sample_bytes) == _SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]
    head = "\n".join(lines[:HEADER_SEARCH_ROWS])
    # The delimiter is the one under which a header row shows the most ledger columns:
    # a sniffer is fooled by a title line above the table.
    candidates = []
    for delimiter in (",", ";", "\t", "|"):
        rows = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        best = max((len(_map_headers(r, vocabulary)[0]) for r in rows), default=0)
        candidates.append((best, delimiter, rows))
    _, delimiter, rows = max(candidates, key=lambda c: c[0])
    index, found, ignored = find_header(rows, vocabulary, label)
    # The header's physical line: rows before it may not span lines, so count them.
    header_line = index + 1
    body = lines[header_line:]
    data = "\n".join(body[:_DATE_SAMPLE_ROWS] + _later_lines(path, body, len(sample_bytes)))
    sampled = list(csv.reader(io.StringIO(data), delimiter=delimiter))
    return LedgerSource(
        path=path,
        label=label,
        kind="csv",
        file_no=file_no,
        columns={name: (f'"c{i}"', "VARCHAR") for name, i in found.items()},
        ignored=ignored,
        header_line=header_line,
        delimiter=delimiter,
        encoding=UTF8,
        width=len(rows[index]),
        sample_rows=sum(1 for r in rows[index + 1 :] if any(c.strip() for c in r)),
        date_samples=date_samples(sampled, found),
        code_samples=code_samples(sampled, found),
    )


def _later_lines(path: Path, body: list[str], sampled: int) -> list[str]:
    """Lines from further into a CSV than its first rows, for the date samples.

    Taken from the rest of the first bytes read and from a few points of the
    file past them; a line cut by the chunk's start is dropped, and a row that
    spans lines may give a ragged row, which ``date_samples`` tolerates.
    """
    rest = body[_DATE_SAMPLE_ROWS:]
    lines = rest[:: max(1, len(rest) // _DATE_SAMPLE_ROWS)]
    try:
        size = path.stat().st_size
        if size <= sampled + _LATER_BYTES:
            return lines
        with path.open("rb") as handle:
            for point in _LATER_SAMPLES:
                start = max(sampled, int(size * point) - _LATER_BYTES)
                handle.seek(start)
                chunk = handle.read(_LATER_BYTES).decode("utf-8", errors="ignore")
                taken = chunk.splitlines()[1:-1]
                lines += taken[:: max(1, len(taken) // _DATE_SAMPLE_ROWS)]
    except OSError:
        pass  # the samples only steer how dates are read; the scan reports the file
    return lines


def _open_parquet(
    path: Path, label: str, file_no: int, vocabulary: LedgerVocabulary, con: Any
) -> LedgerSource:
    try:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(path))})"
        ).fetchall()
    except Exception as exc:  # DuckDB raises many error types for a damaged file
        raise LedgerError(
            f"{label}: không đọc được tệp Parquet: tệp hỏng hoặc không phải định dạng Parquet "
            f"(chi tiết: {_first_line(exc)})"
        ) from None
    names = [str(row[0]) for row in described]
    types = {str(row[0]): str(row[1]) for row in described}
    _, found, ignored = find_header([names], vocabulary, label)
    columns = {name: (_quote(names[i]), types[names[i]]) for name, i in found.items()}
    texts = [
        n for n in (*_DATE_COLUMNS, *_CODE_COLUMNS) if n in columns and columns[n][1] == "VARCHAR"
    ]
    rows = []
    if texts:
        rows = con.execute(
            f"SELECT {', '.join(columns[n][0] for n in texts)} "
            f"FROM read_parquet({sql_string(str(path))}) LIMIT {_DATE_SAMPLE_ROWS}"
        ).fetchall()
    slots = {n: i for i, n in enumerate(texts)}
    return LedgerSource(
        path,
        label,
        "parquet",
        file_no,
        columns,
        ignored,
        date_samples=date_samples(rows, slots),
        code_samples=code_samples(rows, slots),
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
