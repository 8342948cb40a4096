"""Document numbers (nomor) from a pack's pattern, e.g. '{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}'."""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

from ..indonesian import bulan_romawi

DEFAULT_PATTERN = "{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}"

FIELDS: dict[str, str] = {
    "klasifikasi": "kode klasifikasi arsip (Permendagri 83/2022), from the definition",
    "urut": "nomor urut, from the definition",
    "unit": "unit code, from the definition or else organizer.unit_code",
    "bulan_romawi": "month of the document's date in Roman numerals, e.g. VII",
    "bulan": "month of the document's date as a number, e.g. 7",
    "tahun": "year of the document's date, e.g. 2022",
}
DEFINITION_FIELDS = ("klasifikasi", "urut", "unit")
"""The fields a definition supplies; the others come from the document's date."""


def pattern_fields(pattern: str) -> list[str]:
    """The field names a valid pattern uses, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]


def pattern_problems(pattern: str) -> list[str]:
    """What is wrong with a numbering pattern, in the user's language; empty when it can be used."""
    from ..errors import brace_reason
    from ..messages import text

    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return [text("pack.pattern.malformed", pattern=pattern, reason=brace_reason(exc))]
    problems: list[str] = []
    names: list[str] = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name == "" or name.isdigit():
            problems.append(text("pack.pattern.unnamed", pattern=pattern))
            continue
        if spec or conversion:
            problems.append(text("pack.pattern.format_spec", pattern=pattern, name=name))
        if name not in FIELDS:
            known = ", ".join("{" + known + "}" for known in FIELDS)
            problems.append(text("pack.pattern.unknown", pattern=pattern, name=name, known=known))
        names.append(name)
    if not problems and "urut" not in names:
        problems.append(text("pack.pattern.needs_urut", pattern=pattern))
    return problems


def format_number(pattern: str, values: Mapping[str, str], day: date) -> str:
    """The nomor for ``values`` (klasifikasi, urut, unit) on ``day``.

    The caller makes sure that every definition field the pattern uses has a value.
    """
    fields = {
        **values,
        "bulan_romawi": bulan_romawi(day.month),
        "bulan": str(day.month),
        "tahun": str(day.year),
    }
    return pattern.format_map(fields)
