"""The agreement (kesepakatan, komitmen or pernyataan bersama) with its numbered pledges."""

from __future__ import annotations

from ..formats.pack import FormatPack
from ..model import Rembuk
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
from .common import (
    document_number,
    letterhead,
    place_and_date,
    signature_block,
    situation_sentences,
)
from .dana_desa import extra_pledges
from .wording import Wording

NAME = "kesepakatan"


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the agreement: kop, title and nomor, opening, pledges, closing and signatures.

    Titles and standard sentences are the pack's wording ('kesepakatan.*' keys); a closing
    written in the definition (agreement.closing) wins over the pack's.
    """
    agreement = rembuk.agreement
    event = rembuk.event
    kind = agreement.kind.value
    day = agreement.date or event.date
    number = document_number(
        rembuk,
        pack,
        number=agreement.number,
        parts=agreement.numbering,
        day=day,
    )
    say = Wording(rembuk, pack, name=NAME, number=number)
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(
            say.lines("kesepakatan.judul", jenis=kind),
            say.paragraph("nomor"),
        ),
        Paragraph(plain(say.paragraph("kesepakatan.pembuka", jenis=kind))),
    ]
    situation = situation_sentences(rembuk, pack)
    if situation:
        blocks.append(Paragraph(plain(" ".join(situation))))
    blocks.append(
        Paragraph(plain(say.paragraph("kesepakatan.pengantar", jenis=kind)), keep_with_next=True)
    )
    items = []
    for pledge in agreement.pledges:
        content: tuple[Run, ...] = (Run(pledge.text),)
        if pledge.responsible:
            note = say("kesepakatan.penanggung_jawab", penanggung_jawab=pledge.responsible)
            content += (Run(note, italic=True),)
        items.append(ListItem(content, tuple(plain(item) for item in pledge.items)))
    items.extend(ListItem(plain(text)) for text in extra_pledges(rembuk))
    blocks.append(NumberedList(tuple(items)))
    if "closing" in agreement.model_fields_set:
        closing = agreement.closing.replace("{kind}", kind.lower())
    else:
        closing = say.paragraph("kesepakatan.penutup", jenis=kind)
    blocks.append(Paragraph(plain(closing), keep_with_next=True))  # never signatures alone
    blocks.append(
        SignatureGrid(
            blocks=tuple(signature_block(person, pack) for person in rembuk.signatories),
            columns=pack.signature.columns,
            heading=(
                place_and_date(rembuk),
                say.paragraph("kesepakatan.penanda_tangan", jenis=kind),
                "",
            ),
            space_lines=pack.signature.space_lines,
        )
    )
    return Document(
        name=NAME,
        title=f"{kind} {event.name}",
        subject=agreement.subject,
        author=rembuk.issuer,
        date=day,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", rembuk.region.title),
        number=number,
    )
