"""The photo documentation (dokumentasi): the event's photos, two to four a page, each with its
caption, under a title naming the event, its date and place. It is a lampiran of the berita
acara, and a lampiran that carries content is signed (domain.md 1.7, 1.8): its last page closes
with the line that binds it to the berita acara and the signatures of who made the berita acara,
as the berita acara's lampiran of pledges does. The last page's photos are made smaller
where that room is not left under them.

The photos are turned upright and made small once here (rembuk_docs.photos); the PDF and the
DOCX draw the same JPEG bytes at the same size (compose/layout.py decides the boxes).
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import DefinitionError, Problem, require
from ..formats.pack import FormatPack
from ..messages import Message
from ..model import Documentation, OfficialRecord, Rembuk
from ..model.paperwork import record_parties
from ..photos import prepare
from .blocks import (
    Align,
    Block,
    Document,
    PageBreak,
    Paragraph,
    Picture,
    PictureGrid,
    SignatureGrid,
    Title,
    plain,
)
from .common import KOP_WORDING, document_number, signature_block
from .layout import (
    CM,
    PHOTO_CAPTION_CM,
    SINGLE_LINE,
    estimated_lines,
    fit_photo,
    photo_grid,
    photo_pages,
    photo_pixels,
    signature_grid_height,
    text_width_pt,
)
from .meeting import place_line
from .registry import pack_documents
from .wording import Wording

NAME = "dokumentasi"
WORDING = (
    *KOP_WORDING,
    "dokumentasi.nama",
    "dokumentasi.judul",
    "dokumentasi.keterangan",
    "rapat.tempat",
    "berita-acara.lampiran_penutup",
    "berita-acara.para_pihak",
    "berita-acara.pembuat",
)
"""Every wording key the dokumentasi uses."""


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the photo pages need: a dokumentasi section with photos (each photo was checked
    when the definition was loaded; one that changed since is reported when composed)."""
    section = rembuk.dokumentasi
    if section is None or not section.photos:
        return [Problem("dokumentasi", Message("dokumentasi.missing"))]
    return []


def _section(rembuk: Rembuk, pack: FormatPack) -> Documentation:
    require(requirements(rembuk, pack))
    section = rembuk.dokumentasi
    assert section is not None  # required above
    return section


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the photo pages; DefinitionError without photos or with one that cannot be read."""
    section = _section(rembuk, pack)
    say = Wording(rembuk, pack, name=NAME)
    closing = signed_closing(rembuk, pack)
    columns, _, box_width, box_height = photo_grid(pack, section.per_page)
    shares = photo_pages(len(section.photos), section.per_page)
    # the last page's photos are made smaller only when the signature would not fit under them
    last_box = box_height
    if closing:
        reserve = closing_height_cm(closing, pack)
        last_rows = -(-shares[-1] // columns)
        fitted = photo_grid(pack, section.per_page, reserve, rows=last_rows)[3]
        last_box = min(box_height, fitted)
    first_of_last = len(section.photos) - shares[-1]
    most_w, most_h = photo_pixels((box_width, box_height))
    pictures: list[Picture] = []
    problems: list[Problem] = []
    for index, photo in enumerate(section.photos):
        try:
            ready = prepare(
                photo.path, most_w, most_h, location=f"dokumentasi.photos[{index}].path"
            )
        except DefinitionError as exc:
            problems.extend(exc.problems)
            continue
        box = (box_width, last_box if index >= first_of_last else box_height)
        width, height = fit_photo(ready.width, ready.height, box)
        pictures.append(Picture(ready.data, width, height, photo.caption))
    if problems:
        raise DefinitionError(problems)
    blocks: list[Block] = [
        Title(say.lines("dokumentasi.judul")),
        Paragraph(
            plain(say.paragraph("dokumentasi.keterangan", tempat=place_line(say))),
            align=Align.CENTER,
            space_after_pt=10,
        ),
    ]
    start = 0
    for count in shares:
        if start:
            blocks.append(PageBreak())
        start += count
        blocks.append(
            PictureGrid(
                pictures=tuple(pictures[start - count : start]),
                columns=columns,
                cell_width_cm=box_width,
                row_height_cm=box_height + PHOTO_CAPTION_CM,
            )
        )
    if closing:
        blocks.extend(closing)
    return Document(
        name=NAME,
        title=say.paragraph("dokumentasi.nama") + " " + rembuk.event.name,
        subject=say.paragraph("dokumentasi.nama") + " " + rembuk.event.name,
        author=rembuk.issuer,
        date=rembuk.event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "dokumentasi", rembuk.region.title),
    )


def signed_closing(rembuk: Rembuk, pack: FormatPack) -> tuple[Paragraph, SignatureGrid] | None:
    """What closes the photo pages of a pack with a berita acara: 'Lampiran ini merupakan bagian
    yang tidak terpisahkan dari Berita Acara Nomor ...' kept with the signatures of who made the
    berita acara (under its own heading); ``None`` without a berita acara in the pack."""
    if "berita-acara" not in pack_documents(rembuk):
        return None
    from .berita_acara import parties_heading_of

    record = rembuk.record or OfficialRecord()
    nomor = document_number(
        rembuk, pack, number=record.number, parts=record.numbering, day=rembuk.event.date
    )
    say = Wording(rembuk, pack, name=NAME, number=nomor)
    line = Paragraph(plain(say.paragraph("berita-acara.lampiran_penutup")), keep_with_next=True)
    grid = SignatureGrid(
        blocks=tuple(signature_block(person, pack) for person in record_parties(rembuk)),
        columns=pack.signature.columns,
        heading=(parties_heading_of(say, record), ""),
        space_lines=pack.signature.space_lines,
    )
    return line, grid


def closing_height_cm(closing: tuple[Paragraph, SignatureGrid], pack: FormatPack) -> float:
    """About how tall the closing line and the signatures are, in cm (the photos are fitted into
    what is left of the page). A grid of fewer blocks than columns spreads them over the width."""
    line, grid = closing
    size = pack.font.size
    line_pt = size * SINGLE_LINE * pack.font.line_spacing
    width_pt = text_width_pt(pack)
    text = "".join(run.text for run in line.content)
    height = estimated_lines(text, width_pt, size) * line_pt + line.space_after_pt
    spread = replace(grid, columns=max(1, min(grid.columns, len(grid.blocks))))
    height += signature_grid_height(
        spread, pack, width_pt, lambda words, width: estimated_lines(words, width, size)
    )
    return height / CM
