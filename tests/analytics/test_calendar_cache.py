"""The holidays package's calendar is kept on disk between runs: same days, less waiting."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cchc.analytics.calendar import cache_dir, calendar_from_files
from cchc.registry import Registry

YEARS = range(2022, 2026)


def _calendar(registry: Registry):  # type: ignore[no-untyped-def]
    return calendar_from_files(registry.files("calendars"), YEARS)


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("holidays-*.json"))


def test_cached_calendar_equals_the_computed_one(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", "")
    computed = _calendar(registry)
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))
    first = _calendar(registry)  # computes and writes
    assert len(_cache_files(tmp_path)) == 1
    second = _calendar(registry)  # reads
    for calendar in (first, second):
        assert calendar.days_off == computed.days_off
        assert calendar.workdays == computed.workdays
        assert calendar.weekend == computed.weekend
    # Quốc khánh 2023 and the make-up Saturday 04/05/2024 survive the round trip.
    assert not second.is_working_day(date(2023, 9, 2))
    assert second.is_working_day(date(2024, 5, 4))


def test_the_cache_file_is_what_is_read(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))
    _calendar(registry)
    (path,) = _cache_files(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["days_off"]["2023-06-14"] = "Ngày thử"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _calendar(registry).why_not_working(date(2023, 6, 14)) == "Ngày thử"


def test_the_file_name_carries_the_package_version(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new release of the package (a new decree) must not be hidden by an old file.
    from importlib.metadata import version

    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))
    _calendar(registry)
    (path,) = _cache_files(tmp_path)
    assert f"-{version('holidays')}-VN-2022-2025" in path.name


@pytest.mark.parametrize("damage", ["", "{not json", '{"days_off": []}', "[1, 2]"])
def test_a_damaged_cache_file_is_computed_again_and_repaired(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))
    good = _calendar(registry)
    (path,) = _cache_files(tmp_path)
    path.write_text(damage, encoding="utf-8")
    again = _calendar(registry)
    assert again.days_off == good.days_off
    assert again.workdays == good.workdays
    assert json.loads(path.read_text(encoding="utf-8"))["weekend"] == [5, 6]


def test_an_unwritable_cache_only_costs_time(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CCHC_CACHE_DIR", str(blocker / "cchc"))
    calendar = _calendar(registry)
    assert not calendar.is_working_day(date(2023, 9, 1))
    assert list(tmp_path.iterdir()) == [blocker]


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.delenv("CCHC_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/srv/cache")
    assert cache_dir() == Path("/srv/cache/cchc")
