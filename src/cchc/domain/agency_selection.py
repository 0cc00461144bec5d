"""Which agencies' dossiers a run counts: one unit's part of a wider ledger.

A province's one-stop software exports every agency's dossiers in one
ledger; a district's report is its own offices' and communes' dossiers, a
commune's only its own. Counting the whole file would put other units'
numbers into the report, so the user names the agencies (``--agency``).

An agency is matched as ``--by agency`` groups it: without case, runs of
spaces or Unicode form ("UBND xã Nghĩa Kỳ", "UBND XÃ NGHĨA KỲ"). With a unit
list, a unit's code or name stands for the unit and every unit under it
(a district's communes report through it), and for the units merged into
it (their successor links), as ``cchc compile`` folds them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from cchc.domain.units import Unit, UnitTree

__all__ = ["SPACES", "AgencyChoice", "AgencySelection", "agency_key"]

# The spaces a key collapses; analytics.agency_sql.agency_key_sql lists the same ones
# (a property test holds the two together). Excel exports carry no-break spaces.
SPACES = "\t\n\x0b\x0c\r \u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{SPACES}]+")


def agency_key(text: str) -> str:
    """The form two spellings of one agency share: composed, spaces collapsed, lower case."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip(" ").lower()


@dataclass(frozen=True, slots=True)
class AgencyChoice:
    """One ``--agency`` as the user wrote it, and the spellings in the ledger it stands for."""

    asked: str
    spellings: tuple[str, ...]
    unit: Unit | None = None  # the unit of the list it named, when it named one
    covered: int = 0  # how many units of the list it stands for, that unit included


@dataclass(frozen=True, slots=True)
class AgencySelection:
    choices: tuple[AgencyChoice, ...]

    @classmethod
    def of(cls, asked: Sequence[str], units: UnitTree | None = None) -> AgencySelection:
        """The selection of ``--agency`` values; a unit's code or name expands with ``units``."""
        choices: list[AgencyChoice] = []
        seen: set[str] = set()
        for text in asked:
            key = agency_key(text)
            if not key:
                raise ValueError("--agency cần mã hoặc tên cơ quan giải quyết, không để trống")
            if key in seen:
                continue
            seen.add(key)
            unit = _named_unit(key, units) if units is not None else None
            if unit is None or units is None:
                choices.append(AgencyChoice(text.strip(), (text.strip(),)))
                continue
            covered = _covered(unit, units)
            spellings = tuple(s for u in covered for s in (u.code, u.name))
            choices.append(AgencyChoice(text.strip(), spellings, unit, len(covered)))
        if not choices:
            raise ValueError("--agency cần ít nhất một cơ quan giải quyết")
        return cls(tuple(choices))

    def keys(self) -> dict[str, int]:
        """Key of each spelling → the number (1…) of the first choice that names it."""
        found: dict[str, int] = {}
        for number, choice in enumerate(self.choices, start=1):
            for spelling in choice.spellings:
                found.setdefault(agency_key(spelling), number)
        return found

    def spellings(self) -> dict[str, int]:
        """Each spelling as written (composed, trimmed) → its choice: matched before folding."""
        found: dict[str, int] = {}
        for number, choice in enumerate(self.choices, start=1):
            for spelling in choice.spellings:
                found.setdefault(unicodedata.normalize("NFC", spelling.strip()), number)
        return found

    def choice_of(self, agency: str) -> AgencyChoice | None:
        number = self.keys().get(agency_key(agency))
        return self.choices[number - 1] if number else None

    @property
    def label(self) -> str:
        """ "“UBND-NGHIA-KY”, “gia-nghia” (UBND thành phố Gia Nghĩa và 9 đơn vị trực thuộc)"."""
        return ", ".join(_describe(choice) for choice in self.choices)


def _named_unit(key: str, units: UnitTree) -> Unit | None:
    for unit in units:
        if agency_key(unit.code) == key:
            return unit
    for unit in units:
        if agency_key(unit.name) == key:
            return unit
    return None


def _covered(unit: Unit, units: UnitTree) -> list[Unit]:
    """The unit, the units under it, and the units merged into any of them, each once."""
    found: dict[str, Unit] = {}
    stack = [unit]
    while stack:
        current = stack.pop()
        if current.code in found:
            continue
        found[current.code] = current
        stack.extend(units.descendants(current.code))
        stack.extend(u for u in units if current.code in u.successors)
    return list(found.values())


def _describe(choice: AgencyChoice) -> str:
    if choice.unit is None:
        return f"“{choice.asked}”"
    others = choice.covered - 1
    below = f" và {others} đơn vị trực thuộc hoặc đã sáp nhập" if others else ""
    return f"“{choice.asked}” ({choice.unit.name}{below})"
