"""Forgiving where the meaning is unambiguous: choices in any case, 'Folio' for F4, near misses named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.formats import load_pack
from rembuk_docs.model import AgreementKind, RegionKind, Role, TimeZone

from conftest import SAMPLES, pdf_text

CATALOGUE = Path(__file__).parent / "error_catalogue"


def definition(tmp_path: Path, **changes: str) -> Path:
    text = (CATALOGUE / "valid.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old.replace("_", " ") in text
        text = text.replace(old.replace("_", " "), new)
    path = tmp_path / "rembuk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_choices_are_read_in_any_case_and_spacing(tmp_path: Path) -> None:
    data = yaml.safe_load((CATALOGUE / "valid.yaml").read_text(encoding="utf-8"))
    data["region"]["kind"] = "Kabupaten"
    data["event"]["timezone"] = "wita"
    data["agreement"]["kind"] = "kesepakatan  bersama"
    data["signatories"][0]["role"] = "ASN"
    data["signatories"].append(
        {"name": "Yos", "position": "Bupati Kupang", "role": "Kepala Daerah"}
    )
    rembuk = rembuk_docs.from_dict(data)
    assert rembuk.region.kind is RegionKind.KABUPATEN
    assert rembuk.event.timezone is TimeZone.WITA
    assert rembuk.agreement.kind is AgreementKind.KESEPAKATAN
    assert [s.role for s in rembuk.signatories] == [Role.ASN, Role.KEPALA_DAERAH]


def test_an_unknown_choice_still_lists_the_choices() -> None:
    data = yaml.safe_load((CATALOGUE / "valid.yaml").read_text(encoding="utf-8"))
    data["event"]["timezone"] = "WITT"
    with pytest.raises(rembuk_docs.DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    assert "harus salah satu dari 'WIB', 'WITA' atau 'WIT' (tertulis 'WITT')" in str(caught.value)


def test_format_paper_and_document_names_in_any_case(tmp_path: Path) -> None:
    path = definition(tmp_path)
    out = tmp_path / "out"
    args = ["render", str(path), "--out", str(out), "--format", "PDF", "--only", "Kesepakatan"]
    assert main([*args, "--paper", "f4"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["kesepakatan.pdf"]
    from pypdf import PdfReader

    box = PdfReader(out / "kesepakatan.pdf").pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    assert "Melaksanakan 8 aksi konvergensi." in pdf_text((out / "kesepakatan.pdf").read_bytes())
    assert main([*args, "--paper", "Folio"]) == 0


def test_folio_in_a_pack_is_f4(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    text = 'name = "Uji"\nextends = "default"\n\n[page]\npaper = "Folio"\n'
    (folder / "format.toml").write_text(text, encoding="utf-8")
    pack = load_pack(folder)
    assert pack.page.paper == "F4" and pack.page.size_mm == (215.0, 330.0)
    assert load_pack().with_paper("folio").page.paper == "F4"


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        (
            "--only",
            "daftar_hadir",
            "dokumen 'daftar_hadir' tidak dikenal; maksud Anda daftar-hadir?",
        ),
        ("--only", "berita acara", "maksud Anda berita-acara?"),
        ("--only", "kesepakatn", "maksud Anda kesepakatan?"),
        ("--format", "pfd", "format 'pfd' tidak dikenal; maksud Anda pdf?"),
        ("--only", "surat", "dokumen 'surat' tidak dikenal; pilih dari: kesepakatan,"),
    ],
)
def test_a_near_miss_says_what_was_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, expected: str
) -> None:
    out = tmp_path / "out"
    assert main(["render", str(definition(tmp_path)), "--out", str(out), option, value]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_a_plan_sheet_with_title_rows_above_its_header_is_read(tmp_path: Path) -> None:
    from rembuk_docs.errors import RembukWarning
    from rembuk_docs.plan_import import load_plan

    source = SAMPLES / "kupang-2022-rencana-kegiatan.csv"
    text = source.read_text(encoding="utf-8")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    titled = tmp_path / "rencana.csv"
    titles = "RENCANA KEGIATAN INTERVENSI STUNTING\nKabupaten Kupang 2023\n\n"  # no delimiter
    assert delimiter in text.splitlines()[0]
    titled.write_text(titles + text, encoding="utf-8")
    with pytest.warns(RembukWarning) as caught:
        rows = load_plan(titled)
    assert rows == load_plan(source)
    assert [str(w.message) for w in caught] == [
        f"{titled}: judul kolom ditemukan di baris 4; 2 baris judul di atasnya dilewati"
    ]


def test_a_batch_sheet_with_title_rows_above_its_header_is_read(tmp_path: Path) -> None:
    from rembuk_docs.batch.sheet import read_sheet
    from rembuk_docs.errors import RembukWarning

    source = SAMPLES / "desa-kupang.csv"
    titled = tmp_path / "desa.csv"
    titled.write_text(
        "REKAPITULASI DESA KECAMATAN KUPANG TENGAH\n\n" + source.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with pytest.warns(RembukWarning) as caught:
        sheet = read_sheet(titled)
    plain = read_sheet(source)
    assert [row.values for row in sheet.desa] == [row.values for row in plain.desa]
    assert [row.number for row in sheet.desa] == [row.number + 2 for row in plain.desa]
    assert [str(w.message) for w in caught] == [
        "desa.csv: judul kolom ditemukan di baris 3; 1 baris judul di atasnya dilewati"
    ]
