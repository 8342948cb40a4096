"""Formula neutralisation: no cell this library writes to a CSV or XLSX file runs in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their
full-width forms) is read by Excel and LibreOffice as a formula, e.g. ``=HYPERLINK(...)`` or
``+cmd|' /C calc'!A0`` (CSV injection). As OWASP advises, such a cell gets a leading apostrophe:
the spreadsheet shows the text as it is and runs nothing. Numbers stay numbers.

Use :func:`neutralise` on every cell value of every CSV or XLSX the library writes (``errors.csv``,
exports), and :func:`neutralise_row` for a whole row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula (with full-width forms)."""


def neutralise(value: T) -> T | str:
    """``value`` as a cell that no spreadsheet runs: text starting like a formula gets a ``'``.

    Anything that is not text (numbers, dates, ``None``) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: Iterable[T]) -> list[T | str]:
    """Every cell of ``row`` through :func:`neutralise`."""
    return [neutralise(value) for value in row]
