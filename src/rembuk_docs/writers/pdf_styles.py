"""The paragraph and table styles of a PDF in the pack's font, each made once per writer."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from ..compose.blocks import Align
from .fonts import FontSet
from .measure import wrap_text

ALIGN = {
    Align.LEFT: TA_LEFT,
    Align.CENTER: TA_CENTER,
    Align.RIGHT: TA_RIGHT,
    Align.JUSTIFY: TA_JUSTIFY,
}
"""reportlab's alignment of each paragraph alignment of the composition."""


class Styles:
    """The styles of one writer: the body style :attr:`base` (``fonts.regular`` at ``size``
    points, lines ``leading`` points apart) and the styles derived from it, each made once."""

    def __init__(self, fonts: FontSet, size: float, leading: float) -> None:
        self.fonts, self.size, self.leading = fonts, size, leading
        self._styles: dict[tuple[Any, ...], ParagraphStyle] = {}
        """The styles :meth:`derived` made, by name, parent and changes."""
        self.base = ParagraphStyle(
            "body",
            fontName=fonts.regular,
            fontSize=size,
            leading=leading,
            alignment=TA_JUSTIFY,
            allowWidows=0,  # no last line alone at the head of a page (nor a first at the foot)
            allowOrphans=0,
            # a justified line never squeezes its spaces (reportlab's default lets it by 5%):
            # Word and LibreOffice don't, so the DOCX breaks lines where the PDF does
            spaceShrinkage=0,
        )

    def style(self, **changes: Any) -> ParagraphStyle:
        """The body style with ``changes`` (see :meth:`derived`)."""
        return self.derived("p", self.base, **changes)

    def derived(self, name: str, parent: ParagraphStyle, **changes: Any) -> ParagraphStyle:
        """``ParagraphStyle(name, parent=parent, **changes)``, made once per writer (every
        layout of its document asks again for the same few): reportlab never changes a style
        it is given, it copies one to change it."""
        key = (name, parent, *sorted(changes.items()))  # a style hashes by identity
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = ParagraphStyle(name, parent=parent, **changes)
        return style

    def table(self, data: list[list[Any]], widths: list[float], commands: list[Any]) -> Table:
        """A reportlab Table whose cells use the pack's font (reportlab's default is Helvetica)."""
        table = Table(data, colWidths=widths)
        table.setStyle(
            TableStyle([("FONT", (0, 0), (-1, -1), self.fonts.regular, self.size), *commands])
        )
        return table

    def lines(self, text: str, width: float) -> int:
        """How many lines ``text`` wraps into ``width`` points wide at the body font size."""
        return len(wrap_text(text, self.fonts.regular, self.size, width))
