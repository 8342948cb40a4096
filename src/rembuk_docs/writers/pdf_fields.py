"""Empty signature fields: an AcroForm /Sig widget per signing space, added to a finished PDF
(one document or the bundle) so that any signing application can sign it, field by field."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

PRINT_FLAG = 4
"""Annotation flag 'Print' (PDF/A wants it set on every widget)."""


@dataclass(frozen=True, slots=True)
class SignatureField:
    """A field to add: its name, its page (from 1) and rectangle (x0, y0, x1, y1) in points."""

    name: str
    page: int
    rect: tuple[float, float, float, float]


def field_name(document: str, index: int, signatory: str) -> str:
    """A field name from the document, the spot's number and the signatory's name, in ASCII
    without dots (a dot would make a field hierarchy): 'kesepakatan-ttd01-Jerry-Manafe'."""
    ascii_name = unicodedata.normalize("NFKD", signatory).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:40].rstrip("-")
    return f"{document}-ttd{index:02d}" + (f"-{slug}" if slug else "")


def add_signature_fields(data: bytes, fields: Sequence[SignatureField]) -> bytes:
    """``data`` (a PDF without form fields) with one empty, printable signature field per entry
    of ``fields``, each with an empty appearance (as PDF/A asks); the file identifier is kept, so
    identical input stays byte-identical."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    references = ArrayObject()
    for field in fields:
        page = writer.pages[field.page - 1]
        x0, y0, x1, y1 = field.rect
        appearance = DecodedStreamObject()
        appearance.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(x1 - x0), FloatObject(y1 - y0)]
                ),
                NameObject("/Resources"): DictionaryObject(),
            }
        )
        appearance.set_data(b"")
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject(field.name),
                NameObject("/Rect"): ArrayObject([FloatObject(value) for value in field.rect]),
                NameObject("/F"): NumberObject(PRINT_FLAG),
                NameObject("/P"): page.indirect_reference,
                NameObject("/AP"): DictionaryObject(
                    {NameObject("/N"): writer._add_object(appearance)}
                ),
            }
        )
        reference = writer._add_object(widget)
        annotations = page.get("/Annots")
        if annotations is None:
            page[NameObject("/Annots")] = ArrayObject([reference])
        else:
            annotations.get_object().append(reference)
        references.append(reference)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): references}
    )
    identifier = reader.trailer.get("/ID")
    if identifier is not None:  # pypdf has no public setter for the trailer /ID
        writer._ID = identifier
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
