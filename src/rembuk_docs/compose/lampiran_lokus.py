"""The lampiran lokus: the priority desa/kelurahan (kampung) by year and kecamatan, with their SK.

One part per year: a heading ('Desa Lokus Tahun 2023 (tahun berjalan)'), the decree that set
them, a table No | Desa | Kecamatan ordered by kecamatan, and the count. A year given only as a
number of villages gets numbered blank rows to fill in from its SK, and says so.
"""

from __future__ import annotations

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..messages import Message
from ..model import LokusVillage, PriorityVillages, Rembuk
from .blocks import (
    Align,
    Block,
    Column,
    DataTable,
    Document,
    Paragraph,
    Run,
    SignatureGrid,
    Spacer,
    TextStyle,
    Title,
    plain,
)
from .common import KOP_WORDING, place_and_date, signature_block
from .lampiran import (
    LAMPIRAN_WORDING,
    acknowledging_signatory,
    agreement_number,
    lampiran_lines,
    signer_problems,
)
from .wording import Wording

NAME = "lampiran-lokus"
WORDING = (
    *KOP_WORDING,  # the template context's kop
    *LAMPIRAN_WORDING,
    "lampiran_lokus.judul",
    "lampiran_lokus.tahun",
    "lampiran_lokus.dasar",
    "lampiran_lokus.jumlah",
    "lampiran_lokus.tanpa_nama",
    "lampiran_lokus.mengetahui",
    "lampiran_lokus.penanda_tangan",
    "lampiran_lokus.kolom.no",
)
"""Every wording key the lampiran lokus uses."""
_MIN_ROW_HEIGHT_PT = 18.0  # a blank row to be written in by hand


def _term(group: PriorityVillages, pack: FormatPack) -> str:
    """The group's own term when the definition sets it, else the pack's word for a desa."""
    if "term" in group.model_fields_set:
        return group.term
    return pack.say("istilah.desa").strip()


def _ordered(group: PriorityVillages) -> list[LokusVillage]:
    """The villages grouped by kecamatan (in the order each first appears), names as given."""
    villages = group.locations or [LokusVillage(name=name) for name in group.villages]
    order: dict[str, int] = {}
    for village in villages:
        order.setdefault((village.kecamatan or "").casefold(), len(order))
    return sorted(villages, key=lambda v: order[(v.kecamatan or "").casefold()])


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the lokus list needs: priority villages, and a signatory who signs 'Mengetahui'."""
    if not rembuk.priority_villages:
        return [Problem(("priority_villages",), Message("requires.lampiran_lokus.villages"))]
    return signer_problems(
        rembuk, pack, None, key="lampiran_lokus.penanda_tangan", location="signatories"
    )


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the lokus list; DefinitionError when :func:`requirements` finds a problem."""
    require(requirements(rembuk, pack))
    groups = sorted(rembuk.priority_villages, key=lambda group: group.year)
    number = agreement_number(rembuk, pack)
    say = Wording(rembuk, pack, name=NAME, number=number)
    kecamatan_term = pack.say("istilah.kecamatan").strip()
    signer = acknowledging_signatory(
        rembuk,
        pack,
        None,
        key="lampiran_lokus.penanda_tangan",
        location="signatories",
    )
    closing = SignatureGrid(
        blocks=(
            signature_block(
                signer,
                pack,
                before=(place_and_date(rembuk), say.paragraph("lampiran_lokus.mengetahui")),
            ),
        ),
        columns=2,
        space_lines=pack.signature.space_lines,
        last_alone_right=True,
    )
    first_term = _term(groups[0], pack)
    blocks: list[Block] = [
        lampiran_lines(rembuk, say, landscape=False),
        Title(say.lines("lampiran_lokus.judul", istilah=first_term)),
    ]
    event_year = rembuk.event.date.year
    for position, group in enumerate(groups):
        term = _term(group, pack)
        last = position == len(groups) - 1
        blocks.extend(
            _part(
                group,
                term,
                kecamatan_term,
                event_year,
                say,
                closing if last else None,
                first=position == 0,
            )
        )
    return Document(
        name=NAME,
        title=" ".join(say.lines("lampiran_lokus.judul", istilah=first_term)).title(),
        subject=rembuk.event.name,
        author=rembuk.issuer,
        date=rembuk.agreement.date or rembuk.event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "lokus", rembuk.region.title),
        number=number,
    )


def _part(
    group: PriorityVillages,
    term: str,
    kecamatan_term: str,
    event_year: int,
    say: Wording,
    closing: SignatureGrid | None,
    *,
    first: bool,
) -> list[Block]:
    when = "berjalan" if group.year == event_year else "rencana" if group.year > event_year else ""
    heading = say.paragraph("lampiran_lokus.tahun", istilah=term, tahun=group.year, saat=when)
    blocks: list[Block] = [] if first else [Spacer(10)]
    blocks.append(
        Paragraph(
            (Run(heading, bold=True),),
            align=Align.LEFT,
            keep_with_next=True,
            style=TextStyle.HEADING,
        )
    )
    if group.decree:
        blocks.append(
            Paragraph(plain(say.paragraph("lampiran_lokus.dasar", keputusan=group.decree)))
        )
    villages = _ordered(group)
    with_kecamatan = any(village.kecamatan for village in villages)
    columns = [
        Column(say.paragraph("lampiran_lokus.kolom.no"), 1.0, Align.CENTER),
        Column(term[:1].upper() + term[1:], 6.0),
    ]
    if with_kecamatan or not villages:
        columns.append(Column(kecamatan_term[:1].upper() + kecamatan_term[1:], 6.0))
    rows: list[tuple[str, ...]]
    if villages:
        rows = [
            (str(n), v.name, *((v.kecamatan or "-",) if with_kecamatan else ()))
            for n, v in enumerate(villages, start=1)
        ]
        kecamatan = len({(v.kecamatan or "").casefold() for v in villages if v.kecamatan})
        count = say.paragraph(
            "lampiran_lokus.jumlah",
            jumlah=len(villages),
            istilah=term,
            kecamatan=kecamatan,
            istilah_kecamatan=kecamatan_term,
        )
    else:
        rows = [(str(n), "", "") for n in range(1, group.total + 1)]
        count = say.paragraph("lampiran_lokus.tanpa_nama", jumlah=group.total, istilah=term)
    blocks.append(Paragraph(plain(count)))  # (a keep here would pull the whole table over)
    blocks.append(
        DataTable(
            columns=tuple(columns),
            rows=rows,
            min_row_height_pt=0.0 if villages else _MIN_ROW_HEIGHT_PT,
            closing=closing,
        )
    )
    return blocks
