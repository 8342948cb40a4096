"""The minutes (notulen): event header, agenda, speeches, presentations, discussion, decisions."""

from __future__ import annotations

from datetime import date

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import hari_tanggal, tanggal
from ..messages import Message
from ..model import Minutes, Rembuk
from ..model.paperwork import meeting_chair, participant_count
from .blocks import (
    Align,
    Block,
    Column,
    DataTable,
    Document,
    Fields,
    ListItem,
    NumberedList,
    Paragraph,
    Run,
    SignatureGrid,
    Spacer,
    Title,
    plain,
)
from .common import KOP_WORDING, join_words, kop_problems, letterhead, signature_block
from .dana_desa import WORDING as DANA_DESA_WORDING
from .dana_desa import activities_sentence, pledge_count
from .meeting import WORDING as MEETING_WORDING
from .meeting import (
    actions_review_table,
    closing_sentence,
    person_line,
    place_line,
    review_problems,
    section_heading,
    signing_line,
    time_line,
)
from .wording import Wording

NAME = "notulen"
WORDING = (
    *KOP_WORDING,
    "notulen.nama",
    "notulen.judul",
    "notulen.judul_berkas",
    "label.acara",
    "label.hari_tanggal",
    "label.waktu",
    "label.tempat",
    "notulen.pimpinan_rapat",
    "notulen.notulis",
    "notulen.peserta_label",
    "notulen.peserta",
    "notulen.bagian_agenda",
    "notulen.bagian_sambutan",
    "notulen.sambutan",
    "notulen.bagian_pemaparan",
    "notulen.pemaparan",
    "notulen.bagian_penilaian",
    "notulen.bagian_diskusi",
    "notulen.pertanyaan",
    "notulen.tanggapan",
    "notulen.bagian_keputusan",
    "notulen.keputusan_kesepakatan",
    "notulen.bagian_tindak_lanjut",
    "notulen.kolom_tindak_lanjut",
    "notulen.kolom_penanggung_jawab",
    "notulen.kolom_batas_waktu",
    "notulen.bagian_penutup",
    "label.mengetahui",
    *MEETING_WORDING,
    *DANA_DESA_WORDING,
)
"""Every wording key the notulen uses."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the minutes need: a minutes section, the pimpinan rapat who signs, a drawable kop."""
    problems = kop_problems(rembuk, pack, NAME)
    if rembuk.minutes is None:
        problems.append(Problem(("minutes",), Message("requires.notulen.minutes")))
    elif meeting_chair(rembuk) is None:
        problems.append(Problem(("minutes", "chair"), Message("requires.notulen.chair")))
    return [*problems, *review_problems(rembuk, pack)]


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the minutes; raise DefinitionError when :func:`requirements` finds a problem."""
    require(requirements(rembuk, pack))
    minutes = rembuk.minutes
    chair = meeting_chair(rembuk)
    assert minutes is not None and chair is not None  # required above
    event = rembuk.event
    say = Wording(rembuk, pack, name=NAME)
    name = minutes.title or say.paragraph("notulen.nama")
    chair_label = say.paragraph("notulen.pimpinan_rapat")
    notulis_label = say.paragraph("notulen.notulis")
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(say.lines("notulen.judul", judul=name)),
        Fields(
            (
                (say.paragraph("label.acara"), event.name),
                (say.paragraph("label.hari_tanggal"), hari_tanggal(event.date)),
                (say.paragraph("label.waktu"), time_line(rembuk)),
                (say.paragraph("label.tempat"), place_line(say)),
                (chair_label, f"{chair.printed_name()}, {event.chair or chair.position}"),
                (notulis_label, person_line(minutes.notulis)),
                (say.paragraph("notulen.peserta_label"), _participants(say, minutes)),
            )
        ),
    ]
    sections = _sections(say, minutes)
    for index, (heading, content) in enumerate(sections):
        blocks.append(section_heading(index, heading))
        blocks.extend(content)
    blocks.append(Spacer(12))
    blocks.append(
        SignatureGrid(
            blocks=(
                signature_block(
                    chair, pack, before=(say.paragraph("label.mengetahui"), chair_label)
                ),
                signature_block(
                    minutes.notulis,
                    pack,
                    before=(signing_line(rembuk, minutes.place), notulis_label),
                ),
            ),
            columns=2,
            space_lines=pack.signature.space_lines,
        )
    )
    return Document(
        name=NAME,
        title=say.paragraph("notulen.judul_berkas", judul=name),
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "notulen", rembuk.region.title),
    )


def _participants(say: Wording, minutes: Minutes) -> str:
    return say.paragraph(
        "notulen.peserta",
        jumlah=participant_count(say.rembuk),
        kelompok=join_words(list(minutes.participants)),
    )


def _sections(say: Wording, minutes: Minutes) -> list[tuple[str, list[Block]]]:
    """The body's sections that have content, each with its heading."""
    rembuk = say.rembuk
    sections: list[tuple[str, list[Block]]] = []
    if minutes.agenda:
        sections.append((say.paragraph("notulen.bagian_agenda"), [_list(minutes.agenda)]))
    if minutes.remarks:
        items = [
            ListItem(
                (Run(remark.speaker, bold=True), Run(say("notulen.sambutan"))),
                tuple(plain(point) for point in remark.points),
            )
            for remark in minutes.remarks
        ]
        heading = say.paragraph("notulen.bagian_sambutan")
        sections.append((heading, [NumberedList(tuple(items))]))
    if minutes.presentations:
        items = [
            ListItem(
                (
                    Run(talk.title, bold=True),
                    Run(say("notulen.pemaparan", penyaji=talk.speaker, butir=bool(talk.points))),
                ),
                tuple(plain(point) for point in talk.points),
            )
            for talk in minutes.presentations
        ]
        heading = say.paragraph("notulen.bagian_pemaparan")
        sections.append((heading, [NumberedList(tuple(items))]))
    if minutes.actions_review:
        table = actions_review_table(say, minutes)
        heading = say.paragraph("notulen.bagian_penilaian", jumlah=len(table.rows))
        sections.append((heading, [table, Spacer(6)]))
    if minutes.discussion:
        items = []
        for entry in minutes.discussion:
            answer: tuple[tuple[Run, ...], ...] = ()
            if entry.answer:
                who = say("notulen.tanggapan", penjawab=entry.answered_by or "")
                answer = ((Run(who, italic=True), Run(entry.answer)),)
            items.append(
                ListItem(
                    (
                        Run(say("notulen.pertanyaan", penanya=entry.asked_by), italic=True),
                        Run(entry.question),
                    ),
                    answer,
                )
            )
        heading = say.paragraph("notulen.bagian_diskusi")
        sections.append((heading, [NumberedList(tuple(items))]))
    decisions = list(minutes.decisions)
    kind = rembuk.agreement.kind.value.casefold()
    if not any(kind in decision.casefold() for decision in decisions):
        # the agreement's adoption, titled and numbered as the agreement itself, unless the
        # definition words it among its own decisions
        decisions.append(_agreement_adopted(say))
    if rembuk.village is not None:
        decisions.append(activities_sentence(say, rembuk.village))
    sections.append((say.paragraph("notulen.bagian_keputusan"), [_list(decisions)]))
    if minutes.follow_ups:
        rows = [
            (str(number), step.action, step.responsible, _due(step.due))
            for number, step in enumerate(minutes.follow_ups, start=1)
        ]
        table = DataTable(
            columns=(
                Column(say.paragraph("label.no"), 0.7, Align.CENTER),
                Column(say.paragraph("notulen.kolom_tindak_lanjut"), 5.4),
                Column(say.paragraph("notulen.kolom_penanggung_jawab"), 3.4),
                Column(say.paragraph("notulen.kolom_batas_waktu"), 2.4),
            ),
            rows=rows,
        )
        sections.append((say.paragraph("notulen.bagian_tindak_lanjut"), [table, Spacer(6)]))
    chair = meeting_chair(rembuk)
    assert chair is not None  # compose() checked it
    closing = Paragraph(plain(closing_sentence(say, chair)))
    sections.append((say.paragraph("notulen.bagian_penutup"), [closing]))
    return sections


def _list(texts: list[str]) -> NumberedList:
    return NumberedList(tuple(ListItem(plain(text)) for text in texts))


def _due(due: date | str | None) -> str:
    if isinstance(due, date):
        return tanggal(due)
    return due or "-"


def _agreement_adopted(say: Wording) -> str:
    """The decision every rembuk takes: the agreement with its pledges, by number when it has one."""
    agreement = say.rembuk.agreement
    return say.paragraph(
        "notulen.keputusan_kesepakatan",
        jenis=agreement.kind.value,
        jumlah=pledge_count(say.rembuk),
    )
