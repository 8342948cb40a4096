"""PDF from a DOCX through LibreOffice (``soffice --headless``), for Word-authored documents only."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from ..errors import ConverterMissingError, RenderError
from ..messages import Message

TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def _profile_dir() -> Path:
    """A LibreOffice user profile for this process (a shared one may be locked by a desktop)."""
    folder = Path(tempfile.mkdtemp(prefix="rembuk-docs-libreoffice-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def docx_to_pdf(data: bytes, *, name: str = "document") -> bytes:
    """Convert DOCX bytes to PDF bytes (fonts embedded by LibreOffice's PDF export).

    Raises :class:`ConverterMissingError` when LibreOffice is not installed and
    :class:`RenderError` when it fails or takes longer than three minutes.
    """
    executable = soffice()
    if executable is None:
        raise ConverterMissingError(Message("render.soffice_missing", name=name))
    with tempfile.TemporaryDirectory(prefix="rembuk-docs-convert-") as work:
        folder = Path(work)
        source = folder / f"{name}.docx"
        source.write_bytes(data)
        command = [
            executable,
            f"-env:UserInstallation={_profile_dir().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                Message("render.convert_timeout", name=name, seconds=TIMEOUT_SECONDS)
            ) from None
        target = folder / f"{name}.pdf"
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or result.stdout).strip().splitlines()
            failed = Message("render.convert_failed", name=name, code=result.returncode)
            raise RenderError(failed.with_detail(detail[-1] if detail else ""))
        return target.read_bytes()
