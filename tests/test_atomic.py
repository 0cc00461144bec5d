"""Outputs replace their target whole, with the permissions a file written in place would have."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cchc.documents.output import OutputError, atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_mode_of_the_umask_not_owner_only(tmp_path: Path) -> None:
    target = atomic_write(tmp_path / "danh-sach.xlsx", lambda p: p.write_bytes(b"xlsx"))
    assert target.read_bytes() == b"xlsx"
    assert _mode(target) == 0o666 & ~_umask()
    assert _mode(target) & stat.S_IRGRP  # colleagues in the group can read it


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, lambda p: p.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")

    def fail(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match=r"bao-cao\.docx: không ghi được tệp"):
        atomic_write(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]
