"""Writing the late-dossier list (XLSX) against a bare openpyxl peer.

    python benchmarks/late_list_bench.py [--rows 10000] [--repeat 5]

*cchc* is ``write_late_list``: a bordered, print-ready table (fonts, borders,
wrapped cells, row heights from the text, print setup, filter). The *peer*
writes the same values with openpyxl's write-only mode and nothing but the
date format, which is what the list was before it was made printable. CPU
time of each, best of ``--repeat`` runs, alternated in one process.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from cchc.documents.late_list import HEADERS, LateRow, write_late_list
from cchc.domain.apology import LateDossier
from cchc.domain.dossiers import LedgerLevel, Outcome
from cchc.domain.periods import DateWindow

WINDOW = DateWindow(date(2023, 6, 15), date(2023, 9, 14))
NAMES = ("Đăng ký khai sinh", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Chứng thực bản sao")


def late_rows(count: int) -> list[LateRow]:
    levels = list(LedgerLevel)
    return [
        LateRow(
            LateDossier(
                f"000.00.{i:09d}",
                date(2023, 7, 1),
                date(2023, 7, 10),
                date(2023, 7, 20) if i % 3 else None,
                Outcome.RESOLVED_LATE if i % 3 else Outcome.PENDING_OVERDUE,
                f"H.{i % 100:03d}",
                f"{NAMES[i % 3]} số {i % 100}",
                "Đất đai",
                f"UBND-H{i % 12:02d}",
                levels[i % 3],
                "Lê Minh Đức",
                "chờ xác minh" if i % 5 == 0 else None,
                "so-ho-so-2023.csv",
                i + 2,
            ),
            5,
            date(2023, 9, 1),
        )
        for i in range(count)
    ]


def peer(path: Path, rows: list[LateRow]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ quá hạn")
    sheet.append([f"DANH SÁCH HỒ SƠ QUÁ HẠN {WINDOW.label.upper()}"])
    sheet.append([name for name, _ in HEADERS])
    for number, row in enumerate(rows, 1):
        d = row.dossier
        values: list[object] = [
            number,
            d.dossier_id,
            d.procedure_code,
            d.procedure_name,
            d.field,
            d.agency,
            d.level.label if d.level else "",
            d.applicant,
            d.received,
            d.due,
            d.finished,
            d.outcome.value,
            row.working_days_late,
            row.new_date,
            d.late_reason or "",
            f"{d.file}, dòng {d.row}",
        ]
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = late_rows(args.rows)
    best = {"cchc": float("inf"), "peer": float("inf")}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            for name in best:
                start = time.process_time()
                if name == "cchc":
                    write_late_list(Path(folder) / "cchc.xlsx", WINDOW, rows)
                else:
                    peer(Path(folder) / "peer.xlsx", rows)
                best[name] = min(best[name], time.process_time() - start)
    print(
        f"{args.rows:,} rows, best CPU of {args.repeat}: cchc {best['cchc']:.2f} s, "
        f"bare openpyxl peer {best['peer']:.2f} s, ratio {best['cchc'] / best['peer']:.2f}×"
    )


if __name__ == "__main__":
    main()
