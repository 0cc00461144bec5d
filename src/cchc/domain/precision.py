"""Comparing a reported number with the exact value it stands for.

Units round as often as they truncate ("9,24" for 9,2476 %), so a reported
figure is consistent when it equals the exact value rounded half-up or
truncated to the decimals the unit wrote.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

__all__ = ["decimals_in", "matches_reported", "raw_agrees"]

Number = int | float
_NOISE = Decimal("1e-9")


def matches_reported(reported: Number, exact: Number, decimals: int) -> bool:
    """True when ``reported`` is ``exact`` rounded half-up or truncated to ``decimals`` places."""
    scale = 10.0**decimals
    scaled = exact * scale
    target = reported * scale
    # Floats settle nearly every case; the decimal test decides the borderline ones.
    if abs(scaled - target) < 1.0 and (
        abs(math.floor(scaled + 0.5) - target) < 1e-6 or abs(math.floor(scaled) - target) < 1e-6
    ):
        return True
    if abs(scaled - target) > 2.0:
        return False
    step = Decimal(1).scaleb(-decimals)
    # Division leaves float noise (0.29 * 100 = 28.999999999999996): settle it first.
    value = Decimal(repr(float(exact))).quantize(_NOISE, ROUND_HALF_UP)
    wanted = Decimal(repr(float(reported)))
    return any(
        abs(value.quantize(step, rounding) - wanted) < _NOISE
        for rounding in (ROUND_HALF_UP, ROUND_DOWN)
    )


def raw_agrees(raw: str, value: Number) -> bool:
    """True when a cell's text plainly reads as ``value`` in Vietnamese notation.

    Settles the common forms ("34", "04", "16.183", "12,5", "100,0", "99,78%")
    with string operations only; False means just that a full parse must decide.
    """
    if raw.endswith("%"):
        raw = raw[:-1].rstrip()
    head, comma, frac = raw.partition(",")
    if "." in head:
        groups = head.split(".")
        if not 0 < len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            return False
        head = head.replace(".", "")
    if not head.isdigit():
        return False
    if comma:
        return frac.isdigit() and float(f"{head}.{frac}") == value
    return int(head) == value


def decimals_in(raw: str) -> int | None:
    """Decimal places written in a cell ("9,24" → 2, "16.183" → 0, "95.8" → 1).

    None when only a full parse can tell.
    """
    text = raw.strip()
    if text.endswith("%"):
        text = text[:-1].rstrip()
    if text.isdigit():
        return 0
    head, comma, frac = text.rpartition(",")
    if comma:
        if frac.isdigit() and "," not in head and head.replace(".", "").isdigit():
            return len(frac)
        return None
    head, dot, frac = text.rpartition(".")
    if dot and frac.isdigit() and head.isdigit():
        # "16.183" groups thousands (Vietnamese); "95.8" is a decimal point.
        return 0 if len(frac) == 3 and len(head) <= 3 and head[0] != "0" else len(frac)
    return None
