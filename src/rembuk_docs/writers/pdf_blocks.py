"""The flowables of a PDF's titles, numbered lists, fields (label : value) and picture grids."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus import Spacer as RLSpacer

from ..compose.blocks import Fields, NumberedList, PictureGrid, Title, plain
from ..compose.layout import AFTER_FIELDS_PT, FIELDS_CELL_RIGHT_PT, title_lines
from ..indonesian import letter_label
from . import pdf_long_text as long_text
from .measure import text_width
from .pdf_image import Logo
from .pdf_paragraph import Paragraph as RLParagraph
from .pdf_paragraph import markup
from .pdf_styles import Styles
from .xml_text import escape

_PLAIN_TABLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), FIELDS_CELL_RIGHT_PT),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def title(block: Title, styles: Styles, frame_width: float) -> list[Flowable]:
    """The title's lines in bold, centred and balanced to ``frame_width`` points, then its
    number, kept together."""
    style = styles.style(alignment=TA_CENTER, fontName=styles.fonts.bold)
    bold, size = styles.fonts.bold, styles.size
    lines = title_lines(block.lines, frame_width, lambda text: text_width(text, bold, size))
    flow: list[Flowable] = [RLParagraph(escape(line), style) for line in lines]
    if block.number:
        centred = styles.style(alignment=TA_CENTER)
        flow.append(RLParagraph(escape(block.number), centred))
    flow.append(RLSpacer(1, 12))
    return [KeepTogether(flow)]


def numbered_list(block: NumberedList, styles: Styles) -> list[Flowable]:
    """The items '1.', '2.', each with its sub-items '(a)', '(b)' indented under it."""
    item_style = styles.style(
        leftIndent=0.8 * cm,
        bulletIndent=0,
        bulletFontName=styles.fonts.regular,
        bulletFontSize=styles.size,
    )
    child_style = styles.style(
        leftIndent=1.8 * cm,
        bulletIndent=0.8 * cm,
        bulletFontName=styles.fonts.regular,
        bulletFontSize=styles.size,
    )
    flow: list[Flowable] = []
    for number, item in enumerate(block.items, start=1):
        space = 0 if item.children else 4
        style = styles.derived("item", item_style, spaceAfter=space)
        item_start = len(flow)
        flow.append(long_text.paragraph(item.content, markup(item.content), style, f"{number}."))
        for position, child in enumerate(item.children):
            last = position == len(item.children) - 1
            child_para_style = styles.derived("child", child_style, spaceAfter=4 if last else 0)
            label = f"({letter_label(position)})"
            flow.append(long_text.paragraph(child, markup(child), child_para_style, label))
    if block.keep_last_with_next and block.items:
        # the last item, with its sub-items, keeps with what follows (a signature)
        for flowable in flow[item_start:]:
            flowable.keepWithNext = 1
    return flow


def fields(block: Fields, styles: Styles, frame_width: float) -> list[Flowable]:
    """The rows 'label : value', a table ``frame_width`` points wide, and the space after it."""
    style = styles.style(alignment=TA_LEFT)
    label_width = block.label_width_cm * cm
    data = [
        [
            RLParagraph(escape(label), style),
            RLParagraph(":", style),
            RLParagraph(markup(plain(value)), style),
        ]
        for label, value in block.rows
    ]
    widths = [label_width, 0.5 * cm, frame_width - label_width - 0.5 * cm]
    table = styles.table(data, widths, _PLAIN_TABLE)
    return [table, RLSpacer(1, AFTER_FIELDS_PT)]


def picture_grid(block: PictureGrid, styles: Styles, frame_width: float) -> list[Flowable]:
    """Photos ``columns`` to a row, one table per row kept whole: each photo centred at the
    size compose chose, its caption centred under it (the DOCX writer draws the same)."""
    size = styles.size
    caption_style = styles.style(alignment=TA_CENTER, fontSize=size - 1, leading=(size - 1) * 1.15)
    columns = block.columns
    width = frame_width / columns
    flow: list[Flowable] = []
    for start in range(0, len(block.pictures), columns):
        chunk = block.pictures[start : start + columns]
        cells: list[Any] = [
            [
                Logo(picture.data, picture.width_cm * cm, picture.height_cm * cm),
                RLSpacer(1, 3),
                RLParagraph(markup(plain(picture.caption)), caption_style),
            ]
            for picture in chunk
        ]
        cells += [""] * (columns - len(chunk))
        table = styles.table(
            [cells],
            [width] * columns,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
            ],
        )
        flow.append(KeepTogether([table]))
    return flow
