"""The agreement (kesepakatan, komitmen or pernyataan bersama) with its numbered pledges."""

from __future__ import annotations

from dataclasses import replace

from ..errors import Problem
from ..formats.pack import FormatPack
from ..model import Rembuk
from .blocks import Block, Document, Paragraph, SignatureBlock, SignatureGrid, Title, plain
from .common import (
    KOP_WORDING,
    SITUATION_WORDING,
    document_number,
    kop_problems,
    letterhead,
    place_and_date,
    signature_block,
    situation_sentences,
    title_parts,
)
from .layout import signatures_fit_a_page
from .meeting import place_phrase
from .pledges import WORDING as PLEDGE_WORDING
from .pledges import pledge_list
from .wording import Wording

NAME = "kesepakatan"
WORDING = (
    *KOP_WORDING,
    "nomor",
    "kesepakatan.judul",
    "kesepakatan.pembuka",
    "rapat.tempat_frasa",
    *SITUATION_WORDING,
    "kesepakatan.pengantar",
    *PLEDGE_WORDING,
    "kesepakatan.penutup",
    "kesepakatan.lembar_tanda_tangan",
    "kesepakatan.penanda_tangan",
    "label.mengetahui",
)
"""Every wording key the kesepakatan uses."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the agreement needs beyond a valid definition: a drawable kop."""
    return kop_problems(rembuk, pack, NAME)


def _principal_signers(
    rembuk: Rembuk, pack: FormatPack, grid: SignatureGrid
) -> tuple[SignatureBlock, ...] | None:
    """The signature blocks of the principal signers (``[signature] principal_roles``) when
    every signatory's would not fit on one page and the pack has a lembar tanda tangan for the
    others; ``None`` when all sign under the text."""
    from .registry import pack_documents  # the registry imports this module

    if signatures_fit_a_page(grid, pack) or "lembar-tanda-tangan" not in pack_documents(rembuk):
        return None
    roles = pack.signature.principal_roles
    chosen = tuple(
        block
        for person, block in zip(rembuk.signatories, grid.blocks, strict=True)
        if person.role.value in roles
    )
    return chosen if 0 < len(chosen) < len(grid.blocks) else None


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
    acara, pokok = title_parts(rembuk, pack)
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(
            say.lines("kesepakatan.judul", jenis=kind, acara=acara, pokok=pokok),
            say.paragraph("nomor"),
        ),
        Paragraph(
            plain(say.paragraph("kesepakatan.pembuka", jenis=kind, tempat=place_phrase(say)))
        ),
    ]
    situation = situation_sentences(say)
    if situation:
        blocks.append(Paragraph(plain(" ".join(situation))))
    blocks.append(
        Paragraph(plain(say.paragraph("kesepakatan.pengantar", jenis=kind)), keep_with_next=True)
    )
    blocks.append(pledge_list(say))
    if agreement.closing is not None:
        closing = agreement.closing.replace("{kind}", kind.lower())
    else:
        closing = say.paragraph("kesepakatan.penutup", jenis=kind)
    grid = SignatureGrid(
        blocks=tuple(signature_block(person, pack) for person in rembuk.signatories),
        columns=pack.signature.columns,
        heading=(
            place_and_date(rembuk),
            say.paragraph("kesepakatan.penanda_tangan", jenis=kind),
            "",
        ),
        space_lines=pack.signature.space_lines,
    )
    principal = _principal_signers(rembuk, pack, grid)
    if principal is not None:
        # the others sign on the lembar tanda tangan, which carries every signatory
        sheet = say.paragraph("kesepakatan.lembar_tanda_tangan", jenis=kind)
        blocks.append(Paragraph(plain(sheet)))
        grid = replace(grid, blocks=principal)
    if agreement.acknowledged_by is not None:
        # 'Mengetahui' is the last row of the signatories' grid, alone and centred: it moves
        # with their signatures and is never split from them across a page
        mengetahui = say.paragraph("label.mengetahui")
        acknowledging = signature_block(agreement.acknowledged_by, pack, before=(mengetahui,))
        grid = replace(grid, blocks=(*grid.blocks, acknowledging), last_alone=True)
    blocks.append(Paragraph(plain(closing), keep_with_next=True))  # never signatures alone
    blocks.append(grid)
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
