"""The berita acara: the official record of what the rembuk agreed, its budget and attachments."""

from __future__ import annotations

from ..errors import Problem
from ..formats.pack import FormatPack
from ..indonesian import rupiah_with_words
from ..model import OfficialRecord, PledgePlacement, Rembuk
from ..model.paperwork import parties_given, record_parties, record_witnesses
from .blocks import (
    Align,
    Block,
    Document,
    ListItem,
    NumberedList,
    PageBreak,
    Paragraph,
    SignatureGrid,
    Spacer,
    Title,
    plain,
)
from .common import (
    KOP_WORDING,
    SITUATION_WORDING,
    document_number,
    kop_problems,
    letterhead,
    signature_block,
    situation_sentences,
    title_parts,
)
from .dana_desa import WORDING as DANA_DESA_WORDING
from .dana_desa import activities_sentence, fiscal_year, pledge_count
from .meeting import WORDING as MEETING_WORDING
from .meeting import actions_review_table, place_phrase, review_problems, signing_line
from .pledges import WORDING as PLEDGE_WORDING
from .pledges import pledge_list
from .registry import attached_documents
from .wording import Wording

NAME = "berita-acara"
_LAMPIRAN_INDENT_CM = 7.5
WORDING = (
    *KOP_WORDING,
    "berita-acara.nama",
    "berita-acara.subjudul",
    "berita-acara.judul",
    "berita-acara.judul_berkas",
    "nomor",
    "berita-acara.pembuka",
    *SITUATION_WORDING,
    "berita-acara.penilaian",
    *MEETING_WORDING,
    "berita-acara.kesepakatan",
    *PLEDGE_WORDING,
    "berita-acara.anggaran",
    "berita-acara.lampiran_pengantar",
    "berita-acara.lampiran_kesepakatan",
    "berita-acara.lampiran_notulen",
    "berita-acara.lampiran_daftar_hadir",
    "berita-acara.lampiran_usulan_kegiatan",
    "berita-acara.lampiran_undangan",
    "berita-acara.lampiran_rencana_kegiatan",
    "berita-acara.lampiran_lokus",
    "berita-acara.lampiran_dokumentasi",
    "usulan-kegiatan.nama",
    "berita-acara.penutup",
    "berita-acara.rangkap",
    "berita-acara.para_pihak",
    "berita-acara.pembuat",
    "berita-acara.saksi",
    "berita-acara.lampiran_kepala",
    "berita-acara.lampiran_penutup",
    "kesepakatan.judul",
    *DANA_DESA_WORDING,
)
"""Every wording key the berita acara uses (the pledges and their title are the kesepakatan's)."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the berita acara needs beyond a valid definition: a drawable kop, and every aksi of
    the assessment named by a number its year's list has."""
    return [*kop_problems(rembuk, pack, NAME), *review_problems(rembuk, pack)]


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the berita acara; without a record section it follows the agreement's defaults."""
    record = rembuk.record or OfficialRecord()
    event = rembuk.event
    nomor = document_number(
        rembuk, pack, number=record.number, parts=record.numbering, day=event.date
    )
    say = Wording(rembuk, pack, name=NAME, number=nomor)
    name = record.title or say.paragraph("berita-acara.nama")
    subtitle = record.subtitle or say.paragraph("berita-acara.subjudul", tahun=event.date.year)
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(
            say.lines("berita-acara.judul", judul=name, subjudul=subtitle),
            say.paragraph("nomor"),
        ),
        Paragraph(plain(opening_sentence(say, record))),
    ]
    situation = situation_sentences(say)
    if situation:
        blocks.append(Paragraph(plain(" ".join(situation))))
    minutes = rembuk.minutes
    if minutes is not None and minutes.actions_review:
        count = len(minutes.actions_review)
        blocks.append(
            Paragraph(
                plain(say.paragraph("berita-acara.penilaian", jumlah=count)), keep_with_next=True
            )
        )
        blocks.extend((actions_review_table(say, minutes), Spacer(6)))
    blocks.extend(_agreed(say, record))
    if rembuk.village is not None:
        blocks.append(Paragraph(plain(activities_sentence(say, rembuk.village))))
    if event.budget is not None:
        budget = event.budget
        sentence = say.paragraph(
            "berita-acara.anggaran",
            sumber=budget.source,
            tahun_anggaran=budget.fiscal_year or event.date.year,
            besaran=rupiah_with_words(budget.amount),
        )
        blocks.append(Paragraph(plain(sentence)))
    attachments = attachment_list(say, record)
    if attachments:
        blocks.append(
            Paragraph(plain(say.paragraph("berita-acara.lampiran_pengantar")), keep_with_next=True)
        )
        blocks.append(NumberedList(tuple(ListItem(plain(text)) for text in attachments)))
    if record.closing is not None:
        rangkap = (
            " " + " ".join(say("berita-acara.rangkap", rangkap=record.copies).split())
            if record.copies
            else ""
        )
        closing = record.closing.replace("{rangkap}", rangkap)
    else:
        closing = say.paragraph("berita-acara.penutup", rangkap=record.copies)
    blocks.append(Paragraph(plain(closing), keep_with_next=True))  # never signatures alone
    parties = record_parties(rembuk)
    parties_heading = parties_heading_of(say, record)
    blocks.append(
        SignatureGrid(
            blocks=tuple(signature_block(person, pack) for person in parties),
            columns=pack.signature.columns,
            heading=(signing_line(rembuk, record.place), parties_heading, ""),
            space_lines=pack.signature.space_lines,
        )
    )
    witnesses = record_witnesses(rembuk)
    if witnesses:
        blocks.append(
            SignatureGrid(
                blocks=tuple(signature_block(person, pack) for person in witnesses),
                columns=pack.signature.columns,
                heading=(record.witnesses_heading or say.paragraph("berita-acara.saksi"),),
                space_lines=pack.signature.space_lines,
            )
        )
    if record.pledges is PledgePlacement.LAMPIRAN:
        blocks.extend(_lampiran(say, name))
        # a lampiran that carries content is signed by who signs the berita acara (domain.md 1.7);
        # its closing line keeps the signatures company on their page
        closing_line = say.paragraph("berita-acara.lampiran_penutup")
        blocks.append(Paragraph(plain(closing_line), keep_with_next=True))
        blocks.append(
            SignatureGrid(
                blocks=tuple(signature_block(person, pack) for person in parties),
                columns=pack.signature.columns,
                heading=(parties_heading, ""),
                space_lines=pack.signature.space_lines,
            )
        )
    return Document(
        name=NAME,
        title=say.paragraph("berita-acara.judul_berkas", judul=name, subjudul=subtitle),
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "berita acara", rembuk.region.title),
    )


def parties_heading_of(say: Wording, record: OfficialRecord) -> str:
    """The line above the parties: as given, else 'Yang bersepakat,' for parties the definition
    names (and a desa's default two), else 'Yang membuat berita acara,'."""
    if record.parties_heading:
        return record.parties_heading
    rembuk = say.rembuk
    named = parties_given(rembuk) or len(record_parties(rembuk)) > 1
    return say.paragraph("berita-acara.para_pihak" if named else "berita-acara.pembuat")


def opening_sentence(say: Wording, record: OfficialRecord) -> str:
    """'Pada hari ini, Senin, tanggal dua puluh lima ..., bertempat di ..., telah dilaksanakan ...'."""
    rembuk = say.rembuk
    return say.paragraph(
        "berita-acara.pembuka",
        tempat=place_phrase(say),
        kegiatan=record.activity or rembuk.event.name,
        peserta=list(rembuk.minutes.participants) if rembuk.minutes else [],
    )


def attachment_list(say: Wording, record: OfficialRecord) -> list[str]:
    """The attachments: as given, else every other document of the pack in pack order (the order
    the bundle follows): the undangan, the agreement with its lampiran (rencana kegiatan, lokus
    list), the attendance list, the minutes (when given), the photos and a desa's usulan kegiatan,
    each only when the definition has its data. The signature sheet is part of the agreement."""
    if record.attachments is not None:
        return list(record.attachments)
    rembuk = say.rembuk
    items = []
    for name in attached_documents(rembuk):
        if name == "notulen" and rembuk.minutes is None:
            continue
        items.append(_attachment(say, name))
    return items


def _attachment(say: Wording, name: str) -> str:
    rembuk = say.rembuk
    if name == "kesepakatan":
        return say.paragraph("berita-acara.lampiran_kesepakatan", jenis=rembuk.agreement.kind.value)
    if name == "usulan-kegiatan" and rembuk.village is not None:
        return say.paragraph(
            "berita-acara.lampiran_usulan_kegiatan",
            judul=say.paragraph("usulan-kegiatan.nama"),
            tahun_anggaran=fiscal_year(rembuk, rembuk.village),
        )
    if name == "rencana-kegiatan" and rembuk.rencana_kegiatan is not None:
        from .rencana_kegiatan import plan_year

        return say.paragraph(
            "berita-acara.lampiran_rencana_kegiatan",
            tahun=plan_year(rembuk, rembuk.rencana_kegiatan),
        )
    if name == "lampiran-lokus":
        return say.paragraph(
            "berita-acara.lampiran_lokus", istilah=say.pack.say("istilah.desa").strip()
        )
    return say.paragraph(f"berita-acara.lampiran_{name.replace('-', '_')}")


def _agreed(say: Wording, record: OfficialRecord) -> list[Block]:
    kind = say.rembuk.agreement.kind.value
    inline = record.pledges is PledgePlacement.INLINE
    sentence = say.paragraph(
        "berita-acara.kesepakatan",
        jenis=kind,
        lampiran=not inline,
        jumlah=pledge_count(say.rembuk),
    )
    if inline:
        return [Paragraph(plain(sentence), keep_with_next=True), pledge_list(say)]
    return [Paragraph(plain(sentence))]


def _lampiran(say: Wording, name: str) -> list[Block]:
    agreement = say.rembuk.agreement
    acara, pokok = title_parts(say.rembuk, say.pack)
    header = say.lines("berita-acara.lampiran_kepala", judul=name)
    blocks: list[Block] = [PageBreak()]
    blocks.extend(
        Paragraph(
            plain(line), align=Align.LEFT, left_indent_cm=_LAMPIRAN_INDENT_CM, space_after_pt=0
        )
        for line in header
    )
    blocks.append(Spacer(12))
    blocks.append(
        Title(
            say.lines("kesepakatan.judul", jenis=agreement.kind.value, acara=acara, pokok=pokok),
            say.paragraph(
                "nomor",
                nomor=document_number(
                    say.rembuk,
                    say.pack,
                    number=agreement.number,
                    parts=agreement.numbering,
                    day=agreement.date or say.rembuk.event.date,
                ),
            ),
        )
    )
    blocks.append(pledge_list(say))
    return blocks
