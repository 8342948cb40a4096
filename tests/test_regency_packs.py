"""The five seed regencies' packs: their kop in DOCX and PDF, on A4 and F4, logo drawn, fonts embedded."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs.formats import PAPER_SIZES_MM
from rembuk_docs.formats.emblem import HEIGHT, WIDTH, placeholder_emblem

from conftest import docx_paragraphs, pdf_pages

REGENCIES: dict[str, tuple[dict[str, str], list[str]]] = {
    "kupang": (
        {"kind": "kabupaten", "name": "Kupang", "province": "Nusa Tenggara Timur"},
        ["PEMERINTAH KABUPATEN KUPANG", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"],
    ),
    "mimika": (
        {"kind": "kabupaten", "name": "Mimika", "province": "Papua Tengah"},
        [
            "PEMERINTAH KABUPATEN MIMIKA",
            "DINAS PEMBERDAYAAN PEREMPUAN,",
            "PERLINDUNGAN ANAK, PENGENDALIAN PENDUDUK",
            "DAN KELUARGA BERENCANA",
        ],
    ),
    "kayong-utara": (
        {"kind": "kabupaten", "name": "Kayong Utara", "province": "Kalimantan Barat"},
        ["PEMERINTAH KABUPATEN KAYONG UTARA", "DINAS KESEHATAN DAN KELUARGA BERENCANA"],
    ),
    "banyuasin": (
        {"kind": "kabupaten", "name": "Banyuasin", "province": "Sumatera Selatan"},
        ["PEMERINTAH KABUPATEN BANYUASIN", "SEKRETARIAT DAERAH"],
    ),
    "bontang": (
        {"kind": "kota", "name": "Bontang", "province": "Kalimantan Timur"},
        ["PEMERINTAH KOTA BONTANG", "SEKRETARIAT DAERAH"],
    ),
}
CASES = [(slug, paper) for slug in REGENCIES for paper in ("A4", "F4")]


def _rendered(
    kupang_data: dict[str, Any], slug: str, paper: str, fmt: str, document: str = "kesepakatan"
) -> bytes:
    data = {**kupang_data, "region": REGENCIES[slug][0], "format_pack": slug}
    data["event"] = {**data["event"], "date": str(data["event"]["date"])}
    return rembuk_docs.render_bytes(rembuk_docs.from_dict(data), document, fmt, paper=paper)


def _embedded_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """Every font on every page with whether its program is embedded."""
    from pypdf import PdfReader

    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            ).get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.append((str(font["/BaseFont"]), embedded))
    return fonts


@pytest.mark.parametrize(("slug", "paper"), CASES)
def test_the_pdf_has_the_regency_kop_paper_logo_and_embedded_fonts(
    kupang_data: dict[str, Any], slug: str, paper: str
) -> None:
    from pypdf import PdfReader

    # the notulen is the organising office's: the OPD kop
    pdf = _rendered(kupang_data, slug, paper, "pdf", "notulen")
    first = pdf_pages(pdf)[0]
    expected = " ".join(REGENCIES[slug][1]) + " NOTULEN"
    assert first.startswith(expected)
    # the kepala daerah's wakil signs the agreement: the pemerintah daerah's kop, no OPD line;
    # Mimika's pack gives the kop jabatan (its placeholder lambang negara) for it
    agreement = pdf_pages(_rendered(kupang_data, slug, paper, "pdf"))[0]
    first_line = "BUPATI MIMIKA" if slug == "mimika" else REGENCIES[slug][1][0]
    assert agreement.startswith(first_line + " PERNYATAAN BERSAMA")
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    size = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
    assert size == tuple(round(mm) for mm in PAPER_SIZES_MM[paper])
    assert len(reader.pages[0].images) == 1  # the emblem, on the first page only
    assert all(len(page.images) == 0 for page in reader.pages[1:])
    fonts = _embedded_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
        rows = listing.stdout.decode().splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), rows


@pytest.mark.parametrize(("slug", "paper"), CASES)
def test_the_docx_has_the_same_kop_paper_and_logo(
    kupang_data: dict[str, Any], slug: str, paper: str
) -> None:
    from docx import Document

    data = _rendered(kupang_data, slug, paper, "docx", "notulen")
    paragraphs = [p for p in docx_paragraphs(data) if p.strip()]
    kop = REGENCIES[slug][1]
    assert paragraphs[: len(kop) + 1] == [*kop, "NOTULEN"]
    section = Document(io.BytesIO(data)).sections[0]
    size = (round(section.page_width.mm), round(section.page_height.mm))
    assert size == tuple(round(mm) for mm in PAPER_SIZES_MM[paper])
    media = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if "media/" in name]
    assert len(media) == 1


def test_bontang_is_a_kota_whose_villages_are_kelurahan() -> None:
    pack = rembuk_docs.formats.load_pack("bontang")
    assert pack.kop.government == "PEMERINTAH KOTA BONTANG"
    assert pack.wording["istilah.desa"] == "kelurahan"


def test_the_placeholder_emblem_is_a_stable_png() -> None:
    from PIL import Image

    data = placeholder_emblem()
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
    # black outline and lettering on white: both present in quantity
    histogram = image.convert("L").histogram()
    assert sum(histogram[:64]) > 0.08 * WIDTH * HEIGHT
    assert sum(histogram[192:]) > 0.5 * WIDTH * HEIGHT
    placeholder_emblem.cache_clear()
    assert placeholder_emblem() == data


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_the_signatures_start_below_the_closing_when_there_is_room(
    kupang_data: dict[str, Any], paper: str
) -> None:
    pages = pdf_pages(_rendered(kupang_data, "kupang", paper, "pdf"))
    closing = next(page for page in pages if "Demikian pernyataan bersama" in page)
    # the place, date and first row of signatures follow on the same page (they fit there)
    assert "Demikian pernyataan bersama" in closing
    assert "Kupang, 25 Juli 2022 Kami yang menyatakan, Wakil Bupati Kupang," in closing
    assert len(pages) == 3
