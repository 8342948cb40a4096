"""The PDF writer's styles: each paragraph style made once, tables and line counts in the pack's font."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT

from rembuk_docs.compose.blocks import Align
from rembuk_docs.formats import load_pack
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.pdf_styles import ALIGN, Styles
from rembuk_docs.writers.pdf_writer import PdfWriter


def test_a_writer_makes_each_paragraph_style_once() -> None:
    """The styles a writer derives are made once and given again: the same changes give the
    very style, other changes or another parent another one, each with the body's font."""
    writer = PdfWriter(load_pack())
    styles = writer.styles
    centred = styles.style(alignment=TA_CENTER, leftIndent=2.0)
    assert styles.style(leftIndent=2.0, alignment=TA_CENTER) is centred
    left = styles.style(alignment=TA_LEFT)
    assert left is not centred and left.alignment == TA_LEFT
    assert centred.alignment == TA_CENTER and centred.leftIndent == 2.0
    assert centred.fontName == writer.fonts.regular and centred.leading == writer.leading
    item = styles.derived("item", centred, spaceAfter=4)
    assert styles.derived("item", centred, spaceAfter=4) is item
    assert styles.derived("item", left, spaceAfter=4) is not item
    assert (item.alignment, item.leftIndent, item.spaceAfter) == (TA_CENTER, 2.0, 4)
    assert PdfWriter(load_pack()).styles.style(alignment=TA_CENTER) is not styles.style(
        alignment=TA_CENTER
    )


def test_the_body_style_is_justified_in_the_regular_face_without_widows() -> None:
    fonts = font_set(load_pack())
    base = Styles(fonts, 11.0, 14.5).base
    assert (base.fontName, base.fontSize, base.leading) == (fonts.regular, 11.0, 14.5)
    assert base.alignment == TA_JUSTIFY and ALIGN[Align.JUSTIFY] == TA_JUSTIFY
    assert (base.allowWidows, base.allowOrphans, base.spaceShrinkage) == (0, 0, 0)


def test_a_table_puts_every_cell_in_the_pack_font_before_its_own_commands() -> None:
    fonts = font_set(load_pack())
    styles = Styles(fonts, 11.0, 14.5)
    table = styles.table(
        [["Nama", "Jabatan"], ["Ani", "Ketua"]],
        [80.0, 120.0],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (1, 1), (1, 1), fonts.bold, 9)],
    )
    cells = [cell for row in table._cellStyles for cell in row]
    assert [(cell.fontname, cell.fontsize) for cell in cells[:3]] == [(fonts.regular, 11.0)] * 3
    assert (cells[3].fontname, cells[3].fontsize) == (fonts.bold, 9)
    assert {cell.valign for cell in cells} == {"TOP"}


def test_lines_counts_the_lines_a_text_wraps_into_at_the_body_size() -> None:
    styles = Styles(font_set(load_pack()), 11.0, 14.5)
    text = "Kepala Desa Sukamaju Kecamatan Sukamakmur " * 3
    assert styles.lines("Ketua", 200.0) == 1
    assert styles.lines(text, 100.0) > styles.lines(text, 400.0) > 1
