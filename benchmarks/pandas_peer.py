"""The peer: the same dossier statistics as an analyst would write them in pandas.

Vectorised throughout (no Python loop per row): read the canonical ledger,
parse, drop the rows the engine excludes (same rules: unreadable dates,
unknown codes, finished before received, identical duplicates counted once
and conflicting ones dropped), compute due dates with numpy's business-day
functions, place each dossier in the window and count per level. Prints
the totals as JSON so the benchmark can check that both agree.

    python benchmarks/pandas_peer.py LEDGER.csv --from 2023-06-15 --to 2023-09-14
"""

from __future__ import annotations

import argparse
import json
from datetime import date

import numpy as np
import pandas as pd

from cchc.analytics.calendar import FIRST_CALENDAR_DAY, load_calendar
from cchc.registry import Registry

COLUMNS = [
    "dossier_id",
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
    "agency",
    "field",
]
STATUSES = ["dang_giai_quyet", "da_giai_quyet", "tam_dung", "tra_lai", "rut"]
FLAGS = {"true": True, "1": True, "false": False, "0": False, "": False}


def _date(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="ISO8601", errors="coerce").dt.normalize()


def stats(path: str, start: date, end: date) -> dict[str, object]:
    df = pd.read_csv(path, usecols=COLUMNS, dtype=str, keep_default_na=False)
    received = _date(df["received_at"])
    due_given = _date(df["due_at"])
    finished = _date(df["finished_at"])
    days = pd.to_numeric(df["processing_days"], errors="coerce")
    flags = {
        c: df[c].str.strip().str.lower().map(FLAGS)
        for c in ("digitised_input", "digitised_result", "paid_online")
    }

    bad = (df["dossier_id"] == "") | received.isna()
    bad |= (df["due_at"] != "") & due_given.isna()
    bad |= (df["finished_at"] != "") & finished.isna()
    bad |= ~df["status"].isin(STATUSES)
    bad |= ~df["level"].isin(["tinh", "huyen", "xa", ""])
    bad |= ~df["channel"].isin(["truc_tiep", "truc_tuyen", "buu_chinh", ""])
    bad |= ~df["online_level"].isin(["mot_phan", "toan_trinh", ""])
    bad |= pd.concat(flags, axis=1).isna().any(axis=1)
    bad |= due_given.isna() & (days.isna() | (days < 0))
    bad |= finished < received
    bad |= due_given < received
    finishes = df["status"].isin(["da_giai_quyet", "tra_lai", "rut"])
    bad |= finishes & finished.isna()
    bad |= ~finishes & finished.notna()

    registry = Registry(use_env=False)
    calendar = load_calendar(registry, end)
    off = np.array(
        sorted(calendar.non_working_days(FIRST_CALENDAR_DAY, date(end.year + 12, 12, 31))),
        dtype="datetime64[D]",
    )
    busdays = np.busdaycalendar(weekmask="1111111", holidays=off)
    need = due_given.isna() & ~bad
    computed = np.busday_offset(
        received[need].to_numpy().astype("datetime64[D]"),
        np.ceil(days[need].to_numpy()).astype(np.int64),
        roll="forward",
        busdaycal=busdays,
    )
    due = due_given.copy()
    due[need] = pd.to_datetime(computed)

    good = df[~bad].assign(
        received=received[~bad],
        due=due[~bad],
        finished=finished[~bad],
        **{c: flags[c][~bad] for c in flags},
    )
    # Identical copies count once; copies that disagree are all dropped.
    distinct = good.drop_duplicates().groupby("dossier_id")["dossier_id"].transform("size")
    good = good.drop_duplicates()
    good = good[distinct.reindex(good.index) == 1]

    s, e = pd.Timestamp(start), pd.Timestamp(end)
    inside = (good["received"] <= e) & (good["finished"].isna() | (good["finished"] >= s))
    w = good[inside]
    done = w["finished"] <= e
    status = w["status"]
    outcome = np.select(
        [
            done & (status == "da_giai_quyet") & (w["finished"] <= w["due"]),
            done & (status == "da_giai_quyet"),
            done & (status == "tra_lai"),
            done & (status == "rut"),
            status == "tam_dung",
            w["due"] >= e,
        ],
        ["resolved_on_time", "resolved_late", "returned", "withdrawn", "paused", "pending_on_time"],
        "pending_overdue",
    )
    w = w.assign(outcome=outcome, carried=w["received"] < s)
    new = ~w["carried"]
    online = w["channel"] == "truc_tuyen"
    counted = w["outcome"] != "withdrawn"
    resolved = w["outcome"].isin(["resolved_on_time", "resolved_late"])
    per_level = (
        pd.DataFrame(
            {
                "level": w["level"],
                "carried_over": w["carried"],
                "received": new,
                **{
                    name: w["outcome"] == name
                    for name in (
                        "resolved_on_time",
                        "resolved_late",
                        "pending_on_time",
                        "pending_overdue",
                        "paused",
                        "returned",
                        "withdrawn",
                    )
                },
                "partial_received": new & (w["online_level"] == "mot_phan"),
                "partial_online": new & (w["online_level"] == "mot_phan") & online,
                "full_received": new & (w["online_level"] == "toan_trinh"),
                "full_online": new & (w["online_level"] == "toan_trinh") & online,
                "digitised_input": counted & w["digitised_input"].astype(bool),
                "digitised_result": resolved & w["digitised_result"].astype(bool),
                "paid_online": counted & w["paid_online"].astype(bool),
            }
        )
        .groupby("level")
        .sum()
    )
    total = per_level.sum()
    result = {k: int(v) for k, v in total.items()}
    result["excluded_rows"] = int(bad.sum()) + int(len(df[~bad]) - len(good))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ledger")
    parser.add_argument("--from", dest="start", required=True)
    parser.add_argument("--to", dest="end", required=True)
    args = parser.parse_args()
    print(
        json.dumps(stats(args.ledger, date.fromisoformat(args.start), date.fromisoformat(args.end)))
    )


if __name__ == "__main__":
    main()
