"""The report's header and signature: unit, period, number and symbol, place and date.

Every piece is read from where the family writes it (the heading block, the
"BÁO CÁO" title, the opening "Thực hiện ..." sentence, "Kính gửi", the
appendix caption "(Kèm theo Báo cáo số ... của ...)", "Nơi nhận" and the
signature block). A piece the document does not state stays empty and is
reported; nothing is filled in by guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from cchc.domain.periods import DateWindow, PeriodKind
from cchc.domain.wording import fold
from cchc.importers.document import Document, Paragraph
from cchc.importers.period_phrases import find_period, find_windows
from cchc.importers.problems import Problem, Severity
from cchc.importers.units import ORG_WORDS, area_of, find_areas, unit_code, unit_level

__all__ = ["Header", "read_header"]

_WHERE = "phần đầu văn bản"


@dataclass
class Header:
    unit_name: str | None = None
    unit_code: str | None = None
    unit_level: str = ""
    kind: PeriodKind | None = None
    year: int | None = None
    period_phrase: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: date | None = None
    title: str | None = None
    addressed_to: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: dict[str, str] = field(default_factory=dict)
    window: DateWindow | None = None
    window_text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def note(self, severity: Severity, message: str, where: str = _WHERE) -> None:
        self.problems.append(Problem(severity, message, where))


# ------------------------------------------------------------------ reading

_NUMBER = re.compile(
    r"^S[ốo]\s*:?\s*(?P<num>\d*)\s*(?P<junk>[A-Za-z]{0,3})\s*/\s*(?P<sym>[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*)"
)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,;:]{2,40}?),\s*ng[àa]y\s*(?P<d>\d{0,2})\s*th[áa]ng\s*(?P<m>\d{0,2})\s*n[ăa]m\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"k[èe]m theo (?:b[áa]o c[áa]o|bc)\s*s[ốo]\s*:?\s*(?P<num>\d*)\s*[A-Za-z]{0,3}\s*/\s*"
    r"(?P<sym>[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*)"
    r"(?:\s*ng[àa]y\s*(?P<date>[\d\s/]*\d))?.*?\s(?:của|cua)\s+(?P<unit>[^)]+)",
    re.IGNORECASE | re.DOTALL,
)
_ORG = "|".join(re.escape(w) for w in sorted(ORG_WORDS, key=len, reverse=True))
_INTRO_UNIT = re.compile(
    # A unit that reports starts a clause; "... của UBND tỉnh ..." names another body.
    rf"(?:^|[;,]\s*)(?P<unit>(?:{_ORG})\s[^;.:,]{{2,90}}?)\s+(?:báo cáo|tổng hợp|gửi|kính báo cáo)\b"
)
_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ|Q|UQ)\s*\.\s*\S")


def _lines(document: Document) -> list[str]:
    """The document's lines of text, with those of small tables (heading, signature)."""
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if not block.footnote:
                lines.extend(block.lines)
        elif block.width <= 3 and len(block.rows) <= 6:
            # Heading and signature blocks are often laid out as small tables.
            for row in block.rows:
                for cell in row.cells:
                    if not cell.merged:
                        lines.extend(x.strip() for x in cell.text.splitlines() if x.strip())
    return lines


def read_header(document: Document) -> Header:
    header = Header()
    texts = _lines(document)
    _read_title(header, document)
    _read_number_place(header, texts)
    captions = _read_caption(header, document)
    _read_addressees(header, texts)
    _read_recipients_signer(header, texts)
    _read_period(header, captions, document)
    _read_unit(header, texts, captions, document)
    _read_window(header, document)
    return header


def _read_title(header: Header, document: Document) -> None:
    paragraphs = list(document.paragraphs)
    for i, paragraph in enumerate(paragraphs):
        first = paragraph.lines[0] if paragraph.lines else ""
        match = re.match(r"^B[ÁA]O C[ÁA]O\b[:\s]*(.*)$", first)
        if not match:
            continue
        rest = " ".join([match.group(1), *paragraph.lines[1:]]).strip()
        if not rest and i + 1 < len(paragraphs):
            rest = " ".join(paragraphs[i + 1].lines)
        header.title = re.sub(r"\s+", " ", rest).strip() or None
        return
    header.note(Severity.INFO, "không tìm thấy tiêu đề “BÁO CÁO” của văn bản")


def _read_number_place(header: Header, texts: list[str]) -> None:
    for text in texts[:40]:
        if header.symbol is None:
            match = _NUMBER.match(text)
            if match:
                header.number = match.group("num") or None
                header.symbol = match.group("sym")
                if header.number is None:
                    header.note(Severity.INFO, f"số văn bản để trống (“{text}”)")
        if header.place is None:
            match = _PLACE_DATE.match(text)
            if match and not fold(match.group("place")).startswith(("so ", "so:")):
                header.place = match.group("place").strip()
                header.date = _date(match.group("d"), match.group("m"), match.group("y"))
                if header.date is None:
                    header.note(Severity.INFO, f"ngày ban hành chưa ghi đủ (“{text}”)")


def _date(day: str | None, month: str | None, year: str | None) -> date | None:
    try:
        return date(int(year or ""), int(month or ""), int(day or ""))
    except ValueError:
        return None


def _read_caption(header: Header, document: Document) -> list[str]:
    """Appendix captions ("PHỤ LỤC ... (Kèm theo Báo cáo số ...)"), as one line each."""
    captions = []
    for paragraph in document.paragraphs:
        joined = " ".join(paragraph.lines)
        folded = fold(joined)
        if folded.startswith(("phu luc", "bieu mau thong ke")) or "kem theo bao cao" in folded:
            captions.append(joined)
            match = _CAPTION.search(joined)
            if match:
                if header.symbol is None:
                    header.number = match.group("num") or None
                    header.symbol = match.group("sym")
                if header.date is None and match.group("date"):
                    parts = re.findall(r"\d+", match.group("date"))
                    if len(parts) == 3:
                        header.date = _date(*parts)
    return captions


def _read_addressees(header: Header, texts: list[str]) -> None:
    for text in texts:
        match = re.match(r"^K[íi]nh g[ửu]i\s*:?\s*(.+)$", text)
        if match:
            items = [x.strip(" -;.") for x in re.split(r";|\s-\s", match.group(1))]
            header.addressed_to.extend(x for x in items if x)


def _read_recipients_signer(header: Header, texts: list[str]) -> None:
    start = next((i for i, t in enumerate(texts) if fold(t).startswith("noi nhan")), None)
    if start is None:
        header.note(Severity.INFO, "không tìm thấy mục “Nơi nhận”")
        return
    i = start + 1
    first = texts[start].split(":", 1)[1].strip() if ":" in texts[start] else ""
    if first.startswith("-"):
        header.recipients.append(first.strip(" -;."))
    while i < len(texts) and texts[i].lstrip().startswith(("-", "+", "•")):
        header.recipients.append(texts[i].strip().lstrip("-+• ").rstrip(";., "))
        i += 1
    authority, title, name = "", "", ""
    for text in texts[i : i + 8]:
        if fold(text).startswith(("phu luc", "bieu mau")):
            break
        if _AUTHORITY.match(text) and not authority:
            authority = text.strip()
            continue
        upper, rest = _split_upper(text)
        if upper and not title and upper != authority:
            title = upper
        if rest and _looks_like_name(rest):
            name = rest
            break
    if title or name:
        header.signer = {"authority": authority, "title": title, "name": name}
    if not name:
        header.note(Severity.INFO, "không tìm thấy họ tên người ký")


def _split_upper(text: str) -> tuple[str, str]:
    """ "TRƯỞNG PHÒNGNguyễn Thanh Phú" → ("TRƯỞNG PHÒNG", "Nguyễn Thanh Phú")."""
    for i in range(len(text) - 1):
        if text[i].isupper() and text[i + 1].islower():
            return text[:i].strip(), text[i:].strip()
    return (text.strip(), "") if text.upper() == text else ("", text.strip())


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(w[0].isupper() for w in words)
        and not any(c.isdigit() for c in text)
    )


def _read_period(header: Header, captions: list[str], document: Document) -> None:
    sources: list[tuple[str, str]] = []
    if header.title:
        sources.append(("tiêu đề", header.title))
    sources += [("chú thích phụ lục", c) for c in captions]
    readings = []
    for name, text in sources:
        found = find_period(text)
        if found:
            readings.append((name, *found))
    if not readings:
        # The opening sentence says what it reports: "... báo cáo ... quý 1 năm 2022".
        for paragraph in list(document.paragraphs)[:30]:
            text = " ".join(paragraph.lines)
            if re.search(r"báo cáo|tổng hợp", text) and (found := find_period(text, yearly=False)):
                readings.append(("đoạn mở đầu", *found))
                break
    if not readings:
        header.note(Severity.ERROR, "không xác định được kỳ báo cáo (quý, 6 tháng, 9 tháng, năm)")
        return
    name, kind, year, phrase = readings[0]
    header.kind, header.period_phrase = kind, phrase
    header.year = year or next((r[2] for r in readings if r[2]), None)
    if header.year is None and header.date is not None:
        header.year = header.date.year
        header.note(
            Severity.WARNING, f"kỳ báo cáo không ghi năm; lấy năm của ngày ban hành ({header.year})"
        )
    for other, kind2, year2, phrase2 in readings[1:]:
        if kind2 != kind or (year2 and header.year and year2 != header.year):
            header.note(
                Severity.WARNING,
                f"kỳ báo cáo ở {name} (“{phrase}”) khác với ở {other} (“{phrase2}”); dùng {name}",
            )
    if header.year is None:
        header.note(Severity.ERROR, "không xác định được năm báo cáo")


def _read_unit(header: Header, texts: list[str], captions: list[str], document: Document) -> None:
    candidates: list[tuple[str, str]] = []
    for caption in captions:
        match = _CAPTION.search(caption)
        if match:
            candidates.append(("chú thích phụ lục", _clean_unit(match.group("unit"))))
    body = [" ".join(p.lines) for p in document.paragraphs if not p.footnote]
    for text in body[:40]:
        if text.startswith(("Thực hiện", "Căn cứ", "Trên cơ sở", "Theo")) or "báo cáo" in text:
            for match in _INTRO_UNIT.finditer(text):
                candidates.append(("đoạn mở đầu", _clean_unit(match.group("unit"))))
    for text in body:
        if text.startswith("Trên đây"):
            for match in _INTRO_UNIT.finditer(text):
                candidates.append(("đoạn kết", _clean_unit(match.group("unit"))))
    for text in texts[:12]:
        if text.isupper() and re.match(rf"^(?:{_ORG.upper()})\b", text) and "CỘNG HÒA" not in text:
            candidates.append(("tiêu đề văn bản", _restore_case(text, body)))
    candidates = [(s, n) for s, n in candidates if n and len(n.split()) >= 2]
    if not candidates:
        header.note(Severity.ERROR, "không xác định được đơn vị báo cáo")
        return
    # The most specific name the sources agree on: the longest that contains the others.
    chosen = max(
        candidates, key=lambda c: (sum(fold(o[1]) in fold(c[1]) for o in candidates), len(c[1]))
    )
    name = chosen[1]
    if area_of(name) is None:
        name = _qualify(name, texts, body, header)
    header.unit_name = name
    header.unit_code = unit_code(name)
    header.unit_level = unit_level(name)


def _clean_unit(text: str) -> str:
    text = re.split(r"\s+-\s+|\s–\s|\(|;|,\s*(?:kính|gửi)", text)[0]
    text = re.sub(r"\s+", " ", text).strip(" .,:;)")
    # "UBND tỉnh về việc ..." is a subject, not a name.
    return "" if re.search(r"\s(về|của|việc|đã|được|trong)\s", f" {text} ") else text


def _restore_case(upper: str, body: list[str]) -> str:
    """A heading in capitals as the body writes it ("SỞ NỘI VỤ" → "Sở Nội vụ")."""
    target = fold(upper)
    for text in body:
        if text.isupper():
            continue  # another heading in capitals says nothing about case
        folded = fold(text)
        at = folded.find(target)
        if at >= 0 and len(folded) == len(text.lower().replace("đ", "d")):
            return text[at : at + len(upper)]
    # Sentence case, abbreviations kept, the place after "tỉnh"/"huyện"... capitalised.
    words = upper.split()
    out: list[str] = []
    place = False
    for i, word in enumerate(words):
        if fold(word) in ("ubnd", "hdnd", "cchc", "tt&tt", "tn&mt", "kh&dt", "gd&dt"):
            out.append(word)
        elif place or i == 0:
            out.append(word.capitalize())
        else:
            out.append(word.lower())
        place = place or fold(word) in ("tinh", "huyen", "xa", "phuong", "quan", "pho", "tran")
    return " ".join(out)


def _qualify(name: str, texts: list[str], body: list[str], header: Header) -> str:
    """Add the place a bare body name ("Sở Thông tin và Truyền thông") belongs to."""
    level = unit_level(name)
    wanted = (
        ("tỉnh", "thành phố") if level == "department" else ("huyện", "thành phố", "thị xã", "quận")
    )
    for text in texts[:12]:
        if text.isupper() and fold(text).startswith(("ubnd", "uy ban nhan dan")):
            area = area_of(_restore_case(text, body))
            if area and area[0] in wanted:
                return _joined(name, *area)
    counts = find_areas("\n".join(body + header.addressed_to))
    ranked = [(n, k) for k, n in counts.items() if k[0] in wanted]
    if ranked:
        _, (word, place) = max(ranked)
        header.note(
            Severity.INFO,
            f"tên đơn vị “{name}” không ghi địa danh; ghép “{word} {place}” (địa danh được nhắc nhiều nhất)",
        )
        return _joined(name, word, place)
    header.note(Severity.WARNING, f"tên đơn vị “{name}” không ghi địa danh")
    return name


def _joined(name: str, word: str, place: str) -> str:
    """ "Sở Nội vụ" + tỉnh Trà Vinh; "Văn phòng UBND tỉnh" + Quảng Ngãi (the word is there)."""
    if fold(name).endswith(" " + fold(word)):
        return f"{name} {place}"
    return f"{name} {word} {place}"


def _read_window(header: Header, document: Document) -> None:
    found: list[tuple[DateWindow, str]] = []
    for paragraph in document.paragraphs:
        found += find_windows(" ".join(paragraph.lines))
    if not found:
        return
    counts = Counter(w for w, _ in found)
    best = max(counts.items(), key=lambda kv: kv[1])[0]
    header.window = best
    header.window_text = next(t for w, t in found if w == best)
    if len(counts) > 1:
        header.note(
            Severity.INFO,
            f"văn bản nêu {len(counts)} khoảng thời gian số liệu; dùng khoảng được nêu nhiều nhất "
            f"({best.label})",
        )
