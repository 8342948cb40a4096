"""The DOCX page furniture and the parts a document adds to its blank: headers and footers with
their page fields and watermark, referenced from the first section; pictures related once each."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from rembuk_docs.compose.blocks import (
    Document,
    KopLine,
    Letterhead,
    Orientation,
    Paragraph,
    Picture,
    PictureGrid,
    Run,
)
from rembuk_docs.compose.layout import page_of_total_parts
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.formats.loader import load_pack
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.writers.docx_furniture import add_page_furniture, furniture_parts
from rembuk_docs.writers.docx_writer import DocxWriter

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
DAERAH, NEGARA = placeholder_emblem(), placeholder_emblem("NEGARA")


def _document(*, watermark: str | None = "DRAF", page_numbers: bool = True) -> Document:
    return Document(
        name="uji",
        title="Berita Acara & <Rembuk>",
        date=date(2024, 7, 8),
        author="Bappeda",
        keywords=("rembuk stunting", "uji"),
        page_numbers=page_numbers,
        watermark=watermark,
        blocks=(
            Letterhead((KopLine("PEMERINTAH KABUPATEN KUPANG", 14),), logo=DAERAH),
            Paragraph((Run("Pada hari ini telah dilaksanakan rembuk stunting."),)),
            Orientation(landscape=True),
            PictureGrid(
                (
                    Picture(NEGARA, 3.0, 3.0, "Foto 1"),
                    Picture(DAERAH, 3.0, 3.0, "Foto 2"),  # the kop's logo again
                    Picture(NEGARA, 2.0, 2.0, "Foto 3"),
                ),
                columns=3,
                cell_width_cm=5.0,
                row_height_cm=4.0,
            ),
        ),
    )


def _pack(numbers: str) -> FormatPack:
    pack = load_pack("default")
    return pack.model_copy(update={"page": pack.page.model_copy(update={"numbers": numbers})})


def _write(numbers: str, **options: Any) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(DocxWriter(_pack(numbers)).write(_document(**options))))


def _related(archive: zipfile.ZipFile) -> dict[str, str]:
    """The document's relationships: rId -> the part's zip entry."""
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    return {rel.get("Id"): "word/" + rel.get("Target") for rel in rels}


def _furniture(archive: zipfile.ZipFile) -> dict[tuple[str, str], Any]:
    """The first section's header and footer parts, by (kind, type), as lxml elements."""
    document = etree.fromstring(archive.read("word/document.xml"))
    first = document.xpath("//w:sectPr", namespaces=NS)[0]
    related = _related(archive)
    found = {}
    for reference in first.xpath("w:headerReference | w:footerReference", namespaces=NS):
        kind = etree.QName(reference).localname.removesuffix("Reference")
        part = related[reference.get(qn("r:id"))]
        found[kind, reference.get(qn("w:type"))] = etree.fromstring(archive.read(part))
    return found


def _text(element: Any) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


def test_page_numbers_top_center_and_the_watermark_in_both_headers() -> None:
    archive = _write("top-center")
    parts = _furniture(archive)
    assert set(parts) == {
        (kind, type_) for kind in ("header", "footer") for type_ in ("first", "default")
    }
    header = parts["header", "default"]
    assert _text(header) == "- 2 -"
    assert header.xpath("//w:fldSimple/@w:instr", namespaces=NS) == ["PAGE"]
    assert header.xpath("//w:pPr/w:jc/@w:val", namespaces=NS) == ["center"]
    assert _text(parts["header", "first"]) == ""  # numbers start on page 2
    for index, kind in enumerate(("first", "default"), start=1):
        shape = parts["header", kind].xpath("//v:shape", namespaces=NS)
        assert [s.get("id") for s in shape] == [f"RembukDocsWatermark{index}"]
        assert shape[0].xpath("v:textpath/@string", namespaces=NS) == ["DRAF"]
    for kind in ("first", "default"):  # the footers are there, and empty
        assert parts["footer", kind].xpath("//w:r", namespaces=NS) == []
    word = docx.Document(io.BytesIO(archive.fp.getvalue()))  # type: ignore[union-attr]
    assert word.sections[0].different_first_page_header_footer
    assert word.sections[0].header_distance.cm == pytest.approx(1.0, abs=0.01)


def test_page_of_total_in_the_default_footer_with_the_packs_wording() -> None:
    archive = _write("page-of-total", watermark=None)
    parts = _furniture(archive)
    footer = parts["footer", "default"]
    pieces = page_of_total_parts(load_pack("default"))
    assert footer.xpath("//w:fldSimple/@w:instr", namespaces=NS) == ["PAGE", "NUMPAGES"]
    assert "".join("2" if p in ("PAGE", "NUMPAGES") else p for p in pieces) == _text(footer)
    assert _text(footer).startswith("Halaman 2")
    assert set(footer.xpath("//w:r/w:rPr/w:sz/@w:val", namespaces=NS)) == {"18"}  # 9 pt
    assert footer.xpath("//w:pPr/w:jc/@w:val", namespaces=NS) == ["right"]
    assert parts["footer", "first"].xpath("//w:r", namespaces=NS) == []
    assert all(not part.xpath("//v:shape", namespaces=NS) for part in parts.values())


def test_the_furniture_goes_to_the_first_section_when_the_page_turns() -> None:
    archive = _write("top-center")
    word = docx.Document(io.BytesIO(archive.fp.getvalue()))  # type: ignore[union-attr]
    first, last = word.sections[0], word.sections[-1]
    assert len(word.sections) == 2
    assert first._sectPr.xpath("w:headerReference") and first._sectPr.xpath("w:titlePg")
    assert not last._sectPr.xpath("w:headerReference | w:footerReference")
    assert last.header.is_linked_to_previous  # Word shows the first section's
    assert "".join(last.header._element.xpath(".//w:t/text()")) == "- 2 -"


@pytest.mark.parametrize(
    ("numbers", "watermark"),
    [("top-center", "DRAF"), ("page-of-total", None), ("page-of-total", "R & D"), ("none", None)],
)
def test_furniture_parts_are_what_python_docx_makes(numbers: str, watermark: str | None) -> None:
    footer_parts = page_of_total_parts(load_pack("default")) if numbers == "page-of-total" else ()
    word = docx.Document()
    add_page_furniture(word, numbers=numbers, watermark=watermark, footer_parts=footer_parts)
    section = word.sections[0]
    theirs = [
        story.part.blob
        for story in (
            section.first_page_header,
            section.header,
            section.first_page_footer,
            section.footer,
        )
    ]
    ours = furniture_parts(numbers=numbers, watermark=watermark, footer_parts=footer_parts)
    assert list(ours) == theirs
    # made once per look: the second call gives the same bytes
    assert furniture_parts(numbers=numbers, watermark=watermark, footer_parts=footer_parts) == ours


def test_pictures_keep_their_rids_one_part_per_picture() -> None:
    archive = _write("none", watermark=None, page_numbers=False)
    document = etree.fromstring(archive.read("word/document.xml"))
    embeds = document.xpath("//a:blip/@r:embed", namespaces=NS)
    assert len(embeds) == 4  # the kop's logo, then the three photos
    assert embeds[0] == embeds[2] and embeds[1] == embeds[3] and embeds[0] != embeds[1]
    related = _related(archive)
    assert archive.read(related[embeds[0]]) == DAERAH
    assert archive.read(related[embeds[1]]) == NEGARA
    media = sorted(name for name in archive.namelist() if name.startswith("word/media/"))
    assert media == ["word/media/image1.png", "word/media/image2.png"]
    ids = document.xpath("//wp:docPr/@id", namespaces=NS)
    assert ids == ["1", "2", "3", "4"]
    types = archive.read("[Content_Types].xml")
    assert b'<Default Extension="png" ContentType="image/png"/>' in types
    word = docx.Document(io.BytesIO(archive.fp.getvalue()))  # type: ignore[union-attr]
    images = {
        rel.rId: rel.target_part.blob for rel in word.part.rels.values() if rel.reltype == RT.IMAGE
    }
    assert images == {embeds[0]: DAERAH, embeds[1]: NEGARA}
    assert (
        word.tables[0].cell(0, 1).text == "PEMERINTAH KABUPATEN KUPANG"
    )  # the kop beside its logo


def test_the_core_properties_say_the_documents_metadata() -> None:
    archive = _write("none")
    word = docx.Document(io.BytesIO(archive.fp.getvalue()))  # type: ignore[union-attr]
    props = word.core_properties
    assert props.title == "Berita Acara & <Rembuk>"
    assert (props.author, props.keywords) == ("Bappeda", "rembuk stunting, uji")
    assert props.created is not None and props.created.date() == date(2024, 7, 8)
    assert props.revision == 1
