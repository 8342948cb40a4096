"""Which nomor are still blanks: the documents that carry one in practice print a dotted blank
to fill in by hand, and ``validate`` and ``render`` say so."""

from __future__ import annotations

from ..errors import Problem
from ..formats.pack import FormatPack
from ..messages import FieldName, Message
from ..model import Rembuk
from .common import number_gaps
from .registry import pack_documents

NUMBERED = {"kesepakatan": "agreement", "berita-acara": "record"}
"""The documents that carry a nomor, and the definition section that holds it."""


def missing_numbers(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """One problem per document of the pack whose nomor is still (partly) a dotted blank."""
    problems = []
    for name in pack_documents(rembuk):
        location = NUMBERED.get(name)
        if location is None:
            continue
        gaps = number_gaps(rembuk, pack, location)
        if gaps:
            problems.append(
                Problem(
                    (location, "number"),
                    Message(
                        "draft.number_blank",
                        document=name,
                        field=FieldName(location, "number"),
                        parts=", ".join(gaps),
                    ),
                )
            )
    return problems
