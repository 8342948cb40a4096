"""The agreement's numbered pledges, composed once for the kesepakatan and the berita acara."""

from __future__ import annotations

from .blocks import ListItem, NumberedList, Run, plain
from .dana_desa import WORDING as DANA_DESA_WORDING
from .dana_desa import extra_pledges
from .wording import Wording

WORDING = ("kesepakatan.penanggung_jawab", *DANA_DESA_WORDING)
"""The wording keys the pledge list uses."""


def pledge_list(say: Wording) -> NumberedList:
    """The pledges as written (items lettered, the office responsible in italics), then a desa's
    allocation pledge."""
    items = []
    for pledge in say.rembuk.agreement.pledges:
        content: tuple[Run, ...] = (Run(pledge.text),)
        if pledge.responsible:
            note = say("kesepakatan.penanggung_jawab", penanggung_jawab=pledge.responsible)
            content += (Run(note, italic=True),)
        items.append(ListItem(content, tuple(plain(item) for item in pledge.items)))
    items.extend(ListItem(plain(text)) for text in extra_pledges(say))
    return NumberedList(tuple(items))
