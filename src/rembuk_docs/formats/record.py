"""Read-only records for template contexts: ``pledge.items`` is the data, never a dict method."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined


class Record:
    """A mapping shown to templates as attributes; knows its path for error messages.

    Templates read ``event.venue`` or ``event['venue']``; a misspelt field fails with the
    record's path, the field and the closest known name.
    """

    __slots__ = ("_fields", "_path")

    def __init__(self, fields: Mapping[str, Any], path: str = "") -> None:
        object.__setattr__(self, "_fields", dict(fields))
        object.__setattr__(self, "_path", path)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a template record cannot be changed")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._fields == other._fields

    def __hash__(self) -> int:
        return hash(tuple(self._fields))

    def __repr__(self) -> str:
        return f"Record({self._path or 'value'}: {', '.join(self._fields)})"

    def missing_message(self, name: str) -> str:
        """The error for reading a field this record does not have."""
        close = difflib.get_close_matches(name, list(self._fields), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; it has {', '.join(self._fields)}"
        return f"{self._path or 'the value'} has no field '{name}'{hint}"


def to_record(value: Any, path: str = "") -> Any:
    """Plain data (dicts, lists) as records and tuples, recursively; other values unchanged."""
    if isinstance(value, Mapping):
        return Record(
            {
                str(key): to_record(item, f"{path}.{key}" if path else str(key))
                for key, item in value.items()
            },
            path,
        )
    if isinstance(value, list | tuple):
        return tuple(to_record(item, f"{path}[{index}]") for index, item in enumerate(value))
    return value


class StrictRecordUndefined(StrictUndefined):
    """StrictUndefined whose message names the record path and the closest field."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner = self._undefined_obj
        name = self._undefined_name
        if isinstance(owner, Record) and isinstance(name, str) and not name.startswith("_"):
            return owner.missing_message(name)
        message: str = super()._undefined_message
        return message
