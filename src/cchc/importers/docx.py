"""Word documents (.docx) through python-docx.

The body is read in order, paragraphs and tables alike. Table rows are laid
out on the table grid: a cell merged across columns appears in each column
it covers, and a cell merged down a column appears in each row it covers;
only its first appearance is marked as holding a value, so that a merged
heading never reads as a number.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from cchc.importers.document import Block, Cell, Document, DocumentError, Paragraph, Row, Table, nfc

__all__ = ["read_docx"]


def read_docx(path: Path) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise DocumentError(path.name, "chưa cài thư viện python-docx") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise DocumentError(
            path.name, f"tệp Word bị hỏng hoặc không đúng định dạng .docx ({_why(exc)})"
        ) from None
    except OSError as exc:
        raise DocumentError(path.name, f"không đọc được tệp ({exc.strerror or exc})") from None
    except Exception as exc:  # lxml and zip errors of damaged files have many types
        raise DocumentError(
            path.name, f"tệp Word bị hỏng, không đọc được nội dung ({_why(exc)})"
        ) from None
    try:
        return Document(path.name, "docx", list(_blocks(document)))
    except Exception as exc:  # a damaged part found while walking the body
        raise DocumentError(
            path.name, f"tệp Word bị hỏng, không đọc được nội dung ({_why(exc)})"
        ) from None


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return text[:120] if text else type(exc).__name__


def _blocks(document: Any) -> list[Block]:
    from docx.oxml.ns import qn

    body = document.element.body
    blocks: list[Block] = []
    tables = 0

    def walk(parent: Any) -> None:
        nonlocal tables
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                paragraph = _paragraph(child, document)
                if paragraph is not None:
                    blocks.append(paragraph)
            elif child.tag == qn("w:tbl"):
                tables += 1
                blocks.append(_table(child, tables, document))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(body)
    return blocks


def _emphasis(paragraphs: list[Any]) -> tuple[bool, bool]:
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    if not runs:
        return False, False
    italic = all(_run_flag(r, p, "italic") for p in paragraphs for r in p.runs if r.text.strip())
    bold = all(_run_flag(r, p, "bold") for p in paragraphs for r in p.runs if r.text.strip())
    return italic, bold


def _run_flag(run: Any, paragraph: Any, name: str) -> bool:
    value = getattr(run.font, name)
    if value is not None:
        return bool(value)
    for style in (run.style, paragraph.style):
        font = getattr(style, "font", None)
        flag = getattr(font, name, None) if font is not None else None
        if flag is not None:
            return bool(flag)
    return False


def _paragraph(element: Any, document: Any) -> Paragraph | None:
    from docx.text.paragraph import Paragraph as DocxParagraph

    paragraph = DocxParagraph(element, document.part)
    text = nfc(paragraph.text).strip()
    if not text:
        return None
    italic, bold = _emphasis([paragraph])
    return Paragraph(text.replace("\t", " "), bold=bold, italic=italic)


def _attr(element: Any, path: str, attribute: str) -> str | None:
    from docx.oxml.ns import qn

    node = element
    for part in path.split("/"):
        if node is None:
            return None
        node = node.find(qn(part))
    if node is None:
        return None
    value = node.get(qn(attribute))
    return "" if value is None else str(value)


def _table(element: Any, number: int, document: Any) -> Table:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph as DocxParagraph

    rows: list[Row] = []
    above: dict[int, Cell] = {}
    for n, tr in enumerate(element.iterchildren(qn("w:tr")), start=1):
        cells: list[Cell] = []
        before = _attr(tr, "w:trPr/w:gridBefore", "w:val")
        for _ in range(int(before) if before and before.isdigit() else 0):
            cells.append(Cell("", merged=True))
        for tc in tr.iterchildren(qn("w:tc")):
            span_text = _attr(tc, "w:tcPr/w:gridSpan", "w:val")
            span = int(span_text) if span_text and span_text.isdigit() else 1
            vmerge = _attr(tc, "w:tcPr/w:vMerge", "w:val")
            column = len(cells)
            if vmerge is not None and vmerge != "restart" and column in above:
                origin = above[column]
                cell = Cell(origin.text, origin.italic, origin.bold, merged=True)
            else:
                paragraphs = [DocxParagraph(p, document.part) for p in tc.iter(qn("w:p"))]
                text = "\n".join(nfc(p.text).strip() for p in paragraphs if p.text.strip())
                italic, bold = _emphasis(paragraphs)
                cell = Cell(text.replace("\t", " "), italic=italic, bold=bold)
            cells.append(cell)
            above[column] = cell
            for extra in range(1, max(span, 1)):
                copy = Cell(cell.text, cell.italic, cell.bold, merged=True)
                cells.append(copy)
                above[column + extra] = copy
        header = _attr(tr, "w:trPr/w:tblHeader", "w:val")
        rows.append(Row(cells, n, repeat_header=header is not None and header != "0"))
    return Table(rows, number)
