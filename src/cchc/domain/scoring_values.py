"""Values of PAR Index scoring: exact points, criterion variables and how their inputs are read.

Points and ratios are fractions, not floats: a criterion that gives 1,90 points
for "0,95 ≤ b/a < 0,97" must treat 97 on-time dossiers out of 100 as exactly
0,97. Numbers written in a scheme or an inputs file (0.97, "1,90") are read
through their decimal text, so that 0.97 means 97/100.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from cchc.domain.formula import Formula
from cchc.domain.numbers import Expect, NumberStatus, format_number, parse_number

__all__ = [
    "IDENTIFIER",
    "Scalar",
    "SourceSpec",
    "VarType",
    "Variable",
    "coerce_input",
    "exact",
    "fold",
    "nfc",
    "round_half_up",
    "show_percent",
    "show_points",
    "show_scalar",
]

# A variable's value: a number, a yes/no answer, or the key of a declared option.
Scalar = Fraction | bool | str

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def exact(value: object, expect: Expect = None) -> Fraction:
    """A number from a scheme or inputs file as an exact fraction; raises ValueError.

    Text is read as Vietnamese writes numbers ("1,90", "16.183"); ``expect``
    settles what the text leaves open, as in ``parse_number``.
    """
    if isinstance(value, bool):
        raise ValueError(f"cần một số, gặp {_shown(value)}")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cần một số hữu hạn, gặp {value}")
        # repr is the shortest text giving this float back: 0.97 → "0.97" → 97/100.
        return Fraction(repr(value))
    if isinstance(value, str):
        parsed = parse_number(value, expect)
        if parsed.status is not NumberStatus.NUMBER or parsed.value is None:
            raise ValueError(f"“{value}” không phải là một số")
        if parsed.ambiguous:
            readings = ", ".join(format_number(v) for v in (parsed.value, *parsed.alternatives))
            raise ValueError(
                f"“{value}” đọc được nhiều cách ({readings}); hãy viết số không có dấu phân cách"
            )
        return exact(parsed.value)
    raise ValueError(f"cần một số, gặp {_shown(value)}")


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    """Round a non-negative score the way a score sheet is written: 1,995 → 2,00."""
    scale = 10**decimals
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale)


def show_points(value: Fraction, decimals: int = 2) -> str:
    """Points as a score sheet prints them: "1,90", "0,50"."""
    return format_number(float(round_half_up(value, decimals)), decimals)


def show_percent(ratio: Fraction) -> str:
    """A ratio as a percentage with at most two decimals: 0,9761 → "97,61%"."""
    return f"{format_number(float(round_half_up(ratio * 100, 2)), 2, trim=True)}%"


def nfc(text: object) -> str:
    """Text a user will read, composed (NFC) and trimmed; None is empty."""
    return "" if text is None else unicodedata.normalize("NFC", str(text)).strip()


def fold(text: str) -> str:
    """Lower case without diacritics, for tolerant matching of "Huyện" and "huyen"."""
    decomposed = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return re.sub(r"[\s\-]+", "_", bare)


class VarType(StrEnum):
    COUNT = "count"  # a number of dossiers, services, units: a whole number ≥ 0
    NUMBER = "number"  # an amount or any other number ≥ 0
    PERCENT = "percent"  # a rate written in percent (60 means 60 %)
    YES_NO = "yes_no"
    CHOICE = "choice"  # one of the declared options

    @property
    def numeric(self) -> bool:
        return self in (VarType.COUNT, VarType.NUMBER, VarType.PERCENT)


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """Where a variable can be derived from when the scorer does not enter it.

    ``report``: a formula over indicator keys of a canonical report.
    ``stats``: a formula over fields of dossier statistics, optionally of the
    groups matching ``group`` (for example ``level: huyen``).
    ``yes_when`` turns a count into a yes/no answer ("no leader disciplined").
    """

    kind: Literal["report", "stats"]
    formula: Formula
    group: tuple[tuple[str, str], ...] = ()
    yes_when: Literal["zero", "positive"] | None = None

    @property
    def label(self) -> str:
        """ "resolved (level = huyen)": what is read, without where from."""
        group = ", ".join(f"{k} = {v}" for k, v in self.group)
        return self.formula.text + (f" ({group})" if group else "")


@dataclass(frozen=True, slots=True)
class Variable:
    """One input a criterion is computed from, named as in the criterion's text."""

    name: str
    label: str
    type: VarType = VarType.COUNT
    unit: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (key, label) of a choice
    default: Scalar | None = None
    at_most: Formula | None = None  # b ≤ a: an input above it is a mistake
    sources: tuple[SourceSpec, ...] = ()

    def option_label(self, key: str) -> str:
        return dict(self.options).get(key, key)


def show_scalar(variable: Variable, value: Scalar) -> str:
    """A value as the user wrote it: "6.275", "45,5%", "có", the option's label."""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str):
        return variable.option_label(value)
    if value.denominator == 1:
        text = format_number(value.numerator)
    else:
        text = format_number(float(value), 4, trim=True)
    if variable.type is VarType.PERCENT:
        return f"{text}%"
    return text


_EXPECT: dict[VarType, Expect] = {
    VarType.COUNT: "integer",
    VarType.NUMBER: "amount",
    VarType.PERCENT: "percent",
}
_YES = {"co", "dung", "dat", "yes", "true", "x", "1"}
_NO = {"khong", "sai", "chua", "no", "false", "0"}


def coerce_input(variable: Variable, raw: object) -> Scalar:
    """Read one entered value for ``variable``; raises ValueError naming the problem."""
    if variable.type is VarType.YES_NO:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and fold(raw) in _YES | _NO:
            return fold(raw) in _YES
        raise ValueError(f"cần true/false (có/không), gặp {_shown(raw)}")
    if variable.type is VarType.CHOICE:
        keys = [k for k, _ in variable.options]
        if isinstance(raw, str) and raw in keys:
            return raw
        allowed = ", ".join(f"“{k}” ({label})" for k, label in variable.options)
        raise ValueError(f"giá trị {_shown(raw)} không hợp lệ; dùng một trong: {allowed}")
    number = exact(raw, _EXPECT[variable.type])
    if number < 0:
        raise ValueError(f"không được âm, gặp {_shown(raw)}")
    if variable.type is VarType.COUNT and number.denominator != 1:
        hint = ""
        if isinstance(raw, float) and re.fullmatch(r"\d{1,3}\.\d{3}", repr(raw)):
            hint = f"; nếu là {repr(raw).replace('.', '')} thì viết không có dấu chấm"
        raise ValueError(f"phải là số nguyên, gặp {_shown(raw)}{hint}")
    return number


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, Mapping | list):
        return "một bảng hoặc danh sách"
    return str(value)
