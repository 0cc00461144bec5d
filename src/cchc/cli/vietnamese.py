"""Vietnamese for the words the command-line framework writes itself.

Typer (with the Click it carries) writes the usage line, the section
headings, "[required]", the help of ``--help`` and every usage error in
English, and has no translation catalogue. An official reads those words
as much as ours, so the help pages go through a formatter that writes them
in Vietnamese, and usage errors are caught at the root command and told in
Vietnamese, in the same "Lỗi: …" form as the commands' own errors.

Every command is declared with ``cls=VietnameseCommand`` (groups with
``VietnameseGroup``); a test walks the command tree and fails on any
English scaffolding left. The framework's private modules are used here
and nowhere else, and ``pyproject.toml`` pins Typer to the minor version
this was written against.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import typer
from typer._click import exceptions as click_errors
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

__all__ = [
    "VietnameseCommand",
    "VietnameseGroup",
    "usage_error_message",
]

_HEADINGS = {"Options": "Tuỳ chọn", "Arguments": "Tham số", "Commands": "Lệnh"}
_USAGE_WORDS = (("[OPTIONS]", "[TUỲ CHỌN]"), ("COMMAND [ARGS]...", "LỆNH [THAM SỐ]..."))
# Typer names a value by its Python type; an official reads what to type.
_TYPE_NAMES = {
    "<list[Path]>": "<đường dẫn>...",
    "<path>": "<đường dẫn>",
    "<str>": "<giá trị>",
    "<int>": "<số nguyên>",
    "<float>": "<số>",
    "<bool>": "",
}
_HELP_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Show this message and exit\."), "Hiện hướng dẫn này rồi thoát."),
    (re.compile(r"\[required\]"), "[bắt buộc]"),
    (re.compile(r"\[default: ([^\]]*)\]"), r"[mặc định: \1]"),
    (re.compile(r"\[env var: ([^\]]*)\]"), r"[biến môi trường: \1]"),
)
_PATH_KINDS = {"file": "tệp", "dir": "thư mục", "directory": "thư mục", "path": "đường dẫn"}


def _usage_args(args: str) -> str:
    for english, vietnamese in _USAGE_WORDS:
        args = args.replace(english, vietnamese)
    # Typer writes a required repeated argument as "{name}...".
    return re.sub(r"\{([^{}]+)\}\.\.\.", r"\1...", args)


def _term(term: str) -> str:
    for english, vietnamese in _TYPE_NAMES.items():
        if term.endswith(english):
            return (term[: -len(english)] + vietnamese).rstrip()
    return term


def _help(text: str) -> str:
    for pattern, vietnamese in _HELP_WORDS:
        text = pattern.sub(vietnamese, text)
    return text


class VietnameseHelpFormatter(HelpFormatter):
    """Help pages with Vietnamese headings, usage line and value names."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _usage_args(args), "Cách dùng: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(_term(a), _help(b)) for a, b in rows], col_max, col_spacing)


class VietnameseContext(typer.Context):
    formatter_class = VietnameseHelpFormatter


class VietnameseCommand(TyperCommand):
    context_class = VietnameseContext


def _option_name(param: Any) -> str:
    opts = [str(o) for o in getattr(param, "opts", None) or []]
    if getattr(param, "param_type_name", "") == "option" and opts:
        return " / ".join(sorted(opts, key=len, reverse=True))
    name = str(getattr(param, "metavar", None) or getattr(param, "name", "") or "")
    return name.upper()


# Messages of value checks (Typer's own and pydantic's), as they read in English.
_PATH = "(file|dir|path|File|Directory|Path)"  # Typer's word for the kind of path
_DETAILS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"Input should be a valid integer"), lambda m: "cần một số nguyên"),
    (re.compile(r"Input should be a valid number"), lambda m: "cần một số"),
    (
        re.compile(r"(?:Value error, )?'(.*)' is not one of (.*)\."),
        lambda m: f"“{m[1]}” không phải một trong các giá trị {_unquoted(m[2])}",
    ),
    (
        re.compile(_PATH + r" '(.*)' does not exist\."),
        lambda m: f"không tìm thấy {_path_kind(m[1])} {m[2]}",
    ),
    (
        re.compile(_PATH + r" '(.*)' is a directory\."),
        lambda m: f"{m[2]} là thư mục, cần một tệp",
    ),
    (
        re.compile(_PATH + r" '(.*)' is a file\."),
        lambda m: f"{m[2]} là tệp, cần một thư mục",
    ),
)


def _path_kind(word: str) -> str:
    return _PATH_KINDS.get(word.lower(), "đường dẫn")


def _unquoted(choices: str) -> str:
    return choices.replace("'", "")


def _detail(message: str) -> str:
    for pattern, vietnamese in _DETAILS:
        found = pattern.search(message)
        if found:
            return vietnamese(found)
    return message


def usage_error_message(error: click_errors.UsageError) -> str:
    """What went wrong on the command line, in Vietnamese (without "Lỗi: ")."""
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        if getattr(param, "param_type_name", "") == "argument":
            return f"thiếu tham số {_option_name(param)}"
        return f"thiếu tuỳ chọn {_option_name(param)}"
    if isinstance(error, click_errors.BadParameter):
        detail = _detail(error.message)
        if error.param is None:
            return f"giá trị không hợp lệ: {detail}"
        return f"giá trị của {_option_name(error.param)} không hợp lệ: {detail}"
    if isinstance(error, click_errors.NoSuchOption):
        message = f"không có tuỳ chọn {error.option_name}"
        if error.possibilities:
            message += f" (có phải: {', '.join(sorted(error.possibilities))}?)"
        return message
    if isinstance(error, click_errors.BadOptionUsage):
        if "requires" in error.message:
            return f"tuỳ chọn {error.option_name} cần một giá trị"
        if "does not take a value" in error.message:
            return f"tuỳ chọn {error.option_name} không nhận giá trị"
        return error.message
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", error.message)
    if extra:
        return f"thừa tham số: {extra[1]}"
    unknown = re.fullmatch(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?", error.message)
    if unknown:
        message = f"không có lệnh “{unknown[1]}”"
        if error.ctx is not None:
            names = ", ".join(getattr(error.ctx.command, "commands", {}) or {})
            message += f" (các lệnh: {names})" if names else ""
        return message
    if error.message == "Missing command.":
        return "thiếu tên lệnh"
    return error.message


def _show(error: click_errors.UsageError) -> NoReturn:
    lines = []
    if error.ctx is not None:
        lines.append(error.ctx.get_usage())
        lines.append(f"Xem hướng dẫn: {error.ctx.command_path} --help")
        lines.append("")
    # Untranslated messages bring their own full stop.
    lines.append(f"Lỗi: {usage_error_message(error).rstrip('.')}.")
    typer.echo("\n".join(lines), err=True)
    sys.exit(error.exit_code)


class VietnameseGroup(TyperGroup):
    """A command group whose help is Vietnamese; at the root, so are usage errors."""

    context_class = VietnameseContext

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            # Not standalone: usage errors come back here instead of being printed in English.
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as error:
            error.show()  # the help page itself, already Vietnamese
            sys.exit(error.exit_code)
        except click_errors.UsageError as error:
            _show(error)
        except click_errors.ClickException as error:
            typer.echo(f"Lỗi: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("Đã dừng.", err=True)
            sys.exit(1)
        # A command ended by ``typer.Exit(code)`` returns its code; one that returned, nothing.
        sys.exit(code if isinstance(code, int) else 0)
