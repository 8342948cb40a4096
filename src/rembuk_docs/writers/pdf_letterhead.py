"""The kop (letterhead) of a PDF as flowables: its lines, the logo above or beside them, a rule."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import cm
from reportlab.platypus import Flowable
from reportlab.platypus import Spacer as RLSpacer

from ..compose.blocks import Letterhead
from ..compose.layout import SINGLE_LINE
from .pdf_image import Logo
from .pdf_paragraph import Paragraph as RLParagraph
from .pdf_styles import Styles
from .xml_text import escape


class Rule(Flowable):  # type: ignore[misc]
    """The rule under the kop: thick over thin, or a single line."""

    def __init__(self, width: float, style: str) -> None:
        super().__init__()
        self.width, self.style = width, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, 12

    def draw(self) -> None:
        canvas = self.canv
        if self.style == "none":
            return
        canvas.setLineWidth(2.25)
        canvas.line(0, 9, self.width, 9)
        if self.style == "double":
            canvas.setLineWidth(0.75)
            canvas.line(0, 6.5, self.width, 6.5)


def letterhead(block: Letterhead, styles: Styles, frame_width: float) -> list[Flowable]:
    """The flowables of the kop ``block`` in a frame ``frame_width`` points wide: its logo
    centred above the lines or in a cell of its own beside them, as ``logo_placement`` says,
    then the rule."""
    lines = [
        RLParagraph(
            escape(line.text),
            styles.style(
                alignment=TA_CENTER,
                fontName=styles.fonts.bold if line.bold else styles.fonts.regular,
                fontSize=line.size,
                leading=line.size * SINGLE_LINE,
            ),
        )
        for line in block.lines
    ]
    flow: list[Flowable]
    if block.logo is not None and block.logo_placement == "center":
        logo_width = block.logo_width_cm * cm
        image = Logo(block.logo, logo_width, logo_width)
        flow = [image, RLSpacer(1, 4), *lines]
    elif block.logo is not None:
        logo_width = block.logo_width_cm * cm
        image = Logo(block.logo, logo_width, logo_width)
        table = styles.table(
            [[image, lines]],
            [logo_width + 0.4 * cm, frame_width - logo_width - 0.4 * cm],
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                # no padding above or below: the DOCX kop's table has none
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        flow = [table]
    else:
        flow = list(lines)
    flow.append(Rule(frame_width, block.rule))
    flow.append(RLSpacer(1, 8))
    return flow
