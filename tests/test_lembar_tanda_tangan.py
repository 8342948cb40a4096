"""The signature sheet: the agreement's heading, one row per signatory in order, Pasal 44 names."""

from __future__ import annotations

import re
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import Rembuk, Role
from rembuk_docs.compose import composer, document_text
from rembuk_docs.formats import load_pack
from test_daftar_hadir import LABEL, docx_rows

from conftest import SAMPLES, assert_page_numbers, docx_text, pdf_pages, pdf_text


@pytest.fixture(scope="module")
def kayong() -> Rembuk:
    return rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")


@pytest.fixture(scope="module")
def sheet_docx(kayong: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kayong, "lembar-tanda-tangan", "docx")


@pytest.fixture(scope="module")
def sheet_pdf(kayong: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kayong, "lembar-tanda-tangan", "pdf")


def test_heading_names_the_agreement_its_nomor_and_date(
    sheet_pdf: bytes, sheet_docx: bytes
) -> None:
    expected = [
        "LEMBAR TANDA TANGAN",
        "KOMITMEN BERSAMA",
        # the subject repeats the event: the region and year stand for it, said once
        "KABUPATEN KAYONG UTARA TAHUN 2023 TENTANG",
        "OPTIMALISASI PERAN TIM PERCEPATAN PENURUNAN STUNTING KECAMATAN DAN DESA",
        "Nomor : 440/112/DINKESKB/III/2023",
        "Tanggal : 16 Maret 2023",
        "No Nama / NIP Jabatan / Instansi Tanda Tangan",
    ]
    for text in (pdf_text(sheet_pdf), docx_text(sheet_docx)):
        position = 0
        for phrase in expected:
            position = text.index(phrase, position)


def test_one_row_per_signatory_in_order_with_names_as_pasal_44_says(
    kayong: Rembuk, sheet_docx: bytes
) -> None:
    rows = docx_rows(sheet_docx)[1:]
    assert len(rows) == len(kayong.signatories) == 13
    assert [row[0] for row in rows] == [str(n) for n in range(1, 14)]
    assert rows[0][1:3] == ["Citra Duani", "Bupati Kayong Utara"]  # no NIP for the Bupati
    assert rows[3][1] == "Mahmud Arifin, S.H., M.Si."  # sekda: gelar, no NIP
    assert (
        rows[4][1]
        == "dr. Nurul Hidayah, M.Kes.\nPembina Tingkat I (IV/b)\nNIP. 19700612 199603 2 004"
    )
    assert rows[12][1] == "Ahmad Fauzi, S.H.\nPenata (III/c)\nNIP. 19840410 201001 1 009"
    for number, row in enumerate(rows, start=1):
        assert LABEL.fullmatch(row[3]) and row[3].startswith(f"{number}. ")


def test_pdf_rows_come_in_order_with_the_header_on_every_page(
    kayong: Rembuk, sheet_pdf: bytes
) -> None:
    pages = pdf_pages(sheet_pdf)
    labels = [int(n) for page in pages for n in LABEL.findall(page)]
    assert labels == list(range(1, 14))
    text = " ".join(pages)
    position = 0
    for person in kayong.signatories:
        position = text.index(person.printed_name(), position)
    for page in pages:
        assert "No Nama / NIP Jabatan / Instansi Tanda Tangan" in page
    assert "Pembina Tingkat I (IV/b) NIP. 19700612 199603 2 004" in text


def test_an_acting_head_signs_without_gelar_and_nip(kayong: Rembuk) -> None:
    people = list(kayong.signatories)
    people[3] = people[3].model_copy(
        update={"role": Role.ACTING_HEAD, "position": "Plt. Sekretaris Daerah"}
    )
    rembuk = kayong.model_copy(update={"signatories": people})
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "lembar-tanda-tangan", "docx"))
    assert rows[4][1:3] == ["Mahmud Arifin", "Plt. Sekretaris Daerah"]


def test_a_long_sheet_keeps_rows_whole_and_numbered(kayong: Rembuk) -> None:
    people = [
        kayong.signatories[4].model_copy(
            update={"name": f"Penanda {n}", "nip": None, "role": Role.NON_ASN}
        )
        for n in range(1, 201)
    ]
    # without minutes: their chair (event.chair) would no longer be among the signatories
    rembuk = kayong.model_copy(update={"signatories": people, "minutes": None})
    pdf = rembuk_docs.render_bytes(rembuk, "lembar-tanda-tangan", "pdf")
    pages = pdf_pages(pdf)
    assert_page_numbers(pdf)
    seen = []
    for page in pages:
        assert "No Nama / NIP Jabatan / Instansi Tanda Tangan" in page
        for label in LABEL.findall(page):
            assert re.search(rf"\b{label} dr\. Penanda {label}, M\.Kes\.", page)
            seen.append(int(label))
    assert seen == list(range(1, 201))


def test_the_composition_is_what_the_docx_says(kayong: Rembuk, sheet_docx: bytes) -> None:
    document = composer("lembar-tanda-tangan")(kayong, load_pack())
    assert " ".join(" ".join(document_text(document)).split()) == docx_text(sheet_docx)


def test_the_sheet_carries_the_agreements_nomor_made_from_its_parts(
    kupang_dict: dict[str, Any],
) -> None:
    # a nomor made from agreement.numbering (no agreement.number) was left off the sheet while
    # the kesepakatan printed it; without any part both print the same dotted blank
    kupang_dict["agreement"].pop("number", None)
    kupang_dict["agreement"]["numbering"] = {
        "klasifikasi": "400.5.7",
        "urut": "45",
        "unit": "BAPPEDA",
    }
    rembuk = rembuk_docs.from_dict(kupang_dict)
    sheet = pdf_text(rembuk_docs.render_bytes(rembuk, "lembar-tanda-tangan", "pdf"))
    agreement = pdf_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
    assert "NOMOR : 400.5.7/45/BAPPEDA/VII/2022" in agreement
    assert "Nomor : 400.5.7/45/BAPPEDA/VII/2022 Tanggal : 25 Juli 2022" in sheet
    kupang_dict["agreement"].pop("numbering")
    blank = rembuk_docs.from_dict(kupang_dict)
    sheet = pdf_text(rembuk_docs.render_bytes(blank, "lembar-tanda-tangan", "pdf"))
    assert "Nomor : ........./........./........./VII/2022 Tanggal" in sheet
