"""Every pydantic error a definition's values can raise has its own catalogue message."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from pydantic import BaseModel, ValidationError

import rembuk_docs.model
from rembuk_docs.messages import catalogue, use_language
from rembuk_docs.messages.validation import describe

BAD_VALUES = [[], {}, "x", "", 1.5, True, None, "9" * 50, -1, 10**30, "2024-13-45", [1]]
BAD_VALUES += [{"a": 1}, "Rp-5", "1e999", "nan", "25.00", "30 Februari 2024", "12 Juliy 2024"]
BAD_VALUES += ["19721332 199803 2 004", "19720315 199803 3 000", "Kupang\x0bTengah"]


def _models() -> list[type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    for info in pkgutil.iter_modules(rembuk_docs.model.__path__):
        module = importlib.import_module(f"rembuk_docs.model.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseModel) and cls.__module__.startswith("rembuk_docs"):
                found[cls.__qualname__] = cls
    return [found[name] for name in sorted(found)]


def _errors() -> list[tuple[str, dict[str, object]]]:
    errors = []
    for model in _models():
        for field in model.model_fields:
            for value in BAD_VALUES:
                try:
                    model.model_validate({field: value})
                except ValidationError as exc:
                    for error in exc.errors():
                        where = f"{model.__name__}.{field}={value!r:.30}"
                        errors.append((where, dict(error)))
    return errors


ERRORS = _errors()


def test_the_probe_reaches_many_error_types() -> None:
    kinds = {str(error["type"]) for _, error in ERRORS}
    assert {"missing", "extra_forbidden", "enum", "list_type", "string_type", "model_type"} <= kinds
    assert {"model.nip", "model.date.not_real", "model.time.invalid", "model.text.control"} <= kinds
    assert "value_error" not in kinds, "a validator raised ValueError: use messages.invalid(...)"


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_error_has_a_catalogue_message_in_both_languages(language: str) -> None:
    known = catalogue()
    with use_language(language):
        for where, error in ERRORS:
            message = describe(error, first_key="text")
            assert message.id in known and message.id != "value.invalid", (where, error)
            shown = message.text()
            for english in ("Input should be", "Field required", "Value error", "is not a"):
                assert language == "en" or english not in shown, (where, shown)
