"""The signature sheet (lembar tanda tangan) of the agreement's signatories, one numbered row each."""

from __future__ import annotations

from ..errors import Problem
from ..formats.pack import FormatPack
from ..indonesian import tanggal
from ..model import Rembuk
from .blocks import Align, Column, DataTable, Document, Fields, SignatureGrid, Title
from .common import KOP_WORDING, signature_block, title_parts
from .lampiran import agreement_number
from .signing_table import (
    SIGNING_ROW_HEIGHT_PT,
    column_width_pt,
    position_and_institution,
    signatory_name_cell,
    signature_cell,
)
from .wording import Wording

NAME = "lembar-tanda-tangan"
_WIDTHS = (1.2, 5.6, 5.0, 4.2)  # an NIP line fits 'Nama / NIP' at 11 pt
_FONT_DELTA = -1.0
WORDING = (
    *KOP_WORDING,
    "lembar-tanda-tangan.judul",
    "lembar-tanda-tangan.judul_berkas",
    "label.nomor",
    "label.tanggal",
    "label.no",
    "lembar-tanda-tangan.kolom_nama",
    "label.jabatan_instansi",
    "label.tanda_tangan",
    "label.mengetahui",
)
"""Every wording key the lembar tanda tangan uses (the kop's for the region's name)."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """Nothing beyond a valid definition: the sheet lists the signatories, who are required."""
    return []


def _acknowledgement(say: Wording, pack: FormatPack) -> SignatureGrid | None:
    """'Mengetahui,' under the rows when the agreement names who acknowledges it."""
    person = say.rembuk.agreement.acknowledged_by
    if person is None:
        return None
    knows = say.paragraph("label.mengetahui")
    return SignatureGrid(
        blocks=(signature_block(person, pack, before=(knows,)),),
        columns=2,
        space_lines=pack.signature.space_lines,
        last_alone_right=True,
    )


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the sheet: the agreement's title, nomor and date, then No | Nama / NIP | ... rows."""
    agreement = rembuk.agreement
    event = rembuk.event
    kind = agreement.kind.value
    when = agreement.date or event.date
    # the agreement's own nomor, as the kesepakatan prints it: made from agreement.numbering,
    # or the dotted blank to fill in by hand (the sheet is part of the agreement)
    number = agreement_number(rembuk, pack)
    say = Wording(rembuk, pack, name=NAME, number=number)
    acara, pokok = title_parts(rembuk, pack)
    title = say.lines("lembar-tanda-tangan.judul", jenis=kind, acara=acara, pokok=pokok)
    fields = [(say.paragraph("label.nomor"), number)] if number else []
    fields.append((say.paragraph("label.tanggal"), tanggal(when)))
    sign_width = column_width_pt(pack, _WIDTHS, 3)
    size = pack.font.size + _FONT_DELTA
    rows = [
        (
            str(number),
            signatory_name_cell(person, pack),
            position_and_institution(person),
            signature_cell(number, sign_width, size),
        )
        for number, person in enumerate(rembuk.signatories, start=1)
    ]
    table = DataTable(
        columns=(
            Column(say.paragraph("label.no"), _WIDTHS[0], Align.CENTER),
            Column(say.paragraph("lembar-tanda-tangan.kolom_nama"), _WIDTHS[1]),
            Column(say.paragraph("label.jabatan_instansi"), _WIDTHS[2]),
            Column(say.paragraph("label.tanda_tangan"), _WIDTHS[3]),
        ),
        rows=rows,
        stagger_column=3,
        min_row_height_pt=SIGNING_ROW_HEIGHT_PT,
        font_size_delta=_FONT_DELTA,
        closing=_acknowledgement(say, pack),
    )
    return Document(
        name=NAME,
        title=say.paragraph("lembar-tanda-tangan.judul_berkas", jenis=kind),
        subject=agreement.subject,
        author=rembuk.issuer,
        date=when,
        blocks=(Title(title), Fields(tuple(fields), label_width_cm=2.5), table),
        keywords=("rembuk stunting", "lembar tanda tangan", rembuk.region.title),
    )
