"""The integrated intervention plan (rencana kegiatan intervensi terintegrasi) agreed at a rembuk.

One row per programme / kegiatan / sub kegiatan of an OPD, with its intervention type, sasaran,
indicator, target, lokasi, pagu and sumber dana (domain.md 6.1). It goes into the RKPD and each
Renja OPD; the documents print it as the matrix lampiran of the kesepakatan.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..messages import invalid
from .base import Money, Number, OptionalText, StrictModel, Text, Year
from .people import Signatory


class Intervention(StrEnum):
    """The kind of intervention a row belongs to (Perpres 72/2021: spesifik, sensitif)."""

    SPESIFIK = "spesifik"
    SENSITIF = "sensitif"
    PENDUKUNG = "pendukung"


def _intervention(value: Any) -> Any:
    """'Spesifik', 'gizi spesifik', 'Intervensi Sensitif', 'pendukung' in any case and spacing."""
    if isinstance(value, str):
        key = re.sub(r"[\s._\-]+", " ", value).strip().casefold()
        key = key.removeprefix("intervensi ").removeprefix("gizi ").strip()
        for kind in Intervention:
            if key == kind.value:
                return kind
        raise invalid("model.plan.intervention", value=value)
    return value


InterventionKind = Annotated[Intervention, BeforeValidator(_intervention)]


class PlannedActivity(StrictModel):
    """One row of the plan: a programme, kegiatan or sub kegiatan of one OPD."""

    opd: Text = Field(description="The OPD responsible, e.g. 'Dinas Kesehatan'.")
    program: Text = Field(description="The programme (nomenklatur Permendagri 90/2019).")
    activity: OptionalText = Field(default=None, description="The kegiatan under the programme.")
    sub_activity: OptionalText = Field(default=None, description="The sub kegiatan.")
    intervention: InterventionKind = Field(
        default=Intervention.SPESIFIK, description="spesifik, sensitif or pendukung."
    )
    target_group: OptionalText = Field(
        default=None, description="Sasaran, e.g. 'Ibu hamil KEK', 'Baduta'."
    )
    indicator: OptionalText = Field(default=None, description="The indikator kinerja.")
    target: Number | None = Field(default=None, ge=0, description="Target volume, e.g. 250.")
    unit: OptionalText = Field(default=None, description="Satuan of the target, e.g. 'orang'.")
    location: OptionalText = Field(
        default=None, description="Lokasi: the desa/kelurahan lokus, e.g. '10 desa lokus'."
    )
    budget: Money = Field(description="Pagu in rupiah, e.g. 1250000 or 'Rp1.250.000'.")
    funding_source: OptionalText = Field(
        default=None, description="Sumber dana, e.g. 'APBD', 'DAK Non Fisik', 'Dana Desa'."
    )
    example: bool = Field(default=False, description="The row is invented (a sample).")

    @property
    def name_lines(self) -> tuple[str, ...]:
        """Programme, kegiatan and sub kegiatan, the ones given, in that order."""
        return tuple(p for p in (self.program, self.activity, self.sub_activity) if p)


class ActivityPlan(StrictModel):
    """The ``rencana_kegiatan:`` section: the rows and how the matrix is titled and signed."""

    year: Year | None = Field(
        default=None,
        description="Tahun rencana (RKPD / Renja); default: the year after the rembuk.",
    )
    title: OptionalText = Field(
        default=None,
        description="Title of the matrix; default the pack's 'rencana_kegiatan.judul'.",
    )
    acknowledged_by: Signatory | None = Field(
        default=None,
        description=(
            "Who signs 'Mengetahui,' under the matrix; default: the signatory the pack names "
            "(the Bupati/Wali Kota, or the Ketua TPPS)."
        ),
    )
    place: OptionalText = Field(
        default=None, description="Where it is signed; default as the kesepakatan."
    )
    items: list[PlannedActivity] = Field(
        default_factory=list, max_length=100_000, description="The rows of the plan."
    )

    def total(self) -> Decimal:
        """The sum of every row's pagu."""
        return sum((item.budget for item in self.items), Decimal(0))

    def by_opd(self) -> list[tuple[str, list[PlannedActivity]]]:
        """The rows grouped by OPD, in the order each OPD first appears."""
        groups: dict[str, list[PlannedActivity]] = {}
        names: dict[str, str] = {}
        for item in self.items:
            key = " ".join(item.opd.split()).casefold()
            names.setdefault(key, item.opd)
            groups.setdefault(key, []).append(item)
        return [(names[key], rows) for key, rows in groups.items()]

    @property
    def has_examples(self) -> bool:
        """True when any row is marked as an example."""
        return any(item.example for item in self.items)
