"""The kop of a DOCX: its lines, the logo above or beside them, the rule, the logo's size."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from docx.image.image import Image as WordImage
from docx.shared import Cm
from lxml import etree

from rembuk_docs.compose.blocks import Document, KopLine, Letterhead
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.formats.loader import load_pack
from rembuk_docs.writers import docx_body as body
from rembuk_docs.writers.docx_letterhead import letterhead
from rembuk_docs.writers.docx_styles import KOP, style_id
from rembuk_docs.writers.docx_writer import DocxWriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LOGO = "<w:r><w:t>LOGO</w:t></w:r>"  # a stand-in for the logo's drawing
LINES = (KopLine("PEMERINTAH KABUPATEN KUPANG", 14), KopLine("Jalan Timor & <Raya>", 10, False))


def _kop(block: Letterhead, logo: str = "") -> list[Any]:
    xml = "".join(letterhead(block, logo, text_width_twips=9000))
    return list(etree.fromstring(f"<w:body{body.XMLNS_W}>{xml}</w:body>"))


def _text(element: Any) -> str:
    return "".join(element.itertext())


def _bottom_border(paragraph: Any) -> Any:
    return paragraph.find(f"{W}pPr/{W}pBdr/{W}bottom")


def test_the_lines_in_the_kop_style_then_a_double_rule() -> None:
    first, second, rule = _kop(Letterhead(LINES))
    assert [_text(first), _text(second)] == ["PEMERINTAH KABUPATEN KUPANG", "Jalan Timor & <Raya>"]
    assert {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in (first, second)} == {style_id(KOP)}
    assert first.find(f"{W}r/{W}rPr/{W}sz").get(f"{W}val") == "28"
    assert first.find(f"{W}r/{W}rPr/{W}b") is not None
    assert second.find(f"{W}r/{W}rPr/{W}b") is None
    assert _text(rule) == "" and _bottom_border(rule).get(f"{W}val") == "thickThinSmallGap"


@pytest.mark.parametrize(
    ("rule", "border", "after_pt"),
    [("single", "single", 12), ("none", None, 12 + 5.4)],
)
def test_without_a_border_the_rule_paragraph_keeps_its_height_in_space(
    rule: str, border: str | None, after_pt: float
) -> None:
    last = _kop(Letterhead(LINES, rule=rule))[-1]
    drawn = _bottom_border(last)
    assert (None if drawn is None else drawn.get(f"{W}val")) == border
    spacing = last.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}after") == str(body.twips_pt(after_pt))


def test_a_centred_logo_stands_above_the_lines() -> None:
    logo, *lines, _rule = _kop(Letterhead(LINES, logo=b"png", logo_placement="center"), LOGO)
    assert _text(logo) == "LOGO" and logo.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    assert [_text(p) for p in lines] == [line.text for line in LINES]


def test_a_logo_on_the_left_has_a_cell_of_its_own_beside_the_lines() -> None:
    table, _rule = _kop(Letterhead(LINES, logo=b"png", logo_width_cm=2.0), LOGO)
    widths = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
    logo_cell = int(Cm(2.4))
    assert widths == [body.twips_emu(logo_cell), body.twips_emu(9000 * 635 - logo_cell)]
    left, right = table.iter(f"{W}tc")
    assert _text(left) == "LOGO"
    assert [_text(p) for p in right.iter(f"{W}p")] == [line.text for line in LINES]
    assert right.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "center"


def test_a_kop_without_lines_is_an_empty_paragraph_before_the_rule() -> None:
    empty, _rule = _kop(Letterhead(()))
    assert etree.tostring(empty) == etree.tostring(etree.fromstring(f"<w:p{body.XMLNS_W}/>"))


@pytest.mark.parametrize("placement", ["left", "center"])
def test_the_writer_decodes_the_logo_once_and_fits_it_in_its_square(
    placement: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    png = placeholder_emblem()
    decoded: list[bytes] = []
    original = WordImage.from_blob

    def counting(blob: bytes) -> WordImage:
        decoded.append(blob)
        return original(blob)

    monkeypatch.setattr(WordImage, "from_blob", staticmethod(counting))
    kop = Letterhead(LINES, logo=png, logo_width_cm=2.2, logo_placement=placement)
    document = Document(name="uji", title="Uji", date=date(2024, 7, 8), blocks=(kop,))
    data = DocxWriter(load_pack("default")).write(document)
    assert decoded == [png]
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    (extent,) = root.iter("{*}extent")
    image = original(png)
    box = int(Cm(2.2))
    factor = min(box / image.px_width, box / image.px_height)  # 500 x 600 px: the height fills
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (round(500 * factor), box)
    assert (image.px_width, image.px_height) == (500, 600)
