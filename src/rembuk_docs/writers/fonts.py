"""TrueType fonts for the PDF writer, registered once per process and embedded (subset) in every PDF.

Fonts are registered under names derived from their content, not their file names: a pack's
``LiberationSans-Regular.ttf`` that differs from the built-in one gets its own name and never
leaks into another pack's PDF, and two packs with the same files share one registration. The
registry is guarded by a lock, so concurrent first renders in a fresh process see one font object
per name (two registrations racing used to give different subset assignments, hence bytes).
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import FormatPackError, Problem, read_failure
from ..formats.pack import FormatPack
from ..messages import Message

_LOCK = threading.Lock()
_FAMILIES: dict[tuple[str, ...], FontSet] = {}
_DIGESTS: dict[tuple[str, int, int, int], str] = {}
"""(path, inode, size, mtime) -> sha256 of the content: a file is hashed once per version."""
_FACES = ("R", "B", "I", "BI")
_PATHS: OrderedDict[int, tuple[FormatPack, list[Path]]] = OrderedDict()
"""id(pack) -> (pack, its four font files): each pack object looks its fonts up in its folders
once (every PDF writer, the measuring ones too, asks; a lookup is confined path resolution in
every folder of the pack chain). The files themselves are checked by their stat every time."""
_PATHS_LOCK = threading.Lock()
_MAX_PACKS = 16


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def _stat_key(path: Path) -> tuple[str, int, int, int]:
    stat = path.stat()
    return (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)


def font_set(pack: FormatPack) -> FontSet:
    """Register (once per distinct family of files) and return the pack's four faces as a family,
    so <b> and <i> work. Names depend on the files' content only."""
    paths = _font_files(pack)
    try:
        stats = [_stat_key(path) for path in paths]
    except OSError:  # a file gone since: looked up again, and refused as lint refuses it
        paths = _font_files(pack, again=True)
        stats = [_stat_key(path) for path in paths]
    known = [_DIGESTS.get(stat) for stat in stats]
    if None not in known:
        faces = _FAMILIES.get(tuple(digest or "" for digest in known))
        if faces is not None:
            return faces
    with _LOCK:
        contents = [path.read_bytes() for path in paths]
        key = tuple(hashlib.sha256(data).hexdigest() for data in contents)
        faces = _FAMILIES.get(key)
        if faces is None:
            faces = _register_family(key, paths, contents)
            _FAMILIES[key] = faces
        for stat, digest in zip(stats, key, strict=True):
            _DIGESTS[stat] = digest
        return faces


def _font_files(pack: FormatPack, *, again: bool = False) -> list[Path]:
    """The pack's four font files (regular, bold, italic, bold italic), looked up once per pack
    object unless ``again``."""
    with _PATHS_LOCK:
        known = _PATHS.get(id(pack))
        if known is not None and known[0] is pack and not again:
            _PATHS.move_to_end(id(pack))
            return known[1]
    spec = pack.font
    paths = [
        pack.font_file(name) for name in (spec.regular, spec.bold, spec.italic, spec.bold_italic)
    ]
    with _PATHS_LOCK:
        _PATHS[id(pack)] = (pack, paths)
        while len(_PATHS) > _MAX_PACKS:
            _PATHS.popitem(last=False)
    return paths


def _register_family(key: tuple[str, ...], paths: list[Path], contents: list[bytes]) -> FontSet:
    family = "RD-" + hashlib.sha256("/".join(key).encode()).hexdigest()[:16]
    names: list[str] = []
    for path, data, face in zip(paths, contents, _FACES, strict=True):
        name = f"{family}-{face}"
        try:
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        except Exception as exc:  # reportlab raises bare TTFError/IOError subclasses
            raise FormatPackError(
                [Problem(str(path), Message("pack.font_unusable", reason=read_failure(exc)))]
            ) from exc
        names.append(name)
    faces = FontSet(*names)
    addMapping(faces.regular, 0, 0, faces.regular)
    addMapping(faces.regular, 1, 0, faces.bold)
    addMapping(faces.regular, 0, 1, faces.italic)
    addMapping(faces.regular, 1, 1, faces.bold_italic)
    return faces


def coverage(font_name: str) -> frozenset[int]:
    """Code points a registered TrueType font has glyphs for."""
    return _coverage(font_name)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)
