"""``cchc dossiers``: one-stop dossier statistics from the dossier ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.cli.common import (
    DataDirs,
    Format,
    FormatOption,
    console,
    err_console,
    fail,
    make_registry,
    print_json,
)
from cchc.cli.dossier_output import agency_names, print_stats, warn_about_ledgers
from cchc.cli.vietnamese import VietnameseCommand, VietnameseGroup
from cchc.domain.date_order import DateReading

if TYPE_CHECKING:
    from cchc.domain.agency_selection import AgencySelection
    from cchc.domain.periods import DateWindow
    from cchc.domain.units import UnitTree
    from cchc.registry import Registry

app = typer.Typer(
    cls=VietnameseGroup,
    help="Số liệu một cửa từ sổ hồ sơ: thống kê, điền vào báo cáo, phiếu xin lỗi.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="dossiers")


Ledgers = Annotated[
    list[Path],
    typer.Argument(
        metavar="SỔ_HỒ_SƠ",
        help="Các tệp sổ hồ sơ (CSV, XLSX, XLS, ODS hoặc Parquet), một dòng một hồ sơ.",
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="dd/mm/yyyy", help="Ngày đầu kỳ dữ liệu, dd/mm/yyyy (tính cả ngày này)."
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="dd/mm/yyyy", help="Ngày cuối kỳ dữ liệu, dd/mm/yyyy (tính hết ngày này)."
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="NĂM-Qn",
        help="Kỳ báo cáo dạng NĂM-Qn (ví dụ 2023-Q3), kỳ dữ liệu theo ngày chốt số liệu; "
        "thay cho --from/--to.",
    ),
]

MonthFirstOption = Annotated[
    bool,
    typer.Option(
        "--month-first",
        help="Ngày trong sổ ghi theo tháng/ngày/năm (7/23/2023, như Excel trên Windows đặt "
        "tiếng Anh - Mỹ lưu CSV); mặc định đọc ngày/tháng/năm. Ngày dạng năm-tháng-ngày "
        "(2023-07-23) đọc như nhau.",
    ),
]

SwappedDatesOption = Annotated[
    bool,
    typer.Option(
        "--swapped-dates",
        help="Sổ gõ trên Excel đặt kiểu ngày Mỹ: các ô ngày thật của Excel (ngày từ 1 đến 12) "
        "đã bị đảo ngày với tháng; đổi chỗ lại khi đọc. Ô ngày ghi dạng chữ đọc như thường.",
    ),
]


AgencyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--agency",
        metavar="CƠ_QUAN",
        help="Chỉ tính hồ sơ của cơ quan giải quyết này (mã hoặc tên như cột cơ quan giải "
        "quyết của sổ; chữ hoa, chữ thường như nhau); lặp lại để chọn nhiều cơ quan. Dòng của "
        "cơ quan khác được bỏ qua và đếm. Với --units, mã hoặc tên một đơn vị gồm cả các đơn "
        "vị trực thuộc.",
    ),
]


def _selection(asked: list[str] | None, tree: UnitTree | None) -> AgencySelection | None:
    """The agencies of ``--agency``, each unit of the list with the units under it."""
    from cchc.domain.agency_selection import AgencySelection

    if not asked:
        return None
    try:
        return AgencySelection.of(asked, tree)
    except ValueError as exc:
        fail(str(exc))


def _window(
    start: str | None, end: str | None, period: str | None, registry: Registry, required: bool
) -> DateWindow | None:
    from cchc.domain.periods import DateWindow, Period, parse_date

    try:
        if period is not None:
            if start or end:
                fail("dùng --period hoặc --from/--to, không dùng cả hai")
            return Period.parse(period).window(registry.cutoff_day)
        if start is None and end is None:
            if required:
                fail("cần kỳ dữ liệu: --from NGÀY --to NGÀY (dd/mm/yyyy) hoặc --period NĂM-Qn")
            return None
        if start is None or end is None:
            fail("cần cả --from và --to")
        return DateWindow(parse_date(start), parse_date(end))
    except ValueError as exc:
        fail(str(exc))


@contextmanager
def _progress() -> Iterator[Callable[[str, float | None], None] | None]:
    """A bar on standard error while DuckDB works; nothing when stderr is not a terminal."""
    if not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def report(label: str, fraction: float | None) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=1.0 if fraction is not None else None)
            if fraction is not None:
                bar.update(tasks[label], completed=fraction)

        yield report


def _ledger_errors() -> tuple[type[Exception], ...]:
    from cchc.analytics.ledger import LedgerError
    from cchc.documents.output import OutputError
    from cchc.registry import RegistryError
    from cchc.reportfile import ReportFileError

    # OutputError: a list, letter or table that could not be written (its message names it).
    return (LedgerError, RegistryError, ReportFileError, OutputError)


@app.command("stats", cls=VietnameseCommand)
def stats_command(
    ledgers: Ledgers,
    start: FromOption = None,
    end: ToOption = None,
    period: PeriodOption = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Nhóm theo các cột, phân cách bằng dấu phẩy: level, agency, field, channel, "
            "online_level (ví dụ --by level,agency).",
        ),
    ] = None,
    output: FormatOption = Format.text,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx",
            help="Ghi bảng thống kê (và các dòng bị loại) ra tệp Excel (XLSX) này.",
        ),
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help="Tệp danh sách đơn vị (YAML/JSON) để ghi tên cơ quan bên cạnh mã trong sổ.",
        ),
    ] = None,
    agency: AgencyOption = None,
    month_first: MonthFirstOption = False,
    swapped_dates: SwappedDatesOption = False,
    data_dir: DataDirs = None,
) -> None:
    """Thống kê hồ sơ một cửa của một kỳ: tồn, tiếp nhận, đã/đang giải quyết, đúng hạn, tỷ lệ.

    Dòng lỗi (ngày sai, trạng thái lạ, trùng mã...) được liệt kê và không tính; mã thoát 1
    khi có sổ không dòng nào được tính, 2 khi có tệp không đọc được.
    """
    from cchc.services.dossiers import dossier_stats, stats_table, stats_to_dict

    registry = make_registry(data_dir)
    window = _window(start, end, period, registry, required=True)
    assert window is not None
    dims = [d.strip() for d in (by or "").split(",") if d.strip()]
    try:
        tree = registry.load_units(units) if units is not None else None
        agencies = agency_names(tree)
        chosen = _selection(agency, tree)
        with _progress() as progress:
            result = dossier_stats(
                ledgers,
                window,
                registry,
                dims,
                progress,
                dates=DateReading(month_first, swapped_dates),
                agencies=chosen,
            )
        if xlsx is not None:
            from cchc.documents.dossier_stats_xlsx import write_stats_xlsx

            write_stats_xlsx(xlsx, stats_table(result, agencies))
    except _ledger_errors() as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(str(exc))
    if output is Format.json:
        print_json(stats_to_dict(result))
    else:
        print_stats(result, agencies)
        if xlsx is not None:
            console.print(f"\nĐã ghi bảng thống kê: {xlsx}", markup=False)
    warn_about_ledgers(result)


@app.command("fill", cls=VietnameseCommand)
def fill_command(
    ledgers: Ledgers,
    report: Annotated[
        Path, typer.Option("--report", "-r", help="Tệp báo cáo JSON (cchc.report/1) cần điền.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Ghi ra tệp khác thay vì ghi đè tệp báo cáo."),
    ] = None,
    start: FromOption = None,
    end: ToOption = None,
    period: PeriodOption = None,
    agency: AgencyOption = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help="Tệp danh sách đơn vị (YAML/JSON): với --agency, mã một đơn vị gồm cả các "
            "đơn vị trực thuộc.",
        ),
    ] = None,
    month_first: MonthFirstOption = False,
    swapped_dates: SwappedDatesOption = False,
    data_dir: DataDirs = None,
) -> None:
    """Điền số hồ sơ đã giải quyết, đúng hạn (Biểu mẫu 3) và hồ sơ trực tuyến (Biểu mẫu 7).

    Kỳ dữ liệu mặc định là kỳ của báo cáo. Dòng tỷ lệ để trống cho bước kiểm tra tự tính;
    tỷ lệ đơn vị đã ghi mà số mới không cho ra thì bị bỏ (lệnh in số cũ). Số đơn vị đã ghi
    mà khác số từ sổ được thay; lệnh in số cũ, và chú thích của dòng giữ lại số đó.
    Khi có lỗi, hoặc có sổ không dòng nào được tính, tệp báo cáo giữ nguyên.
    """
    from cchc.domain.numbers import format_number
    from cchc.services.report_fill import fill_report

    registry = make_registry(data_dir)
    window = _window(start, end, period, registry, required=False)
    try:
        tree = registry.load_units(units) if units is not None else None
        chosen = _selection(agency, tree)
        with _progress() as progress:
            outcome = fill_report(
                ledgers,
                report,
                registry,
                window=window,
                out=out,
                progress=progress,
                dates=DateReading(month_first, swapped_dates),
                agencies=chosen,
            )
    except _ledger_errors() as exc:
        fail(str(exc))
    console.print(
        f"Đã điền số liệu sổ hồ sơ {outcome.window.label} vào {outcome.target}:", markup=False
    )
    for key, code, value in outcome.written:
        name = registry.catalog.get(key).name
        console.print(f"  {code:<7} {name[:60]:<60} {format_number(value):>10}", markup=False)
    for note in (*outcome.skipped, *outcome.notes):
        console.print(f"  Lưu ý: {note}", style="yellow", markup=False)
    for count in outcome.overwritten:
        came = f" (từ {count.origin})" if count.origin else ""
        console.print(
            f"  Lưu ý: dòng {count.code} đơn vị ghi {format_number(count.reported)}{came}, sổ "
            f"cho {format_number(count.filled)}: đã thay bằng số từ sổ (số cũ ghi trong chú "
            "thích của dòng).",
            style="yellow",
            markup=False,
        )
    for rate in outcome.replaced:
        unit = rate.unit if rate.unit == "%" else f" {rate.unit}" if rate.unit else ""
        console.print(
            f"  Lưu ý: dòng {rate.code} đơn vị ghi {format_number(rate.reported)}{unit}, số từ sổ "
            f"cho {format_number(round(rate.exact, 2))}{unit}: đã bỏ số cũ, cchc validate sẽ tính "
            "lại.",
            style="yellow",
            markup=False,
        )
    if outcome.cleared:
        console.print(
            f"  Đã bỏ {len(outcome.cleared)} tỷ lệ tính từ số cũ; chạy cchc validate để tính lại.",
            markup=False,
        )
    assert outcome.result is not None
    warn_about_ledgers(outcome.result)


@app.command("apologies", cls=VietnameseCommand)
def apologies_command(
    ledgers: Ledgers,
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi danh sách và phiếu.")],
    start: FromOption = None,
    end: ToOption = None,
    period: PeriodOption = None,
    letter_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="dd/mm/yyyy",
            help="Ngày ghi trên phiếu, dd/mm/yyyy (mặc định: hôm nay).",
        ),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=0,
            help="Số ngày làm việc hẹn lại kể từ ngày ghi phiếu, cho hồ sơ chưa có kết quả "
            "(mặc định theo danh mục, 5 ngày).",
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="Lý do quá hạn ghi trên phiếu khi sổ không có cột lý do (mặc định để dòng chấm).",
        ),
    ] = None,
    merged: Annotated[
        bool, typer.Option("--merged", help="Gộp tất cả phiếu vào một tệp DOCX.")
    ] = False,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help="Tệp danh sách đơn vị (YAML/JSON) để ghi tên cơ quan thay cho mã trong sổ.",
        ),
    ] = None,
    agency: AgencyOption = None,
    month_first: MonthFirstOption = False,
    swapped_dates: SwappedDatesOption = False,
    data_dir: DataDirs = None,
) -> None:
    """Danh sách hồ sơ quá hạn (XLSX) và phiếu xin lỗi, hẹn lại ngày trả kết quả (DOCX, Mẫu 04).

    Hồ sơ quá hạn: đã giải quyết quá hạn hoặc đang giải quyết quá hạn vào cuối kỳ. Ngày hẹn mới
    tính theo ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ, Tết, ngày nghỉ bù). Sổ không dòng
    nào được tính thì không lập gì (mã thoát 2).
    """
    from cchc.cli.progress import progress_over
    from cchc.domain.numbers import format_number
    from cchc.domain.periods import parse_date
    from cchc.services.apologies import write_apologies

    registry = make_registry(data_dir)
    window = _window(start, end, period, registry, required=True)
    assert window is not None
    try:
        when = parse_date(letter_date) if letter_date else date.today()
        tree = registry.load_units(units) if units is not None else None
        chosen = _selection(agency, tree)
        with _progress() as progress:
            outcome = write_apologies(
                ledgers,
                window,
                out,
                registry,
                letter_date=when,
                days=days,
                merged=merged,
                units=tree,
                reason=reason,
                progress=progress,
                each=lambda letters: progress_over(letters, "Lập phiếu xin lỗi"),
                dates=DateReading(month_first, swapped_dates),
                agencies=chosen,
            )
    except _ledger_errors() as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(str(exc))
    console.print(
        f"Hồ sơ quá hạn {window.label}: {format_number(outcome.late)} hồ sơ.", markup=False
    )
    console.print(f"  Danh sách: {outcome.list_path}", markup=False)
    if outcome.letters:
        where = outcome.letters[0] if merged else outcome.letters[0].parent
        console.print(
            f"  Phiếu xin lỗi: {format_number(len(outcome.letters))} tệp tại {where}"
            if not merged
            else f"  Phiếu xin lỗi (gộp): {where}",
            markup=False,
        )
    warn_about_ledgers(outcome.result, figures=False)
