"""The parts of a document number (nomor) that a definition gives; the pack's pattern joins them."""

from __future__ import annotations

from pydantic import Field

from .base import OptionalText, StrictModel


class NumberParts(StrictModel):
    """Klasifikasi, nomor urut and unit code of a nomor; month and year come from the document's date."""

    klasifikasi: OptionalText = Field(
        default=None,
        description=(
            "Kode klasifikasi arsip (Permendagri 83/2022), e.g. '440' or '000.8.3.3'; left out, "
            "a dotted blank is printed in its place."
        ),
    )
    urut: OptionalText = Field(
        default=None,
        description=(
            "Nomor urut in the issuing office's register, e.g. '125'; left out (not yet "
            "registered), a dotted blank is printed to fill in by hand."
        ),
    )
    unit: OptionalText = Field(
        default=None,
        description="Unit code, e.g. 'BAPPEDA'; defaults to organizer.unit_code.",
    )
