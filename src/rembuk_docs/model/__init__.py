"""The pydantic model of a rembuk stunting definition."""

from .agreement import Agreement, AgreementKind, Pledge
from .event import Budget, Event, Online, TimeZone
from .figures import Prevalence, PriorityVillages, Scope, Target
from .numbering import NumberParts
from .people import Attendee, Person, Role, Signatory
from .region import Organizer, Region, RegionKind
from .rembuk import Rembuk

__all__ = [
    "Agreement",
    "AgreementKind",
    "Attendee",
    "Budget",
    "Event",
    "NumberParts",
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
