"""The value of one appendix row: its cell read as the indicator expects, with provenance.

A blank cell is not reported and yields nothing; "-" is a reported "not
reported" (kept, with its text); a number is read as the indicator's kind
expects (a count, an amount, a rate), and any doubt the reading leaves is
kept as a flag on the value. A code indicator also accepts the wording of
its options ("Hoàn thành" for 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from cchc.domain.catalog import Indicator, IndicatorKind, TemplateVersion
from cchc.domain.numbers import NOT_REPORTED_MARKS, NumberStatus, format_number, parse_number
from cchc.domain.report import Source, Value
from cchc.domain.wording import fold
from cchc.importers.problems import Problem, Severity
from cchc.importers.tables import DataRow

__all__ = ["BuiltValue", "row_value"]

Number = int | float


@dataclass
class BuiltValue:
    value: Value | None
    problems: list[Problem] = field(default_factory=list)


def _whole(number: Number) -> Number:
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _option(indicator: Indicator, text: str) -> int | None:
    wanted = fold(text).strip(" .")
    for option in indicator.options:
        if fold(option.label) == wanted:
            return option.code
    return None


def row_value(
    row: DataRow,
    indicator: Indicator,
    template: TemplateVersion,
    form_name: str,
    origin: str,
    flags: list[str],
) -> BuiltValue:
    raw = row.value
    code = template.code_for(indicator.key) or indicator.code
    where = f"{form_name}, mục {code}"
    if not raw and row.number is None:
        return BuiltValue(None)
    if indicator.kind is IndicatorKind.GROUP:
        if raw in NOT_REPORTED_MARKS:
            return BuiltValue(None)
        return BuiltValue(
            None,
            [
                Problem(
                    Severity.WARNING,
                    f"{where} là dòng tiêu đề nhóm nhưng ghi số liệu “{raw}”; không nhận số này",
                    row.location,
                )
            ],
        )
    notes = [n for n in (row.note, f"Cơ quan chủ trì: {row.agency}" if row.agency else "") if n]
    source = Source(
        form=form_name,
        code=row.code.printed.strip() or None,
        label=row.label or None,
        raw=raw or None,
        origin=origin,
        location=row.location,
    )
    value = Value(None, note="; ".join(notes) or None, source=source, flags=tuple(flags))
    problems: list[Problem] = []
    if row.number is not None:
        value.value = _whole(row.number)
    else:
        parsed = parse_number(raw, indicator.expect)  # type: ignore[arg-type]
        if parsed.status is NumberStatus.NUMBER:
            assert parsed.value is not None
            value.value = _whole(parsed.value)
            if parsed.ambiguous:
                others = ", ".join(format_number(a) for a in parsed.alternatives)
                value.flags += (
                    f"số “{raw}” có thể đọc là {others}; đã đọc là {format_number(parsed.value)}",
                )
            if parsed.percent and indicator.kind is not IndicatorKind.PERCENT:
                value.flags += (f"ô ghi “{raw}” (có dấu %) nhưng chỉ tiêu không phải tỷ lệ",)
        elif parsed.status is NumberStatus.NOT_REPORTED:
            pass
        elif (
            indicator.kind is IndicatorKind.CODE and (option := _option(indicator, raw)) is not None
        ):
            value.value = option
        elif raw.startswith("="):
            why = f"ô là công thức Excel chưa được tính (“{raw}”)"
            value.flags += (f"{why}; mở tệp bằng Excel và lưu lại để có giá trị",)
            problems.append(Problem(Severity.WARNING, f"{where}: {why}", row.location))
        else:
            why = "ô ghi một cặp số" if parsed.status is NumberStatus.PAIR else "ô không phải là số"
            detail = f" ({'; '.join(parsed.notes)})" if parsed.notes else ""
            value.flags += (f"{why} “{raw}”; chưa đọc được giá trị{detail}",)
            problems.append(
                Problem(
                    Severity.WARNING,
                    f"{where}: {why} “{raw}”, không đọc được số liệu{detail}",
                    row.location,
                )
            )
    if (
        value.value is not None
        and indicator.kind is IndicatorKind.AMOUNT
        and fold(row.unit) in ("ty dong", "ty")
        and fold(indicator.unit) == "trieu dong"
    ):
        converted = Decimal(repr(float(value.value))) * 1000
        value.value = _whole(float(converted))
        value.flags += (f"ô ghi đơn vị tỷ đồng; đã đổi “{raw}” tỷ đồng thành triệu đồng",)
    return BuiltValue(value, problems)
