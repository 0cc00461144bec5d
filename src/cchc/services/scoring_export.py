"""Writing score sheets and rankings to XLSX/DOCX, all or nothing.

Every document is first written to a temporary file next to its target and
only moved into place once all of them are complete, so that a failure never
leaves a half-written (or a stale and a fresh) document behind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from cchc.atomic import replace_atomically, temporary_beside
from cchc.domain.scoring_forecast import Forecast
from cchc.domain.scoring_sheet import ScoreSheet
from cchc.services.scoring import Ranking

__all__ = ["ExportError", "export_ranking", "export_sheet"]

Writer = Callable[[Path], None]


class ExportError(ValueError):
    """A document that could not be written; the message names the file."""


def _write_all(jobs: list[tuple[Path, Writer]]) -> list[Path]:
    temporary: list[tuple[Path, Path]] = []
    try:
        for target, write in jobs:
            if not target.parent.is_dir():
                raise ExportError(f"{target}: thư mục {target.parent} không tồn tại")
            tmp = temporary_beside(target)
            temporary.append((tmp, target))
            try:
                write(tmp)
            except OSError as exc:
                raise ExportError(f"{target}: không ghi được tệp ({exc.strerror or exc})") from None
        for done, target in temporary:
            replace_atomically(done, target)
    except (ExportError, OSError) as exc:
        for tmp, _ in temporary:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"không ghi được tệp ({exc})") from None
    return [target for _, target in temporary]


def export_sheet(
    sheet: ScoreSheet,
    forecast: Forecast | None = None,
    *,
    xlsx: Path | None = None,
    docx: Path | None = None,
) -> list[Path]:
    jobs: list[tuple[Path, Writer]] = []
    if xlsx is not None:
        from cchc.documents.scoresheet_xlsx import write_scoresheet_xlsx

        jobs.append((xlsx, lambda p: write_scoresheet_xlsx(sheet, p, forecast)))
    if docx is not None:
        from cchc.documents.scoresheet_docx import write_scoresheet_docx

        jobs.append((docx, lambda p: write_scoresheet_docx(sheet, p, forecast)))
    return _write_all(jobs)


def export_ranking(
    ranking: Ranking, *, xlsx: Path | None = None, docx: Path | None = None
) -> list[Path]:
    jobs: list[tuple[Path, Writer]] = []
    if xlsx is not None:
        from cchc.documents.scoresheet_xlsx import write_ranking_xlsx

        jobs.append((xlsx, lambda p: write_ranking_xlsx(ranking.rows, ranking.scheme, p)))
    if docx is not None:
        from cchc.documents.scoresheet_docx import write_ranking_docx

        jobs.append((docx, lambda p: write_ranking_docx(ranking.rows, ranking.scheme, p)))
    return _write_all(jobs)
