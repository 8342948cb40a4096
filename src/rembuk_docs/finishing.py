"""Finishing a PDF for signing and the archive: what the pack and the caller ask (PDF/A-2b)."""

from __future__ import annotations

from dataclasses import dataclass

from .formats.pack import FormatPack


@dataclass(frozen=True, slots=True)
class PdfFinish:
    """How every PDF of one render is finished; ``pdfa`` makes each (the bundle too) PDF/A-2b."""

    pdfa: bool = False

    @classmethod
    def resolve(cls, pack: FormatPack, *, pdfa: bool | None = None) -> PdfFinish:
        """The caller's choices, each falling back to the pack's ``[pdf]`` setting when ``None``."""
        return cls(pdfa=pack.pdf.pdfa if pdfa is None else pdfa)

    def apply(self, data: bytes, *, name: str) -> bytes:
        """``data`` (the PDF of document ``name``, or of the bundle) finished."""
        if self.pdfa:
            from .writers.pdfa import to_pdfa

            data = to_pdfa(data, name=name)
        return data
