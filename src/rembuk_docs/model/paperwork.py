"""Defaults of the minutes and berita acara taken from the rest of a definition, and their checks."""

from __future__ import annotations

from ..errors import Problem
from ..indonesian import tanggal
from ..messages import Message
from .people import Signatory
from .rembuk import Rembuk

DEFAULT_PARTIES = 2
"""How many of the agreement's first signatories sign a berita acara that names no parties."""


def meeting_chair(rembuk: Rembuk) -> Signatory | None:
    """The pimpinan rapat who signs the minutes.

    ``minutes.chair`` when given, else the signatory whose position is ``event.chair``; ``None``
    when neither identifies one (or there are no minutes).
    """
    minutes = rembuk.minutes
    if minutes is None:
        return None
    if minutes.chair is not None:
        return minutes.chair
    wanted = (rembuk.event.chair or "").strip().casefold()
    if not wanted:
        return None
    return next((p for p in rembuk.signatories if p.position.strip().casefold() == wanted), None)


def record_parties(rembuk: Rembuk) -> list[Signatory]:
    """Who signs the berita acara: ``record.parties``, else the agreement's first two signatories."""
    if rembuk.record is not None and rembuk.record.parties:
        return list(rembuk.record.parties)
    return list(rembuk.signatories[:DEFAULT_PARTIES])


def participant_count(rembuk: Rembuk) -> int | None:
    """Number of participants: as stated in the minutes, else the attendees listed, else ``None``."""
    if rembuk.minutes is not None and rembuk.minutes.participant_count is not None:
        return rembuk.minutes.participant_count
    return len(rembuk.attendees) or None


def paperwork_problems(rembuk: Rembuk) -> list[Problem]:
    """Problems of the minutes and berita acara sections that involve other fields."""
    problems: list[Problem] = []
    minutes = rembuk.minutes
    if minutes is not None:
        if meeting_chair(rembuk) is None:
            given = (
                f"event.chair {rembuk.event.chair!r}" if rembuk.event.chair else "no event.chair"
            )
            problems.append(
                Problem(
                    ("minutes", "chair"),
                    f"the minutes need the pimpinan rapat who signs them: {given} is not the "
                    "position of any signatory; give minutes.chair (name, position, role)",
                )
            )
        if minutes.closed_at is not None and minutes.closed_at <= rembuk.event.start:
            problems.append(
                Problem(("minutes", "closed_at"), "the meeting cannot close before it starts")
            )
        count = minutes.participant_count
        if count is not None and count < len(rembuk.attendees):
            problems.append(
                Problem(
                    ("minutes", "participant_count"),
                    f"{count} participants, but {len(rembuk.attendees)} attendees are listed",
                )
            )
    invitation = rembuk.invitation
    if invitation is not None and invitation.date and invitation.date > rembuk.event.date:
        problems.append(
            Problem(
                ("invitation", "date"),
                Message(
                    "undangan.after_event",
                    date=tanggal(invitation.date),
                    event=tanggal(rembuk.event.date),
                ),
            )
        )
    return problems
