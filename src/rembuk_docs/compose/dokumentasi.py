"""The photo documentation (dokumentasi): the event's photos, two to four a page, each with its
caption, under a title naming the event, its date and place.

The photos are turned upright and made small once here (rembuk_docs.photos); the PDF and the
DOCX draw the same JPEG bytes at the same size (compose/layout.py decides the boxes).
"""

from __future__ import annotations

from ..errors import DefinitionError, Problem, require
from ..formats.pack import FormatPack
from ..messages import Message
from ..model import Documentation, Rembuk
from ..photos import prepare
from .blocks import Align, Block, Document, PageBreak, Paragraph, Picture, PictureGrid, Title, plain
from .common import KOP_WORDING
from .layout import PHOTO_CAPTION_CM, fit_photo, photo_grid, photo_pages, photo_pixels
from .meeting import place_line
from .wording import Wording

NAME = "dokumentasi"
WORDING = (
    *KOP_WORDING,
    "dokumentasi.nama",
    "dokumentasi.judul",
    "dokumentasi.keterangan",
    "rapat.tempat",
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
    columns, _, box_width, box_height = photo_grid(pack, section.per_page)
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
        width, height = fit_photo(ready.width, ready.height, (box_width, box_height))
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
    for count in photo_pages(len(pictures), section.per_page):
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
    return Document(
        name=NAME,
        title=say.paragraph("dokumentasi.nama") + " " + rembuk.event.name,
        subject=say.paragraph("dokumentasi.nama") + " " + rembuk.event.name,
        author=rembuk.issuer,
        date=rembuk.event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "dokumentasi", rembuk.region.title),
    )
