"""Layout decisions made once, for every writer: measures in points and the rules that keep a
document signable (what travels with what, how tall a signing row is, where page furniture goes).

Writers draw from here instead of re-deriving a rule each; nothing here knows a file format.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from itertools import pairwise

from ..errors import RembukError
from ..formats.pack import FormatPack
from .blocks import Block, DataTable, Document, NumberedList, Paragraph, SignatureGrid, Spacer

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


PAGE = "PAGE"
"""In :func:`page_of_total_parts`: where the page's own number goes."""
PAGES = "NUMPAGES"
"""In :func:`page_of_total_parts`: where the number of pages goes."""
_PAGE_MARK, _PAGES_MARK = "\x01", "\x02"


def page_of_total_parts(pack: FormatPack) -> tuple[str, ...]:
    """The footer of page.numbers = 'page-of-total' ('Halaman 2 dari 5'), from the pack's wording
    ``halaman.dari``: its text in pieces, with :data:`PAGE` and :data:`PAGES` where the numbers
    go (the DOCX writer puts Word's fields there, the PDF writer the numbers)."""
    shown = " ".join(pack.say("halaman.dari", halaman=_PAGE_MARK, jumlah=_PAGES_MARK).split())
    pieces = re.split(f"({_PAGE_MARK}|{_PAGES_MARK})", shown)
    marks = {_PAGE_MARK: PAGE, _PAGES_MARK: PAGES}
    return tuple(marks.get(piece, piece) for piece in pieces if piece)


def page_of_total_text(parts: Sequence[str], number: int, total: int) -> str:
    """The footer of page ``number`` of ``total`` from :func:`page_of_total_parts`."""
    numbers = {PAGE: str(number), PAGES: str(total)}
    return "".join(numbers.get(part, part) for part in parts)


JUSTIFY_MAX_SPACE = 3.5
"""The widest a space of a justified line may grow, in ordinary spaces: a line that would need
wider gaps (a short line before a long nomor or address, a line of two words) is set ragged,
with ordinary spaces, instead (issue #12: 'short lines with huge gaps'). Word and LibreOffice
stretch every line of a justified paragraph but the last; a DOCX keeps its text free to reflow
as the secretary edits it, so only its lines ending in a line break are left unstretched there
(``doNotExpandShiftReturn``), as the PDF leaves them."""


# ---------------------------------------------------------------- vertical measures
# Both writers build every height from these, so that Word and LibreOffice, laying out the DOCX,
# fill a page as the PDF writer does and break it at the same place (issue #12, item 5).

SINGLE_LINE = 1.15
"""Height of a line of single spacing, as a multiple of the font size: ascent, descent and line
gap of Arial and its metric twin Liberation Sans (1854 + 434 + 67 units of 2048). Word and
LibreOffice set a single-spaced line so; the PDF writer leads its lines by the same measure."""

TABLE_CELL_SPACE_PT = 2.0
"""Space above and below the text of a data table's cell (Word: space before and after)."""

TABLE_CELL_MARGIN_PT = 4.25
"""Left and right of a data table cell's text (85 twips), in both writers: lines wrap alike."""

TABLE_RULE_PT = 0.5
"""Thickness of a data table's rules; Word and LibreOffice add one rule to every row's height."""

FRAME_FOOT_SLACK_PT = 1.5
"""Room below the PDF's text frame a paragraph's last line may reach: LibreOffice sets lines a
fraction of a point tighter than reportlab and fits a paragraph that overruns the PDF's frame by a
point or so (the Kupang berita acara's lampiran item 7, 1.4 pt over); the PDF allows as much so
both break at the same line. Tables keep their own slack and do not use this room."""

TABLE_SPLIT_SLACK_PT = 2.0
"""Room a table that breaks over pages leaves unused at the foot of a page: LibreOffice fits a
point or two less of a long table on a page than the sum of its rows (a blank list of 68 rows
broke a row earlier there than in the PDF)."""

TABLE_TRAILER_GAP_PT = 12.0
"""Space between a data table and the signature that closes it ('Mengetahui,')."""

AFTER_TABLE_PT = 1.0
"""Space after a data table without a closing signature (the composer adds a Spacer for more)."""

FIELDS_CELL_RIGHT_PT = 2.0
"""Right of each cell of a block of 'Label : value' lines (none on the left), in both writers."""

AFTER_FIELDS_PT = 6.0
"""Space after a block of 'Label : value' lines."""

SIGNATURE_ROW_GAP_PT = 14.0
"""Space under each row of signature blocks."""

SIGNATURE_CELL_MARGIN_PT = 5.4
"""Left and right of a signature block's lines: Word's default cell margin (0.19 cm)."""


def text_height_pt(pack: FormatPack, *, landscape: bool = False) -> float:
    """The height between the margins, in points (of the paper turned, for landscape pages)."""
    page = pack.page
    height_mm = page.size_mm[0] if landscape else page.size_mm[1]
    return height_mm / 25.4 * 72 - (page.margin_top_cm + page.margin_bottom_cm) * CM


def signature_grid_height(
    block: SignatureGrid,
    pack: FormatPack,
    text_width: float,
    lines_of: Callable[[str, float], int],
) -> float:
    """How tall ``block`` is, heading included, in points, on a page ``text_width`` points wide
    between the margins; ``lines_of(text, width)`` is how many lines the writer wraps ``text``
    into in a cell ``width`` points wide."""
    line = pack.font.size * SINGLE_LINE * pack.font.line_spacing
    width = text_width / block.columns - 2 * SIGNATURE_CELL_MARGIN_PT
    height = len(block.heading) * line
    for chunk in block.rows():
        above = max(sum(lines_of(text, width) for text in sig.above) for sig in chunk)
        below = max(sum(lines_of(text, width) for text in sig.below) for sig in chunk)
        height += (above + block.space_lines + 1 + below) * line + SIGNATURE_ROW_GAP_PT
    return height


AVERAGE_CHAR_EM = 0.5
"""Average width of a character of running text, in ems (Arial / Liberation Sans): what
:func:`estimated_lines` counts with where no writer measures yet."""


def estimated_lines(text: str, width: float, size: float) -> int:
    """About how many lines ``text`` wraps into in ``width`` points at ``size`` points."""
    return max(1, math.ceil(len(text) * AVERAGE_CHAR_EM * size / width)) if text else 1


def signatures_fit_a_page(grid: SignatureGrid, pack: FormatPack) -> bool:
    """Whether ``grid`` (its heading with it) fits in the height of a page, as far as compose can
    tell before a writer measures: a grid that does not is signed on the lembar tanda tangan."""
    size = pack.font.size

    def lines_of(text: str, width: float) -> int:
        return estimated_lines(text, width, size)

    height = signature_grid_height(grid, pack, text_width_pt(pack), lines_of)
    return height <= text_height_pt(pack)


def lead_signatures(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` with the paragraph before each signature grid kept with it (its closing
    sentence, 'Demikian ...'), so that no page holds the signatures alone; spacers between the
    two become space after the paragraph. Before a list, its last item keeps with the grid; a
    list just before the closing sentence keeps its last item with it, so that the page of the
    signatures holds some of the body, not the closing sentence alone. A short table after its
    heading keeps whole (``DataTable.keep_whole``, see :data:`SHORT_TABLE_ROWS`).
    Both writers lay out what this returns."""
    out: list[Block] = []
    for block in blocks:
        if _short_headed_table(block, out):
            assert isinstance(block, DataTable)
            block = replace(block, keep_whole=True)
        if isinstance(block, SignatureGrid):
            gap = 0.0
            spacers: list[Block] = []
            while out and isinstance(out[-1], Spacer):
                spacer = out.pop()
                assert isinstance(spacer, Spacer)
                gap += spacer.height_pt
                spacers.insert(0, spacer)
            if out and isinstance(out[-1], Paragraph):
                lead = out.pop()
                assert isinstance(lead, Paragraph)
                space = lead.space_after_pt + gap
                if out and isinstance(out[-1], NumberedList) and out[-1].items:
                    # the closing sentence never stands alone with the signatures on a page:
                    # the list's last item (a pledge, an attachment) goes over with it
                    out[-1] = replace(out[-1], keep_last_with_next=True)
                out.append(replace(lead, keep_with_next=True, space_after_pt=space))
            elif out and isinstance(out[-1], NumberedList):
                items = out.pop()
                assert isinstance(items, NumberedList)
                out.extend((replace(items, keep_last_with_next=True), *spacers))
            else:
                out.extend(spacers)
        out.append(block)
    return tuple(out)


SHORT_TABLE_ROWS = 10
"""A table of at most this many rows after a heading kept with it moves whole to the next page
rather than leave the heading with its first rows (the PDF keeps the two together so; the DOCX
then keeps every row with the next)."""


def _short_headed_table(block: Block, before: list[Block]) -> bool:
    if not isinstance(block, DataTable) or block.closing is not None:
        return False
    if len(block.rows) > SHORT_TABLE_ROWS or block.blank_rows:
        return False
    previous = next((b for b in reversed(before) if not isinstance(b, Spacer)), None)
    return isinstance(previous, Paragraph) and previous.keep_with_next


def signature_rows_kept(rows: int, *, fits_on_a_page: bool = True) -> frozenset[int]:
    """The rows of a signature grid (0-based) that keep with the row after them.

    A grid that fits on a page moves whole: every row but the last keeps with the next, and the
    heading and the closing sentence before it keep with its first row, so no page holds
    signatures alone. The last row keeps with nothing, so what follows the grid is free.
    A grid taller than a page fills the page it starts on and continues row by row; its last
    row never goes over alone.
    """
    if fits_on_a_page:
        return frozenset(range(rows - 1))
    return frozenset({rows - 2}) if rows > 1 else frozenset()


# ---------------------------------------------------------------- column plan

COLUMN_WORD_SLACK_PT = 1.5
"""Room a column keeps beyond its longest word: Word and LibreOffice, measuring with their own
kerning, must not find the word a hair too wide and cut it."""


class LetterShapes:
    """Texts written in their shapes: each letter as the first letter met of the same width
    (``width`` measures one letter), so that texts which differ only in letters of equal width
    (a list's numbers: every digit is as wide in Arial) are one shape. A text's width is the sum
    of its letters' advances (reportlab's ``stringWidth``, no kerning), so a shape measures, and
    wraps, exactly as each of its texts; spaces are kept, so are its words."""

    def __init__(self, width: Callable[[str], float]) -> None:
        self._width = width
        self._same: dict[float, str] = {}
        self._table: dict[int, str] = {}

    def of(self, texts: Sequence[str]) -> list[str] | None:
        """Each of ``texts`` in its shape, in order: the texts joined by NUL, written, split
        again. ``None`` when a text holds a NUL itself (never a user's text: XML forbids it)."""
        if not texts:
            return []
        joined = "\0".join(texts)
        if joined.count("\0") != len(texts) - 1:
            return None
        for letter in sorted(set(joined).difference(map(chr, self._table))):
            if not letter.isspace() and letter != "\0":
                self._table[ord(letter)] = self._same.setdefault(self._width(letter), letter)
        return joined.translate(self._table).split("\0")


_WORDS_CHUNK = 4096
"""Cells joined and split at a time when a column's words are looked for."""


def _widest_word(
    texts: Sequence[str], is_bold: bool, measure: Callable[[str, bool], float]
) -> float:
    """The width of the widest word of ``texts`` (0 without one), each distinct word measured
    once, found from the texts' distinct :class:`LetterShapes` (a list's 100,000 names are a
    few): ``str.split()`` breaks at the whitespace the regex class ``\\s`` matches (both test
    ``str.isspace``)."""
    letters = LetterShapes(lambda letter: measure(letter, is_bold))
    words: set[str] = set()
    shapes: set[str] = set()
    for start in range(0, len(texts), _WORDS_CHUNK):  # a few MB of words at a time, not all
        chunk = texts[start : start + _WORDS_CHUNK]
        found = letters.of(chunk)
        if found is None:  # a cell holds the separator: its words as they are
            words.update(" ".join(chunk).split())
        else:
            shapes.update(found)
    for shape in shapes:
        words.update(shape.split())
    return max((measure(word, is_bold) for word in words), default=0.0)


_NEEDED_KEPT = 8
"""Tables whose columns' widest words one render keeps (by their rows' identity)."""
_kept_needs: ContextVar[
    OrderedDict[tuple[Hashable, ...], tuple[object, tuple[float, ...]]] | None
] = ContextVar("rembuk_docs_column_needs", default=None)


@contextmanager
def column_needs_kept() -> Iterator[None]:
    """Within it (one render: its documents' fitting and writing), :func:`column_widths` keeps
    each table's columns' widest words for the same rows measured alike, so that the PDF
    measure, the PDF and the DOCX writer find them once for a list of 100,000 rows; on leaving,
    they and the rows they were found for are dropped. Per thread and task (a context
    variable): concurrent renders keep their own."""
    token = _kept_needs.set(OrderedDict())
    try:
        yield
    finally:
        _kept_needs.reset(token)


def _needed_widths(
    table: DataTable, measure: Callable[[str, bool], float], measure_key: Hashable
) -> tuple[float, ...]:
    """Each column's widest word (0 for the signing column), the room it needs."""
    rows, bold = table.rows, table.bold_rows
    kept = _kept_needs.get() if measure_key is not None else None
    key = (id(rows), len(rows), table.columns, bold, table.stagger_column, measure_key)
    if kept is not None:
        known = kept.get(key)
        if known is not None and known[0] is rows:  # the same rows, held while kept
            kept.move_to_end(key)
            return known[1]
    plain_rows = [row for index, row in enumerate(rows) if index not in bold]
    bold_rows = [rows[index] for index in sorted(bold) if index < len(rows)]
    needed = tuple(
        0.0
        if position == table.stagger_column
        else max(
            _widest_word([column.title, *(row[position] for row in bold_rows)], True, measure),
            _widest_word([row[position] for row in plain_rows], False, measure),
        )
        for position, column in enumerate(table.columns)
    )
    if kept is not None:
        kept[key] = (rows, needed)
        while len(kept) > _NEEDED_KEPT:
            kept.popitem(last=False)
    return needed


def column_widths(
    table: DataTable,
    total: float,
    measure: Callable[[str, bool], float],
    *,
    measure_key: Hashable = None,
) -> list[float]:
    """The widths of ``table``'s columns in points, ``total`` together, decided once for both
    writers: in proportion to each :class:`Column`'s relative width, but no column narrower than
    its longest word (of its header, printed bold, and of its cells; ``measure(text, bold)`` is
    a text's width at the table's font size, the sum of its letters' widths) with the cell
    margins, so that a word wraps at a space, never inside ("Pendukun|g"). The room a narrow
    column needs comes from the others in proportion to what they have beyond their own longest
    word. When even that does not make room (more long words than the page is wide), the widths
    stay proportional. A signing column (``stagger_column``) needs no room of its own: its dotted
    lines are drawn to the width it has.

    ``measure_key`` names what ``measure`` measures (its fonts and size): given, within
    :func:`column_needs_kept` the columns' widest words are kept for the same table rows
    measured alike (both writers of a document, and its layouts tried, ask for the same
    100,000 rows)."""
    columns = table.columns
    relative = sum(column.width for column in columns)
    widths = [total * column.width / relative for column in columns]
    needed = _needed_widths(table, measure, measure_key)
    floor = [
        (need + 2 * TABLE_CELL_MARGIN_PT + COLUMN_WORD_SLACK_PT) if need else 0.0 for need in needed
    ]
    if sum(floor) > total:
        return widths
    for _ in range(len(columns)):
        short = [i for i, width in enumerate(widths) if width < floor[i] - 1e-9]
        if not short:
            break
        deficit = sum(floor[i] - widths[i] for i in short)
        for i in short:
            widths[i] = floor[i]
        spare = {i: widths[i] - floor[i] for i in range(len(columns)) if i not in short}
        room = sum(value for value in spare.values() if value > 0)
        if room <= 0:
            break
        for i, value in spare.items():
            if value > 0:
                widths[i] -= deficit * value / room
    return widths


# ---------------------------------------------------------------- fitting to pages


class PageRoom(tuple[float, ...]):
    """What a layout tells of its pages: for each page, the points left empty at its foot (the
    tuple's items), and the height of its text (:attr:`heights`); :attr:`breaks` holds the pages
    (0-based) that a page break or a change of orientation begins, so that nothing before them
    could move onto them (the first page among them)."""

    heights: tuple[float, ...]
    breaks: frozenset[int]

    def __new__(
        cls, space: Sequence[float], heights: Sequence[float], breaks: frozenset[int]
    ) -> PageRoom:
        room = super().__new__(cls, space)
        room.heights = tuple(heights)
        room.breaks = breaks | {0}
        return room


PageSpace = Callable[[Document], PageRoom]
"""Lays a document out (the PDF writer's measure, which the DOCX matches page for page) and
tells, for each page, the points left empty at its foot."""

FIT_SAFETY_ROWS = 1
"""Blank rows left short of a full page: Word and LibreOffice may fit a point less on it."""

EMPTY_PAGE_SHARE = 0.35
"""A page before the last may stay this share empty at most when what follows could fill it."""


def fit_to_pages(document: Document, pack: FormatPack, page_space: PageSpace) -> Document:
    """``document`` adjusted to its pages, once for both writers (issue #12, item 5):

    - blank rows to write in never begin a page of their own: when dropping at most a quarter
      of them (three at least) saves the page they begin, they are dropped; else spare blank rows
      fill the table's last page;
    - when the signing space one line shorter (never under :data:`SIGNING_ROW_MIN_CM`) saves
      a page, every signature of the document takes it: a closing sentence and its signatures
      pushed over to a page of their own come back to the page that had room for them.
    """
    if not _fit_candidates(document, pack):  # nothing to fit: no layout to measure
        return _without_spare_rows(document)
    try:
        document, space = _fit_blank_rows(document, page_space)
        return _fit_signatures(document, pack, page_space, space)
    except RembukError:  # a text too long for a page: the writer tells where
        return _without_spare_rows(document)


def _fit_candidates(document: Document, pack: FormatPack) -> bool:
    """Whether fitting can change ``document`` at all: blank rows at its end
    (:func:`_fit_blank_rows`) or a signing space above the least (:func:`_fit_signatures`).
    Without either, :func:`fit_to_pages` returns the document as it is, whatever the layout."""
    if _last_blank_table(document) is not None:
        return True
    fewest = _fewest_signing_lines(pack)
    return any(
        (isinstance(block, SignatureGrid) and block.space_lines > fewest)
        or (
            isinstance(block, DataTable)
            and block.closing is not None
            and block.closing.space_lines > fewest
        )
        for block in document.blocks
    )


def _last_blank_table(document: Document) -> int | None:
    """The index of the table whose blank rows end the document (only spacers after it)."""
    found = [
        index
        for index, block in enumerate(document.blocks)
        if isinstance(block, DataTable) and block.blank_rows + len(block.spare_rows)
    ]
    if not found or any(
        not isinstance(block, Spacer) for block in document.blocks[found[-1] + 1 :]
    ):
        return None
    return found[-1]


def _fewest_signing_lines(pack: FormatPack) -> int:
    """The fewest lines of signing space: :data:`SIGNING_ROW_MIN_CM` in the body's lines."""
    line = pack.font.size * SINGLE_LINE * pack.font.line_spacing
    return math.ceil(SIGNING_ROW_MIN_CM * CM / line - 1e-6)


def _without_spare_rows(document: Document) -> Document:
    blocks = tuple(
        replace(block, spare_rows=())
        if isinstance(block, DataTable) and block.spare_rows
        else block
        for block in document.blocks
    )
    return replace(document, blocks=blocks)


def _fit_blank_rows(document: Document, page_space: PageSpace) -> tuple[Document, PageRoom]:
    """The blank rows of the document's last table, fitted to its last page, and the layout of
    the document fitted (the document laid out as it is when it has no blank rows)."""
    index = _last_blank_table(document)
    if index is None:  # no blank rows, or more text after them
        document = _without_spare_rows(document)
        return document, page_space(document)
    table = document.blocks[index]  # its spare rows with it
    assert isinstance(table, DataTable)
    document = _without_spare_rows(document)
    # the blank rows drawn and the spare ones, after the rows of people
    first_blank = len(table.rows) - table.blank_rows
    blanks = [*table.rows[first_blank:], *table.spare_rows]

    def with_blank(count: int) -> Document:
        rows = (*table.rows[:first_blank], *blanks[:count])
        fitted = replace(table, rows=rows, blank_rows=count, spare_rows=())
        return replace(document, blocks=_replaced(document.blocks, index, fitted))

    asked = table.blank_rows
    row = table.min_row_height_pt  # a blank row's height, as the writer draws it (at least)
    fewest = asked - max(3, asked // 4)
    if not asked:
        return document, page_space(document)
    shorter = page_space(with_blank(fewest)) if fewest >= 0 else None
    if shorter is not None:  # the asked rows judged from the fewest's room: no layout of them
        found = _blank_rows_beyond(fewest, asked, len(blanks), shorter, row, with_blank, page_space)
        if found is not None:
            return found
    space = page_space(document)
    pages = len(space)
    if shorter is not None and pages > 1 and len(shorter) < pages:
        # the most blank rows that still end on the page before: from the room the fewest
        # leave on it, checked on the layout kept; else a binary search
        guess = _most_blank_rows(fewest, shorter, row, asked - 1, with_blank, page_space)
        if guess is not None:
            return guess
        low, high = fewest, asked  # pages(low) < pages, pages(high) == pages
        while high - low > 1:
            middle = (low + high) // 2
            if len(page_space(with_blank(middle))) < pages:
                low = middle
            else:
                high = middle
        fitted = with_blank(max(0, low - FIT_SAFETY_ROWS))
        return fitted, page_space(fitted)
    # fill the last page: as many spare rows as it has room for, from the room left on it
    # (checked on the layout kept); else a binary search
    guess = _most_blank_rows(asked, space, row, len(blanks), with_blank, page_space)
    if guess is not None:
        return guess
    low, high = asked, len(blanks)  # pages(low) == pages
    if high == low or len(page_space(with_blank(low + 1))) > pages:
        return document, space
    low += 1
    while high - low > 0:
        middle = (low + high + 1) // 2
        if len(page_space(with_blank(middle))) > pages:
            high = middle - 1
        else:
            low = middle
    if low - FIT_SAFETY_ROWS <= asked:
        return document, space
    fitted = with_blank(low - FIT_SAFETY_ROWS)
    return fitted, page_space(fitted)


def _blank_rows_beyond(
    fewest: int,
    asked: int,
    most: int,
    shorter: PageRoom,
    row: float,
    with_blank: Callable[[int], Document],
    page_space: PageSpace,
) -> tuple[Document, PageRoom] | None:
    """The blank rows fitted as :func:`_fit_blank_rows` fits them from the layout of the
    ``fewest`` alone (``shorter``), without laying the ``asked`` rows out: ``None`` when that
    layout cannot tell (the caller lays them out and fits as before).

    A blank row is at least ``row`` high: when the rows asked beyond the fewest need more than
    the room left on the last page, the asked rows begin a page, and the most that end on the
    page before are counted from that room (:func:`_most_blank_rows`, as after a layout of the
    asked rows). Else spare rows fill the last page, counted from that room too; the layout of
    the count is then the check that the asked rows end on that page as well, and every blank
    row it measures must be exactly ``row`` high, so that the room the asked rows would leave,
    from which the count is made after their layout, is the one counted here."""
    room = shorter[-1]
    if (asked - fewest) * row > room + BLANK_ROW_MARGIN_PT:  # the asked rows begin a page
        return _most_blank_rows(fewest, shorter, row, asked - 1, with_blank, page_space)
    if row <= 0 or most <= asked:
        return None
    best = min(most, fewest + math.floor(room / row))
    if best - FIT_SAFETY_ROWS <= asked:  # no spare row fills the page: the asked rows stay
        return None
    found = _most_blank_rows(fewest, shorter, row, most, with_blank, page_space)
    if found is None:
        return None
    fitted, laid = found
    if abs((room - laid[-1]) - (_blank_count(fitted) - fewest) * row) > ROW_AGREEMENT_PT:
        return None
    return found


ROW_AGREEMENT_PT = 0.01
"""How closely the blank rows :func:`_blank_rows_beyond` measures must sum to their least
height for it to take them all for rows of exactly that height."""


def _blank_count(document: Document) -> int:
    index = _last_blank_table(document)
    assert index is not None
    table = document.blocks[index]
    assert isinstance(table, DataTable)
    return table.blank_rows


BLANK_ROW_MARGIN_PT = 0.5
"""Room a row must fit with, or miss by, for :func:`_most_blank_rows` to trust its count."""


def _most_blank_rows(
    count: int,
    space: PageRoom,
    row: float,
    most: int,
    with_blank: Callable[[int], Document],
    page_space: PageSpace,
) -> tuple[Document, PageRoom] | None:
    """The blank rows fitted to the last page from one layout instead of a search: ``count``
    blank rows leave ``space[-1]`` points on it, each more takes ``row`` (the table's least
    row height); the most that fit (``most`` at most), less :data:`FIT_SAFETY_ROWS`, are laid
    out once. That layout is the check: it must end on the same page and its room, with the
    row height it measures, must agree with the count (a row fits, or misses, by at least
    :data:`BLANK_ROW_MARGIN_PT`). ``None`` when it does not: the caller searches."""
    if row <= 0 or not space:
        return None
    fits = count + math.floor(space[-1] / row)
    best = min(most, fits)
    fitted = best - FIT_SAFETY_ROWS
    if fitted <= count:  # the check would measure no row: the search decides
        return None
    candidate = with_blank(fitted)
    laid = page_space(candidate)
    if len(laid) != len(space):
        return None
    measured = (space[-1] - laid[-1]) / (fitted - count)  # one blank row, as laid out
    if measured <= 0:
        return None
    room = laid[-1] - (best - fitted) * measured  # left with the best count
    if room < BLANK_ROW_MARGIN_PT:  # the best count may not fit
        return None
    if best < most and room > measured - BLANK_ROW_MARGIN_PT:  # one more may fit
        return None
    return candidate, laid


def _fit_signatures(
    document: Document, pack: FormatPack, page_space: PageSpace, space: PageRoom
) -> Document:
    """``document`` with every signing space a line shorter when that saves a page. The
    shorter document is laid out only when the room ``space`` measured says it might."""
    if len(space) < 2:
        return document
    height = text_height_pt(pack)
    roomy = max(space[:-1]) > EMPTY_PAGE_SHARE * height or space[-1] > height / 2
    fewest = _fewest_signing_lines(pack)
    line = pack.font.size * SINGLE_LINE * pack.font.line_spacing

    def shorter(grid: SignatureGrid) -> SignatureGrid:
        return replace(grid, space_lines=max(fewest, grid.space_lines - 1))

    blocks: list[Block] = []
    saved = 0.0  # a line less in every row of signatures
    for block in document.blocks:
        if isinstance(block, SignatureGrid) and block.space_lines > fewest:
            saved += len(block.rows()) * line
            block = shorter(block)
        elif (
            isinstance(block, DataTable)
            and block.closing is not None
            and block.closing.space_lines > fewest
        ):
            saved += len(block.closing.rows()) * line
            block = replace(block, closing=shorter(block.closing))
        blocks.append(block)
    if not (roomy and saved) or not _a_page_could_go(space, saved, REFLOW_GAIN_LINES * line):
        return document
    compact = replace(document, blocks=tuple(blocks))
    return compact if len(page_space(compact)) < len(space) else document


REFLOW_GAIN_LINES = 4
"""Lines of room a page may gain when what it holds flows onto the pages before instead of
being laid out as measured: the space after the last block, which may reach below a page's foot,
and the header row and split slack of a table broken there (see :func:`_a_page_could_go`)."""


def _a_page_could_go(space: PageRoom, saved: float, gain: float) -> bool:
    """Whether the pages ``space`` measured could hold their content on one page fewer once it
    is ``saved`` points shorter: some run of pages between two forced breaks (a page break, a
    change of orientation), which nothing flows across, must then fit on one page less, each
    page holding its height and ``gain`` points more at most. A necessary condition only: when
    it holds, fitting still lays the shorter document out to see."""
    starts = [*sorted(space.breaks), len(space)]
    for start, end in pairwise(starts):
        if end - start < 2:
            continue
        heights = space.heights[start:end]
        content = sum(h - free for h, free in zip(heights, space[start:end], strict=True))
        if content - saved <= (end - start - 1) * (max(heights) + gain):
            return True
    return False


def _replaced(blocks: tuple[Block, ...], index: int, block: Block) -> tuple[Block, ...]:
    return (*blocks[:index], block, *blocks[index + 1 :])


PHOTO_DPI = 150
"""Pixels per inch a photo keeps on the page: sharp in print, small in the file."""
PHOTO_TITLE_CM = 3.2
"""Room kept on top of every photo page for the title lines (only the first page prints them)."""
PHOTO_CAPTION_CM = 1.6
"""Room under each photo for its caption (three lines of the table text at most)."""
PHOTO_GAP_CM = 0.6
"""Space between two photos side by side, and between rows."""


def photo_grid(
    pack: FormatPack, per_page: int, reserve_cm: float = 0.0, rows: int | None = None
) -> tuple[int, int, float, float]:
    """How ``per_page`` photos share a portrait page: columns, rows, and the box (width, height
    in cm) each photo is fitted into. Two or three photos stand one above the other; four make
    two rows of two. ``reserve_cm`` is room kept free under ``rows`` rows (default: a full
    page's) on a page: the last page's, for the signature that closes it."""
    columns = 2 if per_page == 4 else 1
    rows = rows or -(-per_page // columns)
    page = pack.page
    text_width_cm = page.size_mm[0] / 10 - page.margin_left_cm - page.margin_right_cm
    text_height_cm = page.size_mm[1] / 10 - page.margin_top_cm - page.margin_bottom_cm
    width = (text_width_cm - PHOTO_GAP_CM * (columns - 1)) / columns
    height = (text_height_cm - PHOTO_TITLE_CM - reserve_cm) / rows - PHOTO_CAPTION_CM - PHOTO_GAP_CM
    return columns, rows, round(width, 2), round(height, 2)


def photo_pages(count: int, per_page: int) -> list[int]:
    """How many of ``count`` photos each page holds, at most ``per_page`` a page, on the fewest
    pages and shared evenly (the first pages one more): five photos four a page make 3 + 2,
    not 4 + 1."""
    pages = -(-count // per_page) if count else 0
    return [count // pages + (1 if page < count % pages else 0) for page in range(pages)]


def fit_photo(width_px: int, height_px: int, box_cm: tuple[float, float]) -> tuple[float, float]:
    """The size (cm) of a photo of ``width_px`` x ``height_px`` fitted into ``box_cm``."""
    factor = min(box_cm[0] / width_px, box_cm[1] / height_px)
    return round(width_px * factor, 3), round(height_px * factor, 3)


def photo_pixels(box_cm: tuple[float, float]) -> tuple[int, int]:
    """The most pixels a photo in ``box_cm`` needs at :data:`PHOTO_DPI`."""
    return tuple(round(side / 2.54 * PHOTO_DPI) for side in box_cm)  # type: ignore[return-value]


# ---------------------------------------------------------------- titles

TITLE_WIDTH_SHARE = 0.97
"""Share of the text width a title line may fill: a little room, so that Word or LibreOffice,
measuring with their own kerning, never wrap a line the writers broke as fitting."""

_TENTANG = re.compile(r"\s+(TENTANG)\s+")


def title_lines(
    lines: Sequence[str], width: float, measure: Callable[[str], float]
) -> tuple[str, ...]:
    """The lines a title is printed in, decided once for both writers: 'TENTANG' stands on a
    line of its own, and every line too wide for ``width`` points (``measure`` gives a text's
    width in the title's font) breaks into balanced lines, none ending on a lone word."""
    out: list[str] = []
    for line in lines:
        for part in _TENTANG.split(line):
            if part.strip():
                out.extend(balanced_lines(part.strip(), width * TITLE_WIDTH_SHARE, measure))
    return tuple(out)


def balanced_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` broken at spaces into as few lines as fit ``width``, as even as can be: the
    widest line as narrow as possible, and the last line never a single word when the words
    can be shared otherwise. A word wider than ``width`` stands alone (the writer wraps it)."""
    words = text.split()
    if len(words) < 2 or measure(text) <= width:
        return [text]
    count = len(words)

    def span(start: int, end: int) -> float:
        return measure(" ".join(words[start:end]))

    # the fewest lines: greedy filling
    lines, start = 0, 0
    while start < count:
        end = start + 1
        while end < count and span(start, end + 1) <= width:
            end += 1
        lines, start = lines + 1, end
    for last_min in (2, 1):  # a lone word last only when nothing else fits
        found = _min_widest(count, lines, span, width, last_min=last_min)
        if found is not None:
            bounds = [0, *found[1], count]
            return [" ".join(words[a:b]) for a, b in pairwise(bounds)]
    return [text]


def _min_widest(
    count: int,
    lines: int,
    span: Callable[[int, int], float],
    width: float,
    *,
    last_min: int,
) -> tuple[float, list[int]] | None:
    """Break points (word indexes) that split ``count`` words into ``lines`` lines each at
    most ``width`` wide, the last of at least ``last_min`` words, with the widest line least."""
    # cost[k][i]: least widest line when words[i:] fill k lines, and the first break
    infinity = float("inf")
    cost: list[list[tuple[float, int]]] = [[(infinity, -1)] * (count + 1) for _ in range(lines + 1)]
    for i in range(count - last_min + 1):
        if span(i, count) <= width:
            cost[1][i] = (span(i, count), count)
    for k in range(2, lines + 1):
        for i in range(count):
            for j in range(i + 1, count):
                rest = cost[k - 1][j][0]
                if rest == infinity:
                    continue
                first = span(i, j)
                if first > width:
                    break
                widest = max(first, rest)
                if widest < cost[k][i][0]:
                    cost[k][i] = (widest, j)
    if cost[lines][0][0] == infinity:
        return None
    breaks, i, k = [], 0, lines
    while k > 1:
        j = cost[k][i][1]
        breaks.append(j)
        i, k = j, k - 1
    return cost[lines][0][0], breaks
