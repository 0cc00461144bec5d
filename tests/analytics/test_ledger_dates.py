"""Dates as ledgers write them: every accepted spelling gives the same day, never the next."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.ledger import LedgerError
from cchc.analytics.ledger_dates import (
    DATE_FORMATS,
    TIME_ZONE,
    date_formats,
    date_sql,
    excel_serial,
    preferred_date_format,
)
from cchc.cli import app
from cchc.domain.date_order import DateReading
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from sql_cells import over_cells

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
CLOCKS = st.times()


def _day(day: date, style: str) -> str:
    d, m, y = day.day, day.month, day.year
    return {
        "dd/mm/yyyy": f"{d:02d}/{m:02d}/{y}",
        "d/m/yyyy": f"{d}/{m}/{y}",
        "iso": day.isoformat(),
        "dd-mm-yyyy": f"{d:02d}-{m:02d}-{y}",
        "dd.mm.yyyy": f"{d:02d}.{m:02d}.{y}",
        # As Excel on a Windows set to English (United States) writes them.
        "m/d/yyyy": f"{m}/{d}/{y}",
        "mm/dd/yyyy": f"{m:02d}/{d:02d}/{y}",
        "mm-dd-yyyy": f"{m:02d}-{d:02d}-{y}",
    }[style]


def _clock(moment: time, style: str, marker: tuple[str, str]) -> str:
    h, mi, s = moment.hour, moment.minute, moment.second
    twelve = (h % 12) or 12
    morning, evening = marker
    return {
        "none": "",
        "hh:mm": f" {h:02d}:{mi:02d}",
        "hh:mm:ss": f" {h:02d}:{mi:02d}:{s:02d}",
        "fraction": f" {h:02d}:{mi:02d}:{s:02d}.{moment.microsecond // 1000:03d}",
        "12-hour": f" {twelve}:{mi:02d}:{s:02d} {morning if h < 12 else evening}",
    }[style]


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            DAYS,
            st.sampled_from(["dd/mm/yyyy", "d/m/yyyy", "iso", "dd-mm-yyyy", "dd.mm.yyyy"]),
            CLOCKS,
            st.sampled_from(["none", "hh:mm", "hh:mm:ss", "fraction", "12-hour"]),
            st.sampled_from(
                [("SA", "CH"), ("sa", "ch"), ("AM", "PM"), ("am", "pm"), ("a.m.", "p.m.")]
            ),
            st.sampled_from(["", " ", "  "]),
        ),
        min_size=1,
        max_size=40,
    ),
    # The format a column's first rows suggest is tried first; any choice reads the same day.
    first=st.sampled_from([None, *DATE_FORMATS]),
)
def test_every_spelling_of_a_day_and_time_reads_as_that_day(
    cells: list[tuple[date, str, time, str, tuple[str, str], str]], first: str | None
) -> None:
    texts = [
        pad + _day(day, style) + _clock(moment, clock, marker) + pad
        for day, style, moment, clock, marker, pad in cells
    ]
    read = duckdb.execute(
        f"SELECT {date_sql('t', first)} FROM (SELECT unnest($texts) AS t, generate_subscripts($texts, 1) AS i) ORDER BY i",
        {"texts": texts},
    ).fetchall()
    assert [r[0] for r in read] == [c[0] for c in cells], texts


def test_what_is_not_a_day_and_a_time_is_not_read() -> None:
    texts = [
        "31/02/2023",  # no such day
        "02/06/2023 25:00",  # no such hour
        "02/06/2023 8:61",
        "02/06/2023 8:30 tối",  # not a clock a ledger uses
        "02/06/2023 abc",
        "ngày 02/06/2023",
        "hôm qua",
        "2023/13/01",
    ]
    for first in (None, *DATE_FORMATS):
        read = duckdb.execute(
            f"SELECT {date_sql('t', first)} FROM (SELECT unnest($texts) AS t)", {"texts": texts}
        ).fetchall()
        assert [r[0] for r in read] == [None] * len(texts), first


def test_the_format_tried_first_is_the_one_most_sampled_cells_are_in() -> None:
    export = ["10/12/2024 11:53", "29/05/2024 07:34", "3/7/2023 8:05", "hôm qua", "02/06/2023"]
    assert preferred_date_format(export) == "%d/%m/%Y %H:%M"
    assert preferred_date_format(["2024-12-10 11:53:21", "2024-05-29"]) in DATE_FORMATS
    assert preferred_date_format(["2024-12-17", "2024-06-05", "05/06/2024"]) == "%Y-%m-%d"
    assert preferred_date_format(["hôm qua", "x"]) is None
    assert preferred_date_format([]) is None


def _ledger(folder: Path, received: list[str]) -> Path:
    path = folder / "so.csv"
    lines = ["Mã hồ sơ,Ngày tiếp nhận,Số ngày giải quyết,Trạng thái"]
    lines += [f"A{i},{text},5,Đang giải quyết" for i, text in enumerate(received)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _july(registry: Registry, tmp_path: Path, received: list[str]):  # type: ignore[no-untyped-def]
    with DossierEngine([_ledger(tmp_path, received)], registry) as engine:
        return engine.stats(DateWindow(date(2023, 7, 1), date(2023, 7, 31)))


def test_a_ledger_in_us_month_first_dates_is_refused_not_misread(
    registry: Registry, tmp_path: Path
) -> None:
    # Excel on an English (US) Windows saves 23 July as 7/23/2023; read day
    # first, 7/3/2023 would silently become 7 March.
    received = ["7/3/2023 9:15 AM", "7/23/2023 4:05 PM", "7/24/2023 8:00 AM", "8/1/2023 8:00 AM"]
    path = _ledger(tmp_path, received)
    with pytest.raises(LedgerError) as error, DossierEngine([path], registry) as engine:
        engine.stats(DateWindow(date(2023, 7, 1), date(2023, 9, 30)))
    message = str(error.value)
    assert "so.csv: cột “ngày tiếp nhận” ghi ngày theo kiểu tháng/ngày/năm" in message
    assert "“7/23/2023 4:05 PM”" in message


@pytest.mark.parametrize(
    "received",
    [
        ["03/07/2023", "23/07/2023", "01/08/2023"],  # a day past 12 proves day first
        ["03/07/2023", "04/07/2023", "01/08/2023"],  # ambiguous: day first, as documented
    ],
)
def test_day_first_dates_are_read(registry: Registry, tmp_path: Path, received: list[str]) -> None:
    result = _july(registry, tmp_path, received)
    assert result.total.received == 2  # the dossier of 01/08 falls after the window
    assert result.excluded == 0


def test_one_slip_in_a_day_first_ledger_does_not_refuse_the_file(
    registry: Registry, tmp_path: Path
) -> None:
    # The first days of July are all the 12th or earlier; one cell typed 05/13 is a slip,
    # not proof of month-first dates: that row alone is left out.
    received = [f"{d:02d}/07/2023" for d in range(1, 13)] + ["05/13/2023"]
    result = _july(registry, tmp_path, received)
    assert result.total.received == 12
    assert [b.problem.value for b in result.bad_rows] == ["bad_received"]


def test_a_us_ledger_whose_first_rows_prove_nothing_is_flagged_row_by_row(
    registry: Registry, tmp_path: Path
) -> None:
    # Sorted by date, the first rows are July 1st–12th, readable either way; the 23rd
    # cannot be read day first, and its message says what that means for the others.
    received = [f"7/{d}/2023" for d in range(1, 13)] + ["7/23/2023"]
    result = _july(registry, tmp_path, received)
    [bad] = result.bad_rows
    assert "(giá trị “7/23/2023”); có vẻ ghi theo tháng/ngày/năm (kiểu Mỹ)" in bad.message
    assert "các ngày từ 1 đến 12 trong sổ cũng đã bị đọc sai" in bad.message


@pytest.mark.parametrize("rows", [600, 12_000])  # within the first bytes read, and far past them
def test_a_us_ledger_sorted_by_date_is_refused_from_rows_past_its_first(
    registry: Registry, tmp_path: Path, rows: int
) -> None:
    # Its first 80 % of rows are 1–12 July, which read either way round (at 12.000 rows,
    # more than the first bytes read); rows sampled further on show the 23rd as 7/23/2023.
    cut = rows * 4 // 5
    days = [1 + 12 * i // cut for i in range(cut)]
    days += [13 + 19 * i // (rows - cut) for i in range(rows - cut)]
    path = _ledger(tmp_path, [f"7/{d}/2023" for d in days])
    assert max(days[:cut]) <= 12 < min(days[cut:])
    with pytest.raises(LedgerError) as error:
        DossierEngine([path], registry).close()
    assert "cột “ngày tiếp nhận” ghi ngày theo kiểu tháng/ngày/năm" in str(error.value)


VIETNAM = timezone(timedelta(hours=7))


def _zoned(moment: datetime, style: str) -> str:
    """An instant as exports with an explicit zone write it (JavaScript, PostgreSQL, ISO)."""
    offset = moment.utcoffset() or timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign, hours, rest = "+" if minutes >= 0 else "-", abs(minutes) // 60, abs(minutes) % 60
    clock = moment.strftime("%Y-%m-%dT%H:%M:%S")
    utc = moment.astimezone(UTC)
    return {
        # JSON.stringify(new Date()) in a browser or Node.js.
        "javascript": utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z",
        "iso": f"{clock}{sign}{hours:02d}:{rest:02d}",
        "compact": f"{clock.replace('T', ' ')}{sign}{hours:02d}{rest:02d}",
        "postgres": f"{clock.replace('T', ' ')}{sign}{hours:02d}"
        + (f":{rest:02d}" if rest else ""),
        "spaced": f"{clock.replace('T', ' ')} {sign}{hours:02d}:{rest:02d}",
        "utc-word": utc.strftime("%Y-%m-%d %H:%M:%S UTC"),
    }[style]


def _read(
    texts: list[str], first: str | None = None, *, month_first: bool = False
) -> list[date | None]:
    """The days ``date_sql`` reads, in a session in Vietnam's zone as the engine's is."""
    con = duckdb.connect()
    con.execute(f"SET TimeZone = '{TIME_ZONE}'")
    return over_cells(date_sql("t", first, month_first=month_first), texts, con=con)


@settings(max_examples=80, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2100, 12, 30)),
            # Whole quarter hours, as real zones are: UTC, Vietnam, and others far away.
            st.integers(min_value=-12 * 4, max_value=14 * 4),
            st.sampled_from(["javascript", "iso", "compact", "postgres", "spaced", "utc-word"]),
        ),
        min_size=1,
        max_size=30,
    ),
    first=st.sampled_from([None, *DATE_FORMATS]),
)
def test_a_moment_written_with_its_offset_falls_on_vietnams_calendar_day(
    cells: list[tuple[datetime, int, str]], first: str | None
) -> None:
    # "2023-05-31T17:30:00.000Z" is 00:30 on 1 June in Vietnam: a dossier received
    # then belongs to June, and a due date written so must not move a day earlier.
    moments = [m.replace(tzinfo=timezone(timedelta(minutes=15 * q))) for m, q, _ in cells]
    texts = [_zoned(m, style) for m, (_, _, style) in zip(moments, cells, strict=True)]
    assert _read(texts, first) == [m.astimezone(VIETNAM).date() for m in moments], texts


def test_a_day_first_date_with_a_foreign_offset_is_not_read_on_the_wrong_day() -> None:
    # No cast reads "31/03/2024 17:30Z" as a moment; reading its day as written would be
    # a day early in Vietnam, so the cell is left unread (the row is reported).
    texts = ["31/03/2024 17:30Z", "31/03/2024 17:30:00-05:00", "31/03/2024 17:30 +07:00"]
    assert _read(texts) == [None, None, date(2024, 3, 31)]


US_DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            US_DAYS,
            st.sampled_from(["m/d/yyyy", "mm/dd/yyyy", "iso", "mm-dd-yyyy"]),
            CLOCKS,
            st.sampled_from(["none", "hh:mm", "hh:mm:ss", "12-hour"]),
        ),
        min_size=1,
        max_size=40,
    ),
    first=st.sampled_from([None, *date_formats(month_first=True)]),
)
def test_with_month_first_every_us_spelling_reads_as_its_day(
    cells: list[tuple[date, str, time, str]], first: str | None
) -> None:
    texts = [
        _day(day, style) + _clock(moment, clock, ("AM", "PM"))
        for day, style, moment, clock in cells
    ]
    assert _read(texts, first, month_first=True) == [c[0] for c in cells], texts


def test_with_month_first_a_day_first_date_is_not_read() -> None:
    texts = ["23/07/2023", "7/23/2023 4:05 PM", "2023-07-23"]
    assert _read(texts, month_first=True) == [None, date(2023, 7, 23), date(2023, 7, 23)]
    assert preferred_date_format(["7/23/2023 4:05", "12/1/2023 8:00"], month_first=True) == (
        "%m/%d/%Y %H:%M"
    )


def test_a_us_ledger_is_read_with_month_first(registry: Registry, tmp_path: Path) -> None:
    received = ["7/3/2023 9:15 AM", "7/23/2023 4:05 PM", "7/24/2023 8:00 AM", "8/1/2023 8:00 AM"]
    path = _ledger(tmp_path, received)
    with DossierEngine([path], registry, dates=DateReading(month_first=True)) as engine:
        result = engine.stats(DateWindow(date(2023, 7, 1), date(2023, 7, 31)))
    # 3, 23 and 24 July; 1 August falls after the window. Day first, 7/3 would be 7 March.
    assert result.total.received == 3
    assert result.excluded == 0


def test_month_first_refuses_a_ledger_whose_first_rows_are_day_first(
    registry: Registry, tmp_path: Path
) -> None:
    path = _ledger(tmp_path, ["03/07/2023", "23/07/2023", "24/07/2023", "01/08/2023"])
    with pytest.raises(LedgerError) as error:
        DossierEngine([path], registry, dates=DateReading(month_first=True)).close()
    assert "ghi ngày theo kiểu ngày/tháng/năm (ví dụ “23/07/2023”)" in str(error.value)
    assert "hãy bỏ --month-first" in str(error.value)


def test_with_month_first_a_stray_day_first_date_is_reported_with_a_hint(
    registry: Registry, tmp_path: Path
) -> None:
    received = [f"7/{d}/2023" for d in range(1, 13)] + ["23/7/2023"]
    path = _ledger(tmp_path, received)
    with DossierEngine([path], registry, dates=DateReading(month_first=True)) as engine:
        result = engine.stats(DateWindow(date(2023, 7, 1), date(2023, 7, 31)))
    assert result.total.received == 12
    [bad] = result.bad_rows
    assert "(giá trị “23/7/2023”); có vẻ ghi theo ngày/tháng/năm" in bad.message
    assert "hãy bỏ --month-first" in bad.message


def test_the_cli_reads_a_us_ledger_with_month_first(tmp_path: Path) -> None:
    path = _ledger(tmp_path, ["7/3/2023 9:15 AM", "7/23/2023 4:05 PM", "7/24/2023 8:00 AM"])
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "31/07/2023"]
    refused = CliRunner().invoke(app, command)
    assert refused.exit_code == 2
    assert "chạy lại với --month-first" in refused.output
    read = CliRunner().invoke(app, [*command, "--month-first", "--format", "json"])
    assert read.exit_code == 0, read.output
    assert json.loads(read.stdout)["total"]["received"] == 3


def test_an_excel_day_number_is_the_day_excel_shows() -> None:
    # Excel's own display of these numbers, formatted as dates.
    assert excel_serial("45110") == date(2023, 7, 3)
    assert excel_serial(" 45111.375 ") == date(2023, 7, 4)  # 09:00 that day
    assert excel_serial("45111,5") == date(2023, 7, 4)
    assert excel_serial("32874") == date(1990, 1, 1)
    assert excel_serial("73415") == date(2100, 12, 31)
    for text in ("4511", "451100", "45110x", "-45110", "45 110", ""):
        assert excel_serial(text) is None, text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(DAYS, st.sampled_from(["", ".5", ".375", ",25", ".999988426"]), st.booleans()),
        min_size=1,
        max_size=20,
    )
)
def test_a_day_number_reads_in_sql_as_in_python(cells: list[tuple[date, str, bool]]) -> None:
    texts = [
        (" " if pad else "") + str((day - date(1899, 12, 30)).days) + fraction
        for day, fraction, pad in cells
    ]
    assert _read(texts) == [excel_serial(t) for t in texts] == [c[0] for c in cells], texts


def test_a_ledger_whose_dates_lost_their_format_is_read_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "so.csv"
    path.write_text(
        "Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"
        "A1,45110,45117,45112,Đã giải quyết\n"
        "A2,45111.375,45118,,Đang giải quyết\n"
        "A3,05/07/2023,12/07/2023,,Đang giải quyết\n",
        encoding="utf-8",
    )
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "11/07/2023"]
    out = CliRunner().invoke(app, [*command, "--format", "json"])
    total = json.loads(out.stdout)["total"]
    # A1 finished 05/07, due 10/07: on time; A2 due 11/07 (the window's last day): còn hạn.
    assert (total["total"], total["resolved_on_time"], total["pending_on_time"]) == (3, 1, 2)
    assert (
        f"Lưu ý: {path}: cột ngày tiếp nhận, ngày hẹn trả, ngày có kết quả ghi ngày dạng số "
        "của Excel (“45110” là ngày 03/07/2023), đã đọc thành ngày" in out.stderr
    )


def test_day_numbers_in_a_workbooks_general_cells_are_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    # Numbers, not text: a date pasted as a value into a column formatted "General".
    book = Workbook()
    book.active.append(
        ["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]
    )
    book.active.append(["A1", 45110, 45117, 45112.5, "Đã giải quyết"])
    book.active.append(["A2", 45111.375, 45118, None, "Đang giải quyết"])
    path = tmp_path / "so.xlsx"
    book.save(path)
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "11/07/2023"]
    out = CliRunner().invoke(app, [*command, "--format", "json"])
    data = json.loads(out.stdout)
    assert (data["total"]["total"], data["total"]["resolved_on_time"]) == (2, 1)
    assert data["excluded"]["total"] == 0
    assert "(“45110” là ngày 03/07/2023)" in out.stderr
