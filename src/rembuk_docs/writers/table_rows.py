"""The rows of a long table wrapped and measured once: each cell's lines, each row's height and
their prefix sums, so that a page split is a binary search (:class:`~.pdf_table.LongTable`).

A column's cells are wrapped per distinct text (a list repeats its jabatan and instansi row
after row); a measure that only counts pages counts each row's lines per shape of text
(letters of equal width as one), keeping no cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Any

from reportlab.lib.rl_accel import fp_str, instanceStringWidthTTF
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from ..compose.blocks import DataTable
from ..compose.layout import (
    SINGLE_LINE,
    TABLE_CELL_MARGIN_PT,
    TABLE_CELL_SPACE_PT,
    TABLE_RULE_PT,
    LetterShapes,
)
from .fonts import FontSet
from .measure import wrap_text

PADDING = TABLE_CELL_SPACE_PT + TABLE_RULE_PT / 2
"""Above and below a cell's text: Word's space before or after, and half a rule."""
SIDE = TABLE_CELL_MARGIN_PT
"""Left and right of a cell's text: the DOCX table's cell margins, so lines wrap alike."""


Cell = str | tuple[str, ...]
"""A wrapped cell: its text, whose lines all fit, or its lines."""


def cell_lines(cell: Cell) -> Sequence[str]:
    """The lines of a wrapped cell."""
    if isinstance(cell, tuple):
        return cell
    return cell.split("\n") if "\n" in cell else (cell,)


def _measure(font: str, size: float) -> Callable[[str], float]:
    """The width of a text in ``font`` at ``size`` (what :func:`.measure.text_width` gives,
    without its cache, which 100,000 different names would only churn)."""
    face = getFont(font)
    return lambda text: float(instanceStringWidthTTF(face, text, size))


@lru_cache(maxsize=64)
def _widest_letter(font: str) -> float:
    """The widest advance of ``font``'s letters, in thousandths of its size."""
    metrics = getFont(font).face
    return float(max(metrics.defaultWidth, *metrics.charWidths.values()))


def _wrapped_texts(
    texts: list[str], width: float, font: str, size: float
) -> dict[str, tuple[int, Cell | None]]:
    """The distinct ``texts`` that take more than one line in ``width`` (in ``font`` at
    ``size``): their lines' count, and their cell (``None``: each of its lines fits, the text
    is the cell; else the tuple of its wrapped lines). A column whose longest text fits even
    in the widest letters has none; the others are measured once each (in C: ``map``)."""
    distinct = list(dict.fromkeys(texts))
    if not distinct:
        return {}
    breaks = "\n" in "".join(distinct)
    if not breaks and 0.001 * size * _widest_letter(font) * max(map(len, distinct)) < width - 0.01:
        return {}
    measured = map(instanceStringWidthTTF, repeat(getFont(font)), distinct, repeat(size))
    found: dict[str, tuple[int, Cell | None]] = {}
    for text, used in zip(distinct, measured, strict=True):
        if used <= width and "\n" not in text:
            continue  # one line
        wrapped = wrap_text(text, font, size, width)
        if wrapped != [text]:
            found[text] = (len(wrapped), None if wrapped == text.split("\n") else tuple(wrapped))
    return found


def _line_counts(texts: list[str], width: float, font: str, size: float) -> list[int] | None:
    """The lines each of ``texts`` takes in ``width`` (``None``: one each), as
    :func:`_wrapped_texts` wraps them, found per :class:`~rembuk_docs.compose.layout.LetterShapes`
    of text (a shape takes the lines its texts take), so that 100,000 names are a handful of
    shapes."""
    if not texts:
        return None
    face = getFont(font)
    shapes = LetterShapes(lambda letter: instanceStringWidthTTF(face, letter, size)).of(texts)
    if shapes is None:  # a text holds the separator: each text its own shape
        shapes = texts
    counted = _wrapped_texts(list(dict.fromkeys(shapes)), width, font, size)
    if not counted:
        return None
    lines = {shape: known[0] for shape, known in counted.items()}
    return list(map(lines.get, shapes, repeat(1)))


class TableRows:
    """Wrapped cells and cumulative heights shared by every piece of one split table
    (:class:`~.pdf_table.LongTable`)."""

    def __init__(
        self,
        table: DataTable,
        widths: Sequence[float],
        fonts: FontSet,
        size: float,
        *,
        heights_only: bool = False,
    ) -> None:
        self.size = size
        self.leading = size * SINGLE_LINE
        self.fonts = fonts
        self.widths = list(widths)
        self.aligns = [column.align for column in table.columns]
        self.stagger = table.stagger_column
        inner = [w - 2 * SIDE for w in widths]
        self.header: tuple[Cell, ...] = tuple(
            tuple(wrap_text(c.title, fonts.bold, size, w))
            for c, w in zip(table.columns, inner, strict=True)
        )
        self.header_height = max(len(lines) for lines in self.header) * self.leading + 2 * PADDING
        minimum = table.min_row_height_pt
        self.bold_rows = table.bold_rows
        self.keep_with_previous = table.keep_with_previous
        single = max(self.leading + 2 * PADDING, minimum)
        measures = {font: _measure(font, size) for font in (fonts.regular, fonts.bold)}
        self.measures = measures
        # each column's left-aligned x as PDF text, summed as drawing sums the widths
        self.left_texts: list[str] = []
        left = 0.0
        for width in widths:
            self.left_texts.append(fp_str(left + SIDE))
            left += width
        # each column's cells wrapped per distinct text (a list repeats its jabatan and
        # instansi row after row): the rows' lines, and their cells of wrapped lines
        all_rows = table.rows
        count = len(all_rows)
        lines = [1] * count
        changed: dict[int, list[Cell]] = {}  # rows with a cell of its wrapped lines
        bold = table.bold_rows
        bold_lines = dict.fromkeys((index for index in bold if index < count), 1)
        for position, width in enumerate(inner):
            texts = [row[position] for row in all_rows]
            for index in bold_lines:  # a bold row in its own letters
                text = texts[index]
                own = _wrapped_texts([text], width, fonts.bold, size).get(text)
                known = (1, None) if own is None else own
                bold_lines[index] = max(bold_lines[index], known[0])
                if known[1] is not None and not heights_only:
                    changed.setdefault(index, list(all_rows[index]))[position] = known[1]
            if heights_only:  # lines counted per shape of text, no cell kept
                counted = _line_counts(texts, width, fonts.regular, size)
                if counted is not None:
                    lines = list(map(max, lines, counted))
                continue
            found = _wrapped_texts(texts, width, fonts.regular, size)
            if not found:
                continue
            for index, text in enumerate(texts):
                hit = found.get(text)
                if hit is None or index in bold:
                    continue
                if hit[0] > lines[index]:
                    lines[index] = hit[0]
                if hit[1] is not None:
                    cells = changed.get(index)
                    if cells is None:
                        cells = changed[index] = list(all_rows[index])
                    cells[position] = hit[1]
        for index, most in bold_lines.items():
            lines[index] = most
        # a cell whose lines all fit is its text (see :func:`cell_lines`), else the tuple of its
        # wrapped lines; a row of such cells is the table's own row (no copy: a list of
        # 100,000 rows is held once)
        self.cells: list[Sequence[Cell]] | None = None if heights_only else list(all_rows)
        for index, cells in changed.items():
            assert self.cells is not None
            self.cells[index] = tuple(cells)
        tall = {most: max(most * self.leading + 2 * PADDING, minimum) for most in set(lines)}
        tall[1] = single
        heights = [tall[most] for most in lines]
        self.offsets = [0.0, *accumulate(heights)]
        self.count = count
        self.trailer: Flowable | None = None
        self.trailer_height = -1.0  # measured at the first wrap, which has a canvas
        self.keep = 0
        self.on_signature_cell: SignatureCellHook | None = None
        self.on_pages_skipped: PagesSkippedHook | None = None

    def height(self, start: int, end: int) -> float:
        return self.offsets[end] - self.offsets[start]

    def rows_fitting(self, start: int, end: int, available: float) -> int:
        """Index one past the last row (from ``start``) that fits in ``available`` points."""
        limit = self.offsets[start] + available
        low, high = start, end
        while low < high:
            middle = (low + high + 1) // 2
            if self.offsets[middle] <= limit:
                low = middle
            else:
                high = middle - 1
        return low


SignatureCellHook = Callable[[Any, int, tuple[float, float, float, float]], None]
"""Called as each row's signing half of the staggered column is drawn: (canvas, row index,
rectangle x0, y0, x1, y1 in the canvas's current coordinates)."""


PagesSkippedHook = Callable[[int, list[float], float], None]
"""Told of the pages a table's measure skipped after the current one (see
:meth:`LongTable._skipped`): that page's number (1-based, as laid out), the space each skipped
page leaves at its foot, and their text's height."""
