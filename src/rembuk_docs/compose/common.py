"""Pieces every document shares: the letterhead, signature blocks, the title and figures as text."""

from __future__ import annotations

from ..formats.pack import FormatPack
from ..indonesian import format_nip, persen, tanggal
from ..model import Rembuk, Scope, Signatory
from .blocks import KopLine, Letterhead, SignatureBlock


def letterhead(rembuk: Rembuk, pack: FormatPack) -> Letterhead:
    """The kop: the pack's own lines when it has them, else built from the region and organizer."""
    kop = pack.kop
    if kop.lines:
        lines = tuple(KopLine(line.text, line.size, line.bold) for line in kop.lines)
    else:
        region = rembuk.region
        lines_list = []
        if region.kabupaten:
            lines_list.append(
                KopLine(f"PEMERINTAH {region.kabupaten.upper()}", kop.government_size)
            )
            if region.kecamatan:
                lines_list.append(
                    KopLine(f"KECAMATAN {region.kecamatan.upper()}", kop.government_size)
                )
        # a desa kop has three tiers: PEMERINTAH KABUPATEN X / KECAMATAN Y / DESA Z (domain.md 1.6)
        government = (
            region.title.upper() if region.kabupaten else f"PEMERINTAH {region.title.upper()}"
        )
        organizer = rembuk.organizer
        if organizer is None:
            lines_list.append(KopLine(government, kop.office_size))
        else:
            if not region.kabupaten:
                lines_list.append(KopLine(government, kop.government_size))
            lines_list.append(KopLine(organizer.name.upper(), kop.office_size))
            if organizer.address:
                lines_list.append(KopLine(organizer.address, kop.address_size, bold=False))
            contact = [
                f"{label} {value}"
                for label, value in (
                    ("Telepon", organizer.phone),
                    ("Pos-el", organizer.email),
                    ("Laman", organizer.website),
                )
                if value
            ]
            if contact:
                lines_list.append(KopLine(", ".join(contact), kop.address_size, bold=False))
        lines = tuple(lines_list)
    return Letterhead(
        lines=lines, logo=pack.logo_bytes(), logo_width_cm=kop.logo_width_cm, rule=kop.rule
    )


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
    return SignatureBlock(above=above, name=person.printed_name(), below=tuple(below))


def place_and_date(rembuk: Rembuk, place: str | None = None) -> str:
    """'Kupang, 25 Juli 2022': where and when the documents are signed."""
    agreement = rembuk.agreement
    where = place or agreement.place or rembuk.region.name
    when = agreement.date or rembuk.event.date
    return f"{where}, {tanggal(when)}"


def situation_sentences(rembuk: Rembuk) -> list[str]:
    """Sentences stating prevalence, targets and priority villages, as far as they are given."""
    sentences: list[str] = []
    region = rembuk.region.title
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
            f"{group.total} {group.term} lokus pada tahun {group.year}"
            for group in rembuk.priority_villages
        ]
        sentences.append(f"Sasaran prioritas intervensi adalah {_join(parts)}.")
    return sentences


def _join(parts: list[str]) -> str:
    """'a', 'a dan b', 'a, b, dan c' (EYD serial comma)."""
    if len(parts) <= 2:
        return " dan ".join(parts)
    return ", ".join(parts[:-1]) + ", dan " + parts[-1]


def join_words(parts: list[str]) -> str:
    """Join phrases as Indonesian prose: 'a', 'a dan b', 'a, b, dan c'."""
    return _join(parts)
