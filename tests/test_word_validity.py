"""Every DOCX we produce is valid against the ECMA-376 schemas, in the element order Word expects.

Word opens a file with an element out of the schema's sequence (``w:numPr`` after ``w:jc``) only
after offering to "repair" it, which a secretary rightly reads as a broken file. openxml-audit
is a pure-Python port of the Open XML SDK's validator (the one Word's own team uses).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

import rembuk_docs
from rembuk_docs.batch import render_batch

from conftest import SAMPLES, definition_samples, sample_pack

VALIDATOR = OpenXmlValidator()


def schema_errors(data: bytes, folder: Path, name: str) -> list[str]:
    """Every problem the validator finds in DOCX ``data``, as text."""
    path = folder / f"{name}.docx"
    path.write_bytes(data)
    return [str(error) for error in VALIDATOR.validate(path).errors]


@pytest.mark.parametrize("sample", definition_samples(), ids=lambda p: p.stem)
def test_every_docx_of_every_sample_is_schema_valid(sample: Path, tmp_path: Path) -> None:
    files = sample_pack(sample.stem, "docx")
    assert files
    for name, data in files.items():
        assert schema_errors(data, tmp_path, name) == [], name


def test_lists_with_attendees_the_plan_and_the_word_template_are_schema_valid(
    tmp_path: Path,
) -> None:
    kayong = rembuk_docs.load(
        SAMPLES / "kayong-utara-2023.yaml",
        attendees=SAMPLES / "kayong-utara-2023-peserta.xlsx",
    )
    kupang = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    # the landscape matrix is no sample's pack document: it comes from the Kupang sheet
    plan = rembuk_docs.load(
        SAMPLES / "kupang-2022.yaml", rencana_kegiatan=SAMPLES / "kupang-2022-rencana-kegiatan.csv"
    )
    files = {
        "rencana-kegiatan": rembuk_docs.render_bytes(plan, "rencana-kegiatan", "docx"),
        "daftar-hadir": rembuk_docs.render_bytes(kayong, "daftar-hadir", "docx"),
        "kupang-word": rembuk_docs.render_bytes(
            kupang, "kesepakatan", "docx", format_pack="kupang-word"
        ),
    }
    for name, data in files.items():
        assert schema_errors(data, tmp_path, name) == [], name


def test_every_docx_of_a_desa_pack_is_schema_valid(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = render_batch(
        SAMPLES / "desa-kupang.xlsx", SAMPLES / "rembuk-desa.yaml", out, formats=["docx"]
    )
    assert result.exit_code == 0
    folder = sorted(path for path in out.iterdir() if path.is_dir())[0]
    files = sorted(folder.glob("*.docx"))
    assert {path.stem for path in files} >= {"kesepakatan", "usulan-kegiatan", "berita-acara"}
    for path in files:
        assert schema_errors(path.read_bytes(), tmp_path, path.stem) == [], path.name


def test_the_package_names_this_application(tmp_path: Path) -> None:
    data = sample_pack("kupang-2022", "docx")["kesepakatan"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        app = package.read("docProps/app.xml").decode()
        names = package.namelist()
    assert "<Application>rembuk-docs</Application>" in app
    assert "Microsoft" not in app
    # the template's stale copy of the styles and its thumbnail of an empty page are gone
    assert "word/stylesWithEffects.xml" not in names
    assert not any("thumbnail" in name for name in names)


def test_the_validator_catches_an_element_out_of_order(tmp_path: Path) -> None:
    """The check can fail: the same file with numPr moved after jc is refused."""
    data = sample_pack("kupang-2022", "docx")["kesepakatan"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode()
    start = xml.index("<w:numPr>")
    end = xml.index("</w:numPr>", start) + len("</w:numPr>")
    num_pr = xml[start:end]
    # the paragraph justified by its own jc, with numPr after it: out of the schema's order
    xml = xml[:start] + '<w:jc w:val="both"/>' + num_pr + xml[end:]
    parts["word/document.xml"] = xml.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    errors = schema_errors(buffer.getvalue(), tmp_path, "broken")
    assert any("numPr" in error for error in errors)
