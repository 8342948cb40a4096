"""The agreement (kesepakatan, komitmen or pernyataan bersama) with its numbered pledges."""

from __future__ import annotations

from ..formats.pack import FormatPack
from ..indonesian import tanggal_terbilang
from ..model import AgreementKind, Rembuk
from .blocks import (
    Block,
    Document,
    ListItem,
    NumberedList,
    Paragraph,
    Run,
    SignatureGrid,
    Title,
    plain,
)
from .common import join_words, letterhead, place_and_date, signature_block, situation_sentences
from .dana_desa import extra_pledges

NAME = "kesepakatan"
_SIGNERS = {
    AgreementKind.KESEPAKATAN: "Kami yang bersepakat,",
    AgreementKind.KOMITMEN: "Kami yang berkomitmen,",
    AgreementKind.PERNYATAAN: "Kami yang menyatakan,",
}


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the agreement: kop, title and nomor, opening, pledges, closing and signatures."""
    agreement = rembuk.agreement
    event = rembuk.event
    kind = agreement.kind.value
    title_lines = (kind.upper(), event.name.upper(), "TENTANG", agreement.subject.upper())
    number = f"NOMOR : {agreement.number}" if agreement.number else None

    opening = (
        f"Pada {tanggal_terbilang(event.date)}, bertempat di {event.venue}, kami yang bertanda "
        f"tangan di bawah ini, para peserta {event.name}"
    )
    if event.legal_basis:
        opening += f", dengan berpedoman pada {join_words(list(event.legal_basis))}"
    opening += ", menyadari bahwa stunting menghambat tumbuh kembang anak dan kualitas sumber daya manusia."
    blocks: list[Block] = [
        letterhead(rembuk, pack),
        Title(title_lines, number),
        Paragraph(plain(opening)),
    ]
    situation = situation_sentences(rembuk)
    if situation:
        blocks.append(Paragraph(plain(" ".join(situation))))
    blocks.append(
        Paragraph(
            plain(
                f"Sehubungan dengan hal tersebut, kami menyatakan {kind.lower()} sebagai berikut:"
            ),
            keep_with_next=True,
        )
    )
    items = []
    for pledge in agreement.pledges:
        content: tuple[Run, ...] = (Run(pledge.text),)
        if pledge.responsible:
            content += (Run(f" (Penanggung jawab: {pledge.responsible})", italic=True),)
        items.append(ListItem(content, tuple(plain(item) for item in pledge.items)))
    items.extend(ListItem(plain(text)) for text in extra_pledges(rembuk))
    blocks.append(NumberedList(tuple(items)))
    closing = agreement.closing.replace("{kind}", kind.lower())
    blocks.append(Paragraph(plain(closing)))
    blocks.append(
        SignatureGrid(
            blocks=tuple(signature_block(person, pack) for person in rembuk.signatories),
            columns=pack.signature.columns,
            heading=(place_and_date(rembuk), _SIGNERS[agreement.kind], ""),
            space_lines=pack.signature.space_lines,
        )
    )
    return Document(
        name=NAME,
        title=f"{kind} {event.name}",
        subject=agreement.subject,
        author=(rembuk.organizer.name if rembuk.organizer else rembuk.region.government),
        date=agreement.date or event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", rembuk.region.title),
    )
