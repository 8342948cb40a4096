"""The minutes (notulen): who spoke and what they said, questions, decisions and follow-up actions."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from ..messages import invalid
from .base import ClockTime, Day, OptionalText, StrictModel, Text, parse_date
from .people import Signatory

# Text that looks like a date is read as one, so '30 Februari 2024' is refused instead of being
# printed as a free-text deadline; anything else ('Triwulan III 2024') stays text.
_DATE_LIKE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\s+[A-Za-z]+\s+\d{4}"
)


def _due_value(value: Any) -> Any:
    if isinstance(value, str) and _DATE_LIKE.fullmatch(value.strip()):
        return parse_date(value)
    return value


Due = Annotated[Day | Text | None, BeforeValidator(_due_value)]
"""A deadline: a date (2024-08-31, '31 Agustus 2024') or a period in words ('Triwulan III 2024')."""


class Remark(StrictModel):
    """A speech (sambutan, arahan or laporan) and its key points."""

    speaker: Text = Field(
        description="Who spoke, as the minutes name them, e.g. 'Wakil Bupati Kupang, Jerry Manafe'."
    )
    points: list[Text] = Field(min_length=1, description="The key points, one sentence each.")


class Presentation(StrictModel):
    """A presentation (paparan) given at the meeting."""

    speaker: Text = Field(
        description="Who presented, e.g. 'Kepala Perwakilan BKKBN Provinsi Sumatera Selatan'."
    )
    title: Text = Field(description="Subject of the presentation, e.g. 'Hasil Analisis Situasi'.")
    points: list[Text] = Field(default_factory=list, description="Its key points.")


class Discussion(StrictModel):
    """One question (or remark from the floor) and the answer it got."""

    question: Text = Field(description="The question or remark.")
    asked_by: Text = Field(description="Who asked, e.g. 'Camat Amarasi'.")
    answer: OptionalText = Field(
        default=None, description="The answer; omit when it was noted for follow-up only."
    )
    answered_by: OptionalText = Field(
        default=None, description="Who answered, e.g. 'Kepala Dinas Kesehatan'."
    )


class FollowUp(StrictModel):
    """A follow-up action (rencana tindak lanjut): what, who and by when."""

    action: Text = Field(description="What is to be done.")
    responsible: Text = Field(description="Who is responsible, e.g. 'Bappeda dan Dinas Kesehatan'.")
    due: Due = Field(
        default=None,
        description="By when: a date (2024-08-31 or '31 Agustus 2024') or words ('Triwulan III 2024').",
    )


class ActionReview(StrictModel):
    """The state of one convergence action (aksi konvergensi) as an assessment found it."""

    aksi: int | None = Field(
        default=None,
        ge=1,
        le=99,
        description=(
            "The aksi's number: the documents cite it by the name the format pack's aksi.toml "
            "gives for the event's year ('Aksi 3: Rembuk Stunting')."
        ),
    )
    action: OptionalText = Field(
        default=None,
        description="The action in the definition's own words; wins over aksi.",
    )
    status: Text = Field(description="What the assessment found, e.g. 'Telah dilaksanakan'.")
    note: OptionalText = Field(default=None, description="Remarks or what must still be done.")

    @model_validator(mode="after")
    def _named(self) -> ActionReview:
        if self.aksi is None and not self.action:
            raise invalid("aksi.review_needs_action")
        return self


class Minutes(StrictModel):
    """Content of the minutes (notulen); the header comes from the event."""

    title: OptionalText = Field(
        default=None,
        description=(
            "Title wording, e.g. 'Notulen Rapat'; omit it for the format pack's (wording "
            "'notulen.nama', 'Notulen')."
        ),
    )
    notulis: Signatory = Field(description="Who took the minutes; signs them.")
    chair: Signatory | None = Field(
        default=None,
        description=(
            "The pimpinan rapat, who signs the minutes. Omit it when event.chair is the position "
            "of one of the signatories: that signatory is taken."
        ),
    )
    closed_at: ClockTime | None = Field(
        default=None,
        description="When the chair closed the meeting, e.g. '12.30'; also the end time when event.end is not given.",
    )
    place: OptionalText = Field(
        default=None,
        description="Place written before the date of signing; defaults to the agreement's place.",
    )
    participant_count: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Number of participants; defaults to the number of attendees listed.",
    )
    participants: list[Text] = Field(
        default_factory=list,
        description="Who took part, by group, e.g. 'Camat se-Kabupaten Kupang'.",
    )
    agenda: list[Text] = Field(default_factory=list, description="Items of the agenda, in order.")
    remarks: list[Remark] = Field(
        default_factory=list, description="Speeches (sambutan, arahan) and their key points."
    )
    presentations: list[Presentation] = Field(
        default_factory=list, description="Presentations (paparan) and their key points."
    )
    actions_review: list[ActionReview] = Field(
        default_factory=list,
        description="Assessment of the convergence actions (8 aksi konvergensi), one entry each.",
    )
    discussion: list[Discussion] = Field(
        default_factory=list, description="Questions from the floor and their answers."
    )
    decisions: list[Text] = Field(
        default_factory=list,
        description=(
            "What the meeting concluded or decided. Unless one of them names the agreement's "
            "kind (e.g. 'Komitmen Bersama'), the minutes add that the agreement was adopted, "
            "titled and numbered as the agreement itself, with its number of pledges."
        ),
    )
    follow_ups: list[FollowUp] = Field(
        default_factory=list, description="Follow-up actions: what, who and by when."
    )
