"""The desa section: who leads the desa, its Dana Desa ceiling and the convergence activities it proposes."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..indonesian import round_half_up
from ..messages import invalid
from .base import Money, Number, OptionalText, StrictModel, Text, Year
from .people import Signatory


class FundingSource(StrEnum):
    """Where the money of an activity comes from; only Dana Desa counts towards the share."""

    DANA_DESA = "Dana Desa"
    ADD = "ADD"
    LAINNYA = "Lainnya"


_SOURCE_ALIASES: dict[str, FundingSource] = {
    "danadesa": FundingSource.DANA_DESA,
    "dd": FundingSource.DANA_DESA,
    "add": FundingSource.ADD,
    "alokasidanadesa": FundingSource.ADD,
    "lainnya": FundingSource.LAINNYA,
    "lain": FundingSource.LAINNYA,
    "lainlain": FundingSource.LAINNYA,
}


def _source_value(value: Any) -> Any:
    """'Dana Desa', 'DD', 'ADD', 'Alokasi Dana Desa', 'lainnya' in any case and spacing."""
    if isinstance(value, str):
        key = re.sub(r"[\s._\-]+", "", value).casefold()
        if key in _SOURCE_ALIASES:
            return _SOURCE_ALIASES[key]
        raise invalid("model.village.source", value=value)
    return value


Source = Annotated[FundingSource, BeforeValidator(_source_value)]

SHARE_DECIMALS = 2
"""Decimals of the printed share; it is rounded down so that it is never shown above the truth."""


class Activity(StrictModel):
    """One proposed convergence activity (kegiatan) for the RKP Desa."""

    name: Text = Field(
        description="The activity, e.g. 'Pemberian makanan tambahan (PMT) lokal bagi balita gizi kurang'."
    )
    target_group: OptionalText = Field(
        default=None,
        description="Who it serves (sasaran), e.g. 'Ibu hamil KEK', 'Baduta', 'Remaja putri'.",
    )
    volume: Number | None = Field(
        default=None, gt=0, description="How much, e.g. 20 (with unit 'orang') or 2,5."
    )
    unit: OptionalText = Field(
        default=None, description="Unit of the volume (satuan), e.g. 'orang', 'paket', 'unit'."
    )
    cost: Money = Field(description="Cost in rupiah, e.g. 18000000 or 'Rp18.000.000,00'.")
    source: Source = Field(
        default=FundingSource.DANA_DESA,
        description="Funding source: 'Dana Desa' (or DD), 'ADD' (Alokasi Dana Desa) or 'Lainnya'.",
    )
    source_name: OptionalText = Field(
        default=None,
        description="Name of another source, printed instead of 'Lainnya', e.g. 'PADes' or 'BKK Provinsi'.",
    )

    @property
    def source_label(self) -> str:
        """The source as printed: 'Dana Desa', 'ADD', or the other source's name."""
        if self.source is FundingSource.LAINNYA and self.source_name:
            return self.source_name
        return self.source.value


class Village(StrictModel):
    """What a desa's rembuk adds: its leaders, its Dana Desa ceiling and its proposed activities.

    The money for stunting is the Dana Desa share: ``stunting_allocation`` when given, else the sum
    of the Dana Desa-funded activities. When both are given they must be equal (a check reports a
    difference); activities funded by ADD or other sources are listed but never counted.
    """

    kepala_desa: Signatory = Field(
        description="The kepala desa (role non_asn), who leads the rembuk and signs its documents."
    )
    bpd_chair: Signatory | None = Field(
        default=None,
        description="Ketua Badan Permusyawaratan Desa (BPD), who signs with the kepala desa.",
    )
    kpm: Signatory | None = Field(
        default=None,
        description="The Kader Pembangunan Manusia (KPM) who facilitates the rembuk; the default notulis.",
    )
    pagu_dana_desa: Money = Field(
        gt=0, description="The desa's Dana Desa ceiling (pagu) for the fiscal year, in rupiah."
    )
    stunting_allocation: Money | None = Field(
        default=None,
        description=(
            "Dana Desa allocated to stunting convergence activities (alokasi_stunting); omit it to "
            "take the sum of the Dana Desa-funded activities."
        ),
    )
    fiscal_year: Year | None = Field(
        default=None,
        description=(
            "Tahun anggaran of the pagu and of the RKP Desa the activities go into; default the year "
            "after the rembuk (the RKP Desa of year n+1 is drawn up in year n)."
        ),
    )
    activities: list[Activity] = Field(
        default_factory=list,
        description="Proposed convergence activities (usulan kegiatan) for the RKP Desa, in order.",
    )
    blank_rows: int = Field(
        default=10,
        ge=1,
        le=200,
        description=(
            "Numbered empty rows of the usulan kegiatan when no activities are listed: a form "
            "filled in at the rembuk."
        ),
    )

    def dana_desa_activities_total(self) -> Decimal:
        """Sum of the costs of the activities funded by Dana Desa (0 when none)."""
        return sum(
            (a.cost for a in self.activities if a.source is FundingSource.DANA_DESA), Decimal(0)
        )

    def activities_total(self) -> Decimal:
        """Sum of the costs of every activity, whatever its source."""
        return sum((a.cost for a in self.activities), Decimal(0))

    def stunting_funds(self) -> Decimal:
        """Dana Desa for stunting: the stated allocation, else the Dana Desa activities' total."""
        if self.stunting_allocation is not None:
            return self.stunting_allocation
        return self.dana_desa_activities_total()

    def share(self) -> Decimal:
        """The exact share of the pagu for stunting, in percent (unrounded)."""
        return self.stunting_funds() * 100 / self.pagu_dana_desa

    def printed_share(self) -> Decimal:
        """The share as the documents print it: rounded half up to two decimals on the Decimal
        (195 of 800 -> 24,38%). A share below the agreement's minimum is refused before any
        document is made, so rounding up never shows a shortfall as met (see shortfall_share)."""
        return round_half_up(self.share(), SHARE_DECIMALS)

    def shortfall_share(self) -> Decimal:
        """The share as the message about a shortfall prints it: rounded down, so 19,996% below a
        20% minimum reads 19,99%, never the 20% it misses."""
        return self.share().quantize(Decimal(1).scaleb(-SHARE_DECIMALS), rounding=ROUND_DOWN)

    def meets(self, minimum: Decimal) -> bool:
        """Whether the share reaches ``minimum`` percent (compared exactly, not after rounding)."""
        return self.stunting_funds() * 100 >= minimum * self.pagu_dana_desa
