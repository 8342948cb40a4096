"""The signature grid of a PDF: one table per row of signature blocks, names on one line, the
signing space the writer gives, the rows grouped to keep together as compose says."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from rembuk_docs.compose.blocks import Align, SignatureBlock, SignatureGrid
from rembuk_docs.compose.layout import SIGNATURE_CELL_MARGIN_PT
from rembuk_docs.formats import load_pack
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.pdf_paragraph import Paragraph
from rembuk_docs.writers.pdf_signature_grid import signature_grid, signature_rows
from rembuk_docs.writers.pdf_styles import Styles

WIDTH = 450.0
LEADING = 14.5


def _styles() -> Styles:
    return Styles(font_set(load_pack()), 12.0, LEADING)


def _grid(count: int, **changes: object) -> SignatureGrid:
    blocks = tuple(
        SignatureBlock(above=(f"Jabatan {n},",), name=f"Nama {n}", below=(f"NIP. {n}",))
        for n in range(1, count + 1)
    )
    return SignatureGrid(blocks=blocks, **changes)  # type: ignore[arg-type]


class _Spaces:
    """A signing space maker that records what it was asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, float, float]] = []

    def __call__(self, signature: SignatureBlock, width: float, height: float) -> Flowable:
        self.asked.append((signature.name, width, height))
        return Spacer(1, height)


def test_each_row_is_a_table_of_the_columns_with_the_signing_space_asked() -> None:
    spaces = _Spaces()
    heading, rows = signature_rows(
        _grid(3, heading=("Yang bersepakat,", ""), heading_align=Align.LEFT, space_lines=3),
        _styles(),
        WIDTH,
        spaces,
    )
    assert [paragraph.text for paragraph in heading] == ["Yang bersepakat,", "&nbsp;"]
    assert heading[0].style.alignment == TA_LEFT
    assert all(isinstance(row, Table) for row in rows) and len(rows) == 2
    assert rows[0]._colWidths == [WIDTH / 2] * 2
    assert rows[1]._colWidths == [WIDTH]  # a last block alone spans the frame (centred)
    inner = WIDTH / 2 - 2 * SIGNATURE_CELL_MARGIN_PT
    assert spaces.asked == [(f"Nama {n}", inner, 3 * LEADING) for n in (1, 2, 3)]
    above, space, name, below = rows[0]._cellvalues[0][0]
    assert isinstance(above, Paragraph) and above.text == "Jabatan 1,"
    assert (
        isinstance(space, Spacer) and name.text == "<b><u>Nama 1</u></b>" and below.text == "NIP. 1"
    )


def test_a_last_block_alone_on_the_right_leaves_the_first_cells_empty() -> None:
    _, rows = signature_rows(_grid(3, last_alone_right=True), _styles(), WIDTH, _Spaces())
    assert rows[1]._colWidths == [WIDTH / 2] * 2 and rows[1]._cellvalues[0][0] == ""


def test_shorter_jabatan_are_padded_above_so_names_stand_on_one_line() -> None:
    long_jabatan = SignatureBlock(above=("Kepala Dinas Kesehatan", "Kabupaten Kupang,"), name="A")
    grid = SignatureGrid(blocks=(long_jabatan, SignatureBlock(above=("Camat,",), name="B")))
    _, (row,) = signature_rows(grid, _styles(), WIDTH, _Spaces())
    left, right = row._cellvalues[0]
    assert isinstance(right[0], Spacer) and right[0].height == LEADING
    assert not isinstance(left[0], Spacer)


def test_a_grid_that_fits_moves_whole_with_its_lead_and_heading() -> None:
    lead = [Paragraph("Demikian kesepakatan ini dibuat.", _styles().base)]
    flow = signature_grid(
        _grid(4, heading=("Yang bersepakat,",)),
        _styles(),
        load_pack(),
        frame_width=WIDTH,
        frame_height=700.0,
        signing_space=_Spaces(),
        lead=lead,
    )
    (group,) = flow
    assert isinstance(group, KeepTogether)
    assert group._content[0] is lead[0] and len(group._content) == 2 + 2  # lead, heading, rows


def test_a_grid_taller_than_a_page_continues_row_by_row() -> None:
    flow = signature_grid(
        _grid(8),
        _styles(),
        load_pack(),
        frame_width=WIDTH,
        frame_height=200.0,
        signing_space=_Spaces(),
    )
    # rows 1 and 2 each alone; the last row goes with the one before it
    assert [len(group._content) for group in flow] == [1, 1, 2]


def test_a_grid_without_blocks_is_its_lead_and_heading() -> None:
    lead: list[Flowable] = [Spacer(1, 10)]
    flow = signature_grid(
        _grid(0, heading=("Mengetahui,",)),
        _styles(),
        load_pack(),
        frame_width=WIDTH,
        frame_height=700.0,
        signing_space=_Spaces(),
        lead=lead,
    )
    assert flow[0] is lead[0] and [type(item) for item in flow] == [Spacer, Paragraph]
