"""The bundle (paket.pdf): every PDF document of a pack in one file, one bookmark per document."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from .writers.pdf_merge import NotPlainPdfError, PdfMerger, plain, text_string

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
    The parts' pages are taken over as they are (:mod:`~.writers.pdf_merge`), each part with
    its own fonts and images; a PDF in a form the merger does not read (object streams, an
    incremental update) is first rewritten by pypdf.
    """
    if not parts:
        raise ValueError("a bundle needs at least one document")
    merger = PdfMerger()
    starts: list[int] = []
    for part in parts:
        try:
            starts.append(merger.append(part.pdf))
        except NotPlainPdfError:
            starts.append(merger.append(plain(part.pdf)))
    outline = merger.reserve()
    items = [merger.reserve() for _ in parts]
    for index, (part, start) in enumerate(zip(parts, starts, strict=True)):
        links = [b"/Prev %d 0 R" % items[index - 1]] if index else []
        if index + 1 < len(items):
            links.append(b"/Next %d 0 R" % items[index + 1])
        merger.fill(
            items[index],
            b"<< /Title %s /Parent %d 0 R %s /Dest [ %d 0 R /Fit ] >>"
            % (text_string(part.bookmark), outline, b" ".join(links), merger.pages[start]),
        )
    merger.fill(
        outline,
        b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
        % (items[0], items[-1], len(items)),
    )
    labels = b" ".join(
        b"%d << /S /D /P %s /St 1 >>" % (start, text_string(f"{part.bookmark} "))
        for part, start in zip(parts, starts, strict=True)
    )
    entries = (
        ("Title", title),
        ("Author", author),
        ("Subject", subject),
        ("Creator", "rembuk-docs"),
        ("Producer", "rembuk-docs"),
    )
    info = merger.add(
        b"<< %s >>"
        % b" ".join(b"/%s %s" % (key.encode(), text_string(value)) for key, value in entries)
    )
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.name.encode("utf-8") + b"\0" + hashlib.sha256(part.pdf).digest())
    return merger.write(
        b"/Outlines %d 0 R /PageLabels << /Nums [ %s ] >> /PageMode /UseOutlines"
        % (outline, labels),
        info=info,
        identifier=digest.digest()[:16],
    )
