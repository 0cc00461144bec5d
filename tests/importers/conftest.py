"""Fixtures of the importer tests: the seeds, their hand-transcribed values, and
builders of real Word and Excel files made from seed content.

The builders read the seed appendices with a deliberately small parser of
their own (not the importer's), so that a file built here and the importer
reading it do not share a mistake. Expected values always come from the
hand-written JSON in tests/fixtures/seeds/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SEED_TEXT = {
    "000": SEEDS / "seed000_gia_nghia_2023q3.txt",
    "002": SEEDS / "seed002_tu_nghia_2023q3.txt",
    "004": SEEDS / "seed004_stttt_tra_vinh_2022q1.txt",
}
SEED_JSON = {
    "000": SEEDS / "seed000_gia_nghia_2023q3.json",
    "004": SEEDS / "seed004_stttt_tra_vinh_2022q1.json",
}

HEADER_TOP = ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Ghi chú"]
HEADER_BOTTOM = ["", "", "Đơn vị tính", "Số liệu", ""]


@dataclass
class SeedCell:
    text: str
    italic: bool = False


@dataclass
class SeedForm:
    number: int
    title: str
    # Data rows; None marks a page break in the conversion; header rows repeated
    # after a page break are kept out (``repeats_header`` records where they were).
    rows: list[list[SeedCell] | None] = field(default_factory=list)
    repeats_header: set[int] = field(default_factory=set)  # row indexes preceded by a repeat


def _cell(raw: str) -> SeedCell:
    italic = raw.strip().startswith("<i>") and raw.strip().endswith("</i>")
    text = re.sub(r"</?[ibu]>", "", raw).replace("¹", "").strip()
    return SeedCell(text, italic)


def parse_seed_appendix(text: str) -> list[SeedForm]:
    """The Biểu mẫu tables of a seed conversion: caption number, title and cell rows."""
    forms: list[SeedForm] = []
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"(?i)^phụ lục", line.strip()))
    expect_title = False
    for line in lines[start:]:
        stripped = line.strip()
        caption = re.match(r"(?i)^biểu mẫu (\d+)$", stripped)
        if caption:
            forms.append(SeedForm(int(caption.group(1)), ""))
            expect_title = True
            continue
        if expect_title and stripped:
            forms[-1].title = stripped
            expect_title = False
            continue
        if not forms:
            continue
        form = forms[-1]
        if "\t" not in line:
            if not stripped and form.rows and form.rows[-1] is not None:
                form.rows.append(None)
            continue
        cells = [_cell(c) for c in line.split("\t")]
        if cells[0].text == "STT" or (not cells[0].text and cells[2].text == "Đơn vị tính"):
            if form.rows:
                if form.rows[-1] is not None:
                    form.rows.append(None)
                form.repeats_header.add(len(form.rows))
            continue
        form.rows.append(cells)
    for form in forms:
        while form.rows and form.rows[-1] is None:
            form.rows.pop()
    return forms


@pytest.fixture(scope="session")
def seed_text() -> Callable[[str], str]:
    return lambda seed: SEED_TEXT[seed].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_values() -> Callable[[str], dict[str, Any]]:
    def load(seed: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(SEED_JSON[seed].read_text(encoding="utf-8"))["values"]
        return data

    return load


@pytest.fixture(scope="session")
def seed_forms(seed_text: Callable[[str], str]) -> Callable[[str], list[SeedForm]]:
    return lambda seed: parse_seed_appendix(seed_text(seed))


# ---------------------------------------------------------------- Word


def _set_repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _write(cell: Any, text: str, *, italic: bool = False, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.italic = italic
    run.bold = bold


def add_form_table(
    document: Any,
    rows: list[list[SeedCell]],
    *,
    header: bool = True,
    header_top: list[str] = HEADER_TOP,
    header_bottom: list[str] = HEADER_BOTTOM,
    merges: Iterable[tuple[int, int, int, int]] | None = None,
) -> Any:
    """A Word table with the family's two header rows (merged cells) and the given rows."""
    width = len(header_top)
    count = (2 if header else 0) + len(rows)
    table = document.add_table(rows=count, cols=width)
    table.style = "Table Grid"
    offset = 0
    if header:
        default = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, width - 1, 1, width - 1)]
        for r1, c1, r2, c2 in merges if merges is not None else default:
            table.cell(r1, c1).merge(table.cell(r2, c2))
        for c, text in enumerate(header_top):
            if text:
                _write(table.cell(0, c), text, bold=True)
        for c, text in enumerate(header_bottom):
            if text:
                _write(table.cell(1, c), text, bold=True)
        _set_repeat_header(table.rows[0])
        _set_repeat_header(table.rows[1])
        offset = 2
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells[:width]):
            if cell.text:
                _write(table.cell(offset + r, c), cell.text, italic=cell.italic)
    return table


def page_break(document: Any) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def seed_appendix_docx(path: Path, forms: list[SeedForm], *, intro: Iterable[str] = ()) -> Path:
    """A Word appendix from seed forms: captions, merged headers, page-broken tables."""
    import docx

    document = docx.Document()
    for line in intro:
        document.add_paragraph(line)
    for form in forms:
        document.add_paragraph().add_run(f"Biểu mẫu {form.number}").bold = True
        document.add_paragraph(form.title)
        chunk: list[list[SeedCell]] = []
        first = True
        header_next = True
        for index, row in enumerate([*form.rows, None]):
            if row is not None:
                chunk.append(row)
                continue
            if chunk:
                add_form_table(document, chunk, header=header_next)
                chunk = []
                first = False
            if index < len(form.rows):
                page_break(document)
                header_next = (index + 1) in form.repeats_header
        assert not first
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def build_seed_docx(
    tmp_path_factory: pytest.TempPathFactory, seed_forms: Callable[[str], list[SeedForm]]
) -> Callable[[str], Path]:
    """Word appendices of the seeds, built once per run (python-docx tables are slow to fill)."""
    built: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("docx")

    def build(seed: str) -> Path:
        if seed not in built:
            built[seed] = seed_appendix_docx(folder / f"seed{seed}-phu-luc.docx", seed_forms(seed))
        return built[seed]

    return build


# ---------------------------------------------------------------- Excel


def seed_appendix_xlsx(path: Path, forms: list[SeedForm], typed: Callable[[str, str], Any]) -> Path:
    """An Excel appendix from seed forms: a sheet per form, merged captions and headers.

    ``typed(unit, text)`` gives what to store in a value cell (a number, a
    formatted number, or the text itself), so tests choose how real the
    workbook is.
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for form in forms:
        sheet = workbook.create_sheet(f"BM{form.number}")
        sheet["A1"] = f"BIỂU MẪU {form.number}"
        sheet.merge_cells("A1:E1")
        sheet["A2"] = form.title
        sheet.merge_cells("A2:E2")
        for c, text in enumerate(HEADER_TOP, start=1):
            if text:
                sheet.cell(row=3, column=c, value=text)
        for c, text in enumerate(HEADER_BOTTOM, start=1):
            if text:
                sheet.cell(row=4, column=c, value=text)
        sheet.merge_cells("A3:A4")
        sheet.merge_cells("B3:B4")
        sheet.merge_cells("C3:D3")
        sheet.merge_cells("E3:E4")
        r = 5
        for row in form.rows:
            if row is None:
                continue  # a workbook has no page breaks
            for c, cell in enumerate(row[:5], start=1):
                if not cell.text:
                    continue
                if c == 4:
                    value, number_format = typed(row[2].text, cell.text)
                    target = sheet.cell(row=r, column=c, value=value)
                    if number_format:
                        target.number_format = number_format
                else:
                    sheet.cell(row=r, column=c, value=cell.text)
            r += 1
    workbook.save(str(path))
    return path
