"""Pieces every document shares: the letterhead, signature blocks, the title and figures as text."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..errors import DefinitionError, Problem
from ..formats.numbering import DEFINITION_FIELDS, format_number, pattern_fields
from ..formats.pack import FormatPack
from ..indonesian import format_nip, join_words, persen, tanggal
from ..model import NumberParts, PriorityVillages, RegionKind, Rembuk, Scope, Signatory
from .blocks import KopLine, Letterhead, SignatureBlock

if TYPE_CHECKING:
    from .wording import Wording

__all__ = [
    "document_number",
    "join_words",
    "kop_lines",
    "letterhead",
    "place_and_date",
    "region_title",
    "signature_block",
    "situation_sentences",
]

KOP_WORDING = ("kop.kontak", "istilah.desa", "istilah.kecamatan")
"""The wording keys of the kop and of the region's name (every document's letterhead)."""
SITUATION_WORDING = (
    "situasi.prevalensi",
    "situasi.target",
    "situasi.target_daerah",
    "situasi.target_nasional",
    "situasi.lokus",
    "situasi.sasaran",
)
"""The wording keys of :func:`situation_sentences`."""


def region_title(rembuk: Rembuk, pack: FormatPack) -> str:
    """'Kabupaten Kupang', 'Kota Bontang', or 'Kampung X' where the pack calls a desa a kampung."""
    region = rembuk.region
    if region.kind is RegionKind.DESA:
        term = pack.say("istilah.desa").strip()
        return f"{term[:1].upper()}{term[1:]} {region.name}"
    return region.title


def _office_lines(rembuk: Rembuk, pack: FormatPack) -> list[KopLine]:
    """The office block of the kop: the definition's organizer, else the pack's office lines."""
    kop = pack.kop
    organizer = rembuk.organizer
    if organizer is not None:
        names: tuple[str, ...] = (organizer.name.upper(),)
        address, phone, email, website = (
            organizer.address,
            organizer.phone,
            organizer.email,
            organizer.website,
        )
    else:
        names, address, phone, email, website = (
            kop.office,
            kop.address,
            kop.phone,
            kop.email,
            kop.website,
        )
    lines = [KopLine(name, kop.office_size) for name in names]
    if not lines:
        return lines
    if address:
        lines.append(KopLine(address, kop.address_size, bold=False))
    contact = pack.say("kop.kontak", telepon=phone, email=email, laman=website).strip()
    if contact:
        lines.append(KopLine(contact, kop.address_size, bold=False))
    return lines


def kop_lines(rembuk: Rembuk, pack: FormatPack) -> tuple[KopLine, ...]:
    """The letterhead's lines (domain.md 1.6).

    The pack's fixed ``lines`` win. Otherwise: the pack's government line (else one made from the
    region, with the kecamatan line of a village), then the office block.
    """
    kop = pack.kop
    if kop.lines:
        return tuple(KopLine(line.text, line.size, line.bold) for line in kop.lines)
    office = _office_lines(rembuk, pack)
    if kop.government:
        return (KopLine(kop.government, kop.government_size), *office)
    region = rembuk.region
    lines: list[KopLine] = []
    if region.kabupaten:
        lines.append(KopLine(f"PEMERINTAH {region.kabupaten.upper()}", kop.government_size))
        if region.kecamatan:
            term = pack.say("istilah.kecamatan").strip().upper()
            lines.append(KopLine(f"{term} {region.kecamatan.upper()}", kop.government_size))
    # a desa kop has three tiers: PEMERINTAH KABUPATEN X / KECAMATAN Y / DESA Z (domain.md 1.6)
    title = region_title(rembuk, pack).upper()
    government = title if region.kabupaten else f"PEMERINTAH {title}"
    if not office:
        lines.append(KopLine(government, kop.office_size))
    else:
        if not region.kabupaten:
            lines.append(KopLine(government, kop.government_size))
        lines.extend(office)
    return tuple(lines)


def letterhead(rembuk: Rembuk, pack: FormatPack) -> Letterhead:
    """The kop block: its lines, the pack's logo and its placement, and the rule under it."""
    kop = pack.kop
    return Letterhead(
        lines=kop_lines(rembuk, pack),
        logo=pack.logo_bytes(),
        logo_width_cm=kop.logo_width_cm,
        rule=kop.rule,
        logo_placement=kop.logo_placement,
    )


def document_number(
    rembuk: Rembuk,
    pack: FormatPack,
    *,
    number: str | None,
    parts: NumberParts | None,
    day: date,
    location: str,
) -> str | None:
    """A document's nomor: ``number`` as written, else ``parts`` joined by the pack's pattern.

    ``location`` is the definition path of the section holding them (e.g. 'agreement'), for the
    error raised when the pattern needs a part the definition does not give. ``None`` when the
    document has no nomor.
    """
    if number:
        return number
    if parts is None:
        return None
    unit = parts.unit or (rembuk.organizer.unit_code if rembuk.organizer else None)
    values = {"klasifikasi": parts.klasifikasi, "urut": parts.urut, "unit": unit or ""}
    pattern = pack.numbering.pattern
    for name in pattern_fields(pattern):
        if name in DEFINITION_FIELDS and not values[name]:
            raise DefinitionError(
                [
                    Problem(
                        f"{location}.numbering.{name}",
                        f"the numbering pattern {pattern!r} of format pack {pack.slug!r} needs "
                        f"a {name}: set {location}.numbering.{name}"
                        + (" or organizer.unit_code" if name == "unit" else ""),
                    )
                ]
            )
    return format_number(pattern, values, day)


def signature_block(
    person: Signatory, pack: FormatPack, *, before: tuple[str, ...] = ()
) -> SignatureBlock:
    """A signature block following Pasal 44: jabatan with a comma, name, then pangkat and NIP for ASN."""
    above = (*before, f"{person.position},")
    below: list[str] = []
    if person.shows_nip and person.nip:
        if person.rank:
            below.append(person.rank)
        below.append(f"NIP. {format_nip(person.nip, grouped=pack.signature.nip_grouped)}")
    return SignatureBlock(
        above=above,
        name=person.printed_name(),
        below=tuple(below),
        name_bold=pack.signature.name_bold,
        name_underline=pack.signature.name_underline,
    )


def place_and_date(rembuk: Rembuk, place: str | None = None) -> str:
    """'Kupang, 25 Juli 2022': where and when the documents are signed."""
    agreement = rembuk.agreement
    where = place or agreement.place or rembuk.region.name
    when = agreement.date or rembuk.event.date
    return f"{where}, {tanggal(when)}"


def situation_sentences(say: Wording) -> list[str]:
    """Sentences stating prevalence, targets and priority villages, as far as they are given.

    Worded by the pack ('situasi.*'); villages whose term the definition leaves open take the
    pack's term for a desa (e.g. 'kampung'), and a desa is named with it.
    """
    rembuk = say.rembuk
    sentences: list[str] = []
    local = rembuk.latest_prevalence(Scope.DAERAH)
    national = rembuk.latest_prevalence(Scope.NASIONAL)
    if local is not None:
        earlier = rembuk.baseline(local.year)
        sentences.append(
            say.paragraph(
                "situasi.prevalensi",
                nilai=persen(local.value),
                sumber=local.source,
                tahun=local.year,
                sebelumnya_nilai=persen(earlier.value) if earlier else "",
                sebelumnya_sumber=earlier.source if earlier else "",
                sebelumnya_tahun=earlier.year if earlier else "",
                nasional_nilai=persen(national.value) if national else "",
                nasional_sumber=national.source if national else "",
                nasional_tahun=national.year if national else "",
            )
        )
    targets = rembuk.region_targets()
    if targets:
        parts = [
            say("situasi.target", nilai=persen(t.value), tahun=t.year, dasar="") for t in targets
        ]
        sentences.append(say.paragraph("situasi.target_daerah", targets=parts))
    national_targets = sorted(
        (t for t in rembuk.targets if t.scope is Scope.NASIONAL), key=lambda t: t.year
    )
    if national_targets:
        parts = [
            say("situasi.target", nilai=persen(t.value), tahun=t.year, dasar=t.basis or "")
            for t in national_targets
        ]
        sentences.append(say.paragraph("situasi.target_nasional", targets=parts))
    if rembuk.priority_villages:
        parts = [
            say(
                "situasi.lokus",
                jumlah=group.total,
                istilah=_village_term(group, say.pack),
                tahun=group.year,
            )
            for group in rembuk.priority_villages
        ]
        sentences.append(say.paragraph("situasi.sasaran", lokus=parts))
    return sentences


def _village_term(group: PriorityVillages, pack: FormatPack) -> str:
    if "term" in group.model_fields_set:
        return group.term
    return pack.say("istilah.desa").strip()
