"""The berita acara: the official record of what the rembuk agreed, its budget and attachments."""

from __future__ import annotations

from ..formats.pack import FormatPack
from ..indonesian import rupiah_with_words, tanggal, tanggal_terbilang, terbilang
from ..model import PledgePlacement, Record, Rembuk
from ..model.paperwork import record_parties
from .blocks import (
    Align,
    Block,
    Document,
    ListItem,
    NumberedList,
    PageBreak,
    Paragraph,
    Run,
    SignatureGrid,
    Spacer,
    Title,
    plain,
)
from .common import (
    document_number,
    join_words,
    letterhead,
    signature_block,
    situation_sentences,
)
from .dana_desa import activities_sentence, extra_pledges, fiscal_year, pledge_count
from .meeting import actions_review_table, place_phrase, signing_line
from .registry import DOCUMENTS
from .usulan_kegiatan import TITLE as USULAN_TITLE

NAME = "berita-acara"
_LAMPIRAN_INDENT_CM = 7.5


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the berita acara; without a record section it follows the agreement's defaults."""
    record = rembuk.record or Record()
    event = rembuk.event
    subtitle = record.subtitle or f"{rembuk.region.title} Tahun {event.date.year}"
    nomor = document_number(
        rembuk, pack, number=record.number, parts=record.numbering, day=event.date
    )
    number = f"NOMOR : {nomor}"
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title((record.title.upper(), subtitle.upper()), number),
        Paragraph(plain(opening_sentence(rembuk, record))),
    ]
    situation = situation_sentences(rembuk)
    if situation:
        blocks.append(Paragraph(plain(" ".join(situation))))
    minutes = rembuk.minutes
    if minutes is not None and minutes.actions_review:
        count = len(minutes.actions_review)
        blocks.append(
            Paragraph(
                plain(
                    f"Hasil penilaian pelaksanaan {count} ({terbilang(count)}) aksi konvergensi:"
                ),
                keep_with_next=True,
            )
        )
        blocks.extend((actions_review_table(minutes), Spacer(6)))
    blocks.extend(_agreed(rembuk, record))
    if rembuk.village is not None:
        blocks.append(Paragraph(plain(activities_sentence(rembuk, rembuk.village))))
    if event.budget is not None:
        budget = event.budget
        year = budget.fiscal_year or event.date.year
        blocks.append(
            Paragraph(
                plain(
                    f"Pelaksanaan kegiatan ini dibiayai dari {budget.source} Tahun Anggaran "
                    f"{year} sebesar {rupiah_with_words(budget.amount)}."
                )
            )
        )
    attachments = attachment_list(rembuk, record)
    if attachments:
        blocks.append(
            Paragraph(plain("Berita Acara ini dilengkapi dengan lampiran:"), keep_with_next=True)
        )
        blocks.append(NumberedList(tuple(ListItem(plain(text)) for text in attachments)))
    rangkap = (
        f" dalam rangkap {record.copies} ({terbilang(record.copies)})" if record.copies else ""
    )
    closing = record.closing.replace("{rangkap}", rangkap)
    blocks.append(Paragraph(plain(closing), keep_with_next=True))  # never signatures alone
    blocks.append(
        SignatureGrid(
            blocks=tuple(signature_block(person, pack) for person in record_parties(rembuk)),
            columns=pack.signature.columns,
            heading=(signing_line(rembuk, record.place), record.parties_heading, ""),
            space_lines=pack.signature.space_lines,
        )
    )
    if record.witnesses:
        blocks.append(
            SignatureGrid(
                blocks=tuple(signature_block(person, pack) for person in record.witnesses),
                columns=pack.signature.columns,
                heading=(record.witnesses_heading,),
                space_lines=pack.signature.space_lines,
            )
        )
    if record.pledges is PledgePlacement.LAMPIRAN:
        blocks.extend(_lampiran(rembuk, pack, record))
    return Document(
        name=NAME,
        title=f"{record.title} {subtitle}",
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "berita acara", rembuk.region.title),
        number=nomor,
    )


def opening_sentence(rembuk: Rembuk, record: Record) -> str:
    """'Pada hari ini, Senin tanggal dua puluh lima ..., bertempat di ..., telah dilaksanakan ...'."""
    event = rembuk.event
    # tanggal_terbilang reads "hari Senin tanggal ..."; after "Pada hari ini," the day stands alone
    date_words = tanggal_terbilang(event.date).removeprefix("hari ")
    text = (
        f"Pada hari ini, {date_words}, bertempat di {place_phrase(event)}, telah dilaksanakan "
        f"{record.activity or event.name}"
    )
    if event.chair:
        text += f" yang dipimpin oleh {event.chair}"
    participants = list(rembuk.minutes.participants) if rembuk.minutes else []
    if participants:
        text += f" dan dihadiri oleh {join_words(participants)}"
    return text + "."


def attachment_list(rembuk: Rembuk, record: Record) -> list[str]:
    """The attachments: as given, else the agreement, the minutes (when given) and the attendance list."""
    if record.attachments is not None:
        return list(record.attachments)
    agreement = rembuk.agreement
    number = f" Nomor {agreement.number}" if agreement.number else ""
    items = [f"{agreement.kind.value} tentang {agreement.subject}{number}"]
    if rembuk.minutes is not None:
        items.append(f"Notulen {rembuk.event.name}")
    if "daftar-hadir" in DOCUMENTS:
        items.append(f"Daftar Hadir {rembuk.event.name}")
    if rembuk.village is not None:
        year = fiscal_year(rembuk, rembuk.village)
        items.append(f"{USULAN_TITLE} {rembuk.region.title} Tahun Anggaran {year}")
    return items


def _pledge_list(rembuk: Rembuk) -> NumberedList:
    items = []
    for pledge in rembuk.agreement.pledges:
        content: tuple[Run, ...] = (Run(pledge.text),)
        if pledge.responsible:
            content += (Run(f" (Penanggung jawab: {pledge.responsible})", italic=True),)
        items.append(ListItem(content, tuple(plain(item) for item in pledge.items)))
    items.extend(ListItem(plain(text)) for text in extra_pledges(rembuk))
    return NumberedList(tuple(items))


def _agreed(rembuk: Rembuk, record: Record) -> list[Block]:
    agreement = rembuk.agreement
    kind = agreement.kind.value
    number = f" Nomor {agreement.number}" if agreement.number else ""
    what = f"Dalam kegiatan tersebut, para peserta menyepakati {kind} tentang {agreement.subject}"
    if record.pledges is PledgePlacement.INLINE:
        return [
            Paragraph(plain(f"{what}{number} sebagai berikut:"), keep_with_next=True),
            _pledge_list(rembuk),
        ]
    count = pledge_count(rembuk)
    return [
        Paragraph(
            plain(
                f"{what}{number} yang memuat {count} ({terbilang(count)}) butir {kind.lower()}, "
                "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan "
                "dari Berita Acara ini."
            )
        )
    ]


def _lampiran(rembuk: Rembuk, pack: FormatPack, record: Record) -> list[Block]:
    agreement = rembuk.agreement
    header = ["LAMPIRAN", record.title.upper()]
    nomor = document_number(
        rembuk, pack, number=record.number, parts=record.numbering, day=rembuk.event.date
    )
    header.append(f"NOMOR : {nomor}")
    header.append(f"TANGGAL : {tanggal(rembuk.event.date)}")
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
            (
                agreement.kind.value.upper(),
                rembuk.event.name.upper(),
                "TENTANG",
                agreement.subject.upper(),
            ),
            f"NOMOR : {agreement.number}" if agreement.number else None,
        )
    )
    blocks.append(_pledge_list(rembuk))
    return blocks
