"""Every sample (one per seed event) renders its full pack, and says what its seed says."""

from __future__ import annotations

import importlib.util
import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

import rembuk_docs
from rembuk_docs.compose import PACKS, pack_documents
from rembuk_docs.model import RegionKind

from conftest import SAMPLES, definition_samples, docx_text, pdf_raw_pages, pdf_text

SAMPLE_FILES = definition_samples()
SEED_SAMPLES = ["kupang-2022", "mimika-2024", "banyuasin-2024", "bontang-2024"]

REGENCY_PACK = PACKS[RegionKind.KABUPATEN]
"""The full pack of a kabupaten or kota, in order: every sample here is one."""


@cache
def _render_all() -> Any:
    """samples/render_all.py as a module: its ``load`` gives a sample the sheets it renders with."""
    spec = importlib.util.spec_from_file_location("render_all", SAMPLES / "render_all.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(stem: str) -> rembuk_docs.Rembuk:
    """A sample as samples/render_all.py loads it (Kupang with its example plan sheet)."""
    rembuk: rembuk_docs.Rembuk = _render_all().load(SAMPLES / f"{stem}.yaml")
    return rembuk


@cache
def _pack(stem: str) -> dict[str, bytes]:
    """Every file of a sample's full pack, by file name, rendered once per test session."""
    rembuk = _load(stem)
    files = {}
    for name in pack_documents(rembuk):
        for fmt in ("docx", "pdf"):
            files[f"{name}.{fmt}"] = rembuk_docs.render_bytes(rembuk, name, fmt)
    files["paket.pdf"] = rembuk_docs.render_bundle(rembuk)
    return files


def _text(stem: str, document: str) -> str:
    return pdf_text(_pack(stem)[f"{document}.pdf"])


def test_every_seed_event_has_a_sample() -> None:
    stems = {path.stem for path in SAMPLE_FILES}
    assert set(SEED_SAMPLES) <= stems


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_sample_renders_its_full_pack(sample: Path) -> None:
    files = _pack(sample.stem)
    # the regency pack, and the lampiran whose data the sample has (never an empty one)
    names = pack_documents(_load(sample.stem))
    assert set(REGENCY_PACK) <= set(names)
    assert set(files) == {f"{n}.{f}" for n in names for f in ("docx", "pdf")} | {"paket.pdf"}
    total = 0
    for name in names:
        pdf, docx = files[f"{name}.pdf"], files[f"{name}.docx"]
        total += len(PdfReader(io.BytesIO(pdf)).pages)
        # an attendance list printed before the event may hold only numbered blank rows, a
        # photo page only the captions
        least = 250 if name in ("daftar-hadir", "dokumentasi") else 500
        assert len(pdf_text(pdf)) > least and len(docx_text(docx)) > least, name
    bundle = PdfReader(io.BytesIO(files["paket.pdf"]))
    assert len(bundle.pages) == total
    assert len(bundle.outline) == len(names)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_figures_are_written_the_indonesian_way(sample: Path) -> None:
    for name in REGENCY_PACK:
        text = _text(sample.stem, name)
        assert not re.search(r"\d\.\d+ ?%", text), f"{name}: a decimal point in a percentage"
        assert not re.search(r"\bRp\.? \d|\bRp\.\d", text), (
            f"{name}: Rp written with a dot or space"
        )
        assert "Jum'at" not in text and "milyar" not in text


def test_mimika_states_its_seed() -> None:
    kesepakatan = _text("mimika-2024", "kesepakatan")
    for phrase in [
        "KOMITMEN BERSAMA",
        "Prevalensi stunting Kabupaten Mimika menurut SKI 2023 sebesar 24,7%, sedangkan "
        "prevalensi nasional menurut SKI 2023 sebesar 21,5%.",
        "Target prevalensi stunting Kabupaten Mimika adalah 14% pada tahun 2024.",
        "68 kampung lokus pada tahun 2024 dan 51 kampung lokus pada tahun 2025",
        # the pledges as the seed words them
        "pada tahun 2024 sebesar 14 persen.",
        "7. Mengintensifkan gerakan masyarakat hidup bersih dan sehat (PHBS) di seluruh perangkat",
        "9. Bersedia melakukan komitmen ini dengan ikhlas",
    ]:
        assert phrase in kesepakatan
    rembuk = rembuk_docs.load(SAMPLES / "mimika-2024.yaml")
    assert len(rembuk.agreement.pledges) == 9
    bupati = rembuk.signatories[0]
    assert (bupati.name, bupati.role.value, bupati.example) == (
        "Johannes Rettob",
        "kepala_daerah",
        False,
    )
    notulen = _text("mimika-2024", "notulen")
    assert "Bapak dan Bunda Asuh Anak Stunting" in notulen
    # the Bupati's remark as the seed reports it, not the survey's 21,5% of the kesepakatan
    assert "mencapai 24,7 persen, di atas angka nasional sebesar 21 persen." in notulen
    assert "21,5" not in notulen
    assert "distrik" in notulen and not re.search(r"\bdesa\b", notulen, re.IGNORECASE)
    berita_acara = _text("mimika-2024", "berita-acara")
    assert (
        "Pada hari ini, Jumat, tanggal dua puluh satu bulan Juni tahun dua ribu dua puluh empat"
        in berita_acara
    )


def test_banyuasin_states_its_seed() -> None:
    kesepakatan = _text("banyuasin-2024", "kesepakatan")
    # the article names no survey and no year for its 24% and 20%: the preamble states none
    assert "Prevalensi stunting" not in kesepakatan and "SKI" not in kesepakatan
    assert "SSGI" not in kesepakatan
    assert "dari 20% menjadi 15,8% pada tahun 2025" in kesepakatan
    assert (
        "Target prevalensi stunting Kabupaten Banyuasin adalah 15,8% pada tahun 2025."
        in kesepakatan
    )
    assert "Ir. Erwin Ibrahim, S.T., M.M., M.B.A., IPU, ASEAN Eng." in kesepakatan
    notulen = _text("banyuasin-2024", "notulen")
    assert (
        "Pimpinan Rapat : Ir. Erwin Ibrahim, S.T., M.M., M.B.A., IPU, ASEAN Eng., Sekretaris Daerah Kabupaten Banyuasin"
        in notulen
    )
    assert "turun dari 24% menjadi 20%" in notulen
    assert "Mediheryanto, S.H., M.H." in notulen


def test_bontang_states_its_seed() -> None:
    notulen = _text("bontang-2024", "notulen")
    assert "Tempat : Daring melalui Zoom Meeting" in notulen
    for action in [
        "Analisis Situasi",
        "Perencanaan",
        "Rembuk Stunting",
        "Peraturan Wali Kota",
        "Pembinaan Kader",
        "Sistem Manajemen Data",
        "Pengukuran dan",
        "Reviu Kinerja Tahunan",
    ]:
        assert action in notulen, action
    assert "Kamis, 30 Mei 2024" in notulen and "WITA" in notulen
    # held online (the article: "secara daring"): every document says so, and every document
    # prints the one closing time (minutes.closed_at)
    for name in ("kesepakatan", "berita-acara"):
        assert "Kota Bontang secara daring melalui Zoom Meeting," in _text("bontang-2024", name)
    assert "dan daring melalui Zoom Meeting" in _text("bontang-2024", "daftar-hadir")
    for name in ("daftar-hadir", "notulen"):
        text = _text("bontang-2024", name)
        assert "Pukul 09.00 s.d. 11.30 WITA" in text and "selesai" not in text, name
    assert "pada pukul 11.30 WITA." in notulen


def test_the_closing_time_is_one_field() -> None:
    data = yaml.safe_load((SAMPLES / "bontang-2024.yaml").read_text(encoding="utf-8"))
    data["event"]["end"] = "12.00"
    with pytest.raises(rembuk_docs.DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    assert [p.location for p in caught.value.problems] == ["minutes.closed_at"]
    assert "berbeda dengan event.end (12.00)" in str(caught.value.problems[0])


def test_example_names_are_marked_and_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from rembuk_docs.cli import main

    for stem in SEED_SAMPLES:
        rembuk = rembuk_docs.load(SAMPLES / f"{stem}.yaml")
        assert rembuk.example_names, stem
        assert (
            main(
                [
                    "render",
                    str(SAMPLES / f"{stem}.yaml"),
                    "--out",
                    str(tmp_path / stem),
                    "--format",
                    "pdf",
                    "--only",
                    "notulen",
                ]
            )
            == 0
        )
        assert "ditandai sebagai contoh" in capsys.readouterr().err


def test_render_all_writes_what_the_api_renders(tmp_path: Path) -> None:
    """samples/render_all.py is the documented way to render the samples: it must write exactly
    the files (names and bytes) that the API renders for each sample, and one pack per desa row
    of the batch sample."""
    module = _render_all()
    assert module.main([str(tmp_path)]) == 0
    for sample in SAMPLE_FILES:
        folder = tmp_path / sample.stem
        written = {path.name: path.read_bytes() for path in folder.iterdir()}
        expected = _pack(sample.stem)
        assert sorted(written) == sorted(expected), sample.stem
        for name, data in expected.items():
            assert written[name] == data, (sample.stem, name)
    (sheet,) = module.BATCHES.values()
    desa = [p for p in (tmp_path / Path(sheet).stem).iterdir() if p.is_dir()]
    assert len(desa) == 8
    for folder in desa:
        assert "Desa" in pdf_text((folder / "kesepakatan.pdf").read_bytes())


def test_no_sample_states_a_figure_its_seed_does_not_have() -> None:
    # Kupang's and Kayong Utara's articles give no national figure or target: none is printed
    for stem in ("kupang-2022", "kayong-utara-2023"):
        for name in ("kesepakatan", "berita-acara"):
            text = _text(stem, name)
            assert "nasional" not in text, (stem, name)
    # Banyuasin's national "18 persen" has no year in the article: the Sekda says it in the
    # notulen, the preamble of the kesepakatan and the berita acara does not
    for name in ("kesepakatan", "berita-acara"):
        text = _text("banyuasin-2024", name)
        assert "Target nasional" not in text and "18%" not in text, name
    assert "target nasional tidak lagi 14,88% tetapi menjadi 18%" in _text(
        "banyuasin-2024", "notulen"
    )


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_what_a_sample_invents_is_marked_so_its_pack_is_a_draft(sample: Path) -> None:
    rembuk = rembuk_docs.load(sample)
    assert rembuk.examples, "every sample invents something (the nomor at least)"
    assert any(path.endswith("number") for path in rembuk.examples)
    pages = pdf_raw_pages(_pack(sample.stem)["kesepakatan.pdf"])
    assert all(page.startswith("DRAF") for page in pages)


def test_kupang_renders_its_example_plan_sheet_as_a_draft_lampiran() -> None:
    """Issue 16: Kupang's rencana kegiatan is an example sheet; rendered, it stays DRAF."""
    names = pack_documents(_load("kupang-2022"))
    assert names.index("rencana-kegiatan") == names.index("lembar-tanda-tangan") + 1
    pdf = _pack("kupang-2022")["rencana-kegiatan.pdf"]
    reader = PdfReader(io.BytesIO(pdf))
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    pages = pdf_raw_pages(pdf)
    assert len(pages) >= 2 and all(page.startswith("DRAF") for page in pages)
    assert "JUMLAH 1.129.500.000" in pages[-1]
    assert "Rencana Kegiatan" in [
        item.title for item in PdfReader(io.BytesIO(_pack("kupang-2022")["paket.pdf"])).outline
    ]


ACRONYMS = {
    "TPPS": r"Tim Percepatan Penurunan Stunting \(TPPS\)",
    "OPD": r"Organisasi Perangkat Daerah \((?:Renja )?OPD\)",
}
"""Acronyms the seeds write out where they introduce them, with that written-out form."""


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_an_acronym_is_written_out_where_a_document_first_uses_it(sample: Path) -> None:
    """The first 'TPPS' or 'OPD' of every document (PDF and DOCX) stands in its written-out
    form, e.g. 'Tim Percepatan Penurunan Stunting (TPPS)', as the seed introduces it."""
    for name, pdf in _pack(sample.stem).items():
        if not name.endswith(".pdf") or name == "paket.pdf":
            continue
        docx = _pack(sample.stem)[name.replace(".pdf", ".docx")]
        for text in (pdf_text(pdf), re.sub(r"\s+", " ", docx_text(docx))):
            for acronym, written_out in ACRONYMS.items():
                first = re.search(rf"\b{acronym}\b", text)
                if first is None:
                    continue
                expanded = re.search(written_out, text, re.IGNORECASE)
                assert expanded is not None and expanded.end() - 1 == first.end(), (
                    name,
                    acronym,
                    text[max(0, first.start() - 80) : first.end()],
                )


def test_a_kota_speaks_of_its_wali_kota_and_kelurahan_in_every_document() -> None:
    """Bontang is a kota: no document (PDF or DOCX) names a Bupati, a kabupaten or a desa, and
    the documents that name the head or the villages say 'Wali Kota' and 'kelurahan'."""
    files = _pack("bontang-2024")
    seen = ""
    for name, data in files.items():
        if name == "paket.pdf":
            continue
        text = pdf_text(data) if name.endswith(".pdf") else re.sub(r"\s+", " ", docx_text(data))
        found = re.search(r"(?i)\b(bupati|kabupaten|desa|kepala desa)\b", text)
        assert found is None, (name, text[max(0, found.start() - 60) : found.end() + 20])
        seen += text
    assert "Wali Kota Bontang" in seen and "kelurahan" in seen.casefold()
