"""rembuk-docs: the paperwork of a rembuk stunting (agreement, signature sheets, attendance, minutes)
as DOCX and PDF, from one validated definition.

Typical use::

    import rembuk_docs
    rembuk = rembuk_docs.load("samples/kupang-2022.yaml")
    rembuk_docs.render(rembuk, "out/", formats=["docx", "pdf"])
"""

from .errors import (
    ConverterMissingError,
    ConverterMissingWarning,
    DefinitionError,
    FormatPackError,
    ImportDataError,
    InputError,
    Problem,
    RembukError,
    RembukWarning,
    RenderError,
    SyntaxProblemError,
    TemplateError,
    UnknownDocumentError,
)
from .importing import load_attendees, load_signatories
from .loading import from_dict, load
from .model import (
    Agreement,
    AgreementKind,
    Attendance,
    Attendee,
    Budget,
    Event,
    Organizer,
    Pledge,
    Prevalence,
    PriorityVillages,
    Region,
    Rembuk,
    Role,
    Signatory,
    Target,
)
from .rendering import render, render_bundle, render_bytes

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "AgreementKind",
    "Attendance",
    "Attendee",
    "Budget",
    "ConverterMissingError",
    "ConverterMissingWarning",
    "DefinitionError",
    "Event",
    "FormatPackError",
    "ImportDataError",
    "InputError",
    "Organizer",
    "Pledge",
    "Prevalence",
    "PriorityVillages",
    "Problem",
    "Region",
    "Rembuk",
    "RembukError",
    "RembukWarning",
    "RenderError",
    "Role",
    "Signatory",
    "SyntaxProblemError",
    "Target",
    "TemplateError",
    "UnknownDocumentError",
    "__version__",
    "from_dict",
    "load",
    "load_attendees",
    "load_signatories",
    "render",
    "render_bundle",
    "render_bytes",
]
