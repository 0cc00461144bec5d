"""Replacing a file whole, with the permissions a file written in place would have.

Every output is written to a temporary file beside its target and renamed over
it when complete. ``tempfile.mkstemp`` creates that file readable by its owner
only (0600), and the rename keeps the mode: a report rewritten by ``cchc
dossiers fill`` or a list written for a shared folder then became unreadable
to colleagues and to a web server. The file therefore takes the mode of the
file it replaces, or, for a new file, what the umask gives (usually 0644).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["replace_atomically", "temporary_beside"]

# Read once, at import: os.umask can only be read by setting it, which is not
# safe while other threads create files.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def temporary_beside(target: Path) -> Path:
    """An empty temporary file in the target's folder (the rename stays on one disk)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    return Path(name)


def replace_atomically(tmp: Path, target: Path) -> None:
    """Move the finished ``tmp`` over ``target`` with the mode ``target`` should have."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    tmp.chmod(mode)
    tmp.replace(target)
