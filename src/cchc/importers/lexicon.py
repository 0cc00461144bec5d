"""The words the family uses around the numbers it states.

Which words name which one-stop quantity ("kỳ trước chuyển qua" → carried
over, "còn hạn" → pending on time...), which nouns after a number say it
counts something else ("04 người", "37 TTHC"), which words open a block
("Đối với bộ phận một cửa các xã, thị trấn:"), and which titles say what a
section reports on. Kept apart from the reading logic so that a new wording
seen in the family is one line here.
"""

from __future__ import annotations

import re

from cchc.domain.wording import fold

__all__ = [
    "BLOCK_START",
    "CHANNELS",
    "DOSSIER_RULES",
    "OTHER_NOUNS",
    "RATE_OF",
    "rate_by_words",
    "topic_of",
]

# Words after a number that say it counts something other than dossiers.
OTHER_NOUNS = re.compile(
    r"^(tthc|thu tuc|nguoi|don|van ban|cuoc|tin|bai|lan|ngay|thang|nam|phut|gio|dich vu|trieu|ty "
    r"|dong|nhiem vu|bien che|cong chuc|vien chuc|phong|xa|co quan|don vi|tai khoan|canh bao"
    r"|chuyen muc|truong hop|hoc vien|dai bieu|lop|du an|he thong|ho(?! so)|hop dong|nhan vien"
    r"|may|cap|tai lieu|trang|tieu chi|chi tieu|diem)"
)
# Ordered: the first that the words before (else after) a number match names it.
DOSSIER_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "online_dossiers",
        re.compile(
            r"(dich vu cong|dvc) truc tuyen.*(hinh thuc|tong)|tong so ho so thuc hien dich vu cong"
        ),
    ),
    (
        "total",
        re.compile(
            r"tiep nhan va (xu ly|giai quyet)|^\W*tong\b|\btong so\b|\btong (tiep nhan|ho so|cong)"
        ),
    ),
    (
        "carried_over",
        re.compile(r"(?<!so voi )\b(ky|ki) truoc\b|\bton (dong )?(tu |cua )?(ky|ki)\b"),
    ),
    ("paused", re.compile(r"tam dung")),
    ("returned", re.compile(r"tra lai")),
    ("withdrawn", re.compile(r"\brut\b(?! ngan| gon| kinh)")),
    ("pending_on_time", re.compile(r"con han|trong han|chua den han")),
    ("_late", re.compile(r"qua han|tre han|tre hen|cham tra")),
    ("_on_time", re.compile(r"dung han|dung hen")),
    ("resolved_early", re.compile(r"truoc han|som hon")),
    ("pending", re.compile(r"dang giai quyet|dang xu ly|chua giai quyet|dang thu ly")),
    (
        "resolved",
        re.compile(r"da giai quyet|giai quyet xong|da xu ly|da tra ket qua|\bgiai quyet\b"),
    ),
    ("_received", re.compile(r"tiep nhan|nhan moi|phat sinh")),
]
CHANNELS = [
    ("received_online", re.compile(r"truc tuyen|online|qua mang")),
    ("received_in_person", re.compile(r"truc tiep")),
    ("received_by_post", re.compile(r"buu chinh")),
]
RATE_OF = {
    "resolved_on_time": "on_time_rate",
    "resolved_late": "late_rate",
    "received_online": "received_online_rate",
    "digitised_input": "digitised_input_rate",
    "digitised_result": "digitised_result_rate",
    "online_partial": "online_rate",
    "online_full": "online_rate",
}
BLOCK_START = re.compile(
    r"^(doi voi|o |tai |bo phan|ho so tthc cua|ho so cua|van phong|cap |ubnd|cac xa|cac phuong"
    r"|chi nhanh|trung tam|cac co quan|cac phong)"
)


def rate_by_words(words: str) -> str | None:
    if "so hoa" in words:
        if "thanh phan" in words:
            return "digitised_input_rate"
        return "digitised_result_rate" if "so hoa ket qua" in words else None
    if re.search(r"qua han|tre han", words):
        return "late_rate"
    if re.search(r"dung han|dung hen", words):
        return "on_time_rate"
    if "truc tuyen" in words:
        return "received_online_rate"
    return None


def topic_of(titles: list[str]) -> str | None:
    """What a section reports on, from its own title up through its parents'."""
    for title in reversed(titles):
        folded = fold(title)
        if re.search(r"dien tu|chinh quyen so|truc tuyen|hien dai hoa|chuyen doi so", folded):
            return "egov"
        if re.search(r"thu tuc hanh chinh|tthc|mot cua|so hoa", folded):
            return "procedures"
        if re.search(r"to chuc bo may|bien che|bo may", folded):
            return "organisation"
        if re.search(r"tai chinh|dau tu cong|ngan sach", folded):
            return "finance"
    return None
