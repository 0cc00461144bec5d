"""Which group of ``--by`` a row counts in, and the name the group is printed under.

Ledgers merged from several units, or typed by hand, spell one field or
agency differently: "Hộ tịch", "HỘ TỊCH", "Hộ  tịch", or with combining tone
marks (Unikey's "Unicode tổ hợp"). Split into groups, one field's figures
would not add up to what the unit reports. Text values therefore count in
one group when they are equal without case, runs of spaces or Unicode form;
the group is named by its most written spelling, and the others are reported
(``GroupNames.merged``) so that nobody wonders where a row went.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cchc.analytics.dossier_sql import CODES, DIM_ENUM

__all__ = ["GroupNames", "MergedSpelling", "group_key"]

Key = tuple[str | None, ...]


def _spelling(by: tuple[str, ...], raw: Sequence[Any]) -> Key:
    """The group values as the row writes them: codes by name, text composed (NFC)."""
    key: list[str | None] = []
    for name, value in zip(by, raw, strict=True):
        if value is None:
            key.append(None)
        elif name in DIM_ENUM:
            key.append(CODES[name][int(value) - 1] if int(value) > 0 else None)
        else:
            key.append(" ".join(unicodedata.normalize("NFC", str(value)).split()))
    return tuple(key)


def _same(by: tuple[str, ...], spelling: Key) -> Key:
    return tuple(
        v.casefold() if v is not None and name not in DIM_ENUM else v
        for name, v in zip(by, spelling, strict=True)
    )


def group_key(by: tuple[str, ...], raw: Sequence[Any]) -> Key:
    """The group a row of grouping values ``raw`` (as the engine's SQL gives them) counts in."""
    return _same(by, _spelling(by, raw))


@dataclass(frozen=True)
class MergedSpelling:
    """Spellings of one field or agency counted under ``name``, with their row counts."""

    dimension: str
    name: str
    others: tuple[tuple[str, int], ...]


class GroupNames:
    """Collects how the rows spell each text value, to name the groups after counting."""

    def __init__(self, by: tuple[str, ...]) -> None:
        self.by = by
        self._seen: dict[tuple[str, str], Counter[str]] = {}

    def add(self, raw: Sequence[Any], rows: int) -> Key:
        """Record ``rows`` rows spelled ``raw``; return their group's key."""
        spelling = _spelling(self.by, raw)
        key = _same(self.by, spelling)
        for name, written, same in zip(self.by, spelling, key, strict=True):
            if written is not None and name not in DIM_ENUM:
                assert same is not None
                self._seen.setdefault((name, same), Counter())[written] += rows
        return key

    def _name(self, name: str, same: str) -> str:
        # The most written spelling; on a tie, the first in code-point order, so runs agree.
        counts = self._seen[(name, same)]
        return min(counts, key=lambda written: (-counts[written], written))

    def named(self, key: Key) -> Key:
        """The group key as printed: each text value in its chosen spelling."""
        return tuple(
            self._name(name, v) if v is not None and name not in DIM_ENUM else v
            for name, v in zip(self.by, key, strict=True)
        )

    def merged(self) -> list[MergedSpelling]:
        """The values written more than one way, with the spellings counted under another."""
        found = []
        for (dimension, same), counts in sorted(self._seen.items()):
            if len(counts) > 1:
                name = self._name(dimension, same)
                others = sorted((w, n) for w, n in counts.items() if w != name)
                found.append(MergedSpelling(dimension, name, tuple(others)))
        return found
