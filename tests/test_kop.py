"""The kop from the pack: fixed lines, government and office lines, contacts, logo placement."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.compose.blocks import Letterhead
from rembuk_docs.compose.common import letterhead
from rembuk_docs.formats import load_pack

from conftest import docx_paragraphs, pdf_pages

CONTACTS = """\
extends = "kupang"
[kop]
address = "Jalan Timor Raya Km. 36, Oelamasi"
phone = "(0380) 000000"
email = "bappeda@contoh.go.id"
website = "contoh.go.id"
"""


def _pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "format.toml").write_text(text, encoding="utf-8")
    return folder


def _lines(rembuk: Rembuk, pack: Any) -> list[str]:
    return [line.text for line in letterhead(rembuk, pack).lines]


def test_the_pack_office_block_has_address_and_contacts(tmp_path: Path, kupang: Rembuk) -> None:
    pack = load_pack(_pack(tmp_path / "x", CONTACTS))
    assert _lines(kupang, pack) == [
        "PEMERINTAH KABUPATEN KUPANG",
        "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
        "Jalan Timor Raya Km. 36, Oelamasi",
        "Telepon (0380) 000000, Pos-el bappeda@contoh.go.id, Laman contoh.go.id",
    ]
    sizes = [line.size for line in letterhead(kupang, pack).lines]
    assert sizes == [14, 15, 10, 10]


def test_the_definition_s_organizer_replaces_the_pack_office(
    tmp_path: Path, kupang_dict: dict[str, Any]
) -> None:
    kupang_dict["organizer"] = {"name": "Dinas Kesehatan", "phone": "(0380) 111"}
    rembuk = rembuk_docs.from_dict(kupang_dict)
    pack = load_pack(_pack(tmp_path / "x", CONTACTS))
    assert _lines(rembuk, pack) == [
        "PEMERINTAH KABUPATEN KUPANG",
        "DINAS KESEHATAN",
        "Telepon (0380) 111",
    ]


def test_contact_wording_can_be_changed(tmp_path: Path, kupang: Rembuk) -> None:
    text = CONTACTS + '[wording.kop]\nkontak = "Telp. {{ telepon }} | {{ email }}"\n'
    pack = load_pack(_pack(tmp_path / "x", text))
    assert _lines(kupang, pack)[-1] == "Telp. (0380) 000000 | bappeda@contoh.go.id"


def test_fixed_lines_win_over_everything(tmp_path: Path, kupang: Rembuk) -> None:
    text = '[kop]\nlines = [{text = "BUPATI KUPANG", size = 16}]\ngovernment = "X"\n'
    pack = load_pack(_pack(tmp_path / "x", text))
    assert _lines(kupang, pack) == ["BUPATI KUPANG"]


def test_without_kop_settings_the_kop_comes_from_the_region(kupang: Rembuk) -> None:
    assert _lines(kupang, load_pack()) == ["PEMERINTAH KABUPATEN KUPANG"]
    assert letterhead(kupang, load_pack()).logo is None


@pytest.mark.parametrize("placement", ["left", "center"])
def test_logo_placement_in_both_formats(tmp_path: Path, kupang: Rembuk, placement: str) -> None:
    from docx import Document
    from pypdf import PdfReader

    text = f'extends = "kupang"\n[kop]\nlogo_placement = "{placement}"\nrule = "single"\n'
    pack = _pack(tmp_path / placement, text)
    block = letterhead(kupang, load_pack(pack))
    assert isinstance(block, Letterhead) and block.logo_placement == placement
    docx = rembuk_docs.render_bytes(kupang, "notulen", "docx", format_pack=pack)
    body = Document(io.BytesIO(docx)).element.body
    first = body[0]
    # left: a table (logo cell beside the lines); center: a paragraph holding the picture
    assert first.tag.endswith("}tbl" if placement == "left" else "}p")
    assert first.xpath(".//pic:pic") != []
    paragraphs = [p for p in docx_paragraphs(docx) if p.strip()]
    assert paragraphs[:2] == ["PEMERINTAH KABUPATEN KUPANG", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"]
    pdf = rembuk_docs.render_bytes(kupang, "notulen", "pdf", format_pack=pack)
    image = PdfReader(io.BytesIO(pdf)).pages[0].images[0]
    assert image.image is not None and image.image.size[0] > 100
    assert pdf_pages(pdf)[0].startswith("PEMERINTAH KABUPATEN KUPANG BADAN PERENCANAAN")


def test_a_missing_logo_file_stops_the_render_with_its_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rembuk_docs.cli import main

    from conftest import SAMPLES

    pack = _pack(tmp_path / "x", '[kop]\nlogo = "lambang.png"\n')
    out = tmp_path / "out"
    args = [
        "render",
        str(SAMPLES / "kupang-2022.yaml"),
        "--out",
        str(out),
        "--format-pack",
        str(pack),
    ]
    assert main(args) == 2
    assert "lambang 'lambang.png' tidak ada di" in capsys.readouterr().err
    assert not out.exists()
