"""Layout decisions made once, for every writer: measures in points and the rules that keep a
document signable (what travels with what, how tall a signing row is, where page furniture goes).

Writers draw from here instead of re-deriving a rule each; nothing here knows a file format.
"""

from __future__ import annotations

from ..formats.pack import FormatPack

WATERMARK_TEXT = "DRAF"
"""What every page of a draft carries, diagonally (issue: 'DRAF until it is real')."""
WATERMARK_ANGLE = 45.0
"""Degrees, counter-clockwise from the baseline: from the lower left to the upper right."""
WATERMARK_SIZE_PT = 150.0
WATERMARK_GREY = 0.82
"""Fill of the watermark, 0 black to 1 white: light enough to read the text through it."""

CM = 72 / 2.54
"""Points in a centimetre."""

SIGNING_ROW_MIN_CM = 1.5
"""The least height of a row someone signs in (lembar tanda tangan, daftar hadir)."""


def text_width_pt(pack: FormatPack) -> float:
    """The width between the margins, in points."""
    page = pack.page
    return page.size_mm[0] / 25.4 * 72 - (page.margin_left_cm + page.margin_right_cm) * CM


def page_number_text(number: int) -> str:
    """The page number as Indonesian regulations print it at the top centre: '- 2 -'."""
    return f"- {number} -"


def page_of_total_text(number: int, total: int) -> str:
    """The page number as 'Halaman 2 dari 5' (the pack setting page.numbers = 'page-of-total')."""
    return f"Halaman {number} dari {total}"
