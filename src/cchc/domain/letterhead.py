"""Who issues a report, under which number, to whom, signed by whom.

The settings of a document come from two places: the unit's standing
``profile`` (parent body, place, symbol, signer, recipients, legal basis,
addressee; set once per unit in the units file) and the report's own
``document`` block (number, date, title and anything that differs for this
one report). The report's block wins, field by field; the profile fills
the rest; what neither gives is derived (the issuing body from the unit's
name, the subject line from the period) or left blank for hand entry and
listed in ``missing`` so that the user is told.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cchc.domain.periods import Period, parse_date
from cchc.domain.phrasing import default_title, next_period_phrase, nfc, period_phrase

__all__ = [
    "Letterhead",
    "Signer",
    "closing_paragraph",
    "intro_paragraph",
    "issuing_bodies",
    "merged_signer",
    "resolve_letterhead",
]


@dataclass(frozen=True, slots=True)
class Signer:
    authority: str = ""  # "KT. CHỦ TỊCH"; empty when the head signs in their own name
    title: str = ""  # "PHÓ CHỦ TỊCH"
    name: str = ""


@dataclass(frozen=True, slots=True)
class Letterhead:
    parent_body: str  # empty for a body without one printed (an UBND)
    issuing_body: str  # may hold a line break: "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ GIA NGHĨA"
    number: str | None
    symbol: str
    place: str
    date: date | None
    year: int  # the year printed when the date is left blank
    title: str
    addressee: str
    legal_basis: tuple[str, ...]
    recipients: tuple[str, ...]
    signer: Signer
    missing: tuple[str, ...] = ()  # what is left blank, worded for the user


_UBND = re.compile(r"^\s*(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", re.IGNORECASE)


def _text(value: Any) -> str:
    return nfc(str(value)).strip() if value not in (None, "") else ""


def _pick(key: str, *sources: Mapping[str, Any]) -> Any:
    for source in sources:
        value = source.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (nfc(value).strip(),) if value.strip() else ()
    return tuple(nfc(str(v)).strip() for v in value if str(v).strip())


def _issuing_body(unit_name: str) -> str:
    # An UBND prints its full name on two lines and no parent body (NĐ 30/2020, Phụ lục I).
    match = _UBND.match(unit_name)
    if match:
        return "ỦY BAN NHÂN DÂN\n" + unit_name[match.end() :].upper()
    return unit_name.upper()


def _parse_day(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def merged_signer(document: Mapping[str, Any], profile: Mapping[str, Any]) -> Signer:
    """The signer, field by field: the document's ``signer`` over the profile's."""
    doc_signer = document.get("signer") or {}
    profile_signer = profile.get("signer") or {}
    if not isinstance(doc_signer, Mapping) or not isinstance(profile_signer, Mapping):
        raise ValueError("người ký (signer) phải có dạng {authority, title, name}")
    return Signer(
        authority=_text(_pick("authority", doc_signer, profile_signer)).upper(),
        title=_text(_pick("title", doc_signer, profile_signer)).upper(),
        name=_text(_pick("name", doc_signer, profile_signer)),
    )


def issuing_bodies(
    document: Mapping[str, Any],
    profile: Mapping[str, Any],
    *,
    unit_name: str,
    parent_name: str = "",
) -> tuple[str, str]:
    """(parent body, issuing body) as the header prints them, in capitals.

    Given in the document or profile, or derived from the unit's name and its
    parent's: an UBND is spelt out on two lines and prints no parent body.
    Either may be empty (the issuing body only when no unit name is known).
    """
    issuing = _text(_pick("issuing_body", document, profile)).upper()
    if not issuing and unit_name:
        issuing = _issuing_body(unit_name)
    parent = _text(_pick("parent_body", document, profile))
    if not parent and parent_name and not _UBND.match(unit_name):
        parent = _UBND.sub("UBND ", parent_name)
    return parent.upper(), issuing


def resolve_letterhead(
    document: Mapping[str, Any],
    profile: Mapping[str, Any],
    *,
    unit_name: str,
    period: Period,
    parent_name: str = "",
    title: str | None = None,
) -> Letterhead:
    """Merge the report's ``document`` over the unit's ``profile``; see the module docstring."""
    missing: list[str] = []
    signer = merged_signer(document, profile)
    if not signer.title:
        missing.append("chức vụ người ký")
    if not signer.name:
        missing.append("họ tên người ký")
    parent, issuing = issuing_bodies(
        document, profile, unit_name=unit_name, parent_name=parent_name
    )
    if not issuing:
        missing.append("tên cơ quan ban hành")
    symbol = _text(_pick("symbol", document, profile))
    if not symbol:
        missing.append("ký hiệu văn bản (ví dụ BC-UBND)")
    place = _text(_pick("place", document, profile))
    if not place:
        missing.append("địa danh ghi ở dòng ngày tháng")
    number = _text(document.get("number")) or None
    if number is None:
        missing.append("số văn bản (để trống cho văn thư ghi)")
    day = _parse_day(document.get("date"), "ngày ban hành (document.date)")
    if day is None:
        missing.append("ngày ban hành (để trống để ghi tay)")
    recipients = _as_list(_pick("recipients", document, profile))
    if not recipients:
        missing.append("nơi nhận")
    return Letterhead(
        parent_body=parent,
        issuing_body=issuing,
        number=number,
        symbol=symbol,
        place=place,
        date=day,
        year=day.year if day else period.year,
        title=_text(document.get("title")) or title or default_title(period),
        addressee=_text(_pick("addressee", document, profile)),
        legal_basis=_as_list(_pick("legal_basis", document, profile)),
        recipients=recipients,
        signer=signer,
        missing=tuple(missing),
    )


def intro_paragraph(head: Letterhead, unit_name: str, period: Period) -> str:
    """ "Thực hiện …; UBND thành phố Gia Nghĩa báo cáo … như sau:"."""
    subject = (
        f"tình hình thực hiện công tác cải cách hành chính {period_phrase(period)} "
        f"và phương hướng, nhiệm vụ {next_period_phrase(period)}"
    )
    who = unit_name or "Đơn vị"
    if not head.legal_basis:
        return f"{who} báo cáo {subject} như sau:"
    basis = "; ".join(b.rstrip(" ;,.") for b in head.legal_basis)
    if not basis.lower().startswith("thực hiện"):
        basis = "Thực hiện " + basis
    return f"{basis}; {who} báo cáo {subject} như sau:"


def closing_paragraph(head: Letterhead, unit_name: str, period: Period) -> str:
    """ "Trên đây là báo cáo …; kính gửi Sở Nội vụ xem xét, tổng hợp./."."""
    text = (
        f"Trên đây là báo cáo công tác cải cách hành chính {period_phrase(period)} "
        f"và phương hướng, nhiệm vụ {next_period_phrase(period)} của {unit_name or 'đơn vị'}"
    )
    if head.addressee:
        text += f"; kính gửi {head.addressee.rstrip('.')} xem xét, tổng hợp"
    return text + "./."
