"""Pieces the lampiran of the kesepakatan share: the lampiran lines and who signs 'Mengetahui'."""

from __future__ import annotations

from ..errors import DefinitionError, Problem
from ..formats.pack import FormatPack
from ..indonesian import tanggal
from ..messages import Message
from ..model import Rembuk, Role, Signatory
from .blocks import Align, Paragraph, plain
from .common import document_number
from .wording import Wording

SIGNERS = ("kepala_daerah", "ketua_tpps")
"""What a pack's '*.penanda_tangan' wording may name, in order of preference."""
LAMPIRAN_WORDING = ("lampiran.kepala",)
"""The wording keys of the lampiran lines."""
LAMPIRAN_INDENT_CM = {False: 8.0, True: 15.0}
"""Left indent of the lampiran lines on a portrait and a landscape page: the right part of it."""


def agreement_number(rembuk: Rembuk, pack: FormatPack) -> str | None:
    """The kesepakatan's nomor, which its lampiran repeat."""
    agreement = rembuk.agreement
    return document_number(
        rembuk,
        pack,
        number=agreement.number,
        parts=agreement.numbering,
        day=agreement.date or rembuk.event.date,
    )


def lampiran_lines(rembuk: Rembuk, say: Wording, *, landscape: bool) -> Paragraph:
    """'LAMPIRAN PERNYATAAN BERSAMA ... NOMOR ... TANGGAL ...' at the top right of the page."""
    agreement = rembuk.agreement
    day = agreement.date or rembuk.event.date
    lines = say.lines("lampiran.kepala", jenis=agreement.kind.value, tanggal=tanggal(day))
    return Paragraph(
        plain("\n".join(lines)), align=Align.LEFT, left_indent_cm=LAMPIRAN_INDENT_CM[landscape]
    )


def acknowledging_signatory(
    rembuk: Rembuk, pack: FormatPack, own: Signatory | None, *, key: str, location: str
) -> Signatory:
    """Who signs 'Mengetahui': ``own`` when given, else the first the pack's wording ``key``
    names (kepala_daerah, ketua_tpps) among the signatories; a DefinitionError at ``location``
    when none is found (see :func:`signer_problems`, the document's requirement)."""
    found = _signer(rembuk, pack, own, key=key)
    if isinstance(found, Signatory):
        return found
    raise DefinitionError(signer_problems(rembuk, pack, own, key=key, location=location))


def signer_problems(
    rembuk: Rembuk, pack: FormatPack, own: Signatory | None, *, key: str, location: str
) -> list[Problem]:
    """Why nobody signs 'Mengetahui' (see :func:`acknowledging_signatory`); empty: someone does."""
    found = _signer(rembuk, pack, own, key=key)
    if isinstance(found, Signatory):
        return []
    wanted, unknown = found
    if unknown or not wanted:
        where = Message("requires.pack_wording", pack=pack.slug, key=key)
        known = " / ".join(SIGNERS)
        return [
            Problem(
                where,
                Message(
                    "requires.lampiran.unknown_signer", signer=(unknown or [""])[0], known=known
                ),
            )
        ]
    names = " / ".join(name.replace("_", " ") for name in wanted)
    return [
        Problem(location, Message("requires.lampiran.no_signer", wanted=names, location=location))
    ]


def _signer(
    rembuk: Rembuk, pack: FormatPack, own: Signatory | None, *, key: str
) -> Signatory | tuple[list[str], list[str]]:
    """The signer of 'Mengetahui', else the names the wording asks for and the unknown ones."""
    if own is not None:
        return own
    wanted = [part.strip() for part in pack.say(key).split(",") if part.strip()]
    unknown = [name for name in wanted if name not in SIGNERS]
    if unknown or not wanted:
        return wanted, unknown
    for name in wanted:
        found = _find(rembuk.signatories, name)
        if found is not None:
            return found
    return wanted, []


def _find(people: list[Signatory], name: str) -> Signatory | None:
    if name == "kepala_daerah":
        return next((p for p in people if p.role is Role.KEPALA_DAERAH), None)
    # the Ketua TPPS by position, else the wakil kepala daerah who chairs it (Perpres 72/2021)
    for person in people:
        position = person.position.casefold()
        if "ketua tpps" in position or "ketua tim percepatan penurunan stunting" in position:
            return person
    return next((p for p in people if p.role is Role.WAKIL_KEPALA_DAERAH), None)
