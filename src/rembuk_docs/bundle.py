"""The bundle (paket.pdf): every PDF document of a pack in one file, one bookmark per document."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import ArrayObject, ByteStringObject

BOOKMARKS: dict[str, str] = {
    "undangan": "Undangan",
    "kesepakatan": "Kesepakatan",
    "lembar-tanda-tangan": "Lembar Tanda Tangan",
    "rencana-kegiatan": "Rencana Kegiatan",
    "lampiran-lokus": "Lampiran Lokus",
    "daftar-hadir": "Daftar Hadir",
    "notulen": "Notulen",
    "berita-acara": "Berita Acara",
}
"""Outline titles by document name; other documents get their name in title case."""


@dataclass(frozen=True)
class Part:
    """One document of the bundle: its name (``notulen``) and its PDF bytes."""

    name: str
    pdf: bytes

    @property
    def bookmark(self) -> str:
        """The outline title, e.g. 'Notulen'."""
        return BOOKMARKS.get(self.name, self.name.replace("-", " ").title())


def bundle_pdfs(parts: Sequence[Part], *, title: str, author: str = "", subject: str = "") -> bytes:
    """Concatenate ``parts`` in order into one PDF.

    Each part gets one outline entry (bookmark) at its first page and its own page labels
    ('Notulen 1', 'Notulen 2'), so a viewer numbers pages per document as their footers do.
    The output is deterministic: no dates, and a file identifier derived from the content.
    """
    if not parts:
        raise ValueError("a bundle needs at least one document")
    writer = PdfWriter()
    starts: list[int] = []
    for part in parts:
        starts.append(len(writer.pages))
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)
    for part, start in zip(parts, starts, strict=True):
        writer.add_outline_item(title=part.bookmark, page_number=start)
    ends = [*starts[1:], len(writer.pages)]
    for part, start, end in zip(parts, starts, ends, strict=True):
        writer.set_page_label(
            start, end - 1, style=PageLabelStyle.DECIMAL, prefix=f"{part.bookmark} ", start=1
        )
    writer.metadata = {
        "/Title": title,
        "/Author": author,
        "/Subject": subject,
        "/Creator": "rembuk-docs",
        "/Producer": "rembuk-docs (pypdf)",
    }
    writer.page_mode = "/UseOutlines"
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.name.encode("utf-8") + b"\0" + hashlib.sha256(part.pdf).digest())
    identifier = ByteStringObject(digest.digest()[:16])
    # pypdf has no public setter for the trailer /ID; without one it writes none (or a random one
    # when encrypting). A content-derived ID keeps identical input byte-identical.
    writer._ID = ArrayObject([identifier, identifier])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
