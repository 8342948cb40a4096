"""The lampiran lokus: priority villages by year and kecamatan, with their SK, in both formats."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import DefinitionError
from rembuk_docs.compose import composer
from rembuk_docs.compose.blocks import DataTable, Paragraph, inline_text
from rembuk_docs.formats import load_pack

from conftest import SAMPLES, docx_text, pdf_text


@pytest.fixture(scope="module")
def kayong() -> rembuk_docs.Rembuk:
    return rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")


@pytest.fixture(scope="module")
def mimika() -> rembuk_docs.Rembuk:
    return rembuk_docs.load(SAMPLES / "mimika-2024.yaml")


def tables(rembuk: rembuk_docs.Rembuk, pack: str) -> list[DataTable]:
    document = composer("lampiran-lokus")(rembuk, load_pack(pack))
    return [block for block in document.blocks if isinstance(block, DataTable)]


def paragraphs(rembuk: rembuk_docs.Rembuk, pack: str) -> list[str]:
    document = composer("lampiran-lokus")(rembuk, load_pack(pack))
    return [inline_text(b.content) for b in document.blocks if isinstance(b, Paragraph)]


def test_kayong_utara_lists_its_ten_desa_by_kecamatan_with_the_decree(
    kayong: rembuk_docs.Rembuk,
) -> None:
    (table,) = tables(kayong, "kayong-utara")
    assert [c.title for c in table.columns] == ["No", "Desa", "Kecamatan"]
    assert len(table.rows) == 10
    assert [row[0] for row in table.rows] == [str(n) for n in range(1, 11)]
    kecamatan = [row[2] for row in table.rows]
    # grouped: each kecamatan's desa stand together, in the order the kecamatan first appear
    assert kecamatan == sorted(kecamatan, key=kecamatan.index)
    assert table.closing is not None and table.closing.blocks[0].name == "Citra Duani"
    texts = paragraphs(kayong, "kayong-utara")
    assert "Desa Lokus Tahun 2023 (tahun berjalan)" in texts
    assert (
        "Ditetapkan dengan Keputusan Bupati Kayong Utara Tahun 2022 tentang Penetapan Desa Lokus "
        "Stunting Kabupaten Kayong Utara Tahun 2023." in texts
    )
    assert "Sebanyak 10 desa lokus di 6 kecamatan:" in texts
    for data, text in (
        (rembuk_docs.render_bytes(kayong, "lampiran-lokus", "pdf"), pdf_text),
        (rembuk_docs.render_bytes(kayong, "lampiran-lokus", "docx"), docx_text),
    ):
        words = text(data)
        assert "DAFTAR DESA LOKUS PERCEPATAN PENURUNAN STUNTING" in words
        assert "Sebanyak 10 desa lokus di 6 kecamatan" in words
        assert "Padang Kepulauan Karimata" in words
        assert "LAMPIRAN KOMITMEN BERSAMA" in words


def test_mimika_gives_numbers_only_so_its_kampung_are_rows_to_fill_in(
    mimika: rembuk_docs.Rembuk,
) -> None:
    current, planned = tables(mimika, "mimika")
    assert [c.title for c in current.columns] == ["No", "Kampung", "Distrik"]
    assert len(current.rows) == 68 and len(planned.rows) == 51
    assert all(row[1:] == ("", "") for row in (*current.rows, *planned.rows))
    assert current.closing is None and planned.closing is not None
    texts = paragraphs(mimika, "mimika")
    assert "Kampung Lokus Tahun 2024 (tahun berjalan)" in texts
    assert "Kampung Lokus Tahun 2025 (tahun rencana)" in texts
    assert (
        "Sebanyak 68 kampung lokus; nama kampung diisi sesuai keputusan yang menetapkannya:"
        in texts
    )
    words = pdf_text(rembuk_docs.render_bytes(mimika, "lampiran-lokus", "pdf"))
    assert "DAFTAR KAMPUNG LOKUS" in words and "Sebanyak 51 kampung lokus" in words
    assert "68 " in words and "51 " in words


def test_names_and_locations_must_agree(kupang_dict: dict[str, Any]) -> None:
    data = copy.deepcopy(kupang_dict)
    data["priority_villages"] = [
        {"year": 2023, "villages": ["Oelnasi"], "locations": [{"name": "Oesao"}]}
    ]
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    assert caught.value.problems[0].location == "priority_villages[0]"
    data["priority_villages"] = [
        {"year": 2023, "locations": [{"name": "Oesao", "kecamatan": "Kupang Timur"}]}
    ]
    rembuk = rembuk_docs.from_dict(data)
    assert rembuk.priority_villages[0].villages == ["Oesao"]
    assert rembuk.priority_villages[0].total == 1


def test_without_priority_villages_the_list_is_refused(kupang: rembuk_docs.Rembuk) -> None:
    with pytest.raises(DefinitionError) as caught:
        composer("lampiran-lokus")(kupang, load_pack())
    assert caught.value.problems[0].location == "priority_villages"


def test_villages_given_out_of_order_are_grouped_by_kecamatan(kupang_dict: dict[str, Any]) -> None:
    data = copy.deepcopy(kupang_dict)
    data["priority_villages"] = [
        {
            "year": 2023,
            "decree": "Keputusan Bupati Kupang Nomor 1 Tahun 2022",
            "locations": [
                {"name": "Oelnasi", "kecamatan": "Kupang Tengah"},
                {"name": "Oesao", "kecamatan": "Kupang Timur"},
                {"name": "Tarus", "kecamatan": "kupang tengah"},
                {"name": "Naibonat", "kecamatan": "Kupang Timur"},
                {"name": "Oelpuah", "kecamatan": "Kupang Tengah"},
            ],
        }
    ]
    rembuk = rembuk_docs.from_dict(data)
    (table,) = tables(rembuk, "default")
    assert [row[:2] for row in table.rows] == [
        ("1", "Oelnasi"),
        ("2", "Tarus"),
        ("3", "Oelpuah"),
        ("4", "Oesao"),
        ("5", "Naibonat"),
    ]
    assert "Sebanyak 5 desa lokus di 2 kecamatan:" in paragraphs(rembuk, "default")
    words = pdf_text(rembuk_docs.render_bytes(rembuk, "lampiran-lokus", "pdf"))
    assert words.index("Tarus") < words.index("Oelpuah") < words.index("Oesao")
