"""The attendance list (daftar hadir) of the event: numbered rows to sign, blank rows for walk-ins."""

from __future__ import annotations

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import hari_tanggal, waktu_range
from ..messages import Message
from ..model import Attendee, Rembuk
from .blocks import Align, Block, Column, DataTable, Document, Fields, SignatureGrid, Title
from .common import KOP_WORDING, kop_problems, letterhead, signature_block
from .signing_table import (
    SIGNING_ROW_HEIGHT_PT,
    column_width_pt,
    nip_cell,
    position_and_institution,
    signature_cell,
)
from .wording import Wording

NAME = "daftar-hadir"
_WIDTHS = (1.2, 4.5, 5.9, 4.4)
_WIDTHS_WITH_NIP = (1.2, 3.5, 4.3, 3.7, 3.3)
_FONT_DELTA = -1.0
_FONT_DELTA_WITH_NIP = -2.0  # an NIP of 18 digits fits its column on one line at 10 pt
WORDING = (
    *KOP_WORDING,
    "daftar-hadir.nama",
    "daftar-hadir.judul",
    "daftar-hadir.judul_berkas",
    "daftar-hadir.tempat",
    "label.acara",
    "label.hari_tanggal",
    "label.waktu",
    "label.tempat",
    "label.mengetahui",
    "label.no",
    "label.nama",
    "label.nip",
    "label.jabatan_instansi",
    "label.tanda_tangan",
)
"""Every wording key the daftar hadir uses."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the list needs: someone to list, or blank rows to write in; a drawable kop."""
    problems = kop_problems(rembuk, pack, NAME)
    if not rembuk.attendees and rembuk.attendance.blank_rows == 0:
        problems.append(
            Problem(("attendance", "blank_rows"), Message("requires.daftar_hadir.empty"))
        )
    return problems


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the list: kop, title, acara, hari/tanggal, waktu, tempat, the table, 'Mengetahui'."""
    require(requirements(rembuk, pack))
    settings = rembuk.attendance
    event = rembuk.event
    people = rembuk.attendees
    say = Wording(rembuk, pack, name=NAME)
    name = settings.title or say.paragraph("daftar-hadir.nama")
    waktu = waktu_range(event.start, event.end, event.timezone.value)
    fields = (
        (say.paragraph("label.acara"), event.name),
        (say.paragraph("label.hari_tanggal"), hari_tanggal(event.date)),
        (say.paragraph("label.waktu"), waktu[0].upper() + waktu[1:]),
        (say.paragraph("label.tempat"), say.paragraph("daftar-hadir.tempat")),
    )
    closing = None
    if settings.acknowledged_by is not None:
        knows = say.paragraph("label.mengetahui")
        closing = SignatureGrid(
            blocks=(signature_block(settings.acknowledged_by, pack, before=(knows,)),),
            columns=2,
            space_lines=pack.signature.space_lines,
            last_alone_right=True,
        )
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(say.lines("daftar-hadir.judul", judul=name)),
        Fields(fields, label_width_cm=3.2),
        _table(say, people, settings.blank_rows, settings.show_nip, closing),
    ]
    return Document(
        name=NAME,
        title=say.paragraph("daftar-hadir.judul_berkas", judul=name),
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "daftar hadir", rembuk.region.title),
    )


def _table(
    say: Wording,
    people: list[Attendee],
    blank_rows: int,
    show_nip: bool,
    closing: SignatureGrid | None,
) -> DataTable:
    """No | Nama | (NIP) | Jabatan / Instansi | Tanda Tangan, then numbered blank rows."""
    pack = say.pack
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
    columns = [
        Column(say.paragraph("label.no"), widths[0], Align.CENTER),
        Column(say.paragraph("label.nama"), widths[1]),
    ]
    if show_nip:
        columns.append(Column(say.paragraph("label.nip"), widths[2], Align.CENTER))
    columns += [
        Column(say.paragraph("label.jabatan_instansi"), widths[-2]),
        Column(say.paragraph("label.tanda_tangan"), widths[-1]),
    ]
    return DataTable(
        columns=tuple(columns),
        rows=rows,
        stagger_column=len(columns) - 1,
        min_row_height_pt=SIGNING_ROW_HEIGHT_PT,
        font_size_delta=delta,
        closing=closing,
    )
