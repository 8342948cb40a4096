"""The LibreOffice peer: ``soffice --headless --convert-to pdf`` on our own DOCX files.

Each conversion starts soffice afresh, as a script or a secretary's batch file does. soffice runs
with a profile folder of the benchmark's own (``-env:UserInstallation``), so that it never talks
to, or waits for, another soffice on the machine; the suite creates that profile with one
conversion before anything is timed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TIMEOUT_SECONDS = 1800


def soffice() -> str | None:
    """The soffice executable, or ``None`` when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def version() -> str:
    """LibreOffice's version line, or 'absent'."""
    executable = soffice()
    if executable is None:
        return "absent"
    result = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    return result.stdout.strip() or "unknown"


def convert(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Convert ``files`` to PDF into ``out_dir`` in one soffice run; return the PDFs' paths."""
    executable = soffice()
    if executable is None:
        raise FileNotFoundError("soffice is not installed")
    command = [
        executable,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *(str(path) for path in files),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    pdfs = [out_dir / f"{path.stem}.pdf" for path in files]
    missing = [path.name for path in pdfs if not path.is_file()]
    if result.returncode != 0 or missing:
        raise RuntimeError(
            f"soffice failed (exit {result.returncode}, missing {missing}): {result.stderr[-500:]}"
        )
    return pdfs
