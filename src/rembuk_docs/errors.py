"""The exception hierarchy: one root, one subclass per kind of failure, each naming where it is."""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from pathlib import Path

from .messages import FieldName, Message, as_message, text
from .messages import path_text as path_text  # the public home of the function stays here

FieldPath = tuple[str | int, ...]
"""Where a problem is in a definition: ``("pledges", 3, "text")``; text only when shown."""


_OS_REASONS = {
    errno.ENOENT: "file.os.not_found",
    errno.EACCES: "file.os.denied",
    errno.EPERM: "file.os.denied",
    errno.ENOSPC: "file.os.full",
    errno.EROFS: "file.os.read_only",
    errno.ENOTDIR: "file.os.not_folder",
    errno.ENAMETOOLONG: "file.os.name_too_long",
    errno.EEXIST: "file.os.exists",
}


def os_reason(exc: OSError) -> Message:
    """What the file system said, in the user's language (the operating system's own text,
    ``strerror``, is English): a message per common error, else the error's code (``EIO``)."""
    found = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if found is not None:
        return Message(found)
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else "?"
    return Message("file.os.other", code=code)


def _starts_as_zip(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError:
        return False


_ENTITY_MARKS = ("entity", "entities", "doctype", "dtd")
_TRUNCATION_MARKS = ("no element found", "unclosed token", "premature end", "truncated")


def read_failure(exc: BaseException, path: Path | None = None) -> Message:
    """Why a file could not be read, in the user's language, for the ``{reason}`` of a message.

    The reader's own text (zipfile's ``File is not a zip file``, expat's ``undefined entity:
    line 4, column 64``, csv's ``field larger than field limit``) is English: it follows the
    message in English only (:meth:`Message.with_detail`), never in Indonesian. ``path``, when
    given, tells a truncated ZIP (it starts as one) from a file that is no ZIP at all: zipfile
    says ``File is not a zip file`` for both.
    """
    import csv
    import zipfile
    import zlib

    said = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    lowered = said.lower()
    found: Message
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and exc.errno:
        found = os_reason(exc)
    elif isinstance(exc, zipfile.BadZipFile):
        not_zip = "not a zip file" in lowered and not _starts_as_zip(path)
        found = Message("read.not_zip" if not_zip else "read.zip_damaged")
    elif isinstance(exc, zlib.error | EOFError):
        found = Message("read.zip_damaged")
    elif isinstance(exc, KeyError) and "no item named" in lowered:
        found = Message("read.part_missing")
    elif isinstance(exc, SyntaxError):  # expat's ParseError and lxml's XMLSyntaxError
        if any(mark in lowered for mark in _ENTITY_MARKS):
            found = Message("read.xml_entity")
        elif any(mark in lowered for mark in _TRUNCATION_MARKS):
            found = Message("read.xml_truncated")
        else:
            found = Message("read.xml_broken")
    elif isinstance(exc, csv.Error):
        found = Message(
            "read.csv_field_too_long" if "field limit" in lowered else "read.csv_broken"
        )
    elif type(exc).__name__ == "InvalidFileException":  # openpyxl: a file it has no reader for
        found = Message("read.not_workbook")
    else:
        found = Message("read.unknown")
    return found.with_detail(said or type(exc).__name__)


_TOML_REASONS = {
    "Cannot overwrite a value": "overwrite",
    "Expected '=' after a key in a key/value pair": "expected_equals",
    "Expected ']' at the end of a table declaration": "expected_bracket",
    "Expected ']]' at the end of an array declaration": "expected_double_bracket",
    "Expected newline or end of document after a statement": "expected_newline",
    "Invalid date or datetime": "invalid_date",
    "Invalid initial character for a key part": "invalid_key",
    "Invalid statement": "invalid_statement",
    "Invalid value": "invalid_value",
    "Unclosed array": "unclosed_array",
    "Unclosed inline table": "unclosed_table",
    "Unterminated string": "unterminated_string",
}
"""tomllib's reasons (English) and the catalogue ids that say them in the user's language."""


def toml_reason(reason: str) -> Message:
    """What tomllib found wrong (its English ``reason``, without the place), in the user's
    language; a reason not in the table says so generally, tomllib's words in English only."""
    known = _TOML_REASONS.get(reason.strip())
    if known is not None:
        return Message(f"pack.toml.{known}")
    twice = re.fullmatch(r"Cannot declare (.+) twice", reason.strip())
    if twice:
        return Message("pack.toml.declared_twice", key=twice.group(1))
    return Message("read.toml_unknown").with_detail(reason)


def toml_failure(exc: UnicodeDecodeError | ValueError) -> Message:
    """Why a TOML file (a mapping, aksi.toml) could not be read, in the user's language, for the
    ``{reason}`` of a message: tomllib's reason translated, with its line and column."""
    if isinstance(exc, UnicodeDecodeError):
        return Message("read.not_utf8", byte=exc.start)
    said = str(exc)
    place = re.search(r"\(at line (\d+), column (\d+)\)", said)
    reason = toml_reason(re.sub(r"\s*\(at line \d+, column \d+\)", "", said))
    if place is None:
        return reason
    return Message("read.toml_at", reason=reason, line=place.group(1), column=place.group(2))


_BRACE_REASONS = {
    "Single '}' encountered in format string": "single_close",
    "Single '{' encountered in format string": "single_open",
    "expected '}' before end of string": "unclosed",
}
"""string.Formatter's reasons (English) and the catalogue ids that say them."""


def brace_reason(exc: ValueError) -> Message:
    """Why ``string.Formatter`` could not parse a pattern (a number or address pattern), in the
    user's language; the parser's own words follow in English only."""
    said = str(exc)
    return Message(f"read.brace.{_BRACE_REASONS.get(said, 'other')}").with_detail(said)


def parse_path(text: str) -> FieldPath:
    """``("pledges", 3, "text")`` from ``'pledges[3].text'``; for places given as text (a path
    written in a definition's ``examples``, a template's field). Raises ValueError for text that
    is no path."""
    parts: list[str | int] = []
    for chunk in text.replace("]", "").split("."):
        name, *indices = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(index) for index in indices)
    return tuple(parts)


class FieldValueError(ValueError):
    """A model validator's objection to one of its model's fields (``field``): raised inside a
    ``model_validator``, the problem points at that field (``event.day``), not at the model."""

    def __init__(self, field: str, message: str | Message) -> None:
        self.field = field
        self.detail = as_message(message)  # what the problem says, id and parameters kept
        super().__init__(str(self.detail))


class Problem:
    """One thing wrong with the input: where it is, what is wrong, and the message's stable id.

    ``location`` is what a user can act on: a field path such as ``pledges[3].text``,
    a spreadsheet cell such as ``peserta.xlsx, baris 7, kolom NIP`` or a template file and line.
    A field of the definition is given as a :data:`FieldPath` tuple (kept as ``path``, turned
    into text only for ``location``); any other place as text or a :class:`Message`.
    ``line`` is the line in the source file when it is known, else ``None``.
    ``message`` is the text in the current language (see :mod:`rembuk_docs.messages`); ``id`` is
    the catalogue id to match on in code (``""`` for text outside the catalogue), ``params`` its
    parameters. Both ``location`` and ``message`` may be given as a :class:`Message`.
    """

    __slots__ = ("_location", "_message", "line", "path")

    def __init__(
        self,
        location: FieldPath | str | Message,
        message: str | Message,
        line: int | None = None,
    ) -> None:
        self.path: FieldPath | None = location if isinstance(location, tuple) else None
        self._location: str | Message = (
            path_text(location) if isinstance(location, tuple) else location
        )
        self._message = as_message(message)
        self.line = line

    @property
    def location(self) -> str:
        if self.path is not None:  # named where it is shown (a batch: the sheet's column)
            return FieldName(*self.path).text()
        return str(self._location)

    @property
    def message(self) -> str:
        return self._message.text()

    @property
    def id(self) -> str:
        return self._message.id

    @property
    def params(self) -> dict[str, object]:
        return dict(self._message.params)

    @property
    def detail(self) -> Message:
        """The message itself (id and parameters), to pass on or re-locate."""
        return self._message

    def at(
        self, location: FieldPath | str | Message | None = None, *, line: int | None = None
    ) -> Problem:
        """The same problem at another location or line (the message and its id are kept)."""
        if location is None:
            location = self.path if self.path is not None else self._location
        return Problem(location, self._message, self.line if line is None else line)

    def field_path(self) -> FieldPath | None:
        """The definition field the problem is at: ``path``, else its text location read as a
        path; ``None`` when the location is no field path."""
        if self.path is not None:
            return self.path
        try:
            return parse_path(self.location)
        except ValueError:
            return None

    def __str__(self) -> str:
        if not self.location and self.line is not None:  # a YAML syntax error: its line says where
            return f"{text('problem.line_only', line=self.line)}: {self.message}"
        where = self.location or text("problem.top_level")
        if self.line is not None:
            where = text("problem.at_line", where=where, line=self.line)
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({self._location!r}, {self._message!r}, {self.line!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.location, self._message, self.line) == (
            other.location,
            other._message,
            other.line,
        )

    def __hash__(self) -> int:
        return hash((self.location, self._message, self.line))


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
        lines = [
            head
            + text("problem.summary.one" if count == 1 else "problem.summary.many", count=count)
        ]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __str__(self) -> str:  # in the language in force when it is shown
        return self._summary()

    @property
    def ids(self) -> list[str]:
        """The message id of every problem, in order."""
        return [problem.id for problem in self.problems]


class DefinitionError(InputError):
    """The rembuk definition (YAML or Python objects) does not validate."""


def require(problems: Sequence[Problem]) -> None:
    """Raise a :class:`DefinitionError` carrying ``problems`` unless there are none: what a
    composer does with its document's requirements (see ``compose/registry.py``)."""
    if problems:
        raise DefinitionError(problems)


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
    """Root of the warnings this library gives: the run went on, but something is worth knowing.

    Give it a :class:`Message`: its text follows the language setting and ``id`` names it.
    """

    def __init__(self, message: str | Message = "", *args: object) -> None:
        self.detail = as_message(message)
        super().__init__(message, *args)

    @property
    def id(self) -> str:
        return self.detail.id

    def __str__(self) -> str:
        return self.detail.text()


class ConverterMissingWarning(RembukWarning):
    """A PDF could not be made because LibreOffice is not installed; the DOCX was still written."""


class DraftWarning(RembukWarning):
    """The documents are a draft, marked DRAF on every page: something is still an example or the
    kop is unfinished. ``problem`` says what and where."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class IncompleteKopWarning(RembukWarning):
    """The kop lacks the postcode, a telephone or an e-mail or website (domain.md 1.6): every
    page stays DRAF until the pack gives them."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class MissingNumberWarning(RembukWarning):
    """A document that carries a nomor has none yet: a dotted blank is printed to fill in."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class RenderWarning(RembukWarning):
    """Something was rendered, but not exactly as written (e.g. a character the font cannot show)."""


class MissingGlyphWarning(RenderWarning):
    """Characters the PDF font has no glyph for were replaced by '?' in the PDF (the DOCX keeps them)."""
