"""The agreement: every pledge and sub-item, in order, with the same words in DOCX and PDF."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.compose import composer, document_text
from rembuk_docs.formats import load_pack

from conftest import (
    SAMPLES,
    assert_in_order,
    docx_paragraphs,
    docx_text,
    needs_tool,
    normalise,
    pdf_pages,
    pdf_raw_pages,
    pdf_text,
    pledge_texts,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_kupang_has_thirteen_statements_with_their_sub_items(kupang: Rembuk) -> None:
    pledges = kupang.agreement.pledges
    assert len(pledges) == 13
    assert [len(p.items) for p in pledges if p.items] == [3, 2]
    assert (
        pledges[9].text
        == "Desa yang ditetapkan sebagai Desa Lokus Stunting diaktifkan sebagai Desa Siaga."
    )


def test_pdf_holds_every_statement_and_sub_item_in_order(kupang: Rembuk, kupang_pdf: bytes) -> None:
    # a statement that crosses a page has the page's footer in the middle of its extracted text
    text = normalise(re.sub(r"Halaman \d+ dari \d+", " ", pdf_text(kupang_pdf)))
    assert_in_order(text, pledge_texts(kupang))
    # numbering and lettering as printed labels
    assert_in_order(
        text,
        ["1. Meningkatkan", "3. Perencanaan", "(A) Upaya pencegahan", "(C) Upaya", "13. Pasangan"],
    )


def test_docx_holds_every_statement_and_sub_item_in_order(
    kupang: Rembuk, kupang_docx: bytes
) -> None:
    assert_in_order(docx_text(kupang_docx), pledge_texts(kupang))


def test_docx_numbering_is_real_word_numbering(kupang_docx: bytes) -> None:
    from docx import Document

    document = Document(io.BytesIO(kupang_docx))
    levels = [
        int(p._p.pPr.numPr.ilvl.val)
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert levels.count(0) == 13
    assert levels.count(1) == 5
    numbering = document.part.numbering_part.element
    texts = [node.get(f"{W}val") for node in numbering.iter(f"{W}lvlText")]
    assert "%1." in texts and "(%2)" in texts


def test_opening_states_date_place_basis_in_words(kupang_pdf: bytes, kupang_docx: bytes) -> None:
    expected = [
        "Pada hari ini, Senin, tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua, "
        "bertempat di Hotel Neo Aston, Kota Kupang",
        "Peraturan Presiden Nomor 72 Tahun 2021",
        "NOMOR : 440/125/BAPPEDA/VII/2022",
        "PERNYATAAN BERSAMA",
        "Kupang, 25 Juli 2022",
    ]
    for text in (pdf_text(kupang_pdf), docx_text(kupang_docx)):
        for phrase in expected:
            assert phrase in text
        # the seed states no national target: the sample gives none, so no such sentence
        assert "Target nasional" not in text and "prevalensi nasional" not in text


def test_a_national_target_the_definition_gives_is_stated_with_its_basis(
    kupang_dict: dict[str, Any],
) -> None:
    kupang_dict["targets"] = [
        {"year": 2024, "value": 14, "scope": "nasional", "basis": "Perpres 72/2021"}
    ]
    text = pdf_text(
        rembuk_docs.render_bytes(rembuk_docs.from_dict(kupang_dict), "kesepakatan", "pdf")
    )
    assert (
        "Target nasional prevalensi stunting adalah 14% pada tahun 2024 (Perpres 72/2021)." in text
    )


def test_signatures_follow_pasal_44(kupang_pdf: bytes) -> None:
    text = pdf_text(kupang_pdf)
    # the Wakil Bupati signs with name only; an ASN head of office with pangkat and grouped NIP
    # his position, then his name (the next column's position may stand between when the
    # signature blocks sit side by side), with no pangkat or NIP
    assert re.search(r"Wakil Bupati Kupang,(?: Ketua DPRD Kabupaten Kupang,)? Jerry Manafe\b", text)
    assert "dr. Maria Ch. Lenggu, M.Kes. " in text
    assert "Pembina Utama Muda (IV/c) NIP. 19720315 199803 2 004" in re.sub(r"\s+", " ", text)
    assert "NIP. 19700808 199503 1 006" in text
    wakil = text.index("Jerry Manafe")
    assert "NIP" not in text[wakil : wakil + len("Jerry Manafe") + 25].split("Yohanes")[0]


def test_docx_and_pdf_carry_the_same_words(
    kupang: Rembuk, kupang_pdf: bytes, kupang_docx: bytes
) -> None:
    words = re.sub(r"Halaman \d+ dari \d+", " ", pdf_text(kupang_pdf)).split()
    # the PDF prints list labels that Word numbering generates: take them out in order
    labels = []
    for number, pledge in enumerate(kupang.agreement.pledges, start=1):
        labels.append(f"{number}.")
        labels.extend(f"({chr(65 + i)})" for i in range(len(pledge.items)))
    position = 0
    for label in labels:
        position = words.index(label, position)
        del words[position]
    assert words == docx_text(kupang_docx).split()


def test_the_composition_is_what_both_files_say(kupang: Rembuk, kupang_docx: bytes) -> None:
    document = composer("kesepakatan")(kupang, load_pack(kupang.format_pack))
    composed = normalise(" ".join(document_text(document)))
    assert composed == docx_text(kupang_docx)


NASTY = 'Dinas A & B <b>tebal</b> "kutip" {{ rembuk }} {% if x %}ya{% endif %} 100% <img src="http://x/y.png">'


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_markup_and_template_syntax_in_user_text_come_out_intact(
    kupang_dict: dict[str, Any], fmt: str
) -> None:
    kupang_dict["agreement"]["pledges"][0]["text"] = NASTY
    kupang_dict["agreement"]["pledges"][2]["items"][0] = "Sub & <i>item</i> 50%"
    kupang_dict["signatories"][1]["name"] = "O'Neil & Putra <Ketua>"
    rembuk = rembuk_docs.from_dict(kupang_dict)
    data = rembuk_docs.render_bytes(rembuk, "kesepakatan", fmt)
    text = pdf_text(data) if fmt == "pdf" else docx_text(data)
    assert NASTY in text
    assert "Sub & <i>item</i> 50%" in text
    assert "O'Neil & Putra <Ketua>" in text


def test_f4_paper_is_215_by_330_mm(kupang: Rembuk) -> None:
    from docx import Document
    from pypdf import PdfReader

    pdf = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", paper="F4")
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    docx = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", paper="F4")
    section = Document(io.BytesIO(docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)


def test_pdf_pages_are_numbered_and_fonts_embedded(kupang_pdf: bytes) -> None:
    from pypdf import PdfReader

    pages = pdf_raw_pages(kupang_pdf)
    assert len(pages) >= 2
    assert not re.match(r"(DRAF )?- \d+ -", pages[0])  # numbers start on page 2
    for number, page in enumerate(pages[1:], start=2):
        assert re.match(rf"(DRAF )?- {number} - ", page), page[:40]
    reader = PdfReader(io.BytesIO(kupang_pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = (
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if "/DescendantFonts" in font
            else font["/FontDescriptor"]
        )
        assert "/FontFile2" in descriptor.get_object()
        assert "LiberationSans" in str(font["/BaseFont"])


def test_a_signature_block_never_splits_across_pages(kupang_dict: dict[str, Any]) -> None:
    # pad the agreement so that signatures fall around a page break in many positions
    for extra in range(6):
        data = {**kupang_dict}
        data["agreement"] = {
            **kupang_dict["agreement"],
            "pledges": kupang_dict["agreement"]["pledges"] + [{"text": "Tambahan " * 12}] * extra,
        }
        rembuk = rembuk_docs.from_dict(data)
        pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
        for page in pages:
            for person in rembuk.signatories:
                jabatan = person.position + ","
                if jabatan in page and person.printed_name() not in page:
                    pytest.fail(f"{person.name}'s block split from its jabatan (extra={extra})")


def test_docx_paragraph_list_starts_with_the_kop(kupang_docx: bytes) -> None:
    paragraphs = [p for p in docx_paragraphs(kupang_docx) if p.strip()]
    assert paragraphs[0] == "PEMERINTAH KABUPATEN KUPANG"
    # the Wakil Bupati signs: the pemerintah daerah's kop, without the OPD line
    assert paragraphs[1] == "PERNYATAAN BERSAMA"


def test_docx_kop_cells_are_as_wide_as_their_grid_columns(kupang_docx: bytes) -> None:
    from docx import Document

    kop = Document(io.BytesIO(kupang_docx)).tables[0]
    grid = [int(col.get(f"{W}w")) for col in kop._tbl.tblGrid.iterchildren(f"{W}gridCol")]
    cells = [int(tc.tcPr.find(f"{W}tcW").get(f"{W}w")) for tc in kop._tbl.tr_lst[0].tc_lst]
    assert cells == grid and grid[0] < grid[1]  # the logo column is the narrow one


def test_signatories_too_many_for_a_page_sign_on_the_lembar_tanda_tangan(tmp_path: Any) -> None:
    """Kayong Utara: 14 signatories. The kesepakatan is signed under its text by the principal
    signers the pack names ([signature] principal_roles), and says the others sign on the
    Lembar Tanda Tangan terlampir; with room for every block on one page, all sign under it."""
    kayong = rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")
    text = normalise(" ".join(pdf_pages(rembuk_docs.render_bytes(kayong, "kesepakatan", "pdf"))))
    assert "Para pihak lainnya menandatangani Komitmen Bersama ini sebagaimana tercantum" in text
    assert "Citra Duani" in text and "Effendi Ahmad" in text  # Bupati and Wakil Bupati
    assert all(person.printed_name() not in text for person in kayong.signatories[2:])
    # a pack naming only the kepala daerah
    (tmp_path / "format.toml").write_text(
        'extends = "kayong-utara"\n[signature]\nprincipal_roles = ["kepala_daerah"]\n',
        encoding="utf-8",
    )
    pdf = rembuk_docs.render_bytes(kayong, "kesepakatan", "pdf", format_pack=tmp_path)
    only = normalise(" ".join(pdf_pages(pdf)))
    assert "Citra Duani" in only and "Effendi Ahmad" not in only
    # four signatories fit on a page: they all sign under the text, no lembar tanda tangan named
    few = kayong.model_copy(update={"signatories": kayong.signatories[:4]})
    four = normalise(" ".join(pdf_pages(rembuk_docs.render_bytes(few, "kesepakatan", "pdf"))))
    assert "Lembar Tanda Tangan terlampir" not in four
    assert all(person.printed_name() in four for person in few.signatories)


def _acknowledged(signers: int, extra_pledges: int) -> Rembuk:
    """Banyuasin's agreement with its first ``signers`` signatories, ``extra_pledges`` more
    pledges and the Bupati's 'Mengetahui' (agreement.acknowledged_by)."""
    import yaml

    data = yaml.safe_load((SAMPLES / "banyuasin-2024.yaml").read_text(encoding="utf-8"))
    data.pop("dokumentasi", None)  # its photos are read relative to the sample's folder
    data["signatories"] = data["signatories"][:signers]
    data["agreement"]["pledges"] += [
        {
            "text": f"Melaksanakan pemantauan kegiatan konvergensi tambahan nomor {n} setiap triwulan."
        }
        for n in range(extra_pledges)
    ]
    data["agreement"]["acknowledged_by"] = {
        "name": "Nama Bupati",
        "position": "Bupati Banyuasin",
        "role": "kepala_daerah",
        "example": True,
    }
    return rembuk_docs.from_dict(data)


# each of these ended its last signature row at the foot of a page and put 'Mengetahui' over
# on the next page, alone, when it was a grid of its own
SPLIT_BEFORE = [(4, 7), (6, 3), (7, 2)]


@pytest.mark.parametrize(("signers", "extra"), SPLIT_BEFORE)
def test_mengetahui_is_never_split_from_the_signatures(signers: int, extra: int) -> None:
    rembuk = _acknowledged(signers, extra)
    last = rembuk.signatories[-1].printed_name()
    pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
    with_it = [page for page in pages if "Mengetahui," in page]
    assert len(with_it) == 1 and last in with_it[0]
    assert with_it[0].rstrip().endswith("Mengetahui, Bupati Banyuasin, Nama Bupati")


@needs_tool("soffice")
def test_mengetahui_stays_with_the_signatures_as_libreoffice_lays_out_the_docx(
    tmp_path: Any,
) -> None:
    import subprocess

    from pypdf import PdfReader

    from rembuk_docs.writers.libreoffice import soffice

    executable = soffice()
    assert executable is not None
    sources = []
    for signers, extra in SPLIT_BEFORE:
        source = tmp_path / f"k{signers}-{extra}.docx"
        source.write_bytes(
            rembuk_docs.render_bytes(_acknowledged(signers, extra), "kesepakatan", "docx")
        )
        sources.append(source)
    profile = (tmp_path / "profile").as_uri()
    command = [executable, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*command, *map(str, sources)], capture_output=True, timeout=600, check=True)
    for (signers, extra), source in zip(SPLIT_BEFORE, sources, strict=True):
        last = _acknowledged(signers, extra).signatories[-1].printed_name()
        reader = PdfReader(str(source.with_suffix(".pdf")))
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        with_it = [page for page in pages if "Mengetahui," in page]
        assert len(with_it) == 1 and last in with_it[0], (signers, extra)
