"""Wording as data: a pack overrides titles and standard sentences, in DOCX and PDF alike, safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import FormatPackError, Rembuk, TemplateError
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.wording import Wording
from rembuk_docs.formats import load_pack

from conftest import docx_text, normalise, pdf_text


def _pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "format.toml").write_text(text, encoding="utf-8")
    return folder


def _both(rembuk: Rembuk, pack: Path | str) -> list[str]:
    return [
        pdf_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf", format_pack=pack)),
        docx_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx", format_pack=pack)),
    ]


def test_default_wording_gives_the_agreement_its_national_text(kupang: Rembuk) -> None:
    lines = document_text(composer("kesepakatan")(kupang, load_pack()))
    assert lines[:6] == [
        "PEMERINTAH KABUPATEN KUPANG",
        "PERNYATAAN BERSAMA",
        "REMBUK STUNTING TINGKAT KABUPATEN KUPANG TAHUN 2022",
        "TENTANG",
        "PENCEGAHAN DAN PENURUNAN STUNTING TERINTEGRASI",  # the region once: in the event line
        "NOMOR : 440/125/BAPPEDA/VII/2022",
    ]
    text = normalise(" ".join(lines))
    assert "Sehubungan dengan hal tersebut, kami menyatakan hal-hal sebagai berikut:" in text
    assert (
        "Demikian pernyataan bersama ini dibuat dengan penuh kesadaran dan tanggung jawab untuk "
        "dilaksanakan sebaik-baiknya. Kupang, 25 Juli 2022 Kami yang menyatakan," in text
    )
    assert (
        "dengan berpedoman pada Peraturan Presiden Nomor 72 Tahun 2021 tentang Percepatan " in text
    )


def test_a_regency_overrides_the_closing_and_title_in_both_formats(
    tmp_path: Path, kupang: Rembuk
) -> None:
    folder = _pack(
        tmp_path / "kupang-tamat",
        'extends = "kupang"\n'
        "[wording.kesepakatan]\n"
        'penutup = """\nDemikian {{ jenis | lower }} ini kami tandatangani di {{ event.venue }}\n'
        'pada {{ hari_tanggal }}."""\n'
        'judul = """\nNASKAH {{ jenis | upper }}\n{{ wilayah | upper }}"""\n',
    )
    expected = (
        "Demikian pernyataan bersama ini kami tandatangani di Hotel Neo Aston, Kota Kupang "
        "pada Senin, 25 Juli 2022."
    )
    for text in _both(kupang, folder):
        assert expected in text
        assert "NASKAH PERNYATAAN BERSAMA KABUPATEN KUPANG NOMOR :" in text
        assert "penuh kesadaran" not in text
        assert text.startswith("PEMERINTAH KABUPATEN KUPANG")  # the rest still from kupang


def test_a_closing_written_in_the_definition_wins_over_the_pack(
    kupang_dict: dict[str, Any],
) -> None:
    kupang_dict["agreement"]["closing"] = "Demikian {kind} ini kami buat bersama."
    rembuk = rembuk_docs.from_dict(kupang_dict)
    for text in _both(rembuk, "kupang"):
        assert "Demikian pernyataan bersama ini kami buat bersama." in text


def test_signers_heading_follows_the_kind(kupang_dict: dict[str, Any]) -> None:
    for kind, heading in [
        ("Kesepakatan Bersama", "Kami yang bersepakat,"),
        ("Komitmen Bersama", "Kami yang berkomitmen,"),
        ("Pernyataan Bersama", "Kami yang menyatakan,"),
    ]:
        kupang_dict["agreement"]["kind"] = kind
        rembuk = rembuk_docs.from_dict(kupang_dict)
        assert heading in document_text(composer("kesepakatan")(rembuk, load_pack("kupang")))


def test_a_pack_reaching_into_python_fails_before_any_file_is_written(
    tmp_path: Path, kupang: Rembuk
) -> None:
    folder = _pack(
        tmp_path / "jahat",
        '[wording.kesepakatan]\npenutup = """\nDemikian.\n{{ \'\'.__class__.__mro__ }}"""\n',
    )
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        rembuk_docs.render(kupang, out, format_pack=folder)
    (problem,) = caught.value.problems
    assert problem.location.endswith("jahat/format.toml, wording 'kesepakatan.penutup'")
    assert problem.line == 4  # the line of {{ ''.__class__ }} in format.toml
    assert "tidak diizinkan" in problem.message
    assert not out.exists()


def test_a_missing_variable_fails_before_any_file_is_written(
    tmp_path: Path, kupang: Rembuk
) -> None:
    folder = _pack(tmp_path / "lupa", '[wording.kesepakatan]\npengantar = "Kami, {{ pejabat }}:"\n')
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match=r"baris 2\): nilai tidak ada: 'pejabat' is undefined"):
        rembuk_docs.render(kupang, out, format_pack=folder)
    assert not out.exists()


def test_user_text_in_a_wording_snippet_stays_plain_text(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["event"]["venue"] = 'Aula "A & B" <Lantai 2> {{ x }}'
    rembuk = rembuk_docs.from_dict(kupang_dict)
    for text in _both(rembuk, "kupang"):
        assert 'bertempat di Aula "A & B" <Lantai 2> {{ x }}, kami' in text


def test_an_unknown_wording_key_is_a_clear_error(kupang: Rembuk) -> None:
    say = Wording(kupang, load_pack())
    with pytest.raises(
        FormatPackError, match=r"wording 'kesepakatan.penutp' tidak ada.*'kesepakatan.penutup'"
    ):
        say("kesepakatan.penutp")


def test_wording_helper_gives_composers_the_standard_context(kupang: Rembuk) -> None:
    say = Wording(kupang, load_pack("kupang"), name="kesepakatan", number="1/2/X")
    assert say.paragraph("nomor") == "NOMOR : 1/2/X"
    title = say.lines("kesepakatan.judul", jenis="Komitmen Bersama", acara="Rembuk", pokok="Pokok")
    assert title == ("KOMITMEN BERSAMA", "REMBUK", "TENTANG", "POKOK")
    assert say.context["wilayah"] == "Kabupaten Kupang"
    assert say.context["tempat_tanggal"] == "Kupang, 25 Juli 2022"
    assert say.context["anggaran"].startswith("Rp159.820.750,00 (seratus lima puluh sembilan juta")


def test_mimika_says_kampung_and_distrik(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["region"] = {
        "kind": "desa",
        "name": "Kwamki Baru",
        "province": "Papua Tengah",
        "kecamatan": "Kwamki Narama",
        "kabupaten": "Kabupaten Mimika",
    }
    kupang_dict["priority_villages"] = [{"year": 2024, "count": 68}]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    mimika = document_text(composer("kesepakatan")(rembuk, load_pack("mimika")))
    # the pack's government line replaces the one made from the region
    assert mimika[:4] == [
        "PEMERINTAH KABUPATEN MIMIKA",
        "DINAS PEMBERDAYAAN PEREMPUAN,",
        "PERLINDUNGAN ANAK, PENGENDALIAN PENDUDUK",
        "DAN KELUARGA BERENCANA",
    ]
    assert "Sasaran prioritas intervensi adalah 68 kampung lokus pada tahun 2024." in " ".join(
        mimika
    )
    # with a pack that leaves the kop to the region, the terms reach the kop too
    default_with_terms = load_pack("mimika").model_copy(update={"kop": load_pack().kop})
    kop = document_text(composer("kesepakatan")(rembuk, default_with_terms))[:3]
    assert kop == [
        "PEMERINTAH KABUPATEN MIMIKA",
        "DISTRIK KWAMKI NARAMA",
        "KAMPUNG KWAMKI BARU",
    ]


def test_bontang_calls_its_villages_kelurahan_unless_the_definition_says(
    kupang_dict: dict[str, Any],
) -> None:
    kupang_dict["region"] = {"kind": "kota", "name": "Bontang", "province": "Kalimantan Timur"}
    kupang_dict["priority_villages"] = [{"year": 2024, "count": 5}]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    text = " ".join(document_text(composer("kesepakatan")(rembuk, load_pack("bontang"))))
    assert "5 kelurahan lokus pada tahun 2024" in text
    kupang_dict["priority_villages"] = [{"year": 2024, "count": 5, "term": "desa"}]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    text = " ".join(document_text(composer("kesepakatan")(rembuk, load_pack("bontang"))))
    assert "5 desa lokus pada tahun 2024" in text
