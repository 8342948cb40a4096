"""DOCX packaging: cached blanks per layout, one-pass saving, and the same bytes every time."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.writers import docx_package
from rembuk_docs.writers.archive import FIXED_ZIP_TIME, normalise_zip
from rembuk_docs.writers.docx_package import blank_document, package_bytes


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


def test_a_blank_is_built_once_per_layout_and_the_cache_is_bounded() -> None:
    built: list[str] = []

    def build(key: str) -> object:
        built.append(key)
        word = Document()
        word.add_paragraph(key)
        return word

    keys = [f"test-layout-{number}" for number in range(docx_package._MAX_BLANKS + 2)]
    for key in keys:
        blank_document(key, lambda key=key: build(key))
    again = blank_document(keys[-1], lambda: build("never"))
    assert built == keys
    assert [p.text for p in again.paragraphs][-1] == keys[-1]
    assert len(docx_package._BLANKS) == docx_package._MAX_BLANKS
    assert keys[0] not in docx_package._BLANKS


def test_a_blank_is_a_copy_changing_one_document_leaves_the_next_alone() -> None:
    first = blank_document("test-copy", lambda: Document())
    first.add_paragraph("hanya di dokumen pertama")
    second = blank_document("test-copy", lambda: Document())
    assert all("pertama" not in p.text for p in second.paragraphs)


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


def test_a_document_keeps_the_blanks_style_sheet_without_parsing_it_again(kupang: Rembuk) -> None:
    """Documents are opened from a blank whose style sheet is empty (the writer reads no style
    once the blank is made); the file still carries the blank's whole style sheet."""
    data = rembuk_docs.render_bytes(kupang, "daftar-hadir", "docx")
    key = next(reversed(docx_package._BLANKS))
    saved, light = docx_package._BLANKS[key]
    with zipfile.ZipFile(io.BytesIO(saved)) as blank:
        styles = blank.read("word/styles.xml")
    with zipfile.ZipFile(io.BytesIO(light)) as opened:
        assert opened.read("word/styles.xml") == docx_package._NO_STYLES
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/styles.xml") == styles
    names = {style.name for style in Document(io.BytesIO(data)).styles}
    assert {"Normal", "TeksTabel", "KepalaTabel"} <= names
    attendees = max(Document(io.BytesIO(data)).tables, key=lambda table: len(table.rows))
    assert attendees.rows[1].cells[1].paragraphs[0].style.name == "TeksTabel"
