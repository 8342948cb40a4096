"""The one place where a pydantic validation error becomes a catalogue :class:`Message`.

Every pydantic error type that can reach a user maps to a ``value.*`` message here; a validator
that raises :func:`rembuk_docs.messages.invalid` keeps its own id. pydantic's English wording
("Input should be ...", "Field required") is never shown: an unmapped type gets the generic
``value.invalid``. Callers (definition loading, format packs, batch sheets, the web app) add the
location; this module says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import FieldPath, FieldValueError
from . import Message, catalogue

# pydantic error type -> catalogue id, for the types whose message needs only the input value
_BY_TYPE: dict[str, str] = {
    "missing": "value.missing",
    "missing_argument": "value.missing",
    "missing_keyword_only_argument": "value.missing",
    "missing_positional_only_argument": "value.missing",
    "string_type": "value.text",
    "string_sub_type": "value.text",
    "string_unicode": "value.text",
    "string_pattern_mismatch": "value.pattern",
    "int_type": "value.whole_number",
    "int_parsing": "value.whole_number",
    "int_parsing_size": "value.whole_number",
    "int_from_float": "value.whole_number",
    "float_type": "value.number",
    "float_parsing": "value.number",
    "decimal_type": "value.number",
    "decimal_parsing": "value.number",
    "decimal_max_digits": "value.number",
    "decimal_max_places": "value.number",
    "decimal_whole_digits": "value.number",
    "finite_number": "value.finite",
    "bool_type": "value.yes_no",
    "bool_parsing": "value.yes_no",
    "date_type": "value.date",
    "date_parsing": "value.date",
    "date_from_datetime_parsing": "value.date",
    "date_from_datetime_inexact": "value.date",
    "date_past": "value.date",
    "date_future": "value.date",
    "datetime_type": "value.datetime",
    "datetime_parsing": "value.datetime",
    "datetime_from_date_parsing": "value.datetime",
    "datetime_object_invalid": "value.datetime",
    "datetime_past": "value.datetime",
    "datetime_future": "value.datetime",
    "time_type": "value.time",
    "time_parsing": "value.time",
    "timezone_naive": "value.datetime",
    "timezone_aware": "value.datetime",
    "list_type": "value.list",
    "tuple_type": "value.list",
    "set_type": "value.list",
    "frozen_set_type": "value.list",
    "iterable_type": "value.list",
    "dict_type": "value.mapping",
    "mapping_type": "value.mapping",
    "model_type": "value.mapping",
    "model_attributes_type": "value.mapping",
    "dataclass_type": "value.mapping",
    "dataclass_exact_type": "value.mapping",
    "none_required": "value.none",
    "frozen_instance": "value.frozen",
    "frozen_field": "value.frozen",
    "path_type": "value.path",
    "url_type": "value.url",
    "url_parsing": "value.url",
    "url_syntax_violation": "value.url",
    "url_scheme": "value.url",
    "is_instance_of": "value.invalid",
    "is_subclass_of": "value.invalid",
    "callable_type": "value.invalid",
    "union_tag_invalid": "value.invalid",
    "union_tag_not_found": "value.invalid",
    "json_invalid": "value.invalid",
    "json_type": "value.invalid",
    "uuid_type": "value.invalid",
    "uuid_parsing": "value.invalid",
    "bytes_type": "value.text",
    "no_such_attribute": "value.invalid",
}

_COMPARISONS = {
    "less_than_equal": ("value.at_most", "le"),
    "greater_than_equal": ("value.at_least", "ge"),
    "less_than": ("value.less_than", "lt"),
    "greater_than": ("value.more_than", "gt"),
    "multiple_of": ("value.multiple_of", "multiple_of"),
}

_MAPPING_TYPES = {
    "model_type",
    "model_attributes_type",
    "dict_type",
    "mapping_type",
    "dataclass_type",
}


def shown(value: Any, limit: int = 60) -> str:
    """A user's value as it appears in a message: text in quotes, shortened; lists summarised."""
    if value is None:
        return Message("value.kind_of_input.empty").text()
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return Message("value.kind_of_input.list").text()
    if isinstance(value, dict):
        return "{" + ", ".join(str(key) for key in list(value)[:5]) + "}"
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def alternatives(expected: Any) -> Message:
    """pydantic's "'WIB', 'WITA' or 'WIT'" as a message that says "atau" in Indonesian."""
    options = re.split(r", | or ", str(expected))
    if len(options) < 2:
        return Message.plain(str(expected))
    return Message("value.alternatives", first=", ".join(options[:-1]), last=options[-1])


def error_path(error: Mapping[str, Any]) -> FieldPath:
    """The field path of one entry of ``ValidationError.errors()``: pydantic's location, and the
    field a model validator named by raising :class:`~rembuk_docs.errors.FieldValueError`
    (``("event", "day")`` rather than ``("event",)``)."""
    loc: FieldPath = tuple(error.get("loc") or ())
    original = (error.get("ctx") or {}).get("error")
    if isinstance(original, FieldValueError):
        loc = (*loc, original.field)
    return loc


def describe(
    error: Mapping[str, Any],
    *,
    known: Sequence[str] | None = None,
    close: str | None = None,
    first_key: str | None = None,
) -> Message:
    """The message for one entry of ``ValidationError.errors()``.

    ``known`` lists the keys allowed where an unknown key was found and ``close`` is the nearest
    of them (both computed by the caller, which knows the model); ``first_key`` is the key to
    suggest when plain text is written where a mapping is expected (``text`` for a pledge).
    """
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind in catalogue():  # raised with messages.invalid(...): the id is the error type
        return Message(kind, **dict(ctx))
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error.get("loc") else ""
        if close:
            return Message("value.unknown_key_close", key=key, close=close)
        return Message("value.unknown_key", key=key, known=", ".join(known or ()))
    if kind in ("string_too_short", "too_short") and isinstance(value, str):
        minimum = int(ctx.get("min_length", 1))
        if minimum <= 1 or not value.strip():
            return Message("value.empty")
        return Message("value.too_short_text", min=minimum)
    if kind == "string_too_long":
        return Message("value.too_long_text", max=ctx.get("max_length", ""))
    if kind == "too_short":
        return Message("value.too_few_items", min=ctx.get("min_length", 1))
    if kind == "too_long":
        return Message(
            "value.too_many_items",
            actual=ctx.get("actual_length", ""),
            max=ctx.get("max_length", ""),
        )
    if kind in _COMPARISONS:
        message_id, bound = _COMPARISONS[kind]
        return Message(message_id, bound=ctx.get(bound, ""), value=shown(value))
    if kind in ("enum", "literal_error"):
        return Message(
            "value.choice", expected=alternatives(ctx.get("expected", "")), value=shown(value)
        )
    if kind in _MAPPING_TYPES and isinstance(value, list | tuple):
        return Message("value.list_for_mapping")
    if kind in _MAPPING_TYPES and isinstance(value, str):
        return Message("value.plain_string_for_mapping", key=first_key or "text")
    if kind in _BY_TYPE:
        return Message(_BY_TYPE[kind], value=shown(value))
    if kind in ("value_error", "assertion_error"):
        original = ctx.get("error")
        detail = getattr(original, "detail", None)  # a ValueError carrying a Message
        if isinstance(detail, Message):
            return detail
        message = str(error.get("msg", ""))
        return Message.plain(
            message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        )
    return Message("value.invalid", value=shown(value))
