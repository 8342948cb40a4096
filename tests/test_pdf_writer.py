"""The PDF writer's page layout: signature grids share a page with the text above when they fit."""

from __future__ import annotations

from datetime import date

import pytest

from rembuk_docs.compose.blocks import Document, Paragraph, SignatureBlock, SignatureGrid, plain
from rembuk_docs.formats import load_pack
from rembuk_docs.writers.pdf_writer import PdfWriter

from conftest import pdf_pages


def _signatures(count: int, heading: tuple[str, ...]) -> SignatureGrid:
    blocks = tuple(
        SignatureBlock(above=(f"Jabatan {n},",), name=f"Nama {n}", below=(f"NIP. {n}",))
        for n in range(1, count + 1)
    )
    return SignatureGrid(blocks=blocks, columns=2, heading=heading)


@pytest.mark.parametrize("heading", [(), ("Kupang, 25 Juli 2022", "Yang bersepakat,")])
@pytest.mark.parametrize("count", [1, 2, 4])
def test_a_signature_grid_that_fits_stays_on_the_page(heading: tuple[str, ...], count: int) -> None:
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(
            Paragraph(plain("Demikian untuk dipergunakan sebagaimana mestinya.")),
            _signatures(count, heading),
        ),
    )
    pages = pdf_pages(PdfWriter(load_pack()).write(document))
    assert len(pages) == 1
    assert "Demikian" in pages[0] and f"Nama {count}" in pages[0]


def test_a_grid_too_long_for_one_page_continues_row_by_row() -> None:
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(Paragraph(plain("Pembuka.")), _signatures(16, ("Yang bersepakat,",))),
    )
    pages = pdf_pages(PdfWriter(load_pack()).write(document))
    assert len(pages) >= 2
    assert "Pembuka. Yang bersepakat, Jabatan 1, Nama 1 NIP. 1 Jabatan 2," in pages[0]
    for n in range(1, 17):  # every block whole on one page
        assert sum(f"Jabatan {n}," in page and f"Nama {n} " in page for page in pages) == 1
