"""The attendance list (daftar hadir) of the event: numbered rows to sign, blank rows for walk-ins."""

from __future__ import annotations

from ..errors import DefinitionError, Problem
from ..formats.pack import FormatPack
from ..indonesian import hari_tanggal, waktu_range
from ..model import Attendee, Rembuk
from .blocks import Align, Block, Column, DataTable, Document, Fields, SignatureGrid, Title
from .common import letterhead, signature_block
from .signing_table import (
    MIN_ROW_HEIGHT_PT,
    column_width_pt,
    nip_cell,
    position_and_institution,
    signature_cell,
)

NAME = "daftar-hadir"
_WIDTHS = (1.2, 4.5, 5.9, 4.4)
_WIDTHS_WITH_NIP = (1.2, 3.5, 4.3, 3.7, 3.3)
_FONT_DELTA = -1.0
_FONT_DELTA_WITH_NIP = -2.0  # an NIP of 18 digits fits its column on one line at 10 pt


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the list: kop, title, acara, hari/tanggal, waktu, tempat, the table, 'Mengetahui'."""
    settings = rembuk.attendance
    event = rembuk.event
    people = rembuk.attendees
    if not people and settings.blank_rows == 0:
        raise DefinitionError(
            [
                Problem(
                    "attendance.blank_rows",
                    "the attendance list has no attendees and no blank rows; add attendees "
                    "(attendees or attendees_file) or set blank_rows",
                )
            ]
        )
    place = event.venue
    if event.online is not None:
        place = f"{place} dan daring melalui {event.online.platform}"
    waktu = waktu_range(event.start, event.end, event.timezone.value)
    fields = (
        ("Acara", event.name),
        ("Hari/Tanggal", hari_tanggal(event.date)),
        ("Waktu", waktu[0].upper() + waktu[1:]),
        ("Tempat", place),
    )
    closing = None
    if settings.acknowledged_by is not None:
        closing = SignatureGrid(
            blocks=(signature_block(settings.acknowledged_by, pack, before=("Mengetahui,",)),),
            columns=2,
            space_lines=pack.signature.space_lines,
            last_alone_right=True,
        )
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title((settings.title.upper(),)),
        Fields(fields, label_width_cm=3.2),
        _table(people, settings.blank_rows, settings.show_nip, pack, closing),
    ]
    return Document(
        name=NAME,
        title=f"{settings.title.capitalize()} {event.name}",
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "daftar hadir", rembuk.region.title),
    )


def _table(
    people: list[Attendee],
    blank_rows: int,
    show_nip: bool,
    pack: FormatPack,
    closing: SignatureGrid | None,
) -> DataTable:
    """No | Nama | (NIP) | Jabatan / Instansi | Tanda Tangan, then numbered blank rows."""
    widths = _WIDTHS_WITH_NIP if show_nip else _WIDTHS
    delta = _FONT_DELTA_WITH_NIP if show_nip else _FONT_DELTA
    size = pack.font.size + delta
    sign_width = column_width_pt(pack, widths, len(widths) - 1)
    rows: list[tuple[str, ...]] = []
    for number, person in enumerate(people, start=1):
        cells = [str(number), person.full_name()]
        if show_nip:
            cells.append(nip_cell(person, pack))
        cells += [position_and_institution(person), signature_cell(number, sign_width, size)]
        rows.append(tuple(cells))
    empty = ("",) * (3 if show_nip else 2)
    for number in range(len(people) + 1, len(people) + blank_rows + 1):
        rows.append((str(number), *empty, signature_cell(number, sign_width, size)))
    columns = [Column("No", widths[0], Align.CENTER), Column("Nama", widths[1])]
    if show_nip:
        columns.append(Column("NIP", widths[2], Align.CENTER))
    columns += [Column("Jabatan / Instansi", widths[-2]), Column("Tanda Tangan", widths[-1])]
    return DataTable(
        columns=tuple(columns),
        rows=rows,
        stagger_column=len(columns) - 1,
        min_row_height_pt=MIN_ROW_HEIGHT_PT,
        font_size_delta=delta,
        closing=closing,
    )
