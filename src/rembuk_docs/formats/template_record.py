"""Read-only records for template contexts: ``pledge.items`` is the data, never a dict method."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from jinja2 import StrictUndefined


class TemplateRecord:
    """A mapping shown to templates as attributes; knows its path for error messages.

    Templates read ``event.venue`` or ``event['venue']``; a misspelt field fails with the
    record's path, the field and the closest known name.
    """

    __slots__ = ("_fields", "_path", "_plain")

    def __init__(self, fields: Mapping[str, Any], path: str = "", *, plain: bool = False) -> None:
        object.__setattr__(self, "_fields", dict(fields))
        object.__setattr__(self, "_path", path)
        # plain: the values are still plain data, made records only when read (see to_record)
        object.__setattr__(self, "_plain", set(self._fields) if plain else set())

    def _value(self, name: str) -> Any:
        value = self._fields[name]
        if name in self._plain:
            value = to_record(value, f"{self._path}.{name}" if self._path else name)
            self._fields[name] = value
            self._plain.discard(name)
        return value

    def __getattr__(self, name: str) -> Any:
        try:
            return self._value(name)
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._value(name)

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a template record cannot be changed")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TemplateRecord):
            return False
        return {name: self._value(name) for name in self._fields} == {
            name: other._value(name) for name in other._fields
        }

    def __hash__(self) -> int:
        return hash(tuple(self._fields))

    def __repr__(self) -> str:
        return f"TemplateRecord({self._path or 'value'}: {', '.join(self._fields)})"

    def missing_message(self, name: str) -> str:
        """The error for reading a field this record does not have."""
        from ..messages import text

        close = difflib.get_close_matches(name, list(self._fields), n=1, cutoff=0.6)
        record = self._path or text("template.the_value")
        if close:
            return text("template.no_field_close", record=record, name=name, close=close[0])
        return text("template.no_field", record=record, name=name, fields=", ".join(self._fields))


def to_record(value: Any, path: str = "") -> Any:
    """Plain data (dicts, lists) as records and tuples, recursively; other values unchanged.

    A mapping's values are converted when first read, not up front: a definition with 100,000
    attendees costs nothing here unless a template walks through them.
    """
    if isinstance(value, Mapping):
        return TemplateRecord({str(key): item for key, item in value.items()}, path, plain=True)
    if isinstance(value, list | tuple):
        if len(value) > _LAZY_FROM:
            return Items(value, path)
        return tuple(to_record(item, f"{path}[{index}]") for index, item in enumerate(value))
    return value


_LAZY_FROM = 64
"""Longer lists (attendees) become :class:`Items`, converted item by item when read."""


class Items(Sequence[Any]):
    """A long list of plain data as a read-only sequence of records, each made when read."""

    __slots__ = ("_done", "_dump", "_items", "_path")

    def __init__(
        self, items: Sequence[Any], path: str, dump: Callable[[Any], Any] | None = None
    ) -> None:
        self._items = list(items)
        self._path = path
        self._dump = dump  # e.g. a pydantic model's model_dump, applied to each item when read
        self._done: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self[position] for position in range(*index.indices(len(self))))
        position = range(len(self._items))[index]
        if position not in self._done:
            item = self._items[position]
            if self._dump is not None:
                item = self._dump(item)
            self._done[position] = to_record(item, f"{self._path}[{position}]")
        return self._done[position]

    def __iter__(self) -> Iterator[Any]:
        return (self[position] for position in range(len(self._items)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Items | tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return False

    def __hash__(self) -> int:
        return hash(len(self))

    def __repr__(self) -> str:
        return f"Items({self._path}: {len(self)} items)"


class StrictRecordUndefined(StrictUndefined):
    """StrictUndefined whose message names the record path and the closest field."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner = self._undefined_obj
        name = self._undefined_name
        if isinstance(owner, TemplateRecord) and isinstance(name, str) and not name.startswith("_"):
            return owner.missing_message(name)
        message: str = super()._undefined_message
        return message
