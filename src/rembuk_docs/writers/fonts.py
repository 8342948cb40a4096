"""TrueType fonts for the PDF writer, registered once per process and embedded (subset) in every PDF.

Fonts are registered under names derived from their content, not their file names: a pack's
``LiberationSans-Regular.ttf`` that differs from the built-in one gets its own name and never
leaks into another pack's PDF, and two packs with the same files share one registration. The
registry is guarded by a lock, so concurrent first renders in a fresh process see one font object
per name (two registrations racing used to give different subset assignments, hence bytes).

Reading a TrueType file's tables (reportlab's ``extractInfo``, in Python) takes about 10 ms a
face, most of a cold render's font time: the parsed font is kept in the cache on disk
(:mod:`rembuk_docs.diskcache`) as a pickle, so a fresh process only unpickles it (issue 19).
Like the compiled wording snippets, this trusts the cache folder as Python trusts its own
``__pycache__``: what is read from it is run.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import Version as reportlab_version
from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

from ..diskcache import cached, file_digest
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


_SUBSETS: OrderedDict[
    tuple[_EmbeddedFont, int, tuple[int, ...]], tuple[bytes, int, bytes, _Widths]
] = OrderedDict()
"""(font, subset number, its code points) -> the subset's font file deflated, its length
before, its ToUnicode CMap deflated and its glyph widths: what embedding the subset in a PDF
makes of it depends on these alone, and most subsets recur (the first of every face holds
ASCII, the same in every document), so each is made once per process (see
:class:`_EmbeddedFont`). Keyed on the font object itself, not its id: a font dropped cannot
lend its entries to a later one at the same address."""
_SUBSETS_LOCK = threading.Lock()
_MAX_SUBSETS = 64


class _Widths(pdfdoc.PDFArray):  # type: ignore[misc]
    """A subset's glyph widths, formatted once (256 numbers, the same in every document)."""

    def __init__(self, widths: list[int]) -> None:
        super().__init__(widths)
        self._formatted: dict[object, bytes] = {}

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:
        key = (rl_config.pdfMultiLine, IND)  # what reportlab's format reads besides the numbers
        known = self._formatted.get(key)
        if known is None:
            known = self._formatted[key] = super().format(document, IND)
        return known


class _EmbeddedFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose embedded subsets are made once per process (:data:`_SUBSETS`):
    the same PDF objects as reportlab's ``TTFont.addObjects`` (reportlab 4-5), their streams
    deflated as reportlab's filter deflates them when the file is saved."""

    def addObjects(self, doc: Any) -> None:  # reportlab's name
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        face = self.face
        fonts = doc.idToObject["BasicFonts"].dict
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_name = (b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX))).decode(
                "pdfdoc"
            )
            font_file, length, cmap, widths = self._subset_streams(number, base_name, subset)
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {number}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = widths
            pdf_font.ToUnicode = doc.Reference(
                _stream(cmap, doc.compression), "toUnicodeCMap:" + base_name
            )
            pdf_font.FontDescriptor = self._descriptor(doc, base_name, font_file, length)
            doc.Reference(pdf_font, internal_name)
            fonts[internal_name] = pdf_font
        del self.state[doc]

    def _subset_streams(
        self, number: int, base_name: str, subset: list[int]
    ) -> tuple[bytes, int, bytes, _Widths]:
        """The subset's font file and ToUnicode CMap, deflated, the font file's length and the
        glyphs' widths."""
        key = (self, number, tuple(subset))
        with _SUBSETS_LOCK:
            known = _SUBSETS.get(key)
            if known is not None:
                _SUBSETS.move_to_end(key)
                return known
            # made under the lock: the face reads its file from one shared position
            content = self.face.makeSubset(subset)
            cmap = makeToUnicodeCMap(base_name, subset).encode("utf8")
            made = (
                pdfdoc.PDFZCompress.encode(content),
                len(content),
                pdfdoc.PDFZCompress.encode(cmap),
                _Widths(list(map(self.face.getCharWidth, subset))),
            )
            _SUBSETS[key] = made
            while len(_SUBSETS) > _MAX_SUBSETS:
                _SUBSETS.popitem(last=False)
            return made

    def _descriptor(self, doc: Any, base_name: str, font_file: bytes, length: int) -> Any:
        """The subset's FontDescriptor, as reportlab's ``TTFontFace.addSubsetObjects`` makes it."""
        face = self.face
        stream = _stream(font_file, doc.compression)
        stream.dictionary["Length1"] = length
        reference = doc.Reference(stream, f"fontFile:{face.filename}({base_name})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(base_name),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": reference,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + base_name)


def _stream(deflated: bytes, compression: bool) -> Any:
    """A stream of ``deflated`` content, marked FlateDecode (as reportlab's filter leaves it);
    inflated again for a document saved without compression."""
    if not compression:
        return pdfdoc.PDFStream(content=pdfdoc.PDFZCompress.decode(deflated))
    stream = pdfdoc.PDFStream(content=deflated)
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
    return stream


def _register_family(key: tuple[str, ...], paths: list[Path], contents: list[bytes]) -> FontSet:
    family = "RD-" + hashlib.sha256("/".join(key).encode()).hexdigest()[:16]
    names: list[str] = []
    for path, data, digest, face in zip(paths, contents, key, _FACES, strict=True):
        name = f"{family}-{face}"
        try:
            pdfmetrics.registerFont(_parsed_font(name, data, digest))
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


def _parsed_font(name: str, data: bytes, digest: str) -> TTFont:
    """``_EmbeddedFont(name, data)``, unpickled from the cache on disk when a process parsed these bytes
    before. The key names everything the parse reads: the font's bytes (``digest``), its name,
    reportlab's version and the source of its ``ttfonts`` and of this module, and the
    ``rl_config`` settings the parse consults. A font that does not pickle is parsed each time."""
    made: list[TTFont] = []

    def make() -> bytes:
        font = _EmbeddedFont(name, io.BytesIO(data))  # a bad font raises here: nothing is cached
        made.append(font)
        return _pickled(font)

    value = cached("ttfont", (digest, name, *_font_code_key()), make)
    if made:
        return made[0]
    font = _unpickled(value)
    if font is None or font.fontName != name:
        return _EmbeddedFont(name, io.BytesIO(data))
    return font


_PARSE_SETTINGS = (
    "ttfAsciiReadable",
    "allowTTFSubsetting",
    "autoGenerateMissingTTFName",
    "unShapedFontGlob",
)
"""The ``rl_config`` settings a ``TTFont`` reads when it is made (``getattr``: a reportlab
without one of them is keyed by its absence)."""


@cache
def _font_code_key() -> tuple[str, ...]:
    settings = [getattr(rl_config, name, None) for name in _PARSE_SETTINGS]
    settings.append(ttfonts.uharfbuzz is not None)  # a shapable font needs uharfbuzz
    return (
        reportlab_version,
        file_digest(ttfonts.__file__),
        file_digest(__file__),
        repr(settings),
    )


def _pickled(font: TTFont) -> bytes:
    """A parsed font as a pickle, without the two attributes that do not pickle and are made
    again on loading: the per-document state (empty until a document uses the font) and the
    face's unit scale (a lambda of ``unitsPerEm``). ``b""`` when the font does not pickle."""
    face = font.face
    state, scale = font.state, face._pdfScale
    try:
        font.state = None
        face._pdfScale = None
        return pickle.dumps(font, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an attribute of a later reportlab that does not pickle: not cached
        return b""
    finally:
        font.state, face._pdfScale = state, scale


def _unpickled(value: bytes) -> TTFont | None:
    """The font :func:`_pickled` kept, with its empty state and unit scale made again as
    reportlab makes them; ``None`` when ``value`` is not such a font."""
    try:
        font = pickle.loads(value) if value else None
    except Exception:  # not a pickle of a font: parsed again, and not trusted
        return None
    if not isinstance(font, _EmbeddedFont) or not isinstance(font.face, ttfonts.TTFontFace):
        return None
    font.state = WeakKeyDictionary()
    font.face._pdfScale = _unit_scale(font.face.unitsPerEm)
    return font


def _unit_scale(units_per_em: int) -> Callable[[float], float]:
    """The face's scale from font units to thousandths of an em, as ``extractInfo`` makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def coverage(font_name: str) -> frozenset[int]:
    """Code points a registered TrueType font has glyphs for."""
    return _coverage(font_name)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)
