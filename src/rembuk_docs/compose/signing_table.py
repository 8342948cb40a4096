"""Pieces of the signing lists (lembar tanda tangan, daftar hadir): people's cells, the staggered column."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..formats.pack import FormatPack
from ..indonesian import format_nip
from ..model import Attendee, Signatory
from .common import nip_line
from .layout import CM, SIGNING_ROW_MIN_CM

# Advance widths in em of Liberation Sans / Arial (metric-compatible): enough to size the dots.
_DOT_EM = 0.278
_DIGIT_EM = 0.556
_SPACE_EM = 0.278
# Cell padding of the writers, in points (PDF 3 pt; DOCX 85 twips = 4.25 pt): the larger one.
_CELL_PADDING_PT = 4.25
MIN_ROW_HEIGHT_PT = 28.0
"""Height of a blank row written in by hand (not signed in): about 1 cm."""
SIGNING_ROW_HEIGHT_PT = SIGNING_ROW_MIN_CM * CM
"""The least height of a row someone signs in: 1.5 cm (both writers round it up, never down)."""


def column_width_pt(pack: FormatPack, widths: tuple[float, ...], index: int) -> float:
    """The width in points of column ``index`` of a table spanning the text width of ``pack``."""
    page = pack.page
    text_width_cm = page.size_mm[0] / 10 - page.margin_left_cm - page.margin_right_cm
    return text_width_cm / 2.54 * 72 * widths[index] / sum(widths)


def signature_cell(number: int, cell_width_pt: float, font_size: float) -> str:
    """'1. ..................' filling about half the inner width of a signature cell.

    Odd numbers are printed on the left half and even ones on the right (the writers align the
    stagger column), so that neighbours never sign on top of each other.
    """
    return f"{number}. " + _dots(len(str(number)), cell_width_pt, font_size)


def signature_cells(cell_width_pt: float, font_size: float) -> Callable[[int], str]:
    """:func:`signature_cell` of one column (its width and size), for each row's number: the
    dots made once per count of digits, not for each of a long list's rows."""
    made: dict[int, str] = {}

    def cell(number: int) -> str:
        label = f"{number}. "
        digits = len(label) - 2
        dots = made.get(digits)
        if dots is None:
            dots = made[digits] = _dots(digits, cell_width_pt, font_size)
        return label + dots

    return cell


def _dots(digits: int, cell_width_pt: float, font_size: float) -> str:
    """The dots after a number of ``digits`` digits in a signature cell."""
    half = (cell_width_pt - 2 * _CELL_PADDING_PT) * 0.5 - font_size * 0.3
    used = font_size * (_DIGIT_EM * digits + _DOT_EM + _SPACE_EM)
    return "." * max(3, int((half - used) / (font_size * _DOT_EM)))


def position_and_institution(person: Attendee | Signatory) -> str:
    """'Jabatan\\nInstansi': the institution on a line of its own unless the jabatan names it."""
    return _position_and_institution(person.position, person.institution)


@lru_cache(maxsize=4096)  # a long list repeats its jabatan and instansi row after row
def _position_and_institution(position: str | None, institution: str | None) -> str:
    parts = [part for part in (position, institution) if part]
    if len(parts) == 2 and parts[1].casefold() in parts[0].casefold():
        parts = parts[:1]
    return "\n".join(parts)


def signatory_name_cell(person: Signatory, pack: FormatPack) -> str:
    """Name under Pasal 44: gelar unless acting; pangkat and NIP for ASN below the sekda only."""
    lines = [person.printed_name()]
    if person.shows_nip and person.nip:
        if person.rank:
            lines.append(person.rank)
        lines.append(nip_line(person, pack))
    return "\n".join(lines)


def nip_cell(person: Attendee, pack: FormatPack) -> str:
    """The attendee's NIP as printed, or empty for someone without one."""
    if not person.nip:
        return ""
    return format_nip(person.nip, grouped=pack.signature.nip_grouped)
