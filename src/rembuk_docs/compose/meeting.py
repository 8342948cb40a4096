"""The meeting as the minutes and the berita acara describe it: place, time, people and headings."""

from __future__ import annotations

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import letter_label, pukul, tanggal, waktu_range
from ..messages import Message
from ..model import ActionReview, Minutes, Rembuk, Signatory
from .blocks import Align, Column, DataTable, Paragraph, Run, TextStyle
from .wording import Wording

WORDING = (
    "rapat.tempat",
    "rapat.tempat_frasa",
    "rapat.ditutup",
    "label.no",
    "rapat.kolom_aksi",
    "rapat.kolom_status",
    "rapat.kolom_keterangan",
)
"""The wording keys this module uses."""


def place_line(say: Wording) -> str:
    """Where it was held, for a 'Tempat :' line; an online event names its platform and link."""
    return say.paragraph("rapat.tempat")


def place_phrase(say: Wording) -> str:
    """Where it was held, as it follows 'bertempat di' in a sentence."""
    return say.paragraph("rapat.tempat_frasa")


def time_line(rembuk: Rembuk) -> str:
    """'Pukul 09.00 s.d. 12.30 WITA', or 'Pukul 09.00 WITA s.d. selesai' when no end is known."""
    event = rembuk.event
    text = waktu_range(event.start, rembuk.end_time, event.timezone.value)
    return text[0].upper() + text[1:]


def closing_sentence(say: Wording, chair: Signatory) -> str:
    """'Rapat ditutup oleh Wakil Bupati Kupang pada pukul 12.30 WITA.' (no time when none is known)."""
    rembuk = say.rembuk
    event = rembuk.event
    closed = rembuk.end_time
    when = pukul(closed, event.timezone.value) if closed else ""
    return say.paragraph("rapat.ditutup", pimpinan=chair.position, pukul=when)


def signing_line(rembuk: Rembuk, place: str | None) -> str:
    """'Kupang, 25 Juli 2022': the place given, else the agreement's, else the region; the event date."""
    where = place or rembuk.agreement.place or rembuk.region.name
    return f"{where}, {tanggal(rembuk.event.date)}"


def person_line(person: Signatory) -> str:
    """'Jerry Manafe, Wakil Bupati Kupang': the printed name and the position."""
    return f"{person.printed_name()}, {person.position}"


def section_heading(index: int, text: str) -> Paragraph:
    """A lettered, bold section heading ('A. Agenda') that stays with what follows it."""
    return Paragraph(
        (Run(f"{letter_label(index)}. {text}", bold=True),),
        align=Align.LEFT,
        space_after_pt=4,
        keep_with_next=True,
        style=TextStyle.HEADING,
    )


def review_problems(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """Assessment rows naming an aksi by a number the year's aksi list lacks."""
    from ..aksi import action_label, framework

    minutes = rembuk.minutes
    if minutes is None:
        return []
    problems = []
    year = rembuk.event.date.year
    for index, review in enumerate(minutes.actions_review):
        if review.action or review.aksi is None:
            continue
        if action_label(rembuk, pack, review.aksi) is None:
            chosen = framework(pack, year)
            problems.append(
                Problem(
                    f"minutes.actions_review[{index}].aksi",
                    Message(
                        "aksi.unknown_number",
                        year=year,
                        number=review.aksi,
                        count=len(chosen.actions) if chosen else 0,
                    ),
                )
            )
    return problems


def action_name(say: Wording, review: ActionReview) -> str:
    """The aksi as the row cites it: its own words, else the year's name for its number."""
    from ..aksi import action_label

    if review.action:
        return review.action
    assert review.aksi is not None  # the model wants one of them
    label = action_label(say.rembuk, say.pack, review.aksi)
    if label is None:
        require(review_problems(say.rembuk, say.pack))
        raise AssertionError("unreachable")  # review_problems reports this row
    return label


def actions_review_table(say: Wording, minutes: Minutes) -> DataTable:
    """The assessed aksi konvergensi with their status and notes (the notulen and berita acara);
    an aksi given by number is named from the format pack's aksi.toml for the event's year."""
    rows = [
        (str(number), action_name(say, review), review.status, review.note or "-")
        for number, review in enumerate(minutes.actions_review, start=1)
    ]
    return DataTable(
        columns=(
            Column(say.paragraph("label.no"), 0.7, Align.CENTER),
            Column(say.paragraph("rapat.kolom_aksi"), 4.2),
            Column(say.paragraph("rapat.kolom_status"), 2.6),
            Column(say.paragraph("rapat.kolom_keterangan"), 4.2),
        ),
        rows=rows,
    )
