"""Writing output files whole or not at all.

A document is written to a temporary file in the target folder and renamed
over the target only when complete, so that a failure (a full disk, a bad
value, an interrupted conversion) never leaves a half-written DOCX behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cchc.atomic import replace_atomically, temporary_beside

__all__ = ["OutputError", "atomic_write"]


class OutputError(OSError):
    """An output file that could not be written; the message is for the user."""


def atomic_write(path: Path | str, write: Callable[[Path], object]) -> Path:
    """Call ``write`` with a temporary path next to ``path``, then move it into place."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_beside(target)
    except OSError as exc:
        raise OutputError(f"{target}: không tạo được tệp ({exc.strerror or exc})") from None
    try:
        write(tmp)
        replace_atomically(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{target}: không ghi được tệp ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
