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

# The public surface, written once: the names imported in this file as ``X as X``. The errors are
# plain classes, imported at once; the others are imported from the module their line names when
# first used (PEP 562), so that type checkers and the runtime read the same list.
from .errors import ConverterMissingError as ConverterMissingError
from .errors import ConverterMissingWarning as ConverterMissingWarning
from .errors import DefinitionError as DefinitionError
from .errors import DraftWarning as DraftWarning
from .errors import FormatPackError as FormatPackError
from .errors import ImportDataError as ImportDataError
from .errors import IncompleteKopWarning as IncompleteKopWarning
from .errors import InputError as InputError
from .errors import MissingNumberWarning as MissingNumberWarning
from .errors import Problem as Problem
from .errors import RembukError as RembukError
from .errors import RembukWarning as RembukWarning
from .errors import RenderError as RenderError
from .errors import SyntaxProblemError as SyntaxProblemError
from .errors import TemplateError as TemplateError
from .errors import UnknownDocumentError as UnknownDocumentError

if TYPE_CHECKING:  # imported on first use, see __getattr__
    from .batch import BatchResult as BatchResult
    from .batch import load_template as load_template
    from .batch import render_batch as render_batch
    from .export import export_bytes as export_bytes
    from .export import export_file as export_file
    from .importing import load_attendees as load_attendees
    from .importing import load_signatories as load_signatories
    from .loading import from_dict as from_dict
    from .loading import load as load
    from .model import ActionReview as ActionReview
    from .model import Activity as Activity
    from .model import Agreement as Agreement
    from .model import AgreementKind as AgreementKind
    from .model import Attendance as Attendance
    from .model import Attendee as Attendee
    from .model import Budget as Budget
    from .model import Discussion as Discussion
    from .model import Event as Event
    from .model import FollowUp as FollowUp
    from .model import FundingSource as FundingSource
    from .model import Minutes as Minutes
    from .model import NumberParts as NumberParts
    from .model import OfficialRecord as OfficialRecord
    from .model import Online as Online
    from .model import Organizer as Organizer
    from .model import Person as Person
    from .model import Pledge as Pledge
    from .model import PledgePlacement as PledgePlacement
    from .model import Presentation as Presentation
    from .model import Prevalence as Prevalence
    from .model import PriorityVillages as PriorityVillages
    from .model import Region as Region
    from .model import RegionKind as RegionKind
    from .model import Remark as Remark
    from .model import Rembuk as Rembuk
    from .model import Role as Role
    from .model import Scope as Scope
    from .model import Signatory as Signatory
    from .model import Target as Target
    from .model import TimeZone as TimeZone
    from .model import Village as Village
    from .rendering import render as render
    from .rendering import render_bundle as render_bundle
    from .rendering import render_bytes as render_bytes
    from .rendering import render_files as render_files
    from .signing import SigningError as SigningError
    from .signing import sign_pdf as sign_pdf
    from .verification import SignatureReport as SignatureReport
    from .verification import verify_signatures as verify_signatures

__version__ = "0.1.0"

_public: dict[str, str] | None = None


def _public_names() -> dict[str, str]:
    """Every public name and the submodule it comes from, read once from this file's own
    ``from .module import (X as X)`` lines (at the top and under ``TYPE_CHECKING``)."""
    global _public
    if _public is None:
        import ast
        from pathlib import Path

        tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
        statements = list(tree.body)
        for node in tree.body:
            test = node.test if isinstance(node, ast.If) else None
            if (
                isinstance(node, ast.If)
                and isinstance(test, ast.Name)
                and test.id == "TYPE_CHECKING"
            ):
                statements.extend(node.body)
        _public = {
            alias.name: node.module
            for node in statements
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
            for alias in node.names
            if alias.asname == alias.name
        }
    return _public


def __getattr__(name: str) -> Any:
    """Import a public name's submodule on first use (or a submodule asked for as an attribute);
    ``__all__`` is the public names."""
    if name == "__all__":
        names = sorted([*_public_names(), "__version__"])
        globals()["__all__"] = names
        return names
    owner = _public_names().get(name)
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
    return sorted({*globals(), *_public_names()})
