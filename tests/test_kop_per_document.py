"""The kop follows who issues and who signs (issue 12.1, domain.md 1.6), in both formats."""

from __future__ import annotations

import pytest

import rembuk_docs

from conftest import docx_text, pdf_text

PEMDA = "PEMERINTAH KABUPATEN KUPANG"
OPD = "PEMERINTAH KABUPATEN KUPANG BADAN PERENCANAAN PEMBANGUNAN DAERAH"
# Kupang: the Wakil Bupati signs the kesepakatan and acknowledges the berita acara; the
# Kepala Bappeda signs the undangan; the OPD issues the daftar hadir and the notulen
EXPECTED = {
    "kesepakatan": (PEMDA, "PERNYATAAN BERSAMA"),
    "berita-acara": (PEMDA, "BERITA ACARA"),
    "undangan": (OPD, ""),
    "daftar-hadir": (OPD, "DAFTAR HADIR"),
    "notulen": (OPD, "NOTULEN"),
}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("document", sorted(EXPECTED))
def test_each_document_carries_the_kop_of_who_issues_and_signs_it(
    kupang: rembuk_docs.Rembuk, document: str, fmt: str
) -> None:
    text_of = pdf_text if fmt == "pdf" else docx_text
    text = text_of(rembuk_docs.render_bytes(kupang, document, fmt))
    kop, following = EXPECTED[document]
    assert text.startswith(kop), text[:120]
    if kop == PEMDA:  # the pemerintah daerah's kop has no OPD line
        assert text.startswith(f"{PEMDA} {following}"), text[:120]
        assert "BADAN PERENCANAAN PEMBANGUNAN DAERAH" not in text[:200]


def test_a_berita_acara_nobody_of_the_pemda_signs_carries_the_opd_kop(
    kupang_dict: dict[str, object],
) -> None:
    record = kupang_dict["record"]
    assert isinstance(record, dict)
    record["witnesses"] = []  # the two heads of office sign; the Wakil Bupati does not
    rembuk = rembuk_docs.from_dict(kupang_dict)
    text = pdf_text(rembuk_docs.render_bytes(rembuk, "berita-acara", "pdf"))
    assert text.startswith(f"{OPD} BERITA ACARA")


def test_mengetahui_under_the_kesepakatan_and_the_lembar_tanda_tangan() -> None:
    import yaml

    from conftest import SAMPLES, assert_in_order

    data = yaml.safe_load((SAMPLES / "banyuasin-2024.yaml").read_text(encoding="utf-8"))
    data.pop("dokumentasi", None)  # its photos are read relative to the sample's folder
    plain = rembuk_docs.from_dict(data)
    for document in ("kesepakatan", "lembar-tanda-tangan"):
        assert "Mengetahui" not in pdf_text(rembuk_docs.render_bytes(plain, document, "pdf"))
    data["agreement"]["acknowledged_by"] = {
        "name": "Nama Bupati",
        "position": "Bupati Banyuasin",
        "role": "kepala_daerah",
        "example": True,
    }
    rembuk = rembuk_docs.from_dict(data)
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        sheet = text_of(rembuk_docs.render_bytes(rembuk, "lembar-tanda-tangan", fmt))
        # under the last row, on its page
        assert_in_order(sheet, ["Ketua Tim Penggerak PKK", "Mengetahui, Bupati Banyuasin,"])
        assert sheet.endswith("Mengetahui, Bupati Banyuasin, Nama Bupati")
        agreement = text_of(rembuk_docs.render_bytes(rembuk, "kesepakatan", fmt))
        assert agreement.endswith("Mengetahui, Bupati Banyuasin, Nama Bupati")
        # the Bupati acknowledges it: the pemerintah daerah's kop, no Sekretariat Daerah line
        assert agreement.startswith("PEMERINTAH KABUPATEN BANYUASIN KOMITMEN BERSAMA")
    pages = rembuk_docs.render_bytes(rembuk, "lembar-tanda-tangan", "pdf")
    from conftest import pdf_pages

    last = pdf_pages(pages)[-1]
    assert "Mengetahui," in last and "7. ..." in last
