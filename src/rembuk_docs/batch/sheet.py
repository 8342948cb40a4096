"""The batch spreadsheet: one row per desa, and the activities keyed by desa (second sheet or file)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import ImportDataError, Problem
from ..importing import (
    capped_problems,
    cell_text,
    column_letter,
    column_place,
    find_header,
    header_key,
    read_table,
    row_place,
    sheet_names,
    warn_header_row,
)
from ..messages import Message, text

# field -> accepted headers (matched ignoring case, spaces, dots, '_' and '-')
DESA_COLUMNS: dict[str, tuple[str, ...]] = {
    "desa": ("desa", "Nama Desa", "Village"),
    "kecamatan": ("kecamatan", "District"),
    "kepala_desa": ("kepala_desa", "Kades", "Nama Kepala Desa"),
    "pagu_dana_desa": ("pagu_dana_desa", "Pagu DD", "Pagu"),
    "alokasi_stunting": ("alokasi_stunting", "Alokasi Dana Desa Stunting"),
    "kabupaten": ("kabupaten", "Kabupaten/Kota"),
    "ketua_bpd": ("ketua_bpd", "Ketua Badan Permusyawaratan Desa"),
    "kpm": ("kpm", "Kader Pembangunan Manusia"),
    "camat": ("camat",),
    "nip_camat": ("nip_camat",),
    "pangkat_camat": ("pangkat_camat",),
    "tanggal": ("tanggal", "Tanggal Rembuk"),
    "mulai": ("mulai", "Pukul", "Jam"),
    "selesai": ("selesai", "Sampai Pukul", "Jam Selesai"),
    "tempat": ("tempat",),
    "alamat": ("alamat", "Alamat Kantor Desa"),
    "tahun_anggaran": ("tahun_anggaran", "TA"),
    "nomor_berita_acara": ("nomor_berita_acara",),
    "nomor_kesepakatan": ("nomor_kesepakatan",),
    "contoh": ("contoh", "Example"),
}
DESA_REQUIRED = ("desa", "kecamatan", "kepala_desa", "pagu_dana_desa", "alokasi_stunting")

ACTIVITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "desa": ("desa", "Nama Desa"),
    "kecamatan": ("kecamatan",),
    "kegiatan": ("kegiatan", "Nama Kegiatan"),
    "sasaran": ("sasaran", "Kelompok Sasaran"),
    "volume": ("volume",),
    "satuan": ("satuan",),
    "biaya": ("biaya", "Biaya (Rp)", "Anggaran"),
    "sumber_dana": ("sumber_dana", "Sumber"),
}
ACTIVITY_REQUIRED = ("desa", "kegiatan", "biaya")
ACTIVITY_SHEET = "kegiatan"
"""Name of the activities sheet in a workbook; without one, the second sheet holds them."""

IGNORED = ("No", "Nomor", "No Urut", "#", "Keterangan", "Catatan", "Kode Desa", "Kode Wilayah")


@dataclass(frozen=True)
class Row:
    """One data row: where it is and its values by field, as plain data (text or numbers)."""

    sheet: str
    number: int
    values: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict, compare=False)

    def text(self, name: str) -> str:
        """The value of field ``name`` as stripped text ('' when empty or absent)."""
        value = self.values.get(name)
        return "" if value is None else str(value).strip()

    def column(self, name: str) -> str:
        """The header of field ``name`` as the sheet spells it."""
        return self.titles.get(name, name)


@dataclass(frozen=True)
class Sheet:
    """The desa rows and the activity rows of a batch, and where they were read from."""

    desa: list[Row]
    activities: list[Row]


def identity(name: str) -> str:
    """A name as compared: NFC, case and runs of spaces ignored ('Desa ' prefix dropped)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()
    return re.sub(r"^(desa|kecamatan)\s+(?=\S)", "", text)


def _plain(value: Any) -> Any:
    """A cell as picklable, hashable plain data: dates as ISO text, times as '09.00'."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H.%M")
    if isinstance(value, str):
        return value.strip() or None
    return value


def _read(
    path: Path, sheet: int, label: str, known: dict[str, tuple[str, ...]], required: Sequence[str]
) -> list[Row]:
    """Rows of one sheet, matched to ``known`` by the header; a bad header is unusable input."""
    lookup = {header_key(alias): name for name, aliases in known.items() for alias in aliases}
    ignored = {header_key(alias) for alias in IGNORED}
    rows: list[Row] = []

    def names_two(cells: Sequence[Any]) -> bool:  # a title row ('REKAPITULASI DESA ...') does not
        return sum(1 for cell in cells if header_key(cell_text(cell) or "") in lookup) >= 2

    header, body = find_header(label, read_table(path, sheet=sheet), names_two)
    where = row_place(label, header.number)
    fields, titles = _header(header.cells, lookup, ignored, known, required, where)
    warn_header_row(label, header.leading, header.number, stacklevel=2)
    for number, cells in body:
        values = {
            name: _plain(cells[position]) if position < len(cells) else None
            for position, name in fields.items()
        }
        if any(value is not None for value in values.values()):
            rows.append(Row(label, number, values, titles))
    return rows


def _header(
    cells: Sequence[Any],
    lookup: dict[str, str],
    ignored: set[str],
    known: dict[str, tuple[str, ...]],
    required: Sequence[str],
    where: str,
) -> tuple[dict[int, str], dict[str, str]]:
    fields: dict[int, str] = {}
    titles: dict[str, str] = {}
    problems: list[Problem] = []
    for position, cell in enumerate(cells):
        title = cell_text(cell)
        if title is None or header_key(title) in ignored:
            continue
        name = lookup.get(header_key(title))
        place = column_place(where, f"{column_letter(position)} '{title}'")
        if name is None:
            problems.append(
                Problem(
                    place,
                    Message(
                        "sheet.unknown_column_ignored",
                        known=", ".join(known),
                        ignored=", ".join(IGNORED),
                    ),
                )
            )
        elif name in titles:
            problems.append(Problem(place, Message("sheet.same_field", other=titles[name])))
        else:
            fields[position] = name
            titles[name] = title
    missing = [name for name in required if name not in titles]
    if missing:
        problems.append(
            Problem(where, Message("sheet.missing_columns", columns=", ".join(missing)))
        )
    if problems:
        raise ImportDataError(capped_problems(problems))
    return fields, titles


def read_sheet(path: str | Path, *, activities: str | Path | None = None) -> Sheet:
    """Read the desa rows (first sheet) and the activities (``activities`` file, else the
    workbook's 'kegiatan' sheet or its second sheet; none for a CSV without ``activities``).

    Raises :class:`ImportDataError` or :class:`SyntaxProblemError` when a sheet is unusable as a
    whole (unreadable, unknown or missing columns, no desa); bad values in a row are not checked
    here but when that desa is rendered, so that one bad row never stops the others.
    """
    file = Path(path)
    if not file.is_file():
        raise ImportDataError(
            [Problem(str(file), Message("sheet.not_found", what=Message("sheet.what.batch")))]
        )
    names = sheet_names(file)
    desa_label = f"{file.name} [{names[0]}]" if names else file.name
    desa = _read(file, 0, desa_label, DESA_COLUMNS, DESA_REQUIRED)
    if not desa:
        raise ImportDataError(
            [Problem(desa_label, Message("sheet.no_rows", what=Message("sheet.what.desa")))]
        )
    activity_rows: list[Row] = []
    if activities is not None:
        other = Path(activities)
        if not other.is_file():
            raise ImportDataError(
                [
                    Problem(
                        str(other),
                        Message("sheet.not_found", what=Message("sheet.what.activities")),
                    )
                ]
            )
        other_names = sheet_names(other)
        label = f"{other.name} [{other_names[0]}]" if other_names else other.name
        activity_rows = _read(other, 0, label, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED)
    else:
        index = _activity_sheet(names)
        if index is not None:
            label = f"{file.name} [{names[index]}]"
            activity_rows = _read(file, index, label, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED)
    return Sheet(desa, activity_rows)


def _activity_sheet(names: list[str]) -> int | None:
    for index, name in enumerate(names):
        if index and header_key(name) == ACTIVITY_SHEET:
            return index
    return 1 if len(names) > 1 else None


def activities_by_desa(
    sheet: Sheet,
) -> tuple[dict[int, list[Row]], list[tuple[Row, str]], dict[int, str]]:
    """Match activity rows to desa rows.

    Returns each desa row's activities (by its row number); the activity rows that match no desa,
    each with the reason; and the desa rows that cannot be rendered because an activity row
    names them ambiguously (two desa of that name and no kecamatan to tell them apart).
    """
    by_name: dict[str, list[Row]] = {}
    for row in sheet.desa:
        by_name.setdefault(identity(row.text("desa")), []).append(row)
    matched: dict[int, list[Row]] = {}
    unmatched: list[tuple[Row, str]] = []
    blocked: dict[int, str] = {}
    for activity in sheet.activities:
        name = activity.text("desa")
        candidates = by_name.get(identity(name), []) if name else []
        kecamatan = activity.text("kecamatan")
        if kecamatan:
            candidates = [
                r for r in candidates if identity(r.text("kecamatan")) == identity(kecamatan)
            ]
        if not name:
            unmatched.append((activity, text("batch.activity.desa_empty")))
        elif not candidates:
            where = text("batch.activity.in_kecamatan", kecamatan=kecamatan) if kecamatan else ""
            unmatched.append((activity, text("batch.activity.no_desa", name=name, where=where)))
        elif len(candidates) > 1:
            numbers = ", ".join(str(r.number) for r in candidates)
            place = row_place(activity.sheet, activity.number)
            reason = text("batch.activity.ambiguous", place=place, name=name, rows=numbers)
            unmatched.append((activity, reason))
            for candidate in candidates:
                blocked.setdefault(candidate.number, reason)
        else:
            matched.setdefault(candidates[0].number, []).append(activity)
    return matched, unmatched, blocked
