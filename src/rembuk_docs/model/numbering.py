"""The parts of a document number (nomor) that a definition gives; the pack's pattern joins them."""

from __future__ import annotations

from pydantic import Field

from .base import OptionalText, StrictModel, Text


class NumberParts(StrictModel):
    """Klasifikasi, nomor urut and unit code of a nomor; month and year come from the document's date."""

    klasifikasi: Text = Field(
        description="Kode klasifikasi arsip (Permendagri 83/2022), e.g. '440' or '000.8.3.3'."
    )
    urut: Text = Field(description="Nomor urut in the issuing office's register, e.g. '125'.")
    unit: OptionalText = Field(
        default=None,
        description="Unit code, e.g. 'BAPPEDA'; defaults to organizer.unit_code.",
    )
