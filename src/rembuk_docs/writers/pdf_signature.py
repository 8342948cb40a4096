"""Where each signatory signs in a PDF: the blank signing space of a signature block, recorded
as the page and rectangle the PDF writer drew it at (for signature fields and their manifest),
with an optional tag text printed invisibly in it (BSrE-style tag-coordinate signing)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

TAG_SIZE_PT = 6.0
"""Font size of the invisible tag text."""


@dataclass(frozen=True, slots=True)
class SignatureSpot:
    """One signatory's signing space as drawn: ``page`` counts from 1, ``rect`` is
    (x0, y0, x1, y1) in points from the page's bottom-left corner; ``jabatan`` is the lines above
    the space and ``signatory`` the name under it; ``index`` counts the document's spots from 1."""

    index: int
    signatory: str
    jabatan: str
    page: int
    rect: tuple[float, float, float, float]


def spot_tag(document: str, index: int) -> str:
    """The unique tag text of spot ``index`` of ``document``: '#TTD-KESEPAKATAN-01#'."""
    return f"#TTD-{document.upper()}-{index:02d}#"


class SigningSpace(Flowable):  # type: ignore[misc]
    """The blank space to sign in; when drawn it appends its :class:`SignatureSpot` to ``spots``
    and, given a ``tag``, prints the tag invisibly (text render mode 3) at its centre."""

    def __init__(
        self,
        width: float,
        height: float,
        *,
        spots: list[SignatureSpot],
        signatory: str,
        jabatan: str,
        font: str,
        tag_for: str | None,
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.spots, self.signatory, self.jabatan = spots, signatory, jabatan
        self.font, self.tag_for = font, tag_for

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        index = len(self.spots) + 1
        x0, y0 = canvas.absolutePosition(0, 0)
        x1, y1 = canvas.absolutePosition(self.width, self.height)
        rect = (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2))
        spot = SignatureSpot(index, self.signatory, self.jabatan, canvas.getPageNumber(), rect)
        self.spots.append(spot)
        if self.tag_for is None:
            return
        text = canvas.beginText()
        text.setTextRenderMode(3)  # neither filled nor stroked: found by text search, never seen
        text.setFont(self.font, TAG_SIZE_PT)
        tag = spot_tag(self.tag_for, index)
        width = canvas.stringWidth(tag, self.font, TAG_SIZE_PT)
        text.setTextOrigin((self.width - width) / 2, self.height / 2 - TAG_SIZE_PT / 3)
        text.textOut(tag)
        canvas.drawText(text)
