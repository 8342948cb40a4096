"""Every text a user reads, in one catalogue with stable ids, in Bahasa Indonesia and English.

Indonesian is the default. English comes with ``--lang en`` on the command line, the environment
variable ``REMBUK_LANG=en``, :func:`set_language` (process-wide) or ``with use_language("en"):``
(this thread or task only, e.g. one web request). Document text (the kesepakatan, notulen, ...) is
not here: it is always formal Indonesian and lives in the format packs' wording.

A :class:`Message` is an id plus parameters. It is turned into text only when it is shown
(``str(message)``), in the language in force at that moment, so an exception raised under one
setting reads correctly under another. :class:`rembuk_docs.errors.Problem` carries one, so API code
matches on ``problem.id`` (stable) rather than on the wording (which may be improved at any time).

How to add a message
--------------------
1. Pick an id: dotted, lower case, ``area.what`` (``yaml.tab``, ``sheet.header_row``,
   ``cli.render.out_missing``). Ids are stable: once released, never rename or reuse one; if the
   meaning changes, add a new id.
2. Add it to a catalogue file under ``src/rembuk_docs/messages/catalogue/`` (one TOML file per
   area: ``core.toml``, ``cli.toml``, ``sheet.toml``, ... ; add your own file for a new area, e.g.
   ``web.toml``, so that merges stay small). Each message is a table with both languages::

       [sheet.header_row]
       id = "baris judul kolom ditemukan di baris {row}; baris di atasnya dilewati"
       en = "found the header row at row {row}; the rows above it were skipped"

   ``id`` is Bahasa Indonesia (the language tag), ``en`` English. Parameters are ``{name}``
   (``str.format`` fields, the same set in both languages; ``{{`` for a literal brace). Indonesian
   is written as a civil servant would say it: what is wrong, where, and how to fix it
   ("tulis teks dalam tanda kutip"). Quote user values with ``'{value}'``.
3. Use it: ``Problem(path, Message("sheet.header_row", row=3), line)`` for an input problem,
   ``warnings.warn(RembukWarning(Message(...)))`` for a warning, ``text("cli.done")`` (or
   ``str(Message(...))``) for plain output. In a pydantic validator raise
   ``invalid("model.nik.length", length=15)``: the error keeps its id through validation.
4. ``tests/test_messages.py`` checks that every id used in ``src/`` exists, that both languages
   are present with the same parameters, and that no id is defined twice.

Nothing here imports pydantic or PyYAML: the CLI's ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import os
import string
import threading
import tomllib
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from importlib import resources
from typing import Any, Final

LANGUAGES: Final = ("id", "en")
DEFAULT_LANGUAGE: Final = "id"
ENV_VARIABLE: Final = "REMBUK_LANG"

_ALIASES: Final = {
    "id": "id",
    "in": "id",
    "ind": "id",
    "indonesia": "id",
    "indonesian": "id",
    "bahasa": "id",
    "en": "en",
    "eng": "en",
    "english": "en",
    "inggris": "en",
}

_scoped: ContextVar[str | None] = ContextVar("rembuk_docs_language", default=None)
_field_namer: ContextVar[Callable[[tuple[str | int, ...]], str | None] | None] = ContextVar(
    "rembuk_docs_field_namer", default=None
)
_process_language: str | None = None


def normalise_language(value: str) -> str | None:
    """'id', 'ID', 'id_ID.UTF-8', 'Indonesia' -> 'id'; 'en', 'en_US' -> 'en'; anything else None."""
    word = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return _ALIASES.get(word)


def current_language() -> str:
    """The language messages are shown in now: use_language() > set_language() > REMBUK_LANG > id."""
    scoped = _scoped.get()
    if scoped is not None:
        return scoped
    if _process_language is not None:
        return _process_language
    return normalise_language(os.environ.get(ENV_VARIABLE, "")) or DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Set the language for the whole process (``None``: back to REMBUK_LANG or Indonesian)."""
    global _process_language
    _process_language = None if language is None else _checked(language)


@contextlib.contextmanager
def use_language(language: str) -> Iterator[str]:
    """Show messages in ``language`` inside the block, in this thread or task only."""
    token = _scoped.set(_checked(language))
    try:
        yield _scoped.get() or DEFAULT_LANGUAGE
    finally:
        _scoped.reset(token)


def _checked(language: str) -> str:
    found = normalise_language(language)
    if found is None:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    return found


# --- the catalogue ------------------------------------------------------------------------------

_lock = threading.Lock()
_catalogue: dict[str, dict[str, str]] | None = None
_origin: dict[str, str] = {}


class CatalogueError(Exception):
    """A catalogue file is malformed (a bug in this package, caught by the tests)."""


def _flatten(
    table: Mapping[str, Any], prefix: str, file: str, into: dict[str, dict[str, str]]
) -> None:
    texts = {key: value for key, value in table.items() if key in LANGUAGES}
    if texts:
        if set(texts) != set(LANGUAGES) or not all(isinstance(v, str) for v in texts.values()):
            raise CatalogueError(f"{file}: [{prefix}] needs text for both 'id' and 'en'")
        if prefix in into:
            raise CatalogueError(f"{file}: [{prefix}] is also defined in {_origin[prefix]}")
        into[prefix] = dict(texts)
        _origin[prefix] = file
    for key, value in table.items():
        if key in LANGUAGES or key == "note":
            continue
        if not isinstance(value, dict):
            raise CatalogueError(f"{file}: {prefix}.{key} must be a table with 'id' and 'en'")
        _flatten(value, f"{prefix}.{key}" if prefix else key, file, into)


def catalogue() -> dict[str, dict[str, str]]:
    """Every message: id -> {'id': Indonesian, 'en': English}. Read once, on first use.

    Parsing the TOML files is about 30 ms of every fresh process, so the flattened catalogue is
    kept in the cache on disk (:mod:`rembuk_docs.diskcache`), keyed by every file's name and
    bytes and this module's source."""
    global _catalogue
    if _catalogue is None:
        with _lock:
            if _catalogue is None:
                folder = resources.files(__package__).joinpath("catalogue")
                files = [
                    (entry.name, entry.read_text(encoding="utf-8"))
                    for entry in sorted(folder.iterdir(), key=lambda item: item.name)
                    if entry.name.endswith(".toml")
                ]
                _catalogue = _parsed(files)
    return _catalogue


def _parsed(files: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """The catalogue of ``files`` (name, text), from the cache on disk or parsed; fills
    ``_origin``."""
    import marshal

    from ..diskcache import cached, file_digest

    def parse() -> bytes:
        loaded: dict[str, dict[str, str]] = {}
        _origin.clear()
        for name, text in files:
            _flatten(tomllib.loads(text), "", name, loaded)
        return marshal.dumps((loaded, dict(_origin)))

    key = [file_digest(__file__), *(part for name, text in files for part in (name, text))]
    try:
        loaded, origin = marshal.loads(cached("catalogue", key, parse))
    except (EOFError, ValueError, TypeError):  # not what parse() wrote: parsed again
        loaded, origin = marshal.loads(parse())
    _origin.update(origin)
    return loaded  # type: ignore[no-any-return]


def origin_of(message_id: str) -> str:
    """The catalogue file that defines ``message_id`` (for test failures)."""
    catalogue()
    return _origin.get(message_id, "")


def fields_of(template: str) -> set[str]:
    """The ``{name}`` parameters of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:  # a missing parameter shows as itself, never crashes
        return "{" + key + "}"


class FieldName:
    """A field of the definition that a message names, as a path: ``FieldName("village",
    "stunting_allocation")``. Shown as the path (``village.stunting_allocation``), or, inside
    :func:`use_field_names`, as the place the user wrote the value: a batch names the column of
    its sheet (``alokasi_stunting``) rather than the field of the definition it builds.

    ``phrase``, a catalogue id with a ``{field}`` parameter, words the path where no namer names
    it (``organizer.address di definisi``).
    """

    __slots__ = ("path", "phrase")

    def __init__(self, *path: str | int, phrase: str | None = None) -> None:
        self.path: tuple[str | int, ...] = path
        self.phrase = phrase

    def text(self, language: str | None = None) -> str:
        namer = _field_namer.get()
        shown = namer(self.path) if namer is not None else None
        if shown is not None:
            return shown
        if self.phrase is not None:
            return Message(self.phrase, field=path_text(self.path)).text(language)
        return path_text(self.path)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"FieldName{self.path!r}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldName) and self.path == other.path

    def __hash__(self) -> int:
        return hash(self.path)


def path_text(path: tuple[str | int, ...]) -> str:
    """``'pledges[3].text'`` from ``("pledges", 3, "text")``: a path as a user reads it."""
    shown = ""
    for part in path:
        if isinstance(part, int):
            shown = f"{shown}[{part}]"
        else:
            shown = f"{shown}.{part}" if shown else str(part)
    return shown


@contextlib.contextmanager
def use_field_names(namer: Callable[[tuple[str | int, ...]], str | None]) -> Iterator[None]:
    """Inside the block (this thread or task only), a :class:`FieldName` in a message is shown as
    ``namer(path)`` (``None``: as its path)."""
    token = _field_namer.set(namer)
    try:
        yield
    finally:
        _field_namer.reset(token)


def _render(value: Any, language: str) -> Any:
    if isinstance(value, FieldName):
        return value.text(language)
    if isinstance(value, Message):
        return value.text(language)
    if isinstance(value, list | tuple) and any(
        isinstance(item, Message | FieldName) for item in value
    ):
        return ", ".join(str(_render(item, language)) for item in value)
    return value


class Message:
    """A catalogue message: a stable id and its parameters, shown in the current language.

    Parameters may themselves be messages (shown in the same language). ``Message.plain(text)``
    wraps text that has no catalogue entry (id ``""``): user data such as a name, or an old
    message not yet in the catalogue.
    """

    __slots__ = ("_literal", "id", "params")

    def __init__(self, message_id: str, /, **params: Any) -> None:
        self.id = message_id
        self.params: dict[str, Any] = params
        self._literal: str | None = None

    @classmethod
    def plain(cls, text: str) -> Message:
        """Text outside the catalogue, shown as is in every language."""
        message = cls("")
        message._literal = text
        return message

    def text(self, language: str | None = None) -> str:
        """The message in ``language`` (default: the current language)."""
        if self._literal is not None:
            return self._literal
        lang = current_language() if language is None else _checked(language)
        entry = catalogue().get(self.id)
        if entry is None:  # an id missing from the catalogue: a bug that the tests catch
            details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
            return f"[{self.id}] {details}".strip()
        params = _Params({key: _render(value, lang) for key, value in self.params.items()})
        try:
            return string.Formatter().vformat(entry[lang], (), params)
        except (ValueError, IndexError):  # a malformed template: a bug that the tests catch
            return entry[lang]

    def with_detail(self, detail: str) -> Message:
        """This message followed, in English only, by ``detail``: a library's own wording (an
        XML parser's ``undefined entity: line 4, column 64``) that helps a developer but is no
        sentence for an Indonesian reader, who sees the message alone."""
        return _Detailed(self, detail)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        if self._literal is not None:
            return f"Message.plain({self._literal!r})"
        args = "".join(f", {key}={value!r}" for key, value in self.params.items())
        return f"Message({self.id!r}{args})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.id, self._literal, self.params) == (other.id, other._literal, other.params)

    def __hash__(self) -> int:
        return hash((self.id, self._literal, tuple(sorted(map(str, self.params)))))


class _Detailed(Message):
    """A message with a technical detail shown in English only (see :meth:`Message.with_detail`)."""

    __slots__ = ("detail",)

    def __init__(self, message: Message, detail: str) -> None:
        super().__init__(message.id, **message.params)
        self._literal = message._literal
        self.detail = detail.splitlines()[0][:200] if detail.strip() else ""

    def text(self, language: str | None = None) -> str:
        shown = super().text(language)
        lang = current_language() if language is None else _checked(language)
        return f"{shown}: {self.detail}" if lang == "en" and self.detail else shown


def as_message(value: Message | str) -> Message:
    """A message as is; text as :meth:`Message.plain`."""
    return value if isinstance(value, Message) else Message.plain(value)


def text(message_id: str, /, **params: Any) -> str:
    """The text of a catalogue message in the current language (for plain output lines)."""
    return Message(message_id, **params).text()


def invalid(message_id: str, /, **params: Any) -> Exception:
    """An error for a pydantic validator that keeps its catalogue id through validation.

    ``raise invalid("model.nip.length", length=17)`` inside a ``field_validator`` or
    ``model_validator``; the problem reported for that field then carries the id.
    """
    from pydantic_core import PydanticCustomError

    english = catalogue().get(message_id, {}).get("en", message_id)
    return PydanticCustomError(message_id, english, params)


__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VARIABLE",
    "LANGUAGES",
    "FieldName",
    "Message",
    "as_message",
    "catalogue",
    "current_language",
    "invalid",
    "normalise_language",
    "set_language",
    "text",
    "use_field_names",
    "use_language",
]
