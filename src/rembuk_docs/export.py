"""The tables behind the documents, for the Aksi Bangda upload: XLSX, CSV or JSON.

``rembuk-docs export FILE --to xlsx|csv|json --out PATH`` writes, from a definition:

- ``acara``: the event (name, date, place, region, the kesepakatan's nomor);
- ``kesepakatan``: the pledges as the kesepakatan numbers them, with the responsible OPD;
- ``rencana_kegiatan``: the rows of the integrated plan, pagu as a number;
- ``penanda_tangan``: the signatories as they sign (Pasal 44: the printed name, pangkat, NIP);
- ``kehadiran``: how many attended, by unsur and L/P, where the attendees say so;
- ``alokasi_desa``: for a desa (or a batch of them: a sheet and its template), the Dana Desa for
  stunting and its share of the pagu.

Which tables, their names and their columns (in order, with their titles) come from a mapping
file, TOML (``export.toml``): the format pack's, else the default one
(``templates/default/export.toml``, which documents every field), or ``--mapping FILE``. A table
without data (no plan, no attendees) is left out. Every figure is the one the documents print:
each table is computed from the same model and by the same functions the composers use.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DefinitionError, ImportDataError, InputError, Problem, toml_failure
from .formats.pack import FormatPack
from .formulas import neutralise
from .importing import column_place, row_place
from .indonesian import format_nip, letter_label
from .messages import Message
from .messages import text as message_text
from .model import Rembuk

Value = str | int | Decimal | date | None

KINDS = ("text", "int", "number", "money", "percent", "date")
"""What a field holds: XLSX cells get a number format by kind (money '#,##0.00', percent '0.00%',
date 'DD/MM/YYYY'); CSV and JSON write numbers plainly, dates as YYYY-MM-DD."""
FORMATS = ("xlsx", "csv", "json")
MAPPING_FILE = "export.toml"

if TYPE_CHECKING:
    from .batch.definition import Built
    from .batch.sheet import Row


@dataclass(frozen=True)
class Table:
    """One exported table: its fields (name -> kind) and its rows (field -> value)."""

    name: str
    fields: dict[str, str]
    rows: list[dict[str, Value]]


@dataclass(frozen=True)
class MappedColumn:
    field: str
    title: str
    width: float | None = None


@dataclass(frozen=True)
class MappedTable:
    name: str
    title: str
    columns: tuple[MappedColumn, ...]


@dataclass
class Mapping:
    """Which tables are written, under what title, with which columns in what order."""

    tables: list[MappedTable] = field(default_factory=list)
    source: str = ""


# --------------------------------------------------------------------------- the tables

FIELDS: dict[str, dict[str, str]] = {
    "acara": {
        "nama_acara": "text",
        "tanggal": "date",
        "tempat": "text",
        "wilayah": "text",
        "provinsi": "text",
        "jenis_kesepakatan": "text",
        "nomor_kesepakatan": "text",
        "jumlah_butir": "int",
        "jumlah_peserta": "int",
    },
    "kesepakatan": {
        "no": "int",
        "butir": "text",
        "rincian": "text",
        "penanggung_jawab": "text",
    },
    "rencana_kegiatan": {
        "no": "int",
        "opd": "text",
        "program": "text",
        "kegiatan": "text",
        "sub_kegiatan": "text",
        "intervensi": "text",
        "sasaran": "text",
        "indikator": "text",
        "target": "number",
        "satuan": "text",
        "lokasi": "text",
        "pagu": "money",
        "sumber_dana": "text",
        "contoh": "text",
    },
    "penanda_tangan": {
        "no": "int",
        "nama": "text",
        "jabatan": "text",
        "pangkat": "text",
        "nip": "text",
        "instansi": "text",
        "pihak": "text",
        "peran": "text",
    },
    "kehadiran": {
        "unsur": "text",
        "laki_laki": "int",
        "perempuan": "int",
        "tidak_diisi": "int",
        "jumlah": "int",
    },
    "alokasi_desa": {
        "no": "int",
        "desa": "text",
        "kecamatan": "text",
        "kabupaten": "text",
        "tahun_anggaran": "int",
        "pagu_dana_desa": "money",
        "dana_stunting": "money",
        "porsi": "percent",
        "porsi_minimum": "percent",
        "memenuhi": "text",
    },
}
"""Every table and its fields: what a mapping may name."""


def _event(rembuk: Rembuk, pack: FormatPack) -> list[dict[str, Value]]:
    from .compose.dana_desa import pledge_count
    from .compose.lampiran import agreement_number
    from .compose.meeting import place_line
    from .compose.wording import Wording

    say = Wording(rembuk, pack)
    attended = (
        rembuk.minutes.participant_count
        if rembuk.minutes is not None and rembuk.minutes.participant_count is not None
        else len(rembuk.attendees) or None
    )
    return [
        {
            "nama_acara": rembuk.event.name,
            "tanggal": rembuk.event.date,
            "tempat": place_line(say),
            "wilayah": say.context["wilayah"],
            "provinsi": rembuk.region.province,
            "jenis_kesepakatan": rembuk.agreement.kind.value,
            "nomor_kesepakatan": agreement_number(rembuk, pack) or None,
            "jumlah_butir": pledge_count(rembuk),
            "jumlah_peserta": attended,
        }
    ]


def _pledges(rembuk: Rembuk, pack: FormatPack) -> list[dict[str, Value]]:
    from .compose.dana_desa import extra_pledges
    from .compose.wording import Wording

    rows: list[dict[str, Value]] = []
    for number, pledge in enumerate(rembuk.agreement.pledges, start=1):
        rows.append(
            {
                "no": number,
                "butir": pledge.text,
                "rincian": "\n".join(
                    f"({letter_label(i)}) {item}" for i, item in enumerate(pledge.items)
                )
                or None,
                "penanggung_jawab": pledge.responsible,
            }
        )
    for text in extra_pledges(Wording(rembuk, pack)):
        rows.append({"no": len(rows) + 1, "butir": text, "rincian": None, "penanggung_jawab": None})
    return rows


def _plan(rembuk: Rembuk, pack: FormatPack) -> list[dict[str, Value]]:
    plan = rembuk.rencana_kegiatan
    if plan is None:
        return []
    rows: list[dict[str, Value]] = []
    number = 0
    # in the order the matrix prints them: grouped by OPD
    for _, items in plan.by_opd():
        for item in items:
            number += 1
            rows.append(
                {
                    "no": number,
                    "opd": item.opd,
                    "program": item.program,
                    "kegiatan": item.activity,
                    "sub_kegiatan": item.sub_activity,
                    "intervensi": pack.say(
                        f"rencana_kegiatan.intervensi.{item.intervention.value}"
                    ),
                    "sasaran": item.target_group,
                    "indikator": item.indicator,
                    "target": item.target,
                    "satuan": item.unit,
                    "lokasi": item.location,
                    "pagu": item.budget,
                    "sumber_dana": item.funding_source,
                    "contoh": "ya" if item.example else None,
                }
            )
    return rows


def _signatories(rembuk: Rembuk, pack: FormatPack) -> list[dict[str, Value]]:
    rows: list[dict[str, Value]] = []
    for number, person in enumerate(rembuk.signatories, start=1):
        shown = person.shows_nip and person.nip is not None
        rows.append(
            {
                "no": number,
                "nama": person.printed_name(),
                "jabatan": person.position,
                "pangkat": person.rank if shown else None,
                "nip": format_nip(person.nip, grouped=pack.signature.nip_grouped)
                if shown and person.nip
                else None,
                "instansi": person.institution,
                "pihak": person.party,
                "peran": person.role.value,
            }
        )
    return rows


def _attendance(rembuk: Rembuk, pack: FormatPack) -> list[dict[str, Value]]:
    """Attendees counted by unsur (in the order each first appears; '-' when not given) and by
    L/P, then a 'Jumlah' row of every attendee."""
    if not rembuk.attendees:
        return []
    counts: dict[str, dict[str, int]] = {}
    for person in rembuk.attendees:
        group = counts.setdefault(person.unsur or "-", {"L": 0, "P": 0, "": 0})
        group[person.sex.value if person.sex is not None else ""] += 1
    total = {"L": 0, "P": 0, "": 0}
    rows: list[dict[str, Value]] = []
    for unsur, group in [*counts.items(), ("Jumlah", total)]:
        if group is not total:
            for key, count in group.items():
                total[key] += count
        rows.append(
            {
                "unsur": unsur,
                "laki_laki": group["L"],
                "perempuan": group["P"],
                "tidak_diisi": group[""],
                "jumlah": sum(group.values()),
            }
        )
    return rows


def allocation_row(rembuk: Rembuk, number: int = 1) -> dict[str, Value] | None:
    """The Dana Desa row of a desa's definition, or ``None`` when it is not a desa's."""
    from .compose.dana_desa import fiscal_year

    village = rembuk.village
    if village is None:
        return None
    minimum = rembuk.agreement.dana_desa_min_share
    return {
        "no": number,
        "desa": rembuk.region.name,
        "kecamatan": rembuk.region.kecamatan,
        "kabupaten": rembuk.region.kabupaten,
        "tahun_anggaran": fiscal_year(rembuk, village),
        "pagu_dana_desa": village.pagu_dana_desa,
        "dana_stunting": village.stunting_funds(),
        # as printed ('25,3%'), as a fraction: the cell's format shows the percent sign
        "porsi": village.printed_share() / 100,
        "porsi_minimum": Decimal(minimum) / 100,
        "memenuhi": "ya" if village.meets(minimum) else "tidak",
    }


_BUILDERS: dict[str, Callable[[Rembuk, FormatPack], list[dict[str, Value]]]] = {
    "acara": _event,
    "kesepakatan": _pledges,
    "rencana_kegiatan": _plan,
    "penanda_tangan": _signatories,
    "kehadiran": _attendance,
}


def tables(rembuk: Rembuk, pack: FormatPack) -> list[Table]:
    """Every table of one definition that has rows, in :data:`FIELDS` order."""
    found: list[Table] = []
    for name, build in _BUILDERS.items():
        rows = build(rembuk, pack)
        if rows:
            found.append(Table(name, FIELDS[name], rows))
    row = allocation_row(rembuk)
    if row is not None:
        found.append(Table("alokasi_desa", FIELDS["alokasi_desa"], [row]))
    return found


def batch_tables(
    sheet: str | Path, template: str | Path, *, activities: str | Path | None = None
) -> list[Table]:
    """The desa allocations of a batch (sheet and template): one row per desa, every bad desa
    reported at once (nothing is written then)."""
    from .batch.definition import build
    from .batch.sheet import activities_by_desa, read_sheet
    from .batch.template import load_template
    from .loading import from_dict

    data = read_sheet(sheet, activities=activities)
    shared = load_template(template)
    matched, unmatched, _ = activities_by_desa(data)
    problems: list[Problem] = [
        Problem(row_place(row.sheet, row.number), reason) for row, reason in unmatched
    ]
    rows: list[dict[str, Value]] = []
    for row in data.desa:
        built = build(shared, row, matched.get(row.number, []))
        try:
            rembuk = from_dict(built.data, base=shared.base)
        except InputError as exc:
            problems.extend(Problem(_sheet_place(built, row, p), p.detail) for p in exc.problems)
            continue
        allocation = allocation_row(rembuk, len(rows) + 1)
        if allocation is not None:
            rows.append(allocation)
    if problems:
        raise ImportDataError(problems)
    return [Table("alokasi_desa", FIELDS["alokasi_desa"], rows)]


# --------------------------------------------------------------------------- the mapping


def _sheet_place(built: Built, desa: Row, problem: Problem) -> str:
    """Where a problem of a desa's definition is in the batch sheets: the cell whose column set
    the field ('desa.csv, baris 4, kolom pagu_dana_desa'), else the desa's row and the field."""
    found = built.source(problem.path) if problem.path is not None else None
    if found is not None:
        row, name = found
        return column_place(row_place(row.sheet, row.number), row.column(name))
    where = row_place(desa.sheet, desa.number)
    return message_text(
        "sheet.place.desa_field", where=where, desa=desa.text("desa"), field=problem.location
    )


def _problem(source: str, where: str, message: Message) -> Problem:
    return Problem(f"{source}: {where}" if where else source, message)


def read_mapping(path: Path) -> Mapping:
    """The mapping file at ``path``, checked: known tables and fields, titles given, no field
    twice; every problem at once."""
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError([Problem(source, Message("export.mapping_not_found"))]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            [Problem(source, Message("export.mapping_invalid", reason=toml_failure(exc)))]
        ) from None
    problems: list[Problem] = []
    mapping = Mapping(source=source)
    entries = data.get("table")
    if not isinstance(entries, list) or not entries:
        raise InputError([Problem(source, Message("export.mapping_no_tables"))])
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"table[{index}]"
        if not isinstance(entry, dict):
            problems.append(_problem(source, where, Message("export.mapping_entry")))
            continue
        name = entry.get("name")
        if name not in FIELDS:
            problems.append(
                _problem(
                    source,
                    f"{where}.name",
                    Message("export.unknown_table", name=str(name), known=", ".join(FIELDS)),
                )
            )
            continue
        if name in seen:
            problems.append(
                _problem(source, f"{where}.name", Message("export.table_twice", name=name))
            )
            continue
        seen.add(name)
        title = entry.get("title") or name
        columns: list[MappedColumn] = []
        used: set[str] = set()
        for position, column in enumerate(entry.get("columns") or []):
            at = f"{where}.columns[{position}]"
            if not isinstance(column, dict) or not isinstance(column.get("title"), str):
                problems.append(_problem(source, at, Message("export.column_entry")))
                continue
            key = column.get("field")
            if key not in FIELDS[name]:
                problems.append(
                    _problem(
                        source,
                        f"{at}.field",
                        Message(
                            "export.unknown_field",
                            field=str(key),
                            table=name,
                            known=", ".join(FIELDS[name]),
                        ),
                    )
                )
                continue
            if key in used:
                problems.append(
                    _problem(source, f"{at}.field", Message("export.field_twice", field=key))
                )
                continue
            used.add(key)
            width = column.get("width")
            if width is not None and (not isinstance(width, int | float) or not 1 <= width <= 120):
                problems.append(_problem(source, f"{at}.width", Message("export.width")))
                continue
            columns.append(MappedColumn(key, column["title"], float(width) if width else None))
        if not columns:
            problems.append(
                _problem(source, f"{where}.columns", Message("export.no_columns", table=name))
            )
            continue
        mapping.tables.append(MappedTable(name, str(title), tuple(columns)))
    if problems:
        raise InputError(problems)
    return mapping


def mapping_for(pack: FormatPack, path: str | Path | None = None) -> Mapping:
    """The mapping given, else the format pack's ``export.toml`` (the default pack's at last)."""
    if path is not None:
        return read_mapping(Path(path))
    found = pack.find_file(MAPPING_FILE)
    if found is None:  # the default pack ships one; a broken installation only
        raise InputError([Problem(MAPPING_FILE, Message("export.mapping_not_found"))])
    return read_mapping(found)


# --------------------------------------------------------------------------- the writers


@dataclass(frozen=True)
class Sheet:
    """One table as it is written: its title, headers, kinds, widths and rows of values."""

    title: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]
    widths: tuple[float | None, ...]
    rows: list[tuple[Value, ...]]


def arrange(found: Sequence[Table], mapping: Mapping) -> list[Sheet]:
    """The tables the mapping names that have rows, in the mapping's order and columns."""
    by_name = {table.name: table for table in found}
    sheets: list[Sheet] = []
    for mapped in mapping.tables:
        table = by_name.get(mapped.name)
        if table is None:
            continue
        fields = [column.field for column in mapped.columns]
        sheets.append(
            Sheet(
                mapped.title,
                tuple(column.title for column in mapped.columns),
                tuple(table.fields[f] for f in fields),
                tuple(column.width for column in mapped.columns),
                [tuple(row.get(f) for f in fields) for row in table.rows],
            )
        )
    return sheets


_XLSX_FORMATS = {
    "money": "#,##0.00",
    "percent": "0.00%",
    "date": "DD/MM/YYYY",
    "int": "0",
    "number": "#,##0.##",
}


def _cell(value: Value) -> Value:
    return neutralise(value) if isinstance(value, str) else value


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook, one worksheet per table: bold frozen header, set widths, real number and
    date cells, text that starts like a formula neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets:
        title = _sheet_title(sheet.title, used)
        ws = book.create_sheet(title)
        ws.append(list(sheet.headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in sheet.rows:
            ws.append([_cell(value) for value in row])
        for index, kind in enumerate(sheet.kinds, start=1):
            number_format = _XLSX_FORMATS.get(kind)
            letter = get_column_letter(index)
            if number_format is not None:
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            width = sheet.widths[index - 1] or _width(sheet, index - 1)
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.properties.creator = "rembuk-docs"
    book.save(out)
    return _fixed_zip_times(out.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The workbook with its parts' timestamps and the core properties' dates fixed, so that the
    same input gives the same bytes."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<3>",
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'")[:31] or "Tabel"
    name, n = clean, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _width(sheet: Sheet, index: int) -> float:
    """A column's width from its longest line (header included), between 6 and 60."""
    longest = len(sheet.headers[index])
    for row in sheet.rows:
        value = row[index]
        if value is None:
            continue
        text = value.isoformat() if isinstance(value, date) else str(value)
        longest = max(longest, *(len(line) for line in text.split("\n")))
    return float(min(60, max(6, longest + 2)))


def _plain(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(neutralise(value)) if isinstance(value, str) else str(value)


def csv_bytes(sheet: Sheet) -> bytes:
    """One table as CSV (UTF-8 with a byte-order mark, for Excel), numbers plain, dates ISO."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_plain(neutralise(h)) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_plain(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _json_value(value: Value) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_bytes(sheets: Sequence[Sheet]) -> bytes:
    """Every table as a list of objects keyed by the mapping's titles, under its title."""
    data = {
        sheet.title: [
            {h: _json_value(v) for h, v in zip(sheet.headers, row, strict=True)}
            for row in sheet.rows
        ]
        for sheet in sheets
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write(sheets: Sequence[Sheet], fmt: str, out: str | Path) -> list[Path]:
    """Write ``sheets`` as ``fmt`` to ``out``: one XLSX or JSON file; for CSV a folder of one
    file per table, or the file ``out`` itself when it ends in .csv and there is one table.
    Returns the paths written."""
    from .output import write_file, write_files

    target = Path(out)
    if fmt == "xlsx":
        return [write_file(target, xlsx_bytes(sheets))]
    if fmt == "json":
        return [write_file(target, json_bytes(sheets))]
    if target.suffix.lower() == ".csv":
        if len(sheets) != 1:
            raise DefinitionError(
                [Problem(str(target), Message("export.csv_one_table", count=len(sheets)))]
            )
        return [write_file(target, csv_bytes(sheets[0]))]
    # every table or none: the folder never holds half an export
    return write_files(target, [(f"{_file_stem(s.title)}.csv", csv_bytes(s)) for s in sheets])


def _file_stem(title: str) -> str:
    import re

    return re.sub(r"[^\w\-]+", "_", title.strip()).strip("_").lower() or "tabel"


def export_file(
    file: str | Path,
    fmt: str,
    out: str | Path,
    *,
    mapping: str | Path | None = None,
    only: Sequence[str] | None = None,
    template: str | Path | None = None,
    activities: str | Path | None = None,
    format_pack: str | Path | None = None,
    attendees: str | Path | None = None,
    signatories: str | Path | None = None,
    rencana_kegiatan: str | Path | None = None,
) -> list[Path]:
    """Export the tables of the definition ``file`` (or, with ``template``, of the batch whose
    desa sheet ``file`` is) as ``fmt`` to ``out``; return the paths written. Bad input raises
    an :class:`InputError` before anything is written."""
    from .formats import load_pack

    _check_choices(fmt, only)
    if template is not None:
        from .batch.template import load_template

        shared = load_template(template)
        pack = load_pack(format_pack if format_pack is not None else shared.data.get("format_pack"))
        found = batch_tables(file, template, activities=activities)
    else:
        from .loading import load
        from .rendering import resolve_pack

        rembuk = load(
            file, attendees=attendees, signatories=signatories, rencana_kegiatan=rencana_kegiatan
        )
        pack = resolve_pack(rembuk, format_pack=format_pack)
        found = tables(rembuk, pack)
    sheets = _sheets(found, pack, mapping, only, str(file))
    return write(sheets, fmt, out)


export = export_file
"""The name ``rembuk-docs export`` calls it by."""


def _check_choices(fmt: str, only: Sequence[str] | None) -> None:
    """An :class:`InputError` for an unknown format or table name."""
    if fmt not in FORMATS:
        raise InputError([Problem("--to", Message("export.unknown_format", value=fmt))])
    if only is not None:
        unknown = [name for name in only if name not in FIELDS]
        if unknown:
            raise InputError(
                [
                    Problem(
                        "--tables",
                        Message(
                            "export.unknown_tables",
                            names=", ".join(unknown),
                            known=", ".join(FIELDS),
                        ),
                    )
                ]
            )


def _sheets(
    found: Sequence[Table],
    pack: FormatPack,
    mapping: str | Path | None,
    only: Sequence[str] | None,
    source: str,
) -> list[Sheet]:
    chosen = mapping_for(pack, mapping)
    if only is not None:
        chosen.tables = [t for t in chosen.tables if t.name in only]
    sheets = arrange(found, chosen)
    if not sheets:
        raise InputError([Problem(source, Message("export.nothing", mapping=chosen.source))])
    return sheets


def export_bytes(
    rembuk: Rembuk,
    fmt: str = "xlsx",
    *,
    mapping: str | Path | None = None,
    only: Sequence[str] | None = None,
    format_pack: str | Path | None = None,
) -> list[tuple[str, bytes]]:
    """The tables of a loaded definition as files in memory, named as ``export`` names them:
    ``[("tabel.xlsx", ...)]`` or ``[("tabel.json", ...)]``, for CSV one file per table
    (``kesepakatan.csv``, ...). ``only`` picks tables by name (:data:`FIELDS`), ``mapping`` is
    a TOML mapping file (default: the format pack's ``export.toml``). Raises an
    :class:`InputError` when the format or a table is unknown or no table has rows."""
    from .rendering import resolve_pack

    _check_choices(fmt, only)
    pack = resolve_pack(rembuk, format_pack=format_pack)
    sheets = _sheets(tables(rembuk, pack), pack, mapping, only, "export")
    if fmt == "xlsx":
        return [("tabel.xlsx", xlsx_bytes(sheets))]
    if fmt == "json":
        return [("tabel.json", json_bytes(sheets))]
    return [(f"{_file_stem(sheet.title)}.csv", csv_bytes(sheet)) for sheet in sheets]
