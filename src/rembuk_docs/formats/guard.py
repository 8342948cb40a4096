"""Limits on what a pack may make the library read: files stay inside the pack, sizes stay sane."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import FormatPackError, Problem, read_failure
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
SHEET_MAX_STRINGS = 1_000_000
"""Shared strings (distinct texts) an XLSX may hold: ten columns of 100,000 rows, all different.
Each one read costs about 200 bytes, whether a cell uses it or not."""
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


_STRING_ENDS = {
    encoding: tuple(
        (mark.encode(encoding), weight)
        for mark, weight in (("</si>", 1.0), ("<si/>", 1.0), (":si>", 0.5), (":si/>", 0.5))
    )
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
}
"""How a shared string (``<si>``) ends in any encoding an XML part may use, with its weight: a
prefixed one (``<x:si>...</x:si>``) shows ``:si>`` twice."""


def _xml_encoding(start: bytes) -> str:
    """The encoding an XML part starts in, as far as its first bytes tell (UTF-8 otherwise)."""
    if start.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    if start.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    return "utf-8"


def shared_strings_problem(path: Path, limit: int | None = None) -> Message | None:
    """Why the XLSX at ``path`` holds too many shared strings to read, or ``None``.

    openpyxl keeps every shared string in memory before a cell is read: 4 million short ones (a
    49 MiB file, 128 MiB unpacked, within the zip limits) took a minute and 750 MB. Every part
    is counted, whatever its name, in pieces of 1 MiB; call it after :func:`zip_problem`, which
    bounds how much there is to count.
    """
    limit = SHEET_MAX_STRINGS if limit is None else limit
    count = 0.0
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in archive.infolist():
                with archive.open(entry) as part:
                    carry, marks = b"", None
                    while chunk := part.read(MiB):
                        marks = marks or _STRING_ENDS[_xml_encoding(chunk)]
                        data = carry + chunk
                        for mark, weight in marks:
                            count += weight * (data.count(mark) - carry.count(mark))
                        if count > limit:
                            return Message("limits.sheet.too_many_strings", limit=limit)
                        carry = data[-12:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error):
        return None  # the reader says what is wrong with the file
    return None


_FETCHING_FIELDS = re.compile(
    r"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT)\b", re.I
)
_HYPERLINK_ELEMENTS = frozenset({"hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"})
"""Elements that follow a relationship only when the reader clicks: the one use of an external
hyperlink relationship that fetches nothing."""
_DTD_MARKS = tuple(
    mark.encode(encoding)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_XML_START = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _local(name: object) -> str:
    """'{namespace}instrText' -> 'instrText': parts are matched by local name, whatever prefix or
    namespace spelling a hostile file uses."""
    return str(name).rsplit("}", 1)[-1]


def _parsed(name: str, data: bytes) -> tuple[Any, Message | None]:
    """The XML root of part ``name``, or ``None`` when the part is not XML (an image); with a
    message when the part must be refused: it is damaged XML, or declares a DTD (entities: XXE,
    billion laughs), which no Word file needs. Nothing is fetched or expanded while parsing."""
    from lxml import etree  # type: ignore[import-untyped]

    if not data.lstrip().startswith(_XML_START):
        return None, None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if any(mark in data for mark in _DTD_MARKS):  # billion laughs: libxml2 gives up early
            return None, Message("limits.word.dtd", part=name)
        if name.lower().endswith((".xml", ".rels")):
            return None, Message("limits.word.broken_part", part=name, reason=read_failure(exc))
        return None, None  # not XML after all
    if root is None:
        return None, None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return None, Message("limits.word.dtd", part=name)
    return root, None


def _source_part(rels_name: str) -> str:
    """'word/_rels/document.xml.rels' -> 'word/document.xml' (lower case); '' for the package."""
    folder, _, file = rels_name.lower().rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _relationships(name: str, root: Any, hyperlinks: dict[str, dict[str, str]]) -> list[Message]:
    """The external relationships of the relationship part ``name`` that a reader fetches; the
    external hyperlinks are kept in ``hyperlinks`` (source part -> id -> target), to check that
    nothing but a hyperlink element uses them."""
    found: list[Message] = []
    for element in root.iter():
        if _local(element.tag) != "Relationship":
            continue
        attributes = {_local(key): value.strip() for key, value in element.attrib.items()}
        if attributes.get("TargetMode", "").lower() != "external":
            continue
        kind = attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1] or "?"
        target = attributes.get("Target", "?")[:200]
        if kind.lower() == "hyperlink":
            hyperlinks.setdefault(_source_part(name), {})[attributes.get("Id", "")] = target
        else:
            found.append(
                Message("limits.external.relationship", part=name, kind=kind, target=target)
            )
    return found


def _part_references(name: str, root: Any, hyperlinks: dict[str, str]) -> list[Message]:
    """What in the XML part ``name`` fetches: fields that include other files (the instruction
    gathered over every run of the field, nested fields each on their own), linked OLE objects,
    and an external hyperlink relationship used by anything but a hyperlink (an image linked
    through it is fetched)."""
    fields: set[str] = set()
    misused: dict[str, str] = {}
    linked_ole = False
    open_fields: list[list[str]] = []
    instructions: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        local = _local(element.tag)
        if local == "fldChar":
            kind = next((v for k, v in element.attrib.items() if _local(k) == "fldCharType"), "")
            if kind == "begin":
                open_fields.append([])
            elif kind == "end" and open_fields:
                instructions.append("".join(open_fields.pop()))
        elif local in ("instrText", "delInstrText"):
            if open_fields:
                open_fields[-1].append(element.text or "")
            else:
                instructions.append(element.text or "")
        elif local == "fldSimple":
            instructions.extend(v for k, v in element.attrib.items() if _local(k) == "instr")
        elif local == "OLEObject":
            linked_ole = linked_ole or any(
                _local(k) == "Type" and v.strip().lower() == "link"
                for k, v in element.attrib.items()
            )
        if hyperlinks and local not in _HYPERLINK_ELEMENTS:
            for value in element.attrib.values():
                if value.strip() in hyperlinks:
                    misused[value.strip()] = hyperlinks[value.strip()]
    instructions.extend("".join(pieces) for pieces in open_fields)
    for instruction in instructions:
        fields.update(m.group(1).upper() for m in _FETCHING_FIELDS.finditer(instruction))
    found = [Message("limits.external.field", part=name, field=field) for field in sorted(fields)]
    if linked_ole:
        found.append(Message("limits.external.ole", part=name))
    found.extend(
        Message("limits.external.relationship", part=name, kind="image", target=target)
        for target in misused.values()
    )
    return found


def external_references(source: Path | IO[bytes]) -> list[Message]:
    """What in the Word file ``source`` would make a reader fetch something from elsewhere.

    External relationships (an image, a frame, an attached template or an OLE object linked by
    ``TargetMode="External"``; hyperlinks are allowed when only a hyperlink uses them, since they
    are followed only when clicked), fields that include other files (``INCLUDEPICTURE``,
    ``INCLUDETEXT``, ``LINK``, ``DDE``...) and linked OLE objects. LibreOffice fetches such
    references while it converts the file, so a pack template holding one could make every render
    call out to the network. Every part is parsed as XML (whatever its name, prefixes, encoding or
    character references), so spelling a reference differently does not hide it; a part that is
    damaged XML or declares a DTD (XXE, billion laughs) is refused too. The zip must already have
    passed :func:`zip_problem`. Returns one catalogue message per finding.
    """
    found: list[Message] = []
    hyperlinks: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(source) as archive:
        names = archive.namelist()
        others: list[str] = []
        for name in names:  # the relationships first: the parts are checked against them
            if not name.lower().endswith(".rels"):
                others.append(name)
                continue
            root, problem = _parsed(name, archive.read(name))
            if problem is not None:
                found.append(problem)
            elif root is not None:
                found.extend(_relationships(name, root, hyperlinks))
        for name in others:
            root, problem = _parsed(name, archive.read(name))
            if problem is not None:
                found.append(problem)
            elif root is not None:
                found.extend(_part_references(name, root, hyperlinks.get(name.lower(), {})))
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
