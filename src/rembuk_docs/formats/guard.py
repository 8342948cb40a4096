"""Limits on what a pack may make the library read: files stay inside the pack, sizes stay sane."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import FormatPackError, Problem
from .resources import display_path

MiB = 1024 * 1024
SIZE_LIMITS = {
    "format.toml": 1 * MiB,
    "logo": 5 * MiB,
    "font": 30 * MiB,
    "Word template": 20 * MiB,
}
ZIP_MAX_UNPACKED = 100 * MiB
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_RATIO = 100
IMAGE_MAX_PIXELS = 40_000_000


def _refuse(path: Path, message: str) -> FormatPackError:
    return FormatPackError([Problem(display_path(path), message)])


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused when it resolves (through '..' or links) outside ``folder``."""
    candidate = folder / name
    root = folder.resolve()
    resolved = candidate.resolve()
    if resolved != root and root not in resolved.parents:
        raise _refuse(candidate, f"{name!r} points outside the pack folder {display_path(folder)}")
    return candidate


def checked_size(path: Path, kind: str) -> Path:
    """``path``, refused when it is larger than the limit for its ``kind``."""
    limit = SIZE_LIMITS[kind]
    size = path.stat().st_size
    if size > limit:
        raise _refuse(
            path, f"the {kind} is {size / MiB:.1f} MiB; at most {limit // MiB} MiB is accepted"
        )
    return path


def checked_zip(path: Path) -> Path:
    """A Word file, refused when its zip would unpack to too much (a zip bomb) or is not a zip."""
    checked_size(path, "Word template")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise _refuse(path, "not a Word (.docx) file") from None
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    if (
        len(entries) > ZIP_MAX_ENTRIES
        or unpacked > ZIP_MAX_UNPACKED
        or unpacked / packed > ZIP_MAX_RATIO
    ):
        raise _refuse(
            path,
            f"refused: it would unpack to {unpacked / MiB:.0f} MiB in {len(entries)} parts "
            f"(at most {ZIP_MAX_UNPACKED // MiB} MiB, {ZIP_MAX_ENTRIES} parts)",
        )
    return path


def checked_image(path: Path) -> bytes:
    """The bytes of a logo, refused unless it is a PNG or JPEG of sane size."""
    from PIL import Image, UnidentifiedImageError

    data = checked_size(path, "logo").read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            kind = image.format
    except (UnidentifiedImageError, OSError):
        raise _refuse(path, "the logo is not an image (use PNG or JPEG)") from None
    if kind not in ("PNG", "JPEG"):
        raise _refuse(path, f"the logo is {kind}; use PNG or JPEG")
    if width * height > IMAGE_MAX_PIXELS:
        raise _refuse(path, f"the logo is {width} x {height} pixels; make it smaller")
    return data
