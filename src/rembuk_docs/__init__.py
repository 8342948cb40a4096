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
    DefinitionError,
    FormatPackError,
    ImportDataError,
    InputError,
    Problem,
    RembukError,
    RenderError,
    SyntaxProblemError,
    TemplateError,
    UnknownDocumentError,
)

if TYPE_CHECKING:  # what the lazy names below resolve to, for type checkers and IDEs
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

# public name -> the submodule that defines it, imported when the name is first used
_LAZY: dict[str, str] = {
    "load_attendees": "importing",
    "load_signatories": "importing",
    "from_dict": "loading",
    "load": "loading",
    "render": "rendering",
    "render_bundle": "rendering",
    "render_bytes": "rendering",
    **dict.fromkeys(
        (
            "Agreement",
            "AgreementKind",
            "Attendance",
            "Attendee",
            "Budget",
            "Event",
            "Organizer",
            "Pledge",
            "Prevalence",
            "PriorityVillages",
            "Region",
            "Rembuk",
            "Role",
            "Signatory",
            "Target",
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
    "Agreement",
    "AgreementKind",
    "Attendance",
    "Attendee",
    "Budget",
    "ConverterMissingError",
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
