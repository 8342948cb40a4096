"""Signable as is: the kop per document, the DRAF watermark while anything is an example, the
nomor blank, page numbers from page 2 (docs/review-checklist.md lists each rule and its source)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs.errors import DefinitionError, DraftWarning, IncompleteKopWarning

from conftest import assert_page_numbers, docx_text, pdf_raw_pages, pdf_text


def _finished(data: dict[str, Any], folder: Path) -> tuple[rembuk_docs.Rembuk, Path]:
    """The Kupang definition with no example marks, and a complete pack for it."""

    def strip(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("example", None)
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(data)
    data.pop("examples", None)
    folder.mkdir()
    from rembuk_docs.formats.emblem import placeholder_emblem

    (folder / "lambang.png").write_bytes(placeholder_emblem())  # any real image file
    (folder / "format.toml").write_text(
        'extends = "kupang"\n[kop]\nlogo = "lambang.png"\n'
        'address = "Jalan Timor Raya Km. 36, Oelamasi, Kupang 85362"\n'
        'phone = "(0380) 123456"\nemail = "bappeda@kupangkab.go.id"\n',
        encoding="utf-8",
    )
    return rembuk_docs.from_dict(data), folder


def test_a_sample_is_a_draft_on_every_page_in_both_formats(kupang: rembuk_docs.Rembuk) -> None:
    with pytest.warns(DraftWarning) as caught:
        pdf = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    messages = [str(w.message) for w in caught if isinstance(w.message, DraftWarning)]
    assert any("ditandai sebagai contoh" in m for m in messages)
    assert any("lambang pengganti" in m for m in messages)
    pages = pdf_raw_pages(pdf)
    assert len(pages) > 1 and all(page.startswith("DRAF") for page in pages)
    docx = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx")
    package = zipfile.ZipFile(io.BytesIO(docx))
    headers = [n for n in package.namelist() if n.startswith("word/header")]
    # the first page's own header and the other pages' header both carry it
    assert len(headers) == 2
    assert all('string="DRAF"' in package.read(n).decode() for n in headers)


def test_no_example_and_a_complete_kop_is_no_draft(
    kupang_dict: dict[str, Any], tmp_path: Path
) -> None:
    rembuk, pack = _finished(kupang_dict, tmp_path / "lengkap")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", DraftWarning)
        warnings.simplefilter("error", IncompleteKopWarning)
        pdf = rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf", format_pack=pack)
        docx = rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx", format_pack=pack)
    assert not any("DRAF" in page for page in pdf_raw_pages(pdf))
    assert b"DRAF" not in b"".join(
        zipfile.ZipFile(io.BytesIO(docx)).read(n)
        for n in zipfile.ZipFile(io.BytesIO(docx)).namelist()
    )
    assert "Jalan Timor Raya Km. 36, Oelamasi, Kupang 85362" in pdf_text(pdf)


def test_an_invented_field_makes_a_draft_and_a_wrong_path_is_refused(
    kupang_dict: dict[str, Any], tmp_path: Path
) -> None:
    rembuk, pack = _finished(kupang_dict, tmp_path / "lengkap")
    data = rembuk.model_dump(mode="json", exclude_none=True)
    data["examples"] = ["event.venue", "agreement.pledges[2]"]
    marked = rembuk_docs.from_dict(data)
    with pytest.warns(DraftWarning, match=r"'agreement.pledges\[2\]' masih ditandai"):
        pdf = rembuk_docs.render_bytes(marked, "notulen", "pdf", format_pack=pack)
    assert all(page.startswith("DRAF") for page in pdf_raw_pages(pdf))
    data["examples"] = ["agreement.pledges[99]"]
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.render_bytes(rembuk_docs.from_dict(data), "notulen", "pdf")
    assert caught.value.problems[0].location == "examples[0]"


def test_an_incomplete_kop_is_warned_about(kupang_dict: dict[str, Any], tmp_path: Path) -> None:
    rembuk, pack = _finished(kupang_dict, tmp_path / "lengkap")
    text = (pack / "format.toml").read_text(encoding="utf-8")
    (pack / "format.toml").write_text(text.replace('phone = "(0380) 123456"\n', ""))
    with pytest.warns(IncompleteKopWarning, match="belum ada telepon"):
        pdf = rembuk_docs.render_bytes(rembuk, "notulen", "pdf", format_pack=pack)
    # a kop without a telephone is not signable: every page stays a draft
    assert all(page.startswith("DRAF") for page in pdf_raw_pages(pdf))
    text = (pack / "format.toml").read_text(encoding="utf-8")
    (pack / "format.toml").write_text(text.replace(", Kupang 85362", ", Kupang"))
    (pack / "format.toml").write_text(
        (pack / "format.toml").read_text(encoding="utf-8") + 'phone = "(0380) 123456"\n'
    )
    with pytest.warns(IncompleteKopWarning, match="belum ada kode pos pada alamat"):
        docx = rembuk_docs.render_bytes(rembuk, "notulen", "docx", format_pack=pack)
    assert b'string="DRAF"' in zipfile.ZipFile(io.BytesIO(docx)).read("word/header1.xml")


def test_the_kop_follows_who_signs(kupang: rembuk_docs.Rembuk, tmp_path: Path) -> None:
    # the Wakil Bupati signs the agreement: the pemda's kop; the OPD issues the notulen
    kesepakatan = pdf_text(rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf"))
    notulen = pdf_text(rembuk_docs.render_bytes(kupang, "notulen", "pdf"))
    assert kesepakatan.startswith("PEMERINTAH KABUPATEN KUPANG PERNYATAAN BERSAMA")
    assert notulen.startswith("PEMERINTAH KABUPATEN KUPANG BADAN PERENCANAAN PEMBANGUNAN DAERAH")
    # with the lambang negara in the pack: the kop jabatan, centred, no OPD line
    folder = tmp_path / "jabatan"
    folder.mkdir()
    from rembuk_docs.formats.emblem import placeholder_emblem

    (folder / "garuda.png").write_bytes(placeholder_emblem())
    (folder / "format.toml").write_text(
        'extends = "kupang"\n[kop.jabatan]\nlogo = "garuda.png"\n'
        '[kop.documents]\nnotulen = "pemda"\n',
        encoding="utf-8",
    )
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        data = rembuk_docs.render_bytes(kupang, "kesepakatan", fmt, format_pack=folder)
        assert text_of(data).startswith("BUPATI KUPANG PERNYATAAN BERSAMA")
        data = rembuk_docs.render_bytes(kupang, "notulen", fmt, format_pack=folder)
        assert text_of(data).startswith("PEMERINTAH KABUPATEN KUPANG NOTULEN")


def test_pages_are_numbered_from_page_2_and_a_one_page_document_has_none(
    kupang: rembuk_docs.Rembuk,
) -> None:
    kesepakatan = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    assert len(pdf_raw_pages(kesepakatan)) > 1
    assert_page_numbers(kesepakatan)
    sheet = rembuk_docs.render_bytes(kupang, "lembar-tanda-tangan", "pdf")
    (page,) = pdf_raw_pages(sheet)
    assert "- 1 -" not in page and "Halaman" not in page


def test_halaman_n_dari_m_is_a_pack_setting(kupang: rembuk_docs.Rembuk, tmp_path: Path) -> None:
    folder = tmp_path / "halaman"
    folder.mkdir()
    (folder / "format.toml").write_text(
        'extends = "kupang"\n[page]\nnumbers = "page-of-total"\n', encoding="utf-8"
    )
    pages = pdf_raw_pages(
        rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", format_pack=folder)
    )
    assert "Halaman 1 dari" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Halaman {number} dari {len(pages)}" in page


def _strip_examples(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("example", None)
        node.pop("examples", None)
        for value in node.values():
            _strip_examples(value)
    elif isinstance(node, list):
        for value in node:
            _strip_examples(value)


def test_a_desa_kop_without_lambang_or_address_is_a_draft(tmp_path: Path) -> None:
    # a desa with nothing marked as an example, on the built-in pack: its three-tier kop has no
    # lambang (and, without its kantor desa, no address) and so it stays a draft, as the regency
    # kop does
    from rembuk_docs.starter import StarterAnswers, starter_data

    answers = StarterAnswers(
        kind="desa",
        name="Oelnasi",
        province="Nusa Tenggara Timur",
        kecamatan="Kupang Tengah",
        kabupaten="Kabupaten Kupang",
        day=date(2025, 8, 14),
    )
    data = starter_data(answers)
    _strip_examples(data)
    office = data.pop("organizer")
    with pytest.warns(DraftWarning) as caught:
        pdf = rembuk_docs.render_bytes(rembuk_docs.from_dict(data), "kesepakatan", "pdf")
    messages = [str(w.message) for w in caught if isinstance(w.message, DraftWarning)]
    assert any("kop.logo: kop desa belum memuat lambang daerah" in m for m in messages)
    assert any("kop desa belum memuat alamat" in m for m in messages)
    assert not any("contoh" in m.split(";")[0] for m in messages)
    assert all(page.startswith("DRAF") for page in pdf_raw_pages(pdf))
    # its kantor desa gives the address; a pack with the kabupaten's lambang completes the kop
    data["organizer"] = office | {
        "address": "Jalan Timor Raya Km. 20, Desa Oelnasi, Kupang Tengah 85361",
        "phone": "0812 3456 7890",
        "email": "desaoelnasi@kupangkab.go.id",
    }
    folder = tmp_path / "kupang-desa"
    folder.mkdir()
    from rembuk_docs.formats.emblem import placeholder_emblem

    (folder / "lambang.png").write_bytes(placeholder_emblem())  # any real image file
    (folder / "format.toml").write_text('[kop]\nlogo = "lambang.png"\n', encoding="utf-8")
    import warnings

    rembuk = rembuk_docs.from_dict(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DraftWarning)
        warnings.simplefilter("error", IncompleteKopWarning)
        for fmt in ("pdf", "docx"):
            out = rembuk_docs.render_bytes(rembuk, "berita-acara", fmt, format_pack=folder)
            if fmt == "pdf":
                assert not any("DRAF" in page for page in pdf_raw_pages(out))
                assert "DESA OELNASI" in pdf_text(out)
            else:
                assert b'string="DRAF"' not in zipfile.ZipFile(io.BytesIO(out)).read(
                    "word/header1.xml"
                )


def test_the_mimika_pack_gives_the_kop_jabatan_with_a_placeholder_lambang_negara() -> None:
    # the repository has no image of the lambang negara: the pack names the placeholder, which
    # is marked LAMBANG NEGARA (not the lambang daerah's) and keeps every page a draft
    from rembuk_docs.formats.emblem import placeholder_emblem

    mimika = rembuk_docs.load(Path(__file__).parent.parent / "samples" / "mimika-2024.yaml")
    with pytest.warns(DraftWarning) as caught:
        pdf = rembuk_docs.render_bytes(mimika, "kesepakatan", "pdf")
    messages = [str(w.message) for w in caught if isinstance(w.message, DraftWarning)]
    assert any("kop.jabatan.logo: kop jabatan memakai lambang pengganti" in m for m in messages)
    assert pdf_text(pdf).startswith("BUPATI MIMIKA KOMITMEN BERSAMA")
    assert all(page.startswith("DRAF") for page in pdf_raw_pages(pdf))
    docx = rembuk_docs.render_bytes(mimika, "kesepakatan", "docx")
    assert docx_text(docx).startswith("BUPATI MIMIKA KOMITMEN BERSAMA")
    package = zipfile.ZipFile(io.BytesIO(docx))
    media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert media == [placeholder_emblem("NEGARA")] and media[0] != placeholder_emblem()
    # what the Kepala Dinas makes and the Bupati only acknowledges keeps the pemda's kop
    record = pdf_text(rembuk_docs.render_bytes(mimika, "berita-acara", "pdf"))
    assert record.startswith("PEMERINTAH KABUPATEN MIMIKA BERITA ACARA")
