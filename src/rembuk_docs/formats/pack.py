"""A format pack: paper, margins, fonts, letterhead, signature layout and wording, read from format.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import FormatPackError, Problem
from .resources import builtin_fonts_dir, templates_root

PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "F4": (215.0, 330.0),
    "F4-210": (210.0, 330.0),
}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Page(_Section):
    """Paper and margins (domain.md 1.3, 1.5: A4 default, margins 2 / 2.5 / 3 / 2 cm)."""

    paper: Literal["A4", "F4", "F4-210"] = Field(
        default="A4", description="A4, F4 (215 x 330 mm) or F4-210."
    )
    margin_top_cm: float = Field(default=2.0, ge=0.5, le=6)
    margin_bottom_cm: float = Field(default=2.5, ge=0.5, le=6)
    margin_left_cm: float = Field(default=3.0, ge=0.5, le=6)
    margin_right_cm: float = Field(default=2.0, ge=0.5, le=6)

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres."""
        return PAPER_SIZES_MM[self.paper]


class Font(_Section):
    """Type: the family written into the DOCX and the TrueType files embedded in the PDF."""

    docx_name: str = Field(
        default="Arial", description="Font name in the DOCX (Word substitutes if absent)."
    )
    regular: str = Field(default="LiberationSans-Regular.ttf")
    bold: str = Field(default="LiberationSans-Bold.ttf")
    italic: str = Field(default="LiberationSans-Italic.ttf")
    bold_italic: str = Field(default="LiberationSans-BoldItalic.ttf")
    size: float = Field(default=12, ge=8, le=16)
    line_spacing: float = Field(default=1.15, ge=1.0, le=2.5)


class KopLineSpec(_Section):
    """One fixed letterhead line."""

    text: str = Field(min_length=1)
    size: float = Field(default=12, ge=6, le=28)
    bold: bool = True


class Kop(_Section):
    """The letterhead. With no ``lines`` it is built from the definition's region and organizer."""

    lines: tuple[KopLineSpec, ...] = ()
    government_size: float = Field(default=14, ge=6, le=28)
    office_size: float = Field(default=16, ge=6, le=28)
    address_size: float = Field(default=10, ge=6, le=28)
    logo: str | None = Field(
        default=None, description="Logo image file in the pack folder (PNG or JPEG)."
    )
    logo_width_cm: float = Field(default=2.2, gt=0, le=5)
    rule: Literal["double", "single", "none"] = "double"


class Signature(_Section):
    """How signature blocks are laid out."""

    columns: int = Field(default=2, ge=1, le=3)
    nip_grouped: bool = Field(default=True, description="Print the NIP as '19680411 199303 1 009'.")
    space_lines: int = Field(default=4, ge=2, le=8)


class FormatPack(_Section):
    """A resolved format pack. ``root`` is its folder; file names in it are relative to that folder."""

    name: str = "Default"
    description: str = ""
    page: Page = Page()
    font: Font = Font()
    kop: Kop = Kop()
    signature: Signature = Signature()
    wording: dict[str, str] = Field(default_factory=dict)
    root: Path = Field(default_factory=lambda: templates_root() / "default", exclude=True)

    def font_file(self, filename: str) -> Path:
        """A font file of the pack, or of the built-in fonts when the pack has none of that name."""
        own = self.root / filename
        return own if own.is_file() else builtin_fonts_dir() / filename

    def logo_bytes(self) -> bytes | None:
        """The logo image's bytes, or ``None`` when the pack has no logo."""
        if self.kop.logo is None:
            return None
        return (self.root / self.kop.logo).read_bytes()


def pack_dir(slug_or_dir: str | Path | None) -> Path:
    """The folder of a pack given by slug (a built-in pack) or by path."""
    if slug_or_dir is None:
        return templates_root() / "default"
    candidate = Path(slug_or_dir)
    if candidate.is_dir():
        return candidate
    builtin = templates_root() / str(slug_or_dir)
    if (builtin / "format.toml").is_file():
        return builtin
    known = sorted(p.parent.name for p in templates_root().glob("*/format.toml"))
    raise FormatPackError(
        [
            Problem(
                "format_pack",
                f"unknown format pack {str(slug_or_dir)!r}; known packs: {', '.join(known)}",
            )
        ]
    )


@cache
def load_pack(slug_or_dir: str | Path | None = None) -> FormatPack:
    """Read and validate a format pack; raise :class:`FormatPackError` with the file and field."""
    folder = pack_dir(slug_or_dir)
    path = folder / "format.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormatPackError([Problem(str(path), "format.toml is missing")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise FormatPackError([Problem(str(path), f"not valid TOML: {exc}")]) from exc
    data.pop("extends", None)
    try:
        return FormatPack.model_validate({**data, "root": folder})
    except ValidationError as exc:
        problems = [
            Problem(f"{path}: " + ".".join(str(part) for part in error["loc"]), error["msg"])
            for error in exc.errors()
        ]
        raise FormatPackError(problems) from None
