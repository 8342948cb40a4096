"""The event itself: date, time, place, chair, budget and legal basis."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..errors import FieldValueError
from ..indonesian import DAY_NAMES
from ..messages import Message
from .base import Choice, ClockTime, Day, Money, OptionalText, StrictModel, Text, Year


class TimeZone(Choice):
    """Indonesian time zones as written after a time."""

    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"


class Online(StrictModel):
    """How to join an online (daring) meeting."""

    platform: Text = Field(description="e.g. 'Zoom Meeting'.")
    link: OptionalText = Field(default=None, description="Meeting link.")
    meeting_id: OptionalText = Field(default=None, description="Meeting ID and passcode, if any.")


class Budget(StrictModel):
    """Money allocated to the event or the agreed activities."""

    amount: Money = Field(description="Amount in rupiah, e.g. 159820750 or 'Rp159.820.750,00'.")
    source: Text = Field(description="Funding source, e.g. 'DAK', 'APBD', 'Dana Desa'.")
    fiscal_year: Year | None = Field(
        default=None, description="Tahun anggaran, if different from the event year."
    )


class Event(StrictModel):
    """The rembuk meeting."""

    name: Text = Field(
        description="Name of the event, e.g. 'Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2022'."
    )
    date: Day = Field(description="Date of the event: 2022-07-25 or '25 Juli 2022'.")
    day: OptionalText = Field(
        default=None, description="Day name as written in the invitation; checked against the date."
    )
    start: ClockTime = Field(description="Start time, e.g. '09.00'.")
    end: ClockTime | None = Field(default=None, description="End time; omit for 's.d. selesai'.")
    timezone: TimeZone = Field(description="WIB, WITA or WIT.")
    venue: Text = Field(
        description="Place, e.g. 'Hotel Neo Aston, Kota Kupang'; for online events the host room."
    )
    online: Online | None = Field(
        default=None, description="Set when the event is held online (daring)."
    )
    chair: OptionalText = Field(
        default=None,
        description="Who leads the meeting (pimpinan rapat), e.g. 'Wakil Bupati Kupang'.",
    )
    budget: Budget | None = Field(default=None, description="Budget of the event and its source.")
    legal_basis: list[Text] = Field(
        default_factory=list,
        description="Regulations the agreement rests on, e.g. 'Peraturan Presiden Nomor 72 Tahun 2021 tentang ...'.",
    )

    @model_validator(mode="after")
    def _day_matches_date(self) -> Event:
        if self.day is not None:
            actual = DAY_NAMES[self.date.weekday()]
            if self.day.strip().lower().replace("'", "") != actual.lower():
                raise FieldValueError(
                    "day",
                    Message(
                        "model.event.day_mismatch",
                        day=self.day,
                        date=self.date.isoformat(),
                        actual=actual,
                    ),
                )
        if self.end is not None and self.end <= self.start:
            raise FieldValueError("end", Message("model.event.end_before_start"))
        return self
