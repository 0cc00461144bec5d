"""One field or agency written several ways counts in one group, under its most written name."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.analytics.dossier_engine import DossierEngine
from cchc.analytics.group_names import MergedSpelling
from cchc.cli import app
from cchc.domain.periods import DateWindow
from cchc.registry import Registry
from ledgers import D, write_csv

WINDOW = DateWindow(date(2023, 7, 1), date(2023, 9, 30))


def dossier(
    dossier_id: str, field: str, agency: str = "UBND-X1", finished: date = date(2023, 7, 7)
) -> D:
    received, due = date(2023, 7, 3), date(2023, 7, 10)
    return D(dossier_id, received, "da_giai_quyet", due, None, finished, field=field, agency=agency)


def ledger() -> list[D]:
    nfd = unicodedata.normalize("NFD", "Hộ tịch")
    return [
        dossier("H1", "Hộ tịch"),
        dossier("H2", "Hộ tịch"),
        dossier("H3", nfd),  # Unikey's "Unicode tổ hợp": the same spelling
        dossier("H4", "HỘ TỊCH", agency="ubnd-x1"),
        dossier("H5", "Hộ  tịch "),  # two spaces inside: the same spelling
        dossier("H6", "hộ tịch"),
        dossier("C1", "Chứng thực"),
        dossier("C2", "chứng thực", agency="UBND-X2"),
    ]


def stats(registry: Registry, path: Path, by: tuple[str, ...]):  # type: ignore[no-untyped-def]
    with DossierEngine([path], registry) as engine:
        return engine.stats(WINDOW, by)


def test_case_spaces_and_unicode_form_do_not_split_a_field(
    registry: Registry, tmp_path: Path
) -> None:
    result = stats(registry, write_csv(tmp_path / "so.csv", ledger()), ("agency", "field"))
    totals = {key: group.total for key, group in result.groups.items()}
    assert totals == {
        ("UBND-X1", "Hộ tịch"): 6,
        ("UBND-X1", "Chứng thực"): 1,
        # Named alike in every group: the field's name is chosen over the whole ledger.
        ("UBND-X2", "Chứng thực"): 1,
    }
    assert result.merged == [
        MergedSpelling("agency", "UBND-X1", (("ubnd-x1", 1),)),
        # A tie (one row each): the first in code-point order names the group.
        MergedSpelling("field", "Chứng thực", (("chứng thực", 1),)),
        MergedSpelling("field", "Hộ tịch", (("HỘ TỊCH", 1), ("hộ tịch", 1))),
    ]


def test_a_duplicate_left_out_of_a_merged_group_is_subtracted_from_it(
    registry: Registry, tmp_path: Path
) -> None:
    # H1 again, in capitals and with another finish date: a conflicting copy, left out.
    rows = [*ledger(), dossier("H1", "HỘ TỊCH", finished=date(2023, 7, 8))]
    result = stats(registry, write_csv(tmp_path / "so.csv", rows), ("field",))
    assert {key: group.total for key, group in result.groups.items()} == {
        ("Hộ tịch",): 5,  # H1 and its conflicting copy both go; H2–H6 stay
        ("Chứng thực",): 2,
    }
    assert result.excluded == 2


def test_the_merged_spellings_are_shown_in_text_and_json(
    registry: Registry, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "so.csv", ledger())
    command = ["dossiers", "stats", str(path), "--from", "01/07/2023", "--to", "30/09/2023"]
    command += ["--by", "field"]
    runner = CliRunner()
    out = runner.invoke(app, command)
    assert out.exit_code == 0, out.output
    assert (
        "Lưu ý: lĩnh vực “Hộ tịch” gồm cả các dòng ghi “HỘ TỊCH” (1 dòng), “hộ tịch” (1 dòng)"
        in out.output
    )
    data = json.loads(runner.invoke(app, [*command, "--format", "json"]).stdout)
    assert data["merged_spellings"] == [
        {
            "dimension": "field",
            "name": "Chứng thực",
            "others": [{"spelling": "chứng thực", "rows": 1}],
        },
        {
            "dimension": "field",
            "name": "Hộ tịch",
            "others": [{"spelling": "HỘ TỊCH", "rows": 1}, {"spelling": "hộ tịch", "rows": 1}],
        },
    ]
    assert [g["key"]["field"] for g in data["groups"]] == ["Chứng thực", "Hộ tịch"]
    table = tmp_path / "thong-ke.xlsx"
    assert runner.invoke(app, [*command, "--xlsx", str(table)]).exit_code == 0
    sheet = openpyxl.load_workbook(table).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Hộ tịch" in cells
    assert "HỘ TỊCH" not in cells
    assert any(
        c.startswith("Lưu ý: lĩnh vực “Hộ tịch” gồm cả các dòng ghi “HỘ TỊCH”") for c in cells
    )


NAMES = ["Đất đai", "Hộ tịch", "Tư pháp", "Đăng ký kinh doanh"]


def _variant(name: str, style: int) -> str:
    return [name, name.upper(), name.lower(), name.replace(" ", "  "), f" {name}"][style]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(st.tuples(st.sampled_from(NAMES), st.integers(0, 4)), min_size=1, max_size=30)
)
def test_grouping_by_field_keeps_every_dossier_once_under_a_written_name(
    registry: Registry, tmp_path_factory: object, picks: list[tuple[str, int]]
) -> None:
    folder = tmp_path_factory.mktemp("g")  # type: ignore[attr-defined]
    rows = [dossier(f"P{i}", _variant(name, style)) for i, (name, style) in enumerate(picks)]
    result = stats(registry, write_csv(folder / "so.csv", rows), ("field",))
    by_name = Counter(name for name, _ in picks)
    # One group per field, holding all its rows, named by a spelling the rows used most.
    assert len(result.groups) == len(by_name)
    for (label,), group in result.groups.items():
        assert label is not None
        [name] = [n for n in by_name if n.casefold() == label.casefold()]
        assert group.total == by_name[name]
        written = Counter(" ".join(_variant(name, s).split()) for n, s in picks if n == name)
        assert written[label] == max(written.values())
