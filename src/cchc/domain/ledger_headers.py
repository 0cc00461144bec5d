"""Which ledger column an unrecognised header probably meant.

A header the vocabulary does not know is left out, and so is everything its
column holds: a ledger whose digitisation column is headed "Đã số hóa hồ sơ"
would count no digitised dossier at all, and nothing would look wrong. So
the words of every unknown header are compared with the known headers of
the columns the ledger lacks, and a close one is named to the user, who can
rename the column or add the header to the province's vocabulary. Hints
only: the column is never taken on a guess.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from cchc.domain.dossier_ledger import COLUMN_BY_NAME, fold

__all__ = ["HeaderHint", "header_hints", "hint_wording", "hinted"]

# Words (syllables: "xử lý" is two) a header shares with a known one: at least two,
# and more than half of the longer of them, or the known one whole, in its order ("Họ
# tên người nộp" ~ "người nộp", not "Số lượng hồ sơ" ~ "số hồ sơ"). Half is too
# little: "Trạng thái xử lý" shares half of "cơ quan xử lý" and means something else.
# Beyond half, the first word must be the same too: it is the head of a Vietnamese
# header ("Kênh tiếp nhận" is no "Ngày tiếp nhận").
_MIN_SHARED = 2
_MIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class HeaderHint:
    header: str  # as written in the file
    columns: tuple[str, ...]  # the columns it is closest to (ties: all), in ledger order


def header_hints(
    ignored: Iterable[str],
    found: Collection[str],
    headers: Mapping[str, str],
    not_columns: Collection[str] = (),
) -> list[HeaderHint]:
    """Hints for the ignored headers that look like a column the ledger lacks.

    ``headers`` maps folded known headers to their column (the vocabulary's);
    ``not_columns`` holds folded headers known to be no ledger column ("Ngày
    trả kết quả" is when the applicant collected the result: close in words
    to the due date, far in meaning), which never get a hint.
    """
    aliases: dict[str, list[str]] = {}
    for alias, column in headers.items():
        if column not in found:
            aliases.setdefault(column, []).append(alias)
    hints: list[HeaderHint] = []
    for header in ignored:
        key = fold(header)
        if not key or key in not_columns:
            continue
        scores = {
            column: max(_likeness(key, alias) for alias in known)
            for column, known in aliases.items()
        }
        best = max(scores.values(), default=0.0)
        if best > 0:
            order = [c for c in COLUMN_BY_NAME if scores.get(c) == best]
            hints.append(HeaderHint(header, tuple(order)))
    return hints


def _likeness(key: str, alias: str) -> float:
    words, known = set(key.split("_")), set(alias.split("_"))
    shared = len(words & known)
    if shared < _MIN_SHARED:
        return 0.0
    if f"_{alias}_" in f"_{key}_":
        return 1.0 if key == alias else shared / len(words)
    share = shared / max(len(words), len(known))
    head = key.split("_", 1)[0] == alias.split("_", 1)[0]
    return share if head and share > _MIN_SHARE else 0.0


def hint_wording(hint: HeaderHint) -> str:
    """“Cơ quan” (có phải cột “cơ quan giải quyết”?)"""
    names = " hay ".join(f"“{COLUMN_BY_NAME[c].label}”" for c in hint.columns)
    return f"“{hint.header}” (có phải cột {names}?)"


def hinted(hints: Sequence[HeaderHint], column: str) -> list[str]:
    """The headers hinted as ``column``."""
    return [h.header for h in hints if column in h.columns]
