"""The DRAF watermark stands at the centre of every page, portrait or landscape, in the native PDF
and in the DOCX as LibreOffice lays it out (issue #12: off-centre on the landscape rencana
kegiatan)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from rembuk_docs.compose.blocks import Document, Orientation, Paragraph, plain
from rembuk_docs.formats.pack import load_pack
from rembuk_docs.writers.docx_furniture import watermark_xml
from rembuk_docs.writers.docx_writer import DocxWriter
from rembuk_docs.writers.libreoffice import docx_to_pdf
from rembuk_docs.writers.pdf_writer import PdfWriter

from conftest import needs_tool

DPI = 40
TOLERANCE_MM = 1.5


def _pages(pdf: bytes, folder: Path, stem: str) -> list[Image.Image]:
    path = folder / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(path), str(folder / stem)], check=True)
    return [Image.open(png).convert("L") for png in sorted(folder.glob(f"{stem}-*.png"))]


def _ink_centres(
    with_mark: list[Image.Image], without: list[Image.Image]
) -> list[tuple[float, float]]:
    """Where the watermark's ink is centred on each page, in mm from the page's centre."""
    centres = []
    for marked, clean in zip(with_mark, without, strict=True):
        ink = ImageChops.difference(marked, clean).point(lambda v: 255 if v > 20 else 0)
        width, height = ink.size
        points = [(x, y) for y in range(height) for x in range(width) if ink.getpixel((x, y))]
        assert points, "a page without the watermark"
        x = sum(p[0] for p in points) / len(points) - width / 2
        y = sum(p[1] for p in points) / len(points) - height / 2
        centres.append((x * 25.4 / DPI, y * 25.4 / DPI))
    return centres


@needs_tool("soffice", "pdftoppm")
def test_the_watermark_is_where_the_pdf_has_it_on_portrait_and_landscape_pages(
    tmp_path: Path,
) -> None:
    pack = load_pack("default")
    body = Paragraph(plain("Halaman ini hanya memuat satu kalimat."))
    document = Document(
        "campuran",
        "Campuran",
        (body, Orientation(landscape=True), body, Orientation(landscape=False), body),
        date(2024, 7, 25),
        watermark="DRAF",
    )
    clean = replace(document, watermark=None)
    pdf = _ink_centres(
        _pages(PdfWriter(pack).write(document), tmp_path, "pdf"),
        _pages(PdfWriter(pack).write(clean), tmp_path, "pdf-clean"),
    )
    word = _ink_centres(
        _pages(docx_to_pdf(DocxWriter(pack).write(document)), tmp_path, "docx"),
        _pages(docx_to_pdf(DocxWriter(pack).write(clean)), tmp_path, "docx-clean"),
    )
    assert len(pdf) == len(word) == 3
    for page, ((px, py), (wx, wy)) in enumerate(zip(pdf, word, strict=True), start=1):
        # the PDF draws it at the centre of the page: the DOCX's shape is centred there too
        assert abs(px - wx) <= TOLERANCE_MM and abs(py - wy) <= TOLERANCE_MM, (page, pdf, word)


def test_the_docx_watermark_is_centred_on_the_page_not_the_first_sections_margins() -> None:
    xml = watermark_xml("DRAF")
    assert "mso-position-horizontal:center;mso-position-horizontal-relative:page" in xml
    assert "mso-position-vertical:center;mso-position-vertical-relative:page" in xml
    assert "relative:margin" not in xml


def test_the_pdf_watermark_is_drawn_once_per_page_size_and_written_on_every_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The watermark's operators are made once for each page size (portrait, landscape) and
    written again on every page: the file is the one drawing it on each page gives, and every
    page carries it."""
    from rembuk_docs.writers import pdf_furniture

    pack = load_pack(None)
    paragraphs = tuple(Paragraph(plain(f"Paragraf {n} " + "kata " * 60)) for n in range(40))
    document = Document(
        name="uji",
        title="Uji",
        date=date(2024, 7, 15),
        blocks=(*paragraphs[:20], Orientation(landscape=True), *paragraphs[20:]),
        watermark="DRAF",
    )
    drawn: list[tuple[float, float]] = []
    original = pdf_furniture.draw_watermark

    def counted(canvas: object, text: str, font: str, width: float, height: float) -> None:
        drawn.append((width, height))
        original(canvas, text, font, width, height)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_furniture, "draw_watermark", counted)
    once = PdfWriter(pack).write(document)
    assert len(drawn) == 2 and drawn[0][0] < drawn[0][1] and drawn[1][0] > drawn[1][1]

    def every_page(canvas: object, text: str, font: str, width: float, height: float) -> None:
        counted(canvas, text, font, width, height)
        canvas.__dict__.pop("_rembuk_watermarks", None)  # forget it: drawn again on the next page

    drawn.clear()
    monkeypatch.setattr(pdf_furniture, "draw_watermark", every_page)
    each = PdfWriter(pack).write(document)
    pages = len(drawn)
    assert pages > 4 and once == each
    from conftest import pdf_raw_pages

    texts = pdf_raw_pages(once)
    assert len(texts) == pages and all(text.startswith("DRAF") for text in texts)
