"""The berita acara (official record of the rembuk): title, nomor, attachments, parties and witnesses."""

from __future__ import annotations

from pydantic import Field

from .base import Choice, OptionalText, StrictModel, Text
from .number_parts import NumberParts
from .people import Signatory


class PledgePlacement(Choice):
    """Where the berita acara states the agreed pledges."""

    INLINE = "inline"
    LAMPIRAN = "lampiran"


class OfficialRecord(StrictModel):
    """Settings and content of the berita acara; everything else comes from the event and agreement."""

    title: OptionalText = Field(
        default=None,
        description=(
            "Title, printed in capitals; omit it for the format pack's (wording "
            "'berita-acara.nama', 'Berita Acara Hasil Kesepakatan Rembuk Stunting')."
        ),
    )
    subtitle: OptionalText = Field(
        default=None,
        description=(
            "Second title line; defaults to the format pack's (wording 'berita-acara.subjudul': "
            "the region and year, e.g. 'Kabupaten Kupang Tahun 2022')."
        ),
    )
    number: OptionalText = Field(
        default=None, description="Nomor of the berita acara, e.g. '050/126/BAPPEDA/VII/2022'."
    )
    numbering: NumberParts | None = Field(
        default=None,
        description="Parts of the berita acara's nomor, joined by the format pack's pattern.",
    )
    place: OptionalText = Field(
        default=None,
        description="Place written before the date of signing; defaults to the agreement's place.",
    )
    activity: OptionalText = Field(
        default=None,
        description=(
            "What was carried out, after 'telah dilaksanakan'; defaults to the event name, e.g. "
            "'penilaian pelaksanaan 8 aksi konvergensi percepatan penurunan stunting'."
        ),
    )
    pledges: PledgePlacement = Field(
        default=PledgePlacement.INLINE,
        description=(
            "inline: the pledges are listed in the body; lampiran: the body refers to them and "
            "they follow on a lampiran page of the berita acara."
        ),
    )
    attachments: list[Text] | None = Field(
        default=None,
        description=(
            "The list of attachments. Omit it for the default (the agreement, the minutes when "
            "given, the attendance list); [] prints no list."
        ),
    )
    parties: list[Signatory] = Field(
        default_factory=list,
        description=(
            "Who signs the berita acara. Omit it for the default: the head of the organising "
            "office among the signatories (else the first civil servant) as 'Yang membuat berita "
            "acara'; in a desa the first two signatories."
        ),
    )
    parties_heading: OptionalText = Field(
        default=None,
        description=(
            "Line above the parties' signatures; omit it for the format pack's (wording "
            "'berita-acara.para_pihak', 'Yang bersepakat,', when parties are given, else "
            "'berita-acara.pembuat', 'Yang membuat berita acara,')."
        ),
    )
    witnesses: list[Signatory] | None = Field(
        default=None,
        description=(
            "Who acknowledges it (Mengetahui), signing under the parties. Omit it for the "
            "default: the kepala daerah, else the wakil, else the sekda among the signatories; "
            "[] for nobody."
        ),
    )
    witnesses_heading: OptionalText = Field(
        default=None,
        description=(
            "Line above the witnesses' signatures, e.g. 'Dilakukan dihadapan,'; omit it for the "
            "format pack's (wording 'berita-acara.saksi', 'Mengetahui,')."
        ),
    )
    copies: int | None = Field(
        default=None, ge=1, le=20, description="Number of copies (rangkap) it is made in."
    )
    closing: OptionalText = Field(
        default=None,
        description=(
            "Closing sentence; '{rangkap}' becomes ' dalam rangkap 3 (tiga)' when copies is set. "
            "Omit it for the format pack's (wording 'berita-acara.penutup')."
        ),
    )
