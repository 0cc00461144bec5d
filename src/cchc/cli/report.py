"""``cchc report``: the report documents (DOCX per Nghị định 30/2020, appendix XLSX, PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cchc.cli.common import DataDirs, console, err_console, fail, make_registry
from cchc.cli.vietnamese import VietnameseCommand


def register(app: typer.Typer) -> None:
    app.command("report", cls=VietnameseCommand)(report_command)


def report_command(
    report: Annotated[
        Path | None,
        typer.Argument(metavar="BÁO_CÁO", help="Tệp báo cáo JSON của một đơn vị (cchc.report/1)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Tệp DOCX cần ghi (mặc định: cùng tên tệp đầu vào, đuôi .docx)."
        ),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Ghi thêm phụ lục Biểu mẫu 1–7 dạng XLSX vào tệp này."),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice (cạnh tệp DOCX)."),
    ] = False,
    compiled: Annotated[
        list[Path] | None,
        typer.Option(
            "--compiled",
            help="Lập báo cáo tổng hợp từ tệp kết quả `cchc compile`; dùng nhiều lần để thêm "
            "các kỳ trước trong năm (vẽ biểu đồ xu hướng).",
        ),
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help="Tệp danh sách đơn vị (YAML/JSON): tên đơn vị và thiết lập văn bản (profile).",
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option("--template", "-t", help="Mẫu biểu in phụ lục báo cáo tổng hợp."),
    ] = None,
    data_dir: DataDirs = None,
) -> None:
    """Lập văn bản báo cáo: DOCX đúng thể thức Nghị định 30/2020/NĐ-CP, phụ lục XLSX, PDF.

    Mã thoát: 0 khi đã lập xong, 2 khi đầu vào không đọc được hoặc không tạo được PDF.
    """
    from cchc.documents.output import OutputError
    from cchc.documents.pdf import PdfUnavailableError
    from cchc.registry import RegistryError
    from cchc.services.documents import DocumentError, consolidated_report, unit_report

    if (report is None) == (not compiled):
        fail("cần đúng một đầu vào: tệp báo cáo của đơn vị, hoặc --compiled TỆP_TỔNG_HỢP")
    source = report if report is not None else (compiled or [Path("tong-hop.json")])[-1]
    target = out or source.with_suffix(".docx")
    if target.suffix.lower() != ".docx":
        fail(f"{target}: tệp văn bản phải có đuôi .docx")
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        fail(f"{xlsx}: tệp phụ lục phải có đuôi .xlsx")
    registry = make_registry(data_dir)
    tree = None
    if units is not None:
        try:
            tree = registry.load_units(units)
        except RegistryError as exc:
            fail(str(exc))
    try:
        if report is not None:
            outcome = unit_report(report, registry, out=target, xlsx=xlsx, pdf=False, tree=tree)
        else:
            outcome = consolidated_report(
                compiled or [],
                registry,
                out=target,
                xlsx=xlsx,
                pdf=False,
                tree=tree,
                template=template,
            )
    except (DocumentError, OutputError) as exc:
        fail(str(exc))
    console.print(f"Đã lập văn bản: {outcome.docx}", markup=False)
    if outcome.xlsx is not None:
        console.print(f"Đã lập phụ lục XLSX: {outcome.xlsx}", markup=False)
    for notice in outcome.notices:
        err_console.print(f"Lưu ý: {notice}", style="yellow", markup=False)
    if pdf:
        from cchc.documents.pdf import convert_to_pdf

        try:
            console.print(f"Đã lập PDF: {convert_to_pdf(outcome.docx)}", markup=False)
        except PdfUnavailableError as exc:
            fail(str(exc))
        except OutputError as exc:
            fail(str(exc))
