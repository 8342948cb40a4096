"""Sentences about a desa's Dana Desa for stunting, shared by the desa's documents.

Their words are the pack's ('dana-desa.*' keys); this module computes the figures they state.
"""

from __future__ import annotations

from decimal import Decimal

from ..indonesian import persen, rupiah_with_words
from ..model import FundingSource, Rembuk, Village
from ..model.village import SHARE_DECIMALS
from .wording import Wording

WORDING = (
    "dana-desa.rkp_desa",
    "dana-desa.porsi",
    "dana-desa.janji_alokasi",
    "dana-desa.kegiatan_kosong",
    "dana-desa.kegiatan",
    "dana-desa.sumber_lain",
    "dana-desa.sumber_add",
)
"""The wording keys this module uses."""


def fiscal_year(rembuk: Rembuk, village: Village) -> int:
    """Tahun anggaran of the pagu and the RKP Desa: as given, else the year after the rembuk."""
    return village.fiscal_year or rembuk.event.date.year + 1


def share_phrase(say: Wording, village: Village) -> str:
    """'Rp45.000.000,00 (empat puluh lima juta rupiah) atau 25% dari pagu Dana Desa Tahun
    Anggaran 2025 sebesar Rp180.000.000,00 (seratus delapan puluh juta rupiah)'."""
    return say.paragraph(
        "dana-desa.porsi",
        dana=rupiah_with_words(village.stunting_funds()),
        persen=persen(village.printed_share(), SHARE_DECIMALS, fixed=True),
        tahun_anggaran=fiscal_year(say.rembuk, village),
        pagu=rupiah_with_words(village.pagu_dana_desa),
    )


def allocation_pledge(say: Wording, village: Village) -> str:
    """The pledge a desa's agreement ends with: how much Dana Desa goes to stunting."""
    return say.paragraph(
        "dana-desa.janji_alokasi",
        porsi=share_phrase(say, village),
        rkp_desa=say.paragraph("dana-desa.rkp_desa"),
        tahun_anggaran=fiscal_year(say.rembuk, village),
    )


def extra_pledges(say: Wording) -> list[str]:
    """Pledges the agreement carries after its own: a desa's allocation pledge, else none."""
    village = say.rembuk.village
    return [allocation_pledge(say, village)] if village is not None else []


def pledge_count(rembuk: Rembuk) -> int:
    """How many numbered pledges the agreement document shows."""
    return len(rembuk.agreement.pledges) + (1 if rembuk.village is not None else 0)


def activities_sentence(say: Wording, village: Village) -> str:
    """What the berita acara and the notulen record about the agreed activities and their money."""
    year = fiscal_year(say.rembuk, village)
    values = {
        "tahun_anggaran": year,
        "rkp_desa": say.paragraph("dana-desa.rkp_desa"),
        "porsi": share_phrase(say, village),
    }
    count = len(village.activities)
    if not count:
        return say.paragraph("dana-desa.kegiatan_kosong", **values)
    total = village.activities_total()
    others: dict[str, Decimal] = {}
    for activity in village.activities:
        if activity.source is not FundingSource.DANA_DESA:
            label = activity.source_label
            others[label] = others.get(label, Decimal(0)) + activity.cost
    return say.paragraph(
        "dana-desa.kegiatan",
        **values,
        jumlah=count,
        biaya=rupiah_with_words(total),
        seluruhnya_dana_desa=total == village.stunting_funds(),
        persen=persen(village.printed_share(), SHARE_DECIMALS, fixed=True),
        pagu=rupiah_with_words(village.pagu_dana_desa),
        sumber_lain=[
            say.paragraph(
                "dana-desa.sumber_lain",
                sumber=_source_words(say, label),
                besaran=rupiah_with_words(cost),
            )
            for label, cost in others.items()
        ],
    )


def _source_words(say: Wording, label: str) -> str:
    """'Alokasi Dana Desa (ADD)' for ADD; other sources as they are named."""
    if label == FundingSource.ADD.value:
        return say.paragraph("dana-desa.sumber_add")
    return label
