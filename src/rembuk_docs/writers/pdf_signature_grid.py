"""The signature grid of a PDF as flowables: signature blocks to a row of a table kept whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus import Spacer as RLSpacer

from ..compose.blocks import SignatureBlock, SignatureGrid
from ..compose.layout import (
    SIGNATURE_CELL_MARGIN_PT,
    SIGNATURE_ROW_GAP_PT,
    signature_grid_height,
    signature_rows_kept,
)
from ..formats.pack import FormatPack
from .measure import wrap_text
from .pdf_paragraph import Paragraph as RLParagraph
from .pdf_styles import ALIGN, Styles
from .xml_text import escape

SigningSpaceMaker = Callable[[SignatureBlock, float, float], Flowable]
"""What gives the blank space ``(signature, width, height)`` to sign in (the writer's: it may
record where it is drawn)."""


def signature_grid(
    block: SignatureGrid,
    styles: Styles,
    pack: FormatPack,
    *,
    frame_width: float,
    frame_height: float,
    signing_space: SigningSpaceMaker,
    lead: list[Flowable] | None = None,
) -> list[Flowable]:
    """The grid's rows, each kept whole, in a frame ``frame_width`` by ``frame_height`` points;
    ``lead`` (the closing sentence, kept with the grid) and the heading share the first row's
    page, so signatures never stand alone.

    The rows kept with the next (:func:`~rembuk_docs.compose.layout.signature_rows_kept`)
    make one group with it; a group taller than a page breaks between its rows.
    """
    heading, rows = signature_rows(block, styles, frame_width, signing_space)
    if not rows:
        return [*(lead or []), *heading]
    # one KeepTogether per group of rows: nesting one inside another makes reportlab see an
    # infinite height and always start a new page
    lines_of = styles.lines
    height = signature_grid_height(block, pack, frame_width, lines_of)
    kept = signature_rows_kept(len(rows), fits_on_a_page=height <= frame_height)
    groups: list[list[Flowable]] = [[*(lead or []), *heading]]
    for number, row in enumerate(rows):
        groups[-1].append(row)
        if number not in kept:  # the next row starts a group of its own
            groups.append([])
    return [KeepTogether(group) for group in groups if group]


def signature_rows(
    block: SignatureGrid, styles: Styles, frame_width: float, signing_space: SigningSpaceMaker
) -> tuple[list[Flowable], list[Flowable]]:
    """The heading paragraphs and one table per row of signature blocks."""
    centred = styles.style(alignment=TA_CENTER)
    columns = block.columns
    column_width = frame_width / columns
    heading = [
        RLParagraph(escape(line) or "&nbsp;", styles.style(alignment=ALIGN[block.heading_align]))
        for line in block.heading
    ]
    rows: list[Flowable] = []  # one table per row of signatures, each kept whole
    inner = column_width - 2 * SIGNATURE_CELL_MARGIN_PT
    font, size, leading = styles.fonts.regular, styles.size, styles.leading
    for chunk in block.rows():
        # names in a row stand on one line: shorter jabatan are padded above
        heights = [sum(len(wrap_text(t, font, size, inner)) for t in sig.above) for sig in chunk]
        cells: list[Any] = []
        for signature, height in zip(chunk, heights, strict=True):
            cell: list[Flowable] = []
            if height < max(heights):
                cell.append(RLSpacer(1, leading * (max(heights) - height)))
            cell.extend(RLParagraph(escape(text), centred) for text in signature.above)
            name = escape(signature.name)
            if signature.name_underline:
                name = f"<u>{name}</u>"
            if signature.name_bold:
                name = f"<b>{name}</b>"
            cell.append(signing_space(signature, inner, leading * block.space_lines))
            cell.append(RLParagraph(name, centred))
            cell.extend(RLParagraph(escape(text), centred) for text in signature.below)
            cells.append(cell)
        widths = [column_width] * columns
        if len(chunk) < columns and block.last_alone_right:
            cells = [""] * (columns - len(chunk)) + cells
        elif len(chunk) < columns:
            widths = [frame_width]
        table = styles.table(
            [cells],
            widths,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), SIGNATURE_ROW_GAP_PT),
                ("LEFTPADDING", (0, 0), (-1, -1), SIGNATURE_CELL_MARGIN_PT),
                ("RIGHTPADDING", (0, 0), (-1, -1), SIGNATURE_CELL_MARGIN_PT),
            ],
        )
        rows.append(table)
    return heading, rows
