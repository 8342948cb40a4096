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


PHOTO_DPI = 150
"""Pixels per inch a photo keeps on the page: sharp in print, small in the file."""
PHOTO_TITLE_CM = 3.2
"""Room kept on top of every photo page for the title lines (only the first page prints them)."""
PHOTO_CAPTION_CM = 1.6
"""Room under each photo for its caption (three lines of the table text at most)."""
PHOTO_GAP_CM = 0.6
"""Space between two photos side by side, and between rows."""


def photo_grid(pack: FormatPack, per_page: int) -> tuple[int, int, float, float]:
    """How ``per_page`` photos share a portrait page: columns, rows, and the box (width, height
    in cm) each photo is fitted into. Two or three photos stand one above the other; four make
    two rows of two."""
    columns = 2 if per_page == 4 else 1
    rows = -(-per_page // columns)
    page = pack.page
    text_width_cm = page.size_mm[0] / 10 - page.margin_left_cm - page.margin_right_cm
    text_height_cm = page.size_mm[1] / 10 - page.margin_top_cm - page.margin_bottom_cm
    width = (text_width_cm - PHOTO_GAP_CM * (columns - 1)) / columns
    height = (text_height_cm - PHOTO_TITLE_CM) / rows - PHOTO_CAPTION_CM - PHOTO_GAP_CM
    return columns, rows, round(width, 2), round(height, 2)


def fit_photo(width_px: int, height_px: int, box_cm: tuple[float, float]) -> tuple[float, float]:
    """The size (cm) of a photo of ``width_px`` x ``height_px`` fitted into ``box_cm``."""
    factor = min(box_cm[0] / width_px, box_cm[1] / height_px)
    return round(width_px * factor, 3), round(height_px * factor, 3)


def photo_pixels(box_cm: tuple[float, float]) -> tuple[int, int]:
    """The most pixels a photo in ``box_cm`` needs at :data:`PHOTO_DPI`."""
    return tuple(round(side / 2.54 * PHOTO_DPI) for side in box_cm)  # type: ignore[return-value]
