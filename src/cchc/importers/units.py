"""The reporting unit of a document: its name, level and a stable code.

Names come in many forms ("UBND thành phố Gia Nghĩa", "SỞ THÔNG TIN VÀ
TRUYỀN THÔNG", "Phòng Nội vụ"); the code is derived from the name so that
the same unit gets the same code from every report (see docs/importing.md):

- "UBND"/"Ủy ban nhân dân" + tỉnh/huyện/thành phố/thị xã/quận/xã/phường/thị
  trấn + place → the place: "UBND thành phố Gia Nghĩa" → ``gia-nghia``;
- any other body → its type word, its field (a field written "A và B"
  shortened to initials, as officials write "TT&TT", "TN&MT") and its place:
  "Sở Thông tin và Truyền thông tỉnh Trà Vinh" → ``so-tttt-tra-vinh``,
  "Phòng Nội vụ huyện Tư Nghĩa" → ``phong-noi-vu-tu-nghia``.
"""

from __future__ import annotations

import re
from collections import Counter

from cchc.domain.wording import fold, slug

__all__ = ["ORG_WORDS", "area_of", "find_areas", "unit_code", "unit_level"]

# Words that start the name of a reporting body.
ORG_WORDS = (
    "UBND",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Sở",
    "Phòng",
    "Ban",
    "Văn phòng",
    "Trung tâm",
    "Thanh tra",
    "Chi cục",
    "Cục",
    "Bộ phận",
    "Công an",
    "Bảo hiểm xã hội",
)

_AREA_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_AREA = re.compile(r"\b(thành phố|thị xã|thị trấn|tỉnh|huyện|quận|xã|phường)\s+", re.IGNORECASE)
# Cities governed directly by the central government: a "UBND thành phố" of
# these is a province-level unit.
_CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
_LEVEL_OF_AREA = {
    "tinh": "province",
    "thanh pho": "district",
    "thi xa": "district",
    "huyen": "district",
    "quan": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
}


def _proper_words(text: str) -> str:
    """The capitalised words a place name is made of, at the start of ``text``."""
    words: list[str] = []
    for word in text.split():
        cleaned = word.strip(",.;:()“”\"'")
        if not cleaned or not cleaned[0].isupper():
            break
        words.append(cleaned)
        if cleaned != word.lstrip("(“\"'") or len(words) == 4:
            break  # punctuation after the word ends the name
    return " ".join(words)


def find_areas(text: str) -> Counter[tuple[str, str]]:
    """Places named in a text ("tỉnh Trà Vinh"), counted: (area word, place)."""
    found: Counter[tuple[str, str]] = Counter()
    for match in _AREA.finditer(text):
        place = _proper_words(text[match.end() : match.end() + 60])
        if place and not place.isupper():
            found[(match.group(1).lower(), place)] += 1
    return found


def area_of(name: str) -> tuple[str, str] | None:
    """The area word and place a unit name ends with: ("tỉnh", "Trà Vinh")."""
    matches = list(_AREA.finditer(name))
    for match in reversed(matches):
        place = _proper_words(name[match.end() :])
        if place:
            return match.group(1).lower(), place
    return None


def _is_people_committee(name: str) -> bool:
    folded = fold(name)
    return folded.startswith(("ubnd", "uy ban nhan dan"))


def unit_level(name: str) -> str:
    """Level id of a unit from its name (province, department, district, office, commune)."""
    folded = fold(name)
    area = area_of(name)
    if _is_people_committee(name):
        if area is None:
            return ""
        word, place = fold(area[0]), fold(area[1])
        if word == "thanh pho" and place in _CENTRAL_CITIES:
            return "province"
        return _LEVEL_OF_AREA.get(word, "")
    if folded.startswith(("phong ", "van phong hdnd", "van phong hoi dong nhan dan")):
        return "office"
    if area is not None and fold(area[0]) in ("huyen", "thanh pho", "thi xa", "quan"):
        return "office"
    if area is not None and fold(area[0]) in ("xa", "phuong", "thi tran"):
        return "commune"
    return "department"


def _field_code(field: str) -> str:
    words = slug(field).split("-")
    if re.search(r"\b(và|&)\b|&", field):
        return "".join(w[0] for w in words if w and w not in ("va",))
    return "-".join(words)


def unit_code(name: str) -> str:
    """The stable code derived from a unit's name (rules in the module docstring)."""
    area = area_of(name)
    if _is_people_committee(name) and area is not None:
        return slug(area[1])
    head = name
    place = ""
    if area is not None:
        cut = name.lower().rfind(area[0] + " " + area[1].lower().split()[0])
        if cut > 0:
            head = name[:cut]
        place = slug(area[1])
    head = head.strip(" ,-")
    for word in sorted(ORG_WORDS, key=len, reverse=True):
        if fold(head).startswith(fold(word) + " "):
            field = head[len(word) :].strip()
            parts = [slug(word), _field_code(field), place]
            return "-".join(p for p in parts if p)
    return "-".join(p for p in (slug(head), place) if p)


def is_area_word(word: str) -> bool:
    return word.lower() in _AREA_WORDS
