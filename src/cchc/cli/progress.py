"""A progress bar on standard error for long runs, silent for short ones and pipes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cchc.cli.common import err_console

T = TypeVar("T")

__all__ = ["progress_over"]

THRESHOLD = 20


def progress_over(items: Sequence[T], label: str) -> Iterator[T]:
    if len(items) < THRESHOLD or not err_console.is_terminal:
        yield from items
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=len(items))
        for item in items:
            yield item
            progress.advance(task)
