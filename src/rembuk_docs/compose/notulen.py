"""The minutes (notulen): event header, agenda, speeches, presentations, discussion, decisions."""

from __future__ import annotations

from datetime import date

from ..errors import DefinitionError, Problem
from ..formats.pack import FormatPack
from ..indonesian import hari_tanggal, tanggal, terbilang
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
from .common import join_words, letterhead, signature_block
from .dana_desa import activities_sentence, pledge_count
from .meeting import (
    actions_review_table,
    closing_sentence,
    person_line,
    place_line,
    section_heading,
    signing_line,
    time_line,
)

NAME = "notulen"


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the minutes; raise DefinitionError when the definition has no minutes or chair."""
    minutes = rembuk.minutes
    if minutes is None:
        raise DefinitionError(
            [
                Problem(
                    "minutes",
                    "the notulen needs a minutes section (at least minutes.notulis); add it, or "
                    "leave the notulen out (--only kesepakatan,berita-acara)",
                )
            ]
        )
    chair = meeting_chair(rembuk)
    if chair is None:
        raise DefinitionError(
            [Problem("minutes.chair", "the notulen needs the pimpinan rapat who signs it")]
        )
    event = rembuk.event
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title((minutes.title.upper(), event.name.upper())),
        Fields(
            (
                ("Acara", event.name),
                ("Hari/Tanggal", hari_tanggal(event.date)),
                ("Waktu", time_line(rembuk)),
                ("Tempat", place_line(event)),
                ("Pimpinan Rapat", f"{chair.printed_name()}, {event.chair or chair.position}"),
                ("Notulis", person_line(minutes.notulis)),
                ("Peserta", _participants(rembuk, minutes)),
            )
        ),
    ]
    sections = _sections(rembuk, minutes)
    for index, (heading, content) in enumerate(sections):
        blocks.append(section_heading(index, heading))
        blocks.extend(content)
    blocks.append(Spacer(12))
    blocks.append(
        SignatureGrid(
            blocks=(
                signature_block(chair, pack, before=("Mengetahui,", "Pimpinan Rapat")),
                signature_block(
                    minutes.notulis, pack, before=(signing_line(rembuk, minutes.place), "Notulis")
                ),
            ),
            columns=2,
            space_lines=pack.signature.space_lines,
        )
    )
    return Document(
        name=NAME,
        title=f"{minutes.title} {event.name}",
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "notulen", rembuk.region.title),
    )


def _participants(rembuk: Rembuk, minutes: Minutes) -> str:
    count = participant_count(rembuk)
    groups = join_words(list(minutes.participants))
    if count is not None and groups:
        text = f"{count} orang, terdiri atas {groups}"
    elif count is not None:
        text = f"{count} orang"
    elif groups:
        text = groups[0].upper() + groups[1:]
    else:
        return "Sebagaimana tercantum dalam daftar hadir terlampir"
    return f"{text} (daftar hadir terlampir)"


def _sections(rembuk: Rembuk, minutes: Minutes) -> list[tuple[str, list[Block]]]:
    """The body's sections that have content, each with its heading."""
    sections: list[tuple[str, list[Block]]] = []
    if minutes.agenda:
        sections.append(("Agenda", [_list(minutes.agenda)]))
    if minutes.remarks:
        items = [
            ListItem(
                (Run(remark.speaker, bold=True), Run(", pada pokoknya menyampaikan:")),
                tuple(plain(point) for point in remark.points),
            )
            for remark in minutes.remarks
        ]
        sections.append(("Sambutan dan Arahan", [NumberedList(tuple(items))]))
    if minutes.presentations:
        items = [
            ListItem(
                (
                    Run(talk.title, bold=True),
                    Run(f", disampaikan oleh {talk.speaker}" + (":" if talk.points else ".")),
                ),
                tuple(plain(point) for point in talk.points),
            )
            for talk in minutes.presentations
        ]
        sections.append(("Pemaparan Materi", [NumberedList(tuple(items))]))
    if minutes.actions_review:
        table = actions_review_table(minutes)
        heading = f"Penilaian Pelaksanaan {len(table.rows)} Aksi Konvergensi"
        sections.append((heading, [table, Spacer(6)]))
    if minutes.discussion:
        items = []
        for entry in minutes.discussion:
            answer: tuple[tuple[Run, ...], ...] = ()
            if entry.answer:
                who = f"Tanggapan {entry.answered_by}: " if entry.answered_by else "Tanggapan: "
                answer = ((Run(who, italic=True), Run(entry.answer)),)
            items.append(
                ListItem(
                    (Run(f"Pertanyaan {entry.asked_by}: ", italic=True), Run(entry.question)),
                    answer,
                )
            )
        sections.append(("Diskusi dan Tanya Jawab", [NumberedList(tuple(items))]))
    decisions = list(minutes.decisions) or [_agreement_adopted(rembuk)]
    if rembuk.village is not None:
        decisions.append(activities_sentence(rembuk, rembuk.village))
    sections.append(("Kesimpulan dan Keputusan", [_list(decisions)]))
    if minutes.follow_ups:
        rows = [
            (str(number), step.action, step.responsible, _due(step.due))
            for number, step in enumerate(minutes.follow_ups, start=1)
        ]
        table = DataTable(
            columns=(
                Column("No", 0.7, Align.CENTER),
                Column("Tindak Lanjut", 5.4),
                Column("Penanggung Jawab", 3.4),
                Column("Batas Waktu", 2.4),
            ),
            rows=rows,
        )
        sections.append(("Rencana Tindak Lanjut", [table, Spacer(6)]))
    chair = meeting_chair(rembuk)
    assert chair is not None  # compose() checked it
    sections.append(("Penutup", [Paragraph(plain(closing_sentence(rembuk, chair)))]))
    return sections


def _list(texts: list[str]) -> NumberedList:
    return NumberedList(tuple(ListItem(plain(text)) for text in texts))


def _due(due: date | str | None) -> str:
    if isinstance(due, date):
        return tanggal(due)
    return due or "-"


def _agreement_adopted(rembuk: Rembuk) -> str:
    """The decision every rembuk takes: the agreement with its pledges, by number when it has one."""
    agreement = rembuk.agreement
    count = pledge_count(rembuk)
    number = f" Nomor {agreement.number}" if agreement.number else ""
    return (
        f"Menyepakati dan menandatangani {agreement.kind.value} tentang {agreement.subject}"
        f"{number} yang memuat {count} ({terbilang(count)}) butir {agreement.kind.value.lower()}."
    )
