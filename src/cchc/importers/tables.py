"""Appendix tables as rows of (code, label, unit, value, note): what printing breaks, undone.

Tables in the family are broken by pages: the header rows repeat (or a
table goes on without them), a label runs over onto the next row with no
code, a form is split into several tables. This module finds the form
tables of a document, reads their column layout from the header rows
("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú", "Cơ quan
chủ trì"...), drops repeated headers, joins continuation rows and page
fragments, and says which form each table belongs to when a caption
("Biểu mẫu 3") names it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.domain.catalog import Catalog, TemplateVersion
from cchc.domain.wording import Code, CodeKind, fold, label_similarity, normalise_code
from cchc.importers.document import Document, Paragraph, Row, Table

__all__ = [
    "Columns",
    "DataRow",
    "FormTable",
    "collect_form_tables",
    "form_caption",
    "form_titles",
    "parts",
]

Number = int | float

# Header wordings of each column role (whole cell, folded, notes in brackets left out).
_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("unit", re.compile(r"don vi tinh|dvt|don vi|don vi do")),
    (
        "agency",
        re.compile(r"(co quan|don vi|co quan don vi) (chu tri|thuc hien|phu trach)( chinh)?"),
    ),
    ("note", re.compile(r"ghi chu")),
    ("code", re.compile(r"stt|tt|so tt|so thu tu|ma so|ma|ma chi tieu")),
    (
        "label",
        re.compile(r"(ten )?chi tieu( thong ke| bao cao)?|noi dung( chi tieu| bao cao)?|danh muc"),
    ),
    (
        # "Số liệu", "Kết quả thực hiện", "Thực hiện quý III/2023", "Quý III năm 2023"...
        "value",
        re.compile(
            r"(so lieu|ket qua|gia tri|thuc hien|so luong)( .*)?|ky bao cao|trong ky"
            r"|luy ke( tu dau nam)?|(quy|qui) [ivx1-4]+( .*)?|(6|9|sau|chin) thang( .*)?|nam \d{4}"
        ),
    ),
]
SECTION_TITLE = 0.7  # how well a heading row of a combined appendix must name a form
_NUMBERING = re.compile(r"^\(?[0-9a-z]{1,2}\)?$")


@dataclass(frozen=True)
class Columns:
    code: int | None
    label: int
    value: int
    unit: int | None = None
    note: int | None = None
    agency: int | None = None


@dataclass
class DataRow:
    code: Code
    label: str
    unit: str
    value: str
    number: Number | None
    note: str
    agency: str
    italic: bool
    table: Table
    row: Row
    # Continuation rows joined to this one (a label carried over a page break).
    extra_rows: list[tuple[Table, Row]] = field(default_factory=list)

    @property
    def location(self) -> str:
        parts: list[tuple[Table, list[int]]] = [(self.table, [self.row.number])]
        for table, row in self.extra_rows:
            if table is parts[-1][0]:
                parts[-1][1].append(row.number)
            else:
                parts.append((table, [row.number]))
        return "; ".join(
            f"{t.label}, dòng {n[0]}" + (f"–{n[-1]}" if len(n) > 1 else "") for t, n in parts
        )

    @property
    def is_blank(self) -> bool:
        return not (self.code.value or self.label or self.value or self.number is not None)


@dataclass
class FormTable:
    """The rows of one printed form (``form`` from its caption) or of a combined appendix."""

    form: int | None
    caption: str | None
    columns: Columns
    rows: list[DataRow] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def label(self) -> str:
        names = ", ".join(t.label for t in self.tables)
        return f"{self.caption} ({names})" if self.caption else names


_CAPTION = re.compile(r"^(?:bieu mau|bieu so|mau so|bieu|bm)\s*(?:so\s*)?0?(\d{1,2})\b")


def form_caption(text: str) -> int | None:
    """The form a caption names: "BIỂU MẪU 3", "Biểu số 03", "BM3" → 3."""
    match = _CAPTION.match(fold(text))
    return int(match.group(1)) if match else None


def _caption_name(text: str) -> str:
    """ "PHỤ LỤC I" → "Phụ lục I"; "Phụ lục 1:" → "Phụ lục 1"."""
    words = re.sub(r"\s+", " ", text).strip().rstrip(":.").split(" ")
    if text.isupper():
        words = [w if re.fullmatch(r"[IVXL]+|\d+", w) else w.lower() for w in words]
        words[0] = words[0].capitalize()
    return " ".join(words)


def _role(text: str) -> str | None:
    bare = re.sub(r"\([^()]*\)", " ", text)
    folded = re.sub(r"\s+", " ", re.sub(r"[^0-9a-z ]+", " ", fold(bare))).strip()
    for role, pattern in _ROLES:
        if pattern.fullmatch(folded):
            return role
    return None


def _is_numbering_row(row: Row) -> bool:
    texts = [c.text.strip() for c in row.cells if c.text.strip() and not c.merged]
    return len(texts) >= 3 and all(_NUMBERING.match(fold(t)) for t in texts)


def _is_header_row(row: Row) -> bool:
    roles = {_role(c.text) for c in row.cells if c.text.strip()}
    roles.discard(None)
    return len(roles) >= 2 or _is_numbering_row(row)


def _columns(header_rows: list[Row], width: int) -> Columns | None:
    assigned: dict[str, int] = {}
    for column in range(width):
        texts = [r.cells[column].text for r in header_rows if column < len(r.cells)]
        for text in reversed(texts):  # the lowest header row is the most specific
            role = _role(text)
            if role is not None:
                if role not in assigned:
                    assigned[role] = column
                break
    if "label" not in assigned or "value" not in assigned:
        return None
    code = assigned.get("code")
    if code is None and assigned["label"] > 0:
        code = 0
    return Columns(
        code=code,
        label=assigned["label"],
        value=assigned["value"],
        unit=assigned.get("unit"),
        note=assigned.get("note"),
        agency=assigned.get("agency"),
    )


def _header_span(table: Table) -> tuple[int, int]:
    """Where a table's header rows are: (first, after last); (0, 0) when it has none.

    Rows above the header are titles typed into the table ("BIỂU MẪU 3 ...").
    """
    start = end = 0
    for i, row in enumerate(table.rows[:6]):
        if _is_header_row(row) or (end and row.repeat_header):
            if not end:
                start = i
            end = i + 1
        elif end:
            break
    return start, end


def _data_row(row: Row, table: Table, columns: Columns) -> DataRow:
    code_text = row.value(columns.code)
    label_cell = row.cell(columns.label)
    value_cell = row.cell(columns.value)
    return DataRow(
        code=normalise_code(code_text),
        label=re.sub(r"\s+", " ", row.value(columns.label)).strip(),
        unit=re.sub(r"\s+", " ", row.value(columns.unit)).strip(),
        value=re.sub(r"\s+", " ", row.value(columns.value)).strip(),
        number=None if value_cell is None or value_cell.merged else value_cell.number,
        note=re.sub(r"\s+", " ", row.value(columns.note)).strip(),
        agency=re.sub(r"\s+", " ", row.value(columns.agency)).strip(),
        italic=bool(label_cell and label_cell.italic),
        table=table,
        row=row,
    )


def _continues(previous: DataRow, row: DataRow) -> bool:
    """A row that only carries the rest of the previous row's label (a page or line break)."""
    if row.code.kind is not CodeKind.NONE or row.code.printed.strip():
        return False
    if row.value or row.number is not None or row.unit or row.note or not row.label:
        return False
    if previous.label.count("(") > previous.label.count(")"):
        return True
    first = row.label.lstrip("(“\"'")[:1]
    return bool(first) and first.islower()


def collect_form_tables(document: Document) -> list[FormTable]:
    """The form tables of a document, page fragments joined, in document order."""
    found: list[FormTable] = []
    caption_form: int | None = None
    caption: str | None = None
    appendix: str | None = None
    current: FormTable | None = None
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.footnote:
                continue
            first = block.lines[0] if block.lines else ""
            number = form_caption(first)
            if number is not None:
                caption_form, caption, current = number, f"Biểu mẫu {number}", None
            elif fold(first).startswith("phu luc"):
                appendix = _caption_name(first)
                caption_form, caption, current = None, appendix, None
            continue
        start, span = _header_span(block)
        columns = _columns(block.rows[start:span], block.width) if span else None
        if columns is None and current is not None and block.width >= current.columns.value:
            # A page fragment that did not repeat the header row.
            columns, span = current.columns, 0
        elif columns is None:
            continue
        for row in block.rows[:start]:
            title = next((c.text for c in row.cells if c.text.strip()), "")
            number = form_caption(title)
            if number is not None:
                caption_form, caption, current = number, f"Biểu mẫu {number}", None
        if current is None or current.columns != columns or current.form != caption_form:
            current = FormTable(caption_form, caption, columns)
            found.append(current)
        current.tables.append(block)
        for row in block.rows[span:]:
            if _is_header_row(row) or row.is_empty:
                continue  # a header repeated after a page break, or an empty line
            data = _data_row(row, block, columns)
            if data.is_blank:
                continue
            if current.rows and _continues(current.rows[-1], data):
                previous = current.rows[-1]
                previous.label = f"{previous.label} {data.label}".strip()
                previous.extra_rows.append((block, row))
                continue
            current.rows.append(data)
    return found


def form_titles(catalog: Catalog, templates: Iterable[TemplateVersion]) -> dict[int, list[str]]:
    """Every title a form goes by: the catalog's and each template version's."""
    titles: dict[int, list[str]] = defaultdict(list)
    for number, form in catalog.forms.items():
        titles[number].append(form.title)
    for template in templates:
        for number, title in template.form_titles.items():
            if title not in titles[number]:
                titles[number].append(title)
    return titles


def _section_form(row: DataRow, titles: dict[int, list[str]]) -> int | None:
    if row.value or row.number is not None:
        return None
    if row.code.kind not in (CodeKind.ROMAN, CodeKind.NONE, CodeKind.NUMBER):
        return None
    if row.code.kind is CodeKind.NUMBER and row.code.depth > 1:
        return None
    scores = sorted(
        ((max(label_similarity(row.label, t) for t in ts), n) for n, ts in titles.items()),
        reverse=True,
    )
    best, number = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    if best >= SECTION_TITLE and best - runner_up >= 0.1:
        return number
    if row.code.kind is CodeKind.NUMBER and row.code.value.isdigit():
        printed = int(row.code.value)
        if (
            printed in titles
            and max(label_similarity(row.label, t) for t in titles[printed]) >= 0.5
        ):
            return printed
    return None


def parts(table: FormTable, titles: dict[int, list[str]]) -> list[tuple[int | None, list[DataRow]]]:
    if table.form is not None:
        return [(table.form, table.rows)]
    segments: list[tuple[int | None, list[DataRow]]] = [(None, [])]
    for row in table.rows:
        form = _section_form(row, titles)
        if form is not None:
            segments.append((form, []))
        else:
            segments[-1][1].append(row)
    return [s for s in segments if s[1]]
