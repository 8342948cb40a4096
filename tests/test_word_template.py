"""Word-authored templates: a pack's <document>.docx gives that document's DOCX (and PDF via LibreOffice)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import ConverterMissingError, Rembuk, TemplateError
from rembuk_docs.cli import main
from rembuk_docs.compose import pack_documents, registry
from rembuk_docs.errors import ConverterMissingWarning, DraftWarning
from rembuk_docs.writers import libreoffice

from conftest import docx_paragraphs, docx_text, normalise, pdf_text

needs_soffice = pytest.mark.skipif(
    libreoffice.soffice() is None, reason="LibreOffice not installed"
)


def _word_pack(folder: Path, paragraphs: list[str], *, document: str = "kesepakatan") -> Path:
    from docx import Document

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "format.toml").write_text('extends = "kupang"\n', encoding="utf-8")
    word = Document()
    for text in paragraphs:
        word.add_paragraph(text)
    word.save(str(folder / f"{document}.docx"))
    return folder


@pytest.fixture(scope="session")
def word_docx(kupang: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack="kupang-word")


def test_the_example_template_carries_the_whole_agreement(kupang: Rembuk, word_docx: bytes) -> None:
    paragraphs = [normalise(p) for p in docx_paragraphs(word_docx) if p.strip()]
    assert paragraphs[:6] == [
        "PEMERINTAH KABUPATEN KUPANG",
        "PERNYATAAN BERSAMA",
        "REMBUK STUNTING TINGKAT KABUPATEN KUPANG TAHUN 2022",
        "TENTANG",
        "PENCEGAHAN DAN PENURUNAN STUNTING TERINTEGRASI",  # the region once, as the native title
        "NOMOR : 440/125/BAPPEDA/VII/2022",
    ]
    text = docx_text(word_docx)
    position = 0
    for pledge in kupang.agreement.pledges:
        for words in (pledge.text, *pledge.items):
            position = text.index(normalise(words), position)
    # the label and the item are separated by a tab (w:tab), which docx_text does not show
    assert re.search(r"\(A\)\s*Upaya pencegahan difokuskan", text)
    assert re.search(r"\(B\)\s*Setiap keluarga dengan", text)
    assert (
        "Kegiatan ini dibiayai sebesar Rp159.820.750,00 (seratus lima puluh sembilan juta" in text
    )
    assert "Kupang, 25 Juli 2022 Kami yang menyatakan," in text
    assert (
        "dr. Maria Ch. Lenggu, M.Kes. Pembina Utama Muda (IV/c) NIP. 19720315 199803 2 004" in text
    )
    wakil = text.index("Jerry Manafe")
    assert "NIP" not in text[wakil : text.index("Yohanes Lakapu, S.H.")]
    assert "{{" not in text and "{%" not in text


def test_the_template_numbers_pledges_with_word_numbering(word_docx: bytes) -> None:
    from docx import Document

    document = Document(io.BytesIO(word_docx))
    numbered = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "List Number"
    ]
    assert len(numbered) == 13


def test_user_text_never_breaks_the_xml(kupang_dict: dict[str, Any]) -> None:
    nasty = 'Dinas A & B <b>tebal</b> "kutip" {{ rembuk }} {%p if x %} ]]> 100%'
    kupang_dict["agreement"]["pledges"][0]["text"] = nasty
    kupang_dict["signatories"][1]["name"] = "O'Neil & Putra <Ketua>"
    rembuk = rembuk_docs.from_dict(kupang_dict)
    data = rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx", format_pack="kupang-word")
    text = docx_text(data)  # python-docx re-reads the XML: it is well formed
    assert nasty in text and "O'Neil & Putra <Ketua>" in text


def test_python_internals_fail_with_the_template_and_paragraph(
    tmp_path: Path, kupang: Rembuk
) -> None:
    pack = _word_pack(tmp_path / "jahat", ["Judul", "Isi {{ ''.__class__.__mro__ }} isi"])
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        rembuk_docs.render(kupang, out, format_pack=pack)
    (problem,) = caught.value.problems
    assert problem.location.endswith(
        "jahat/kesepakatan.docx, paragraf 2 (\"Isi {{ ''.__class__.__mro__ }} isi\")"
    )
    assert "tidak diizinkan" in problem.message
    assert not out.exists()


def test_a_missing_variable_fails_before_any_file_is_written(
    tmp_path: Path, kupang: Rembuk
) -> None:
    pack = _word_pack(tmp_path / "lupa", ["{{ nomor }}", "Tempat: {{ event.venu }}"])
    out = tmp_path / "out"
    with pytest.raises(
        TemplateError, match=r"paragraf 2 .*event tidak memiliki isian 'venu'; maksud Anda 'venue'"
    ):
        rembuk_docs.render(kupang, out, format_pack=pack)
    assert not out.exists()


def test_any_document_may_have_a_word_template(
    tmp_path: Path, kupang: Rembuk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a stand-in for a document another composer makes: only its name matters here
    import dataclasses
    import sys
    import types

    from rembuk_docs.compose import kesepakatan

    module = types.ModuleType("rembuk_docs.compose.stand_in")
    module.compose = lambda rembuk, pack: dataclasses.replace(  # type: ignore[attr-defined]
        kesepakatan.compose(rembuk, pack), name="daftar-hadir"
    )
    module.requirements = kesepakatan.requirements  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(registry.DOCUMENTS, "daftar-hadir", "stand_in")
    pack = _word_pack(
        tmp_path / "hadir",
        ["DAFTAR HADIR {{ document.name | upper }}", "{{ hari_tanggal }}, {{ waktu }}"],
        document="daftar-hadir",
    )
    data = rembuk_docs.render_bytes(kupang, "daftar-hadir", "docx", format_pack=pack)
    assert (
        docx_text(data)
        == "DAFTAR HADIR DAFTAR-HADIR Senin, 25 Juli 2022, pukul 09.00 s.d. 13.00 WITA"
    )
    native = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=pack)
    assert "PERNYATAAN BERSAMA" in docx_text(native)  # documents without a template: the writers


def test_the_pack_paper_applies_to_a_word_template(kupang: Rembuk) -> None:
    from docx import Document

    data = rembuk_docs.render_bytes(
        kupang, "kesepakatan", "docx", format_pack="kupang-word", paper="F4"
    )
    section = Document(io.BytesIO(data)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)


@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice, "soffice", lambda: None)


@pytest.mark.usefixtures("no_soffice")
def test_without_libreoffice_the_docx_is_written_and_a_warning_says_why(
    tmp_path: Path, kupang: Rembuk
) -> None:
    from rembuk_docs.messages import use_language

    with pytest.warns(ConverterMissingWarning) as caught:
        paths = rembuk_docs.render(kupang, tmp_path, format_pack="kupang-word", formats=["pdf"])
    (warning,) = [w.message for w in caught if isinstance(w.message, ConverterMissingWarning)]
    assert warning.id == "render.pdf_needs_libreoffice"
    with use_language("id"):
        shown = str(warning.detail)
    assert "kesepakatan.pdf memerlukan LibreOffice" in shown and "ditulis sebagai gantinya" in shown
    assert "needs" not in shown and "installed" not in shown and "instead" not in shown
    with use_language("en"):
        assert "kesepakatan.pdf needs LibreOffice" in str(warning.detail)
    # the kesepakatan has a Word template: its DOCX stands in; the others are written natively
    names = [p.name for p in paths]
    assert names[1] == "kesepakatan.docx"
    documents = pack_documents(kupang)
    assert names == [
        f"{name}.docx" if name == "kesepakatan" else f"{name}.pdf" for name in documents
    ]
    assert "PERNYATAAN BERSAMA" in docx_text(paths[1].read_bytes())


@pytest.mark.usefixtures("no_soffice")
def test_without_libreoffice_render_bytes_cannot_give_a_pdf(kupang: Rembuk) -> None:
    from rembuk_docs.messages import use_language

    with pytest.raises(ConverterMissingError) as caught:
        rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", format_pack="kupang-word")
    with use_language("id"):
        assert "kesepakatan.pdf memerlukan LibreOffice" in str(caught.value)
        assert "not installed" not in str(caught.value)
    with use_language("en"):
        assert "and it is not installed" in str(caught.value)
    assert ConverterMissingError.exit_code == 3


@pytest.mark.usefixtures("no_soffice")
def test_without_libreoffice_the_cli_warns_and_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import SAMPLES

    code = main(
        [
            "render",
            str(SAMPLES / "kupang-2022.yaml"),
            "--out",
            str(tmp_path),
            "--format-pack",
            "kupang-word",
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert "peringatan: kesepakatan.pdf memerlukan LibreOffice (soffice)" in captured.err
    assert "needs" not in captured.err and "instead" not in captured.err
    assert "Traceback" not in captured.err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "kesepakatan.docx" in names and "kesepakatan.pdf" not in names
    assert "notulen.pdf" in names and "notulen.docx" in names


@needs_soffice
def test_with_libreoffice_the_pdf_says_what_the_docx_says(kupang: Rembuk, word_docx: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", DraftWarning)  # the sample is a draft, and says so
        pdf = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", format_pack="kupang-word")
    # the template's DOCX carries the watermark in its headers (LibreOffice draws it as a shape)
    package = zipfile.ZipFile(io.BytesIO(word_docx))
    headers = [name for name in package.namelist() if name.startswith("word/header")]
    assert headers and all('string="DRAF"' in package.read(name).decode() for name in headers)
    text = pdf_text(pdf)
    for pledge in kupang.agreement.pledges:
        assert normalise(pledge.text) in text
    assert "NOMOR : 440/125/BAPPEDA/VII/2022" in text
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
        rows = listing.stdout.decode().splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows)  # the 'emb' column


def test_the_shipped_example_is_what_the_build_script_makes() -> None:
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "build", ROOT / "scripts" / "build_word_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (ROOT / "templates" / "kupang-word" / "kesepakatan.docx").read_bytes()
