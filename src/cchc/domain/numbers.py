"""Vietnamese number parsing and formatting.

Vietnamese writes "." to group thousands and "," as the decimal mark
("16.183", "99,78%"), but reports converted from other tools also contain
"95.8" and "1,234". A reading is only returned as certain when the text
admits one reading for the kind of value expected; otherwise the other
readings travel with it in ``alternatives`` so that a caller can report
the ambiguity instead of guessing silently.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

__all__ = [
    "NOT_REPORTED_MARKS",
    "Expect",
    "NumberStatus",
    "ParsedNumber",
    "decimals_of",
    "format_number",
    "format_percent",
    "pad2",
    "parse_number",
]

Number = int | float
Expect = Literal["integer", "amount", "percent"] | None

# Cells that mean "not reported": never read as zero.
NOT_REPORTED_MARKS = frozenset({"", "-", "–", "—", "x", "X", "...", "…", "./.", "/"})

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_TOKEN = re.compile(r"^([+\-−]?)([0-9][0-9.,]*)$")
_PAIR = re.compile(r"^(.+?)\s*/\s*(.+)$")


class NumberStatus(StrEnum):
    NUMBER = "number"
    PAIR = "pair"
    NOT_REPORTED = "not_reported"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """The outcome of reading one cell or one number in prose."""

    raw: str
    status: NumberStatus
    value: Number | None = None
    decimals: int = 0
    percent: bool = False
    pair: tuple[Number, Number] | None = None
    alternatives: tuple[Number, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)

    @property
    def ok(self) -> bool:
        return self.status in (NumberStatus.NUMBER, NumberStatus.PAIR)


def parse_number(text: str, expect: Expect = None) -> ParsedNumber:
    """Read a Vietnamese-formatted number.

    ``expect`` says what the cell should hold ("integer" for counts and codes,
    "amount" for money, "percent" for rates); it only decides between readings
    that the text itself leaves open.
    """
    raw = text
    if text.isdigit() and text.isascii():
        # The common cell: plain digits ("34", "04"). Leading zeros are padding.
        return ParsedNumber(raw, NumberStatus.NUMBER, value=int(text))
    cleaned = unicodedata.normalize("NFC", text).strip()
    if cleaned in NOT_REPORTED_MARKS:
        return ParsedNumber(raw, NumberStatus.NOT_REPORTED)
    pair = _PAIR.match(cleaned)
    if pair and not cleaned.endswith("/"):
        left = parse_number(pair.group(1), expect)
        right = parse_number(pair.group(2), expect)
        if left.status is NumberStatus.NUMBER and right.status is NumberStatus.NUMBER:
            assert left.value is not None and right.value is not None
            notes = tuple(dict.fromkeys(left.notes + right.notes))
            return ParsedNumber(
                raw,
                NumberStatus.PAIR,
                pair=(left.value, right.value),
                alternatives=left.alternatives + right.alternatives,
                notes=notes,
            )
        return _invalid(raw, "không đọc được cặp số dạng a/b")
    percent = False
    if cleaned.endswith("%"):
        percent = True
        cleaned = cleaned[:-1].rstrip()
    compact = _SPACES.sub("", cleaned)
    # "16 183" groups thousands with a space; only accept well-formed groups.
    if compact != cleaned and not re.fullmatch(r"[+\-−]?\d{1,3}( \d{3})+([.,]\d+)?", cleaned):
        return _invalid(raw, "khoảng trắng không đúng vị trí trong số")
    match = _TOKEN.match(compact)
    if not match:
        return _invalid(raw, "không phải là số")
    sign = -1 if match.group(1) in ("-", "−") else 1
    body = match.group(2)
    if body[-1] in ".,":
        body = body[:-1]  # "1." and "12," are a trailing mark, not a decimal part
        if not body or body[-1] in ".,":
            return _invalid(raw, "dấu phân cách không đúng vị trí")
    readings = _readings(body)
    if not readings:
        return _invalid(raw, "dấu phân cách hàng nghìn không đúng (mỗi nhóm phải có 3 chữ số)")
    chosen, others, notes = _choose(readings, expect, percent)
    value = _signed(chosen.value, sign)
    alternatives = tuple(_signed(r.value, sign) for r in others)
    return ParsedNumber(
        raw,
        NumberStatus.NUMBER,
        value=value,
        decimals=chosen.decimals,
        percent=percent,
        alternatives=alternatives,
        notes=notes + chosen.notes,
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    value: Number
    decimals: int
    vietnamese: bool
    notes: tuple[str, ...] = ()


def _invalid(raw: str, note: str) -> ParsedNumber:
    return ParsedNumber(raw, NumberStatus.INVALID, notes=(note,))


def _signed(value: Number, sign: int) -> Number:
    return -value if sign < 0 else value


def _grouped(digits: str, sep: str) -> int | None:
    groups = digits.split(sep)
    first, rest = groups[0], groups[1:]
    if not first or len(first) > 3 or (len(first) > 1 and first[0] == "0"):
        return None
    if first == "0":
        return None
    if any(len(g) != 3 or not g.isdigit() for g in rest):
        return None
    return int("".join(groups))


def _decimal(int_part: str, frac: str) -> Number:
    if not frac:
        return int(int_part)
    return float(f"{int_part}.{frac}")


def _readings(body: str) -> list[_Reading]:
    dots, commas = body.count("."), body.count(",")
    if dots == 0 and commas == 0:
        return [_Reading(int(body), 0, True)]
    if dots and commas:
        last = max(body.rfind("."), body.rfind(","))
        decimal_mark = body[last]
        group_mark = "," if decimal_mark == "." else "."
        head, frac = body[:last], body[last + 1 :]
        if decimal_mark in head:
            return []
        grouped = _grouped(head, group_mark)
        if grouped is None or not frac.isdigit():
            return []
        value = _decimal(str(grouped), frac)
        if decimal_mark == ",":
            return [_Reading(value, len(frac), True)]
        return [_Reading(value, len(frac), False, ("số viết theo kiểu Anh (1,234.5)",))]
    mark = "." if dots else ","
    count = dots or commas
    head, _, frac = body.partition(mark)
    readings: list[_Reading] = []
    grouped = _grouped(body, mark)
    if count > 1:
        if grouped is None:
            return []
        note = () if mark == "." else ("dấu phẩy được dùng để phân nhóm hàng nghìn (kiểu Anh)",)
        return [_Reading(grouped, 0, mark == ".", note)]
    # One mark: a decimal mark, or a thousands mark when exactly three digits follow.
    decimal_value = _decimal(head, frac)
    if mark == ",":
        readings.append(_Reading(decimal_value, len(frac), True))
        if grouped is not None:
            readings.append(
                _Reading(grouped, 0, False, ("dấu phẩy được dùng để phân nhóm hàng nghìn",))
            )
    else:
        if grouped is not None:
            readings.append(_Reading(grouped, 0, True))
        readings.append(
            _Reading(decimal_value, len(frac), False, ("dấu chấm được dùng làm dấu thập phân",))
        )
    return readings


def _choose(
    readings: list[_Reading], expect: Expect, percent: bool
) -> tuple[_Reading, list[_Reading], tuple[str, ...]]:
    if len(readings) == 1:
        return readings[0], [], ()
    if expect == "integer":
        whole = [r for r in readings if isinstance(r.value, int)]
        if len(whole) == 1:
            rest = [r for r in readings if r is not whole[0]]
            # A count of 1,234 people is either 1234 or a typo; say so when it
            # took the non-Vietnamese reading to make it whole.
            if whole[0].vietnamese:
                return whole[0], [], ()
            return whole[0], rest, ("có thể là số thập phân theo cách viết Việt Nam",)
    if expect == "amount":
        vn = next(r for r in readings if r.vietnamese)
        return vn, [], ()
    if expect == "percent" or percent:
        small = [r for r in readings if 0 <= abs(r.value) <= 100]
        if len(small) == 1:
            rest = [r for r in readings if r is not small[0]]
            if small[0].vietnamese:
                return small[0], [], ()
            return small[0], rest, ("tỷ lệ trên 100% không hợp lý nên chọn cách đọc khác",)
    vn = next(r for r in readings if r.vietnamese)
    rest = [r for r in readings if r is not vn]
    return vn, rest, ("số có thể đọc theo hai cách",)


def decimals_of(value: Number) -> int:
    """Decimal places in the shortest text that gives ``value`` back."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    text = repr(float(value))
    if "e" in text or "E" in text:
        mantissa, _, exp = text.lower().partition("e")
        frac = mantissa.partition(".")[2].rstrip("0")
        return max(0, len(frac) - int(exp))
    return len(text.partition(".")[2])


def format_number(value: Number, decimals: int | None = None, *, trim: bool = False) -> str:
    """Format with "." between thousands and "," before decimals: 16.183; 99,78.

    With ``decimals`` None the shortest exact representation is used, so that
    ``parse_number(format_number(x)).value == x``. ``trim`` drops trailing zeros.
    """
    if type(value) is int and not decimals:
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"không định dạng được giá trị {value!r}")
    if decimals is None:
        decimals = decimals_of(value)
        # The shortest digits that give the float back, written out exactly: formatting
        # the binary value itself can change the last digit (2**-24 at 23 places).
        shortest = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
        text = format(shortest, f",.{decimals}f")
    elif decimals == 0:
        text = f"{round(value):,d}" if isinstance(value, int) else f"{value:,.0f}"
    else:
        text = f"{value:,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if trim and "," in text:
        text = text.rstrip("0").rstrip(",")
    if text in ("-0", "-0,0") or re.fullmatch(r"-0(,0+)?", text):
        text = text[1:]
    return text


def format_percent(value: Number, decimals: int = 2) -> str:
    """ "70,03%", "100%", "12,5%": two decimals at most, trailing zeros dropped."""
    return f"{format_number(value, decimals, trim=True)}%"


def pad2(number: int) -> str:
    """Numbers under 10 written with a leading zero, as official documents do ("03 hồ sơ")."""
    return f"{number:02d}" if 0 <= number < 10 else str(number)
