"""The kept PDF layouts: a file saved once when first wanted, layouts found again only for the
same pack and an equal document, the least recently used dropped first, the tried ones settled."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest

from rembuk_docs.compose.blocks import Document, Paragraph, plain
from rembuk_docs.compose.layout import PageRoom
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.writers.pdf_layouts import Layout, Layouts, Pending


def _document(text: str, name: str = "uji") -> Document:
    return Document(
        name=name, title="Uji", date=date(2022, 7, 25), blocks=(Paragraph(plain(text)),)
    )


def _layout(pack: FormatPack, document: Document, data: bytes = b"%PDF", held: int = 0) -> Layout:
    buffer = io.BytesIO()
    pending = Pending(lambda: buffer.write(data) and None, buffer, held)
    return Layout(pack, document, pending, PageRoom([10.0], [700.0], frozenset()), ())


def test_a_pending_file_is_saved_once_when_first_wanted() -> None:
    saves: list[int] = []
    buffer = io.BytesIO()

    def save() -> None:
        saves.append(1)
        buffer.write(b"%PDF-1.4 isi")

    pending = Pending(save, buffer, held_pages=3)
    assert (pending.saved, pending.size, pending.held_pages, saves) == (False, 0, 3, [])
    assert pending.data() == b"%PDF-1.4 isi" == pending.data()
    assert (pending.saved, pending.size, saves) == (True, 12, [1])


def test_a_layout_is_found_only_for_the_very_pack_and_an_equal_document() -> None:
    pack = load_pack()
    layouts = Layouts()
    kept = _layout(pack, _document("Isi."))
    layouts.remember(kept)
    assert layouts.recall(pack, _document("Isi.")) is kept  # equal, not the same object
    assert layouts.recall(pack, _document("Isi lain.")) is None
    assert layouts.recall(pack, replace(_document("Isi."), watermark="DRAF")) is None
    assert layouts.recall(load_pack().with_paper("f4"), _document("Isi.")) is None
    layouts.clear()
    assert layouts.recall(pack, _document("Isi.")) is None


def test_the_least_recently_used_layouts_are_dropped_past_the_size() -> None:
    pack = load_pack()
    layouts = Layouts()
    documents = [_document(f"Isi {n}.") for n in range(Layouts.SIZE)]
    for document in documents:
        layouts.remember(_layout(pack, document))
    assert layouts.recall(pack, documents[0]) is not None  # now the most recently used
    layouts.remember(_layout(pack, _document("Satu lagi.")))
    assert layouts.recall(pack, documents[1]) is None
    assert layouts.recall(pack, documents[0]) is not None
    assert layouts.recall(pack, documents[2]) is not None


def test_saved_layouts_over_the_byte_bound_are_dropped_oldest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = load_pack()
    layouts = Layouts()
    monkeypatch.setattr(Layouts, "MAX_BYTES", 10)
    first, second = _layout(pack, _document("Satu.")), _layout(pack, _document("Dua."))
    first.data.data(), second.data.data()  # 4 bytes each: both kept
    layouts.remember(first)
    layouts.remember(second)
    third = _layout(pack, _document("Tiga."), b"%PDF-1")  # 14 bytes: the oldest goes
    third.data.data()
    layouts.remember(third)
    assert layouts.recall(pack, first.document) is None
    assert layouts.recall(pack, second.document) is second
    assert layouts.recall(pack, third.document) is third


def test_unsaved_layouts_past_the_page_bound_are_saved_oldest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = load_pack()
    layouts = Layouts()
    monkeypatch.setattr(Layouts, "MAX_UNSAVED_PAGES", 5)
    older, newer = (
        _layout(pack, _document("Satu."), held=4),
        _layout(pack, _document("Dua."), held=4),
    )
    layouts.remember(older)
    assert not older.data.saved
    layouts.remember(newer)
    assert older.data.saved and not newer.data.saved
    assert layouts.recall(pack, older.document) is older  # saved, still kept


def test_settling_drops_the_other_layouts_tried_for_the_document() -> None:
    pack = load_pack()
    layouts = Layouts()
    tried, chosen = _document("Isi panjang."), _document("Isi.")
    other_document = _document("Isi panjang.", name="lain")
    for document in (tried, chosen, other_document):
        layouts.remember(_layout(pack, document))
    layouts.settle(pack, _document("Isi."))
    assert layouts.recall(pack, tried) is None
    assert layouts.recall(pack, chosen) is not None
    assert layouts.recall(pack, other_document) is not None  # another document's
