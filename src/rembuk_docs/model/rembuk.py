"""The root of a definition: one rembuk and everything its documents need."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from pydantic import Field

from .agreement import Agreement
from .attendance import Attendance
from .base import OptionalText, StrictModel
from .documentation import Documentation
from .event import Event
from .figures import Prevalence, PriorityVillages, Scope, Target
from .invitation import Invitation
from .minutes import Minutes
from .official_record import OfficialRecord
from .people import Attendee, Signatory
from .plan import ActivityPlan
from .region import Organizer, Region
from .village import Village


class Rembuk(StrictModel):
    """A rembuk stunting: validated once, rendered into every document."""

    format_pack: OptionalText = Field(
        default=None,
        description="Format pack (slug or folder) for letterhead, paper and wording; default 'default'.",
    )
    region: Region = Field(description="The kabupaten/kota (or desa) holding the rembuk.")
    organizer: Organizer | None = Field(
        default=None,
        description="Office whose letterhead the documents carry; omit for the regional government's.",
    )
    event: Event = Field(description="The meeting: date, time, place, budget, legal basis.")
    prevalence: list[Prevalence] = Field(
        default_factory=list, description="Stunting prevalence figures."
    )
    targets: list[Target] = Field(default_factory=list, description="Prevalence targets by year.")
    priority_villages: list[PriorityVillages] = Field(
        default_factory=list, description="Priority villages (lokus) by year."
    )
    agreement: Agreement = Field(description="The agreement with its numbered pledges.")
    signatories: list[Signatory] = Field(
        default_factory=list,
        description="Who signs the agreement, in order; at least one, here or in signatories_file.",
    )
    attendees: list[Attendee] = Field(
        default_factory=list, description="Who attended (daftar hadir)."
    )
    attendees_file: Path | None = Field(
        default=None,
        description=(
            "CSV or XLSX file of attendees, relative to the YAML file; read when the definition is "
            "loaded. Give attendees or attendees_file, not both."
        ),
    )
    signatories_file: Path | None = Field(
        default=None,
        description=(
            "CSV or XLSX file of signatories, relative to the YAML file; read when the definition "
            "is loaded. Give signatories or signatories_file, not both."
        ),
    )
    attendance: Attendance = Field(
        default_factory=Attendance,
        description="Layout of the attendance list: title, blank rows, NIP column, 'Mengetahui'.",
    )
    invitation: Invitation | None = Field(
        default=None,
        description=(
            "The invitation (undangan): nomor, sifat, hal, signatory and addressees; the "
            "undangan cannot be made without it."
        ),
    )
    minutes: Minutes | None = Field(
        default=None,
        description="Content of the minutes (notulen); the notulen cannot be made without it.",
    )
    record: OfficialRecord | None = Field(
        default=None,
        description="Settings of the berita acara; omit it for defaults taken from the agreement.",
    )
    rencana_kegiatan: ActivityPlan | None = Field(
        default=None,
        description=(
            "The integrated intervention plan agreed at the rembuk (rencana kegiatan): rows by "
            "OPD with pagu and sumber dana, printed as the matrix lampiran."
        ),
    )
    rencana_kegiatan_file: Path | None = Field(
        default=None,
        description=(
            "CSV or XLSX sheet of the plan's rows, relative to the YAML file (headers OPD, Program, "
            "Kegiatan, Sub Kegiatan, Intervensi, Sasaran, Indikator, Target, Satuan, Lokasi, Pagu, "
            "Sumber Dana). Give rencana_kegiatan.items or this file, not both."
        ),
    )
    dokumentasi: Documentation | None = Field(
        default=None,
        description=(
            "The photo documentation page: photos (path and caption) or a folder of photos, "
            "two to four a page."
        ),
    )
    village: Village | None = Field(
        default=None,
        description=(
            "A desa's rembuk only: kepala desa, BPD chair, KPM, the Dana Desa ceiling and the "
            "proposed convergence activities (usulan kegiatan)."
        ),
    )
    examples: list[str] = Field(
        default_factory=list,
        description=(
            "Fields and sections invented for a sample or not yet confirmed, by path "
            "('event.date', 'agreement.pledges[2]', 'minutes'): while any is listed (or a person "
            "has example: true) every page of every document is marked DRAF."
        ),
    )

    def baseline(self, year: int) -> Prevalence | None:
        """The region's latest prevalence measured before ``year``, or ``None`` if there is none."""
        earlier = [p for p in self.prevalence if p.scope is Scope.DAERAH and p.year < year]
        return max(earlier, key=lambda p: p.year, default=None)

    def latest_prevalence(self, scope: Scope = Scope.DAERAH) -> Prevalence | None:
        """The most recent prevalence of ``scope``, or ``None``."""
        figures = [p for p in self.prevalence if p.scope is scope]
        return max(figures, key=lambda p: p.year, default=None)

    def region_targets(self) -> list[Target]:
        """The region's own targets, earliest year first."""
        return sorted((t for t in self.targets if t.scope is Scope.DAERAH), key=lambda t: t.year)

    @property
    def issuer(self) -> str:
        """Who issues the documents (their metadata author): the organizer, else the government."""
        return self.organizer.name if self.organizer else self.region.government

    @property
    def end_time(self) -> time | None:
        """When the meeting ended, the one field every document prints it from: event.end, else
        the minutes' closed_at (a check refuses both given and different); ``None``: "s.d.
        selesai". The undangan, written before the event, prints event.end only."""
        if self.event.end is not None:
            return self.event.end
        return self.minutes.closed_at if self.minutes is not None else None

    @property
    def example_marks(self) -> list[str]:
        """Everything still marked as an example: the listed fields, then the example names."""
        return [*dict.fromkeys(self.examples), *self.example_names]

    @property
    def example_names(self) -> list[str]:
        """Names marked as invented for a sample (people, plan rows, lokus villages)."""
        people = [*self.signatories, *self.attendees]
        if self.agreement.acknowledged_by is not None:
            people.append(self.agreement.acknowledged_by)
        if self.minutes is not None:
            people += [self.minutes.notulis, *([self.minutes.chair] if self.minutes.chair else [])]
        if self.record is not None:
            people += [*self.record.parties, *(self.record.witnesses or [])]
        if self.invitation is not None:
            people.append(self.invitation.signatory)
        if self.village is not None:
            village = self.village
            people += [village.kepala_desa, *(p for p in (village.bpd_chair, village.kpm) if p)]
        names = [p.name for p in people if p.example]
        # invented rows of the plan and invented lokus villages keep a document a draft too
        if self.rencana_kegiatan is not None:
            names += [
                f"rencana kegiatan: {i.program}" for i in self.rencana_kegiatan.items if i.example
            ]
        if self.dokumentasi is not None:
            names += [
                f"dokumentasi: {p.caption}"
                for p in self.dokumentasi.photos
                if p.example or self.dokumentasi.example
            ]
        for group in self.priority_villages:
            names += [f"lokus: {v.name}" for v in group.locations if v.example or group.example]
        return list(dict.fromkeys(names))
