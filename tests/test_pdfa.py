"""PDF/A-2b: every sample's PDFs and bundle, checked structurally with pikepdf (OutputIntent, XMP
agreeing with the document information, fonts embedded, no forbidden keys) and by pikepdf's
PDF/A allowlist validator (built from the veraPDF rules); byte-identical for identical input."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import pdfa

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.writers.pdfa import srgb_profile, xmp_date

from conftest import SAMPLES, definition_samples, needs_tool, pdf_pages

XMP_KEYS = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords",
    "/Producer": "pdf:Producer",
    "/Creator": "xmp:CreatorTool",
    "/CreationDate": "xmp:CreateDate",
    "/ModDate": "xmp:ModifyDate",
}


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every font dictionary reachable from the pages' resources, form XObjects included."""
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}

    def walk(resources: Any) -> None:
        if resources is None:
            return
        for font in (resources.get("/Font") or {}).values():
            found[font.objgen] = font
            for descendant in font.get("/DescendantFonts") or []:
                found[descendant.objgen] = descendant
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page.obj.get("/Resources"))
    return list(found.values())


def assert_pdfa_2b(data: bytes, *, form_fields: bool = False) -> None:
    """Fail unless ``data`` is a PDF/A-2b file as issue 17 lists it; with ``form_fields`` the
    validator's note that it does not check interactive forms is accepted (the signature fields
    are checked structurally in test_signature_fields.py)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted
        assert "/Encrypt" not in pdf.trailer
        assert len(pdf.trailer.ID) == 2
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        assert intent.DestOutputProfile.N == 3
        assert intent.DestOutputProfile.read_bytes() == srgb_profile()
        with pdf.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2"
            assert meta["pdfaid:conformance"] == "B"
            info = pdf.docinfo
            assert str(info["/Title"]) == meta["dc:title"]
            assert [str(info["/Author"])] == meta["dc:creator"]
            for key, tag in XMP_KEYS.items():
                if key not in info or tag in ("dc:title", "dc:creator"):
                    continue
                if key.endswith("Date"):
                    assert meta[tag].startswith(xmp_date(str(info[key]))[:19]), key
                else:
                    assert str(info[key]) == meta[tag], key
        fonts = _fonts(pdf)
        assert fonts, "no fonts at all"
        for font in fonts:
            if font.Subtype == "/Type0":
                continue  # its descendant carries the descriptor
            descriptor = font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"font {font.get('/BaseFont')} is not embedded"
            )
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                for forbidden in ("/JavaScript", "/JS", "/Launch", "/EmbeddedFiles"):
                    assert forbidden not in obj, forbidden
                assert obj.get("/S") not in ("/Launch", "/URI", "/GoToR", "/ImportData")
    report = pdfa.validate_written(io.BytesIO(data), "2b")
    findings = [
        finding
        for finding in report.findings
        if not (form_fields and finding.kind == "unsupported" and "/AcroForm" in finding.message)
    ]
    assert not findings, report.summary()


def _sample_ids() -> list[str]:
    return [path.stem for path in definition_samples()]


@pytest.mark.parametrize("stem", _sample_ids())
def test_every_sample_pdf_and_its_bundle_is_pdfa_2b(stem: str) -> None:
    rembuk = rembuk_docs.load(SAMPLES / f"{stem}.yaml")
    files = dict(rembuk_docs.render_files(rembuk, formats=["pdf"], bundle=True, pdfa=True))
    assert "paket.pdf" in files and len(files) >= 3
    for name, data in files.items():
        assert name.endswith(".pdf")
        assert_pdfa_2b(data)


def test_pdfa_keeps_the_text_and_is_byte_identical(kupang: rembuk_docs.Rembuk) -> None:
    plain = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    archival = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", pdfa=True)
    assert pdf_pages(archival) == pdf_pages(plain)
    assert rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", pdfa=True) == archival
    bundle = rembuk_docs.render_bundle(kupang, pdfa=True)
    assert rembuk_docs.render_bundle(kupang, pdfa=True) == bundle
    with pikepdf.open(io.BytesIO(bundle)) as pdf:
        assert len(pdf.open_outline().root) >= 5  # the bookmarks survive


def test_plain_output_is_not_pdfa_by_default(kupang: rembuk_docs.Rembuk) -> None:
    with pikepdf.open(io.BytesIO(rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf"))) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/Metadata" not in pdf.Root


def test_the_pack_setting_turns_it_on(kupang: rembuk_docs.Rembuk, tmp_path: Path) -> None:
    pack = tmp_path / "arsip"
    pack.mkdir()
    (pack / "format.toml").write_text(
        'name = "Arsip"\nextends = "kupang"\n\n[pdf]\npdfa = true\n', encoding="utf-8"
    )
    data = rembuk_docs.render_bytes(kupang, "berita-acara", "pdf", format_pack=pack)
    assert_pdfa_2b(data)
    assert FormatPack().pdf.pdfa is False
    # the caller can still say no
    data = rembuk_docs.render_bytes(kupang, "berita-acara", "pdf", format_pack=pack, pdfa=False)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/OutputIntents" not in pdf.Root


def test_render_pdfa_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "render",
            str(SAMPLES / "kupang-2022.yaml"),
            "--out",
            str(out),
            "--format",
            "pdf",
            "--only",
            "kesepakatan,berita-acara",
            "--bundle",
            "--pdfa",
        ]
    )
    assert code == 0
    names = sorted(path.name for path in out.iterdir())
    assert names == ["berita-acara.pdf", "kesepakatan.pdf", "paket.pdf"]
    for path in out.iterdir():
        assert_pdfa_2b(path.read_bytes())


@pytest.mark.parametrize(
    ("pdf_date", "expected"),
    [
        ("D:20220725000000+00'00'", "2022-07-25T00:00:00+00:00"),
        ("D:20220725093000+07'00'", "2022-07-25T09:30:00+07:00"),
        ("D:20220725", "2022-07-25T00:00:00Z"),
        ("D:20220725000000Z", "2022-07-25T00:00:00Z"),
    ],
)
def test_xmp_dates(pdf_date: str, expected: str) -> None:
    assert xmp_date(pdf_date) == expected


@needs_tool("soffice")
def test_a_word_authored_document_converted_by_libreoffice_is_pdfa_too(
    kupang: rembuk_docs.Rembuk,
) -> None:
    data = rembuk_docs.render_bytes(
        kupang, "kesepakatan", "pdf", format_pack="kupang-word", pdfa=True
    )
    assert_pdfa_2b(data)
