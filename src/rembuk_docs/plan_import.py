"""The rencana kegiatan sheet (CSV or XLSX): one row per programme/kegiatan, every row checked.

Headers are the Indonesian column names of the matrix, matched as forgivingly as the attendee
sheets' (case, spaces, dots, '_' and '-' ignored, common variants accepted). Every bad row is
reported with its row number and column, all at once; nothing is read in part.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import ImportDataError, Problem
from .importing import (
    cell_text,
    column_letter,
    column_place,
    find_header,
    header_key,
    read_table,
    row_place,
    warn_header_row,
)
from .messages import Message
from .messages.validation import describe
from .model import PlannedActivity

# field -> accepted headers; the first is the one the documentation and the messages use
PLAN_HEADERS: dict[str, tuple[str, ...]] = {
    "opd": (
        "OPD",
        "OPD Penanggung Jawab",
        "Perangkat Daerah",
        "Penanggung Jawab",
        "SKPD",
        "Instansi",
        "Unit Kerja",
    ),
    "program": ("Program", "Program / Kegiatan / Sub Kegiatan", "Nama Program"),
    "activity": ("Kegiatan", "Nama Kegiatan"),
    "sub_activity": ("Sub Kegiatan", "Subkegiatan", "Nama Sub Kegiatan"),
    "intervention": ("Intervensi", "Jenis Intervensi", "Jenis"),
    "target_group": ("Sasaran", "Kelompok Sasaran"),
    "indicator": ("Indikator", "Indikator Kinerja", "Indikator Kegiatan"),
    "target": ("Target", "Volume", "Target Volume", "Target Kinerja"),
    "unit": ("Satuan",),
    "location": ("Lokasi", "Lokus", "Desa Lokus", "Lokasi Desa", "Desa/Kelurahan"),
    "budget": (
        "Pagu",
        "Pagu (Rp)",
        "Pagu Anggaran",
        "Anggaran",
        "Anggaran (Rp)",
        "Biaya",
        "Biaya (Rp)",
    ),
    "funding_source": ("Sumber Dana", "Sumber", "Sumber Anggaran"),
    "example": ("Contoh", "Example"),
}
REQUIRED = ("opd", "program", "budget")
IGNORED = ("No", "Nomor", "No Urut", "#", "Keterangan", "Catatan", "Kode", "Kode Rekening")
_YES = {"ya", "y", "yes", "true", "1", "x", "benar"}
_MAX_LISTED = 100


def _looks_like_header(cells: Sequence[Any]) -> bool:
    """Whether a row names at least two of the plan's columns (a title row names none or one)."""
    known = {header_key(alias) for aliases in PLAN_HEADERS.values() for alias in aliases}
    titles = (cell_text(cell) for cell in cells)
    return sum(1 for title in titles if title is not None and header_key(title) in known) >= 2


def _columns(
    header: Sequence[Any], where: str, *, source: str
) -> tuple[dict[int, str], dict[str, str]]:
    """Which field each column holds, and each field's header as the file spells it."""
    lookup = {
        header_key(alias): field for field, aliases in PLAN_HEADERS.items() for alias in aliases
    }
    ignored = {header_key(alias) for alias in IGNORED}
    fields: dict[int, str] = {}
    titles: dict[str, str] = {}
    problems: list[Problem] = []
    known = "; ".join(aliases[0] for aliases in PLAN_HEADERS.values())
    for position, cell in enumerate(header):
        title = cell_text(cell)
        if title is None or header_key(title) in ignored:
            continue
        field = lookup.get(header_key(title))
        place = column_place(where, f"{column_letter(position)} '{title}'")
        if field is None:
            problems.append(Problem(place, Message("sheet.unknown_column", known=known)))
        elif field in titles:
            problems.append(Problem(place, Message("sheet.same_field", other=titles[field])))
        else:
            fields[position] = field
            titles[field] = title
    for field in REQUIRED:
        if field not in titles and not problems:
            problems.append(
                Problem(where, Message("sheet.no_column", column=PLAN_HEADERS[field][0]))
            )
    if problems:
        raise ImportDataError(problems, source=source)
    return fields, titles


def _value(field: str, value: Any) -> Any:
    if field == "example":
        return value is not None and str(value).strip().casefold() in _YES
    if field in ("budget", "target"):
        if isinstance(value, str):
            return value.strip() or None
        return value  # numbers stay numbers: a number cell is read exactly
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _column(fields: dict[int, str], titles: dict[str, str], field: str) -> str:
    """ "C 'Pagu'" for a column the sheet has; the Indonesian header for one it lacks."""
    for position, name in fields.items():
        if name == field:
            return f"{column_letter(position)} '{titles[field]}'"
    return f"'{PLAN_HEADERS.get(field, (field,))[0]}'"


def load_plan(path: str | Path) -> list[PlannedActivity]:
    """Read the rows of a rencana kegiatan sheet (first sheet of an XLSX, or a CSV).

    Raises :class:`ImportDataError` listing every bad row with its row number and column, or
    :class:`SyntaxProblemError` when the file cannot be read at all.
    """
    file = Path(path)
    if not file.is_file():
        raise ImportDataError(
            [
                Problem(
                    str(file),
                    Message("sheet.not_found", what=Message("sheet.what.rencana_kegiatan")),
                )
            ]
        )
    rows: list[PlannedActivity] = []
    problems: list[Problem] = []
    # title rows above the header ('RENCANA KEGIATAN ...', the regency, the year) are passed over
    header, body = find_header(file, read_table(file), _looks_like_header)
    where = row_place(file, header.number)
    fields, titles = _columns(header.cells, where, source=str(file))
    warn_header_row(file, header.leading, header.number, stacklevel=2)
    for number, cells in body:
        where = row_place(file, number)
        record: dict[str, Any] = {}
        for position, field in fields.items():
            value = _value(field, cells[position] if position < len(cells) else None)
            if value is not None:
                record[field] = value
        try:
            rows.append(PlannedActivity.model_validate(record))
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else "program"
                empty = error["type"] in ("missing", "string_too_short")
                message = Message("value.empty") if empty else describe(error)
                problems.append(
                    Problem(column_place(where, _column(fields, titles, field)), message)
                )
    if problems:
        rest = len(problems) - _MAX_LISTED
        if rest > 0:
            problems = [
                *problems[:_MAX_LISTED],
                Problem("", Message("sheet.more_problems", count=rest)),
            ]
        raise ImportDataError(problems, source=str(file))
    if not rows:
        raise ImportDataError(
            [Problem(str(file), Message("sheet.no_rows", what=Message("sheet.what.row")))]
        )
    return rows
