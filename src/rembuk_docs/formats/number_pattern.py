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
    """What is wrong with a numbering pattern; empty when it can be used."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return [
            f"numbering pattern {pattern!r} is malformed: {exc} (write a brace as {{{{ or }}}})"
        ]
    problems: list[str] = []
    names: list[str] = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name == "" or name.isdigit():
            problems.append(f"numbering pattern {pattern!r} has an unnamed field {{}}")
            continue
        if spec or conversion:
            problems.append(
                f"numbering pattern {pattern!r}: write {{{name}}} without a format or conversion"
            )
        if name not in FIELDS:
            problems.append(
                f"numbering pattern {pattern!r} has an unknown field {{{name}}}; "
                f"known: {', '.join('{' + known + '}' for known in FIELDS)}"
            )
        names.append(name)
    if not problems and "urut" not in names:
        problems.append(f"numbering pattern {pattern!r} needs the field {{urut}}")
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
