"""The photos of the dokumentasi: found and checked when the definition is loaded, then made
small and upright once for both writers.

A photo must lie inside the definition's folder (no absolute path, no '..' or link leading out of
it), be a JPEG or PNG of at most :data:`MAX_BYTES`, and not decode to more pixels than the limits
below (a 'decompression bomb' is a small file that claims enormous dimensions). Only the file's
header is read to check it. When composed, a photo is turned upright by its EXIF orientation,
scaled to the pixels its place on the page needs (:data:`rembuk_docs.compose.layout.PHOTO_DPI`)
and stored as a baseline JPEG: the same bytes go into the PDF and the DOCX.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from .errors import DefinitionError, Problem
from .messages import Message
from .model import Documentation, Photo

MiB = 1024 * 1024
MAX_BYTES = 40 * MiB
"""The largest photo file accepted (a 108-megapixel phone photo is about 30 MiB)."""
MAX_PIXELS_JPEG = 120_000_000
"""JPEG decodes at 1/2, 1/4 or 1/8 scale ('draft' mode), so a large one costs little memory."""
MAX_PIXELS_PNG = 40_000_000
"""PNG decodes whole: 40 million pixels is 160 MB of memory, the most one photo may take."""
KINDS = {"JPEG": MAX_PIXELS_JPEG, "MPO": MAX_PIXELS_JPEG, "PNG": MAX_PIXELS_PNG}
"""Formats accepted (MPO is the JPEG some phone cameras write) and their pixel limits."""
SUFFIXES = (".jpg", ".jpeg", ".png")
"""The files of a photo folder that are taken."""
JPEG_QUALITY = 80


def _inside(base: Path, name: Path) -> bool:
    if name.is_absolute():
        return False
    root = base.resolve()
    resolved = (base / name).resolve()
    return resolved == root or root in resolved.parents


def caption_from_name(path: Path) -> str:
    """'01_pembukaan-acara.jpg' -> 'Pembukaan acara': leading numbers and separators dropped."""
    words = re.sub(r"[_\-\s]+", " ", path.stem).strip()
    words = re.sub(r"^\d+\s*", "", words).strip() or path.stem
    return words[:1].upper() + words[1:]


def check_photo(path: Path, location: str) -> Problem | None:
    """Why the photo at ``path`` cannot be used (a problem at ``location``), or ``None``."""
    from PIL import Image, UnidentifiedImageError

    shown = str(path)
    if not path.exists():
        return Problem(location, Message("dokumentasi.not_found", path=shown))
    if not path.is_file():
        return Problem(location, Message("dokumentasi.not_file", path=shown))
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Problem(
            location,
            Message(
                "dokumentasi.too_large",
                path=shown,
                size=f"{size / MiB:.1f}",
                limit=MAX_BYTES // MiB,
            ),
        )
    try:
        # the header only: Image.open does not decode the pixels; the limits below are ours,
        # so Pillow's own warning about large images is not needed
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format or "?"
                width, height = image.size
    except Image.DecompressionBombError:
        return Problem(location, Message("dokumentasi.bomb", path=shown, limit=MAX_PIXELS_PNG))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return Problem(location, Message("dokumentasi.not_image", path=shown))
    if kind not in KINDS:
        return Problem(location, Message("dokumentasi.kind", path=shown, kind=kind))
    if width * height > KINDS[kind]:
        return Problem(
            location,
            Message(
                "dokumentasi.too_many_pixels",
                path=shown,
                width=width,
                height=height,
                limit=KINDS[kind] // 1_000_000,
            ),
        )
    return None


def resolve(section: Documentation, base: Path) -> tuple[Documentation, list[Problem]]:
    """``section`` with its folder read into photos and every path made absolute under ``base``
    (the definition's folder), and the problems of every photo, all at once."""
    problems: list[Problem] = []
    photos: list[Photo] = []
    if section.folder is not None:
        if not _inside(base, section.folder):
            return section, [
                Problem(
                    "dokumentasi.folder",
                    Message("dokumentasi.outside", path=str(section.folder), folder=str(base)),
                )
            ]
        folder = base / section.folder
        if not folder.is_dir():
            return section, [
                Problem(
                    "dokumentasi.folder",
                    Message("dokumentasi.folder_not_found", path=str(folder)),
                )
            ]
        files = sorted(
            p
            for p in folder.iterdir()
            if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            return section, [
                Problem(
                    "dokumentasi.folder",
                    Message(
                        "dokumentasi.folder_empty", path=str(folder), kinds=", ".join(SUFFIXES)
                    ),
                )
            ]
        for index, file in enumerate(files):
            location = f"dokumentasi.folder ({file.name})"
            if not _inside(base, file.relative_to(base)):
                problems.append(
                    Problem(
                        location, Message("dokumentasi.outside", path=str(file), folder=str(base))
                    )
                )
                continue
            problem = check_photo(file, location)
            if problem is not None:
                problems.append(problem)
            photos.append(
                Photo(path=file.resolve(), caption=caption_from_name(file)[:120] or str(index + 1))
            )
        return section.model_copy(update={"photos": photos, "folder": None}), problems
    if not section.photos:
        problems.append(Problem("dokumentasi.photos", Message("dokumentasi.no_photos")))
    for index, photo in enumerate(section.photos):
        location = f"dokumentasi.photos[{index}].path"
        if not _inside(base, photo.path):
            problems.append(
                Problem(
                    location,
                    Message("dokumentasi.outside", path=str(photo.path), folder=str(base)),
                )
            )
            continue
        path = base / photo.path
        problem = check_photo(path, location)
        if problem is not None:
            problems.append(problem)
        photos.append(photo.model_copy(update={"path": path.resolve()}))
    return section.model_copy(update={"photos": photos}), problems


@dataclass(frozen=True)
class Prepared:
    """A photo made ready for the page: JPEG bytes, upright, at the pixels it needs."""

    data: bytes
    width: int
    height: int


def prepare(path: Path, max_width: int, max_height: int, *, location: str) -> Prepared:
    """The photo at ``path`` upright and fitted into ``max_width`` x ``max_height`` pixels
    (never enlarged), as JPEG; a DefinitionError at ``location`` when it cannot be read."""
    from PIL import Image, ImageOps

    problem = check_photo(path, location)
    if problem is not None:
        raise DefinitionError([problem])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            if image.format in ("JPEG", "MPO"):
                # decode at the smallest scale still larger than needed, either way up
                side = max(max_width, max_height)
                image.draft("RGB", (side, side))
            upright = ImageOps.exif_transpose(image)
            if upright.mode.startswith("I"):  # 16-bit grey: scaled to 8 bits, not clipped
                upright = upright.convert("I").point(lambda value: value * (1 / 256)).convert("L")
            if upright.mode in ("RGBA", "LA", "P", "PA"):
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                upright = flat
            else:
                upright = upright.convert("RGB")
            upright.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return Prepared(out.getvalue(), upright.width, upright.height)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise DefinitionError(
            [Problem(location, Message("dokumentasi.not_image", path=str(path)))]
        ) from None
