"""Writers: one per output format, behind the :class:`Writer` protocol."""

from __future__ import annotations

from ..formats.pack import FormatPack
from .base import Writer

FORMATS = ("docx", "pdf")


def writer_for(fmt: str, pack: FormatPack) -> Writer:
    """The writer of ``fmt`` ('docx' or 'pdf'); imports only what that format needs."""
    if fmt == "docx":
        from .docx_writer import DocxWriter

        return DocxWriter(pack)
    if fmt == "pdf":
        from .pdf_writer import PdfWriter

        return PdfWriter(pack)
    raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Writer", "writer_for"]
