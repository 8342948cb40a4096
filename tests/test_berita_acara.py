"""The berita acara: the spelled-out opening and budget, every pledge, attachments and signatures."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.compose import composer, document_text
from rembuk_docs.formats import load_pack
from rembuk_docs.rendering import resolve_pack

from conftest import (
    SAMPLES,
    assert_in_order,
    assert_page_numbers,
    definition_samples,
    docx_text,
    normalise,
    pdf_pages,
    pdf_text,
    pledge_texts,
)

SAMPLE_FILES = definition_samples()
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
UNIT_WORDS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
SCALE_WORDS = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def words_to_int(words: str) -> int:
    """An independent reader of Indonesian number words, to check what the library spells."""
    tokens = words.split()
    total = group = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token in UNIT_WORDS:
            value = UNIT_WORDS.index(token)
            following = tokens[index] if index < len(tokens) else ""
            if following in ("puluh", "belas", "ratus"):
                index += 1
                value = {"puluh": value * 10, "belas": value + 10, "ratus": value * 100}[following]
            group += value
        elif token in ("sepuluh", "sebelas", "seratus"):
            group += {"sepuluh": 10, "sebelas": 11, "seratus": 100}[token]
        elif token == "seribu":
            total += 1000
        elif token in SCALE_WORDS:
            total += group * SCALE_WORDS[token]
            group = 0
        else:
            raise ValueError(f"not a number word: {token!r}")
    return total + group


def two_digits(number: int) -> str:
    """Words for 1..99, written out independently of the library."""
    if number < 10:
        return UNIT_WORDS[number]
    if number == 10:
        return "sepuluh"
    if number == 11:
        return "sebelas"
    if number < 20:
        return f"{UNIT_WORDS[number - 10]} belas"
    tens, units = divmod(number, 10)
    return f"{UNIT_WORDS[tens]} puluh" + (f" {UNIT_WORDS[units]}" if units else "")


def _berita_acara(data: dict[str, Any]) -> list[str]:
    rembuk = rembuk_docs.from_dict(data)
    return document_text(composer("berita-acara")(rembuk, resolve_pack(rembuk)))


def _opening(kupang_dict: dict[str, Any], day: date) -> str:
    kupang_dict["event"]["date"] = day.isoformat()
    kupang_dict["event"].pop("day", None)
    # the invitation's date is checked against the event's: move it with the event
    kupang_dict["invitation"]["date"] = (day - timedelta(days=7)).isoformat()
    return next(line for line in _berita_acara(kupang_dict) if line.startswith("Pada hari ini"))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            date(2022, 7, 25),
            "Pada hari ini, Senin, tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua, "
            "bertempat di Hotel Neo Aston, Kota Kupang, telah dilaksanakan Rembuk Stunting "
            "Tingkat Kabupaten Kupang Tahun 2022 yang dipimpin oleh Wakil Bupati Kupang",
        ),
        (
            date(2024, 2, 1),
            "Pada hari ini, Kamis, tanggal satu bulan Februari tahun dua ribu dua puluh empat,",
        ),
        (
            date(2023, 11, 11),
            "Pada hari ini, Sabtu, tanggal sebelas bulan November tahun dua ribu dua puluh tiga,",
        ),
        (
            date(2021, 9, 21),
            "Pada hari ini, Selasa, tanggal dua puluh satu bulan September tahun dua ribu dua "
            "puluh satu,",
        ),
        (
            date(2099, 12, 31),
            "Pada hari ini, Kamis, tanggal tiga puluh satu bulan Desember tahun dua ribu sembilan "
            "puluh sembilan,",
        ),
        (date(2000, 1, 1), "Pada hari ini, Sabtu, tanggal satu bulan Januari tahun dua ribu,"),
        (
            date(2010, 10, 10),
            "Pada hari ini, Minggu, tanggal sepuluh bulan Oktober tahun dua ribu sepuluh,",
        ),
    ],
)
def test_opening_spells_the_date(kupang_dict: dict[str, Any], day: date, expected: str) -> None:
    assert _opening(kupang_dict, day).startswith(expected)


@pytest.mark.parametrize("year", range(2000, 2100))
def test_opening_spells_every_year_of_the_century(kupang_dict: dict[str, Any], year: int) -> None:
    day = date(year, 12, 31) if year % 3 else date(year, 1, 1) + timedelta(days=year % 28)
    opening = _opening(kupang_dict, day)
    year_words = "dua ribu" + (f" {two_digits(year % 100)}" if year % 100 else "")
    day_words = two_digits(day.day)
    months = ["Januari", "Desember"]
    month = months[0] if day.month == 1 else months[1]
    expected = (
        f"Pada hari ini, {DAYS[day.weekday()]}, tanggal {day_words} bulan {month} "
        f"tahun {year_words}, bertempat di "
    )
    assert opening.startswith(expected)
    assert words_to_int(year_words) == year
    assert words_to_int(day_words) == day.day


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (0, "Rp0,00 (nol rupiah)"),
        (11, "Rp11,00 (sebelas rupiah)"),
        (1000, "Rp1.000,00 (seribu rupiah)"),
        (1_000_000, "Rp1.000.000,00 (satu juta rupiah)"),
        (
            159_820_750,
            "Rp159.820.750,00 (seratus lima puluh sembilan juta delapan ratus dua puluh ribu "
            "tujuh ratus lima puluh rupiah)",
        ),
        (2_000_000_000, "Rp2.000.000.000,00 (dua miliar rupiah)"),
    ],
)
def test_budget_in_figures_and_words_with_its_source(
    kupang_dict: dict[str, Any], amount: int, written: str
) -> None:
    kupang_dict["event"]["budget"]["amount"] = amount
    lines = _berita_acara(kupang_dict)
    sentence = (
        "Pelaksanaan kegiatan ini dibiayai dari Dana Alokasi Khusus (DAK) Tahun Anggaran 2022 "
        f"sebesar {written}."
    )
    assert sentence in lines
    words = written.split("(", 1)[1].removesuffix(" rupiah)")
    assert words_to_int(words) == amount


def test_budget_of_another_fiscal_year_and_no_budget(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["event"]["budget"]["fiscal_year"] = 2021
    assert any("Tahun Anggaran 2021 sebesar" in line for line in _berita_acara(kupang_dict))
    del kupang_dict["event"]["budget"]
    assert not any("dibiayai" in line for line in _berita_acara(kupang_dict))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_pledge_is_in_the_berita_acara_or_its_lampiran(sample: Any, fmt: str) -> None:
    rembuk = rembuk_docs.load(sample)
    data = rembuk_docs.render_bytes(rembuk, "berita-acara", fmt)
    # a pledge may run over a page break: take the page footers out of the running text
    text = (
        normalise(re.sub(r"Halaman \d+ dari \d+", " ", pdf_text(data)))
        if fmt == "pdf"
        else docx_text(data)
    )
    lampiran = rembuk.record is not None and rembuk.record.pledges.value == "lampiran"
    if lampiran:
        # the body refers to the lampiran; the pledges follow the signatures on their own pages
        start = text.index("LAMPIRAN", text.index("Demikian Berita Acara"))
    else:
        start = 0
        assert text.index(pledge_texts(rembuk)[-1]) < text.index("Demikian Berita Acara")
    assert_in_order(text[start:], pledge_texts(rembuk))


def test_pledges_inline_or_in_the_lampiran(kupang_dict: dict[str, Any]) -> None:
    lampiran = normalise(" ".join(_berita_acara(kupang_dict)))
    assert (
        "Pernyataan Bersama tentang Pencegahan dan Penurunan Stunting Terintegrasi di Kabupaten "
        "Kupang Nomor 440/125/BAPPEDA/VII/2022 yang memuat 13 (tiga belas) butir pernyataan "
        "bersama, sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan "
        "dari Berita Acara ini."
    ) in lampiran
    assert_in_order(
        lampiran,
        [
            "Jerry Manafe",
            "LAMPIRAN BERITA ACARA HASIL KESEPAKATAN REMBUK STUNTING",
            "NOMOR : 050/126/BAPPEDA/VII/2022 TANGGAL : 25 Juli 2022",
            "PERNYATAAN BERSAMA",
            "Meningkatkan pelaksanaan integrasi",
        ],
    )
    kupang_dict["record"]["pledges"] = "inline"
    inline = normalise(" ".join(_berita_acara(kupang_dict)))
    assert "LAMPIRAN" not in inline
    assert_in_order(
        inline, ["Nomor 440/125/BAPPEDA/VII/2022 sebagai berikut:", "Meningkatkan", "Demikian"]
    )


def test_kupang_record_title_attachments_closing_and_signatures(kupang: Rembuk) -> None:
    data = rembuk_docs.render_bytes(kupang, "berita-acara", "pdf")
    pages = pdf_pages(data)
    text = " ".join(pages)
    assert_in_order(
        text,
        [
            "PEMERINTAH KABUPATEN KUPANG",
            "BERITA ACARA HASIL KESEPAKATAN REMBUK STUNTING KABUPATEN KUPANG TAHUN 2022",
            "NOMOR : 050/126/BAPPEDA/VII/2022",
            "Pada hari ini, Senin, tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua",
            "dihadiri oleh perwakilan Kapolres Kupang",
            "sebesar Rp159.820.750,00 (seratus lima puluh sembilan juta",
            "Berita Acara ini dilengkapi dengan lampiran:",
            # in pack order, the order of the bundle: the undangan first
            "1. Undangan Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022",
            "2. Pernyataan Bersama tentang Pencegahan",
            "3. Daftar Hadir Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022",
            "4. Notulen Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022",
            "Demikian Berita Acara ini dibuat dengan sebenarnya dalam rangkap 3 (tiga) untuk "
            "dipergunakan sebagaimana mestinya.",
            "Kupang, 25 Juli 2022 Yang membuat berita acara,",
            "Obed Kase, S.E., M.Si.",
            "NIP. 19700808 199503 1 006",
            "dr. Maria Ch. Lenggu, M.Kes.",
            "Mengetahui, Wakil Bupati Kupang,",
            "Jerry Manafe",
            # the lampiran with the pledges is signed by who made the berita acara
            "LAMPIRAN",
            "13. Pasangan yang akan menikah",
            "Lampiran ini merupakan bagian yang tidak terpisahkan dari Berita Acara Nomor "
            "050/126/BAPPEDA/VII/2022. Yang membuat berita acara,",
            "Obed Kase, S.E., M.Si.",
            "dr. Maria Ch. Lenggu, M.Kes.",
        ],
    )
    lampiran = text[text.index("LAMPIRAN") :]
    assert "Mengetahui" not in lampiran and "Kupang, 25 Juli 2022" not in lampiran
    assert pages[-1].count("NIP.") == 2
    assert_page_numbers(data)


def test_without_a_record_section_the_defaults_make_a_sound_document() -> None:
    banyuasin = rembuk_docs.load(SAMPLES / "banyuasin-2024.yaml")
    assert banyuasin.record is None
    lines = document_text(composer("berita-acara")(banyuasin, load_pack()))
    text = normalise(" ".join(lines))
    assert lines[1:3] == [
        "BERITA ACARA HASIL KESEPAKATAN REMBUK STUNTING",
        "KABUPATEN BANYUASIN TAHUN 2024",
    ]
    # no nomor yet: a dotted blank to fill in by hand, keeping the month and year
    assert "NOMOR : ........./........./........./V/2024" in lines
    # made by the first civil servant among the signatories (no organising office is named),
    # acknowledged by the Sekda: without NIP, with every gelar
    assert_in_order(
        text,
        [
            "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
            "Pangkalan Balai, 28 Mei 2024 Yang membuat berita acara,",
            "Kepala Badan Perencanaan Pembangunan Daerah Kabupaten Banyuasin, "
            "Hendra Wijaya, S.T., M.Si. Pembina Utama Muda (IV/c) NIP. 19720811 199803 1 003",
            "Mengetahui, Sekretaris Daerah Kabupaten Banyuasin, "
            "Ir. Erwin Ibrahim, S.T., M.M., M.B.A., IPU, ASEAN Eng.",
        ],
    )
    assert "NIP" not in text.split("Mengetahui,")[1]
    assert "Ketua DPRD" not in text.split("Demikian")[1]
    assert "Target prevalensi stunting Kabupaten Banyuasin adalah 15,8% pada tahun 2025." in text


def test_the_organising_office_makes_it_and_the_kepala_daerah_acknowledges_it() -> None:
    mimika = rembuk_docs.load(SAMPLES / "mimika-2024.yaml")
    assert mimika.record is not None and not mimika.record.parties
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        text = text_of(rembuk_docs.render_bytes(mimika, "berita-acara", fmt))
        # signed by the Bupati (Mengetahui): the pemerintah daerah's kop, no OPD line
        assert text.startswith("PEMERINTAH KABUPATEN MIMIKA BERITA ACARA")
        assert_in_order(
            text,
            [
                "Timika, 21 Juni 2024 Yang membuat berita acara,",
                "Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian",
                "Ruth Magal, S.Sos., M.Si.",
                "NIP. 19740618 200003 2 005",
                "Mengetahui, Bupati Mimika,",
                "Johannes Rettob",
            ],
        )
        assert "Yosias Kemong" not in text


def test_witnesses_none_and_parties_given_keep_their_own_headings(
    kupang_dict: dict[str, Any],
) -> None:
    kupang_dict["record"]["witnesses"] = []
    kupang_dict["record"].pop("parties_heading")
    text = normalise(" ".join(_berita_acara(kupang_dict)))
    assert "Mengetahui" not in text
    # the parties the definition names agree: the pack's 'Yang bersepakat,'
    assert "Kupang, 25 Juli 2022 Yang bersepakat, Kepala Badan Perencanaan" in text
    # without witnesses given, the Wakil Bupati (a signatory) acknowledges it
    kupang_dict["record"].pop("witnesses")
    kupang_dict["record"]["parties"] = kupang_dict["record"]["parties"][:1]
    text = normalise(" ".join(_berita_acara(kupang_dict)))
    assert "Mengetahui, Wakil Bupati Kupang, Jerry Manafe" in text


def test_attachments_may_be_given_or_left_out(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["record"]["attachments"] = ["Daftar hadir peserta", "Dokumentasi kegiatan"]
    lines = _berita_acara(kupang_dict)
    start = lines.index("Berita Acara ini dilengkapi dengan lampiran:")
    assert lines[start + 1 : start + 3] == ["Daftar hadir peserta", "Dokumentasi kegiatan"]
    kupang_dict["record"]["attachments"] = []
    assert "Berita Acara ini dilengkapi dengan lampiran:" not in _berita_acara(kupang_dict)


def test_online_event_is_held_in_its_room_by_video_conference() -> None:
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    lines = document_text(composer("berita-acara")(bontang, load_pack()))
    opening = next(line for line in lines if line.startswith("Pada hari ini"))
    assert opening.startswith(
        "Pada hari ini, Kamis, tanggal tiga puluh bulan Mei tahun dua ribu dua puluh empat, "
        "bertempat di Ruang Pertemuan Command Center, Dinas Komunikasi dan Informatika Kota "
        "Bontang secara daring melalui Zoom Meeting, telah dilaksanakan penilaian kinerja "
        "pelaksanaan 8 aksi konvergensi"
    )
    assert lines[1] == "BERITA ACARA PENILAIAN KINERJA PELAKSANAAN 8 AKSI KONVERGENSI"


def test_the_composition_is_what_the_docx_says(kupang: Rembuk) -> None:
    document = composer("berita-acara")(kupang, resolve_pack(kupang))
    docx = rembuk_docs.render_bytes(kupang, "berita-acara", "docx")
    assert normalise(" ".join(document_text(document))) == docx_text(docx)


def test_a_record_party_must_follow_pasal_44(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["record"]["witnesses"] = [
        {
            "name": "Jerry Manafe",
            "position": "Wakil Bupati Kupang",
            "role": "wakil_kepala_daerah",
            "nip": "19720315 199803 2 004",
        }
    ]
    with pytest.raises(
        rembuk_docs.DefinitionError, match=r"record.witnesses\[0\].nip: penanda tangan dengan role"
    ):
        rembuk_docs.from_dict(kupang_dict)


def test_an_assessment_records_its_results() -> None:
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    for fmt in ("pdf", "docx"):
        data = rembuk_docs.render_bytes(bontang, "berita-acara", fmt)
        text = pdf_text(data) if fmt == "pdf" else docx_text(data)
        assert "Hasil penilaian pelaksanaan 8 (delapan) aksi konvergensi:" in text
        assert "Aksi 4: Peraturan Wali Kota tentang Peran Kelurahan" in text
        assert "Aksi 8: Reviu Kinerja Tahunan" in text and "Belum dilaksanakan" in text
