"""PDF through LibreOffice: ``soffice --headless --convert-to pdf``.

Each conversion runs with its own throw-away LibreOffice profile: two
conversions sharing a profile (two users, a test run beside a web request)
make the second one exit silently without a PDF. The PDF is written to a
temporary folder and moved next to the target only when complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from cchc.documents.output import OutputError, atomic_write

__all__ = ["PdfUnavailableError", "convert_to_pdf", "find_soffice"]

TIMEOUT_SECONDS = 180


class PdfUnavailableError(OutputError):
    """LibreOffice is not installed; the message says how to install it."""


def find_soffice() -> str | None:
    """The LibreOffice command, or None; ``CCHC_SOFFICE`` names another one."""
    override = os.environ.get("CCHC_SOFFICE")
    if override:
        return shutil.which(override)
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(source: Path | str, target: Path | str | None = None) -> Path:
    """Convert a DOCX (or XLSX) to PDF; returns the PDF's path."""
    source = Path(source)
    target = Path(target) if target is not None else source.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailableError(
            "không tạo được PDF: máy chưa cài LibreOffice (lệnh “soffice”). "
            "Cài gói libreoffice-writer-nogui (Debian/Ubuntu) hoặc LibreOffice từ "
            "libreoffice.org rồi chạy lại; tệp DOCX vẫn dùng được."
        )
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as work:
        workdir = Path(work)
        profile = (workdir / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source.resolve()),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"{source}: LibreOffice không chuyển xong sang PDF sau {TIMEOUT_SECONDS} giây"
            ) from None
        except OSError as exc:
            raise OutputError(f"{source}: không chạy được LibreOffice ({exc})") from None
        produced = workdir / f"{source.stem}.pdf"
        if done.returncode != 0 or not produced.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            why = f" ({detail[-1]})" if detail else ""
            raise OutputError(f"{source}: LibreOffice không tạo được PDF{why}")
        return atomic_write(target, lambda tmp: shutil.copyfile(produced, tmp))
