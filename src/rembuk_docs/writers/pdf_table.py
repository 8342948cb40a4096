"""A long table flowable for reportlab whose cost is linear in rows.

reportlab's Table re-measures the remaining rows at every page split, so long lists grow faster
than linearly. Here every cell is wrapped once and row heights are summed once (prefix sums,
:mod:`.table_rows`), and a split is a pair of views over the same rows: O(1) per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable
from reportlab.rl_config import _FUZZ

from ..compose.blocks import Align, DataTable
from ..compose.layout import (
    FRAME_FOOT_SLACK_PT,
    TABLE_SPLIT_SLACK_PT,
    TABLE_TRAILER_GAP_PT,
)
from .fonts import FontSet
from .table_rows import (
    PADDING,
    SIDE,
    Cell,
    PagesSkippedHook,
    SignatureCellHook,
    TableRows,
    cell_lines,
)

__all__ = ["LongTable", "PagesSkippedHook", "SignatureCellHook"]

TRAILER_GAP = TABLE_TRAILER_GAP_PT


class LongTable(Flowable):  # type: ignore[misc]
    """Rows ``start`` to ``end`` of a data table, with the header row on top of every piece."""

    def __init__(self, rows: TableRows, start: int, end: int) -> None:
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
        *,
        on_signature_cell: SignatureCellHook | None = None,
        on_pages_skipped: PagesSkippedHook | None = None,
    ) -> LongTable:
        """Wrap every cell of ``table`` once and return the whole table as one flowable.

        ``trailer`` (the closing signature) is drawn under the last row, on the same page as
        the table's last ``closing_keeps_rows`` rows. ``on_signature_cell`` is told where each
        row's signing half of the staggered column is drawn (for signature fields).
        ``on_pages_skipped`` (a measure-only writer's, ignored with ``on_signature_cell``)
        makes the table a measure: the pages it fills alone are counted and told to it
        (:meth:`_skipped`), its rows' lines counted without keeping a cell, nothing drawn.
        """
        measure_only = on_pages_skipped is not None and on_signature_cell is None
        rows = TableRows(table, widths, fonts, size, heights_only=measure_only)
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
        self.height = self._piece_height(self._start)
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
        """The height of a piece of rows ``start`` to this piece's end (:meth:`wrap`'s): the
        header, the rows, and the closing under the table's last row."""
        rows = self._rows
        height = rows.header_height + rows.height(start, self._end)
        if self._has_trailer and rows.trailer is not None:
            if rows.trailer_height < 0:  # measured once, on the first canvas that asks
                _, trailer = rows.trailer.wrapOn(self.canv, self.width, 10**6)
                rows.trailer_height = trailer + TRAILER_GAP
            height += rows.trailer_height
        return height

    def _fits(self, start: int, top: float, foot: float) -> bool:
        """Whether the frame takes a piece of rows ``start`` to this piece's end whole between
        ``top`` and ``foot`` (its test: the piece's foot at most ``_FUZZ`` under ``foot``)."""
        return not top - self._piece_height(start) < foot - _FUZZ

    def _placed(self, start: int, top: float, foot: float) -> bool:
        """Whether the frame would put any row from ``start`` (to this piece's end) between
        ``top`` and ``foot``, not at the head of a page: the whole piece, or a piece split."""
        room = top - foot
        if room <= 0:
            return False
        return self._fits(start, top, foot) or self._cut(start, room) > start

    def _skipped(self, cut: int, frame: Any) -> int:
        """Pages of this table measured without laying them out (``on_pages_skipped``: only
        the measure of a document whose PDF is not written, see ``PdfWriter(measure_only=)``).

        Only a split the frame itself asks for (``_frame`` set: reportlab places its first
        piece now and lays the rest out next, never dropping either) counts pages, so that the
        pages told are the pages the rest is laid out after.

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
        while not self._fits(start, top, foot):  # the rest fills more than a page
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
                for line in cell_lines(cell):
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
            lines = cell_lines(cell)
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
