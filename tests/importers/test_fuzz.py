"""Truncated and corrupted inputs: a clear error or a complete report, never a traceback or a
partial file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.domain.periods import Period, PeriodKind
from cchc.importers.pipeline import ImportOptions
from cchc.registry import Registry
from cchc.reportfile import load_report
from cchc.services.importing import import_files

from .conftest import SEED_TEXT, SeedForm, seed_appendix_docx, seed_appendix_xlsx

REGISTRY = Registry(use_env=False)
FUZZ = settings(
    max_examples=int(os.environ.get("CCHC_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# A bare appendix states no unit or period: given as a user would give them.
APPENDIX_ONLY = ImportOptions(unit="so-tttt-tra-vinh", period=Period(2022, PeriodKind.Q1))


def _import_bytes(data: bytes, name: str, options: ImportOptions | None = None) -> None:
    """Import one file made of ``data`` and check the outcome is whole either way."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        out = Path(folder) / "out"
        [summary] = import_files([source], REGISTRY, out, options)
        written = sorted(out.iterdir()) if out.exists() else []
        assert not [p for p in written if p.name.endswith(".tmp")]
        if summary.error is not None:
            assert summary.error.startswith(name)  # names the file
            assert written == []
            assert "Traceback" not in summary.error
        else:
            assert [p.name for p in written] == [f"{source.stem}.json"]
            load_report(written[0], REGISTRY.catalog)  # complete and valid


def _corrupt(data: bytes, positions: list[int], junk: bytes) -> bytes:
    out = bytearray(data)
    for i, position in enumerate(positions):
        out[position % len(out)] = junk[i % len(junk)] if junk else 0
    return bytes(out)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=60000), seed=st.sampled_from(["000", "002", "004"]))
def test_truncated_text_reports(cut: int, seed: str) -> None:
    data = SEED_TEXT[seed].read_bytes()
    _import_bytes(data[: cut % (len(data) + 1)], f"seed{seed}.txt")


@FUZZ
@given(
    positions=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40),
    junk=st.binary(min_size=1, max_size=40),
)
def test_corrupted_text_reports(positions: list[int], junk: bytes) -> None:
    _import_bytes(_corrupt(SEED_TEXT["000"].read_bytes(), positions, junk), "bao-cao.txt")


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_arbitrary_text(text: str) -> None:
    _import_bytes(text.encode("utf-8"), "bat-ky.txt")


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from .conftest import parse_seed_appendix

    folder = tmp_path_factory.mktemp("office")
    forms: list[SeedForm] = parse_seed_appendix(SEED_TEXT["004"].read_text(encoding="utf-8"))
    intro = [
        "BÁO CÁO",
        "Công tác cải cách hành chính quý 1 năm 2022",
        "Thực hiện Kế hoạch của UBND tỉnh; Sở Thông tin và Truyền thông tỉnh Trà Vinh báo cáo như sau:",
    ]
    docx = seed_appendix_docx(folder / "a.docx", forms[:3], intro=intro)
    xlsx = seed_appendix_xlsx(folder / "a.xlsx", forms[:3], lambda unit, text: (text, None))
    return {"docx": docx.read_bytes(), "xlsx": xlsx.read_bytes()}


@FUZZ
@given(
    kind=st.sampled_from(["docx", "xlsx"]),
    cut=st.integers(min_value=0, max_value=10**6),
)
def test_truncated_office_files(office_files: dict[str, bytes], kind: str, cut: int) -> None:
    data = office_files[kind]
    _import_bytes(data[: cut % (len(data) + 1)], f"bao-cao.{kind}", APPENDIX_ONLY)


@FUZZ
@given(
    kind=st.sampled_from(["docx", "xlsx"]),
    positions=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20),
    junk=st.binary(min_size=1, max_size=20),
)
def test_corrupted_office_files(
    office_files: dict[str, bytes], kind: str, positions: list[int], junk: bytes
) -> None:
    _import_bytes(_corrupt(office_files[kind], positions, junk), f"bao-cao.{kind}", APPENDIX_ONLY)


def test_the_untouched_office_files_import(office_files: dict[str, bytes]) -> None:
    # The fuzzed files start from real ones: these must import whole.
    for kind, data in office_files.items():
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / f"bao-cao.{kind}"
            source.write_bytes(data)
            [summary] = import_files([source], REGISTRY, Path(folder), APPENDIX_ONLY)
            assert summary.error is None
            assert summary.result is not None
            assert summary.result.values_found > 10
