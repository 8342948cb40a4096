"""A new definition to fill in: the commented Indonesian YAML that ``rembuk-docs baru`` writes.

The text is data: one Jinja template per kind of rembuk (``kabupaten.yaml.j2`` for a kabupaten or
kota, ``desa.yaml.j2`` for a desa) in this package. It covers every section, validates as written,
and marks its placeholder content as examples, so that the documents it renders are DRAF until
they are filled in. The web app's "start a new definition" starts from the same text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

KINDS = ("kabupaten", "kota", "desa")
"""The kinds of rembuk a new definition can be written for."""

_TIMEZONES = {
    "WITA": (
        "Bali",
        "Nusa Tenggara Barat",
        "Nusa Tenggara Timur",
        "Kalimantan Selatan",
        "Kalimantan Timur",
        "Kalimantan Utara",
        "Sulawesi Utara",
        "Sulawesi Tengah",
        "Sulawesi Selatan",
        "Sulawesi Tenggara",
        "Sulawesi Barat",
        "Gorontalo",
    ),
    "WIT": (
        "Maluku",
        "Maluku Utara",
        "Papua",
        "Papua Barat",
        "Papua Barat Daya",
        "Papua Selatan",
        "Papua Tengah",
        "Papua Pegunungan",
    ),
}
"""Provinces outside WIB (Keputusan Presiden Nomor 41 Tahun 1987); every other province is WIB."""


def timezone_of(province: str) -> str:
    """The time zone (WIB, WITA or WIT) of ``province``; WIB when the name is not known."""
    key = " ".join(province.split()).casefold().removeprefix("provinsi ")
    for zone, provinces in _TIMEZONES.items():
        if key in (name.casefold() for name in provinces):
            return zone
    return "WIB"


@dataclass(frozen=True, slots=True)
class StarterAnswers:
    """What a new definition is written for.

    ``kind`` is one of :data:`KINDS`; ``name`` the region's name without its kind ('Kupang');
    ``kecamatan`` and ``kabupaten`` are a desa's ('Kupang Tengah', 'Kabupaten Kupang') and ignored
    for a kabupaten or kota; ``out_name`` is the file name the comments refer to;
    ``format_pack`` the pack slug or folder (relative to the file) the definition names.
    """

    kind: str
    name: str
    province: str
    day: date
    kecamatan: str = ""
    kabupaten: str = ""
    out_name: str = "rembuk.yaml"
    format_pack: str = "default"


def default_day(today: date | None = None) -> date:
    """The date a new definition proposes: two weeks from ``today``."""
    return (today or date.today()) + timedelta(days=14)


def _quoted(value: Any) -> str:
    """A YAML scalar that reads back as exactly ``value`` (a JSON string is YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


@cache
def _template(kind: str) -> Any:
    from jinja2 import Environment, StrictUndefined

    environment = Environment(
        autoescape=False,  # YAML, not HTML: every user value goes through the `q` filter
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["q"] = _quoted
    file = "desa.yaml.j2" if kind == "desa" else "kabupaten.yaml.j2"
    source = resources.files(__name__).joinpath(file).read_text(encoding="utf-8")
    return environment.from_string(source)


def starter_text(answers: StarterAnswers, *, today: date | None = None) -> str:
    """The commented YAML of a new definition for ``answers`` (raises ValueError on a bad kind)."""
    if answers.kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {answers.kind!r}")
    name = " ".join(answers.name.split())
    head_title = {"kabupaten": "Bupati", "kota": "Wali Kota", "desa": "Kepala Desa"}[answers.kind]
    invitation_day = answers.day - timedelta(days=7)
    return str(
        _template(answers.kind).render(
            kind=answers.kind,
            name=name,
            province=" ".join(answers.province.split()),
            kecamatan=" ".join(answers.kecamatan.split()),
            kabupaten=" ".join(answers.kabupaten.split()),
            region_title=f"{answers.kind.capitalize()} {name}",
            head_title=head_title,
            place=name,
            date=answers.day.isoformat(),
            invitation_date=invitation_day.isoformat(),
            year=answers.day.year,
            timezone=timezone_of(answers.province),
            today=(today or date.today()).isoformat(),
            out_name=answers.out_name,
            format_pack=answers.format_pack,
        )
    )


def starter_data(answers: StarterAnswers) -> dict[str, Any]:
    """The new definition as data (what :func:`starter_text` writes, parsed): plain dicts and
    lists, dates as 'YYYY-MM-DD', nothing shared between the places an anchor was used."""
    import yaml

    data = _plain(yaml.safe_load(starter_text(answers)))
    assert isinstance(data, dict)
    return data


def _plain(value: Any) -> Any:
    """A copy of parsed YAML that an editor may change in one place only (aliases unshared)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
