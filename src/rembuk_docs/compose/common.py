"""Pieces every document shares: the letterhead, signature blocks, the title and figures as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import Problem
from ..formats.number_pattern import DEFINITION_FIELDS, format_number, pattern_fields
from ..formats.pack import PLACEHOLDER_LOGO, FormatPack
from ..indonesian import format_nip, join_words, persen, tanggal
from ..model import NumberParts, PriorityVillages, RegionKind, Rembuk, Role, Scope, Signatory
from ..model.paperwork import record_parties, record_witnesses
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

KOP_WORDING = (
    "kop.kontak",
    "istilah.desa",
    "istilah.kecamatan",
    "halaman.dari",
    "label.nip_penanda_tangan",
)
"""The wording keys every document may use: the kop, the region's name, the 'Halaman 2 dari 5'
footer (see :func:`compose.layout.page_of_total_parts`) and the NIP line under a signature."""
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


_TITLE_WORD = re.compile(r"[\w/-]+")
_LINKING_WORDS = frozenset(
    {"dalam", "rangka", "di", "dan", "serta", "yang", "untuk", "pada", "ke", "dari"}
)


def title_parts(rembuk: Rembuk, pack: FormatPack) -> tuple[str, str]:
    """The event line and the subject of an agreement's title ('acara', 'pokok'), said once:

    - when every word of the subject stands in the event's name already (Kayong Utara: the
      subject "Optimalisasi Peran ..." is the event "Koordinasi Optimalisasi Peran ..."), the
      event line is the region and year ("Kabupaten Kayong Utara Tahun 2023") instead;
    - when the event line names the region, the subject leaves off its own "di Kabupaten
      Kupang" ("... TAHUN 2022 TENTANG PENCEGAHAN DAN PENURUNAN STUNTING TERINTEGRASI")."""
    event = rembuk.event.name
    subject = rembuk.agreement.subject
    region = region_title(rembuk, pack)

    def words(text: str) -> set[str]:
        return {w.casefold() for w in _TITLE_WORD.findall(text)} - _LINKING_WORDS

    if words(subject) <= words(event):
        event = f"{region} Tahun {rembuk.event.date.year}"
    if region.casefold() in event.casefold():
        trimmed = re.sub(rf"(?i)\s+(?:di\s+)?{re.escape(region)}\s*$", "", subject).strip()
        subject = trimmed or subject
    return event, subject


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


HEAD_ROLES = frozenset({Role.KEPALA_DAERAH, Role.WAKIL_KEPALA_DAERAH})


def document_signers(rembuk: Rembuk, document: str | None) -> list[Signatory]:
    """Who signs ``document``: the agreement's signatories, the berita acara's parties and
    witnesses; nobody the kop depends on for the rest."""
    if document == "kesepakatan":
        acknowledging = rembuk.agreement.acknowledged_by
        return [*rembuk.signatories, *([acknowledging] if acknowledging else [])]
    if document == "undangan":
        return [rembuk.invitation.signatory] if rembuk.invitation is not None else []
    if document == "berita-acara":
        return [*record_parties(rembuk), *record_witnesses(rembuk)]
    return []


@dataclass(frozen=True)
class KopSpec:
    """The kop a document carries: its kind, lines, logo (a pack file name, 'placeholder' or
    ``None``) and its placement, the rule under it, and the address the kop prints."""

    kind: str
    lines: tuple[KopLine, ...]
    logo: str | None
    placement: str
    logo_width_cm: float
    rule: str
    address: str | None


def kop_kind(rembuk: Rembuk, pack: FormatPack, document: str | None) -> str:
    """'desa', 'jabatan', 'pemda' or 'opd': a desa keeps its three tiers; otherwise the pack's
    setting for ``document``, whose default 'auto' gives what the kepala daerah or wakil signs
    the kop jabatan (when the pack has the lambang negara) or the pemda's, and the rest the
    OPD's (domain.md 1.6)."""
    if rembuk.region.kind in (RegionKind.DESA, RegionKind.KELURAHAN):
        return "desa"
    kind = pack.kop.documents.get(document, "auto") if document else "auto"
    if kind != "auto":
        return kind
    if any(person.role in HEAD_ROLES for person in document_signers(rembuk, document)):
        return "jabatan" if pack.kop.jabatan.logo else "pemda"
    return "opd"


def kop_spec(rembuk: Rembuk, pack: FormatPack, document: str | None = None) -> KopSpec:
    """The kop of ``document`` (``None``: a document the organising OPD issues)."""
    kop = pack.kop
    kind = kop_kind(rembuk, pack, document)
    if kind == "jabatan":
        title = kop.jabatan.title or f"{rembuk.region.head_title} {rembuk.region.name}".upper()
        return KopSpec(
            kind,
            (KopLine(title, kop.jabatan.size),),
            kop.jabatan.logo or PLACEHOLDER_LOGO,
            "center",
            kop.jabatan.logo_width_cm,
            "none",
            None,
        )
    if kind == "pemda" and not kop.lines:
        pemda = kop.pemda
        address = pemda.address or kop.address
        lines = [KopLine(kop.government or rembuk.region.government.upper(), kop.office_size)]
        if address:
            lines.append(KopLine(address, kop.address_size, bold=False))
        contact = pack.say(
            "kop.kontak",
            telepon=pemda.phone or kop.phone,
            email=pemda.email or kop.email,
            laman=pemda.website or kop.website,
        ).strip()
        if contact:
            lines.append(KopLine(contact, kop.address_size, bold=False))
        return KopSpec(
            kind, tuple(lines), kop.logo, kop.logo_placement, kop.logo_width_cm, kop.rule, address
        )
    if kop.lines:
        address = kop.address
    elif rembuk.organizer is not None:
        address = rembuk.organizer.address
    else:
        address = kop.address
    return KopSpec(
        kind,
        kop_lines(rembuk, pack),
        kop.logo,
        kop.logo_placement,
        kop.logo_width_cm,
        kop.rule,
        address,
    )


def letterhead(rembuk: Rembuk, pack: FormatPack, document: str | None = None) -> Letterhead:
    """The kop block of ``document`` (see :func:`kop_spec`): lines, logo, placement and rule."""
    spec = kop_spec(rembuk, pack, document)
    return Letterhead(
        lines=spec.lines,
        logo=pack.image_bytes(spec.logo, negara=spec.kind == "jabatan"),
        logo_width_cm=spec.logo_width_cm,
        rule=spec.rule,
        logo_placement=spec.placement,
    )


def kop_problems(rembuk: Rembuk, pack: FormatPack, document: str) -> list[Problem]:
    """The kop of ``document`` checked before composing: its emblem is read and checked as the
    writers will read it. Part of the requirements of every document that carries a kop.

    An unusable emblem (missing, outside the pack, not an image, cut short, a decompression
    bomb) is the pack's fault whatever the definition says: it raises
    :class:`~rembuk_docs.errors.FormatPackError`, as rendering would. The list is for problems
    the definition causes, of which the kop has none today."""
    pack.image_bytes(kop_spec(rembuk, pack, document).logo)
    return []


NUMBER_BLANK = "........."
"""What stands for a part of a nomor not known yet, to fill in by hand."""


def document_number(
    rembuk: Rembuk,
    pack: FormatPack,
    *,
    number: str | None,
    parts: NumberParts | None,
    day: date,
) -> str:
    """A document's nomor: ``number`` as written, else ``parts`` joined by the pack's pattern.

    Parts not given (all of them, without ``parts``) print as a dotted blank to fill in by hand,
    keeping the known ones: '400.5.7/........./BAPPEDA/VII/2025'. The unit defaults to the
    organizer's unit code; month and year come from ``day``.
    """
    if number:
        return number
    unit = (parts.unit if parts else None) or (
        rembuk.organizer.unit_code if rembuk.organizer else None
    )
    values = {
        "klasifikasi": (parts.klasifikasi if parts else None) or NUMBER_BLANK,
        "urut": (parts.urut if parts else None) or NUMBER_BLANK,
        "unit": unit or NUMBER_BLANK,
    }
    return format_number(pack.numbering.pattern, values, day)


def number_gaps(rembuk: Rembuk, pack: FormatPack, location: str) -> list[str]:
    """The fields the nomor of the section at ``location`` ('agreement', 'record') still lacks
    (empty when its nomor is complete), as paths to set."""
    section = rembuk.agreement if location == "agreement" else rembuk.record
    if section is not None and section.number:
        return []
    parts = section.numbering if section is not None else None
    gaps = []
    for name in pattern_fields(pack.numbering.pattern):
        if name not in DEFINITION_FIELDS:
            continue
        value = getattr(parts, name) if parts is not None else None
        if name == "unit" and not value and rembuk.organizer is not None:
            value = rembuk.organizer.unit_code
        if not value:
            gaps.append(f"{location}.numbering.{name}")
    return gaps


def nip_line(person: Signatory, pack: FormatPack) -> str:
    """'NIP. 19700808 199503 1 006' under a signature, from the pack's label.nip_penanda_tangan."""
    nip = format_nip(person.nip or "", grouped=pack.signature.nip_grouped)
    return " ".join(pack.say("label.nip_penanda_tangan", nip=nip).split())


def signature_block(
    person: Signatory, pack: FormatPack, *, before: tuple[str, ...] = ()
) -> SignatureBlock:
    """A signature block following Pasal 44: jabatan with a comma, name, then pangkat and NIP for ASN."""
    above = (*before, f"{person.position},")
    below: list[str] = []
    if person.shows_nip and person.nip:
        if person.rank:
            below.append(person.rank)
        below.append(nip_line(person, pack))
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
