"""DOCX packaging: cached blanks per layout, one-pass saving, and the same bytes every time."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.parts.hdrftr import HeaderPart

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.writers import docx_package
from rembuk_docs.writers.archive import FIXED_ZIP_TIME, normalise_zip
from rembuk_docs.writers.docx_package import DocumentParts, blank_parts, package_bytes


def _page_width_mm(data: bytes) -> float:
    section = Document(io.BytesIO(data)).sections[0]
    return round(section.page_width.mm, 1)


@pytest.mark.parametrize("document", ["kesepakatan", "daftar-hadir", "berita-acara"])
def test_the_same_input_gives_the_same_bytes_whatever_came_before(
    kupang: Rembuk, document: str
) -> None:
    first = rembuk_docs.render_bytes(kupang, document, "docx")
    rembuk_docs.render_bytes(kupang, "notulen", "docx", paper="F4")  # another layout in between
    assert rembuk_docs.render_bytes(kupang, document, "docx") == first


def test_each_layout_gets_its_own_blank(kupang: Rembuk) -> None:
    a4 = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx")
    f4 = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", paper="F4")
    assert _page_width_mm(a4) == 210.0
    assert _page_width_mm(f4) == 215.0
    assert rembuk_docs.render_bytes(kupang, "kesepakatan", "docx") == a4


def test_entries_are_dated_1980_with_content_types_first(kupang_docx: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(kupang_docx))
    infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert "word/document.xml" in archive.namelist()
    assert {info.date_time for info in infos} == {FIXED_ZIP_TIME}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_one_pass_saving_equals_python_docx_save_then_normalising() -> None:
    word = Document()
    word.add_paragraph("Pernyataan Bersama Rembuk Stunting")
    buffer = io.BytesIO()
    word.save(buffer)
    assert package_bytes(word) == normalise_zip(buffer.getvalue())


def test_a_transform_rewrites_the_entries_it_names() -> None:
    word = Document()
    word.add_paragraph("PENANDA")
    data = package_bytes(
        word,
        transform=lambda name, content: (
            content.replace(b"PENANDA", b"GANTI") if name == "word/document.xml" else content
        ),
    )
    assert [p.text for p in Document(io.BytesIO(data)).paragraphs] == ["GANTI"]


def test_a_blank_is_built_once_per_layout_and_the_cache_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REMBUK_DOCS_CACHE", "off")  # each blank built here, not read from disk
    built: list[str] = []

    def build(key: str) -> object:
        built.append(key)
        word = Document()
        word.add_paragraph(key)
        return word

    keys = [f"test-layout-{number}" for number in range(docx_package._MAX_BLANKS + 2)]
    for key in keys:
        blank_parts(key, lambda key=key: build(key))
    again = DocumentParts(blank_parts(keys[-1], lambda: build("never")))
    assert built == keys
    assert again.element.body.xpath("string(.//w:t)") == keys[-1]
    assert len(docx_package._BLANKS) == docx_package._MAX_BLANKS
    assert keys[0] not in docx_package._BLANKS


def test_a_blank_is_a_copy_changing_one_document_leaves_the_next_alone() -> None:
    blank = blank_parts("test-copy", lambda: Document())
    first = DocumentParts(blank)
    first.element.body.add_p().add_r().text = "hanya di dokumen pertama"
    first.core_properties().title = "pertama"
    first.relate("/word/header1.xml", CT.WML_HEADER, b"<w:hdr/>", RT.HEADER)
    data = DocumentParts(blank).save()
    second = Document(io.BytesIO(data))
    assert all("pertama" not in p.text for p in second.paragraphs)
    assert second.core_properties.title != "pertama"
    assert "word/header1.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_document_parts_save_as_python_docx_saves_the_blank_opened_and_changed() -> None:
    """The parts a document adds (an image, a header) and the blank's parts it changes (core
    properties, numbering) come out as python-docx writes the same changes to the blank."""
    png = placeholder_emblem()
    word = Document()
    blank = blank_parts("test-same-as-python-docx", lambda: word)
    parts = DocumentParts(blank)
    theirs = Document(io.BytesIO(docx_package._stored(word)))
    r_id, image = parts.image(png)
    their_r_id, their_image = theirs.part.get_or_add_image(io.BytesIO(png))
    assert (r_id, image.filename) == (their_r_id, their_image.filename)
    assert parts.image(png)[0] == r_id  # the same picture again is the same part
    header = parts.next_partname("/word/header%d.xml")
    hdr = f"<w:hdr {nsdecls('w')}><w:p/></w:hdr>"
    parts.relate(header, CT.WML_HEADER, serialize_part_xml(parse_xml(hdr)), RT.HEADER)
    theirs.part.relate_to(
        HeaderPart(PackURI(header), CT.WML_HEADER, parse_xml(hdr), theirs.part.package),
        RT.HEADER,
    )
    for props in (parts.core_properties(), theirs.core_properties):
        props.title = "Pernyataan & <Kesepakatan>"
        props.revision = 1
    their_numbering = theirs.part.numbering_part.element
    for numbering in (parts.part_element(RT.NUMBERING), their_numbering):
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"/>'))
    ours = zipfile.ZipFile(io.BytesIO(parts.save()))
    expected = zipfile.ZipFile(io.BytesIO(package_bytes(theirs)))
    assert ours.namelist() == expected.namelist()
    assert "word/media/image1.png" in ours.namelist()
    assert "word/header1.xml" in ours.namelist()
    for name in expected.namelist():
        assert ours.read(name) == expected.read(name), name


def test_threads_rendering_at_once_get_the_same_bytes(kupang: Rembuk) -> None:
    from concurrent.futures import ThreadPoolExecutor

    expected = rembuk_docs.render_bytes(kupang, "berita-acara", "docx")
    papers = [None, "F4"] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(
                lambda paper: rembuk_docs.render_bytes(kupang, "berita-acara", "docx", paper=paper),
                papers,
            )
        )
    assert all(
        data == expected for data, paper in zip(results, papers, strict=True) if paper is None
    )
    assert len({data for data, paper in zip(results, papers, strict=True) if paper == "F4"}) == 1


def test_a_document_keeps_the_blanks_style_sheet_as_it_was_saved(kupang: Rembuk) -> None:
    """The blank's unchanged parts (the style sheets most of all) go into every document as the
    blank's bytes, deflated once."""
    data = rembuk_docs.render_bytes(kupang, "daftar-hadir", "docx")
    blank = docx_package._BLANKS[next(reversed(docx_package._BLANKS))]
    styles = blank.parts["/word/styles.xml"].content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/styles.xml") == styles
        assert archive.getinfo("word/styles.xml").compress_size == len(
            blank.packed("word/styles.xml")[2][0]
        )
    names = {style.name for style in Document(io.BytesIO(data)).styles}
    assert {"Normal", "TeksTabel", "KepalaTabel"} <= names
    attendees = max(Document(io.BytesIO(data)).tables, key=lambda table: len(table.rows))
    assert attendees.rows[1].cells[1].paragraphs[0].style.name == "TeksTabel"
