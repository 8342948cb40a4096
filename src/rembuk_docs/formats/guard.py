"""Limits on what a pack may make the library read: files stay inside the pack, sizes stay sane."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FormatPackError, Problem
from ..messages import Message
from .resources import display_path

MiB = 1024 * 1024
SIZE_LIMITS = {
    "format.toml": 1 * MiB,
    "logo": 5 * MiB,
    "font": 30 * MiB,
    "Word template": 20 * MiB,
    "spreadsheet": 50 * MiB,
}
ZIP_MAX_UNPACKED = 100 * MiB
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_RATIO = 100
SHEET_MAX_UNPACKED = 200 * MiB
SHEET_MAX_RATIO = 100
IMAGE_MAX_PIXELS = 40_000_000


def _refuse(path: Path, message: str | Message) -> FormatPackError:
    return FormatPackError([Problem(display_path(path), message)])


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused when it resolves (through '..' or links) outside ``folder``."""
    candidate = folder / name
    try:
        root = folder.resolve()
        resolved = candidate.resolve()
    except (RuntimeError, OSError):  # a symlink loop ('Symlink loop from ...', ELOOP)
        raise _refuse(candidate, Message("pack.link_loop", name=name)) from None
    if resolved != root and root not in resolved.parents:
        raise _refuse(candidate, Message("pack.outside", name=name, folder=display_path(folder)))
    return candidate


def find_in(folders: Sequence[Path], name: str) -> Path | None:
    """The file ``name`` in the first of ``folders`` that has it, or ``None``; a name reaching
    outside a folder is refused (see :func:`inside`) before anything is looked up, so that the
    answer never tells whether a file outside the pack exists. Render and lint both look up a
    pack's files here."""
    for folder in folders:
        candidate = inside(folder, name)
        if candidate.is_file():
            return candidate
    return None


def checked_size(path: Path, kind: str) -> Path:
    """``path``, refused when it is larger than the limit for its ``kind``."""
    limit = SIZE_LIMITS[kind]
    size = path.stat().st_size
    if size > limit:
        raise _refuse(
            path,
            Message(
                "pack.too_big",
                kind=kind,
                size=f"{size / MiB:.1f}".replace(".", ","),
                limit=limit // MiB,
            ),
        )
    return path


@dataclass(frozen=True)
class ZipLimits:
    """How much a zip-based file (DOCX, XLSX) may unpack to; a zip bomb exceeds one of these."""

    unpacked: int = ZIP_MAX_UNPACKED
    entries: int = ZIP_MAX_ENTRIES
    ratio: int = ZIP_MAX_RATIO
    ratio_above: int = 0
    """The ratio is only checked when the content unpacks to more than this many bytes."""


WORD_LIMITS = ZipLimits()
SPREADSHEET_LIMITS = ZipLimits(
    unpacked=SHEET_MAX_UNPACKED,
    entries=ZIP_MAX_ENTRIES,
    ratio=SHEET_MAX_RATIO,
    ratio_above=10 * MiB,
)


def zip_problem(path: Path, limits: ZipLimits) -> Message | None:
    """Why the zip at ``path`` must not be unpacked (a catalogue message), or ``None``.

    Only the zip's directory is read, so a bomb costs nothing. ``None`` is also returned for a
    file that is not a zip at all: the reader of the format says what is wrong with it.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    ratio = unpacked / packed
    if (
        len(entries) > limits.entries
        or unpacked > limits.unpacked
        or (unpacked > limits.ratio_above and ratio > limits.ratio)
    ):
        return Message(
            "limits.zip.bomb",
            unpacked=f"{unpacked / MiB:.0f}",
            parts=len(entries),
            ratio=f"{ratio:.0f}",
            max_unpacked=limits.unpacked // MiB,
            max_parts=limits.entries,
            max_ratio=limits.ratio,
        )
    return None


_EXTERNAL_MODE = re.compile(
    rb"<Relationship\b[^>]*\bTargetMode\s*=\s*[\"']External[\"'][^>]*>", re.I
)
_ATTRIBUTE = re.compile(rb"\b(Type|Target)\s*=\s*[\"']([^\"']*)[\"']")
_FETCHING_FIELDS = re.compile(
    r"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT)\b", re.I
)
_INSTRUCTION = re.compile(
    rb"<w:instrText\b[^>]*>([^<]*)</w:instrText>|\bw:instr\s*=\s*\"([^\"]*)\""
)
_LINKED_OLE = re.compile(rb"<o:OLEObject\b[^>]*\bType\s*=\s*[\"']Link[\"']", re.I)


def external_references(path: Path) -> list[Message]:
    """What in the Word file at ``path`` would make a reader fetch something from elsewhere.

    External relationships (an image, a frame, an attached template or an OLE object linked by
    ``TargetMode="External"``; hyperlinks are allowed, they are only followed when clicked),
    fields that include other files (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE``...)
    and linked OLE objects. LibreOffice fetches such references while it converts the file, so
    a pack template holding one could make every render call out to the network. The zip must
    already have passed :func:`zip_problem`. Returns one catalogue message per finding.
    """
    found: list[Message] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            data = archive.read(name)
            if name.endswith(".rels"):
                for match in _EXTERNAL_MODE.finditer(data):
                    attributes = {
                        k.decode(): v.decode("utf-8", "replace")
                        for k, v in _ATTRIBUTE.findall(match.group())
                    }
                    if attributes.get("Type", "").endswith("/hyperlink"):
                        continue
                    kind = attributes.get("Type", "").rsplit("/", 1)[-1] or "?"
                    target = attributes.get("Target", "?")[:200]
                    found.append(
                        Message("limits.external.relationship", part=name, kind=kind, target=target)
                    )
                continue
            instructions = "".join(
                (first or second).decode("utf-8", "replace")
                for first, second in _INSTRUCTION.findall(data)
            )
            for field in sorted(
                {m.group(1).upper() for m in _FETCHING_FIELDS.finditer(instructions)}
            ):
                found.append(Message("limits.external.field", part=name, field=field))
            if _LINKED_OLE.search(data):
                found.append(Message("limits.external.ole", part=name))
    return found


def checked_zip(path: Path) -> Path:
    """A Word file, refused when it is not a zip, would unpack to too much (a zip bomb), or
    refers to anything outside itself (see :func:`external_references`)."""
    checked_size(path, "Word template")
    try:
        with zipfile.ZipFile(path):
            pass
    except zipfile.BadZipFile:
        raise _refuse(path, Message("pack.not_docx")) from None
    problem = zip_problem(path, WORD_LIMITS)
    if problem is not None:
        raise _refuse(path, problem)
    external = external_references(path)
    if external:
        raise FormatPackError([Problem(display_path(path), finding) for finding in external])
    return path


def checked_image(path: Path) -> bytes:
    """The bytes of a logo, refused unless it is a PNG or JPEG of sane size."""
    from PIL import Image, UnidentifiedImageError

    data = checked_size(path, "logo").read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            kind = image.format
            if kind in ("PNG", "JPEG") and width * height <= IMAGE_MAX_PIXELS:
                try:
                    image.load()  # decoded whole here, so a cut-short file never reaches a writer
                except (OSError, SyntaxError, ValueError):
                    raise _refuse(path, Message("pack.image_broken")) from None
    except Image.DecompressionBombError:
        raise _refuse(path, Message("pack.image_bomb", limit=IMAGE_MAX_PIXELS)) from None
    except (UnidentifiedImageError, OSError):
        raise _refuse(path, Message("pack.logo_not_image")) from None
    if kind not in ("PNG", "JPEG"):
        raise _refuse(path, Message("pack.logo_kind", kind=kind))
    if width * height > IMAGE_MAX_PIXELS:
        raise _refuse(path, Message("pack.logo_pixels", width=width, height=height))
    return data
