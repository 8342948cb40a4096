"""The bundle (paket.pdf): every document in pack order, one bookmark each, pages numbered per document."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.bundle import Part, bundle_pdfs
from rembuk_docs.cli import main
from rembuk_docs.compose import PACKS
from rembuk_docs.model import RegionKind

from conftest import ROOT, SAMPLES, pdf_pages, pdf_raw_pages

REGENCY_PACK = ("undangan", *PACKS[RegionKind.KABUPATEN])  # the Kupang sample has an invitation
"""The full pack of a kabupaten or kota, in order: every sample here is one."""


@pytest.fixture(scope="module")
def parts(kupang: Rembuk) -> dict[str, bytes]:
    return {name: rembuk_docs.render_bytes(kupang, name, "pdf") for name in REGENCY_PACK}


@pytest.fixture(scope="module")
def bundle(kupang: Rembuk) -> bytes:
    return rembuk_docs.render_bundle(kupang)


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]  # type: ignore[union-attr]


def test_page_count_is_the_sum_of_the_documents(parts: dict[str, bytes], bundle: bytes) -> None:
    counts = {name: len(PdfReader(io.BytesIO(pdf)).pages) for name, pdf in parts.items()}
    assert len(PdfReader(io.BytesIO(bundle)).pages) == sum(counts.values())
    assert all(count >= 1 for count in counts.values())


def test_one_bookmark_per_document_at_its_first_page(
    parts: dict[str, bytes], bundle: bytes
) -> None:
    reader = PdfReader(io.BytesIO(bundle))
    outline = _outline(reader)
    assert [title for title, _ in outline] == [Part(name, b"").bookmark for name in REGENCY_PACK]
    assert outline[:2] == [("Undangan", 0), ("Kesepakatan", 2)]
    assert [title for title, _ in outline][-2:] == ["Notulen", "Berita Acara"]
    start = 0
    for (_, page), (name, pdf) in zip(outline, parts.items(), strict=True):
        assert page == start, name
        first_words = pdf_pages(pdf)[0][:60]
        assert pdf_pages(bundle)[page].startswith(first_words)
        start += len(PdfReader(io.BytesIO(pdf)).pages)


def test_every_document_keeps_its_own_page_numbers(parts: dict[str, bytes], bundle: bytes) -> None:
    pages = pdf_raw_pages(bundle)
    expected = []
    for pdf in parts.values():
        total = len(PdfReader(io.BytesIO(pdf)).pages)
        expected += ["", *(f"- {n} - " for n in range(2, total + 1))]
    assert len(pages) == len(expected)
    for page, number in zip(pages, expected, strict=True):
        if number:
            assert page.removeprefix("DRAF ").startswith(number)
        else:
            assert not re.match(r"(DRAF )?- \d+ -", page)
    labels = PdfReader(io.BytesIO(bundle)).page_labels
    assert labels[0] == "Undangan 1" and labels[2] == "Kesepakatan 1"
    notulen_start = dict(_outline(PdfReader(io.BytesIO(bundle))))["Notulen"]
    assert labels[notulen_start] == "Notulen 1"
    assert labels[-1].startswith("Berita Acara ")


def test_the_bundle_is_deterministic_and_carries_a_content_id(
    kupang: Rembuk, bundle: bytes
) -> None:
    assert rembuk_docs.render_bundle(kupang) == bundle
    reader = PdfReader(io.BytesIO(bundle))
    identifier = reader.trailer["/ID"]
    raw = [getattr(part, "original_bytes", part) for part in identifier]
    assert raw[0] == raw[1] and len(bytes(raw[0])) == 16
    assert reader.metadata is not None
    assert (
        reader.metadata.title == "Paket Dokumen Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022"
    )
    assert "/CreationDate" not in reader.metadata
    other = rembuk_docs.render_bundle(kupang, documents=["kesepakatan", "notulen"])
    assert PdfReader(io.BytesIO(other)).trailer["/ID"][0] != identifier[0]


def test_a_chosen_subset_is_bundled_in_the_order_asked(kupang: Rembuk) -> None:
    data = rembuk_docs.render_bundle(kupang, documents=["berita-acara", "notulen"])
    assert [title for title, _ in _outline(PdfReader(io.BytesIO(data)))] == [
        "Berita Acara",
        "Notulen",
    ]


def test_render_writes_paket_pdf_even_without_pdf_files(kupang: Rembuk, tmp_path: Path) -> None:
    paths = rembuk_docs.render(kupang, tmp_path, formats=["docx"], bundle=True)
    assert [p.name for p in paths] == [
        *(f"{name}.docx" for name in REGENCY_PACK),
        "paket.pdf",
    ]
    reader = PdfReader(tmp_path / "paket.pdf")
    assert len(reader.outline) == len(REGENCY_PACK)


def test_cli_bundle_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path), "--bundle"]) == 0
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [*(f"{n}.{ext}" for n in REGENCY_PACK for ext in ("docx", "pdf")), "paket.pdf"]
    )
    assert str(tmp_path / "paket.pdf") in capsys.readouterr().out


def test_cli_renders_the_full_pack_by_default_without_bundle(tmp_path: Path) -> None:
    assert main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {f"{n}.{ext}" for n in REGENCY_PACK for ext in ("docx", "pdf")}
    assert {"notulen.pdf", "berita-acara.docx"} <= names


def test_every_page_is_the_page_of_its_document_in_order(
    parts: dict[str, bytes], bundle: bytes
) -> None:
    expected = [page for pdf in parts.values() for page in pdf_raw_pages(pdf)]
    pages = pdf_raw_pages(bundle)
    assert len(pages) == len(expected) == 15
    assert pages == expected
    starts = dict(_outline(PdfReader(io.BytesIO(bundle))))
    assert "NOTULEN REMBUK STUNTING" in pages[starts["Notulen"]]
    assert "NOTULEN REMBUK STUNTING" not in pages[starts["Notulen"] - 1]
    assert "BERITA ACARA" in pages[starts["Berita Acara"]]


def test_each_document_keeps_its_own_fonts_and_page_boxes(
    parts: dict[str, bytes], bundle: bytes
) -> None:
    reader = PdfReader(io.BytesIO(bundle))
    offset = 0
    for name, pdf in parts.items():
        own = PdfReader(io.BytesIO(pdf)).pages
        for index, page in enumerate(own):
            merged = reader.pages[offset + index]
            assert merged.mediabox == page.mediabox, (name, index)
            fonts = merged["/Resources"]["/Font"]
            assert sorted(fonts) == sorted(page["/Resources"]["/Font"]), (name, index)
            names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
            assert names == {
                str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()
            }
        offset += len(own)


def test_a_render_with_its_bundle_does_not_load_pypdf(tmp_path: Path) -> None:
    probe = (
        "import sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "from rembuk_docs.cli import main\n"
        f"assert main(['render', {str(SAMPLES / 'kupang-2022.yaml')!r}, '--out', {str(tmp_path)!r}, '--bundle']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pypdf', 'cryptography')))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.splitlines()[-1] == "[]"
    assert len(PdfReader(tmp_path / "paket.pdf").pages) == 15


def test_a_pdf_from_elsewhere_is_bundled_through_pypdf(parts: dict[str, bytes]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    other = io.BytesIO()
    with pikepdf.open(io.BytesIO(parts["notulen"])) as pdf:  # object and xref streams
        pdf.save(other, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    data = bundle_pdfs(
        [Part("kesepakatan", parts["kesepakatan"]), Part("notulen", other.getvalue())],
        title="Paket",
    )
    reader = PdfReader(io.BytesIO(data))
    assert _outline(reader) == [("Kesepakatan", 0), ("Notulen", 3)]
    assert pdf_raw_pages(data) == [
        *pdf_raw_pages(parts["kesepakatan"]),
        *pdf_raw_pages(parts["notulen"]),
    ]


def test_titles_outside_ascii_are_kept(parts: dict[str, bytes]) -> None:
    title = "Paket Dokumen Rembuk (Kabupaten) Sikka — Maumere \\ 2024"
    data = bundle_pdfs([Part("papan-informasi", parts["notulen"])], title=title, author="Dinas")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == title and reader.metadata.author == "Dinas"
    assert reader.metadata.producer == "rembuk-docs"
    assert _outline(reader) == [("Papan Informasi", 0)]
    assert reader.page_labels[:2] == ["Papan Informasi 1", "Papan Informasi 2"]


def test_an_empty_bundle_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one document"):
        bundle_pdfs([], title="x")
