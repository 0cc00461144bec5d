"""Units (đơn vị) and the tree they form.

Levels are data: the seeds show province → departments/districts →
offices/communes, and since 2025 most provinces are two-tier, so nothing
here assumes a depth. A unit has a validity window and successor links, so
that a report of a unit since merged away still compiles into the unit that
took it over.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Level", "Unit", "UnitError", "UnitTree"]


class UnitError(ValueError):
    """A unit tree that cannot be right (unknown parent, cycle, unknown level...)."""


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    name: str
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    level: str
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()
    # Document settings (issuing body, place, signer...) live with the unit so
    # that every output of the unit agrees; the domain does not interpret them.
    profile: Mapping[str, Any] = field(default_factory=dict)

    def active_on(self, day: date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def active_during(self, start: date, end: date) -> bool:
        if self.valid_from and end < self.valid_from:
            return False
        return not (self.valid_to and start > self.valid_to)


class UnitTree:
    """All units known to the system, with lookups by hierarchy and time."""

    def __init__(self, units: Iterable[Unit], levels: Iterable[Level] = ()) -> None:
        self.levels: dict[str, Level] = {lv.id: lv for lv in levels}
        self._units: dict[str, Unit] = {}
        for unit in units:
            if unit.code in self._units:
                raise UnitError(f"mã đơn vị “{unit.code}” bị trùng")
            self._units[unit.code] = unit
        self._children: dict[str | None, list[str]] = {}
        for unit in self._units.values():
            self._children.setdefault(unit.parent, []).append(unit.code)
        self._check()

    def _check(self) -> None:
        for unit in self._units.values():
            if self.levels and unit.level not in self.levels:
                raise UnitError(f"đơn vị “{unit.code}” có cấp “{unit.level}” không được khai báo")
            if unit.parent is not None and unit.parent not in self._units:
                raise UnitError(
                    f"đơn vị “{unit.code}” thuộc đơn vị cha “{unit.parent}” không tồn tại"
                )
            for successor in unit.successors:
                if successor not in self._units:
                    raise UnitError(
                        f"đơn vị “{unit.code}” có đơn vị kế thừa “{successor}” không tồn tại"
                    )
            if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
                raise UnitError(f"đơn vị “{unit.code}” có thời hạn hiệu lực không hợp lệ")
            seen = {unit.code}
            current = unit.parent
            while current is not None:
                if current in seen:
                    raise UnitError(f"cây đơn vị có vòng lặp tại “{unit.code}”")
                seen.add(current)
                current = self._units[current].parent
            self._successor_chain_ok(unit.code)

    def _successor_chain_ok(self, code: str) -> None:
        stack, seen = [code], set()
        while stack:
            item = stack.pop()
            if item in seen:
                raise UnitError(f"liên kết đơn vị kế thừa có vòng lặp tại “{code}”")
            seen.add(item)
            stack.extend(self._units[item].successors)

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units.values())

    def __len__(self) -> int:
        return len(self._units)

    def get(self, code: str) -> Unit:
        try:
            return self._units[code]
        except KeyError:
            raise UnitError(f"không có đơn vị mã “{code}”") from None

    def roots(self) -> list[Unit]:
        return [self._units[c] for c in self._children.get(None, [])]

    def children(self, code: str, at: date | None = None) -> list[Unit]:
        units = [self._units[c] for c in self._children.get(code, [])]
        return [u for u in units if at is None or u.active_on(at)]

    def descendants(self, code: str) -> Iterator[Unit]:
        stack = list(reversed(self._children.get(code, [])))
        while stack:
            unit = self._units[stack.pop()]
            yield unit
            stack.extend(reversed(self._children.get(unit.code, [])))

    def ancestors(self, code: str) -> list[Unit]:
        result = []
        parent = self.get(code).parent
        while parent is not None:
            unit = self._units[parent]
            result.append(unit)
            parent = unit.parent
        return result

    def is_within(self, code: str, ancestor: str) -> bool:
        """True when ``code`` is ``ancestor`` itself or lies below it."""
        return code == ancestor or any(a.code == ancestor for a in self.ancestors(code))

    def can_access(self, user_unit: str, target: str) -> bool:
        """A user of a unit sees that unit and, for a compiler, the units below it."""
        return target in self._units and self.is_within(target, user_unit)

    def current(self, code: str, at: date) -> tuple[str, ...]:
        """The unit(s) that stand for ``code`` on ``at``, following successor links."""
        unit = self.get(code)
        if unit.active_on(at) or not unit.successors:
            return (code,)
        result: list[str] = []
        for successor in unit.successors:
            for item in self.current(successor, at):
                if item not in result:
                    result.append(item)
        return tuple(result)

    def expected_reporters(
        self, compiler: str, start: date, end: date, levels: Iterable[str] | None = None
    ) -> list[Unit]:
        """Units expected to report to ``compiler`` for a window.

        By default the direct children active during the window; with
        ``levels`` every descendant of those levels.
        """
        if levels is None:
            units: Iterable[Unit] = (self._units[c] for c in self._children.get(compiler, []))
        else:
            wanted = set(levels)
            units = (u for u in self.descendants(compiler) if u.level in wanted)
        return [u for u in units if u.active_during(start, end)]
