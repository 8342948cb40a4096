"""The layouts of PDF files kept once measured, for the file written to reuse (thread-safe)."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..compose.blocks import Document
from ..compose.layout import PageRoom
from ..formats.pack import FormatPack


class Pending:
    """The PDF file of a layout, saved the first time it is asked for (thread-safe)."""

    def __init__(
        self, save: Callable[[], None] | None, buffer: io.BytesIO, held_pages: int = 0
    ) -> None:
        self.held_pages = held_pages
        """Pages whose content the unsaved layout holds as text (see
        :data:`.pdf_canvas.DEFLATE_AT_ONCE_AFTER`)."""
        self._lock = threading.Lock()
        self._save = save
        self._buffer: io.BytesIO | None = buffer
        self._data: bytes | None = None

    @property
    def saved(self) -> bool:
        """Whether the file was saved already."""
        return self._data is not None

    @property
    def size(self) -> int:
        """The bytes of the file once saved; 0 before."""
        return len(self._data) if self._data is not None else 0

    def data(self) -> bytes:
        with self._lock:
            if self._data is None:
                assert self._buffer is not None
                if self._save is not None:
                    self._save()
                self._data, self._save, self._buffer = self._buffer.getvalue(), None, None
            return self._data


@dataclass(frozen=True, slots=True, eq=False)
class Layout:
    """One measured layout: the document, the pack it was laid out for, the PDF file (saved
    when first wanted), the space left at each page's foot and the warnings the writing gave."""

    pack: FormatPack
    document: Document
    data: Pending
    space: PageRoom
    warnings: tuple[tuple[Warning | str, type[Warning]], ...]


class Layouts:
    """The last layouts :meth:`.pdf_writer.PdfWriter.page_space` measured, per process.

    ``compose.layout.fit_to_pages`` lays each document out once or more to fit it to its pages;
    the document it settles on is one it measured, so the writer of the file finds its bytes
    here instead of laying the pages out again. An entry serves only the very pack object and an
    equal document (every block, the watermark and the metadata compared), and only plain
    writers (see :meth:`.pdf_writer.PdfWriter._plain`); at most :attr:`SIZE` are kept, the least
    recently used dropped first (a pack's documents are all composed before the first is
    written), and none over :attr:`MAX_BYTES` together. A layout not yet saved holds its whole
    canvas, far more than its file: past :attr:`MAX_UNSAVED_PAGES` pages of them held as text,
    the oldest are saved at once. A long list's pages are deflated as they are finished
    (:data:`.pdf_canvas.DEFLATE_AT_ONCE_AFTER`), so its layout is kept unsaved too, for a
    DOCX-only render never to save it (a page-of-total footer holds every page as text: that one
    is saved). Thread-safe."""

    SIZE = 16
    MAX_BYTES = 64 * 1024 * 1024
    MAX_UNSAVED_PAGES = 500

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[Layout] = []

    def recall(self, pack: FormatPack, document: Document) -> Layout | None:
        with self._lock:
            entries = list(self._entries)
        for entry in reversed(entries):  # compared outside the lock: a long table takes a while
            if entry.pack is pack and entry.document == document:
                with self._lock:
                    if entry in self._entries:  # most recently used last
                        self._entries.remove(entry)
                        self._entries.append(entry)
                return entry
        return None

    def remember(self, layout: Layout) -> None:
        with self._lock:
            self._entries.append(layout)
            self._trim()
            unsaved = [entry for entry in self._entries if not entry.data.saved]
        pages = sum(entry.data.held_pages for entry in unsaved)
        for entry in unsaved:  # oldest first; saved outside the lock (a long list takes a while)
            if pages <= self.MAX_UNSAVED_PAGES:
                break
            entry.data.data()
            pages -= entry.data.held_pages
        with self._lock:
            self._trim()

    def _trim(self) -> None:
        """Drop the least recently used entries past :attr:`SIZE` or :attr:`MAX_BYTES`."""
        total = sum(entry.data.size for entry in self._entries)
        while len(self._entries) > self.SIZE or (total > self.MAX_BYTES and len(self._entries) > 1):
            total -= self._entries.pop(0).data.size

    def settle(self, pack: FormatPack, document: Document) -> None:
        """Drop the other layouts measured of ``document`` (same pack and name, other content):
        fitting tried them and settled on ``document``, which alone will be written."""
        with self._lock:
            entries = list(self._entries)
        tried = [
            entry
            for entry in entries
            if entry.pack is pack
            and entry.document.name == document.name
            and entry.document is not document
            and entry.document != document
        ]
        with self._lock:
            self._entries = [entry for entry in self._entries if entry not in tried]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


LAYOUTS = Layouts()
