"""Finishing PDFs for signing and the archive: empty signature fields with their manifest
(``<document>.ttd.json``), then PDF/A-2b, for each document and for the bundle as a whole."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from .compose.blocks import Document
from .errors import InputError, Problem
from .formats.pack import FormatPack
from .messages import Message
from .model import Rembuk
from .writers.pdf_signature import SignatureSpot, spot_tag
from .writers.pdf_verification import VerificationMark

MANIFEST_SUFFIX = ".ttd.json"
"""The manifest of a PDF's signature fields sits beside it: kesepakatan.pdf, kesepakatan.ttd.json."""


@dataclass(frozen=True, slots=True)
class PdfPart:
    """One document's PDF as the writer made it, and where its signatories sign."""

    name: str
    pdf: bytes
    spots: tuple[SignatureSpot, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class PdfFinish:
    """How every PDF of one render is finished.

    ``signature_fields`` adds an empty signature field over each signatory's signing space and
    a manifest beside the PDF; ``signature_tags`` prints each field's tag text invisibly in it;
    ``pdfa`` makes the file PDF/A-2b; ``verification_code`` prints the QR code and short code
    of :mod:`rembuk_docs.verification_code` on each document's last page (the QR code holding
    ``verification_url`` filled in, when the pack gives one). The bundle gets the fields of all
    its documents.
    """

    pdfa: bool = False
    signature_fields: bool = False
    signature_tags: bool = True
    verification_code: bool = False
    verification_url: str = ""

    @classmethod
    def resolve(
        cls,
        pack: FormatPack,
        *,
        pdfa: bool | None = None,
        signature_fields: bool | None = None,
        verification_code: bool | None = None,
    ) -> PdfFinish:
        """The caller's choices, each falling back to the pack's ``[pdf]`` setting when ``None``."""
        settings = pack.pdf
        return cls(
            pdfa=settings.pdfa if pdfa is None else pdfa,
            signature_fields=(
                settings.signature_fields if signature_fields is None else signature_fields
            ),
            signature_tags=settings.signature_tags,
            verification_code=(
                settings.verification_code if verification_code is None else verification_code
            ),
            verification_url=settings.verification_url,
        )

    def write(
        self, pack: FormatPack, composed: Document, *, rembuk: Rembuk | None = None
    ) -> PdfPart:
        """The PDF of ``composed`` from the PDF writer, with its signing spots when they are
        asked, and its verification mark (computed from ``rembuk``) when that is asked."""
        from .writers.pdf_writer import PdfWriter

        writer = PdfWriter(
            pack,
            signature_spots=self.signature_fields,
            signature_tags=self.signature_fields and self.signature_tags,
            verification=self.mark(rembuk, composed.name) if rembuk is not None else None,
        )
        data = writer.write(composed)
        return PdfPart(composed.name, data, tuple(writer.spots))

    def mark(self, rembuk: Rembuk, document: str) -> VerificationMark | None:
        """The verification mark of ``document`` of ``rembuk``, or ``None`` when not asked."""
        if not self.verification_code:
            return None
        require_segno()
        from .verification_code import digest, payload, short_code

        sha256 = digest(rembuk, document)
        content = payload(sha256, document, self.verification_url)
        second = content if self.verification_url else ""
        return VerificationMark(short_code(sha256), content, second_line=second)

    def files(self, part: PdfPart, *, file: str | None = None) -> list[tuple[str, bytes]]:
        """The finished PDF of ``part`` and, with signature fields, its manifest."""
        return self.bundle_files([part], file=file or f"{part.name}.pdf", bundle=False)

    def bundle_files(
        self, parts: Sequence[PdfPart], *, file: str, bundle: bool = True, data: bytes | None = None
    ) -> list[tuple[str, bytes]]:
        """The finished PDF ``file`` (``data``, the parts concatenated, or the one part) and, with
        signature fields, its manifest; page numbers in the manifest count in the finished file."""
        pdf = data if data is not None else parts[0].pdf
        stem = file.removesuffix(".pdf")
        entries: list[dict[str, object]] = []
        if self.signature_fields:
            offset = 0
            for part in parts:
                entries.extend(self._entries(part, offset))
                if bundle:
                    offset += _page_count(part.pdf)
            if entries:
                from .writers.pdf_fields import SignatureField, add_signature_fields

                fields = [
                    SignatureField(str(entry["field"]), int(str(entry["page"])), _rect(entry))
                    for entry in entries
                ]
                pdf = add_signature_fields(pdf, fields)
        if self.pdfa:
            from .writers.pdfa import to_pdfa

            pdf = to_pdfa(pdf, name=stem, form_fields=bool(entries))
        files = [(file, pdf)]
        if self.signature_fields and entries:
            files.append((stem + MANIFEST_SUFFIX, manifest(file, entries)))
        return files

    def _entries(self, part: PdfPart, offset: int) -> list[dict[str, object]]:
        from .writers.pdf_fields import field_name

        return [
            {
                "field": field_name(part.name, spot.index, spot.signatory),
                "document": part.name,
                "signatory": spot.signatory,
                "above": spot.jabatan,
                "page": spot.page + offset,
                "rect": list(spot.rect),
                "tag": spot_tag(part.name, spot.index) if self.signature_tags else None,
            }
            for spot in part.spots
        ]


class SegnoUnavailableError(InputError):
    """A verification code was asked for, but segno (``rembuk-docs[tte]``) is missing."""


def require_segno() -> None:
    """Raise :class:`SegnoUnavailableError` unless segno can be imported."""
    try:
        import segno  # noqa: F401
    except ImportError:
        raise SegnoUnavailableError(
            [Problem("verification_code", Message("tte.unavailable", missing="segno"))]
        ) from None


def _rect(entry: dict[str, object]) -> tuple[float, float, float, float]:
    values = entry["rect"]
    assert isinstance(values, list)
    x0, y0, x1, y1 = (float(value) for value in values)
    return (x0, y0, x1, y1)


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def manifest(file: str, entries: list[dict[str, object]]) -> bytes:
    """The JSON manifest of ``file``'s signature fields: for each, its name, the document, the
    signatory, the lines above the space (jabatan), the page (from 1), the rectangle
    [x0, y0, x1, y1] in points from the page's bottom-left corner and the tag text (or null)."""
    content = {
        "file": file,
        "units": "pt",
        "origin": "bottom-left",
        "fields": entries,
    }
    return (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
