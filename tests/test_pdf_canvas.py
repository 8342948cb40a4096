"""The PDF canvas: dated by its document whatever SOURCE_DATE_EPOCH says, late pages deflated at
once, pages held back for 'Halaman N dari M' and the last page's mark, saving deferred."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from reportlab.pdfgen.canvas import Canvas

from rembuk_docs.compose.layout import PAGE, PAGES
from rembuk_docs.writers.pdf_canvas import DEFLATE_AT_ONCE_AFTER, canvas_class

from conftest import pdf_raw_pages

FOOTER = ("Helvetica", 72.0, 36.0, ("Halaman ", PAGE, " dari ", PAGES))


def _pages(
    count: int,
    canvas_type: type[Canvas],
    on_page: Callable[[Canvas], None] = lambda canvas: None,
) -> tuple[Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    canvas = canvas_type(buffer, invariant=1, pageCompression=1)
    for number in range(1, count + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 720, f"Isi halaman {number}")
        on_page(canvas)
        canvas.showPage()
    canvas.save()
    return canvas, buffer


def test_the_pages_after_the_first_ones_are_deflated_as_they_are_finished() -> None:
    canvas, buffer = _pages(DEFLATE_AT_ONCE_AFTER + 3, canvas_class(date(2022, 7, 25), None))
    pages = canvas._doc.Pages.pages
    assert [page.stream is None for page in pages] == [False] * DEFLATE_AT_ONCE_AFTER + [True] * 3
    texts = pdf_raw_pages(buffer.getvalue())
    assert texts == [f"Isi halaman {n}" for n in range(1, DEFLATE_AT_ONCE_AFTER + 4)]
    assert b"ASCII85" not in buffer.getvalue()


def test_the_footer_counts_the_pages_from_page_two_and_the_last_page_is_marked() -> None:
    def mark(canvas: Canvas) -> None:
        canvas.drawString(72, 72, "TANDA")

    stamp = date(2022, 7, 25)
    _, buffer = _pages(3, canvas_class(stamp, FOOTER, mark))
    texts = pdf_raw_pages(buffer.getvalue())
    assert texts[0] == "Isi halaman 1"
    assert texts[1] == "Isi halaman 2 Halaman 2 dari 3"
    assert texts[2].startswith("Isi halaman 3") and "TANDA" in texts[2]
    assert "Halaman 3 dari 3" in texts[2]
    assert b"/CreationDate (D:20220725000000" in buffer.getvalue()


def test_a_deferred_save_writes_the_file_and_draws_later_parts_only_when_called() -> None:
    saves: list[Callable[[], None]] = []
    drawn: list[int] = []

    def later(canvas: Canvas) -> None:
        def draw() -> str:
            drawn.append(canvas.getPageNumber())
            return "BT /F1 12 Tf 72 600 Td (Nanti) Tj ET"

        canvas.draw_later(draw)

    _, buffer = _pages(2, canvas_class(date(2022, 7, 25), None, None, saves), later)
    assert len(saves) == 1 and drawn == []
    assert buffer.getvalue() == b""  # nothing saved yet
    saves[0]()
    assert len(drawn) == 2
    assert pdf_raw_pages(buffer.getvalue()) == ["Isi halaman 1 Nanti", "Isi halaman 2 Nanti"]


def test_the_file_does_not_depend_on_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab seeds the /ID with the variable when it is set (its own canvas's file
    changes); ours is the same file with or without it."""
    make = canvas_class(date(2022, 7, 25), None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    ours, theirs = _pages(2, make)[1].getvalue(), _pages(2, Canvas)[1].getvalue()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _pages(2, make)[1].getvalue() == ours
    assert _pages(2, Canvas)[1].getvalue() != theirs
