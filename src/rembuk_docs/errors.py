"""The exception hierarchy: one root, one subclass per kind of failure, each naming where it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is and what is wrong.

    ``location`` is what a user can act on: a field path such as ``pledges[3].text``,
    a spreadsheet cell such as ``peserta.xlsx, row 7, column NIP`` or a template file and line.
    ``line`` is the line in the source file when it is known, else ``None``.
    """

    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.location or "(top level)"
        if self.line is not None:
            where = f"{where} (line {self.line})"
        return f"{where}: {self.message}"


class RembukError(Exception):
    """Root of every error this library raises on purpose."""

    exit_code = 1


class InputError(RembukError):
    """The user's input cannot be used; carries every problem found, each with its location."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem], *, source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun} in the input:"]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)


class DefinitionError(InputError):
    """The rembuk definition (YAML or Python objects) does not validate."""


class SyntaxProblemError(InputError):
    """A file could not be parsed at all (malformed YAML, unreadable spreadsheet)."""


class ImportDataError(InputError):
    """A row of an attendee or signatory spreadsheet is unusable."""


class FormatPackError(InputError):
    """A format pack (format.toml, logo, Word template) is unusable."""


class TemplateError(InputError):
    """A user template failed: unsafe access, a missing variable or a syntax error."""


class UnknownDocumentError(InputError):
    """A document or output format that this library does not produce was asked for."""


class RenderError(RembukError):
    """A document could not be produced although the input was valid."""


class ConverterMissingError(RenderError):
    """An external converter (LibreOffice) is needed but not installed."""

    exit_code = 3


class RembukWarning(UserWarning):
    """Root of the warnings this library gives: the run went on, but something is worth knowing."""


class ConverterMissingWarning(RembukWarning):
    """A PDF could not be made because LibreOffice is not installed; the DOCX was still written."""


class DraftWarning(RembukWarning):
    """The documents are a draft, marked DRAF on every page: something is still an example or the
    kop is unfinished. ``problem`` says what and where."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class IncompleteKopWarning(RembukWarning):
    """The kop lacks the postcode, a telephone or an e-mail or website (domain.md 1.6)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class MissingNumberWarning(RembukWarning):
    """A document that carries a nomor has none yet: a dotted blank is printed to fill in."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def single(location: str, message: str, *, line: int | None = None) -> list[Problem]:
    """Return a one-problem list, for raising an :class:`InputError` subclass tersely."""
    return [Problem(location, message, line)]


class RenderWarning(RembukWarning):
    """Something was rendered, but not exactly as written (e.g. a character the font cannot show)."""


class MissingGlyphWarning(RenderWarning):
    """Characters the PDF font has no glyph for were replaced by '?' in the PDF (the DOCX keeps them)."""
