"""The bundle follows the berita acara's list of lampiran: one order, the pack's, for both."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import rembuk_docs
from rembuk_docs.bundle import Part
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.registry import attached_documents, omitted_documents, pack_documents
from rembuk_docs.formats import load_pack

from conftest import SAMPLES


def lampiran(rembuk: rembuk_docs.Rembuk) -> list[str]:
    lines = document_text(composer("berita-acara")(rembuk, load_pack(rembuk.format_pack)))
    start = lines.index("Berita Acara ini dilengkapi dengan lampiran:") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Demikian"))
    return lines[start:end]


# sample -> the berita acara's lampiran, as each starts
EXPECTED = {
    "kupang-2022": ["Undangan", "Pernyataan Bersama", "Daftar Hadir", "Notulen"],
    "kayong-utara-2023": ["Komitmen Bersama", "Daftar Desa Lokus", "Daftar Hadir", "Notulen"],
    "banyuasin-2024": ["Undangan", "Komitmen Bersama", "Daftar Hadir", "Notulen", "Dokumentasi"],
}


@pytest.mark.parametrize("stem", list(EXPECTED))
def test_the_bundle_is_in_the_order_the_berita_acara_lists_its_lampiran(stem: str) -> None:
    rembuk = rembuk_docs.load(SAMPLES / f"{stem}.yaml")
    listed = lampiran(rembuk)
    assert [item.split(" ")[0] for item in listed] == [e.split(" ")[0] for e in EXPECTED[stem]]
    assert all(item.startswith(e) for item, e in zip(listed, EXPECTED[stem], strict=True))
    reader = PdfReader(io.BytesIO(rembuk_docs.render_bundle(rembuk)))
    bookmarks = [item.title for item in reader.outline]  # type: ignore[union-attr]
    assert bookmarks == [Part(name, b"").bookmark for name in pack_documents(rembuk)]
    # the bundle minus the berita acara and the agreement's signature sheet: the list's order
    attached = [Part(name, b"").bookmark for name in attached_documents(rembuk)]
    assert [b for b in bookmarks if b not in ("Berita Acara", "Lembar Tanda Tangan")] == attached
    assert len(attached) == len(listed)
    assert bookmarks[-1] == "Berita Acara"


def test_a_document_without_data_is_neither_bundled_nor_listed() -> None:
    kupang = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    omitted = omitted_documents(kupang)
    assert {"dokumentasi", "rencana-kegiatan", "lampiran-lokus"} <= set(omitted)
    assert not any(
        item.startswith(("Dokumentasi", "Rencana Kegiatan", "Daftar Desa"))
        for item in lampiran(kupang)
    )
