"""Where the rembuk happens: the region and the office that organises it (its kop)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..errors import FieldValueError
from ..messages import Message, invalid
from .base import Choice, OptionalText, StrictModel, Text


class RegionKind(Choice):
    """Level of the government holding the rembuk."""

    KABUPATEN = "kabupaten"
    KOTA = "kota"
    DESA = "desa"
    KELURAHAN = "kelurahan"


class Region(StrictModel):
    """The kabupaten/kota, or the desa with its kecamatan and kabupaten."""

    kind: RegionKind = Field(description="kabupaten, kota, desa or kelurahan.")
    name: Text = Field(description="Name without its kind, e.g. 'Kupang' or 'Kayong Utara'.")
    province: Text = Field(description="Province, e.g. 'Nusa Tenggara Timur'.")
    kecamatan: OptionalText = Field(default=None, description="Kecamatan of a desa or kelurahan.")
    kabupaten: OptionalText = Field(
        default=None,
        description="Kabupaten or kota of a desa or kelurahan, e.g. 'Kabupaten Kupang'.",
    )

    @model_validator(mode="before")
    @classmethod
    def _without_kind_words(cls, data: Any) -> Any:
        """'Desa Oelnasi' and 'Kecamatan Kupang Tengah' lose the kind word the kop prints anyway."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        name, kind = data.get("name"), str(data.get("kind", "")).strip().casefold()
        if kind in ("desa", "kelurahan") and isinstance(name, str):
            data["name"] = re.sub(rf"(?i)^{kind}\s+(?=\S)", "", name.strip())
        kecamatan = data.get("kecamatan")
        if isinstance(kecamatan, str):
            data["kecamatan"] = re.sub(r"(?i)^kecamatan\s+(?=\S)", "", kecamatan.strip())
        return data

    @model_validator(mode="after")
    def _village_needs_parents(self) -> Region:
        if self.kind in (RegionKind.DESA, RegionKind.KELURAHAN) and not (
            self.kecamatan and self.kabupaten
        ):
            missing = "kecamatan" if not self.kecamatan else "kabupaten"
            raise FieldValueError(
                missing, Message("model.region.village_parents", kind=self.kind.value)
            )
        return self

    @field_validator("kabupaten")
    @classmethod
    def _kabupaten_with_its_kind(cls, value: str | None) -> str | None:
        if value and not re.match(r"(?i)(kabupaten|kota)\s", value):
            raise invalid("model.region.kabupaten_kind", value=value)
        return value

    @property
    def title(self) -> str:
        """'Kabupaten Kupang', 'Kota Bontang', 'Desa Oelnasi'."""
        return f"{self.kind.value.capitalize()} {self.name}"

    @property
    def government(self) -> str:
        """'Pemerintah Kabupaten Kupang'."""
        return f"Pemerintah {self.title}"

    @property
    def head_title(self) -> str:
        """Title of the head of the region: Bupati, Wali Kota, Kepala Desa or Lurah."""
        return {
            RegionKind.KABUPATEN: "Bupati",
            RegionKind.KOTA: "Wali Kota",
            RegionKind.DESA: "Kepala Desa",
            RegionKind.KELURAHAN: "Lurah",
        }[self.kind]


class Organizer(StrictModel):
    """The office (perangkat daerah) whose letterhead the documents carry."""

    name: Text = Field(
        description="Office name in full, not abbreviated, e.g. 'Badan Perencanaan Pembangunan Daerah'."
    )
    address: OptionalText = Field(default=None, description="Street address with postcode.")
    phone: OptionalText = Field(default=None, description="Telephone (and fax).")
    email: OptionalText = Field(default=None, description="E-mail address.")
    website: OptionalText = Field(default=None, description="Website.")
    unit_code: OptionalText = Field(
        default=None, description="Short unit code used in a nomor, e.g. 'BAPPEDA'."
    )
