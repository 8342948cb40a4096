"""People on the documents: signatories (Permendagri 1/2023 Pasal 44 rules) and attendees."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..errors import FieldValueError
from ..indonesian import nip_messages
from ..messages import Message, invalid
from .base import Choice, OptionalText, StrictModel, Text


class Role(Choice):
    """Which line of Pasal 44 a signatory falls under; decides gelar, pangkat and NIP lines."""

    KEPALA_DAERAH = "kepala_daerah"
    WAKIL_KEPALA_DAERAH = "wakil_kepala_daerah"
    SEKDA = "sekda"
    ACTING_HEAD = "acting_head"
    ASN = "asn"
    NON_ASN = "non_asn"


class Sex(StrEnum):
    """L (laki-laki) or P (perempuan), as attendance lists count them."""

    L = "L"
    P = "P"


_SEX_WORDS = {
    "l": Sex.L,
    "lk": Sex.L,
    "laki": Sex.L,
    "lakilaki": Sex.L,
    "pria": Sex.L,
    "male": Sex.L,
    "m": Sex.L,
    "p": Sex.P,
    "pr": Sex.P,
    "perempuan": Sex.P,
    "wanita": Sex.P,
    "female": Sex.P,
    "f": Sex.P,
}


def _sex_value(value: Any) -> Any:
    if isinstance(value, str):
        key = "".join(ch for ch in value.casefold() if ch.isalpha())
        if not key:
            return None
        if key in _SEX_WORDS:
            return _SEX_WORDS[key]
        raise invalid("model.attendee.sex", value=value)
    return value


_NO_NIP_ROLES = {Role.KEPALA_DAERAH, Role.WAKIL_KEPALA_DAERAH, Role.NON_ASN}
_HIDDEN_NIP_ROLES = {Role.KEPALA_DAERAH, Role.WAKIL_KEPALA_DAERAH, Role.SEKDA, Role.ACTING_HEAD}


EXCEL_DIGITS = 15
"""Digits a spreadsheet number keeps: an 18-digit NIP stored as a number has lost its last ones."""
_EXPONENT = re.compile(r"\s*\d(?:[.,]\d+)?[eE]\+?\d+\s*")


def nip_stored_as_number(value: Any) -> bool:
    """Whether an NIP cell or value is a number a spreadsheet has already rounded (a float, or
    its text such as '1,97203E+17'): it is refused, never guessed."""
    return isinstance(value, float) or (
        isinstance(value, str)
        and ("e" in value or "E" in value)  # what the pattern needs, looked for first
        and _EXPONENT.fullmatch(value) is not None
    )


def _nip_value(value: Any) -> Any:
    if nip_stored_as_number(value):
        raise invalid("model.nip.stored_as_number", value=value, digits=EXCEL_DIGITS)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        stripped = value.replace(" ", "").replace(".", "")
        if stripped.upper().startswith("NIP"):
            stripped = stripped[3:]
        return stripped or None
    return value


def _check_nip(value: str | None) -> str | None:
    if value is None:
        return None
    problems = nip_messages(value)
    if problems:
        raise invalid("model.nip", nip=value, problems=problems)
    return value


class Person(StrictModel):
    """Fields every person on a document has."""

    name: Text = Field(description="Full name without academic titles, e.g. 'Maria Lenggu'.")
    title_prefix: OptionalText = Field(
        default=None,
        description="Academic or professional title before the name (gelar depan), e.g. 'dr.' or 'Ir.'.",
    )
    title_suffix: OptionalText = Field(
        default=None,
        description="Academic titles after the name (gelar belakang), e.g. 'S.KM., M.Kes.'.",
    )
    position: OptionalText = Field(
        default=None, description="Jabatan, e.g. 'Kepala Dinas Kesehatan'."
    )
    institution: OptionalText = Field(
        default=None,
        description="Instansi or organisation, e.g. 'Dinas Kesehatan Kabupaten Kupang'.",
    )
    nip: str | None = Field(
        default=None,
        description="NIP of a civil servant (PNS): 18 digits, spaces allowed ('19680411 199303 1 009').",
    )
    example: bool = Field(
        default=False,
        description="True when the name is invented for a sample; rendering warns so that it is replaced.",
    )

    _normalise_nip = field_validator("nip", mode="before")(_nip_value)

    @field_validator("nip")
    @classmethod
    def _valid_nip(cls, value: str | None) -> str | None:
        return _check_nip(value)

    def full_name(self, *, with_titles: bool = True) -> str:
        """The name as printed: 'dr. Maria Lenggu, M.Kes.' with titles, else the bare name."""
        if not with_titles:
            return self.name
        text = self.name
        if self.title_prefix:
            text = f"{self.title_prefix} {text}"
        if self.title_suffix:
            text = f"{text}, {self.title_suffix}"
        return text


class Signatory(Person):
    """Someone who signs the agreement, the berita acara or the minutes."""

    position: Text = Field(
        description="Jabatan as it stands above the signature, e.g. 'Kepala Dinas Kesehatan'."
    )
    rank: OptionalText = Field(
        default=None,
        description="Pangkat/golongan, e.g. 'Pembina Utama Muda (IV/c)'; printed for ASN only.",
    )
    role: Role = Field(
        default=Role.ASN,
        description=(
            "kepala_daerah, wakil_kepala_daerah, sekda, acting_head (Pj/Plt/Plh of the kepala daerah "
            "or sekda), asn (other civil servants: NIP required) or non_asn (DPRD, kepala desa, "
            "community, private sector: no NIP)."
        ),
    )
    party: OptionalText = Field(
        default=None,
        description="The side the signatory speaks for, e.g. 'Pemerintah Daerah' or 'DPRD'.",
    )

    @model_validator(mode="after")
    def _pasal_44(self) -> Signatory:
        if self.role in _NO_NIP_ROLES and self.nip:
            raise FieldValueError(
                "nip", Message("model.signatory.nip_not_shown", role=self.role.value)
            )
        if self.role is Role.ASN and not self.nip:
            raise FieldValueError("nip", Message("model.signatory.asn_needs_nip"))
        return self

    @property
    def shows_titles(self) -> bool:
        """Pj/Plt/Plh of the kepala daerah or sekda sign without gelar (Pasal 44 (4) and (5))."""
        return self.role is not Role.ACTING_HEAD

    @property
    def shows_nip(self) -> bool:
        """Only ASN below the sekda print pangkat and NIP (Pasal 44 (3))."""
        return self.role not in _HIDDEN_NIP_ROLES and self.nip is not None

    def printed_name(self) -> str:
        """The name under the signature, titles applied as Pasal 44 says."""
        return self.full_name(with_titles=self.shows_titles)


class Attendee(Person):
    """Someone on the attendance list (daftar hadir)."""

    phone: OptionalText = Field(
        default=None, description="Mobile number for the 'No. HP' column, e.g. '0812 3456 7890'."
    )
    unsur: OptionalText = Field(
        default=None,
        description=(
            "The group the attendee stands for, e.g. 'OPD', 'DPRD', 'Kecamatan', 'Desa', "
            "'Masyarakat'; exports count attendance by it."
        ),
    )
    sex: Sex | None = Field(
        default=None,
        description="L or P (laki-laki, perempuan); exports count attendance by it.",
    )

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, value: Any) -> Any:
        return _sex_value(value)
