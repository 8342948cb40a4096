"""rembuk-docs: the paperwork of a rembuk stunting (agreement, signature sheets, attendance, minutes)
as DOCX and PDF, from one validated definition.

Typical use::

    import rembuk_docs
    rembuk = rembuk_docs.load("samples/kupang-2022.yaml")
    rembuk_docs.render(rembuk, "out/", formats=["docx", "pdf"])

Importing the package is cheap: the errors are plain classes, and the model (pydantic), loading
and rendering (python-docx, reportlab) are imported on first use of one of their names (PEP 562),
so that ``rembuk-docs --help`` starts without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import (
    ConverterMissingError,
    ConverterMissingWarning,
    DefinitionError,
    DraftWarning,
    FormatPackError,
    ImportDataError,
    IncompleteKopWarning,
    InputError,
    MissingNumberWarning,
    Problem,
    RembukError,
    RembukWarning,
    RenderError,
    SyntaxProblemError,
    TemplateError,
    UnknownDocumentError,
)

if TYPE_CHECKING:  # what the lazy names below resolve to, for type checkers and IDEs
    from .batch import BatchResult, load_template, render_batch
    from .importing import load_attendees, load_signatories
    from .loading import from_dict, load
    from .model import (
        ActionReview,
        Activity,
        Agreement,
        AgreementKind,
        Attendance,
        Attendee,
        Budget,
        Discussion,
        Event,
        FollowUp,
        FundingSource,
        Minutes,
        NumberParts,
        OfficialRecord,
        Online,
        Organizer,
        Person,
        Pledge,
        PledgePlacement,
        Presentation,
        Prevalence,
        PriorityVillages,
        Region,
        RegionKind,
        Remark,
        Rembuk,
        Role,
        Scope,
        Signatory,
        Target,
        TimeZone,
        Village,
    )
    from .rendering import render, render_bundle, render_bytes, render_files
    from .signing import SigningError, sign_pdf
    from .verification import SignatureReport, verify_signatures

__version__ = "0.1.0"

# public name -> the submodule that defines it, imported when the name is first used
_LAZY: dict[str, str] = {
    "load_attendees": "importing",
    "load_signatories": "importing",
    "from_dict": "loading",
    "load": "loading",
    "render": "rendering",
    "render_bundle": "rendering",
    "render_bytes": "rendering",
    "render_files": "rendering",
    "SigningError": "signing",
    "sign_pdf": "signing",
    "SignatureReport": "verification",
    "verify_signatures": "verification",
    **dict.fromkeys(("BatchResult", "load_template", "render_batch"), "batch"),
    **dict.fromkeys(
        (
            "ActionReview",
            "Activity",
            "Agreement",
            "AgreementKind",
            "Attendance",
            "Attendee",
            "Budget",
            "Discussion",
            "Event",
            "FollowUp",
            "FundingSource",
            "Minutes",
            "NumberParts",
            "Online",
            "Organizer",
            "Person",
            "Pledge",
            "PledgePlacement",
            "Presentation",
            "Prevalence",
            "PriorityVillages",
            "OfficialRecord",
            "Region",
            "RegionKind",
            "Remark",
            "Rembuk",
            "Role",
            "Scope",
            "Signatory",
            "Target",
            "TimeZone",
            "Village",
        ),
        "model",
    ),
}


def __getattr__(name: str) -> Any:
    """Import a public name's submodule on first use (or a submodule asked for as an attribute)."""
    owner = _LAZY.get(name)
    if owner is not None:
        value = getattr(import_module(f".{owner}", __name__), name)
        globals()[name] = value  # later uses are plain attribute lookups
        return value
    if not name.startswith("_"):
        try:
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ActionReview",
    "Activity",
    "Agreement",
    "AgreementKind",
    "Attendance",
    "Attendee",
    "BatchResult",
    "Budget",
    "ConverterMissingError",
    "ConverterMissingWarning",
    "DefinitionError",
    "Discussion",
    "DraftWarning",
    "Event",
    "FollowUp",
    "FormatPackError",
    "FundingSource",
    "ImportDataError",
    "IncompleteKopWarning",
    "InputError",
    "Minutes",
    "MissingNumberWarning",
    "NumberParts",
    "OfficialRecord",
    "Online",
    "Organizer",
    "Person",
    "Pledge",
    "PledgePlacement",
    "Presentation",
    "Prevalence",
    "PriorityVillages",
    "Problem",
    "Region",
    "RegionKind",
    "Remark",
    "Rembuk",
    "RembukError",
    "RembukWarning",
    "RenderError",
    "Role",
    "Scope",
    "Signatory",
    "SignatureReport",
    "SigningError",
    "SyntaxProblemError",
    "Target",
    "TemplateError",
    "TimeZone",
    "UnknownDocumentError",
    "Village",
    "__version__",
    "from_dict",
    "load",
    "load_attendees",
    "load_signatories",
    "load_template",
    "render",
    "render_batch",
    "render_bundle",
    "render_bytes",
    "render_files",
    "sign_pdf",
    "verify_signatures",
]
