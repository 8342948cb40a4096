"""The minutes: event header, sections in order, tables, signatures, and clear errors when incomplete."""

from __future__ import annotations

import io
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import DefinitionError, Rembuk
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.blocks import DataTable
from rembuk_docs.formats import load_pack
from rembuk_docs.rendering import resolve_pack

from conftest import SAMPLES, assert_in_order, docx_text, normalise, pdf_pages, pdf_text


def _lines(rembuk: Rembuk) -> list[str]:
    return document_text(composer("notulen")(rembuk, resolve_pack(rembuk)))


@pytest.fixture(scope="module")
def notulen_pdf(kupang: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kupang, "notulen", "pdf")


@pytest.fixture(scope="module")
def notulen_docx(kupang: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kupang, "notulen", "docx")


HEADER = [
    "NOTULEN",
    "REMBUK STUNTING TINGKAT KABUPATEN KUPANG TAHUN 2022",
    "Acara : Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022",
    "Hari/Tanggal : Senin, 25 Juli 2022",
    "Waktu : Pukul 09.00 s.d. 13.00 WITA",
    "Tempat : Hotel Neo Aston, Kota Kupang",
    "Pimpinan Rapat : Jerry Manafe, Wakil Bupati Kupang",
    "Notulis : Agustina Bell, S.E., Analis Perencanaan pada Badan Perencanaan",
    "Peserta : ",  # a count comes first once the sample lists its attendees
    "erwakilan Kapolres Kupang, perwakilan Dandim 1604/Kupang,",
    "Kepala Puskesmas, dan insan pers (daftar hadir terlampir)",
]
SECTIONS = [
    "A. Agenda",
    "B. Sambutan dan Arahan",
    "C. Pemaparan Materi",
    "D. Diskusi dan Tanya Jawab",
    "E. Kesimpulan dan Keputusan",
    "F. Rencana Tindak Lanjut",
    "G. Penutup",
]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_header_then_every_section_in_order(
    notulen_pdf: bytes, notulen_docx: bytes, fmt: str
) -> None:
    text = pdf_text(notulen_pdf) if fmt == "pdf" else docx_text(notulen_docx)
    assert_in_order(
        text, [*HEADER, *SECTIONS, "Rapat ditutup oleh Wakil Bupati Kupang pada pukul 13.00"]
    )


def test_every_agenda_item_point_question_and_decision_is_in_the_pdf(
    kupang: Rembuk, notulen_pdf: bytes
) -> None:
    minutes = kupang.minutes
    assert minutes is not None
    expected = [*minutes.agenda]
    for remark in minutes.remarks:
        expected += [remark.speaker, *remark.points]
    for talk in minutes.presentations:
        expected += [talk.title, talk.speaker, *talk.points]
    for entry in minutes.discussion:
        expected += [entry.asked_by, entry.question, str(entry.answered_by), str(entry.answer)]
    expected += minutes.decisions
    assert_in_order(pdf_text(notulen_pdf), [normalise(text) for text in expected])


def test_follow_ups_are_a_table_with_dates_written_out(kupang: Rembuk) -> None:
    document = composer("notulen")(kupang, resolve_pack(kupang))
    (table,) = [b for b in document.blocks if isinstance(b, DataTable)]
    assert [c.title for c in table.columns] == [
        "No",
        "Tindak Lanjut",
        "Penanggung Jawab",
        "Batas Waktu",
    ]
    assert [row[0] for row in table.rows] == ["1", "2", "3"]
    assert [row[3] for row in table.rows] == ["Agustus 2022", "31 Agustus 2022", "Setiap triwulan"]
    assert table.rows[1][2] == "Bappeda"


def test_docx_follow_up_table_has_a_header_and_one_row_per_action(notulen_docx: bytes) -> None:
    from docx import Document

    tables = Document(io.BytesIO(notulen_docx)).tables
    follow_up = [t for t in tables if t.rows[0].cells[0].text == "No"]
    assert len(follow_up) == 1
    assert len(follow_up[0].rows) == 1 + 3
    assert follow_up[0].rows[2].cells[1].text.startswith("Menyampaikan hasil analisis situasi")


def test_signed_by_the_chair_and_the_notulis_as_pasal_44_says(notulen_pdf: bytes) -> None:
    last = pdf_pages(notulen_pdf)[-1]
    assert_in_order(
        last,
        ["Mengetahui, Pimpinan Rapat Wakil Bupati Kupang,", "Kupang, 25 Juli 2022 Notulis"],
    )
    assert_in_order(last, ["Jerry Manafe", "Agustina Bell, S.E.", "NIP. 19900512 201503 2 002"])
    # the Wakil Bupati signs with neither pangkat nor NIP
    assert last.count("NIP.") == 1


def test_the_composition_is_what_the_docx_says(kupang: Rembuk, notulen_docx: bytes) -> None:
    assert normalise(" ".join(_lines(kupang))) == docx_text(notulen_docx)


def test_pdf_says_every_composed_line_outside_tables(kupang: Rembuk, notulen_pdf: bytes) -> None:
    document = composer("notulen")(kupang, resolve_pack(kupang))
    text = pdf_text(notulen_pdf)
    blocks = [b for b in document.blocks if not isinstance(b, DataTable)]
    from dataclasses import replace

    for line in document_text(replace(document, blocks=tuple(blocks))):
        if line.strip():
            assert normalise(line) in text, line


def test_online_event_names_platform_link_and_host_room() -> None:
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    lines = normalise(" ".join(_lines(bontang)))
    assert (
        "Tempat : Daring melalui Zoom Meeting (https://zoom.us/j/81234567890), dipusatkan di "
        "Ruang Pertemuan Command Center, Dinas Komunikasi dan Informatika Kota Bontang"
    ) in lines
    assert (
        "Pimpinan Rapat : Bahauddin, Staf Ahli Wali Kota Bontang Bidang Ekonomi Keuangan, mewakili Wali Kota Bontang"
        in lines
    )


def test_bontang_lists_the_eight_actions_with_their_status() -> None:
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    document = composer("notulen")(bontang, load_pack())
    tables = [b for b in document.blocks if isinstance(b, DataTable)]
    review = next(t for t in tables if t.columns[1].title == "Aksi Konvergensi")
    assert len(review.rows) == 8
    assert [row[1].split(":")[0] for row in review.rows] == [f"Aksi {n}" for n in range(1, 9)]
    assert review.rows[7][1:3] == ("Aksi 8: Reviu Kinerja Tahunan", "Belum dilaksanakan")
    assert "C. Penilaian Pelaksanaan 8 Aksi Konvergensi" in document_text(document)
    from docx import Document

    docx = Document(io.BytesIO(rembuk_docs.render_bytes(bontang, "notulen", "docx")))
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Aksi Konvergensi")
    assert len(table.rows) == 9
    assert table.rows[6].cells[2].text == "Telah dilaksanakan"


def test_without_decisions_the_agreement_adoption_is_recorded() -> None:
    banyuasin = rembuk_docs.load(SAMPLES / "banyuasin-2024.yaml")
    assert banyuasin.minutes is not None and banyuasin.minutes.decisions == []
    lines = _lines(banyuasin)
    expected = (
        "Menyepakati dan menandatangani Komitmen Bersama tentang Percepatan Penurunan Stunting "
        "Terintegrasi di Kabupaten Banyuasin Nomor 400.5.7/089/Setda/2024 yang memuat 6 (enam) "
        "butir komitmen bersama."
    )
    assert lines[lines.index("E. Kesimpulan dan Keputusan") + 1] == expected
    assert "Peserta : 60 orang, terdiri atas anggota Tim Percepatan" in " ".join(lines)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_adoption_names_the_agreement_by_its_own_title_and_nomor(fmt: str) -> None:
    """Bontang's D.3 reads the Komitmen Bersama as its title and nomor say, after the
    definition's own decisions, not a title written anew ('... Pelaksanaan 8 Aksi ...')."""
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    data = rembuk_docs.render_bytes(bontang, "notulen", fmt)
    text = normalise(pdf_text(data) if fmt == "pdf" else docx_text(data))
    decisions = text.split("Kesimpulan dan Keputusan", 1)[1].split("Rencana Tindak Lanjut")[0]
    adoption = (
        "Menyepakati dan menandatangani Komitmen Bersama tentang Pendekatan yang Komprehensif "
        "dan Terintegrasi untuk Menurunkan Angka Stunting di Kota Bontang Nomor "
        "400.5.7/211/Setda/V/2024 yang memuat 6 (enam) butir komitmen bersama."
    )
    assert decisions.index(adoption) > decisions.index("Hasil penilaian menjadi dasar")
    assert "Pelaksanaan 8 Aksi Konvergensi Percepatan Penurunan Stunting di Kota" not in decisions
    assert decisions.count("Menyepakati dan menandatangani") == 1


def test_a_decision_that_names_the_agreement_is_not_recorded_twice(
    kupang_dict: dict[str, Any],
) -> None:
    own = "Menyepakati Pernyataan Bersama dengan catatan dari peserta."
    kupang_dict["minutes"]["decisions"] = [own]
    lines = _lines(rembuk_docs.from_dict(kupang_dict))
    start = lines.index("E. Kesimpulan dan Keputusan")
    assert own in lines[start + 1]
    assert not any("Menyepakati dan menandatangani" in line for line in lines[start:])


def test_without_end_or_closing_time_the_meeting_runs_until_finished(
    kupang_dict: dict[str, Any],
) -> None:
    del kupang_dict["minutes"]["closed_at"]
    lines = _lines(rembuk_docs.from_dict(kupang_dict))
    assert "Waktu : Pukul 09.00 WITA s.d. selesai" in lines
    assert "Rapat ditutup oleh Wakil Bupati Kupang." in lines


def test_participant_count_defaults_to_the_attendees(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["minutes"]["participants"] = []
    kupang_dict["attendees"] = [{"name": f"Peserta {n}"} for n in range(1, 4)]
    lines = _lines(rembuk_docs.from_dict(kupang_dict))
    assert "Peserta : 3 orang (daftar hadir terlampir)" in lines
    kupang_dict["attendees"] = []
    lines = _lines(rembuk_docs.from_dict(kupang_dict))
    assert "Peserta : Sebagaimana tercantum dalam daftar hadir terlampir" in lines


def test_a_definition_without_minutes_cannot_make_the_notulen(
    kupang_dict: dict[str, Any], tmp_path: Any
) -> None:
    del kupang_dict["minutes"]
    rembuk = rembuk_docs.from_dict(kupang_dict)  # still a valid definition
    with pytest.raises(
        DefinitionError, match=r"minutes: notulen memerlukan bagian minutes"
    ) as caught:
        rembuk_docs.render(rembuk, tmp_path / "out")
    assert caught.value.ids == ["requires.notulen.minutes"]
    assert not (tmp_path / "out").exists()
    # the other documents still render
    paths = rembuk_docs.render(rembuk, tmp_path / "out", documents=["kesepakatan", "berita-acara"])
    assert [p.name for p in paths][-1] == "berita-acara.pdf"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["event"].update(chair="Ketua Panitia"),
            "minutes.chair: notulen memerlukan pimpinan rapat yang menandatanganinya: "
            "event.chair 'Ketua Panitia' bukan jabatan salah satu penanda tangan",
        ),
        (
            lambda d: d["minutes"].update(closed_at="08.30"),
            "minutes.closed_at: rapat tidak dapat selesai sebelum dimulai",
        ),
        (
            lambda d: d["minutes"]["follow_ups"][0].update(due="30 Februari 2022"),
            "minutes.follow_ups[0].due: '30 Februari 2022' bukan tanggal yang ada di kalender",
        ),
        (
            lambda d: d["minutes"]["notulis"].pop("nip"),
            "minutes.notulis.nip: penanda tangan ASN memerlukan NIP",
        ),
        (
            lambda d: d["minutes"]["remarks"][0].update(points=[]),
            "minutes.remarks[0].points: perlu paling sedikit 1 butir",
        ),
        (
            lambda d: d["minutes"].update(notulen="x"),
            "minutes.notulen: kunci 'notulen' tidak dikenal; maksudnya 'notulis'?",
        ),
    ],
)
def test_each_problem_of_the_minutes_names_its_path(
    kupang_dict: dict[str, Any], change: Any, expected: str
) -> None:
    change(kupang_dict)
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(kupang_dict)
    problems = [f"{p.location}: {p.message}" for p in caught.value.problems]
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_chair_given_explicitly_signs_even_when_event_chair_names_no_signatory() -> None:
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    assert bontang.event.chair is not None and bontang.minutes is not None
    assert all(p.position != bontang.event.chair for p in bontang.signatories)
    text = normalise(" ".join(_lines(bontang)))
    assert "Mengetahui, Pimpinan Rapat Staf Ahli Wali Kota Bontang Bidang Ekonomi Keuangan," in text
    assert "Bahauddin Pembina Utama Muda (IV/c) NIP. 19690514 199403 1 008" in text


def test_deadlines_in_words_stay_words_and_dates_become_dates(kupang: Rembuk) -> None:
    from datetime import date

    assert kupang.minutes is not None
    dues = [step.due for step in kupang.minutes.follow_ups]
    assert dues == ["Agustus 2022", date(2022, 8, 31), "Setiap triwulan"]


def test_example_names_include_the_people_of_the_minutes_and_record(kupang: Rembuk) -> None:
    assert "Agustina Bell" in kupang.example_names
    assert len(kupang.example_names) == len(set(kupang.example_names))
