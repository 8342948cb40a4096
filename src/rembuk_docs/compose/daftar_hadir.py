"""The attendance list (daftar hadir) of the event: numbered rows to sign, blank rows for walk-ins."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import hari_tanggal, waktu_range
from ..messages import Message
from ..model import Attendance, Attendee, Rembuk
from .blocks import Align, Block, Column, DataTable, Document, Fields, SignatureGrid, Title
from .common import KOP_WORDING, kop_problems, letterhead, signature_block
from .layout import text_height_pt
from .signing_table import (
    SIGNING_ROW_HEIGHT_PT,
    column_width_pt,
    nip_cell,
    position_and_institution,
    signature_cells,
)
from .wording import Wording

NAME = "daftar-hadir"
# relative widths of the columns (scaled to the text width): No, each column, Tanda Tangan
_NO_WIDTH = 1.2
_SIGN_WIDTH = 4.4
_WIDTHS = {
    "nama": 4.5,
    "nip": 3.6,
    "jabatan": 3.6,
    "instansi": 3.6,
    "jabatan_instansi": 5.9,
    "no_hp": 2.9,
    "jenis_kelamin": 1.4,
}
_ALIGN = {"nip": Align.CENTER, "no_hp": Align.CENTER, "jenis_kelamin": Align.CENTER}
_LABEL = {
    "nama": "label.nama",
    "nip": "label.nip",
    "jabatan": "label.jabatan",
    "instansi": "label.instansi",
    "jabatan_instansi": "label.jabatan_instansi",
    "no_hp": "label.no_hp",
    "jenis_kelamin": "label.jenis_kelamin",
}
_FONT_DELTA = -1.0
_FONT_DELTA_NARROW = (
    -2.0
)  # with three columns or more an NIP of 18 digits fits on one line at 10 pt
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
    "label.jabatan",
    "label.instansi",
    "label.jabatan_instansi",
    "label.no_hp",
    "label.jenis_kelamin",
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
    waktu = waktu_range(event.start, rembuk.end_time, event.timezone.value)
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
        _table(say, people, settings.blank_rows, columns_of(settings, pack), closing),
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


def columns_of(settings: Attendance, pack: FormatPack) -> tuple[str, ...]:
    """The columns between No and Tanda Tangan: the definition's, else the pack's; with
    ``show_nip`` an NIP column after the name when neither names it."""
    if settings.columns is not None:
        return tuple(dict.fromkeys(str(column) for column in settings.columns))
    columns = tuple(dict.fromkeys(pack.attendance.columns))
    if settings.show_nip and "nip" not in columns:
        at = columns.index("nama") + 1 if "nama" in columns else 0
        columns = (*columns[:at], "nip", *columns[at:])
    return columns


def _jabatan_instansi_cell(person: Attendee, pack: FormatPack) -> str:
    """The cell of the 'Jabatan / Instansi' column."""
    return position_and_institution(person)


_CELLS: dict[str, Callable[[Attendee, FormatPack], str]] = {
    "nama": lambda person, pack: person.full_name(),
    "nip": nip_cell,
    "jabatan": lambda person, pack: person.position or "",
    "instansi": lambda person, pack: person.institution or "",
    "no_hp": lambda person, pack: person.phone or "",
    "jenis_kelamin": lambda person, pack: str(person.sex) if person.sex else "",
}
"""What a person writes in each column (else: jabatan and instansi in one)."""


def _table(
    say: Wording,
    people: list[Attendee],
    blank_rows: int,
    chosen: tuple[str, ...],
    closing: SignatureGrid | None,
) -> DataTable:
    """No | the chosen columns | Tanda Tangan, then numbered blank rows."""
    pack = say.pack
    widths = (_NO_WIDTH, *(_WIDTHS[column] for column in chosen), _SIGN_WIDTH)
    delta = _FONT_DELTA_NARROW if len(chosen) > 2 else _FONT_DELTA
    size = pack.font.size + delta
    sign = signature_cells(column_width_pt(pack, widths, len(widths) - 1), size)
    cell_of = [_CELLS.get(column, _jabatan_instansi_cell) for column in chosen]
    rows: list[tuple[str, ...]] = [
        (str(number), *[cell(person, pack) for cell in cell_of], sign(number))
        for number, person in enumerate(people, start=1)
    ]
    empty = ("",) * len(chosen)
    # blank rows, and a page more of them spare: the layout fills the last page with them
    spare = int(text_height_pt(pack) // SIGNING_ROW_HEIGHT_PT) + 1 if blank_rows else 0
    blank: list[tuple[str, ...]] = []
    for number in range(len(people) + 1, len(people) + blank_rows + spare + 1):
        blank.append((str(number), *empty, sign(number)))
    rows.extend(blank[:blank_rows])
    columns = [
        Column(say.paragraph("label.no"), widths[0], Align.CENTER),
        *(
            Column(say.paragraph(_LABEL[column]), width, _ALIGN.get(column, Align.LEFT))
            for column, width in zip(chosen, widths[1:-1], strict=True)
        ),
        Column(say.paragraph("label.tanda_tangan"), widths[-1]),
    ]
    return DataTable(
        columns=tuple(columns),
        rows=rows,
        stagger_column=len(columns) - 1,
        min_row_height_pt=SIGNING_ROW_HEIGHT_PT,
        font_size_delta=delta,
        closing=closing,
        blank_rows=blank_rows,
        spare_rows=tuple(blank[blank_rows:]),
    )
