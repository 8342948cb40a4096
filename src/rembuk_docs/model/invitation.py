"""The invitation (undangan) to the rembuk: nomor, sifat, hal, who signs it and who is invited."""

from __future__ import annotations

from pydantic import Field

from .base import Day, OptionalText, StrictModel, Text
from .number_parts import NumberParts
from .people import Signatory


class Invitation(StrictModel):
    """The letter inviting the participants (korespondensi shape, domain.md 1.1)."""

    number: OptionalText = Field(
        default=None,
        description="Nomor as printed, e.g. '005/123/BAPPEDA/VII/2022'; wins over 'numbering'.",
    )
    numbering: NumberParts | None = Field(
        default=None,
        description=(
            "Parts of the nomor, joined by the format pack's numbering pattern; without number "
            "or numbering a dotted blank is printed to fill in by hand."
        ),
    )
    date: Day | None = Field(
        default=None,
        description=(
            "Date of the letter, on or before the event; omitted, the date line is left blank "
            "to fill in by hand."
        ),
    )
    place: OptionalText = Field(
        default=None,
        description="Place before the date, e.g. 'Oelamasi'; defaults to the agreement's place.",
    )
    nature: OptionalText = Field(
        default=None,
        description="Sifat, e.g. 'Biasa' or 'Penting'; omit it for the pack's (wording 'undangan.sifat').",
    )
    subject: OptionalText = Field(
        default=None,
        description=(
            "Hal, e.g. 'Undangan Rembuk Stunting'; omit it for the pack's ('Undangan' and the "
            "event's name, wording 'undangan.hal')."
        ),
    )
    agenda: OptionalText = Field(
        default=None, description="What stands after 'Acara :'; defaults to the event's name."
    )
    signatory: Signatory = Field(description="Who signs the invitation.")
    addressees: list[Text] = Field(
        default_factory=list,
        description=(
            "Who the letter is addressed to, after 'Yth.'. More than five are listed on a "
            "lampiran ('daftar terlampir'); when empty, the attendees become that lampiran."
        ),
    )
