"""The agreement (kesepakatan, komitmen or pernyataan bersama) and its numbered pledges."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from .base import Choice, Day, OptionalText, Percent, StrictModel, Text
from .number_parts import NumberParts
from .people import Signatory


class AgreementKind(Choice):
    """Title wording of the agreement."""

    KESEPAKATAN = "Kesepakatan Bersama"
    KOMITMEN = "Komitmen Bersama"
    PERNYATAAN = "Pernyataan Bersama"


class Pledge(StrictModel):
    """One numbered statement of the agreement."""

    text: Text = Field(
        description="The statement, e.g. 'Desa yang ditetapkan sebagai Desa Lokus ...'."
    )
    items: list[Text] = Field(
        default_factory=list, description="Lettered sub-items (A), (B), (C) under the statement."
    )
    responsible: OptionalText = Field(
        default=None, description="Office responsible for carrying it out, e.g. 'Dinas Kesehatan'."
    )


class Agreement(StrictModel):
    """Settings and content of the agreement document."""

    kind: AgreementKind = Field(
        default=AgreementKind.KESEPAKATAN,
        description="'Kesepakatan Bersama', 'Komitmen Bersama' or 'Pernyataan Bersama'.",
    )
    subject: Text = Field(
        default="Percepatan Penurunan Stunting",
        description="What the agreement is about; printed after 'TENTANG' in the title.",
    )
    number: OptionalText = Field(
        default=None,
        description="Nomor as printed, e.g. '050/123/BAPPEDA/VII/2022'; wins over 'numbering'.",
    )
    numbering: NumberParts | None = Field(
        default=None,
        description="Parts of the nomor, joined by the format pack's numbering pattern.",
    )
    place: OptionalText = Field(
        default=None, description="Place of signing, e.g. 'Kupang'; defaults to the region's name."
    )
    date: Day | None = Field(
        default=None, description="Date of signing; defaults to the event date."
    )
    dana_desa_min_share: Percent = Field(
        default=Decimal(20),
        description=(
            "Minimum share of Dana Desa for stunting that this agreement commits to (a local "
            "commitment, not a national rule); village allocations are checked against it."
        ),
    )
    pledges: list[Pledge] = Field(min_length=1, description="The numbered statements, in order.")
    acknowledged_by: Signatory | None = Field(
        default=None,
        description=(
            "Who acknowledges the agreement ('Mengetahui,') under the signatures of the "
            "kesepakatan and of the lembar tanda tangan, e.g. the Bupati when the Sekda and the "
            "heads of office sign; printed as Pasal 44 says. Omit for none."
        ),
    )
    closing: OptionalText = Field(
        default=None,
        description=(
            "Closing sentence; '{kind}' becomes the agreement's title wording in lower case. "
            "Omit it for the format pack's (wording 'kesepakatan.penutup')."
        ),
    )
