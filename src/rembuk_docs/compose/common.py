"""Pieces every document shares: the letterhead, signature blocks, the title and figures as text."""

from __future__ import annotations

from datetime import date

from ..errors import DefinitionError, Problem
from ..formats.numbering import DEFINITION_FIELDS, format_number, pattern_fields
from ..formats.pack import FormatPack
from ..indonesian import format_nip, join_words, persen, tanggal
from ..model import NumberParts, PriorityVillages, RegionKind, Rembuk, Scope, Signatory
from .blocks import KopLine, Letterhead, SignatureBlock

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


def situation_sentences(rembuk: Rembuk, pack: FormatPack | None = None) -> list[str]:
    """Sentences stating prevalence, targets and priority villages, as far as they are given.

    With a ``pack``, villages whose term the definition leaves open take the pack's term for a
    desa (e.g. 'kampung'), and a desa is named with it.
    """
    sentences: list[str] = []
    region = region_title(rembuk, pack) if pack is not None else rembuk.region.title
    local = rembuk.latest_prevalence(Scope.DAERAH)
    national = rembuk.latest_prevalence(Scope.NASIONAL)
    if local is not None:
        text = f"prevalensi stunting {region} menurut {local.source} {local.year} sebesar {persen(local.value)}"
        earlier = rembuk.baseline(local.year)
        if earlier is not None:
            text += f" (sebelumnya {persen(earlier.value)} menurut {earlier.source} {earlier.year})"
        if national is not None:
            text += (
                f", sedangkan prevalensi nasional menurut {national.source} {national.year} "
                f"sebesar {persen(national.value)}"
            )
        sentences.append(text[0].upper() + text[1:] + ".")
    targets = rembuk.region_targets()
    if targets:
        parts = [f"{persen(t.value)} pada tahun {t.year}" for t in targets]
        sentences.append(f"Target prevalensi stunting {region} adalah {_join(parts)}.")
    national_targets = sorted(
        (t for t in rembuk.targets if t.scope is Scope.NASIONAL), key=lambda t: t.year
    )
    if national_targets:
        parts = [
            f"{persen(t.value)} pada tahun {t.year}" + (f" ({t.basis})" if t.basis else "")
            for t in national_targets
        ]
        sentences.append(f"Target nasional prevalensi stunting adalah {_join(parts)}.")
    if rembuk.priority_villages:
        parts = [
            f"{group.total} {_village_term(group, pack)} lokus pada tahun {group.year}"
            for group in rembuk.priority_villages
        ]
        sentences.append(f"Sasaran prioritas intervensi adalah {_join(parts)}.")
    return sentences


def _village_term(group: PriorityVillages, pack: FormatPack | None) -> str:
    if pack is None or "term" in group.model_fields_set:
        return group.term
    return pack.say("istilah.desa").strip()


def _join(parts: list[str]) -> str:
    """'a', 'a dan b', 'a, b, dan c' (EYD serial comma)."""
    return join_words(parts)
