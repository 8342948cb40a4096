"""Figures the agreement rests on: prevalence, targets and priority villages (lokus)."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..messages import invalid
from .base import Choice, OptionalText, Percent, StrictModel, Text, Year


class Scope(Choice):
    """Whose figure it is: the region of the rembuk, its province, or the nation."""

    DAERAH = "daerah"
    PROVINSI = "provinsi"
    NASIONAL = "nasional"


class Prevalence(StrictModel):
    """A stunting prevalence figure from a survey."""

    source: Text = Field(
        description="Survey: SSGI, SKI, SSGBI, Riskesdas, e-PPGBM, pendataan desa."
    )
    year: Year = Field(description="Survey year.")
    value: Percent = Field(description="Prevalence in percent, e.g. 24.7 or '24,7%'.")
    scope: Scope = Field(
        default=Scope.DAERAH, description="daerah (the region), provinsi or nasional."
    )


class Target(StrictModel):
    """A prevalence target for a year."""

    year: Year = Field(description="Year the target is for.")
    value: Percent = Field(description="Target prevalence in percent, e.g. 14.")
    scope: Scope = Field(
        default=Scope.DAERAH, description="daerah (the region's own target) or nasional."
    )
    basis: OptionalText = Field(
        default=None, description="Where the target comes from, e.g. 'Perpres 72/2021'."
    )


MAX_VILLAGES = 100_000
"""More villages than Indonesia has (about 84,000 desa and kelurahan)."""


class LokusVillage(StrictModel):
    """One priority village with the kecamatan it lies in."""

    name: Text = Field(description="The desa/kampung/kelurahan, e.g. 'Sutera'.")
    kecamatan: OptionalText = Field(
        default=None, description="Its kecamatan (distrik in Papua), e.g. 'Sukadana'."
    )
    example: bool = Field(default=False, description="Invented for a sample; replace it.")


class PriorityVillages(StrictModel):
    """The priority villages (desa/kampung/kelurahan lokus) for one year."""

    year: Year = Field(description="Year the villages are lokus for.")
    term: Text = Field(
        default="desa", description="What they are called here: desa, kampung or kelurahan."
    )
    count: int | None = Field(
        default=None, ge=1, le=MAX_VILLAGES, description="How many; may be given without names."
    )
    villages: list[Text] = Field(default_factory=list, description="Names of the villages.")
    decree: OptionalText = Field(
        default=None, description="The SK that set them, e.g. 'Keputusan Bupati ...'."
    )
    locations: list[LokusVillage] = Field(
        default_factory=list,
        max_length=MAX_VILLAGES,
        description=(
            "The villages with their kecamatan, for the lokus list (lampiran-lokus); their names "
            "fill 'villages' when that is not given."
        ),
    )
    example: bool = Field(
        default=False, description="The list of names is invented for a sample; replace it."
    )

    @model_validator(mode="after")
    def _count_or_names(self) -> PriorityVillages:
        if self.locations and not self.villages:
            self.__dict__["villages"] = [village.name for village in self.locations]
        elif self.locations and [v.name for v in self.locations] != self.villages:
            raise invalid("model.lokus.names_differ")
        if self.count is None and not self.villages:
            raise invalid("model.lokus.count_or_names")
        if self.count is not None and self.villages and self.count != len(self.villages):
            raise invalid("model.lokus.count_mismatch", count=self.count, named=len(self.villages))
        return self

    @property
    def total(self) -> int:
        """Number of villages, from the names when given."""
        return len(self.villages) if self.villages else int(self.count or 0)
