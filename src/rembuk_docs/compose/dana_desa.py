"""Sentences about a desa's Dana Desa for stunting, shared by the desa's documents."""

from __future__ import annotations

from decimal import Decimal

from ..indonesian import persen, rupiah_with_words, terbilang
from ..model import FundingSource, Rembuk, Village
from .common import join_words

RKP_DESA = "Rencana Kerja Pemerintah Desa (RKP Desa)"


def fiscal_year(rembuk: Rembuk, village: Village) -> int:
    """Tahun anggaran of the pagu and the RKP Desa: as given, else the year after the rembuk."""
    return village.fiscal_year or rembuk.event.date.year + 1


def share_phrase(rembuk: Rembuk, village: Village) -> str:
    """'Rp45.000.000,00 (empat puluh lima juta rupiah) atau 25% dari pagu Dana Desa Tahun
    Anggaran 2025 sebesar Rp180.000.000,00 (seratus delapan puluh juta rupiah)'."""
    year = fiscal_year(rembuk, village)
    return (
        f"{rupiah_with_words(village.stunting_funds())} atau {persen(village.printed_share())} "
        f"dari pagu Dana Desa Tahun Anggaran {year} sebesar "
        f"{rupiah_with_words(village.pagu_dana_desa)}"
    )


def allocation_pledge(rembuk: Rembuk, village: Village) -> str:
    """The pledge a desa's agreement ends with: how much Dana Desa goes to stunting."""
    year = fiscal_year(rembuk, village)
    return (
        f"Pemerintah {rembuk.region.title} mengalokasikan Dana Desa untuk kegiatan konvergensi "
        f"pencegahan dan penurunan stunting sebesar {share_phrase(rembuk, village)}, dan memuat "
        f"usulan kegiatan yang disepakati ke dalam {RKP_DESA} Tahun {year}."
    )


def extra_pledges(rembuk: Rembuk) -> list[str]:
    """Pledges the agreement carries after its own: a desa's allocation pledge, else none."""
    return [allocation_pledge(rembuk, rembuk.village)] if rembuk.village is not None else []


def pledge_count(rembuk: Rembuk) -> int:
    """How many numbered pledges the agreement document shows."""
    return len(rembuk.agreement.pledges) + len(extra_pledges(rembuk))


def activities_sentence(rembuk: Rembuk, village: Village) -> str:
    """What the berita acara and the notulen record about the agreed activities and their money."""
    year = fiscal_year(rembuk, village)
    count = len(village.activities)
    if not count:
        return (
            "Alokasi Dana Desa untuk kegiatan konvergensi pencegahan dan penurunan stunting yang "
            f"disepakati untuk dimuat dalam {RKP_DESA} Tahun {year} sebesar "
            f"{share_phrase(rembuk, village)}; rincian usulan kegiatan dicatat dalam formulir "
            "Usulan Kegiatan terlampir."
        )
    total = village.activities_total()
    funds = village.stunting_funds()
    money = f"dengan biaya seluruhnya {rupiah_with_words(total)}"
    if total == funds:
        money += f", seluruhnya bersumber dari Dana Desa, yaitu {persen(village.printed_share())}"
        money += f" dari pagu Dana Desa Tahun Anggaran {year} sebesar "
        money += rupiah_with_words(village.pagu_dana_desa)
    else:
        money += f", yang bersumber dari Dana Desa sebesar {share_phrase(rembuk, village)}"
        others: dict[str, Decimal] = {}
        for activity in village.activities:
            if activity.source is not FundingSource.DANA_DESA:
                label = activity.source_label
                others[label] = others.get(label, Decimal(0)) + activity.cost
        if others:
            parts = [
                f"{_source_words(label)} sebesar {rupiah_with_words(cost)}"
                for label, cost in others.items()
            ]
            money += ", serta dari " + join_words(parts)
    return (
        "Usulan kegiatan konvergensi pencegahan dan penurunan stunting yang disepakati untuk "
        f"dimuat dalam {RKP_DESA} Tahun {year} berjumlah {count} ({terbilang(count)}) kegiatan "
        f"{money}, sebagaimana tercantum dalam Usulan Kegiatan terlampir."
    )


def _source_words(label: str) -> str:
    """'Alokasi Dana Desa (ADD)' for ADD; other sources as they are named."""
    return "Alokasi Dana Desa (ADD)" if label == FundingSource.ADD.value else label
