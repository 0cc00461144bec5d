"""Realistic one-stop dossier ledgers for benchmarks and tests.

Volumes follow a province's two years: three levels (departments, districts
with their land-registration branches, communes), a procedure catalogue
with fields, deadlines and online levels, seasonal receipts (a rush before
Tết, almost nothing on days off except online), about 3 % late, some
pending, paused, returned and withdrawn. Due dates come from the real
working-day calendar (the ``holidays`` package); 30 % are left empty so
that the engine computes them from ``processing_days``.

    python benchmarks/ledger_generator.py ROWS OUT.csv|OUT.parquet [--style vi] [--seed N]

``--style vi`` writes what one-stop software exports: Vietnamese headers
and words ("Đã giải quyết", "Trực tuyến", "Có") and dd/mm/yyyy hh:mm dates.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cchc.analytics.calendar import calendar_from_files
from cchc.domain.dossier_ledger import LEDGER_COLUMNS
from cchc.registry import Registry

FIRST, LAST, EXPORTED = date(2023, 1, 1), date(2024, 12, 31), date(2025, 1, 15)
# Relative receipt volume per month: a rush before Tết, a dip after it.
MONTHS = np.array([1.25, 0.7, 1.0, 1.0, 1.05, 1.1, 1.05, 1.1, 1.0, 1.0, 1.05, 1.2])
FIELDS = {
    "tinh": ["Đầu tư", "Xây dựng", "Tài nguyên và Môi trường", "Giao thông vận tải", "Y tế"],
    "huyen": ["Đất đai", "Hộ tịch", "Xây dựng", "Kinh doanh", "Giáo dục", "Tư pháp"],
    "xa": ["Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Đất đai", "Thi đua khen thưởng"],
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
NAMES = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Huy", "Thị Lan"]
# The ledger's own Vietnamese headers, as a one-stop export capitalises them.
VI_HEADERS = {c.name: c.label[:1].upper() + c.label[1:] for c in LEDGER_COLUMNS}
VI_WORDS = {
    "status": {
        "da_giai_quyet": "Đã giải quyết",
        "dang_giai_quyet": "Đang giải quyết",
        "tam_dung": "Tạm dừng",
        "tra_lai": "Trả lại",
        "rut": "Rút",
    },
    "level": {"tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã"},
    "channel": {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Bưu chính"},
    "online_level": {"mot_phan": "Một phần", "toan_trinh": "Toàn trình", "": ""},
    "flag": {"true": "Có", "false": "Không"},
}


def _procedures(rng: np.random.Generator) -> dict[str, np.ndarray]:
    rows: list[tuple[str, str, str, str, int, str]] = []
    for level, count in (("tinh", 140), ("huyen", 110), ("xa", 60)):
        for i in range(count):
            field = FIELDS[level][i % len(FIELDS[level])]
            days = int(rng.choice([0, 1, 3, 5, 7, 10, 15, 20, 30]))
            online = str(rng.choice(["", "mot_phan", "toan_trinh"], p=[0.3, 0.45, 0.25]))
            code = f"{level[0].upper()}.{i + 1:03d}"
            rows.append((code, f"Thủ tục {field.lower()} số {i + 1}", field, level, days, online))
    names = ("code", "name", "field", "level", "days", "online")
    return {name: np.array([r[i] for r in rows]) for i, name in enumerate(names)}


def _agencies(level: np.ndarray, field: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = len(level)
    department = np.char.add("SO-", rng.integers(1, 21, n).astype(str))
    district = rng.integers(1, 10, n).astype(str)
    land = (field == "Đất đai") & (level == "huyen")
    district_agency = np.where(
        land, np.char.add("VPDK-H0", district), np.char.add("UBND-H0", district)
    )
    commune = np.char.add("UBND-X", np.char.zfill(rng.integers(1, 151, n).astype(str), 3))
    return np.where(
        level == "tinh", department, np.where(level == "huyen", district_agency, commune)
    )


def _dates(values: np.ndarray, style: str, with_time: bool) -> np.ndarray:
    """ISO ("2023-06-01 08:30:00") or Vietnamese ("01/06/2023 08:30"); NaT → ""."""
    present = ~np.isnat(values)
    iso = np.datetime_as_string(values, unit="s" if with_time else "D")
    if style == "vi":
        out = np.char.add(np.char.add(np.char.add(_cut(iso, 8, 10), "/"), _cut(iso, 5, 7)), "/")
        out = np.char.add(out, _cut(iso, 0, 4))
        if with_time:
            out = np.char.add(np.char.add(out, " "), _cut(iso, 11, 16))
    else:
        out = np.char.replace(iso, "T", " ") if with_time else iso
    return np.where(present, out, "")


def _cut(values: np.ndarray, start: int, end: int) -> np.ndarray:
    raw = values.astype(f"U{values.dtype.itemsize // 4}").view("U1").reshape(len(values), -1)
    return raw[:, start:end].copy().view(f"U{end - start}").ravel()


def _dirty(columns: dict[str, np.ndarray], rng: np.random.Generator, share: float) -> None:
    """Problem rows as real exports have them: copies, impossible dates, stray words."""
    rows = len(columns["dossier_id"])
    picked = rng.choice(rows, max(5, int(rows * share)), replace=False)
    for n, row in enumerate(picked):
        other = (row + 1) % rows
        match n % 5:
            case 0:  # an identical copy of the next row (counted once)
                for values in columns.values():
                    values[row] = values[other]
            case 1:  # the same id with other content (all copies excluded)
                columns["dossier_id"][row] = columns["dossier_id"][other]
            case 2:
                columns["received_at"][row] = "31/02/2023"
            case 3:
                columns["status"][row] = "chờ xử lý"
            case 4:
                columns["finished_at"][row] = "2022-01-01 08:00:00"


def generate(
    rows: int,
    seed: int = 2023,
    style: str = "canonical",
    first_id: int = 1,
    dirty: float = 0.0,
) -> pa.Table:
    rng = np.random.default_rng([seed, first_id])
    calendar = calendar_from_files(Registry(use_env=False).files("calendars"), range(2022, 2028))
    off = np.array(
        sorted(calendar.non_working_days(date(2022, 1, 1), date(2027, 12, 31))),
        dtype="datetime64[D]",
    )
    busdays = np.busdaycalendar(weekmask="1111111", holidays=off)
    days = np.arange(np.datetime64(FIRST), np.datetime64(LAST) + 1)
    working = np.is_busday(days, busdaycal=busdays)
    month = days.astype("datetime64[M]").astype(int) % 12
    weight = MONTHS[month] * np.where(working, 1.0, 0.04)  # online receipts on days off
    received_day = rng.choice(days, rows, p=weight / weight.sum())

    catalogue = _procedures(np.random.default_rng(seed))
    level = rng.choice(["tinh", "huyen", "xa"], rows, p=[0.25, 0.35, 0.40])
    procedure = np.empty(rows, dtype=np.int64)
    for name in ("tinh", "huyen", "xa"):
        ids = np.flatnonzero(catalogue["level"] == name)
        mask = level == name
        procedure[mask] = rng.choice(ids, int(mask.sum()))
    field = catalogue["field"][procedure]
    online_level = catalogue["online"][procedure]
    allowed = catalogue["days"][procedure].astype(np.int64)
    share_online = np.select(
        [online_level == "toan_trinh", online_level == "mot_phan"], [0.85, 0.5], 0.0
    )
    channel = np.where(
        rng.random(rows) < share_online,
        "truc_tuyen",
        np.where(rng.random(rows) < 0.1, "buu_chinh", "truc_tiep"),
    )

    due = np.busday_offset(received_day, allowed, roll="forward", busdaycal=busdays)
    late = rng.random(rows) < 0.03
    spent = np.where(
        late,
        allowed + rng.integers(1, 11, rows),
        np.floor(allowed * rng.random(rows) ** 0.5).astype(np.int64),
    )
    finished_day = np.busday_offset(received_day, spent, roll="forward", busdaycal=busdays)
    done = finished_day <= np.datetime64(EXPORTED)
    kind = rng.random(rows)
    status = np.where(
        done,
        np.select([kind < 0.02, kind < 0.035], ["tra_lai", "rut"], "da_giai_quyet"),
        np.where(kind < 0.1, "tam_dung", "dang_giai_quyet"),
    )
    start = rng.integers(7 * 3600 + 30 * 60, 16 * 3600, rows)
    received_at = received_day.astype("datetime64[s]") + start.astype("timedelta64[s]")
    later = start + (rng.random(rows) * (17 * 3600 - start)).astype(np.int64)
    finished_at = np.where(
        done,
        finished_day.astype("datetime64[s]") + later.astype("timedelta64[s]"),
        np.datetime64("NaT"),
    )
    due_at = np.where(rng.random(rows) < 0.7, due, np.datetime64("NaT"))

    def flag(share: float, mask: np.ndarray | bool = True) -> np.ndarray:
        return np.where(mask & (rng.random(rows) < share), "true", "false")

    columns = {
        "dossier_id": np.char.add(
            "000.00.", np.char.zfill(np.arange(first_id, first_id + rows).astype(str), 9)
        ),
        "procedure_code": catalogue["code"][procedure],
        "procedure_name": catalogue["name"][procedure],
        "field": field,
        "agency": _agencies(level, field, rng),
        "level": level,
        "channel": channel,
        "online_level": online_level,
        "received_at": _dates(received_at, style, True),
        "due_at": _dates(due_at, style, False),
        "processing_days": allowed,
        "finished_at": _dates(finished_at, style, True),
        "status": status,
        "digitised_input": flag(0.9),
        "digitised_result": flag(0.8),
        "paid_online": flag(0.4, channel == "truc_tuyen"),
        "applicant": np.char.add(
            np.char.add(rng.choice(SURNAMES, rows), " "), rng.choice(NAMES, rows)
        ),
    }
    if dirty:
        columns = {k: v.astype(object) for k, v in columns.items()}
        _dirty(columns, rng, dirty)
    if style == "vi":
        for name in ("status", "level", "channel", "online_level"):
            columns[name] = _translate(columns[name], VI_WORDS[name])
        for name in ("digitised_input", "digitised_result", "paid_online"):
            columns[name] = _translate(columns[name], VI_WORDS["flag"])
        return pa.table({VI_HEADERS[k]: v for k, v in columns.items()})
    return pa.table(columns)


def _translate(values: np.ndarray, words: dict[str, str]) -> np.ndarray:
    keys = np.array(list(words))
    found = np.searchsorted(keys[np.argsort(keys)], values)
    translated = np.array([words[k] for k in keys[np.argsort(keys)]])
    return translated[found]


CHUNK = 500_000


def write(
    rows: int, out: Path, seed: int = 2023, style: str = "canonical", dirty: float = 0.0
) -> None:
    """Generate in chunks (memory stays flat) into a CSV or Parquet file, atomically."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    writer: pq.ParquetWriter | pacsv.CSVWriter | None = None
    try:
        for first in range(1, rows + 1, CHUNK):
            table = generate(min(CHUNK, rows - first + 1), seed, style, first, dirty)
            if writer is None:
                writer = (
                    pq.ParquetWriter(tmp, table.schema)
                    if out.suffix == ".parquet"
                    else pacsv.CSVWriter(tmp, table.schema)
                )
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--style", choices=["canonical", "vi"], default="canonical")
    parser.add_argument("--dirty", action="store_true", help="make 0,1 %% of the rows problem rows")
    args = parser.parse_args()
    write(args.rows, args.out, args.seed, args.style, 0.001 if args.dirty else 0.0)


if __name__ == "__main__":
    main()
