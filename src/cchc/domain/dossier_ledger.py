"""The dossier ledger: its columns, the words it may use, and what makes a row unusable.

A ledger is one row per dossier exported from the one-stop software. Its
headers may be the canonical English names or the Vietnamese ones, with or
without diacritics, in any case; its code columns (status, level, channel,
online level, yes/no flags) may use the software's own wording. Which words
mean what is data (``catalogs/dossiers/``); this module folds text so that
"Ngày tiếp nhận", "NGAY TIEP NHAN" and "ngay_tiep_nhan" compare equal, and
names the problems that exclude a row, in the order they are checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "CLAIMS",
    "CODE_COLUMNS",
    "FLAG_COLUMNS",
    "LEDGER_COLUMNS",
    "REQUIRED_COLUMNS",
    "LedgerColumn",
    "LedgerVocabulary",
    "Problem",
    "fold",
    "label_key",
]


@dataclass(frozen=True, slots=True)
class LedgerColumn:
    name: str
    label: str  # the Vietnamese header
    kind: str  # text, date, days, code, flag


LEDGER_COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("dossier_id", "mã hồ sơ", "text"),
    LedgerColumn("procedure_code", "mã TTHC", "text"),
    LedgerColumn("procedure_name", "tên TTHC", "text"),
    LedgerColumn("field", "lĩnh vực", "text"),
    LedgerColumn("agency", "cơ quan giải quyết", "text"),
    LedgerColumn("level", "cấp", "code"),
    LedgerColumn("channel", "hình thức nộp", "code"),
    LedgerColumn("online_level", "mức độ DVC", "code"),
    LedgerColumn("received_at", "ngày tiếp nhận", "date"),
    LedgerColumn("due_at", "ngày hẹn trả", "date"),
    LedgerColumn("processing_days", "số ngày giải quyết", "days"),
    LedgerColumn("finished_at", "ngày có kết quả", "date"),
    LedgerColumn("status", "trạng thái", "code"),
    LedgerColumn("digitised_input", "số hóa hồ sơ", "flag"),
    LedgerColumn("digitised_result", "số hóa kết quả", "flag"),
    LedgerColumn("paid_online", "thanh toán trực tuyến", "flag"),
    # Optional, for apology letters: not in DESIGN.md's canonical list.
    LedgerColumn("applicant", "người nộp", "text"),
    LedgerColumn("late_reason", "lý do quá hạn", "text"),
)
COLUMN_BY_NAME = {c.name: c for c in LEDGER_COLUMNS}
REQUIRED_COLUMNS = ("dossier_id", "received_at", "status")
CODE_COLUMNS = tuple(c.name for c in LEDGER_COLUMNS if c.kind == "code")
FLAG_COLUMNS = tuple(c.name for c in LEDGER_COLUMNS if c.kind == "flag")


class Problem(StrEnum):
    """Why a row is excluded; checked in this order, the first one found is reported."""

    UNREADABLE_LINE = "unreadable_line"
    BAD_ENCODING = "bad_encoding"
    MISSING_ID = "missing_id"
    BAD_RECEIVED = "bad_received"
    BAD_DUE = "bad_due"
    BAD_FINISHED = "bad_finished"
    UNKNOWN_STATUS = "unknown_status"
    UNKNOWN_LEVEL = "unknown_level"
    UNKNOWN_CHANNEL = "unknown_channel"
    UNKNOWN_ONLINE_LEVEL = "unknown_online_level"
    UNKNOWN_FLAG = "unknown_flag"
    NO_DUE_DATE = "no_due_date"
    FINISHED_BEFORE_RECEIVED = "finished_before_received"
    DUE_BEFORE_RECEIVED = "due_before_received"
    MISSING_FINISHED = "missing_finished"
    UNEXPECTED_FINISHED = "unexpected_finished"
    DUPLICATE_ID = "duplicate_id"

    @property
    def code(self) -> int:
        """A small number for the engine's tables (0 means "no problem")."""
        return list(Problem).index(self) + 1

    @classmethod
    def from_code(cls, code: int) -> Problem:
        return list(cls)[code - 1]

    @property
    def message(self) -> str:
        return _MESSAGES[self]

    @property
    def column(self) -> str | None:
        """The column whose text the report quotes."""
        return _COLUMNS.get(self)


_MESSAGES = {
    Problem.UNREADABLE_LINE: "dòng không đọc được (sai số cột hoặc sai dấu ngoặc kép)",
    Problem.BAD_ENCODING: (
        "dòng có ký tự không phải UTF-8 (chép từ bảng mã Windows?): sửa lại chữ trong dòng "
        "hoặc lưu lại sổ dạng “CSV UTF-8”"
    ),
    Problem.MISSING_ID: "thiếu mã hồ sơ",
    Problem.BAD_RECEIVED: "ngày tiếp nhận trống hoặc không đọc được (cần dd/mm/yyyy hoặc yyyy-mm-dd)",
    Problem.BAD_DUE: "ngày hẹn trả không đọc được (cần dd/mm/yyyy hoặc yyyy-mm-dd)",
    Problem.BAD_FINISHED: "ngày có kết quả không đọc được (cần dd/mm/yyyy hoặc yyyy-mm-dd)",
    Problem.UNKNOWN_STATUS: "trạng thái trống hoặc không nhận ra",
    Problem.UNKNOWN_LEVEL: "cấp không nhận ra (dùng tinh, huyen, xa)",
    Problem.UNKNOWN_CHANNEL: "hình thức nộp không nhận ra (dùng truc_tiep, truc_tuyen, buu_chinh)",
    Problem.UNKNOWN_ONLINE_LEVEL: "mức độ DVC không nhận ra (dùng toan_trinh, mot_phan hoặc để trống)",
    Problem.UNKNOWN_FLAG: "giá trị có/không không nhận ra ở cột số hóa hoặc thanh toán trực tuyến",
    Problem.NO_DUE_DATE: "không có ngày hẹn trả và số ngày giải quyết trống, âm hoặc không đọc được",
    Problem.FINISHED_BEFORE_RECEIVED: "ngày có kết quả trước ngày tiếp nhận",
    Problem.DUE_BEFORE_RECEIVED: "ngày hẹn trả trước ngày tiếp nhận",
    Problem.MISSING_FINISHED: "trạng thái đã kết thúc (đã giải quyết, trả lại, rút) nhưng thiếu ngày có kết quả",
    Problem.UNEXPECTED_FINISHED: "trạng thái đang giải quyết hoặc tạm dừng nhưng đã có ngày có kết quả",
    Problem.DUPLICATE_ID: "trùng mã hồ sơ",
}
_COLUMNS = {
    Problem.MISSING_ID: "dossier_id",
    Problem.BAD_RECEIVED: "received_at",
    Problem.BAD_DUE: "due_at",
    Problem.BAD_FINISHED: "finished_at",
    Problem.UNKNOWN_STATUS: "status",
    Problem.UNKNOWN_LEVEL: "level",
    Problem.UNKNOWN_CHANNEL: "channel",
    Problem.UNKNOWN_ONLINE_LEVEL: "online_level",
    Problem.NO_DUE_DATE: "processing_days",
    Problem.FINISHED_BEFORE_RECEIVED: "finished_at",
    Problem.DUE_BEFORE_RECEIVED: "due_at",
    Problem.MISSING_FINISHED: "status",
    Problem.UNEXPECTED_FINISHED: "finished_at",
}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# What a status qualified by the software says of the due date ("Đã giải quyết -
# đúng hạn", "Đang xử lý (quá hạn)"): the claim a qualifier word makes.
CLAIMS = ("on_time", "late")


def fold(text: str) -> str:
    """Lower case, no diacritics, words joined by "_": "Ngày Tiếp nhận" → "ngay_tiep_nhan"."""
    lowered = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    bare = "".join(c for c in lowered if unicodedata.category(c) != "Mn")
    return _NON_ALNUM.sub("_", bare).strip("_")


@dataclass(frozen=True, slots=True)
class LedgerVocabulary:
    """Header aliases and value aliases, all folded.

    ``values[column][folded word]`` is the canonical code; the code "" means
    "none" (an online level of "không" is no online service, not an error).
    Flags map to "true" or "false".
    """

    headers: Mapping[str, str]
    values: Mapping[str, Mapping[str, str]]
    # Column → the words as the files write them (NFC), for ``spellings``.
    written: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Column → folded "word + qualifier" → the claim the qualifier makes (``CLAIMS``).
    claims: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Column → the folded qualifier words alone ("đúng hạn", "quá hạn"), which name no status.
    verdicts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Folded words an id cell starts with (or phrases it holds) on rows that are not
    # dossiers: totals, group headings and the signature block of a printed register.
    label_starts: frozenset[str] = frozenset()
    label_phrases: frozenset[str] = frozenset()
    # Folded headers that are no ledger column and look like one ("Ngày trả kết quả"):
    # never hinted as the column they resemble (``ledger_headers``).
    not_columns: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, items: list[Mapping[str, Any]]) -> LedgerVocabulary:
        """Merge vocabulary files (later ones add words); raises ValueError naming the problem."""
        headers: dict[str, str] = {}
        values: dict[str, dict[str, str]] = {c: {} for c in (*CODE_COLUMNS, "flag")}
        written: dict[str, set[str]] = {c: set() for c in values}
        for column in LEDGER_COLUMNS:
            headers[fold(column.name)] = column.name
            headers[fold(column.label)] = column.name
        for data in items:
            for column, aliases in (data.get("columns") or {}).items():
                if column not in COLUMN_BY_NAME:
                    raise ValueError(f"cột “{column}” không phải là cột của sổ hồ sơ")
                for alias in _words(aliases, f"columns › {column}"):
                    headers[fold(alias)] = str(column)
            for column, table in (data.get("values") or {}).items():
                if column not in values:
                    raise ValueError(f"cột “{column}” không có bảng giá trị")
                if not isinstance(table, Mapping):
                    raise ValueError(f"values › {column} phải là bảng mã – danh sách từ")
                for code, aliases in table.items():
                    canonical = "" if code in (None, "none") else str(code)
                    if canonical:
                        values[column][fold(canonical)] = canonical
                        written[column].add(canonical)
                    for alias in _words(aliases, f"values › {column} › {code}"):
                        values[column][fold(alias)] = canonical
                        written[column].add(unicodedata.normalize("NFC", alias.strip()))
        qualifiers = _qualifiers(items)
        claims: dict[str, dict[str, str]] = {}
        # After every file is merged: a province's words take the built-in qualifiers too.
        for qualified, words in qualifiers.items():
            claims[qualified] = {}
            for word, code in list(values[qualified].items()):
                for qualifier, claim in words.items():
                    combined = f"{word}_{qualifier}"
                    values[qualified].setdefault(combined, code)
                    claims[qualified][combined] = claim
        verdicts = {c: frozenset(words) for c, words in qualifiers.items()}
        written_words = {c: frozenset(w) for c, w in written.items()}
        starts, phrases = _labels(items)
        not_columns = frozenset(
            fold(word) for data in items for word in _words(data.get("not_columns"), "not_columns")
        )
        return cls(headers, values, written_words, claims, verdicts, starts, phrases, not_columns)

    def column_for(self, header: str) -> str | None:
        return self.headers.get(fold(header))

    def spellings(self, column: str) -> dict[str, str]:
        """Exact cell texts → code: each word as written, in lower, upper, sentence and title case.

        One-stop software writes its words one way ("Đã giải quyết", "ĐÃ GIẢI
        QUYẾT"); matching those as they stand spares folding every cell. Each
        spelling folds to its word, so it gets the code folding would give.
        """
        found: dict[str, str] = {}
        for word in self.written.get(column, ()):
            for spelling in (word, word.lower(), word.upper(), word.capitalize(), word.title()):
                code = self.values[column].get(fold(spelling))
                if code is not None and spelling.strip():
                    found[spelling] = code
        return found

    def code_for(self, column: str, text: str) -> str | None:
        """The canonical code of a cell; "" for an explicit "none"; None when unknown."""
        return self.values[column].get(fold(text))

    def is_verdict(self, column: str, text: str) -> bool:
        """A cell holding only what the software says of the due date ("Quá hạn"), no status."""
        return fold(text) in self.verdicts.get(column, frozenset())

    def claim_for(self, column: str, text: str) -> str | None:
        """What a qualified word says of the due date (``CLAIMS``); None for a bare word."""
        return self.claims.get(column, {}).get(fold(text))

    def is_label(self, text: str) -> bool:
        """An id cell that names no dossier but a line of the printed register around them:
        "Tổng cộng: 527 hồ sơ", "II. Lĩnh vực đất đai", "Người lập biểu", "Tư Nghĩa, ngày
        25 tháng 9 năm 2023". Only asked of rows without any date (``label_key``)."""
        key = label_key(text)
        return any(key == w or key.startswith(w + "_") for w in self.label_starts) or any(
            f"_{p}_" in f"_{key}_" for p in self.label_phrases
        )


def label_key(text: str) -> str:
    """The folded text a label is recognised by: numbers and a leading Roman numeral
    dropped, so that counts, dates and "II." do not hide the words."""
    key = re.sub(r"_+", "_", re.sub(r"[0-9]+", "", fold(text))).strip("_")
    return re.sub(r"^[ivx]+(_|$)", "", key)


def _labels(items: list[Mapping[str, Any]]) -> tuple[frozenset[str], frozenset[str]]:
    starts: set[str] = set()
    phrases: set[str] = set()
    for data in items:
        table = data.get("labels") or {}
        if not isinstance(table, Mapping) or set(table) - {"starts", "holds"}:
            raise ValueError("labels phải là bảng starts/holds – danh sách từ")
        for target, key in ((starts, "starts"), (phrases, "holds")):
            for word in _words(table.get(key), f"labels › {key}"):
                if folded := label_key(word):
                    target.add(folded)
    return frozenset(starts), frozenset(phrases)


def _qualifiers(items: list[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """Folded qualifier → claim, by column; only the status is qualified."""
    found: dict[str, dict[str, str]] = {}
    for data in items:
        for column, table in (data.get("qualifiers") or {}).items():
            if column != "status":
                raise ValueError(
                    f"qualifiers › {column}: chỉ cột trạng thái (status) có từ hạn định"
                )
            if not isinstance(table, Mapping):
                raise ValueError(f"qualifiers › {column} phải là bảng on_time/late – danh sách từ")
            for claim, words in table.items():
                if claim not in CLAIMS:
                    raise ValueError(
                        f"qualifiers › {column} › {claim}: chỉ dùng on_time (đúng hạn) "
                        "hoặc late (quá hạn)"
                    )
                for word in _words(words, f"qualifiers › {column} › {claim}"):
                    if folded := fold(word):
                        found.setdefault(column, {})[folded] = str(claim)
    return found


def _words(raw: Any, where: str) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str | int | float | bool):
        raw = [raw]
    if not isinstance(raw, list):
        raise ValueError(f"{where} phải là danh sách từ")
    return [str(x).lower() if isinstance(x, bool) else str(x) for x in raw]
