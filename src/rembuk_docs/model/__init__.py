"""The pydantic model of a rembuk stunting definition."""

from .agreement import Agreement, AgreementKind, Pledge
from .attendance import Attendance, AttendanceColumn
from .documentation import Documentation, Photo
from .event import Budget, Event, Online, TimeZone
from .figures import LokusVillage, Prevalence, PriorityVillages, Scope, Target
from .invitation import Invitation
from .minutes import ActionReview, Discussion, FollowUp, Minutes, Presentation, Remark
from .number_parts import NumberParts
from .official_record import OfficialRecord, PledgePlacement
from .people import Attendee, Person, Role, Sex, Signatory
from .plan import ActivityPlan, Intervention, PlannedActivity
from .region import Organizer, Region, RegionKind
from .rembuk import Rembuk
from .village import Activity, FundingSource, Village

__all__ = [
    "ActionReview",
    "Activity",
    "ActivityPlan",
    "Agreement",
    "AgreementKind",
    "Attendance",
    "AttendanceColumn",
    "Attendee",
    "Budget",
    "Discussion",
    "Documentation",
    "Event",
    "FollowUp",
    "FundingSource",
    "Intervention",
    "Invitation",
    "LokusVillage",
    "Minutes",
    "NumberParts",
    "OfficialRecord",
    "Online",
    "Organizer",
    "Person",
    "Photo",
    "PlannedActivity",
    "Pledge",
    "PledgePlacement",
    "Presentation",
    "Prevalence",
    "PriorityVillages",
    "Region",
    "RegionKind",
    "Remark",
    "Rembuk",
    "Role",
    "Scope",
    "Sex",
    "Signatory",
    "Target",
    "TimeZone",
    "Village",
]
