"""The engine on small ledgers: every definition edge, seed 002 exactly, and properties."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.analytics.calendar import load_calendar
from cchc.analytics.dossier_engine import DossierEngine
from cchc.domain.dossiers import (
    Channel,
    DossierStats,
    DossierStatus,
    OnlineLevel,
    place,
)
from cchc.domain.numbers import format_percent
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from ledgers import SEED002_WINDOW, D, seed002_rows, write_csv, write_parquet

WINDOW = DateWindow(*SEED002_WINDOW)


def run(registry: Registry, path: Path, by: tuple[str, ...] = (), window: DateWindow = WINDOW):  # type: ignore[no-untyped-def]
    with DossierEngine([path], registry) as engine:
        return engine.stats(window, by)


def one(registry: Registry, tmp_path: Path, row: D, window: DateWindow = WINDOW) -> dict:  # type: ignore[type-arg]
    return run(registry, write_csv(tmp_path / "mot.csv", [row]), window=window).total.as_dict()


def outcome(data: dict) -> str:  # type: ignore[type-arg]
    names = (
        "resolved_on_time",
        "resolved_late",
        "pending_on_time",
        "pending_overdue",
        "paused",
        "returned",
        "withdrawn",
    )
    found = [n for n in names if data[n]]
    return found[0] if found else "outside"


@pytest.mark.parametrize(
    ("row", "carried", "state"),
    [
        # Received on the window's first day: new, not carried over.
        (D("E1", date(2023, 6, 1), due_at=date(2023, 9, 29)), 0, "pending_on_time"),
        (D("E2", date(2023, 5, 31), due_at=date(2023, 9, 29)), 1, "pending_on_time"),
        # Received on the last day: new; the day after: outside.
        (D("E3", date(2023, 9, 25), processing_days=0), 0, "pending_on_time"),
        (D("E4", date(2023, 9, 26), processing_days=0), 0, "outside"),
        # Finished exactly on the due date: on time; a day later: late.
        (
            D("E5", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 7), None, date(2023, 7, 7)),
            0,
            "resolved_on_time",
        ),
        (
            D("E6", date(2023, 7, 3), "da_giai_quyet", date(2023, 7, 7), None, date(2023, 7, 8)),
            0,
            "resolved_late",
        ),
        # Due on a holiday computed away: Wed 30/08 + 2 working days = Tue 05/09/2023.
        (
            D("E7", date(2023, 8, 30), "da_giai_quyet", None, 2, date(2023, 9, 5)),
            0,
            "resolved_on_time",
        ),
        (
            D("E8", date(2023, 8, 30), "da_giai_quyet", None, 2, date(2023, 9, 6)),
            0,
            "resolved_late",
        ),
        # Pending: còn hạn when due on the last day, overdue when due the day before.
        (D("E9", date(2023, 9, 20), due_at=date(2023, 9, 25)), 0, "pending_on_time"),
        (D("E10", date(2023, 9, 20), due_at=date(2023, 9, 22)), 0, "pending_overdue"),
        # Withdrawn while pending: inside the window, or after it (then pending at the end).
        (
            D("E11", date(2023, 9, 20), "rut", date(2023, 9, 29), None, date(2023, 9, 25)),
            0,
            "withdrawn",
        ),
        (
            D("E12", date(2023, 9, 20), "rut", date(2023, 9, 29), None, date(2023, 9, 26)),
            0,
            "pending_on_time",
        ),
        (D("E13", date(2023, 7, 3), "tam_dung", date(2023, 7, 7)), 0, "paused"),
        (
            D("E14", date(2023, 7, 3), "tra_lai", date(2023, 7, 7), None, date(2023, 7, 4)),
            0,
            "returned",
        ),
        # Finished before the window: outside even though received long before.
        (
            D("E15", date(2023, 5, 2), "da_giai_quyet", date(2023, 5, 9), None, date(2023, 5, 31)),
            0,
            "outside",
        ),
    ],
)
def test_definition_edges(
    registry: Registry, tmp_path: Path, row: D, carried: int, state: str
) -> None:
    data = one(registry, tmp_path, row)
    assert outcome(data) == state
    assert data["carried_over"] == carried
    assert data["total"] == (0 if state == "outside" else 1)


def test_a_make_up_saturday_is_a_working_day_for_the_deadline(
    registry: Registry, tmp_path: Path
) -> None:
    window = DateWindow(date(2024, 4, 1), date(2024, 5, 10))
    # Fri 26/04/2024 + 3 working days: 02/05, 03/05, Sat 04/05 (làm bù) → due Sat 04/05.
    on_time = D("M1", date(2024, 4, 26), "da_giai_quyet", None, 3, date(2024, 5, 4))
    late = D("M2", date(2024, 4, 26), "da_giai_quyet", None, 3, date(2024, 5, 6))
    path = write_csv(tmp_path / "lam-bu.csv", [on_time, late])
    total = run(registry, path, window=window).total
    assert (total.resolved_on_time, total.resolved_late) == (1, 1)


def test_a_window_ending_on_a_make_up_saturday_keeps_a_dossier_due_that_day_on_time(
    registry: Registry, tmp_path: Path
) -> None:
    window = DateWindow(date(2024, 4, 1), date(2024, 5, 4))
    pending = D("M3", date(2024, 4, 26), processing_days=3)
    assert one(registry, tmp_path, pending, window)["pending_on_time"] == 1


def test_a_dossier_without_a_channel_counts_and_is_not_online(
    registry: Registry, tmp_path: Path
) -> None:
    # Channel is optional: an empty cell or a ledger without the column must
    # neither drop the dossier nor count it as submitted online.
    empty = D("K1", date(2023, 7, 3), processing_days=5, channel="", online_level="toan_trinh")
    other = D("K2", date(2023, 7, 4), processing_days=5)
    path = write_csv(tmp_path / "kenh-trong.csv", [empty, other])
    total = run(registry, path).total
    assert (total.total, total.received, total.pending_overdue) == (2, 2, 2)
    assert (total.full_received, total.full_online) == (1, 0)
    columns = ("dossier_id", "received_at", "processing_days", "status")
    bare = write_csv(
        tmp_path / "khong-cot-kenh.csv",
        [D("K3", date(2023, 7, 3), processing_days=5)],
        columns=columns,
    )
    data = run(registry, bare).total.as_dict()
    assert (data["total"], data["received"], data["pending_overdue"]) == (1, 1, 1)
    assert data["online_received"]["total"] == {"received": 0, "online": 0}


# ---------------------------------------------------------------- seed 002


@pytest.fixture(scope="module")
def seed002(registry: Registry, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path_factory.mktemp("seed002") / "tu-nghia.csv", seed002_rows())
    with DossierEngine([path], registry) as engine:
        return engine.stats(WINDOW, ("agency",)), engine.stats(WINDOW, ("level",))


def _agencies(result, prefix: str) -> DossierStats:  # type: ignore[no-untyped-def]
    total = DossierStats()
    for key, stats in result.groups.items():
        if key[0] and key[0].startswith(prefix):
            total = total + stats
    return total


def test_seed_002_district_offices(seed002) -> None:  # type: ignore[no-untyped-def]
    by_agency, _ = seed002
    s = by_agency.groups[("PHONG-BAN",)].as_dict()
    assert (s["total"], s["carried_over"], s["received"]) == (527, 3, 524)
    assert (s["resolved"], s["resolved_on_time"], s["resolved_late"]) == (507, 507, 0)
    assert (s["pending"], s["pending_on_time"], s["pending_overdue"]) == (15, 15, 0)
    assert s["withdrawn"] == 5
    assert format_percent(s["on_time_rate_overall"]) == "100%"  # ((507+15)/522)×100
    online = s["online_received"]
    assert online["mot_phan"] == {"received": 76, "online": 75}
    assert online["toan_trinh"] == {"received": 176, "online": 174}
    assert format_percent(online["total"]["online"] * 100 / online["total"]["received"]) == "98,81%"
    # Section 2.3: 511/522 dossiers and 430/507 results digitised.
    assert format_percent(s["digitised_input"] * 100 / (s["total"] - s["withdrawn"])) == "97,89%"
    assert format_percent(s["digitised_result"] * 100 / s["resolved"]) == "84,81%"


def test_seed_002_land_registration_branch(seed002) -> None:  # type: ignore[no-untyped-def]
    by_agency, _ = seed002
    s = by_agency.groups[("VPDK-TN",)].as_dict()
    assert (s["total"], s["received"], s["carried_over"]) == (6709, 6037, 672)
    assert (s["resolved"], s["resolved_on_time"], s["resolved_late"]) == (5768, 5753, 15)
    assert (s["pending"], s["pending_on_time"], s["withdrawn"]) == (938, 938, 3)
    assert format_percent(s["on_time_rate_overall"]) == "99,78%"  # ((5.753+938)/6.706)×100
    assert format_percent(s["resolved_late"] * 100 / (s["total"] - s["withdrawn"])) == "0,22%"
    online = s["online_received"]
    assert online["mot_phan"] == {"received": 3451, "online": 1529}
    assert online["toan_trinh"] == {"received": 1629, "online": 1597}
    assert online["total"]["received"] == 5080
    assert format_percent(online["total"]["online"] * 100 / 5080) == "61,54%"


def test_seed_002_communes(seed002) -> None:  # type: ignore[no-untyped-def]
    by_agency, by_level = seed002
    s = by_level.groups[("xa",)].as_dict()
    assert _agencies(by_agency, "UBND-X").as_dict() == s
    assert (s["total"], s["carried_over"], s["received"]) == (8782, 30, 8752)
    assert (s["resolved"], s["resolved_on_time"], s["resolved_late"]) == (8689, 8686, 3)
    assert (s["pending"], s["pending_on_time"], s["withdrawn"]) == (52, 52, 41)
    assert format_percent(s["on_time_rate_overall"]) == "99,97%"  # ((8.686+52)/8.741)×100
    assert format_percent(s["resolved_late"] * 100 / (s["total"] - s["withdrawn"])) == "0,03%"
    online = s["online_received"]
    assert online["mot_phan"] == {"received": 5968, "online": 5233}
    assert online["toan_trinh"] == {"received": 2473, "online": 2454}
    assert format_percent(online["total"]["online"] * 100 / online["total"]["received"]) == "91,07%"
    # Section 2.3 prints 7.941/8.740 and 7.293/8.688; by the definitions the bases are
    # total − withdrawn = 8.741 and resolved = 8.689 (the seed is one short on both).
    assert (s["digitised_input"], s["total"] - s["withdrawn"]) == (7941, 8741)
    assert (s["digitised_result"], s["resolved"]) == (7293, 8689)


def test_seed_002_district_level_adds_both_district_blocks(seed002) -> None:  # type: ignore[no-untyped-def]
    _, by_level = seed002
    s = by_level.groups[("huyen",)]
    assert (s.resolved, s.resolved_on_time) == (507 + 5768, 507 + 5753)
    assert s.total == 527 + 6709


# ---------------------------------------------------------------- properties

DAY0 = date(2023, 5, 1)
statuses = st.sampled_from(list(DossierStatus))


@st.composite
def dossiers(draw: st.DrawFn, n: int) -> D:
    received = DAY0 + timedelta(days=draw(st.integers(0, 180)))
    status = draw(statuses)
    days = draw(st.integers(0, 20))
    use_due = draw(st.booleans())
    due = received + timedelta(days=draw(st.integers(0, 40))) if use_due else None
    finished = received + timedelta(days=draw(st.integers(0, 60))) if status.finished else None
    return D(
        f"P{n}",
        received,
        status.value,
        due,
        None if use_due else days,
        finished,
        level=draw(st.sampled_from(["tinh", "huyen", "xa", ""])),
        # Empty: the optional cell left blank, which must neither drop nor misplace the row.
        channel=draw(st.sampled_from(["", *(c.value for c in Channel)])),
        online_level=draw(st.sampled_from(["", "mot_phan", "toan_trinh"])),
        digitised_input=draw(st.booleans()),
        digitised_result=draw(st.booleans()),
        paid_online=draw(st.booleans()),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_engine_matches_the_reference_and_its_invariants(
    registry: Registry, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    rows = [data.draw(dossiers(i)) for i in range(data.draw(st.integers(1, 60)))]
    start = DAY0 + timedelta(days=data.draw(st.integers(0, 150)))
    window = DateWindow(start, start + timedelta(days=data.draw(st.integers(0, 90))))
    folder = tmp_path_factory.mktemp("prop")
    result = run(registry, write_parquet(folder / "p.parquet", rows), ("level",), window)
    calendar = load_calendar(registry, window.end)
    expected: dict[tuple[str | None, ...], DossierStats] = {}
    for row in rows:
        due = row.due_at or calendar.add_working_days(row.received_at, row.processing_days)
        placed = place(window, row.received_at, due, row.finished_at, DossierStatus(row.status))
        stats = expected.setdefault((row.level or None,), DossierStats())
        if placed is not None:
            stats.count(
                placed,
                online_level=OnlineLevel(row.online_level) if row.online_level else None,
                channel=Channel(row.channel) if row.channel else None,
                digitised_input=row.digitised_input,
                digitised_result=row.digitised_result,
                paid_online=row.paid_online,
            )
    assert result.groups == expected
    # The file's own tally of the window is the total, and says when nothing fell in it.
    (source,) = result.sources
    assert source.in_window == result.total.total
    if result.total.total:
        assert source.received is None
    else:
        received = sorted(row.received_at for row in rows)
        assert source.received == (received[0], received[-1])
    for stats in [*result.groups.values(), result.total]:
        assert stats.outcomes_total == stats.total
        for rate in (stats.on_time_rate_resolved, stats.on_time_rate_overall):
            assert rate is None or 0 <= rate <= 100


def test_duckdb_draws_no_progress_bar_on_standard_output(tmp_path: Path) -> None:
    """From a notebook or ``python -c`` (no ``__main__.__file__``) DuckDB would draw its own
    bar on stdout for a long query, in the middle of the JSON a caller prints."""
    ledger = write_csv(tmp_path / "so.csv", seed002_rows())
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from cchc.analytics.dossier_engine import DossierEngine\n"
        "from cchc.domain.periods import DateWindow\n"
        "from cchc.registry import default_registry\n"
        "from datetime import date\n"
        "window = DateWindow(*map(date.fromisoformat, sys.argv[2:]))\n"
        "with DossierEngine([Path(sys.argv[1])], default_registry()) as engine:\n"
        # Every query counts as long: the bar DuckDB draws after 2 s is drawn at once.
        "    engine.con.execute('SET progress_bar_time = 0')\n"
        "    result = engine.stats(window)\n"
        "print(json.dumps(result.total.as_dict()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(ledger), *(d.isoformat() for d in SEED002_WINDOW)],
        capture_output=True,
        text=True,
        check=True,
    )
    # Seed 002's published on-time counts: 6.260 at district level, 8.686 at commune level.
    assert json.loads(done.stdout)["resolved_on_time"] == 6260 + 8686
