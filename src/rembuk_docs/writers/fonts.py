"""TrueType fonts for the PDF writer, registered once per process and embedded (subset) in every PDF."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import FormatPackError, Problem
from ..formats.pack import FormatPack


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, *, bold: bool = False, italic: bool = False) -> str:
        """The face for a combination of bold and italic."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


@cache
def _register(path: Path) -> str:
    name = "RD-" + path.stem
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except Exception as exc:  # reportlab raises bare TTFError/IOError subclasses
        raise FormatPackError([Problem(str(path), f"not a usable TrueType font: {exc}")]) from exc
    return name


def coverage(font_name: str) -> frozenset[int]:
    """Code points a registered TrueType font has glyphs for."""
    return _coverage(font_name)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


def font_set(pack: FormatPack) -> FontSet:
    """Register (once) and return the pack's four faces as a family, so <b> and <i> work."""
    spec = pack.font
    faces = FontSet(
        regular=_register(pack.font_file(spec.regular)),
        bold=_register(pack.font_file(spec.bold)),
        italic=_register(pack.font_file(spec.italic)),
        bold_italic=_register(pack.font_file(spec.bold_italic)),
    )
    addMapping(faces.regular, 0, 0, faces.regular)
    addMapping(faces.regular, 1, 0, faces.bold)
    addMapping(faces.regular, 0, 1, faces.italic)
    addMapping(faces.regular, 1, 1, faces.bold_italic)
    return faces
