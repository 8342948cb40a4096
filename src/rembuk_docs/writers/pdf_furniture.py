"""What a PDF's pages carry around their content: the watermark and the page number '- N -'."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from ..compose.layout import WATERMARK_ANGLE, WATERMARK_GREY, WATERMARK_SIZE_PT, page_number_text
from .fonts import FontSet


def page_furniture(
    fonts: FontSet, size: float, *, watermark: str | None, number_from_top: float | None
) -> Any:
    """The page templates' ``onPage``: the watermark under the page's content, and the page
    number '- N -' centred ``number_from_top`` points below the top edge, from page 2 on."""

    def draw(canvas: Canvas, template: BaseDocTemplate) -> None:
        width, height = canvas._pagesize
        if watermark:
            # the watermark's operators are the same on every page of one size (its letters have
            # their codes from the first page on): drawn once, then written again as they were
            drawn: dict[tuple[float, float], list[str]] = canvas.__dict__.setdefault(
                "_rembuk_watermarks", {}
            )
            ops = drawn.get((width, height))
            if ops is None:
                start = len(canvas._code)
                draw_watermark(canvas, watermark, fonts.bold, width, height)
                drawn[width, height] = canvas._code[start:]
            else:
                canvas._code.extend(ops)
        number = canvas.getPageNumber()
        if number_from_top is not None and number > 1:
            canvas.saveState()
            canvas.setFont(fonts.regular, size)
            canvas.drawCentredString(width / 2, height - number_from_top, page_number_text(number))
            canvas.restoreState()

    return draw


def draw_watermark(canvas: Canvas, text: str, font: str, width: float, height: float) -> None:
    """``text`` large, light grey and diagonal across the page, as real text (it can be found)."""
    canvas.saveState()
    canvas.setFillGray(WATERMARK_GREY)
    canvas.setFont(font, WATERMARK_SIZE_PT)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(WATERMARK_ANGLE)
    canvas.drawCentredString(0, -WATERMARK_SIZE_PT / 3, text)
    canvas.restoreState()
