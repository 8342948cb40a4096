"""A format pack: paper, margins, fonts, letterhead, signatures, numbering and wording of one issuer."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import FormatPackError, Problem
from ..messages import Message, invalid
from ..paper import paper_name
from .guard import checked_image, checked_size, checked_zip, find_in
from .number_pattern import DEFAULT_PATTERN, pattern_problems
from .resources import builtin_fonts_dir, display_path, templates_root
from .sandbox import render_snippet

PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "F4": (215.0, 330.0),
    "F4-210": (210.0, 330.0),
}
PLACEHOLDER_LOGO = "placeholder"
"""The reserved logo name: the library draws a neutral placeholder emblem."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Page(_Section):
    """Paper and margins (domain.md 1.3, 1.5: A4 default, margins 2 / 2.5 / 3 / 2 cm)."""

    paper: str = Field(default="A4", description="A4, F4 (215 x 330 mm) or F4-210 (210 x 330 mm).")
    margin_top_cm: float = Field(default=2.0, ge=0.5, le=6)
    margin_bottom_cm: float = Field(default=2.5, ge=0.5, le=6)
    margin_left_cm: float = Field(default=3.0, ge=0.5, le=6)
    margin_right_cm: float = Field(default=2.0, ge=0.5, le=6)
    numbers: Literal["top-center", "page-of-total", "none"] = Field(
        default="top-center",
        description=(
            "Page numbers from page 2: '- 2 -' centred at the top (top-center, as in regulations "
            "and naskah dinas), 'Halaman 2 dari 5' at the foot (page-of-total), or none."
        ),
    )

    @field_validator("paper")
    @classmethod
    def _known_paper(cls, value: str) -> str:
        name = paper_name(value)
        if name is None:
            raise invalid("paper.unknown", value=value)
        return name

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
    italic_terms: tuple[str, ...] = Field(
        default=(),
        description="Foreign terms printed in italics wherever body text has them, whole words, "
        "case as written ('stunting' but not 'Stunting' in a name).",
    )


class KopLineSpec(_Section):
    """One fixed letterhead line."""

    text: str = Field(min_length=1)
    size: float = Field(default=12, ge=6, le=28)
    bold: bool = True


KopKind = Literal["auto", "pemda", "jabatan", "opd"]


class KopPemda(_Section):
    """The pemerintah daerah's own kop ('PEMERINTAH KABUPATEN X', its address, no OPD line).

    Unset contacts fall back to the kop's ``address``, ``phone``, ``email`` and ``website``.
    """

    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


class KopJabatan(_Section):
    """The kop jabatan: the lambang negara centred on top, then 'BUPATI X' (domain.md 1.6)."""

    title: str | None = Field(
        default=None, description="'BUPATI KUPANG'; default: the head of the definition's region."
    )
    logo: str | None = Field(
        default=None,
        description=(
            "The lambang negara (PNG or JPEG in the pack folder). Documents the kepala daerah "
            "or wakil signs carry the kop jabatan only when it is given."
        ),
    )
    size: float = Field(default=16, ge=6, le=28)
    logo_width_cm: float = Field(default=2.5, gt=0, le=5)


class Kop(_Section):
    """The letterhead (domain.md 1.6): government line, office name, address and contacts, logo, rule.

    ``lines`` fixes every line exactly. Otherwise the government line is ``government`` (else made
    from the definition's region), and the office block is the definition's organizer when it
    has one, else ``office``, ``address``, ``phone``, ``email`` and ``website``.
    """

    lines: tuple[KopLineSpec, ...] = ()
    government: str | None = Field(default=None, description="'PEMERINTAH KABUPATEN KUPANG'.")
    office: tuple[str, ...] = Field(
        default=(), max_length=3, description="Office name in capitals, one to three lines."
    )
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    government_size: float = Field(default=14, ge=6, le=28)
    office_size: float = Field(default=16, ge=6, le=28)
    address_size: float = Field(default=10, ge=6, le=28)
    logo: str | None = Field(
        default=None,
        description="Logo image file (PNG or JPEG) in the pack folder, or 'placeholder'.",
    )
    logo_placement: Literal["left", "center"] = "left"
    logo_width_cm: float = Field(default=2.2, gt=0, le=5)
    rule: Literal["double", "single", "none"] = "double"
    pemda: KopPemda = KopPemda()
    jabatan: KopJabatan = KopJabatan()
    documents: dict[str, KopKind] = Field(
        default_factory=dict,
        description=(
            "Which kop each document carries: pemda, jabatan, opd, or auto (the default: the "
            "kop jabatan, else the pemda's, on what the kepala daerah or wakil signs; the OPD's "
            "on the rest). A desa always has its three-tier kop."
        ),
    )

    @field_validator("office", mode="before")
    @classmethod
    def _one_line_is_a_list(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value


class Signature(_Section):
    """How signature blocks are laid out."""

    columns: int = Field(default=2, ge=1, le=3)
    nip_grouped: bool = Field(default=True, description="Print the NIP as '19680411 199303 1 009'.")
    space_lines: int = Field(default=4, ge=2, le=8)
    name_bold: bool = True
    name_underline: bool = True
    principal_roles: tuple[
        Literal["kepala_daerah", "wakil_kepala_daerah", "sekda", "acting_head", "asn", "non_asn"],
        ...,
    ] = Field(
        default=("kepala_daerah", "wakil_kepala_daerah", "acting_head"),
        description=(
            "Who signs the kesepakatan itself when all its signatures would not fit on one "
            "page: the signatories of these roles; the others sign on the lembar tanda tangan."
        ),
    )


class Numbering(_Section):
    """How a nomor is built from the definition's klasifikasi, urut and unit."""

    pattern: str = Field(default=DEFAULT_PATTERN)

    @field_validator("pattern")
    @classmethod
    def _usable(cls, value: str) -> str:
        problems = pattern_problems(value)
        if problems:
            raise ValueError("; ".join(problems))
        return value


class Pdf(_Section):
    """How PDF files are finished for signing and the archive."""

    pdfa: bool = Field(
        default=False,
        description="Write every PDF (the bundle too) as PDF/A-2b (needs rembuk-docs[tte]).",
    )
    signature_fields: bool = Field(
        default=False,
        description="Put an empty signature field over each signatory's block, with a manifest "
        "(<document>.ttd.json) beside the PDF.",
    )
    signature_field_tables: tuple[str, ...] = Field(
        default=("lembar-tanda-tangan",),
        description="Documents whose signing table gets a signature field in every row's "
        "signature cell (with signature_fields).",
    )
    signature_tags: bool = Field(
        default=True,
        description="Print each signature field's tag text ('#TTD-KESEPAKATAN-01#') invisibly in "
        "it, for tag-coordinate signing (BSrE).",
    )
    verification_code: bool = Field(
        default=False,
        description="Print a QR code and a short verification code (SHA-256 of the definition "
        "and the document's name) on the last page of every PDF (needs rembuk-docs[tte]).",
    )
    verification_url: str = Field(
        default="",
        description="Address the QR code holds, e.g. 'https://kab.go.id/verifikasi/{kode}' "
        "({kode}, {sha256}, {dokumen}); empty: the QR code holds the hash itself.",
    )

    @field_validator("verification_url")
    @classmethod
    def _usable_url(cls, value: str) -> str:
        from ..verification_code import url_pattern_problems

        problems = url_pattern_problems(value)
        if problems:
            raise ValueError("; ".join(problems))
        return value


AttendanceColumnName = Literal[
    "nama", "nip", "jabatan", "instansi", "jabatan_instansi", "no_hp", "jenis_kelamin"
]


class AttendanceLayout(_Section):
    """The daftar hadir's columns between 'No' and 'Tanda Tangan' (a definition's
    attendance.columns wins)."""

    columns: tuple[AttendanceColumnName, ...] = Field(
        default=("nama", "jabatan_instansi"),
        min_length=1,
        description=(
            "In order: nama, nip, jabatan, instansi, jabatan_instansi (both in one column), "
            "no_hp, jenis_kelamin (L/P)."
        ),
    )


class FormatSettings(_Section):
    """Everything a format.toml may set (after ``extends`` is resolved)."""

    name: str = "Default"
    description: str = ""
    page: Page = Page()
    font: Font = Font()
    kop: Kop = Kop()
    signature: Signature = Signature()
    numbering: Numbering = Numbering()
    pdf: Pdf = Pdf()
    attendance: AttendanceLayout = AttendanceLayout()
    wording: dict[str, str] = Field(default_factory=dict)


class FormatPack(FormatSettings):
    """A resolved format pack and where it comes from.

    ``root`` is its folder and ``parents`` the folders of the packs it extends, nearest first:
    files named in the pack (logo, fonts, Word templates) are looked up in that order.
    ``wording_origin`` maps each wording key to the file and line its text starts at, and
    ``wording_pack`` to the slug of the pack whose text it is.
    """

    slug: str = "default"
    source: str = "built-in"
    root: Path = Field(default_factory=lambda: templates_root() / "default")
    parents: tuple[Path, ...] = ()
    extends: tuple[str, ...] = ()
    wording_origin: dict[str, tuple[str, int | None]] = Field(default_factory=dict)
    wording_pack: dict[str, str] = Field(default_factory=dict)

    @property
    def search_path(self) -> tuple[Path, ...]:
        """This pack's folder, then those of the packs it extends."""
        return (self.root, *self.parents)

    def find_file(self, name: str) -> Path | None:
        """The file ``name`` from the nearest pack folder that has it, or ``None``."""
        return find_in(self.search_path, name)

    def font_file(self, filename: str) -> Path:
        """A font file of the pack chain, or of the built-in fonts when no pack has that name;
        looked up as lint does (confined to each folder), and refused the way lint says when
        there is none."""
        path = self.find_file(filename) or find_in([builtin_fonts_dir()], filename)
        if path is None:
            font = self.font
            key = next(
                (
                    k
                    for k in ("regular", "bold", "italic", "bold_italic")
                    if getattr(font, k) == filename
                ),
                "regular",
            )
            raise FormatPackError(
                [
                    Problem(
                        display_path(self.root / "format.toml"),
                        Message("lint.font_missing", key=key, name=filename),
                    )
                ]
            )
        return checked_size(path, "font")

    def logo_bytes(self) -> bytes | None:
        """The logo image's bytes, the drawn placeholder, or ``None`` when the pack has no logo."""
        return self.image_bytes(self.kop.logo)

    def image_bytes(self, logo: str | None, *, negara: bool = False) -> bytes | None:
        """The bytes of image ``logo`` of the pack chain, the drawn placeholder (marked 'LAMBANG
        NEGARA' when ``negara``: it stands in a kop jabatan), or ``None``."""
        if logo is None:
            return None
        if logo == PLACEHOLDER_LOGO:
            from .emblem import placeholder_emblem

            return placeholder_emblem("NEGARA" if negara else "DAERAH")
        path = self.find_file(logo)
        if path is None:
            raise FormatPackError(
                [
                    Problem(
                        display_path(self.root / "format.toml"),
                        Message("pack.logo_missing", logo=logo, folder=display_path(self.root)),
                    )
                ]
            )
        return checked_image(path)

    def word_template(self, document: str) -> Path | None:
        """The Word-authored template ``<document>.docx`` of this pack chain, or ``None``."""
        path = self.find_file(f"{document}.docx")
        return checked_zip(path) if path is not None else None

    def say(self, key: str, /, **context: Any) -> str:
        """Render the wording snippet ``key`` with ``context`` in the sandbox; plain text out.

        Raises :class:`FormatPackError` for a key no pack in the chain defines and
        :class:`TemplateError` (with file and line) when the snippet fails.
        """
        source = self.wording.get(key)
        if source is None:
            from ..messages import Message

            close = difflib.get_close_matches(key, sorted(self.wording), n=1, cutoff=0.6)
            if close:
                missing = Message("pack.wording_missing_close", key=key, close=close[0])
            else:
                missing = Message("pack.wording_missing", key=key)
            raise FormatPackError([Problem(f"format pack '{self.slug}'", missing)])
        location, first_line = self.wording_origin.get(
            key, (f"format pack {self.slug!r}, wording '{key}'", None)
        )
        return render_snippet(
            source,
            context,
            location=location,
            first_line=first_line,
            nip_grouped=self.signature.nip_grouped,
        )

    def with_paper(self, paper: str | None) -> FormatPack:
        """This pack with another paper size (``None`` keeps its own)."""
        if paper is None or paper == self.page.paper:
            return self
        name = paper_name(paper)
        if name is None:
            raise FormatPackError([Problem("paper", Message("paper.unknown", value=paper))])
        paper = name
        return self.model_copy(update={"page": self.page.model_copy(update={"paper": paper})})


def load_pack(spec: str | Path | None = None, *, base: Path | None = None) -> FormatPack:
    """Find, read, extend and validate a format pack (see :func:`rembuk_docs.formats.loader.load_pack`)."""
    from .loader import load_pack as load

    return load(spec, base=base)
