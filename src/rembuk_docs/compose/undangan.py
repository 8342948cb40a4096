"""The invitation (undangan): a letter in the korespondensi shape (domain.md 1.1).

Place and date at the top right; Nomor, Sifat, Lampiran and Hal; 'Yth.' with the addressees (or
'daftar terlampir'); the body with Hari/Tanggal, Waktu, Tempat and Acara; the closing and the
signer. Without addressees the attendees are listed on a lampiran of invitees, signed too.
"""

from __future__ import annotations

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import hari_tanggal, tanggal, waktu_range
from ..messages import Message
from ..model import Invitation, Rembuk
from .blocks import (
    Align,
    Block,
    Column,
    DataTable,
    Document,
    Fields,
    PageBreak,
    Paragraph,
    SignatureGrid,
    Spacer,
    Title,
    plain,
)
from .common import (
    KOP_WORDING,
    NUMBER_BLANK,
    document_number,
    kop_problems,
    letterhead,
    signature_block,
)
from .lampiran import LAMPIRAN_INDENT_CM
from .meeting import place_line
from .signing_table import position_and_institution
from .wording import Wording

NAME = "undangan"
WORDING = (
    *KOP_WORDING,
    "undangan.nama",
    "undangan.sifat",
    "undangan.hal",
    "undangan.label_sifat",
    "undangan.label_lampiran",
    "undangan.label_hal",
    "undangan.lampiran_ada",
    "undangan.lampiran_tidak_ada",
    "undangan.kepada",
    "undangan.pembuka",
    "undangan.penutup",
    "undangan.lampiran_kepala",
    "undangan.daftar_judul",
    "undangan.kolom_tujuan",
    "label.nomor",
    "label.hari_tanggal",
    "label.waktu",
    "label.tempat",
    "label.acara",
    "label.no",
    "label.nama",
    "label.jabatan_instansi",
    "rapat.tempat",
)
"""Every wording key the undangan uses."""
_LABEL_WIDTH_CM = 2.6
_BODY_INDENT_CM = 1.25
_DATE_BLANK = "..............................."
MAX_LISTED_ADDRESSEES = 5
"""More addressees than this are listed on the lampiran ('daftar terlampir'), not in the letter."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the invitation needs: an invitation section, someone to invite, a drawable kop."""
    problems = kop_problems(rembuk, pack, NAME)
    invitation = rembuk.invitation
    if invitation is None:
        problems.append(Problem(("invitation",), Message("undangan.missing")))
    elif not invitation.addressees and not rembuk.attendees:
        problems.append(Problem(("invitation", "addressees"), Message("undangan.no_invitees")))
    return problems


def _invitation(rembuk: Rembuk) -> Invitation:
    if rembuk.invitation is None:
        require([Problem(("invitation",), Message("undangan.missing"))])
    invitation = rembuk.invitation
    assert invitation is not None  # required above
    if not invitation.addressees and not rembuk.attendees:
        require([Problem(("invitation", "addressees"), Message("undangan.no_invitees"))])
    return invitation


def invitation_number(rembuk: Rembuk, pack: FormatPack) -> str:
    """The invitation's nomor: as written, else its parts joined by the pack's pattern."""
    invitation = _invitation(rembuk)
    return document_number(
        rembuk,
        pack,
        number=invitation.number,
        parts=invitation.numbering,
        day=invitation.date or rembuk.event.date,
    )


def _date_line(rembuk: Rembuk, invitation: Invitation) -> str:
    where = invitation.place or rembuk.agreement.place or rembuk.region.name
    when = tanggal(invitation.date) if invitation.date else _DATE_BLANK
    return f"{where}, {when}"


def _hal(given: str | None, default: str) -> str:
    """The Hal line: the definition's, else the pack's ("Undangan" and the event's name). A bare
    "Undangan" takes the event's name after it as the default does, and a word said twice at
    the start ("Undangan Undangan Rembuk ...", an event named "Undangan ...") is said once."""
    default_words = default.split()
    text = given.strip() if given else default
    if default_words and text.casefold() == default_words[0].casefold():
        text = default
    words = text.split()
    while len(words) > 1 and words[0].casefold() == words[1].casefold():
        words.pop(0)
    return " ".join(words)


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the invitation; DefinitionError when :func:`requirements` finds a problem."""
    require(requirements(rembuk, pack))
    invitation = _invitation(rembuk)
    number = invitation_number(rembuk, pack)
    say = Wording(rembuk, pack, name=NAME, number=number)
    event = rembuk.event
    listed = not invitation.addressees or len(invitation.addressees) > MAX_LISTED_ADDRESSEES
    subject = _hal(invitation.subject, say.paragraph("undangan.hal"))
    attachment = say.paragraph("undangan.lampiran_ada" if listed else "undangan.lampiran_tidak_ada")
    end = event.end
    when = waktu_range(event.start, end, event.timezone.value)
    signer = signature_block(invitation.signatory, pack)
    closing = SignatureGrid(
        blocks=(signer,),
        columns=2,
        space_lines=pack.signature.space_lines,
        last_alone_right=True,
    )
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Paragraph(
            plain(_date_line(rembuk, invitation)),
            align=Align.LEFT,
            left_indent_cm=LAMPIRAN_INDENT_CM[False],
        ),
        Fields(
            (
                (say.paragraph("label.nomor"), number or NUMBER_BLANK),
                (
                    say.paragraph("undangan.label_sifat"),
                    invitation.nature or say.paragraph("undangan.sifat"),
                ),
                (say.paragraph("undangan.label_lampiran"), attachment),
                (say.paragraph("undangan.label_hal"), subject),
            ),
            label_width_cm=_LABEL_WIDTH_CM,
        ),
        Spacer(6),
    ]
    inline = [] if listed else list(invitation.addressees)
    lines = say.lines("undangan.kepada", alamat=inline)
    for index, line in enumerate(lines):
        blocks.append(
            Paragraph(
                plain(line),
                align=Align.LEFT,
                space_after_pt=0.0 if index < len(lines) - 1 else 8.0,
                keep_with_next=True,
            )
        )
    blocks.extend(
        (
            Paragraph(
                plain(say.paragraph("undangan.pembuka")), first_line_indent_cm=_BODY_INDENT_CM
            ),
            Fields(
                (
                    (say.paragraph("label.hari_tanggal"), hari_tanggal(event.date)),
                    (say.paragraph("label.waktu"), when[:1].upper() + when[1:]),
                    (say.paragraph("label.tempat"), place_line(say)),
                    (say.paragraph("label.acara"), invitation.agenda or event.name),
                ),
                label_width_cm=3.5,
            ),
            Spacer(4),
            # the closing sentence travels with the signature: never a page of the signer alone
            Paragraph(
                plain(say.paragraph("undangan.penutup")),
                first_line_indent_cm=_BODY_INDENT_CM,
                keep_with_next=True,
            ),
            closing,
        )
    )
    if listed:
        blocks.extend(_invitees(rembuk, say, invitation, number, closing))
    return Document(
        name=NAME,
        title=say.paragraph("undangan.nama") + " " + event.name,
        subject=subject,
        author=rembuk.issuer,
        date=invitation.date or event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "undangan", rembuk.region.title),
        number=number,
    )


def _invitees(
    rembuk: Rembuk,
    say: Wording,
    invitation: Invitation,
    number: str,
    closing: SignatureGrid,
) -> list[Block]:
    """The lampiran: the addressees (else the attendees) as the list of invitees, signed as
    the letter is."""
    head = say.lines(
        "undangan.lampiran_kepala",
        jabatan=invitation.signatory.position,
        tanggal=tanggal(invitation.date) if invitation.date else _DATE_BLANK,
    )
    table: DataTable
    if invitation.addressees:
        table = DataTable(
            columns=(
                Column(say.paragraph("label.no"), 1.2, Align.CENTER),
                Column(say.paragraph("undangan.kolom_tujuan"), 14.8),
            ),
            rows=[(str(n), who) for n, who in enumerate(invitation.addressees, start=1)],
            closing=closing,
        )
    else:
        table = DataTable(
            columns=(
                Column(say.paragraph("label.no"), 1.2, Align.CENTER),
                Column(say.paragraph("label.nama"), 6.0),
                Column(say.paragraph("label.jabatan_instansi"), 8.8),
            ),
            rows=[
                (str(n), person.full_name(), position_and_institution(person) or "-")
                for n, person in enumerate(rembuk.attendees, start=1)
            ],
            closing=closing,
        )
    return [
        PageBreak(),
        Paragraph(
            plain("\n".join(head)), align=Align.LEFT, left_indent_cm=LAMPIRAN_INDENT_CM[False]
        ),
        Title(say.lines("undangan.daftar_judul")),
        table,
    ]
