"""The PDF canvas: dated by its document, pages deflated, held back to number them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any, cast
from uuid import uuid4

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from ..compose.layout import page_of_total_text

DEFLATE_AT_ONCE_AFTER = 16
"""Pages of a document whose content streams wait for the file to be saved; the streams of the
pages after them are deflated as each page is finished, so a long list holds its pages
compressed (a tenth of their text) instead of all of it. The first pages wait, as a measured
layout that fitting drops is never saved."""


class _LaterStream(PDFStream):  # type: ignore[misc]
    """A page's content stream with parts drawn only when the file is saved: each marker in
    the page's text is replaced by what its drawing gives (see ``DocumentCanvas.draw_later``)."""

    def __init__(self, text: str, later: list[tuple[str, Callable[[], str]]]) -> None:
        super().__init__()
        self.text, self.later = text, later

    def format(self, document: Any) -> bytes:
        content = self.text
        for marker, draw in self.later:
            content = content.replace(marker, draw(), 1)
        self.content = content
        try:
            return cast(bytes, super().format(document))
        finally:
            self.content = None  # type: ignore[assignment]  # the text is not kept


def _deflate_only(
    page: Any, *, now: bool = False, later: list[tuple[str, Callable[[], str]]] | None = None
) -> None:
    """Give a finished page its content stream, deflated and not ASCII85-encoded, whatever the
    process-wide ``rl_config.useA85`` says (reportlab reads that setting when the page is
    written; here nothing global is read or set, so concurrent renders cannot disagree).
    ``now``: deflated at once (the bytes reportlab's filter gives when the file is saved), and
    the page's text dropped. ``later``: the page's parts drawn when the file is saved."""
    if page.Contents or not (page.compression or later):
        return
    stream: PDFStream
    if later:
        stream = _LaterStream(page.stream, later)
        stream.filters = [PDFZCompress] if page.compression else None
        page.stream = None
    elif now:
        stream = PDFStream(content=PDFZCompress.encode(page.stream))
        stream.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
        page.stream = None
    else:
        stream = PDFStream(content=page.stream)
        stream.filters = [PDFZCompress]
    stream.__Comment__ = "page stream"
    page.Contents = stream


_INVARIANT_TIME = 946684800.0
"""reportlab's time for invariant documents (2000-01-01 UTC), which seeds the PDF /ID."""


def _ignore_source_date_epoch(document: Any) -> None:
    """Seed the /ID as reportlab does for invariant output, whatever ``SOURCE_DATE_EPOCH`` says.

    reportlab seeds the /ID digest with ``SOURCE_DATE_EPOCH`` when it is set, while the dates
    inside come from the document itself: the same definition gave two /IDs. The output depends
    on the definition only, so the variable is ignored (README, "Same input, same bytes").
    """
    if document._timeStamp.t == _INVARIANT_TIME:
        return
    document._timeStamp.t = _INVARIANT_TIME
    signature = document.signature = hashlib.md5(usedforsecurity=False)
    signature.update(b"a reportlab document")
    signature.update(ascii(_INVARIANT_TIME).encode())


def canvas_class(
    stamp: date,
    footer: tuple[str, float, float, tuple[str, ...]] | None,
    last_page: Callable[[Canvas], None] | None = None,
    deferred: list[Callable[[], None]] | None = None,
) -> type[Canvas]:
    """A canvas class dated ``stamp`` in the PDF metadata that, given a ``footer`` (font, right
    margin, baseline, the pieces of the pack's text), holds pages back until the end to print
    'Halaman N dari M' (at the right margin of each page's own width: portrait and landscape
    pages alike), and, given
    ``last_page``, holds them back to let it draw on the last page (the verification mark).
    Given ``deferred``, saving the file (most of it: every object formatted, the streams
    deflated) is not done at the end of the layout but appended there, to be called when the
    file is wanted (a measured layout most often is not: see :class:`.pdf_layouts.Layouts`)."""
    hold = footer is not None or last_page is not None

    class DocumentCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # CreationDate/ModDate: the document's own date, not the clock (byte-identical output)
            self._doc._timeStamp.YMDhms = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
            _ignore_source_date_epoch(self._doc)
            self._saved_pages: list[dict[str, Any]] = []
            self._later: list[tuple[str, Callable[[], str]]] = []
            self._later_token = f"%rembuk-later-{uuid4().hex}-"

        def draw_later(self, draw: Callable[[], str]) -> None:
            """Leave a mark in the page's content where ``draw()`` (the operators, one string)
            goes: it is called when the file is saved, so a layout never saved never draws."""
            marker = f"{self._later_token}{len(self._later)}"
            self._code.append(marker)
            self._later.append((marker, draw))

        def _emit_page(self) -> None:
            later, self._later = self._later, []
            super().showPage()
            pages = self._doc.Pages.pages
            _deflate_only(pages[-1], now=len(pages) > DEFLATE_AT_ONCE_AFTER, later=later)

        @property
        def held_pages(self) -> int:
            """Pages whose content is held as text until the file is saved."""
            emitted = len(self._doc.Pages.pages)
            return len(self._saved_pages) + min(emitted, DEFLATE_AT_ONCE_AFTER)

        def showPage(self) -> None:
            if not hold:
                self._emit_page()
                return
            self._saved_pages.append(dict(self.__dict__))
            self._later = []
            self._startPage()

        def save(self) -> None:
            if deferred is not None:
                deferred.append(self._save_now)
                return
            self._save_now()

        def _save_now(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                if footer is not None and self._pageNumber > 1:  # numbers start on page 2
                    font, right_margin, footer_y, parts = footer
                    right_x = self._pagesize[0] - right_margin
                    self.setFont(font, 9)
                    self.drawRightString(
                        right_x, footer_y, page_of_total_text(parts, self._pageNumber, total)
                    )
                if last_page is not None and self._pageNumber == total:
                    last_page(self)
                self._emit_page()
            super().save()

    return DocumentCanvas
