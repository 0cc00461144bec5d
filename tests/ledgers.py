"""Small dossier ledgers written as real files (CSV, XLSX, Parquet) for the tests."""

from __future__ import annotations

import csv
import dataclasses
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

CANONICAL = (
    "dossier_id",
    "procedure_code",
    "procedure_name",
    "field",
    "agency",
    "level",
    "channel",
    "online_level",
    "received_at",
    "due_at",
    "processing_days",
    "finished_at",
    "status",
    "digitised_input",
    "digitised_result",
    "paid_online",
)
VIETNAMESE = {
    "dossier_id": "Mã hồ sơ",
    "procedure_code": "Mã TTHC",
    "procedure_name": "Tên TTHC",
    "field": "Lĩnh vực",
    "agency": "Cơ quan giải quyết",
    "level": "Cấp",
    "channel": "Hình thức nộp",
    "online_level": "Mức độ DVC",
    "received_at": "Ngày tiếp nhận",
    "due_at": "Ngày hẹn trả",
    "processing_days": "Số ngày giải quyết",
    "finished_at": "Ngày có kết quả",
    "status": "Trạng thái",
    "digitised_input": "Số hóa hồ sơ",
    "digitised_result": "Số hóa kết quả",
    "paid_online": "Thanh toán trực tuyến",
    "applicant": "Người nộp",
    "late_reason": "Lý do quá hạn",
}


@dataclass
class D:
    """One dossier row; dates are ``date`` objects or the raw text of the cell."""

    dossier_id: str
    received_at: Any
    status: str = "dang_giai_quyet"
    due_at: Any = None
    processing_days: Any = None
    finished_at: Any = None
    level: str = "huyen"
    agency: str = "UBND-H"
    field: str = "Hộ tịch"
    channel: str = "truc_tiep"
    online_level: str = ""
    digitised_input: Any = False
    digitised_result: Any = False
    paid_online: Any = False
    procedure_code: str = "1.001"
    procedure_name: str = "Đăng ký khai sinh"
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    def cells(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        data.update(self.extra)
        return data


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(
    path: Path,
    rows: Iterable[D],
    *,
    headers: Mapping[str, str] | None = None,
    columns: Sequence[str] = CANONICAL,
    delimiter: str = ",",
    above: Sequence[str] = (),
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        for line in above:
            handle.write(line + "\n")
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow([(headers or {}).get(c, c) for c in columns])
        for row in rows:
            cells = row.cells()
            writer.writerow([text(cells.get(c)) for c in columns])
    return path


def write_xlsx(
    path: Path,
    rows: Iterable[D],
    *,
    headers: Mapping[str, str] | None = None,
    columns: Sequence[str] = CANONICAL,
    above: Sequence[str] = (),
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in above:
        sheet.append([line])
    sheet.append([(headers or {}).get(c, c) for c in columns])
    for row in rows:
        cells = row.cells()
        # Dates stay real Excel dates; everything else as the user would type it.
        sheet.append(
            [
                cells.get(c) if isinstance(cells.get(c), date) else text(cells.get(c)) or None
                for c in columns
            ]
        )
    book.save(path)
    return path


def write_parquet(path: Path, rows: Iterable[D], *, columns: Sequence[str] = CANONICAL) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    items = [r.cells() for r in rows]
    data: dict[str, list[Any]] = {}
    for column in columns:
        values = [item.get(column) for item in items]
        if column.endswith("_at"):
            data[column] = [
                datetime(v.year, v.month, v.day) if type(v) is date else v for v in values
            ]
        elif column == "processing_days":
            data[column] = [None if v in (None, "") else int(v) for v in values]
        elif column in ("digitised_input", "digitised_result", "paid_online"):
            data[column] = [bool(v) for v in values]
        else:
            data[column] = [None if v in (None, "") else str(v) for v in values]
    pq.write_table(pa.table(data), path)
    return path


# ---------------------------------------------------------------- seed 002
# Tư Nghĩa, quý III/2023, "từ ngày 01/6/2023 đến hết ngày 25/9/2023" (sections 2.1–2.3).
SEED002_WINDOW = (date(2023, 6, 1), date(2023, 9, 25))


def late_ledger(folder: Path, *, applicant: bool, first_name: str = "Chứng thực bản sao") -> Path:
    """Two late dossiers (resolved late, pending overdue) and one on time, window Q3/2023."""
    rows = [
        # Resolved late: due Thu 10/08/2023, result Mon 14/08/2023.
        D(
            "HS-001",
            date(2023, 8, 1),
            "da_giai_quyet",
            date(2023, 8, 10),
            None,
            date(2023, 8, 14),
            agency="UBND-X01",
            procedure_name=first_name,
            extra={"applicant": "Đinh Duy Vinh"},
        ),
        # Pending past its due date at the end of the window.
        D(
            "HS-002",
            date(2023, 9, 4),
            "dang_giai_quyet",
            date(2023, 9, 15),
            agency="UBND-X01",
            procedure_name="Đăng ký khai sinh",
            extra={"applicant": "Công ty TNHH An Phú"},
        ),
        # On time: not listed.
        D("HS-003", date(2023, 9, 4), "da_giai_quyet", date(2023, 9, 15), None, date(2023, 9, 15)),
    ]
    columns = (*CANONICAL, "applicant") if applicant else CANONICAL
    return write_csv(folder / "so.csv", rows, columns=columns)


def _flags(rows: list[D], count: int, flag: str, where: Any = None) -> None:
    chosen = [r for r in rows if where is None or where(r)][:count]
    for row in chosen:
        setattr(row, flag, True)


def _online(rows: list[D], level: str, received: int, online: int) -> None:
    """Give ``received`` new dossiers the online level, ``online`` of them filed online."""
    free = [r for r in rows if r.extra.get("new") and not r.online_level]
    for n, row in enumerate(free[:received]):
        row.online_level = level
        row.channel = "truc_tuyen" if n < online else "truc_tiep"


def _group(
    prefix: str,
    level: str,
    agencies: Sequence[str],
    *,
    carried: Sequence[tuple[str, int]],
    new: Sequence[tuple[str, int]],
) -> list[D]:
    """Dossiers by outcome; every outcome exercises a different date rule."""
    rows: list[D] = []
    n = 0

    def add(kind: str, is_new: bool) -> None:
        nonlocal n
        n += 1
        agency = agencies[n % len(agencies)]
        ident = f"{prefix}-{n:05d}"
        start = date(2023, 7, 10) if is_new else date(2023, 5, 25)
        if kind == "on_time":
            # Half with a written due date, half computed over Quốc khánh: received Wed
            # 30/08/2023 + 2 working days (01/09, 02/09, 04/09 off) = Tue 05/09/2023,
            # finished exactly on that day.
            if n % 2 and is_new:
                row = D(ident, date(2023, 8, 30), "da_giai_quyet", None, 2, date(2023, 9, 5))
            elif is_new:
                row = D(ident, start, "da_giai_quyet", date(2023, 7, 14), None, date(2023, 7, 12))
            else:  # carried over and finished early in the window
                row = D(ident, start, "da_giai_quyet", date(2023, 6, 8), None, date(2023, 6, 5))
        elif kind == "late":
            row = D(
                ident,
                date(2023, 8, 1) if is_new else start,
                "da_giai_quyet",
                date(2023, 8, 10),
                None,
                date(2023, 8, 14),
            )
        elif kind == "pending":
            # Due on or after the last day: còn hạn. New ones filed on the last day.
            received = date(2023, 9, 25) if is_new else date(2023, 5, 15)
            row = D(
                ident,
                received,
                "dang_giai_quyet",
                date(2023, 9, 29) if is_new else date(2023, 10, 31),
            )
        else:  # withdrawn while pending, inside the window
            row = D(ident, date(2023, 7, 3), "rut", date(2023, 7, 14), None, date(2023, 7, 5))
        row.level, row.agency = level, agency
        row.extra["new"] = is_new
        rows.append(row)

    for kind, count in carried:
        for _ in range(count):
            add(kind, False)
    for kind, count in new:
        for _ in range(count):
            add(kind, True)
    return rows


def seed002_rows() -> list[D]:
    offices = _group(
        "PB",
        "huyen",
        ["PHONG-BAN"],
        carried=[("on_time", 3)],
        new=[("on_time", 504), ("pending", 15), ("withdrawn", 5)],
    )
    _online(offices, "mot_phan", 76, 75)
    _online(offices, "toan_trinh", 176, 174)
    _flags(offices, 511, "digitised_input", lambda r: r.status != "rut")
    _flags(offices, 430, "digitised_result", lambda r: r.status == "da_giai_quyet")

    land = _group(
        "DD",
        "huyen",
        ["VPDK-TN"],
        carried=[("on_time", 400), ("late", 15), ("pending", 257)],
        new=[("on_time", 5353), ("pending", 681), ("withdrawn", 3)],
    )
    _online(land, "mot_phan", 3451, 1529)
    _online(land, "toan_trinh", 1629, 1597)

    communes = _group(
        "XA",
        "xa",
        [f"UBND-X{i:02d}" for i in range(1, 15)],
        carried=[("on_time", 30)],
        new=[("on_time", 8656), ("late", 3), ("pending", 52), ("withdrawn", 41)],
    )
    _online(communes, "mot_phan", 5968, 5233)
    _online(communes, "toan_trinh", 2473, 2454)
    _flags(communes, 7941, "digitised_input", lambda r: r.status != "rut")
    _flags(communes, 7293, "digitised_result", lambda r: r.status == "da_giai_quyet")

    outside = [
        D("NGOAI-1", date(2023, 9, 26), level="xa", agency="UBND-X01", due_at=date(2023, 9, 29)),
        D(
            "NGOAI-2",
            date(2023, 5, 2),
            "da_giai_quyet",
            date(2023, 5, 20),
            None,
            date(2023, 5, 31),
            level="huyen",
            agency="PHONG-BAN",
        ),
        D(
            "NGOAI-3",
            date(2023, 4, 3),
            "rut",
            date(2023, 4, 20),
            None,
            date(2023, 4, 5),
            level="xa",
            agency="UBND-X02",
        ),
    ]
    return offices + land + communes + outside


# Tư Nghĩa district's Q3/2023 report that seed 002's ledger fills (its stated window).
SEED002_REPORT: dict[str, Any] = {
    "format": "cchc.report/1",
    "unit": {"code": "tu-nghia", "name": "UBND huyện Tư Nghĩa", "level": "district"},
    "period": {
        "year": 2023,
        "kind": "Q3",
        "start": "2023-06-01",
        "end": "2023-09-25",
        "window": "stated",
    },
    "template": "bm-2023",
    "values": {
        "procedures.results.district.on_time_rate": {"value": None},
        "procedures.results.commune.on_time_rate": {"value": None},
    },
}

# What ``cchc dossiers fill`` writes into it: seed 002's published figures.
SEED002_FILLED = {
    # huyện: phòng, ban (507/507) + chi nhánh VPĐKĐĐ (5.768/5.753)
    "procedures.results.district.resolved": 6275,
    "procedures.results.district.on_time": 6260,
    "procedures.results.commune.resolved": 8689,
    "procedures.results.commune.on_time": 8686,
    # 252 + 5.080 + 8.441 dossiers of online-service procedures, 249 + 3.126 + 7.687 online
    "egov.online_services.dossiers_received": 13773,
    "egov.online_services.dossiers_online": 11062,
}

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Excel on a Vietnamese Windows saves a CSV: Windows-1258.

    The code page holds the letters with a breve, circumflex or horn but most
    toned letters not: Windows writes those as the letter and a combining tone
    mark ("ử" = "ư" + hook above).
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            out += (base + "".join(c for c in parts if c in _TONE_MARKS)).encode("cp1258")
    return bytes(out)
