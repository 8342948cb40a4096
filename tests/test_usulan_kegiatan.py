"""The usulan kegiatan: one row per activity in order, subtotals per source, the total, signatures."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import DefinitionError
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.blocks import DataTable
from rembuk_docs.formats import load_pack
from test_village import DESA

from conftest import docx_paragraphs, pdf_text

HEADER = ["No", "Kegiatan", "Sasaran", "Volume", "Satuan", "Biaya (Rp)", "Sumber Dana"]


def table(data: dict[str, Any]) -> DataTable:
    document = composer("usulan-kegiatan")(rembuk_docs.from_dict(data), load_pack())
    (found,) = [block for block in document.blocks if isinstance(block, DataTable)]
    return found


def test_one_row_per_activity_then_subtotals_and_the_total() -> None:
    found = table(DESA)
    assert [column.title for column in found.columns] == HEADER
    assert list(found.rows) == [
        (
            "1",
            "PMT lokal bagi balita gizi kurang",
            "Balita",
            "20",
            "orang",
            "24.000.000",
            "Dana Desa",
        ),
        (
            "2",
            "Insentif kader posyandu",
            "Kader posyandu",
            "12",
            "orang",
            "21.000.000",
            "Dana Desa",
        ),
        ("3", "Alat ukur antropometri", "Baduta", "2,5", "set", "7.500.000", "ADD"),
        ("", "Jumlah Dana Desa", "", "", "", "45.000.000", "Dana Desa"),
        ("", "Jumlah ADD", "", "", "", "7.500.000", "ADD"),
        ("", "JUMLAH", "", "", "", "52.500.000", ""),
    ]


def test_a_single_source_has_no_subtotals_and_cents_show_when_there_are_any() -> None:
    data = copy.deepcopy(DESA)
    data["village"]["activities"] = data["village"]["activities"][:2]
    data["village"]["activities"][1]["cost"] = "21.000.000,50"
    data["village"]["pagu_dana_desa"] = 100_000_000
    rows = list(table(data).rows)
    assert [row[1] for row in rows] == [
        "PMT lokal bagi balita gizi kurang",
        "Insentif kader posyandu",
        "JUMLAH",
    ]
    assert rows[-1][5] == "45.000.000,50"


def test_other_sources_print_their_name() -> None:
    data = copy.deepcopy(DESA)
    data["village"]["activities"][2].update(source="lainnya", source_name="PADes")
    assert list(table(data).rows)[2][6] == "PADes"


def test_without_activities_it_is_a_numbered_form_to_fill_in() -> None:
    data = copy.deepcopy(DESA)
    data["village"].update(activities=[], stunting_allocation=45_000_000, blank_rows=8)
    found = table(data)
    assert [row[0] for row in found.rows] == [*(str(n) for n in range(1, 9)), ""]
    assert all(cell == "" for row in found.rows[:8] for cell in row[1:])
    assert found.rows[-1][1] == "JUMLAH" and found.min_row_height_pt > 0


def test_heading_fields_and_signatures() -> None:
    lines = document_text(composer("usulan-kegiatan")(rembuk_docs.from_dict(DESA), load_pack()))
    assert lines[3:5] == [
        "USULAN KEGIATAN KONVERGENSI PENCEGAHAN STUNTING",
        "DESA OELNASI TAHUN ANGGARAN 2025",
    ]
    assert "Pagu Dana Desa : Rp180.000.000,00 (Tahun Anggaran 2025)" in lines
    assert "Hasil : Rembuk Stunting Desa Oelnasi Tahun 2024, 11 Juli 2024" in lines
    # BPD chair 'Mengetahui,' on the left, the kepala desa with place and date on the right
    tail = lines[-6:]
    assert tail == [
        "Mengetahui,",
        "Ketua Badan Permusyawaratan Desa Oelnasi,",
        "Daniel Taneo",
        "Oelnasi, 11 Juli 2024",
        "Kepala Desa Oelnasi,",
        "Petrus Kolo",
    ]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_files_carry_every_activity_in_order(fmt: str) -> None:
    data = rembuk_docs.render_bytes(rembuk_docs.from_dict(DESA), "usulan-kegiatan", fmt)
    words = " ".join(docx_paragraphs(data)) if fmt == "docx" else pdf_text(data)
    positions = [
        words.index(name)
        for name in (
            "PMT lokal bagi balita gizi kurang",
            "Insentif kader posyandu",
            "Alat ukur antropometri",
            "JUMLAH",
        )
    ]
    assert positions == sorted(positions)
    assert "52.500.000" in words and "atau 25,00% dari pagu Dana Desa" in words


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_kabupaten_line_names_the_kabupaten_once(fmt: str) -> None:
    """'Kabupaten : Kupang', never 'Kabupaten : Kabupaten Kupang'; a desa of a kota reads
    'Kota : Kupang'."""
    data = rembuk_docs.render_bytes(rembuk_docs.from_dict(DESA), "usulan-kegiatan", fmt)
    words = " ".join(docx_paragraphs(data)) if fmt == "docx" else pdf_text(data)
    assert "Kabupaten : Kupang Hasil" in words or "Kabupaten Kupang Hasil" in words
    assert "Kabupaten : Kabupaten" not in words and "Kabupaten Kabupaten" not in words
    in_kota = copy.deepcopy(DESA)
    in_kota["region"]["kabupaten"] = "Kota Kupang"
    lines = document_text(composer("usulan-kegiatan")(rembuk_docs.from_dict(in_kota), load_pack()))
    assert "Kota : Kupang" in lines


def test_a_definition_without_village_cannot_make_it(kupang: rembuk_docs.Rembuk) -> None:
    with pytest.raises(DefinitionError, match="usulan kegiatan memerlukan bagian village"):
        rembuk_docs.render_bytes(kupang, "usulan-kegiatan", "pdf")
