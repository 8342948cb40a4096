"""A desa's rembuk: the village section, its Dana Desa share and checks, and the desa documents' words."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import DefinitionError
from rembuk_docs.compose import composer, document_text, pack_documents
from rembuk_docs.formats import load_pack
from rembuk_docs.model import FundingSource, Village

from conftest import docx_text, pdf_text

KADES = {"name": "Petrus Kolo", "position": "Kepala Desa Oelnasi", "role": "non_asn"}
BPD = {
    "name": "Daniel Taneo",
    "position": "Ketua Badan Permusyawaratan Desa Oelnasi",
    "role": "non_asn",
}
KPM = {
    "name": "Yuliana Bani",
    "position": "Kader Pembangunan Manusia Desa Oelnasi",
    "role": "non_asn",
}
DESA: dict[str, Any] = {
    "region": {
        "kind": "desa",
        "name": "Oelnasi",
        "kecamatan": "Kupang Tengah",
        "kabupaten": "Kabupaten Kupang",
        "province": "Nusa Tenggara Timur",
    },
    "event": {
        "name": "Rembuk Stunting Desa Oelnasi Tahun 2024",
        "date": "2024-07-11",
        "start": "09.00",
        "timezone": "WITA",
        "venue": "Kantor Desa Oelnasi",
        "chair": "Kepala Desa Oelnasi",
    },
    "agreement": {"pledges": [{"text": "Rapat koordinasi desa setiap 3 (tiga) bulan."}]},
    "signatories": [KADES, BPD],
    "minutes": {"notulis": KPM},
    "village": {
        "kepala_desa": KADES,
        "bpd_chair": BPD,
        "kpm": KPM,
        "pagu_dana_desa": 180_000_000,
        "fiscal_year": 2025,
        "activities": [
            {
                "name": "PMT lokal bagi balita gizi kurang",
                "target_group": "Balita",
                "volume": 20,
                "unit": "orang",
                "cost": 24_000_000,
                "source": "Dana Desa",
            },
            {
                "name": "Insentif kader posyandu",
                "target_group": "Kader posyandu",
                "volume": 12,
                "unit": "orang",
                "cost": "Rp21.000.000,00",
                "source": "DD",
            },
            {
                "name": "Alat ukur antropometri",
                "target_group": "Baduta",
                "volume": "2,5",
                "unit": "set",
                "cost": 7_500_000,
                "source": "Alokasi Dana Desa",
            },
        ],
    },
}


def desa(**village: Any) -> dict[str, Any]:
    """The Oelnasi definition with ``village`` keys replaced."""
    data = copy.deepcopy(DESA)
    data["village"].update(village)
    return data


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    return [str(p) for p in caught.value.problems]


def text(data: dict[str, Any], document: str) -> str:
    rembuk = rembuk_docs.from_dict(data)
    return " ".join(document_text(composer(document)(rembuk, load_pack())))


def test_share_is_the_dana_desa_activities_over_the_pagu() -> None:
    village = rembuk_docs.from_dict(DESA).village
    assert village is not None
    assert village.dana_desa_activities_total() == Decimal(45_000_000)  # ADD is not counted
    assert village.activities_total() == Decimal(52_500_000)
    assert village.printed_share() == Decimal(25)
    assert [a.source for a in village.activities] == [
        FundingSource.DANA_DESA,
        FundingSource.DANA_DESA,
        FundingSource.ADD,
    ]


def test_printed_share_is_rounded_half_up_in_the_documents() -> None:
    data = desa(pagu_dana_desa=800_000_000, stunting_allocation=195_000_000, activities=[])
    data["agreement"]["dana_desa_min_share"] = 20
    assert rembuk_docs.from_dict(data).village.printed_share() == Decimal("24.38")  # type: ignore[union-attr]
    words = text(data, "kesepakatan")
    assert (
        "Rp195.000.000,00 (seratus sembilan puluh lima juta rupiah) atau 24,38% dari pagu" in words
    )
    assert "24,37%" not in words


def test_a_shortfall_is_never_shown_as_reaching_the_minimum() -> None:
    village = Village.model_validate(
        {"kepala_desa": KADES, "pagu_dana_desa": 300_000, "stunting_allocation": 59_999}
    )
    assert village.printed_share() == Decimal("20.00")  # never printed: the shortfall is refused
    assert village.shortfall_share() == Decimal("19.99")
    assert any(
        "19,99%" in p
        for p in problems(desa(pagu_dana_desa=300_000, stunting_allocation=59_999, activities=[]))
    )
    assert not village.meets(Decimal(20))
    assert Village.model_validate(
        {"kepala_desa": KADES, "pagu_dana_desa": 300_000, "stunting_allocation": 60_000}
    ).meets(Decimal(20))


def test_a_share_below_the_commitment_names_the_commitment_field() -> None:
    found = problems(desa(stunting_allocation=30_000_000, activities=[]))
    assert found == [
        "village.stunting_allocation: bagian Dana Desa untuk stunting 16,66% "
        "(Rp30.000.000,00 dari pagu Rp180.000.000,00), di bawah batas minimal 20% yang "
        "disepakati; naikkan village.stunting_allocation (batas minimal: "
        "agreement.dana_desa_min_share)"
    ]


def test_a_share_of_the_activities_below_the_commitment_says_to_add_activities() -> None:
    data = desa(pagu_dana_desa=800_000_000)  # the activities' Rp45.000.000,00: 5,62%
    (found,) = problems(data)
    assert found.startswith("village.activities: bagian Dana Desa untuk stunting 5,62%")
    assert found.endswith(
        "tambahkan kegiatan yang didanai Dana Desa atau naikkan biayanya (village.activities) "
        "(batas minimal: agreement.dana_desa_min_share)"
    )


def test_the_minimum_is_the_agreements_own_setting() -> None:
    data = desa(stunting_allocation=30_000_000, activities=[])
    data["agreement"]["dana_desa_min_share"] = 15
    assert rembuk_docs.from_dict(data).village is not None


def test_an_allocation_that_differs_from_its_activities_is_flagged() -> None:
    found = problems(desa(stunting_allocation=50_000_000))
    assert len(found) == 1
    assert found[0].startswith("village.stunting_allocation: Rp50.000.000,00 berbeda dengan")
    assert "Rp45.000.000,00" in found[0]


def test_an_allocation_equal_to_its_activities_is_accepted() -> None:
    rembuk = rembuk_docs.from_dict(desa(stunting_allocation="Rp45.000.000,00"))
    assert rembuk.village is not None and rembuk.village.stunting_funds() == 45_000_000


@pytest.mark.parametrize(
    ("village", "expected"),
    [
        ({"stunting_allocation": 200_000_000, "activities": []}, "melebihi pagu Dana Desa"),
        (
            {"activities": []},
            "isi Dana Desa untuk stunting (village.stunting_allocation) atau kegiatannya "
            "(village.activities)",
        ),
    ],
)
def test_other_allocation_problems(village: dict[str, Any], expected: str) -> None:
    (found,) = problems(desa(**village))
    assert expected in found


def test_only_a_desa_has_a_village_section(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["village"] = copy.deepcopy(DESA["village"])
    assert any(
        p.startswith("village: hanya desa yang mempunyai Dana Desa") for p in problems(kupang_dict)
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Dana Dsa", "bukan sumber dana"),
        ("APBN", "bukan sumber dana"),
    ],
)
def test_unknown_funding_sources_are_refused(source: str, message: str) -> None:
    data = desa()
    data["village"]["activities"][0]["source"] = source
    (found,) = problems(data)
    assert found.startswith("village.activities[0].source") and message in found


def test_a_desa_needs_a_kabupaten_named_with_its_kind() -> None:
    data = desa()
    data["region"]["kabupaten"] = "Kupang"
    (found,) = problems(data)
    assert "harus menyebut jenisnya, mis. 'Kabupaten Kupang'" in found


def test_the_desa_kop_has_three_tiers() -> None:
    lines = document_text(composer("berita-acara")(rembuk_docs.from_dict(DESA), load_pack()))
    assert lines[:3] == ["PEMERINTAH KABUPATEN KUPANG", "KECAMATAN KUPANG TENGAH", "DESA OELNASI"]


def test_kind_words_typed_into_names_are_not_printed_twice() -> None:
    data = desa()
    data["region"].update(name="Desa Oelnasi", kecamatan="Kecamatan Kupang Tengah")
    rembuk = rembuk_docs.from_dict(data)
    assert (rembuk.region.name, rembuk.region.kecamatan) == ("Oelnasi", "Kupang Tengah")


def test_a_desa_renders_the_desa_pack_in_its_order(tmp_path: Any) -> None:
    rembuk = rembuk_docs.from_dict(DESA)
    assert pack_documents(rembuk) == (
        "berita-acara",
        "kesepakatan",
        "daftar-hadir",
        "notulen",
        "usulan-kegiatan",
    )
    paths = rembuk_docs.render(rembuk, tmp_path)
    assert [p.name for p in paths] == [
        f"{name}.{ext}" for name in pack_documents(rembuk) for ext in ("docx", "pdf")
    ]


SHARE = (
    "Rp45.000.000,00 (empat puluh lima juta rupiah) atau 25,00% dari pagu Dana Desa Tahun "
    "Anggaran 2025 sebesar Rp180.000.000,00 (seratus delapan puluh juta rupiah)"
)


def test_the_agreement_ends_with_the_allocation_pledge() -> None:
    words = text(DESA, "kesepakatan")
    assert (
        "Pemerintah Desa Oelnasi mengalokasikan Dana Desa untuk kegiatan konvergensi pencegahan "
        f"dan penurunan stunting sebesar {SHARE}, dan memuat usulan kegiatan yang disepakati ke "
        "dalam Rencana Kerja Pemerintah Desa (RKP Desa) Tahun 2025." in words
    )
    assert "nasional" not in words and "Peraturan" not in words  # the minimum is no national rule


def test_berita_acara_and_notulen_record_the_activities_and_the_share() -> None:
    sentence = (
        "Usulan kegiatan konvergensi pencegahan dan penurunan stunting yang disepakati untuk "
        "dimuat dalam Rencana Kerja Pemerintah Desa (RKP Desa) Tahun 2025 berjumlah 3 (tiga) "
        "kegiatan dengan biaya seluruhnya Rp52.500.000,00 (lima puluh dua juta lima ratus ribu "
        f"rupiah), yang bersumber dari Dana Desa sebesar {SHARE}, serta dari Alokasi Dana Desa "
        "(ADD) sebesar Rp7.500.000,00 (tujuh juta lima ratus ribu rupiah), sebagaimana "
        "tercantum dalam Usulan Kegiatan terlampir."
    )
    berita_acara = text(DESA, "berita-acara")
    assert sentence in berita_acara
    assert (
        "Usulan Kegiatan Konvergensi Pencegahan Stunting Desa Oelnasi Tahun Anggaran 2025"
        in berita_acara
    )
    notulen = text(DESA, "notulen")
    assert sentence in notulen
    # the agreement the minutes record has its own pledge and the allocation pledge
    assert "yang memuat 2 (dua) butir kesepakatan bersama" in notulen


def test_the_participants_list_never_reads_dan_twice() -> None:
    """The sample's groups end with 'tokoh masyarakat dan tokoh agama': joined with 'serta'."""
    data = copy.deepcopy(DESA)
    data["minutes"] = {
        **data.get("minutes", {}),
        "participants": ["Perangkat Desa", "pendamping desa", "tokoh masyarakat dan tokoh agama"],
    }
    rembuk = rembuk_docs.from_dict(data)
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        found = read(rembuk_docs.render_bytes(rembuk, "berita-acara", fmt))
        assert "Perangkat Desa, pendamping desa, serta tokoh masyarakat dan tokoh agama" in found, (
            fmt
        )
        assert ", dan tokoh masyarakat dan" not in found


def test_every_share_of_a_batch_prints_two_decimals_in_both_formats() -> None:
    """A desa whose share is 22,2% prints "22,20%", as its neighbours print "23,91%": one
    precision throughout the batch (the Tanah Merah row of samples/desa-kupang.xlsx)."""
    data = desa(pagu_dana_desa=900_000_000, stunting_allocation=199_800_000, activities=[])
    rembuk = rembuk_docs.from_dict(data)
    for document in ("kesepakatan", "berita-acara", "notulen", "usulan-kegiatan"):
        for found in (
            pdf_text(rembuk_docs.render_bytes(rembuk, document, "pdf")),
            docx_text(rembuk_docs.render_bytes(rembuk, document, "docx")),
        ):
            assert "atau 22,20% dari pagu Dana Desa" in found, document
            assert "22,2% " not in found


def test_the_share_is_the_same_in_docx_and_pdf() -> None:
    rembuk = rembuk_docs.from_dict(DESA)
    for document in ("kesepakatan", "berita-acara", "usulan-kegiatan"):
        assert "atau 25,00% dari pagu Dana Desa" in docx_text(
            rembuk_docs.render_bytes(rembuk, document, "docx")
        )
        assert "atau 25,00% dari pagu Dana Desa" in pdf_text(
            rembuk_docs.render_bytes(rembuk, document, "pdf")
        )


def test_the_berita_acara_accounts_for_money_from_every_source() -> None:
    from conftest import pdf_text

    text = pdf_text(rembuk_docs.render_bytes(rembuk_docs.from_dict(DESA), "berita-acara", "pdf"))
    assert "biaya seluruhnya Rp52.500.000,00 (lima puluh dua juta lima ratus ribu rupiah)" in text
    assert "yang bersumber dari Dana Desa sebesar Rp45.000.000,00" in text
    assert (
        "serta dari Alokasi Dana Desa (ADD) sebesar Rp7.500.000,00 "
        "(tujuh juta lima ratus ribu rupiah)" in text
    )
