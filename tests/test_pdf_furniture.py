"""What a PDF's pages carry around their content: the watermark on every page under the text,
the page number '- N -' centred near the top from page 2 on."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from rembuk_docs.formats import load_pack
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.pdf_furniture import page_furniture

from conftest import pdf_raw_pages


def _pages(count: int, *, watermark: str | None, number_from_top: float | None) -> list[str]:
    fonts = font_set(load_pack())
    furniture = page_furniture(fonts, 12.0, watermark=watermark, number_from_top=number_from_top)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for number in range(1, count + 1):
        if number == 3:
            canvas.setPageSize((842, 595))  # landscape: the watermark drawn anew for its size
        furniture(canvas, None)  # type: ignore[arg-type]
        canvas.setFont(fonts.regular, 12)
        canvas.drawString(72, 300, f"Isi {number}")
        canvas.showPage()
    canvas.save()
    return pdf_raw_pages(buffer.getvalue())


def test_the_page_number_is_printed_from_page_two_on() -> None:
    assert _pages(3, watermark=None, number_from_top=40.0) == [
        "Isi 1",
        "- 2 - Isi 2",
        "- 3 - Isi 3",
    ]
    assert _pages(2, watermark=None, number_from_top=None) == ["Isi 1", "Isi 2"]


def test_the_watermark_is_on_every_page_of_each_size() -> None:
    pages = _pages(4, watermark="DRAF", number_from_top=None)
    assert pages == ["DRAF Isi 1", "DRAF Isi 2", "DRAF Isi 3", "DRAF Isi 4"]
