"""Signing one signature field of a PDF with a PKCS#12 certificate (pyHanko): PAdES B-B, or B-T
with a timestamp server; each signature is an incremental update, so earlier ones stay valid."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError, Problem
from .messages import Message

PASSWORD_VARIABLE = "REMBUK_P12_PASSWORD"
"""The environment variable the PKCS#12 password may come from (it is never an argument)."""

STAMP_TEXT = "Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s"
"""The visible appearance of a signature, in the field's rectangle."""


logging.getLogger("fontTools.subset").addFilter(
    lambda record: "NOT subset" not in record.getMessage()
)  # fontTools says it drops the FFTM table (a FontForge timestamp) when it subsets: harmless


class SigningError(InputError):
    """A PDF cannot be signed as asked: the field, the certificate or its password."""


class TteUnavailableError(InputError):
    """Signing or verifying was asked for, but pyHanko (``rembuk-docs[tte]``) is missing."""


@dataclass(frozen=True, slots=True)
class FieldState:
    """A signature field of a PDF: its name and whether it is already signed."""

    name: str
    signed: bool


def require_pyhanko(where: str) -> None:
    """Raise :class:`TteUnavailableError` (naming ``where``) unless pyHanko can be imported."""
    try:
        import pyhanko.sign  # noqa: F401
    except ImportError as exc:
        raise TteUnavailableError(
            [Problem(where, Message("tte.unavailable", missing=exc.name or "pyhanko"))]
        ) from None


def signature_fields(data: bytes, *, where: str = "PDF") -> list[FieldState]:
    """The signature fields of the PDF ``data``, in document order."""
    require_pyhanko(where)
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = _reader(data, where, PdfFileReader)
    return [
        FieldState(str(name), value is not None)
        for name, value, _ in enumerate_sig_fields(reader, filled_status=None)
    ]


def check_field(data: bytes, field: str, *, where: str = "PDF") -> None:
    """Raise :class:`SigningError` unless ``data`` has an empty signature field ``field``."""
    states = signature_fields(data, where=where)
    known = {state.name: state for state in states}
    if field not in known:
        names = ", ".join(state.name for state in states if not state.signed) or "-"
        raise SigningError(
            [Problem("--field", Message("tte.field_unknown", field=field, known=names))]
        )
    if known[field].signed:
        raise SigningError([Problem("--field", Message("tte.field_signed", field=field))])


def _reader(data: bytes, where: str, reader_class: Any) -> Any:
    from pyhanko.pdf_utils.misc import PdfReadError

    try:
        return reader_class(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, IndexError) as exc:
        raise SigningError(
            [Problem(where, Message("tte.not_a_pdf").with_detail(str(exc)))]
        ) from None


def load_signer(p12: bytes, password: str, *, where: str) -> Any:
    """The pyHanko signer of the PKCS#12 archive ``p12``; refuses a wrong password and a
    certificate that is not valid today."""
    require_pyhanko(where)
    from pyhanko.sign.signers import SimpleSigner

    try:
        signer = SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=password.encode())
    except ValueError:
        raise SigningError([Problem(where, Message("tte.p12_unreadable"))]) from None
    cert = signer.signing_cert
    now = dt.datetime.now(dt.UTC)
    start, end = cert.not_valid_before, cert.not_valid_after
    if not start <= now <= end:
        raise SigningError(
            [
                Problem(
                    where,
                    Message(
                        "tte.cert_not_valid_now",
                        subject=cert.subject.human_friendly,
                        start=start.strftime("%d-%m-%Y"),
                        end=end.strftime("%d-%m-%Y"),
                    ),
                )
            ]
        )
    return signer


def sign_pdf(
    data: bytes,
    *,
    p12: bytes,
    password: str,
    field: str,
    tsa_url: str | None = None,
    font: Path | None = None,
    where: str = "PDF",
    p12_where: str = "--p12",
) -> bytes:
    """``data`` with its empty signature field ``field`` signed (PAdES B-B; B-T with
    ``tsa_url``), as an incremental update. The visible appearance, in the field's rectangle,
    is set in ``font`` (default: the Liberation Sans that the documents embed), so a PDF/A
    file stays PDF/A.

    Raises :class:`SigningError` for an unknown or already signed field, an unreadable PKCS#12
    file or wrong password, and a certificate not valid today.
    """
    check_field(data, field, where=where)
    signer = load_signer(p12, password, where=p12_where)

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    timestamper = None
    if tsa_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(tsa_url)
    metadata = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        use_pades_lta=False,
    )
    style = TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(
            font=_font_factory(_thousand_unit_font(font or _default_font()))
        ),
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
        border_width=0,
    )
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, timestamper=timestamper, stamp_style=style
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    _same_producer(writer)
    try:
        output = pdf_signer.sign_pdf(writer)
    except Exception as exc:  # pyHanko's SigningError, a timestamp server that is down
        if type(exc).__module__.startswith("pyhanko"):
            raise SigningError(
                [Problem(where, Message("tte.sign_failed").with_detail(str(exc)))]
            ) from exc
        raise
    signed: bytes = output.getvalue()
    return signed


def _same_producer(writer: Any) -> None:
    """Keep the document information's /Producer equal to the XMP's (PDF/A asks it).

    pyHanko writes its own name as the XMP pdf:Producer but appends it to the /Producer of the
    document information ('rembuk-docs; pyHanko ...'); a /Producer that already names pyHanko
    is left as it is, so both say the same.
    """
    from pyhanko.pdf_utils.generic import TextStringObject
    from pyhanko.pdf_utils.metadata.model import VENDOR

    if writer._info is not None:
        writer._info.get_object()["/Producer"] = TextStringObject(VENDOR)


def _font_factory(font: bytes) -> Any:
    """pyHanko's font engine factory for the TrueType ``font`` held in memory (pyHanko's own
    opens a file and never closes it)."""
    from dataclasses import dataclass

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    @dataclass(frozen=True)
    class InMemoryFont(GlyphAccumulatorFactory):
        font_bytes: bytes = b""

        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(self.font_bytes),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return InMemoryFont(font_file="", font_bytes=font)


STAMP_CHARACTERS = (
    frozenset(range(0x20, 0x7F))
    | frozenset(range(0xA0, 0x180))
    | {
        0x2013,
        0x2014,
        0x2018,
        0x2019,
        0x201C,
        0x201D,
    }
)
"""What the appearance can show: ASCII, Latin-1 and Latin Extended-A (names with gelar and
diacritics), dashes and quotes; the font is cut to these before it is rescaled."""


def _thousand_unit_font(path: Path) -> bytes:
    """The TrueType font ``path`` cut to :data:`STAMP_CHARACTERS` and rescaled to 1000 units
    per em (cached per file version).

    pyHanko writes the glyph widths of an embedded font in the font's own units, while PDF reads
    them as thousandths of an em: a font of 2048 units (Liberation Sans, Arial) came out with
    its letters twice as far apart. Rescaled to 1000 units, the widths are right. Cutting the
    font first makes the rescaling take a fraction of a second instead of seconds.
    """
    stat = path.stat()
    return _rescaled(str(path), stat.st_size, stat.st_mtime_ns)


@cache
def _rescaled(path: str, size: int, mtime: int) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(io.BytesIO(Path(path).read_bytes()))
    options = subset.Options()
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(STAMP_CHARACTERS))
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _default_font() -> Path:
    from .formats.resources import builtin_fonts_dir

    return builtin_fonts_dir() / "LiberationSans-Regular.ttf"


def unsigned(states: Sequence[FieldState]) -> list[str]:
    """The names of the fields still to sign."""
    return [state.name for state in states if not state.signed]
