"""The neutral document structure that every composer builds and every writer turns into a file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Align(StrEnum):
    """Horizontal alignment of a paragraph or a table column."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class TextStyle(StrEnum):
    """What a paragraph is: the DOCX writer gives each its own Word paragraph style (body text,
    a section heading), so that a secretary editing in Word sees and can change them."""

    BODY = "body"
    HEADING = "heading"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one look. ``text`` is plain text: writers escape it themselves."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


Inline = tuple[Run, ...]


def plain(text: str) -> Inline:
    """A one-run inline of plain text."""
    return (Run(text),)


def bold(text: str) -> Inline:
    """A one-run inline of bold text."""
    return (Run(text, bold=True),)


def inline_text(content: Inline) -> str:
    """The words of an inline, without formatting."""
    return "".join(run.text for run in content)


@dataclass(frozen=True, slots=True)
class KopLine:
    """One line of the letterhead with its size in points."""

    text: str
    size: float
    bold: bool = True


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The kop: optional logo (left of the lines, or centred above them), centred lines, a rule."""

    lines: tuple[KopLine, ...]
    logo: bytes | None = None
    logo_width_cm: float = 2.2
    rule: str = "double"
    logo_placement: str = "left"


@dataclass(frozen=True, slots=True)
class Title:
    """Centred bold title lines, e.g. 'KESEPAKATAN BERSAMA', then an optional 'NOMOR : ...' line."""

    lines: tuple[str, ...]
    number: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline text; ``style`` says whether it is body text or a heading."""

    content: Inline
    align: Align = Align.JUSTIFY
    first_line_indent_cm: float = 0.0
    left_indent_cm: float = 0.0
    space_after_pt: float = 6.0
    keep_with_next: bool = False
    style: TextStyle = TextStyle.BODY


@dataclass(frozen=True, slots=True)
class ListItem:
    """A numbered statement with lettered sub-items."""

    content: Inline
    children: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class NumberedList:
    """Items numbered 1., 2., 3. with sub-items lettered (A), (B), (C).

    With ``keep_last_with_next`` the last item (and its sub-items) stays on the page of what
    follows: a signature that closes the list (see :func:`compose.layout.lead_signatures`).
    """

    items: tuple[ListItem, ...]
    keep_last_with_next: bool = False


@dataclass(frozen=True, slots=True)
class Fields:
    """Label : value lines, e.g. 'Hari/Tanggal : Senin, 25 Juli 2022', aligned on the colon."""

    rows: tuple[tuple[str, str], ...]
    label_width_cm: float = 4.0


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """One signature: lines above (jabatan), blank space, the name, lines below (pangkat, NIP)."""

    above: tuple[str, ...]
    name: str
    below: tuple[str, ...] = ()
    name_bold: bool = True
    name_underline: bool = True


@dataclass(frozen=True, slots=True)
class SignatureGrid:
    """Signature blocks laid out ``columns`` per row; a block never splits across pages.

    ``heading`` lines (place and date, 'Yang bersepakat,') stay on the page of the first row.
    A single block in a row with ``columns`` > 1 sits in the last column when ``last_alone_right``.
    With ``last_alone`` the last block stands in a row of its own, centred: 'Mengetahui' under
    the signatories, part of their grid so that it moves with them and never splits from them.
    """

    blocks: tuple[SignatureBlock, ...]
    columns: int = 2
    heading: tuple[str, ...] = ()
    heading_align: Align = Align.CENTER
    space_lines: int = 4
    last_alone_right: bool = False
    last_alone: bool = False

    def rows(self) -> list[tuple[SignatureBlock, ...]]:
        """The blocks row by row, as both writers lay them out: ``columns`` to a row, the last
        block alone in the last row when ``last_alone``."""
        blocks = self.blocks[:-1] if self.last_alone and self.blocks else self.blocks
        rows = [
            blocks[start : start + self.columns] for start in range(0, len(blocks), self.columns)
        ]
        if self.last_alone and self.blocks:
            rows.append(self.blocks[-1:])
        return rows


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a data table: its header, relative width and alignment."""

    title: str
    width: float
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class DataTable:
    """A long bordered table: the header row repeats on every page and no row splits.

    ``rows`` holds plain strings (``\\n`` for a line break). ``stagger_column`` names the signature
    column whose cells sit on the left half for odd row numbers and the right half for even ones.
    ``closing`` is a signature grid printed under the table (e.g. 'Mengetahui,'); the last
    ``closing_keeps_rows`` rows stay on its page so that it never stands alone on a page.
    ``bold_rows`` are printed bold (subtotals, totals); a row in ``keep_with_previous`` never
    starts a page, so a subtotal stays with the rows it sums.
    The last ``blank_rows`` rows are blank rows to write in (walk-ins); ``spare_rows`` are more
    of them, which the writers do not print: :func:`compose.layout.fit_to_pages` moves as many
    into ``rows`` as fill the table's last page, or drops blank rows that would begin a page.
    A ``keep_whole`` table goes over to the next page whole rather than split (a short table
    after its heading, see :func:`compose.layout.lead_signatures`).
    """

    columns: tuple[Column, ...]
    rows: Sequence[tuple[str, ...]]
    stagger_column: int | None = None
    min_row_height_pt: float = 0.0
    font_size_delta: float = -1.0
    closing: SignatureGrid | None = None
    closing_keeps_rows: int = 2
    bold_rows: frozenset[int] = frozenset()
    keep_with_previous: frozenset[int] = frozenset()
    blank_rows: int = 0
    spare_rows: Sequence[tuple[str, ...]] = ()
    keep_whole: bool = False


@dataclass(frozen=True, slots=True)
class Picture:
    """A photo with its caption. ``data`` is a JPEG, drawn ``width_cm`` x ``height_cm`` (its
    proportions, decided once in compose/layout.py) so that both writers show the same size."""

    data: bytes
    width_cm: float
    height_cm: float
    caption: str


@dataclass(frozen=True, slots=True)
class PictureGrid:
    """Pictures ``columns`` to a row, each centred in a cell ``cell_width_cm`` wide above its
    caption; ``row_height_cm`` is the room of the tallest picture of a row (its caption below).
    A row never splits across pages."""

    pictures: tuple[Picture, ...]
    columns: int
    cell_width_cm: float
    row_height_cm: float


@dataclass(frozen=True, slots=True)
class Spacer:
    """Vertical space in points."""

    height_pt: float


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True, slots=True)
class Orientation:
    """From here on the pages are landscape (or portrait again), starting on a new page.

    As the first block it sets the orientation of the first page. Both writers honour it: the
    PDF writer switches page templates, the DOCX writer starts a new section.
    """

    landscape: bool


Block = (
    Letterhead
    | Title
    | Paragraph
    | NumberedList
    | Fields
    | SignatureGrid
    | DataTable
    | PictureGrid
    | Spacer
    | PageBreak
    | Orientation
)


@dataclass(frozen=True)
class Document:
    """One composed document, ready for any writer.

    ``name`` is the file stem (``kesepakatan``); ``title``, ``subject``, ``author`` and ``date`` go
    into the file's metadata; ``page_numbers`` numbers its pages from page 2 (the pack says how).
    ``number`` is the document's nomor, if it has one (Word-authored templates receive it).
    ``watermark`` ('DRAF') is printed diagonally across every page while the document is a draft.
    """

    name: str
    title: str
    blocks: tuple[Block, ...]
    date: date
    subject: str = ""
    author: str = ""
    page_numbers: bool = True
    keywords: tuple[str, ...] = field(default=())
    number: str | None = None
    watermark: str | None = None


def document_text(document: Document) -> list[str]:
    """Every line of words a document carries, in reading order (for tests and comparisons)."""
    lines: list[str] = []
    for block in document.blocks:
        match block:
            case Letterhead():
                lines.extend(line.text for line in block.lines)
            case Title():
                lines.extend(block.lines)
                if block.number:
                    lines.append(block.number)
            case Paragraph():
                lines.append(inline_text(block.content))
            case NumberedList():
                for item in block.items:
                    lines.append(inline_text(item.content))
                    lines.extend(inline_text(child) for child in item.children)
            case Fields():
                lines.extend(f"{label} : {value}" for label, value in block.rows)
            case SignatureGrid():
                lines.extend(_grid_text(block))
            case DataTable():
                lines.append(" ".join(column.title for column in block.columns))
                lines.extend(" ".join(row) for row in block.rows)
                if block.closing is not None:
                    lines.extend(_grid_text(block.closing))
            case PictureGrid():
                lines.extend(picture.caption for picture in block.pictures)
            case Spacer() | PageBreak() | Orientation():
                pass
    return lines


def _grid_text(grid: SignatureGrid) -> list[str]:
    """The lines of a signature grid in reading order: block by block, jabatan to NIP."""
    lines = list(grid.heading)
    for sig in grid.blocks:
        lines.extend((*sig.above, sig.name, *sig.below))
    return lines
