"""The signature sheet (lembar tanda tangan) of the agreement's signatories, one numbered row each."""

from __future__ import annotations

from ..formats.pack import FormatPack
from ..indonesian import tanggal
from ..model import Rembuk
from .blocks import Align, Column, DataTable, Document, Fields, Title
from .signing_table import (
    MIN_ROW_HEIGHT_PT,
    column_width_pt,
    position_and_institution,
    signatory_name_cell,
    signature_cell,
)

NAME = "lembar-tanda-tangan"
_WIDTHS = (1.2, 5.6, 5.0, 4.2)  # an NIP line fits 'Nama / NIP' at 11 pt
_FONT_DELTA = -1.0


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the sheet: the agreement's title, nomor and date, then No | Nama / NIP | ... rows."""
    agreement = rembuk.agreement
    event = rembuk.event
    kind = agreement.kind.value
    when = agreement.date or event.date
    title = (
        "LEMBAR TANDA TANGAN",
        kind.upper(),
        event.name.upper(),
        "TENTANG",
        agreement.subject.upper(),
    )
    fields = [("Nomor", agreement.number)] if agreement.number else []
    fields.append(("Tanggal", tanggal(when)))
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
            Column("No", _WIDTHS[0], Align.CENTER),
            Column("Nama / NIP", _WIDTHS[1]),
            Column("Jabatan / Instansi", _WIDTHS[2]),
            Column("Tanda Tangan", _WIDTHS[3]),
        ),
        rows=rows,
        stagger_column=3,
        min_row_height_pt=MIN_ROW_HEIGHT_PT,
        font_size_delta=_FONT_DELTA,
    )
    return Document(
        name=NAME,
        title=f"Lembar Tanda Tangan {kind} {event.name}",
        subject=agreement.subject,
        author=rembuk.issuer,
        date=when,
        blocks=(Title(title), Fields(tuple(fields), label_width_cm=2.5), table),
        keywords=("rembuk stunting", "lembar tanda tangan", rembuk.region.title),
    )
