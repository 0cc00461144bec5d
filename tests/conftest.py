"""Shared test fixtures and the policy for system dependencies.

Under ``CI=true`` a missing system dependency (LibreOffice, Chromium,
PostgreSQL...) fails the run; elsewhere the test is skipped and the missing
dependency is announced loudly at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from cchc.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
IN_CI = os.environ.get("CI", "").lower() == "true"

_MISSING: list[str] = []

# The suite (and the commands it starts) keeps its caches away from the user's own.
os.environ.setdefault("CCHC_CACHE_DIR", tempfile.mkdtemp(prefix="cchc-test-cache-"))


def missing_dependency(what: str) -> None:
    """Fail under CI, skip (and remember, to say so loudly) elsewhere."""
    message = f"thiếu phụ thuộc hệ thống: {what} (cài bằng .ci/run)"
    if IN_CI:
        pytest.fail(message)
    _MISSING.append(what)
    pytest.skip(message)


def require_binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing_dependency(f"chương trình “{name}”")
    assert path is not None
    return path


def postgres_url() -> str:
    """URL of the test PostgreSQL server; skip/fail when it is not reachable."""
    url = os.environ.get("CCHC_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            pass
    except OSError:
        missing_dependency("PostgreSQL tại 127.0.0.1:5432")
    return url


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _MISSING:
        terminalreporter.section(
            "THIẾU PHỤ THUỘC HỆ THỐNG — một số bài kiểm tra đã bị bỏ qua", sep="!"
        )
        for item in sorted(set(_MISSING)):
            terminalreporter.write_line(f"  - {item}")
        terminalreporter.write_line(
            "  Chạy .ci/run (hoặc cài các gói Debian trong đó) để kiểm tra đầy đủ."
        )


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry(use_env=False)


@pytest.fixture(scope="session")
def seed000() -> Path:
    return SEEDS / "seed000_gia_nghia_2023q3.json"


@pytest.fixture(scope="session")
def seed004() -> Path:
    return SEEDS / "seed004_stttt_tra_vinh_2022q1.json"
