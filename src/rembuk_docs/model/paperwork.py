"""Defaults of the minutes and berita acara taken from the rest of a definition, and their checks."""

from __future__ import annotations

from ..errors import Problem
from ..indonesian import tanggal
from ..messages import FieldName, Message
from .people import Role, Signatory
from .region import RegionKind
from .rembuk import Rembuk

DEFAULT_PARTIES = 2
"""How many of the agreement's first signatories sign a desa's berita acara that names no parties."""

_MENGETAHUI_ROLES = (Role.KEPALA_DAERAH, Role.WAKIL_KEPALA_DAERAH, Role.SEKDA)
"""Who acknowledges ('Mengetahui') a regency's berita acara by default, highest first."""


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


def _is_desa(rembuk: Rembuk) -> bool:
    return rembuk.region.kind in (RegionKind.DESA, RegionKind.KELURAHAN)


def parties_given(rembuk: Rembuk) -> bool:
    """Whether the definition names who signs the berita acara (``record.parties``)."""
    return rembuk.record is not None and bool(rembuk.record.parties)


def record_parties(rembuk: Rembuk) -> list[Signatory]:
    """Who signs the berita acara (domain.md 1.8).

    ``record.parties`` when given. Otherwise a desa's is signed by the agreement's first two
    signatories (the kepala desa and the BPD chair, "Yang bersepakat"), and a regency's by the one
    who makes it ("Yang membuat berita acara"): the head of the organising office among the
    signatories, else the first civil servant, else the first signatory not acknowledging it.
    """
    if rembuk.record is not None and rembuk.record.parties:
        return list(rembuk.record.parties)
    if _is_desa(rembuk):
        return list(rembuk.signatories[:DEFAULT_PARTIES])
    signatories = list(rembuk.signatories)
    if rembuk.organizer is not None:
        office = rembuk.organizer.name.strip().casefold()
        head = next((p for p in signatories if office in p.position.casefold()), None)
        if head is not None:
            return [head]
    acknowledging = _default_witness(rembuk, [])
    others = [p for p in signatories if p != acknowledging]
    maker = next((p for p in others if p.role is Role.ASN), others[0] if others else None)
    return [maker] if maker is not None else signatories[:1]


def _default_witness(rembuk: Rembuk, parties: list[Signatory]) -> Signatory | None:
    """The kepala daerah, else the wakil, else the sekda among the signatories, not a party."""
    for role in _MENGETAHUI_ROLES:
        for person in rembuk.signatories:
            if person.role is role and person not in parties:
                return person
    return None


def record_witnesses(rembuk: Rembuk) -> list[Signatory]:
    """Who acknowledges the berita acara ('Mengetahui'): ``record.witnesses`` when given (``[]``:
    nobody); otherwise, for a regency, the kepala daerah, else the wakil, else the sekda among the
    signatories when none of them signs it as a party; a desa has none by default."""
    if rembuk.record is not None and rembuk.record.witnesses is not None:
        return list(rembuk.record.witnesses)
    if _is_desa(rembuk):
        return []
    witness = _default_witness(rembuk, record_parties(rembuk))
    return [witness] if witness is not None else []


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
            given: Message | str = (
                f"event.chair '{rembuk.event.chair}'"
                if rembuk.event.chair
                else Message("model.minutes.no_chair")
            )
            problems.append(
                Problem(("minutes", "chair"), Message("model.minutes.chair_unknown", given=given))
            )
        if minutes.closed_at is not None and minutes.closed_at <= rembuk.event.start:
            problems.append(
                Problem(
                    ("minutes", "closed_at"),
                    Message(
                        "model.minutes.closes_before_start",
                        closed_at=FieldName("minutes", "closed_at"),
                        start=FieldName("event", "start"),
                    ),
                )
            )
        end = rembuk.event.end
        if minutes.closed_at is not None and end is not None and minutes.closed_at != end:
            problems.append(
                Problem(
                    ("minutes", "closed_at"),
                    Message(
                        "model.minutes.end_differs",
                        closed=minutes.closed_at.strftime("%H.%M"),
                        end=end.strftime("%H.%M"),
                    ),
                )
            )
        count = minutes.participant_count
        if count is not None and count < len(rembuk.attendees):
            problems.append(
                Problem(
                    ("minutes", "participant_count"),
                    Message("model.minutes.count_below", count=count, listed=len(rembuk.attendees)),
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
