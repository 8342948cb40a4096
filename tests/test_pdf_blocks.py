"""A PDF's titles, numbered lists, fields and picture grids as flowables: their text in order,
what keeps together, the widths the frame gives them."""

from __future__ import annotations

import io

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table

from rembuk_docs.compose.blocks import (
    Fields,
    ListItem,
    NumberedList,
    Picture,
    PictureGrid,
    Title,
    plain,
)
from rembuk_docs.compose.layout import AFTER_FIELDS_PT
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.pdf_blocks import fields, numbered_list, picture_grid, title
from rembuk_docs.writers.pdf_styles import Styles

from conftest import pdf_raw_pages

WIDTH = 450.0


def _styles() -> Styles:
    return Styles(font_set(load_pack()), 12.0, 14.5)


def _drawn(flow: list[Flowable]) -> list[str]:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(flow)
    return pdf_raw_pages(buffer.getvalue())


def test_a_title_keeps_its_lines_and_number_together() -> None:
    block = Title(("KESEPAKATAN BERSAMA TENTANG PENCEGAHAN STUNTING",), "NOMOR : 01/2022")
    (kept,) = title(block, _styles(), WIDTH)
    assert isinstance(kept, KeepTogether)
    paragraphs = kept._content[:-1]
    assert [paragraph.text for paragraph in paragraphs] == [
        "KESEPAKATAN BERSAMA",
        "TENTANG",
        "PENCEGAHAN STUNTING",
        "NOMOR : 01/2022",
    ]
    assert paragraphs[0].style.fontName == _styles().fonts.bold
    assert paragraphs[-1].style.fontName == _styles().fonts.regular
    assert isinstance(kept._content[-1], Spacer) and kept._content[-1].height == 12


def test_a_numbered_list_numbers_its_items_and_letters_their_sub_items() -> None:
    block = NumberedList(
        (
            ListItem(plain("Satu"), (plain("anak & ibu"), plain("posyandu"))),
            ListItem(plain("Dua")),
        ),
        keep_last_with_next=True,
    )
    flow = numbered_list(block, _styles())
    assert [flowable.bulletText for flowable in flow] == ["1.", "(A)", "(B)", "2."]
    assert [flowable.style.spaceAfter for flowable in flow] == [0, 0, 4, 4]
    assert [flowable.style.leftIndent for flowable in flow] == [
        0.8 * cm,
        1.8 * cm,
        1.8 * cm,
        0.8 * cm,
    ]
    assert [flowable.getKeepWithNext() for flowable in flow] == [0, 0, 0, 1]
    assert _drawn(flow) == ["1. Satu (A) anak & ibu (B) posyandu 2. Dua"]


def test_fields_are_a_frame_wide_table_aligned_on_the_colon() -> None:
    block = Fields((("Hari/Tanggal", "Senin, 25 Juli 2022"), ("Tempat", "Balai <Desa>")), 3.0)
    table, space = fields(block, _styles(), WIDTH)
    assert isinstance(table, Table) and isinstance(space, Spacer)
    assert table._colWidths == [3.0 * cm, 0.5 * cm, WIDTH - 3.5 * cm]
    assert space.height == AFTER_FIELDS_PT
    assert _drawn([table]) == ["Hari/Tanggal : Senin, 25 Juli 2022 Tempat : Balai <Desa>"]


def test_a_picture_grid_is_one_table_kept_whole_per_row_of_columns() -> None:
    photo = placeholder_emblem()
    pictures = tuple(Picture(photo, 4.0, 3.0, f"Foto {n}") for n in range(1, 4))
    block = PictureGrid(pictures, columns=2, cell_width_cm=7.5, row_height_cm=4.0)
    rows = picture_grid(block, _styles(), WIDTH)
    assert len(rows) == 2 and all(isinstance(row, KeepTogether) for row in rows)
    first, last = (row._content[0] for row in rows)
    assert first._colWidths == last._colWidths == [WIDTH / 2] * 2
    assert last._cellvalues[0][1] == ""  # the row's empty cell
    assert _drawn(rows) == ["Foto 1 Foto 2 Foto 3"]
