"""The kop (letterhead) of a DOCX as XML text: its lines, the logo above or beside them, a rule."""

from __future__ import annotations

from docx.shared import Cm

from ..compose.blocks import Letterhead
from . import docx_body as body
from .docx_styles import KOP, style_id

RULES = {"double": ("thickThinSmallGap", 24), "single": ("single", 12)}
"""The bottom border (``w:val``, ``w:sz`` in eighths of a point) of each kop rule but 'none'."""


def letterhead(block: Letterhead, logo: str, *, text_width_twips: int) -> list[str]:
    """The XML of the kop ``block`` on a page ``text_width_twips`` wide: ``logo`` is the run of
    its logo drawn at its size ('' without one), centred above the lines or in a cell of its own
    beside them, as ``logo_placement`` says; then the paragraph that draws the rule."""
    kop = [
        body.paragraph(
            body.run(line.text, bold=True if line.bold else None, size_pt=line.size),
            style=style_id(KOP),
        )
        for line in block.lines
    ] or ["<w:p/>"]
    parts: list[str] = []
    if logo and block.logo_placement == "center":
        space = body.spacing(("after", body.twips_pt(4)), *body.SINGLE_LINE)
        parts.append(body.paragraph(logo, space=space, align="center"))
        parts.extend(kop)
    elif logo:
        logo_width = int(Cm(block.logo_width_cm + 0.4))
        widths = [body.twips_emu(logo_width), body.twips_emu(text_width_twips * 635 - logo_width)]
        beside = body.paragraph(logo, space=body.spacing(*body.SINGLE_LINE))
        cells = (body.cell(widths[0], [beside]), body.cell(widths[1], kop, center=True))
        parts.append(body.table_start(widths, center=True) + body.row(cells) + "</w:tbl>")
    else:
        parts.extend(kop)
    # without a border (the kop jabatan's rule "none") the paragraph loses the border's
    # height, which the PDF's rule keeps (12 pt whatever its style): the space makes it up,
    # so that the kop is as tall in both (measured in LibreOffice: 5.4 pt)
    after = ("after", body.twips_pt(12 if block.rule in RULES else 12 + 5.4))
    border = ""
    if block.rule in RULES:
        value, size = RULES[block.rule]
        border = (
            f'<w:pBdr><w:bottom w:val="{value}" w:sz="{size}" w:space="1" '
            'w:color="000000"/></w:pBdr>'
        )
    parts.append(body.paragraph(border=border, space=body.spacing(*body.exact_line(2), after)))
    return parts
