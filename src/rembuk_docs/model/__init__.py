"""The pydantic model of a rembuk stunting definition."""

from .agreement import Agreement, AgreementKind, Pledge
from .attendance import Attendance
from .event import Budget, Event, Online, TimeZone
from .figures import Prevalence, PriorityVillages, Scope, Target
from .people import Attendee, Person, Role, Signatory
from .region import Organizer, Region, RegionKind
from .rembuk import Rembuk

__all__ = [
    "Agreement",
    "AgreementKind",
    "Attendance",
    "Attendee",
    "Budget",
    "Event",
    "Online",
    "Organizer",
    "Person",
    "Pledge",
    "Prevalence",
    "PriorityVillages",
    "Region",
    "RegionKind",
    "Rembuk",
    "Role",
    "Scope",
    "Signatory",
    "Target",
    "TimeZone",
]
