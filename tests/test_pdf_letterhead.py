"""The kop of a PDF: its lines centred in their faces and sizes, the logo above or beside them,
the rule under them (double, single or none)."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table

from rembuk_docs.compose.blocks import KopLine, Letterhead
from rembuk_docs.compose.layout import SINGLE_LINE
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.pdf_image import Logo
from rembuk_docs.writers.pdf_letterhead import Rule, letterhead
from rembuk_docs.writers.pdf_paragraph import Paragraph
from rembuk_docs.writers.pdf_styles import Styles

from conftest import pdf_raw_pages

LINES = (KopLine("PEMERINTAH KABUPATEN KUPANG", 14), KopLine("Jalan Timor & <Raya>", 10, False))
WIDTH = 450.0


def _styles() -> Styles:
    return Styles(font_set(load_pack()), 12.0, 14.5)


def _drawn(flow: list[Flowable]) -> str:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(flow)
    (page,) = pdf_raw_pages(buffer.getvalue())
    return page


def test_the_lines_centred_in_their_face_and_size_then_the_rule() -> None:
    styles = _styles()
    first, second, rule, space = letterhead(Letterhead(LINES), styles, WIDTH)
    assert isinstance(first, Paragraph) and isinstance(second, Paragraph)
    assert (first.style.fontName, first.style.fontSize) == (styles.fonts.bold, 14)
    assert (second.style.fontName, second.style.fontSize) == (styles.fonts.regular, 10)
    assert first.style.leading == 14 * SINGLE_LINE and first.style.alignment == TA_CENTER
    assert isinstance(rule, Rule) and (rule.width, rule.style) == (WIDTH, "double")
    assert isinstance(space, Spacer) and space.height == 8
    flow = letterhead(Letterhead(LINES), _styles(), WIDTH)
    assert _drawn(flow) == "PEMERINTAH KABUPATEN KUPANG Jalan Timor & <Raya>"


def test_a_logo_beside_the_lines_stands_in_a_cell_of_its_own() -> None:
    block = Letterhead(LINES, logo=placeholder_emblem(), logo_width_cm=2.0)
    table, rule, _ = letterhead(block, _styles(), WIDTH)
    assert isinstance(table, Table) and isinstance(rule, Rule)
    assert table._colWidths == [2.4 * cm, WIDTH - 2.4 * cm]
    logo, lines = table._cellvalues[0]
    assert isinstance(logo, Logo) and [type(line) for line in lines] == [Paragraph, Paragraph]


def test_a_centred_logo_stands_above_the_lines() -> None:
    block = Letterhead(LINES, logo=placeholder_emblem(), logo_placement="center")
    logo, gap, *lines, rule, _ = letterhead(block, _styles(), WIDTH)
    assert isinstance(logo, Logo) and isinstance(gap, Spacer) and gap.height == 4
    assert [type(line) for line in lines] == [Paragraph, Paragraph] and isinstance(rule, Rule)


@pytest.mark.parametrize(("style", "lines"), [("double", 2), ("single", 1), ("none", 0)])
def test_the_rule_is_twelve_points_tall_whatever_it_draws(style: str, lines: int) -> None:
    rule = Rule(WIDTH, style)
    assert rule.wrap(600, 800) == (WIDTH, 12)
    canvas = Canvas(io.BytesIO())
    start = len(canvas._code)
    rule.drawOn(canvas, 0, 0)
    drawn = " ".join(canvas._code[start:])
    assert drawn.count(" l S") == lines
