"""The undangan: a korespondensi letter with its nomor, sifat, hal, addressees and signer."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import DefinitionError, Rembuk
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.blocks import DataTable, Fields, Letterhead
from rembuk_docs.compose.registry import omitted_documents, pack_documents
from rembuk_docs.formats import load_pack

from conftest import (
    SAMPLES,
    assert_in_order,
    assert_page_numbers,
    docx_text,
    normalise,
    pdf_pages,
    pdf_raw_pages,
    pdf_text,
)


def compose(rembuk: Rembuk) -> rembuk_docs.compose.Document:
    return composer("undangan")(rembuk, load_pack(rembuk.format_pack))


def test_kupang_letter_has_the_korespondensi_shape(kupang: Rembuk) -> None:
    document = compose(kupang)
    kop = document.blocks[0]
    assert isinstance(kop, Letterhead)
    # the Kepala Bappeda signs: the OPD's kop
    assert [line.text for line in kop.lines][:2] == [
        "PEMERINTAH KABUPATEN KUPANG",
        "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
    ]
    heading = next(b for b in document.blocks if isinstance(b, Fields))
    assert heading.rows == (
        ("Nomor", "005/118/BAPPEDA/VII/2022"),
        ("Sifat", "Biasa"),
        ("Lampiran", "1 (satu) berkas"),
        ("Hal", "Undangan Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022"),
    )
    lines = document_text(document)
    assert_in_order(
        "\n".join(lines),
        [
            "Kupang, 20 Juli 2022",
            "Nomor : 005/118/BAPPEDA/VII/2022",
            "Yth. Bapak/Ibu (daftar terlampir)",
            "di",
            "Tempat",
            "Dengan hormat, kami mengundang Bapak/Ibu untuk menghadiri Rembuk Stunting",
            "Hari/Tanggal : Senin, 25 Juli 2022",
            "Waktu : Pukul 09.00 WITA s.d. selesai",
            "Tempat : Hotel Neo Aston, Kota Kupang",
            "Acara : Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022",
            "Mengingat pentingnya acara tersebut",
            "Obed Kase, S.E., M.Si.",
            "NIP. 19700808 199503 1 006",
            "LAMPIRAN SURAT KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KABUPATEN KUPANG",
            "DAFTAR UNDANGAN",
        ],
    )
    # eight addressees are too many for the letter: they are the lampiran, which is signed
    (table,) = [b for b in document.blocks if isinstance(b, DataTable)]
    assert [row[1] for row in table.rows][:2] == ["Kapolres Kupang", "Dandim 1604/Kupang"]
    assert len(table.rows) == 8
    assert table.closing is not None and table.closing.blocks[0].name == "Obed Kase, S.E., M.Si."


def test_the_composition_is_what_the_docx_says_and_the_pdf_has_two_pages(kupang: Rembuk) -> None:
    document = compose(kupang)
    docx = rembuk_docs.render_bytes(kupang, "undangan", "docx")
    assert normalise(" ".join(document_text(document))) == docx_text(docx)
    pdf = rembuk_docs.render_bytes(kupang, "undangan", "pdf")
    pages = pdf_pages(pdf)
    assert len(pages) == 2
    # the letter and its signer on page 1; the list of invitees, signed, on page 2
    assert "Obed Kase" in pages[0] and "Mengingat pentingnya" in pages[0]
    assert "DAFTAR UNDANGAN" in pages[1] and "Insan Pers" in pages[1] and "Obed Kase" in pages[1]
    assert all(page.startswith("DRAF ") for page in pdf_raw_pages(pdf))
    assert_page_numbers(pdf)


@pytest.mark.parametrize(
    ("subject", "event_name"),
    [
        (None, "Undangan Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022"),
        ("Undangan", None),
        ("Undangan Undangan Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022", None),
    ],
)
def test_the_hal_says_undangan_once_with_the_event(
    kupang_dict: dict[str, Any], subject: str | None, event_name: str | None
) -> None:
    data = copy.deepcopy(kupang_dict)
    if subject is not None:
        data["invitation"]["subject"] = subject
    if event_name is not None:
        data["event"]["name"] = event_name
    rembuk = rembuk_docs.from_dict(data)
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(rembuk_docs.render_bytes(rembuk, "undangan", fmt))
        assert "Hal : Undangan Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022" in text, fmt
        assert "Undangan Undangan" not in text


def test_few_addressees_stand_in_the_letter_with_given_sifat_and_hal(
    kupang_dict: dict[str, Any],
) -> None:
    data = copy.deepcopy(kupang_dict)
    data["invitation"]["addressees"] = ["Kepala Dinas Kesehatan Kabupaten Kupang"]
    data["invitation"]["nature"] = "Penting"
    data["invitation"]["subject"] = "Rembuk Stunting"
    rembuk = rembuk_docs.from_dict(data)
    document = compose(rembuk)
    lines = document_text(document)
    assert "Yth. Kepala Dinas Kesehatan Kabupaten Kupang" in lines
    assert "Sifat : Penting" in lines and "Hal : Rembuk Stunting" in lines
    assert "Lampiran : -" in lines
    assert not any(isinstance(b, DataTable) for b in document.blocks)
    pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "undangan", "pdf"))
    assert len(pages) == 1 and "Yth. Kepala Dinas Kesehatan" in pages[0]


def test_without_addressees_the_attendees_are_the_lampiran() -> None:
    rembuk = rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")
    data = rembuk.model_dump(mode="json", exclude_none=True)
    data["invitation"] = {"signatory": data["signatories"][0]}
    rembuk = rembuk_docs.from_dict(data)
    document = compose(rembuk)
    (table,) = [b for b in document.blocks if isinstance(b, DataTable)]
    assert [c.title for c in table.columns] == ["No", "Nama", "Jabatan / Instansi"]
    assert len(table.rows) == len(rembuk.attendees)
    assert table.rows[0][1] == rembuk.attendees[0].full_name()
    lines = document_text(document)
    # no date or nomor yet: blanks to fill in by hand, the line is never dropped
    assert any(line.startswith("Nomor : ") and "....." in line for line in lines)
    assert any(line.endswith(", ...............................") for line in lines)


def test_missing_section_or_invitees_is_refused(kupang_dict: dict[str, Any]) -> None:
    data = copy.deepcopy(kupang_dict)
    del data["invitation"]
    data["examples"] = []
    rembuk = rembuk_docs.from_dict(data)
    with pytest.raises(DefinitionError) as caught:
        compose(rembuk)
    assert caught.value.problems[0].location == "invitation"
    assert "undangan" not in pack_documents(rembuk)
    assert omitted_documents(rembuk)["undangan"] == "cli.omitted_undangan"
    data["invitation"] = {"signatory": data["signatories"][0]}
    with pytest.raises(DefinitionError) as caught:
        compose(rembuk_docs.from_dict(data))
    assert caught.value.problems[0].location == "invitation.addressees"


def test_an_invitation_dated_after_the_event_is_refused(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["invitation"]["date"] = "2022-07-26"
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(kupang_dict)
    assert caught.value.problems[0].location == "invitation.date"
    assert caught.value.problems[0].id == "undangan.after_event"


def test_the_regency_pack_opens_with_the_undangan(kupang: Rembuk) -> None:
    assert pack_documents(kupang)[0] == "undangan"


def test_banyuasin_sample_has_an_undangan_and_a_dokumentasi_of_drawn_photos() -> None:
    """Issue 16: one sample carries both new documents; its invented invitation keeps it a draft."""
    import io

    from pypdf import PdfReader

    rembuk = rembuk_docs.load(SAMPLES / "banyuasin-2024.yaml")
    documents = pack_documents(rembuk)
    assert documents[0] == "undangan" and "dokumentasi" in documents
    assert documents.index("dokumentasi") == documents.index("berita-acara") - 1
    assert "invitation" in rembuk.examples
    letter = rembuk_docs.render_bytes(rembuk, "undangan", "pdf")
    (page,) = pdf_raw_pages(letter)
    assert page.startswith("DRAF ")
    # four addressees stand in the letter, so nothing is attached
    assert_in_order(
        page,
        [
            "Pangkalan Balai, 23 Mei 2024",
            "Nomor : 400.5.7/085/Setda/2024",
            "Lampiran : -",
            "Yth. 1. Kepala Perwakilan BKKBN Provinsi Sumatera Selatan",
            "4. Ketua Tim Penggerak PKK Kabupaten Banyuasin di Tempat",
            "Hari/Tanggal : Selasa, 28 Mei 2024",
            "Waktu : Pukul 09.00 s.d. 12.00 WIB",
            "Sekretaris Daerah Kabupaten Banyuasin,",
            "Ir. Erwin Ibrahim",
        ],
    )
    word = docx_text(rembuk_docs.render_bytes(rembuk, "undangan", "docx"))
    assert "Yth. 1. Kepala Perwakilan BKKBN" in word
    photos = PdfReader(io.BytesIO(rembuk_docs.render_bytes(rembuk, "dokumentasi", "pdf")))
    assert [len(p.images) for p in photos.pages] == [3, 2]  # five photos shared evenly
    text = " ".join(pdf_pages(rembuk_docs.render_bytes(rembuk, "dokumentasi", "pdf")))
    assert "Paparan Kepala Perwakilan BKKBN Provinsi Sumatera Selatan (contoh foto)" in text
