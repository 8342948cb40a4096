"""The signature grid of a DOCX as XML text: signature blocks to a row of a table that never splits."""

from __future__ import annotations

from collections.abc import Callable

from ..compose.blocks import Align, SignatureGrid
from ..compose.layout import (
    SIGNATURE_CELL_MARGIN_PT,
    SIGNATURE_ROW_GAP_PT,
    signature_grid_height,
    signature_rows_kept,
    text_height_pt,
)
from ..formats.pack import FormatPack
from . import docx_body as body
from .docx_styles import SIGNATURE, style_id


def signature_grid(
    block: SignatureGrid,
    pack: FormatPack,
    *,
    text_width_twips: int,
    landscape: bool,
    lines_of: Callable[[str, float], int],
    xmlns: bool = False,
) -> list[str]:
    """The XML of signature blocks, ``columns`` per row; each row is one row of a table that
    may not split (jabatan, signing space, name and NIP stay together, in Word and
    LibreOffice alike): the heading's paragraphs, then the table. ``text_width_twips`` is the
    width between the margins of the page it stands on (``landscape`` or not);
    ``lines_of(text, width)`` is how many lines ``text`` takes in a cell ``width`` points wide
    at the body font size. With ``xmlns`` each of them declares the ``w`` prefix (a data
    table's closing row holds them as lxml wrote them on their own).

    The keep rules are local (see :func:`~rembuk_docs.compose.layout.signature_rows_kept`):
    the heading lines keep with the first row, and every row but the last keeps with the row
    after it, so the grid moves whole with the lines before it and nothing after it is bound
    to it. Names in a row stand on one line: jabatan that wrap to fewer lines than their
    neighbours' are padded above, measured with the embedded font's metrics (Arial's).
    """
    style = style_id(SIGNATURE)
    align = None if block.heading_align == Align.CENTER else body.JC[block.heading_align]
    parts = [  # python-docx's add_paragraph(text) adds no run for an empty text
        body.paragraph(
            body.run(line) if line else "",
            style=style,
            keep_next=True,
            align=align,
            xmlns=xmlns,
        )
        for line in block.heading
    ]
    columns = block.columns
    width = body.twips_emu(int(text_width_twips * 635) // columns)
    table = [body.table_start([width] * columns, center=True, xmlns=xmlns)]
    chunks = block.rows()
    text_width = text_width_twips / 20
    height = signature_grid_height(block, pack, text_width, lines_of)
    fits = height <= text_height_pt(pack, landscape=landscape)
    kept = signature_rows_kept(len(chunks), fits_on_a_page=fits)
    # cell width in points, less Word's default cell margins (0.19 cm each side)
    cell_width = text_width / columns - 2 * SIGNATURE_CELL_MARGIN_PT
    gap = body.spacing(("after", body.twips_pt(SIGNATURE_ROW_GAP_PT)))
    for number, chunk in enumerate(chunks):
        keep = True if number in kept else None
        heights = [
            sum(lines_of(text, cell_width) for text in signature.above) for signature in chunk
        ]
        tallest = max(heights)
        contents: list[list[str]] = []
        for signature, lines_high in zip(chunk, heights, strict=True):
            lines = [("", False, False)] * (tallest - lines_high)
            lines += [(text, False, False) for text in signature.above]
            lines += [("", False, False)] * block.space_lines
            lines.append((signature.name, signature.name_bold, signature.name_underline))
            lines += [(text, False, False) for text in signature.below]
            last = len(lines) - 1
            contents.append(
                [
                    body.paragraph(
                        body.run(text, bold=True if is_bold else None, underline=is_underlined),
                        style=style,
                        keep_next=keep,
                        space=gap if index == last else "",
                    )
                    for index, (text, is_bold, is_underlined) in enumerate(lines)
                ]
            )
        if len(chunk) < columns and block.last_alone_right:
            empty = [body.cell(width)] * (columns - len(chunk))
            cells = empty + [body.cell(width, content) for content in contents]
        elif len(chunk) < columns:  # python-docx's merge: one cell across the row
            cells = [body.cell(width * columns, contents[0], span=columns)]
        else:
            cells = [body.cell(width, content) for content in contents]
        table.append(body.row(cells, cant_split=True))
    table.append("</w:tbl>")
    parts.append("".join(table))
    return parts
