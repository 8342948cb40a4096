"""Characters the PDF font cannot draw: dropped when invisible, else replaced by '?' with a warning."""

from __future__ import annotations

import dataclasses
import unicodedata
import warnings
from collections.abc import Collection
from enum import Enum
from functools import cache
from typing import Any

from ..compose.blocks import Document
from ..errors import MissingGlyphWarning

REPLACEMENT = "?"
_ALWAYS_FINE = {"\n", " "}


def _invisible(char: str) -> bool:
    """Zero-width spaces, joiners, marks and BOMs: format characters that draw nothing."""
    return unicodedata.category(char) == "Cf"


def _plain_texts(items: tuple[Any, ...] | list[Any]) -> bool:
    """Whether ``items`` are all texts of ASCII without a tab (drawable as they are), checked
    in one join rather than item by item (a list of 100,000 rows has 400,000 such texts)."""
    try:
        joined = "".join(items)
    except TypeError:  # not all texts
        return False
    return joined.isascii() and "\t" not in joined


class _Fixer:
    def __init__(self, covered: Collection[int]) -> None:
        self.covered = covered
        self.missing: dict[str, int] = {}

    def text(self, value: str) -> str:
        if "\t" in value:
            value = value.replace("\t", " ")  # a tab has no glyph; in a PDF it is a space
        if value.isascii():
            return value
        if all((ord(c) in self.covered and not _invisible(c)) or c in _ALWAYS_FINE for c in value):
            return value
        out = []
        for char in value:
            if _invisible(char):
                continue
            if ord(char) in self.covered or char in _ALWAYS_FINE:
                out.append(char)
            else:
                self.missing[char] = self.missing.get(char, 0) + 1
                out.append(REPLACEMENT)
        return "".join(out)

    def value(self, value: Any) -> Any:
        """``value`` made drawable: the very object when nothing in it needs to change."""
        if isinstance(value, Enum):
            return value  # alignment and other settings: not text
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple | list):
            if _plain_texts(value):  # a table row of plain text: nothing to fix
                return value
            items = [self.value(item) for item in value]
            if all(fixed is item for fixed, item in zip(items, value, strict=True)):
                return value
            return tuple(items) if isinstance(value, tuple) else items
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for name in _field_names(type(value)):
                item = getattr(value, name)
                if isinstance(item, str | tuple | list) or dataclasses.is_dataclass(item):
                    fixed = self.value(item)
                    if fixed is not item:
                        changes[name] = fixed
            return dataclasses.replace(value, **changes) if changes else value
        return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The names of a dataclass's fields (looked up once per class)."""
    return tuple(field.name for field in dataclasses.fields(kind))


def fit_to_font(document: Document, covered: Collection[int]) -> Document:
    """``document`` with every character outside ``covered`` (code points) made drawable.

    Invisible format characters are dropped silently; other missing characters become '?' and one
    :class:`MissingGlyphWarning` lists them, so no letter silently turns into an empty box.
    """
    fixer = _Fixer(covered)
    blocks = tuple(fixer.value(block) for block in document.blocks)
    if fixer.missing:
        listed = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in list(fixer.missing)[:8])
        more = "" if len(fixer.missing) <= 8 else f" and {len(fixer.missing) - 8} more"
        warnings.warn(
            MissingGlyphWarning(
                f"{document.name}.pdf: the font has no glyph for {listed}{more}; "
                f"shown as '{REPLACEMENT}' in the PDF (the DOCX keeps the original text)"
            ),
            stacklevel=3,
        )
    if all(fixed is block for fixed, block in zip(blocks, document.blocks, strict=True)):
        return document
    return dataclasses.replace(document, blocks=blocks)
