"""Where each signatory signs in a PDF: the blank signing space of a signature block, recorded
as the page and rectangle the PDF writer drew it at (for signature fields and their manifest),
with an optional tag text printed invisibly in it (BSrE-style tag-coordinate signing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..compose.blocks import DataTable
from .table_rows import SignatureCellHook

TAG_SIZE_PT = 6.0
"""Font size of the invisible tag text (smaller where the space is narrower than the tag)."""


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
        record_spot(
            self.canv,
            (0.0, 0.0, self.width, self.height),
            spots=self.spots,
            signatory=self.signatory,
            jabatan=self.jabatan,
            font=self.font,
            tag_for=self.tag_for,
        )


def record_spot(
    canvas: Canvas,
    rect: tuple[float, float, float, float],
    *,
    spots: list[SignatureSpot],
    signatory: str,
    jabatan: str,
    font: str,
    tag_for: str | None,
) -> None:
    """Append the spot at ``rect`` (x0, y0, x1, y1 in the canvas's current coordinates) to
    ``spots``, as it lies on the page; given ``tag_for`` (the document), print its tag there,
    invisibly (text render mode 3)."""
    index = len(spots) + 1
    left, bottom, right, top = rect
    x0, y0 = canvas.absolutePosition(left, bottom)
    x1, y1 = canvas.absolutePosition(right, top)
    absolute = (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2))
    spots.append(SignatureSpot(index, signatory, jabatan, canvas.getPageNumber(), absolute))
    if tag_for is None:
        return
    tag = spot_tag(tag_for, index)
    size = min(TAG_SIZE_PT, 0.9 * (right - left) / canvas.stringWidth(tag, font, 1))
    width = canvas.stringWidth(tag, font, size)
    # the render mode is graphics state that outlives the text object: kept inside q/Q, or the
    # text drawn after it (the table writer's cells) would be invisible too
    canvas.saveState()
    text = canvas.beginText()
    text.setTextRenderMode(3)  # neither filled nor stroked: found by text search, never seen
    text.setFont(font, size)
    text.setTextOrigin(left + (right - left - width) / 2, bottom + (top - bottom) / 2 - size / 3)
    text.textOut(tag)
    canvas.drawText(text)
    canvas.restoreState()


def table_spots(
    block: DataTable, *, spots: list[SignatureSpot], font: str, tag_for: str | None
) -> SignatureCellHook:
    """What records each row's signing cell of the signing table ``block`` in ``spots`` (see
    :func:`record_spot`): the signatory is the first line of the column after 'No', the jabatan
    the next column's."""

    def record(canvas: Any, index: int, rect: tuple[float, float, float, float]) -> None:
        row = block.rows[index]
        name = row[1].split("\n")[0] if len(row) > 1 else ""
        jabatan = " ".join(row[2].split("\n")) if len(row) > 2 else ""
        record_spot(
            canvas,
            rect,
            spots=spots,
            signatory=name,
            jabatan=jabatan,
            font=font,
            tag_for=tag_for,
        )

    return record
