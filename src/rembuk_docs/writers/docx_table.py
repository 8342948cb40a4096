"""Long DOCX tables written as XML text: linear in rows, unlike python-docx's add_row.

The text is never parsed: the writer leaves a placeholder paragraph in the document and the table's
rows take its place as the file is saved (see :class:`TableSplicer`), a few hundred rows at a time
straight into the compressor, so that a list of 100,000 rows costs neither an lxml tree of millions
of elements nor a document.xml of 100 MB held as one string. The rest of the body, written as
text by :mod:`.docx_body`, goes in the same way (:meth:`TableSplicer.fragment`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import chain
from typing import TypeAlias
from uuid import uuid4

from ..compose.blocks import Align, DataTable
from ..compose.layout import TABLE_CELL_MARGIN_PT, TABLE_TRAILER_GAP_PT
from ..errors import RenderError
from .docx_body import JC, W_NS
from .xml_text import escape

TABLE_STYLE = "TeksTabel"
TABLE_HEADER_STYLE = "KepalaTabel"
_MARGIN = round(TABLE_CELL_MARGIN_PT * 20)  # twips
PIECE_CHARS = 1 << 18
"""About how much of a table's XML (in characters) is encoded together as one piece of the
document handed to the compressor."""


def _cell(
    text: str,
    width: int,
    align: Align,
    style: str,
    *,
    bottom: bool = False,
    keep: bool = False,
    run_props: str = "",
) -> str:
    lines = text.split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    valign = '<w:vAlign w:val="bottom"/>' if bottom else ""
    keep_next = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_next}<w:jc w:val="{JC[align]}"/></w:pPr>'
        f"<w:r>{run_props}{runs}</w:r></w:p></w:tc>"
    )


_ROWS_AT_ONCE = 256
"""Rows of a table made into one piece of its XML (about :data:`PIECE_CHARS` of a list's)."""


def table_pieces(
    table: DataTable,
    text_width_twips: int,
    *,
    declare_namespace: bool = True,
    font_size_pt: float | None = None,
    closing_xml: str | None = None,
    column_widths_pt: Sequence[float] | None = None,
) -> Iterator[str]:
    """The ``<w:tbl>`` of a data table, in pieces: the table's properties and header row, then
    each row, then the end. The header row is marked to repeat, no row may split.

    Without ``declare_namespace`` the ``w:`` prefix is left to the enclosing document. With
    ``font_size_pt`` every run carries that size instead of the table styles' own.
    ``closing_xml`` (the closing signature's paragraphs and table) becomes the table's last row:
    one borderless cell across every column that may not split. So the rows kept with it
    (``closing_keeps_rows``) go over with it within one table, which LibreOffice honours; it
    ignores keep-with-next from a table that fits its page to what follows the table.
    ``column_widths_pt`` are the widths compose planned (:func:`compose.layout.column_widths`);
    without them the columns share the width in proportion to their relative widths.
    """
    props = ""
    if font_size_pt is not None:
        half_points = round(font_size_pt * 2)
        props = f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'

    xmlns = f' xmlns:w="{W_NS}"' if declare_namespace else ""
    if column_widths_pt is None:
        total = sum(column.width for column in table.columns)
        widths = [int(text_width_twips * column.width / total) for column in table.columns]
    else:
        widths = [int(width * 20) for width in column_widths_pt]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = [
        f"<w:tbl{xmlns}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    ]
    head.extend(
        _cell(
            column.title,
            width,
            Align.CENTER,
            TABLE_HEADER_STYLE,
            keep=table.keep_whole,
            run_props=props,
        )
        for column, width in zip(table.columns, widths, strict=True)
    )
    head.append("</w:tr>")
    yield "".join(head)
    height = (
        f'<w:trHeight w:val="{math.ceil(table.min_row_height_pt * 20)}" w:hRule="atLeast"/>'
        if table.min_row_height_pt
        else ""
    )
    row_start = f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>"
    aligns = [column.align for column in table.columns]
    stagger = table.stagger_column
    # rows kept with what follows (the closing signature): Word's keep-with-next on their paragraphs
    kept_from = len(table.rows) - table.closing_keeps_rows if table.closing else len(table.rows)
    bold_props = props.replace("<w:rPr>", "<w:rPr><w:b/>") if props else "<w:rPr><w:b/></w:rPr>"

    def row_template(keep: bool, row_props: str, odd: bool) -> str:
        """The row's XML with a ``{}`` for each cell's text: the cells' XML around their
        text is the same for every row alike (kept or not, bold or not, odd or even)."""
        cells = []
        for position, width in enumerate(widths):
            if position == stagger:  # odd numbers left, even right, at the foot of the cell
                align = Align.RIGHT if odd else Align.LEFT
                cell = _cell(
                    "\0", width, align, TABLE_STYLE, bottom=True, keep=keep, run_props=row_props
                )
            else:
                cell = _cell(
                    "\0", width, aligns[position], TABLE_STYLE, keep=keep, run_props=row_props
                )
            cells.append(cell.replace("{", "{{").replace("}", "}}").replace("\0", "{}"))
        return row_start.replace("{", "{{").replace("}", "}}") + "".join(cells) + "</w:tr>"

    templates: dict[tuple[bool, bool, bool], str] = {}
    line_break = '</w:t><w:br/><w:t xml:space="preserve">'
    keep_with_previous, bold_rows = table.keep_with_previous, table.bold_rows
    keep_whole = table.keep_whole
    rows = table.rows
    last = len(rows) - 1
    for first in range(0, len(rows), _ROWS_AT_ONCE):
        # rows a few hundred at a time: the cells' special characters looked for in all of
        # them at once, each row's cells escaped only when they hold one; a line break in a
        # cell becomes Word's in the rows' XML (whose own markup holds no newline)
        batch = rows[first : first + _ROWS_AT_ONCE]
        flat = "\0".join(chain.from_iterable(batch))
        special = "&" in flat or "<" in flat or ">" in flat
        out: list[str] = []
        for index, row in enumerate(batch, start=first):
            # a row kept with the next: the closing's rows, and those before a subtotal
            keep = (
                index >= kept_from
                or index + 1 in keep_with_previous
                or (keep_whole and index < last)
            )
            key = (keep, index in bold_rows, stagger is not None and index % 2 == 1)
            template = templates.get(key)
            if template is None:
                row_props = bold_props if key[1] else props
                template = templates[key] = row_template(keep, row_props, key[2])
            if len(row) != len(widths):
                raise ValueError(f"row {index} has {len(row)} cells for {len(widths)} columns")
            if special:
                joined = "\0".join(row)
                if "&" in joined or "<" in joined or ">" in joined:
                    row = tuple(escape(text) for text in row)
            out.append(template.format(*row))
        piece = "".join(out)
        yield piece.replace("\n", line_break) if "\n" in flat else piece
    if closing_xml is not None:
        yield _closing_row(closing_xml, sum(widths), len(widths))
    yield "</w:tbl>"


def _closing_row(content: str, width: int, columns: int) -> str:
    """A row of one cell across ``columns`` columns, without left, right and bottom rules or
    side margins, holding ``content`` after a gap of :data:`TABLE_TRAILER_GAP_PT`."""
    nil = "".join(f'<w:{side} w:val="nil"/>' for side in ("left", "bottom", "right"))
    gap = round((TABLE_TRAILER_GAP_PT - 1) * 20)
    return (
        "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"
        f'<w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="{columns}"/>'
        f"<w:tcBorders>{nil}</w:tcBorders>"
        '<w:tcMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tcMar>'
        "</w:tcPr>"
        f'<w:p><w:pPr><w:spacing w:after="{gap}" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
        f"{content}"
        '<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
        "</w:tc></w:tr>"
    )


Fragment: TypeAlias = str | Callable[[], Iterator[str]]
"""A stretch of a document's body: XML text, or what makes a table's pieces."""


def _chained(parts: Sequence[Fragment]) -> Iterator[str]:
    """The pieces of ``parts`` in order: each text as it is, each table's pieces as made."""
    for part in parts:
        if isinstance(part, str):
            yield part
        else:
            yield from part()


class TableSplicer:
    """Placeholders for long tables and stretches of body text in a document, and the splice that
    puts them in."""

    def __init__(self) -> None:
        self._tables: dict[bytes, Callable[[], Iterator[str]]] = {}

    @staticmethod
    def pieces(
        table: DataTable,
        text_width_twips: int,
        *,
        font_size_pt: float | None = None,
        closing_xml: str | None = None,
        column_widths_pt: Sequence[float] | None = None,
    ) -> Callable[[], Iterator[str]]:
        """What makes the pieces of ``table`` (:func:`table_pieces`, the ``w`` prefix left to
        the document) when the file is saved: an entry of a :meth:`fragment`."""
        return partial(
            table_pieces,
            table,
            text_width_twips,
            declare_namespace=False,
            font_size_pt=font_size_pt,
            closing_xml=closing_xml,
            column_widths_pt=column_widths_pt,
        )

    def fragment(self, parts: Sequence[Fragment]) -> str:
        """The XML of a placeholder paragraph for ``parts``: XML text (the ``w`` prefix left to
        the document) and tables' :meth:`pieces`, spliced in as the file is saved, in order."""
        token = f"rembuk-docs-table-{uuid4().hex}"
        self._tables[token.encode()] = partial(_chained, tuple(parts))
        return f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{token}</w:t></w:r></w:p>'

    def __bool__(self) -> bool:
        return bool(self._tables)

    def splice(self, name: str, content: bytes) -> bytes | Iterator[bytes]:
        """``content`` of zip entry ``name`` with each placeholder paragraph replaced by its
        table: ``content`` itself for another entry, else the document's bytes in pieces (the
        rows of a table a few hundred at a time), to be compressed as they come."""
        if name != "word/document.xml":
            return content
        cuts: list[tuple[int, int, Callable[[], Iterator[str]]]] = []
        for token, pieces in self._tables.items():
            # lxml writes the placeholder exactly so: the w prefix is declared on the root
            paragraph = b"<w:p><w:r><w:t>" + token + b"</w:t></w:r></w:p>"
            if content.count(paragraph) != 1:
                raise RenderError(f"the placeholder of a table was not found once in {name}")
            start = content.index(paragraph)
            cuts.append((start, start + len(paragraph), pieces))
        cuts.sort(key=lambda cut: cut[0])
        return _spliced(content, cuts)


def _spliced(
    content: bytes, cuts: list[tuple[int, int, Callable[[], Iterator[str]]]]
) -> Iterator[bytes]:
    """``content`` with each (start, end) span replaced by the pieces of its table, encoded
    about :data:`PIECE_CHARS` at a time."""
    done = 0
    for start, end, pieces in cuts:
        yield content[done:start]
        batch: list[str] = []
        size = 0
        for piece in pieces():
            batch.append(piece)
            size += len(piece)
            if size >= PIECE_CHARS:
                yield "".join(batch).encode("utf-8")
                batch.clear()
                size = 0
        yield "".join(batch).encode("utf-8")
        done = end
    yield content[done:]
