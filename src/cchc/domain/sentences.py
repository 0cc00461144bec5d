"""Sentences that state numbers, generated from the values so that they cannot contradict them.

``Facts`` reads a report's values the way a sentence needs them (a rate from
the table, or from its components when the table leaves it blank; a code's
label). ``onestop_sentences`` writes the one-stop dossier statistics of the
narrative ("Tổng số hồ sơ tiếp nhận 5.576 hồ sơ, trong đó kỳ trước chuyển qua
1.619 hồ sơ …; đã giải quyết 4.048 hồ sơ, đúng hạn 2.835 hồ sơ, đạt 70,03%")
in the style of the seeds, one sentence per block (cấp huyện, cấp xã…).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cchc.domain.catalog import Catalog
from cchc.domain.formula import MissingOperandError
from cchc.domain.phrasing import count_text, percent_text, qty, ratio
from cchc.domain.report import NarrativeValue, ReportData

__all__ = ["Facts", "clauses", "count_pair", "onestop_sentences", "paren", "sentence"]

Number = int | float

DOSSIER = "hồ sơ"


def sentence(groups: Sequence[Sequence[str]]) -> str:
    """Parts joined by ", " within a group and "; " between groups, capitalised, with a full stop."""
    text = "; ".join(", ".join(p for p in group if p) for group in groups if any(group))
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith((".", ":")) else ".")


def clauses(*parts: str | None) -> list[str]:
    return [p for p in parts if p]


def paren(parts: list[str]) -> str:
    """ " (cấp tỉnh 0 văn bản; cấp huyện 04 văn bản)", or nothing without parts."""
    return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True, slots=True)
class Facts:
    """The numbers of one report, as sentences ask for them."""

    report: ReportData
    catalog: Catalog

    def n(self, key: str) -> Number | None:
        return self.report.number(key)

    def any(self, *keys: str) -> bool:
        return any(self.n(k) is not None for k in keys)

    def total(self, key: str) -> Number | None:
        """A total from the table, or the sum of its parts when only they are given."""
        value = self.n(key)
        if value is not None or key not in self.catalog:
            return value
        parts = [self.n(k) for k in self.catalog.get(key).sum_of]
        known = [p for p in parts if p is not None]
        return sum(known) if parts and len(known) == len(parts) else None

    def rate(self, key: str) -> Number | None:
        """A rate from the table, or from its components by the catalog's formula."""
        value = self.n(key)
        if value is not None or key not in self.catalog:
            return value
        formula = self.catalog.get(key).formula
        if formula is None:
            return None
        try:
            return formula.evaluate({k: self.total(k) for k in formula.keys})
        except MissingOperandError:
            return None

    def label(self, key: str) -> str | None:
        value = self.n(key)
        if value is None or key not in self.catalog:
            return None
        option = self.catalog.get(key).option(int(value))
        return option.label if option else None

    def qty(self, key: str, unit: str, prefix: str = "") -> str | None:
        value = self.total(key)
        return None if value is None else f"{prefix}{qty(value, unit)}"

    def pct(self, key: str, prefix: str = "đạt ") -> str | None:
        value = self.rate(key)
        return None if value is None else f"{prefix}{percent_text(value)}"


_ONESTOP_NAMES = (
    "total",
    "carried_over",
    "received",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_on_time",
    "pending_overdue",
    "paused",
    "returned",
    "withdrawn",
    "on_time_rate_overall",
    "online",
    "digitised_input",
    "digitised_result",
    "digitised_input_rate",
    "digitised_result_rate",
)


def _blocks(values: Sequence[NarrativeValue]) -> list[tuple[str | None, dict[str, Number]]]:
    blocks: dict[str | None, dict[str, Number]] = {}
    for item in values:
        if item.name in _ONESTOP_NAMES:
            # The first statement of a name wins: a later one restates it.
            blocks.setdefault(item.block, {}).setdefault(item.name, item.value)
    return list(blocks.items())


def _count(n: Number | None, what: str = DOSSIER, prefix: str = "") -> str | None:
    return None if n is None else f"{prefix}{qty(n, what)}"


def _zero_or_count(n: Number | None, what: str, none: str) -> str | None:
    """Officials write "không có hồ sơ tạm dừng" rather than "tạm dừng 0 hồ sơ"."""
    if n is None:
        return None
    return none if n == 0 else _count(n, prefix=f"{what} ")


def _dossier_sentence(v: dict[str, Number]) -> str:
    total = v.get("total")
    carried, received = v.get("carried_over"), v.get("received")
    if total is None and carried is not None and received is not None:
        total = carried + received
    resolved, on_time = v.get("resolved"), v.get("resolved_on_time")
    late = v.get("resolved_late")
    if late is None and resolved is not None and on_time is not None:
        late = resolved - on_time
    rate = ratio(on_time, resolved)
    head = clauses(
        _count(total, prefix="tổng số hồ sơ tiếp nhận "),
        _count(carried, prefix="trong đó kỳ trước chuyển qua "),
        _count(received, prefix="tiếp nhận mới "),
    )
    if total is None and head:
        head[0] = head[0].replace("trong đó ", "", 1)
    done = clauses(
        _count(resolved, prefix="đã giải quyết "),
        _count(on_time, prefix="đúng hạn "),
        None if rate is None else f"đạt {percent_text(rate)}",
        None
        if late is None
        else ("không có hồ sơ quá hạn" if late == 0 else _count(late, prefix="quá hạn ")),
    )
    pending, pending_ok, overdue = (
        v.get("pending"),
        v.get("pending_on_time"),
        v.get("pending_overdue"),
    )
    open_ = clauses(
        _count(pending, prefix="đang giải quyết "),
        _count(pending_ok, prefix="còn hạn "),
        None
        if overdue is None
        else ("không có hồ sơ trễ hạn" if overdue == 0 else _count(overdue, prefix="quá hạn ")),
    )
    other = [
        clauses(_zero_or_count(v.get("paused"), "tạm dừng", "không có hồ sơ tạm dừng")),
        clauses(
            _zero_or_count(
                v.get("returned"),
                "trả lại do không đủ điều kiện giải quyết",
                "không có hồ sơ trả lại",
            )
        ),
        clauses(_zero_or_count(v.get("withdrawn"), "rút", "không có hồ sơ rút")),
    ]
    return sentence([head, done, open_, *other])


def _overall_rate(v: dict[str, Number]) -> str | None:
    stated = v.get("on_time_rate_overall")
    total = v.get("total")
    if total is None and v.get("carried_over") is not None and v.get("received") is not None:
        total = v["carried_over"] + v["received"]
    if stated is None:
        on_time, pending_ok = v.get("resolved_on_time"), v.get("pending_on_time")
        if on_time is None or pending_ok is None or total is None:
            return None
        stated = ratio(on_time + pending_ok, total - v.get("withdrawn", 0))
    if stated is None:
        return None
    return (
        "Tỷ lệ hồ sơ giải quyết đúng hạn (tính cả hồ sơ đang giải quyết còn hạn, "
        f"không tính hồ sơ rút) đạt {percent_text(stated)}."
    )


def _digitised_sentence(v: dict[str, Number]) -> str | None:
    total = v.get("total")
    if total is None and v.get("carried_over") is not None and v.get("received") is not None:
        total = v["carried_over"] + v["received"]
    base_input = None if total is None else total - v.get("withdrawn", 0)
    parts = []
    for name, base, what in (
        ("digitised_input", base_input, "số hóa thành phần hồ sơ"),
        ("digitised_result", v.get("resolved"), "số hóa kết quả giải quyết TTHC"),
    ):
        count = v.get(name)
        if count is None:
            continue
        rate = v.get(f"{name}_rate")
        if rate is None:
            rate = ratio(count, base)
        shown = f"{qty(count, DOSSIER)}" if base is None else f"{count_pair(count, base)} hồ sơ"
        parts.append(
            f"{what} đạt {shown}" + ("" if rate is None else f", tỷ lệ {percent_text(rate)}")
        )
    return sentence([parts]) if parts else None


def count_pair(part: Number, whole: Number) -> str:
    """ "511/522", "07/10": a part of a whole as the seeds write it."""
    return f"{count_text(part)}/{count_text(whole)}"


def onestop_sentences(report: ReportData) -> list[str]:
    """One paragraph per block of one-stop statistics stated in (or imported into) the narrative."""
    result: list[str] = []
    blocks = _blocks(report.narrative_values)
    for block, values in blocks:
        lead = f"{block[0].upper()}{block[1:]}: " if block else ""
        main = _dossier_sentence(values)
        if main:
            result.append(lead + main)
        online = values.get("online")
        if online is not None:
            received = values.get("received")
            rate = ratio(online, received)
            result.append(
                lead
                + sentence(
                    [
                        clauses(
                            f"hồ sơ tiếp nhận trực tuyến {qty(online, DOSSIER)}",
                            None
                            if rate is None
                            else f"chiếm {percent_text(rate)} hồ sơ tiếp nhận mới",
                        )
                    ]
                )
            )
        overall = _overall_rate(values)
        if overall:
            result.append(lead + overall)
        digitised = _digitised_sentence(values)
        if digitised:
            result.append(lead + digitised)
    return result
