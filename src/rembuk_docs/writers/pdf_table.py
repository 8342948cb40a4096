"""A long table flowable for reportlab whose cost is linear in rows.

reportlab's Table re-measures the remaining rows at every page split, so long lists grow faster
than linearly. Here every cell is wrapped once, row heights are summed once (prefix sums), and a
split is a pair of views over the same rows: O(1) per page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str, instanceStringWidthTTF
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable
from reportlab.rl_config import _FUZZ

from ..compose.blocks import Align, DataTable
from ..compose.layout import (
    FRAME_FOOT_SLACK_PT,
    SINGLE_LINE,
    TABLE_CELL_MARGIN_PT,
    TABLE_CELL_SPACE_PT,
    TABLE_RULE_PT,
    TABLE_SPLIT_SLACK_PT,
    TABLE_TRAILER_GAP_PT,
)
from .fonts import FontSet
from .measure import wrap_text

PADDING = TABLE_CELL_SPACE_PT + TABLE_RULE_PT / 2
"""Above and below a cell's text: Word's space before or after, and half a rule."""
SIDE = TABLE_CELL_MARGIN_PT
"""Left and right of a cell's text: the DOCX table's cell margins, so lines wrap alike."""
TRAILER_GAP = TABLE_TRAILER_GAP_PT


Cell = str | tuple[str, ...]
"""A wrapped cell: its text, whose lines all fit, or its lines."""


def _lines(cell: Cell) -> Sequence[str]:
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
    :func:`_wrapped_texts` wraps them, found per shape of text: letters of equal width
    written as one of them (a list's numbers, whose digits are all as wide), so that 100,000
    names are a handful of shapes. The width of a text is the sum of its letters' advances, and
    wrapping breaks where widths add up: a shape takes the lines its texts take."""
    if not texts:
        return None
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds the separator: its own shape
        shapes = texts
    else:
        face = getFont(font)
        same: dict[float, str] = {}
        table = {
            ord(letter): same.setdefault(instanceStringWidthTTF(face, letter, size), letter)
            for letter in sorted(set(joined) - {"\x00"})
            if not letter.isspace()
        }
        shapes = joined.translate(table).split("\x00")
    counted = _wrapped_texts(list(dict.fromkeys(shapes)), width, font, size)
    if not counted:
        return None
    lines = {shape: known[0] for shape, known in counted.items()}
    return list(map(lines.get, shapes, repeat(1)))


class _Rows:
    """Wrapped cells and cumulative heights shared by every piece of one split table."""

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
        # a cell whose lines all fit is its text (see :func:`_lines`), else the tuple of its
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


class LongTable(Flowable):  # type: ignore[misc]
    """Rows ``start`` to ``end`` of a data table, with the header row on top of every piece."""

    def __init__(self, rows: _Rows, start: int, end: int) -> None:
        super().__init__()
        self._rows, self._start, self._end = rows, start, end
        self.width = sum(rows.widths)

    @classmethod
    def build(
        cls,
        table: DataTable,
        widths: Sequence[float],
        fonts: FontSet,
        size: float,
        trailer: Flowable | None = None,
        on_signature_cell: SignatureCellHook | None = None,
        on_pages_skipped: PagesSkippedHook | None = None,
    ) -> LongTable:
        """Wrap every cell of ``table`` once and return the whole table as one flowable.

        ``trailer`` (the closing signature) is drawn under the last row, on the same page as
        the table's last ``closing_keeps_rows`` rows. ``on_signature_cell`` is told where each
        row's signing half of the staggered column is drawn (for signature fields).
        """
        measure_only = on_pages_skipped is not None and on_signature_cell is None
        rows = _Rows(table, widths, fonts, size, heights_only=measure_only)
        rows.on_signature_cell = on_signature_cell
        if measure_only:
            rows.on_pages_skipped = on_pages_skipped
        if trailer is not None:
            rows.trailer = trailer
            rows.keep = max(1, min(table.closing_keeps_rows, rows.count))
        return cls(rows, 0, rows.count)

    @property
    def _has_trailer(self) -> bool:
        return self._rows.trailer is not None and self._end == self._rows.count

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        rows = self._rows
        self.height = rows.header_height + rows.height(self._start, self._end)
        if self._has_trailer and rows.trailer is not None:
            if rows.trailer_height < 0:  # measured once, on the first canvas that asks
                _, height = rows.trailer.wrapOn(self.canv, self.width, 10**6)
                rows.trailer_height = height + TRAILER_GAP
            self.height += rows.trailer_height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        rows = self._rows
        cut = self._cut(self._start, available_height)
        if cut <= self._start:
            return []
        if cut >= self._end:
            return [self]
        rest = cut
        frame = getattr(self, "_frame", None)  # reportlab's frame sets itself before a split
        if rows.on_pages_skipped is not None and frame is not None and frame._atTop:
            rest = self._skipped(cut, frame)
        return [LongTable(rows, self._start, cut), LongTable(rows, rest, self._end)]

    def _cut(self, start: int, available: float) -> int:
        """Where a piece of rows ``start`` to this piece's end is split in ``available`` points
        (what :meth:`split` gives the frame; ``start`` or less: none of it fits)."""
        rows = self._rows
        room = available - rows.header_height - TABLE_SPLIT_SLACK_PT - FRAME_FOOT_SLACK_PT
        cut = rows.rows_fitting(start, self._end, room)
        if self._has_trailer and self._end - cut < rows.keep:
            # the closing does not fit after every row, or would go over with fewer than its
            # rows: its last ``keep`` rows go over with it (as Word and LibreOffice keep them)
            cut = self._end - rows.keep
        # a row kept with the previous one (a subtotal) never starts a page: both go over
        while start < cut < self._end and cut in rows.keep_with_previous:
            cut -= 1
        return cut

    def _piece_height(self, start: int) -> float:
        """What :meth:`wrap` gives a piece of rows ``start`` to this piece's end."""
        rows = self._rows
        height = rows.header_height + rows.height(start, self._end)
        if self._has_trailer and rows.trailer is not None:
            if rows.trailer_height < 0:
                _, trailer = rows.trailer.wrapOn(self.canv, self.width, 10**6)
                rows.trailer_height = trailer + TRAILER_GAP
            height += rows.trailer_height
        return height

    def _placed(self, start: int, top: float, foot: float) -> bool:
        """Whether the frame would put any row from ``start`` (to this piece's end) between
        ``top`` and ``foot``, not at the head of a page: the whole piece, or a piece split."""
        room = top - foot
        if room <= 0:
            return False
        if not top - self._piece_height(start) < foot - _FUZZ:
            return True  # it fits whole
        return self._cut(start, room) > start

    def _skipped(self, cut: int, frame: Any) -> int:
        """Pages of this table measured without laying them out (``on_pages_skipped``: only
        the measure of a document whose PDF is not written, see ``PdfWriter(measure_only=)``).

        This piece is split at the head of a page (``frame`` at its top): every page after it
        has the same room until the table's last, so each following piece that fills a page
        alone is known from the prefix sums, exactly as the frame would lay it out (its row
        heights, the header, the split rules of :meth:`_cut`). Those pages are told to the
        hook (the space each leaves at its foot) and the piece returned begins at the first
        row of the page that is laid out again: the one that ends the table or that the rules
        do not foresee. Returns that row (``cut``: no page skipped)."""
        rows = self._rows
        top, foot = frame._y, frame._y1p
        available = top - foot
        first_foot = top - (rows.header_height + rows.height(self._start, cut))
        if self._placed(cut, first_foot, foot):
            return cut  # more of the table on this page: laid out as it is
        free: list[float] = []
        start = cut
        while top - self._piece_height(start) < foot - _FUZZ:  # the rest fills more than a page
            end = self._cut(start, available)
            if end <= start or end >= self._end:
                break
            bottom = top - (rows.header_height + rows.height(start, end))
            if self._placed(end, bottom, foot):
                break
            free.append(bottom - foot)
            start = end
        if not free or self._placed(start, first_foot, foot):
            return cut
        assert rows.on_pages_skipped is not None
        rows.on_pages_skipped(self.canv.getPageNumber(), free, frame._y2 - frame._topPadding - foot)
        return start

    def draw(self) -> None:
        rows, canvas = self._rows, self.canv
        if rows.cells is None:  # a measure's table (``heights_only``): nothing to draw
            return
        later = getattr(canvas, "draw_later", None)
        top = self.height
        if later is None or rows.on_signature_cell is not None:  # drawn now
            canvas.saveState()
            canvas.setLineWidth(0.5)
            text = _PageText(canvas._doc, rows.size, canvas._leading)
            bottom = self._draw_into(canvas._code, text, top, canvas)
            canvas.restoreState()
        else:
            # drawn when the file is saved (a layout measured for a DOCX is never saved);
            # the characters get their codes now, in the order drawing gives them
            bottom = self._learn_codes(canvas._doc, top)
            size, leading, document = rows.size, canvas._leading, canvas._doc
            later(lambda: self._drawn(_PageText(document, size, leading), top))
        if self._has_trailer and rows.trailer is not None:
            rows.trailer.drawOn(canvas, 0, bottom - rows.trailer_height)

    def _drawn(self, text: _PageText, top: float) -> str:
        """What :meth:`draw` puts in the page's content stream, as one string."""
        out = ["q", f"{fp_str(0.5)} w"]  # canvas.saveState(), canvas.setLineWidth(0.5)
        self._draw_into(out, text, top, None)
        out.append("Q")
        return "\n".join(out)

    def _learn_codes(self, document: Any, top: float) -> float:
        """Give every character of this piece its code, as drawing it would (header, then each
        row, cell by cell); return the foot of its last row (where :meth:`_draw_into` ends)."""
        rows, fonts, codes = self._rows, self._rows.fonts, _all_codes(document)
        assert rows.cells is not None  # a table that draws keeps its cells
        pieces: list[tuple[str, Sequence[Cell]]] = [(fonts.bold, rows.header)]
        pieces += [
            (fonts.bold if index in rows.bold_rows else fonts.regular, rows.cells[index])
            for index in range(self._start, self._end)
        ]
        for font, cells in pieces:
            font_codes = codes.get(font)
            if font_codes is None:
                font_codes = codes[font] = _Codes(getFont(font), document)
            known = font_codes.known
            for cell in cells:
                for line in _lines(cell):
                    if line and not known.issuperset(line):
                        font_codes.split(line)
        y = top - rows.header_height
        for index in range(self._start, self._end):
            y -= rows.height(index, index + 1)
        return y

    def _draw_into(self, out: list[str], text: _PageText, top: float, canvas: Any) -> float:
        """Append the piece's drawing operators to ``out`` (the canvas's code when drawn now,
        with ``canvas`` for the signature cells' hook); return the foot of its last row."""
        rows = self._rows
        assert rows.cells is not None  # a table that draws keeps its cells
        widths = rows.widths
        lefts = [0.0, *accumulate(widths)]
        right = self.width
        right_text = fp_str(right)
        y = top
        self._draw_row(text, rows.header, y, rows.header_height, bold=True, index=None)
        y -= rows.header_height
        out.append(f"n {fp_str(0, y)} m {fp_str(right, y)} l S")  # canvas.line
        for index in range(self._start, self._end):
            height = rows.height(index, index + 1)
            bold = index in rows.bold_rows
            self._draw_row(text, rows.cells[index], y, height, bold=bold, index=index)
            if rows.on_signature_cell is not None and rows.stagger is not None:
                left, width = lefts[rows.stagger], widths[rows.stagger]
                half = width / 2
                x0 = left + SIDE if index % 2 == 0 else left + half  # odd numbers sign left
                rect = (x0, y - height + PADDING, x0 + half - SIDE, y - PADDING)
                rows.on_signature_cell(canvas, index, rect)
            y -= height
            at = fp_str(y)
            out.append(f"n 0 {at} m {right_text} {at} l S")  # fp_str(0, y), fp_str(right, y)
        out.append(f"n {fp_str(0, top)} m {fp_str(right, top)} l S")
        out.extend(f"n {fp_str(x, top)} m {fp_str(x, y)} l S" for x in lefts)
        text.finish(out)
        return y

    def _draw_row(
        self,
        text: _PageText,
        cells: Sequence[Cell],
        top: float,
        height: float,
        *,
        bold: bool,
        index: int | None,
    ) -> None:
        rows = self._rows
        font = rows.fonts.bold if bold else rows.fonts.regular
        text.font(font)
        draw = text.draw
        measure = rows.measures[font]
        first = top - PADDING - rows.size  # the first line's baseline, in most cells
        first_text = fp_str(first)
        left = 0.0
        for position, (cell, width) in enumerate(zip(cells, rows.widths, strict=True)):
            lines = _lines(cell)
            align = Align.CENTER if index is None else rows.aligns[position]
            y = first
            if index is not None and position == rows.stagger:
                # the signature column: odd numbers left, even right, at the foot of the cell so
                # that there is room to sign above the dots
                align = Align.LEFT if index % 2 == 0 else Align.RIGHT
                bottom = top - height + PADDING + (rows.leading - rows.size)
                y = bottom + (len(lines) - 1) * rows.leading
            for line in lines:
                if line:
                    # fp_str(x, y) is fp_str(x) + " " + fp_str(y): the row's first baseline and
                    # a left-aligned column's x are written once
                    if align is Align.CENTER:
                        x = fp_str(left + (width - measure(line)) / 2)
                    elif align is Align.RIGHT:
                        x = fp_str(left + width - SIDE - measure(line))
                    else:
                        x = rows.left_texts[position]
                    draw(f"{x} {first_text if y == first else fp_str(y)}", line)
                y -= rows.leading
            text.end_cell()
            left += width


class _PageText:
    """The cell text of one page piece, written straight into the page's content stream.

    ``canvas.drawString`` builds a text object per line (BT, matrix, font, text, ET) through
    reportlab's text-object machinery and encodes the line to the font subset each time. Here
    each cell is one text object, written as one string per page, and a font is set only when it
    changes. A line whose characters all have a code in the font's first subset already is
    encoded with one ``str.translate`` (:class:`_Codes`); only a line with a character new to the
    document goes through reportlab's ``splitString``, which gives that character its code. So
    the codes are given in the order reportlab gives them, and the drawing is the same.

    Measured on 100,000 rows (see the notes of issue 19): encoding each distinct string once and
    keeping it (a dictionary of every name in the list) cost about as much CPU and a good part of
    the memory; one text object per page instead of per cell measured within the noise, and text
    extraction then ran the cells together.
    """

    def __init__(self, document: Any, size: float, leading: float) -> None:
        self.document: Any = document
        self.size = fp_str(size)
        self.leading = fp_str(leading)
        self.ops: list[str] = []
        self.current = ""
        self.codes: _Codes | None = None
        self.all_codes = _all_codes(document)

    def font(self, name: str) -> None:
        codes = self.all_codes.get(name)
        if codes is None:
            codes = self.all_codes[name] = _Codes(getFont(name), self.document)
        self.codes = codes

    def draw(self, position: str, line: str) -> None:
        """Draw ``line`` at ``position``, the text of its x and y (``fp_str(x, y)``)."""
        codes: Any = self.codes
        ops = self.ops
        ops.append(f"1 0 0 1 {position} Tm")
        if codes.known.issuperset(line):  # every character has its code in the first subset
            if codes.first != self.current:
                ops.append(f"{codes.first} {self.size} Tf {self.leading} TL")
                self.current = codes.first
            ops.append(f"({line.translate(codes.table)}) Tj")
            return
        for subset_name, shown in codes.split(line):
            if subset_name != self.current:
                ops.append(f"{subset_name} {self.size} Tf {self.leading} TL")
                self.current = subset_name
            ops.append(shown)

    def end_cell(self) -> None:
        """Close the cell's text object (text extraction then keeps cells apart)."""
        if self.ops and self.ops[-1] != "ET BT":
            self.ops.append("ET BT")

    def finish(self, out: list[str]) -> None:
        """Append the piece's text, one string, to ``out``."""
        if self.ops and self.ops[-1] == "ET BT":
            self.ops.pop()
        if self.ops:
            out.append("BT " + " ".join(self.ops) + " ET")


def _all_codes(document: Any) -> dict[str, _Codes]:
    """The :class:`_Codes` of each font in PDF ``document``, by font name."""
    codes: dict[str, _Codes] | None = getattr(document, "_rembuk_codes", None)
    if codes is None:
        codes = document._rembuk_codes = {}
    return codes


class _Codes:
    """One font's codes in one PDF document: the characters of its first subset, and a
    ``str.translate`` table from each to its code as PDF string text (escaped); and the lines
    with a character outside that subset, encoded (reportlab forgets a document's codes once
    it embeds the font, before a page drawn when the file is saved is drawn)."""

    __slots__ = ("document", "face", "first", "known", "others", "table")

    def __init__(self, face: Any, document: Any) -> None:
        self.face, self.document = face, document
        self.known: set[str] = set()
        self.table: dict[int, str] = {}
        self.first = ""  # the first subset's font name, once it has a character
        self.others: dict[str, list[tuple[str, str]]] = {}

    def split(self, line: str) -> list[tuple[str, str]]:
        """``line`` encoded by reportlab (giving new characters their codes): (subset font
        name, text operator) per run of one subset; the first subset's new codes are learnt."""
        known = self.others.get(line)
        if known is not None:
            return known
        face, document = self.face, self.document
        pieces = [
            (face.getSubsetInternalName(subset, document), f"({escapePDF(codes)}) Tj")
            for subset, codes in face.splitString(line, document)
        ]
        assignments = face.state[document].assignments
        for char in set(line):
            code = assignments.get(32 if char == "\xa0" else ord(char))  # as splitString maps
            if code is not None and code < 256:
                self.known.add(char)
                self.table[ord(char)] = escapePDF(bytes((code,)))
        if self.known and not self.first:
            self.first = face.getSubsetInternalName(0, document)
        if not self.known.issuperset(line):
            self.others[line] = pieces
        return pieces
