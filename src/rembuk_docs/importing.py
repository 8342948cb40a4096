"""Attendees and signatories from a CSV or XLSX file, every row checked and located by its row number."""

from __future__ import annotations

import contextlib
import csv
import datetime
import difflib
import functools
import io
import itertools
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .errors import (
    ImportDataError,
    InputError,
    Problem,
    RembukWarning,
    SyntaxProblemError,
    read_failure,
)
from .messages import Message
from .messages.validation import describe, error_path
from .model import Attendee, Signatory
from .model.people import EXCEL_DIGITS, nip_stored_as_number

PersonModel = TypeVar("PersonModel", Attendee, Signatory)

# field -> accepted headers, compared after _key() (case, spaces, dots, '_' and '-' ignored).
_PERSON_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("Nama", "Nama Lengkap", "Name", "Full Name"),
    "title_prefix": ("Gelar Depan", "Title Prefix"),
    "title_suffix": ("Gelar Belakang", "Title Suffix"),
    "position": ("Jabatan", "Jabatan / Instansi", "Position"),
    "institution": ("Instansi", "Unit Kerja", "Lembaga", "Institution", "Organisation"),
    "nip": ("NIP",),
    "example": ("Contoh", "Example"),
}
_SIGNATORY_HEADERS: dict[str, tuple[str, ...]] = {
    **_PERSON_HEADERS,
    "rank": ("Pangkat", "Pangkat/Golongan", "Golongan", "Rank"),
    "role": ("Peran", "Role"),
    "party": ("Pihak", "Party"),
}
_ATTENDEE_HEADERS: dict[str, tuple[str, ...]] = {
    **_PERSON_HEADERS,
    "phone": ("No. HP", "No HP", "Nomor HP", "HP", "No. Telepon", "Telepon", "Phone", "Mobile"),
    "unsur": ("Unsur", "Kelompok", "Unsur Peserta", "Group"),
    "sex": ("L/P", "Jenis Kelamin", "JK", "Kelamin", "Sex", "Gender"),
}
# Columns every printed list has that carry nothing to import: the row number, the signature.
_IGNORED_HEADERS = ("No", "Nomor", "No Urut", "Number", "#", "Tanda Tangan", "TTD", "Signature")
_YES = {"ya", "y", "yes", "true", "1", "x", "benar"}
_NO = {"tidak", "t", "no", "n", "false", "0", "", "salah"}
_MAX_LISTED = 100
MAX_CELL_CHARS = 10_000
"""Characters a cell of a CSV or XLSX sheet may hold (the same for both)."""


def row_place(file: str | Path, number: int) -> str:
    """'peserta.csv, baris 3': a row of a sheet as a problem's place, in the current language."""
    return Message("sheet.place.row", file=str(file), row=number).text()


def column_place(where: str, column: str) -> str:
    """'peserta.csv, baris 3, kolom NIP': a cell of a sheet as a problem's place."""
    return Message("sheet.place.column", where=where, column=column).text()


def _key(header: str) -> str:
    """'Gelar  Depan', 'gelar_depan' and 'GELAR-DEPAN.' all become 'gelardepan'."""
    return re.sub(r"[\s._\-]+", "", header).casefold()


class _Columns:
    """Which field each column of a header row holds; unknown columns become problems."""

    def __init__(
        self, header: Sequence[Any], known: dict[str, tuple[str, ...]], where: str
    ) -> None:
        self.known = known
        self.where = where
        lookup = {_key(alias): field for field, aliases in known.items() for alias in aliases}
        ignored = {_key(alias) for alias in _IGNORED_HEADERS}
        self.fields: dict[int, str] = {}
        self.titles: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.skipped: list[str] = []
        for position, cell in enumerate(header):
            title = _cell_text(cell)
            if title is None or _key(title) in ignored:
                continue
            field = lookup.get(_key(title))
            close = [] if field else difflib.get_close_matches(_key(title), lookup, n=1, cutoff=0.8)
            if field is None and close:  # a misspelt known header: its data must not be lost
                meant = next(
                    a for aliases in known.values() for a in aliases if _key(a) == close[0]
                )
                self.problems.append(
                    Problem(
                        column_place(where, f"{_letter(position)} '{title}'"),
                        Message("sheet.column_close", title=title, close=meant),
                    )
                )
            elif field is None:
                self.skipped.append(f"{_letter(position)} '{title}'")
            elif field in self.titles:
                self.problems.append(
                    Problem(
                        column_place(where, f"{_letter(position)} '{title}'"),
                        Message("sheet.same_field", other=self.titles[field]),
                    )
                )
            else:
                self.fields[position] = field
                self.titles[field] = title
        # (position, field, whether the field is plain text) of each column, as _record reads it
        self.plan = tuple(
            (position, field, field not in _SPECIAL_FIELDS)
            for position, field in self.fields.items()
        )
        if "name" not in self.titles and not self.problems:
            self.problems.append(
                Problem(
                    where,
                    Message("sheet.no_name_column", names=", ".join(known["name"])),
                )
            )

    def has_name(self) -> bool:
        """Whether this row is a header: it names the name column."""
        return "name" in self.titles

    def title_of(self, field: str) -> str:
        """The header of ``field`` as the file spells it; the Indonesian header when absent."""
        return self.titles.get(field) or self.known[field][0]


def _letter(position: int) -> str:
    """Spreadsheet column letter of a 0-based position: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_text(value: Any) -> str | None:
    """A header or text cell as stripped text; ``None`` when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``raw`` looks like UTF-16 text without a byte-order mark
    (every other byte zero, as ASCII letters are in UTF-16), else ``None``."""
    sample = raw[:4096]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _decoded(path: Path, raw: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 (with or without BOM), cp1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text"
        encodings: tuple[str, ...] = ("utf-16",)
    elif (utf16 := _utf16_without_bom(raw)) is not None:
        encodings = (utf16,)
    else:  # "CSV (Comma delimited)" from Excel on Windows is cp1252, not UTF-8
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise SyntaxProblemError([Problem(str(path), Message("limits.sheet.not_text"))])


def _column_named(position: int, header: Sequence[Any] | None) -> str:
    """A sheet column by its letter, and by its header when one is known: "B 'Nama'"."""
    column = _letter(position)
    title = _cell_text(header[position]) if header and position < len(header) else None
    return column if title is None else f"{column} '{title}'"


class UnclosedQuoteError(SyntaxProblemError):
    """A quoted CSV field that runs past the end of its line (its closing quote is missing):
    named by row and column letter, and by the column's header once the header is known
    (:meth:`under`)."""

    def __init__(self, path: Path, line: int, position: int, end: int) -> None:
        self.path, self.line, self.position, self.end = path, line, position, end
        super().__init__([self._problem(None)])

    def under(self, header: Sequence[Any]) -> SyntaxProblemError:
        """The same problem, its column named by letter and header: "kolom B 'Nama'"."""
        return SyntaxProblemError([self._problem(header)])

    def _problem(self, header: Sequence[Any] | None) -> Problem:
        where = column_place(row_place(self.path, self.line), _column_named(self.position, header))
        return Problem(where, Message("limits.sheet.quote_unclosed", end=self.end))


class CellError(ImportDataError):
    """A problem of one sheet cell (an error value, a cell too long), named by its column's letter;
    under the header, by its letter and header too (:meth:`under`), like an unclosed quote."""

    def __init__(self, path: Path, line: int, position: int, message: Message) -> None:
        self.path, self.line, self.position, self.message = path, line, position, message
        super().__init__([self._problem(None)])

    def under(self, header: Sequence[Any]) -> ImportDataError:
        """The same problem, its column named by letter and header: "kolom B 'Nama'"."""
        return ImportDataError([self._problem(header)])

    def _problem(self, header: Sequence[Any] | None) -> Problem:
        where = column_place(row_place(self.path, self.line), _column_named(self.position, header))
        return Problem(where, self.message)


_HEADER_SCAN = 65_536
"""Characters of a CSV file split into lines first when its header line is looked for."""


def _header_line(text: str) -> str:
    """The first non-blank line of ``text`` with a delimiter, which tells the delimiter (a title
    line above the header may have none); "" when no line has one. The lines of the file's
    first :data:`_HEADER_SCAN` characters are looked at first (the last of them may be cut,
    so it is left out), so that a long list is not split into lines just for this."""
    prefix = text[:_HEADER_SCAN]
    lines = prefix.splitlines()
    if len(prefix) < len(text):
        lines.pop()
    for candidates in (lines, text.splitlines() if len(prefix) < len(text) else []):
        for line in candidates:
            if line.strip(" ,;\t") and any(mark in line for mark in ";,\t"):
                return line
    return ""


def _read_csv(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    text = _decoded(path, _checked_size(path).read_bytes())
    delimiter = max((";", ",", "\t"), key=_header_line(text).count)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    line = 1  # the file line a record starts on: a row number as a spreadsheet shows it
    start = 0  # where in the text the record starts
    try:
        for cells in reader:
            end = reader.line_num
            if end != line:
                # A record read from one line holds no line break; only one spanning lines
                # (an unclosed quote) needs its cells looked at.
                for position, cell in enumerate(cells):
                    if "\n" in cell or "\r" in cell:
                        raise UnclosedQuoteError(path, line, position, end)
            # No cell is longer than the text it was read from: the cells of a record read from
            # at most MAX_CELL_CHARS characters (every row of a real list) need no measuring.
            at = stream.tell()
            if at - start > MAX_CELL_CHARS and max(map(len, cells), default=0) > MAX_CELL_CHARS:
                _refuse_long_cell(path, line, cells)
            start = at
            yield line, cells
            line = end + 1
    except csv.Error as exc:
        raise SyntaxProblemError(
            [
                Problem(
                    row_place(path, reader.line_num),
                    Message("sheet.not_csv", reason=read_failure(exc, path)),
                )
            ]
        ) from None


def _checked_size(path: Path) -> Path:
    """``path``, refused when the file is larger than a spreadsheet may be."""
    from .formats.guard import SIZE_LIMITS, MiB

    size = path.stat().st_size
    limit = SIZE_LIMITS["spreadsheet"]
    if size > limit:
        raise SyntaxProblemError(
            [
                Problem(
                    str(path),
                    Message(
                        "limits.sheet.file_too_large", size=f"{size / MiB:.1f}", limit=limit // MiB
                    ),
                )
            ]
        )
    return path


_XML_FAILURES = (SyntaxError, zlib.error, EOFError, zipfile.BadZipFile, KeyError)
"""What a damaged or hostile workbook raises while it is read: XML that is truncated or declares
entities (XXE, billion laughs: expat refuses them), broken compression, missing parts."""


def _unreadable(path: Path, exc: BaseException) -> SyntaxProblemError:
    return SyntaxProblemError(
        [Problem(str(path), Message("limits.sheet.unreadable", reason=read_failure(exc, path)))]
    )


@contextlib.contextmanager
def _workbook(path: Path, *, values: bool = True) -> Iterator[Any]:
    """The workbook at ``path``, read-only (saved values, or formulas when not ``values``).

    The zip is checked against :data:`~rembuk_docs.formats.guard.SPREADSHEET_LIMITS` before
    anything is unpacked. Damaged or hostile XML met while the workbook is open or read inside
    the ``with`` block becomes a :class:`SyntaxProblemError` naming the file. The file is ours
    to close, so nothing is left open when openpyxl fails halfway.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from .formats.guard import SPREADSHEET_LIMITS, shared_strings_problem, zip_problem

    problem = zip_problem(_checked_size(path), SPREADSHEET_LIMITS) or shared_strings_problem(path)
    if problem is not None:
        raise SyntaxProblemError([Problem(str(path), problem)])
    with path.open("rb") as stream:
        try:
            workbook = load_workbook(stream, read_only=True, data_only=values)
        except (AttributeError, TypeError):  # openpyxl cannot read some parts, e.g. chart sheets
            raise SyntaxProblemError(
                [Problem(str(path), Message("sheet.workbook_unreadable"))]
            ) from None
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise SyntaxProblemError(
                [Problem(str(path), Message("sheet.not_xlsx", reason=read_failure(exc, path)))]
            ) from None
        except _XML_FAILURES as exc:
            raise _unreadable(path, exc) from None
        try:
            yield workbook
        except _XML_FAILURES as exc:
            raise _unreadable(path, exc) from None
        finally:
            workbook.close()


def _data_sheets(workbook: Any) -> list[Any]:
    """The workbook's visible sheets of cells, in order: chart sheets hold no rows, and hidden
    sheets (an old list kept out of sight) are not what the user sees, so both are passed over."""
    return [
        sheet
        for sheet in workbook.worksheets
        if hasattr(sheet, "iter_rows") and getattr(sheet, "sheet_state", "visible") == "visible"
    ]


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
"""A formula element, whatever namespace prefix the writer gave it."""


def _refuse_unsaved_formulas(path: Path, sheet_index: int, part: str | None) -> None:
    """Refuse formula cells whose result was never saved (files written by scripts or by some
    converters): read for their values they would be empty, and a row of them would vanish.
    ``part`` is the sheet's XML part in the zip (every part when unknown)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        parts = [part] if part in names else [n for n in names if n.startswith("xl/worksheets/")]
        if not any(_FORMULA.search(archive.read(name)) for name in parts):
            return  # no formulas at all: the common case, at the cost of one scan of the XML
    with _workbook(path) as value_book, _workbook(path, values=False) as formula_book:
        _compare(
            path, _data_sheets(value_book)[sheet_index], _data_sheets(formula_book)[sheet_index]
        )


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")
_ROW_HIDDEN = re.compile(rb"""\bhidden\s*=\s*["'](?:1|true)["']""")
_MERGE_TAG = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Za-z]+\d+:[A-Za-z]+\d+)["']"""
)
MAX_MERGES = 100_000
"""Merged ranges of one sheet that are filled down; more are not looked at (no real list has
that many)."""


def _sheet_layout(path: Path, part: str | None) -> tuple[set[int], dict[tuple[int, int], int]]:
    """The hidden rows of the sheet at ``part`` of the workbook, and its merged ranges that span
    rows, as (top row, first column) -> last row. openpyxl's read-only sheets give neither."""
    from openpyxl.utils.cell import range_boundaries

    hidden: set[int] = set()
    merges: dict[tuple[int, int], int] = {}
    if part is None:
        return hidden, merges
    with zipfile.ZipFile(path) as archive:
        if part not in archive.namelist():
            return hidden, merges
        data = archive.read(part)
    if b"hidden" in data:
        for match in _ROW_TAG.finditer(data):
            attributes = match.group(1)
            number = _ROW_NUMBER.search(attributes)
            if number is not None and _ROW_HIDDEN.search(attributes):
                hidden.add(int(number.group(1)))
    if b"mergeCell" in data:
        for match in itertools.islice(_MERGE_TAG.finditer(data), MAX_MERGES):
            first_column, top, _, bottom = range_boundaries(match.group(1).decode())
            if top is not None and bottom is not None and first_column is not None and bottom > top:
                merges[(top, first_column)] = bottom
    return hidden, merges


def _warn_sheet_choice(path: Path, workbook: Any, read: Any) -> None:
    """Say which sheet was read when the workbook has hidden sheets, which are passed over."""
    hidden = [
        sheet.title
        for sheet in workbook.worksheets
        if getattr(sheet, "sheet_state", "visible") != "visible"
    ]
    if hidden:
        warnings.warn(
            RembukWarning(
                Message(
                    "sheet.hidden_sheets",
                    file=path,
                    sheet=read.title,
                    hidden=", ".join(f"'{title}'" for title in hidden),
                )
            ),
            stacklevel=4,
        )


def _compare(path: Path, values: Any, formulas: Any) -> None:
    for value_row, formula_row in zip(values.iter_rows(), formulas.iter_rows(), strict=False):
        for value_cell, formula_cell in zip(value_row, formula_row, strict=False):
            text = getattr(formula_cell, "value", None)
            if isinstance(text, str) and text.startswith("=") and value_cell.value is None:
                column = getattr(formula_cell, "column_letter", "?")
                raise SyntaxProblemError(
                    [
                        Problem(
                            column_place(row_place(path, formula_cell.row), column),
                            Message("sheet.formula_unsaved", formula=text),
                        )
                    ]
                )


def _read_xlsx(path: Path, sheet_index: int = 0) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows of visible sheet ``sheet_index``. A value merged over several rows counts for
    each of them (as the sheet shows it: 'Desa A' for the three kader beside it); hidden rows are
    read, with a warning naming them."""
    with _workbook(path) as workbook:
        sheets = _data_sheets(workbook)
        if sheet_index >= len(sheets):
            raise SyntaxProblemError(
                [
                    Problem(
                        str(path),
                        Message("limits.sheet.no_visible_sheet", number=sheet_index + 1),
                    )
                ]
            )
        sheet = sheets[sheet_index]
        part = getattr(sheet, "_worksheet_path", None)
        if sheet_index == 0:
            _warn_sheet_choice(path, workbook, sheet)
        _refuse_unsaved_formulas(path, sheet_index, part)
        hidden, merges = _sheet_layout(path, part)
        hidden_read: list[int] = []
        spanning: dict[int, tuple[Any, int]] = {}  # column -> (merged value, last row)
        sheet.reset_dimensions()  # some writers store a wrong sheet size; read what is there
        for row in sheet.iter_rows():
            cells = [cell for cell in row if getattr(cell, "row", None) is not None]
            if not cells:
                continue
            number = cells[0].row
            values: list[Any] = [None] * (max(cell.column for cell in cells))
            for cell in cells:
                if getattr(cell, "data_type", None) == "e":
                    message = Message("limits.sheet.error_value", value=cell.value)
                    raise CellError(path, number, cell.column - 1, message)
                values[cell.column - 1] = cell.value
                if (number, cell.column) in merges:
                    spanning[cell.column] = (cell.value, merges[number, cell.column])
            for column, (value, last) in list(spanning.items()):
                if number > last:
                    del spanning[column]
                elif column <= len(values) and (number, column) not in merges:
                    values[column - 1] = value
                elif (number, column) not in merges:
                    values.extend([None] * (column - len(values)))
                    values[column - 1] = value
            if number in hidden and any(v is not None for v in values):
                hidden_read.append(number)
            yield number, values
        if hidden_read:
            shown = ", ".join(str(n) for n in hidden_read[:_SKIPPED_SHOWN])
            if len(hidden_read) > _SKIPPED_SHOWN:
                shown += str(Message("sheet.columns_more", count=len(hidden_read) - _SKIPPED_SHOWN))
            warnings.warn(
                RembukWarning(Message("sheet.hidden_rows", file=path, rows=shown)), stacklevel=3
            )


def _bounded_cells(
    path: Path, rows: Iterator[tuple[int, Sequence[Any]]]
) -> Iterator[tuple[int, Sequence[Any]]]:
    """``rows``, refused at the first cell longer than :data:`MAX_CELL_CHARS` (CSV and XLSX alike)."""
    for number, cells in rows:
        _refuse_long_cell(path, number, cells)
        yield number, cells


def _refuse_long_cell(path: Path, number: int, cells: Sequence[Any]) -> None:
    """Refuse the first cell of row ``number`` longer than :data:`MAX_CELL_CHARS`."""
    for position, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            message = Message("limits.sheet.cell_too_long", length=len(cell), limit=MAX_CELL_CHARS)
            raise CellError(path, number, position, message)


def _rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)  # cells bounded as it reads them
    if suffix in (".xlsx", ".xlsm"):
        return _bounded_cells(path, _read_xlsx(path))
    raise SyntaxProblemError([Problem(str(path), Message("sheet.file_type", suffix=path.suffix))])


def _nip_value(value: Any, where: Callable[[], str]) -> tuple[Any, Problem | None]:
    """An NIP cell as text; a number that Excel has already rounded is refused, not guessed
    (the model refuses it the same way wherever it comes from, a batch sheet too). ``where``
    gives the cell's place, only when there is a problem to place."""
    if nip_stored_as_number(value):
        message = Message("model.nip.stored_as_number", value=value, digits=EXCEL_DIGITS)
        return None, Problem(where(), message)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    return value, None


def _flag(value: Any) -> Any:
    """'ya', 'yes', 'x', '1' -> True; 'tidak', 'no', '0', empty -> False; anything else as it is."""
    if isinstance(value, str) and value.strip().casefold() in _YES | _NO:
        return value.strip().casefold() in _YES
    return False if value is None else value


def _role(value: Any) -> Any:
    """'Non ASN', 'non-asn' and 'Kepala Daerah' -> 'non_asn', 'kepala_daerah'."""
    if isinstance(value, str):
        return re.sub(r"[\s\-]+", "_", value.strip()).casefold()
    return value


_SPECIAL_FIELDS = frozenset({"nip", "example", "role"})


def _record(
    cells: Sequence[Any], columns: _Columns, file: Path, number: int
) -> tuple[dict[str, Any], list[Problem]]:
    """Row ``number`` of ``file`` as model input, keyed by field; an unusable NIP cell is a
    problem of its own.

    The row's place is worded only for a row with a problem, since wording it for every row
    of a 100,000-row sheet cost more than validating the rows."""
    record: dict[str, Any] = {}
    problems: list[Problem] = []
    count = len(cells)
    for position, field, plain in columns.plan:
        if position >= count:
            continue
        value = cells[position]
        if plain and type(value) is str:  # most cells: plain text
            value = value.strip()
            if value:
                record[field] = value
            continue
        if value is None:
            continue
        if field == "nip":
            if value == "":
                continue
            value, problem = _nip_value(
                value, lambda: column_place(row_place(file, number), columns.title_of("nip"))
            )
            if problem is not None:
                problems.append(problem)
                continue
        elif field == "example":
            value = _flag(value)
        elif field == "role":
            value = _role(value)
        elif isinstance(value, datetime.date | datetime.time):
            # Excel turned what was typed ('21/06', '1-2') into a date: the text is lost
            problems.append(
                Problem(
                    column_place(row_place(file, number), columns.title_of(field)),
                    Message("sheet.date_in_text", value=str(value).removesuffix(" 00:00:00")),
                )
            )
            continue
        elif value is not None and not isinstance(value, str):
            value = str(value)
        if isinstance(value, str):
            value = value.strip() or None
        if value is not None:
            record[field] = value
    return record, problems


def _located(exc: ValidationError, columns: _Columns, where: str) -> list[Problem]:
    """One problem per pydantic error, located by the column's header as the file spells it."""
    problems = []
    for error in exc.errors():
        path = error_path(error)  # Pasal 44, the one whole-row check, names the NIP itself
        field = str(path[0]) if path else "nip"
        message = Message("value.empty") if error["type"] == "missing" else describe(error)
        problems.append(Problem(column_place(where, columns.title_of(field)), message))
    return problems


@functools.cache
def _list_adapter(model: type[PersonModel]) -> TypeAdapter[list[PersonModel]]:
    """A validator of a whole list of ``model`` rows: one call for a sheet, not one per row."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


_ROWS_AT_ONCE = 5_000
"""Rows of a sheet validated in one call: few calls, and few rows' input held at a time."""


def _validate_rows(
    model: type[PersonModel],
    file: Path,
    columns: _Columns,
    rows: tuple[list[int], list[dict[str, Any]], dict[int, list[Problem]]],
    people: list[PersonModel],
    problems: list[Problem],
) -> None:
    """Validate rows (their numbers, their records and the problems of their refused cells, by
    index) at once into ``people``. When they do not all validate, the rows the list's errors
    name (and those with a refused cell) are validated again one by one and their problems
    added to ``problems``, each located as it was when every row was validated on its own."""
    numbers, records, refused = rows
    bad = set(refused)  # row indexes
    try:
        people.extend(_list_adapter(model).validate_python(records))
    except ValidationError as failed:  # each error's location starts with its row's index
        bad.update(int(error["loc"][0]) for error in failed.errors(include_url=False))
    for index in sorted(bad):
        row_problems = refused.get(index, [])
        try:
            model.model_validate(records[index])
        except ValidationError as exc:
            said = {problem.location for problem in row_problems}  # a refused cell, once
            where = row_place(file, numbers[index])
            row_problems.extend(p for p in _located(exc, columns, where) if p.location not in said)
        problems.extend(row_problems)


def _load(path: str | Path, model: type[PersonModel], what: str) -> list[PersonModel]:
    file = Path(path)
    if not file.is_file():
        raise ImportDataError(
            [Problem(str(file), Message("sheet.not_found", what=Message(f"sheet.what.{what}")))]
        )
    known = _SIGNATORY_HEADERS if model is Signatory else _ATTENDEE_HEADERS
    problems: list[Problem] = []
    header, body = find_header(
        file,
        _rows(file),
        lambda cells: _Columns(cells, known, "").has_name(),  # the row naming the name column
        lambda leading: _likeliest(file, leading, known),
    )
    columns = _Columns(header.cells, known, row_place(file, header.number))
    if not header.found:  # no row names the name column: the likeliest row's problems
        raise ImportDataError(_capped(columns.problems))
    if columns.problems:
        raise ImportDataError(_capped(columns.problems), source=str(file))
    _announce_header(file, header, columns)
    # The rows are validated _ROWS_AT_ONCE at a time, kept until then as dicts of text and
    # their numbers, objects the garbage collector does not track (no place or problem list
    # per row for it to walk over again and again).
    people: list[PersonModel] = []
    numbers: list[int] = []
    records: list[dict[str, Any]] = []
    refused: dict[int, list[Problem]] = {}  # row index -> the problems of its cells
    for number, cells in body:
        record, row_problems = _record(cells, columns, file, number)
        if model is Signatory and "role" not in record:
            record["role"] = "asn" if record.get("nip") else "non_asn"
        if row_problems:
            refused[len(records)] = row_problems
        numbers.append(number)
        records.append(record)
        if len(records) == _ROWS_AT_ONCE:
            _validate_rows(model, file, columns, (numbers, records, refused), people, problems)
            numbers, records, refused = [], [], {}
    _validate_rows(model, file, columns, (numbers, records, refused), people, problems)
    _warn_other_sheets(file)
    if problems:
        raise ImportDataError(_capped(problems), source=str(file))
    if not people:
        raise ImportDataError(
            [Problem(str(file), Message("sheet.no_rows", what=Message(f"sheet.what.{what}")))]
        )
    return people


_SKIPPED_SHOWN = 10


def _warn_other_sheets(file: Path) -> None:
    """A list is read from the first visible sheet only: say so when the workbook has more."""
    if file.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    names = sheet_names(file)
    if len(names) > 1:
        warnings.warn(
            RembukWarning(
                Message(
                    "sheet.other_sheets",
                    file=file,
                    sheet=names[0],
                    others=", ".join(f"'{name}'" for name in names[1:]),
                )
            ),
            stacklevel=4,
        )


HEADER_SEARCH_ROWS = 10
"""Non-blank rows searched for the header row (the row naming the name column): the title
rows a printed list carries above it ('DAFTAR HADIR', the event, the date) are skipped."""


Rows = Iterator[tuple[int, Sequence[Any]]]
"""Rows of a sheet: (row number as the spreadsheet shows it, cell values)."""


@dataclass(frozen=True)
class Header:
    """The header row a sheet reader found: its row number and cells, and every non-blank row
    read up to it (``leading``, the header last). ``found`` is False when no row of the first
    :data:`HEADER_SEARCH_ROWS` looked like a header and ``cells`` is the reader's fallback row
    (whose problems then say what to fix)."""

    number: int
    cells: Sequence[Any]
    leading: list[tuple[int, Sequence[Any]]]
    found: bool


def is_blank(cells: Sequence[Any]) -> bool:
    """Whether a row holds nothing (empty cells, or only spaces)."""
    try:
        return not "".join(cells).strip()  # a row of text: every CSV row
    except TypeError:  # numbers, dates or empty cells: a workbook's row
        return all(_cell_text(cell) is None for cell in cells)


def find_header(
    file: Path | str,
    rows: Iterable[tuple[int, Sequence[Any]]],
    looks_like_header: Callable[[Sequence[Any]], bool],
    fallback: Callable[[list[tuple[int, Sequence[Any]]]], tuple[int, Sequence[Any]]] = (
        lambda leading: leading[0]
    ),
) -> tuple[Header, Rows]:
    """The header row of a sheet and the non-blank rows under it, for every sheet reader
    (attendees, signatories, rencana kegiatan, batch): the title rows a printed list carries
    above its header ('DAFTAR HADIR', the event, the date) are passed over.

    The header is the first non-blank row that ``looks_like_header``; when none of the first
    :data:`HEADER_SEARCH_ROWS` non-blank rows does (or the file ends first), ``fallback``
    picks one of them (default: the first). Raises :class:`ImportDataError` (``sheet.empty``)
    when the file has no non-blank row. Under the header, a CSV field whose quote is never
    closed is named by its column's letter and header ("kolom B 'Nama'").
    """
    rows = iter(rows)
    leading: list[tuple[int, Sequence[Any]]] = []
    header: Header | None = None
    for number, cells in rows:
        if is_blank(cells):
            continue
        leading.append((number, cells))
        if looks_like_header(cells):
            header = Header(number, cells, leading, True)
            break
        if len(leading) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        if not leading:
            raise ImportDataError([Problem(str(file), Message("sheet.empty"))])
        number, cells = fallback(leading)
        header = Header(number, cells, leading, False)
    return header, _under(rows, header.cells)


def _under(rows: Rows, header: Sequence[Any]) -> Rows:
    """The non-blank rows of ``rows``; an unclosed quote, an error value or a cell too long
    named by the column's header too."""
    try:
        for number, cells in rows:
            if not is_blank(cells):
                yield number, cells
    except (UnclosedQuoteError, CellError) as exc:
        raise exc.under(header) from None


def warn_header_row(
    file: Path | str,
    leading: Sequence[tuple[int, Sequence[Any]]],
    header_row: int,
    *,
    stacklevel: int,
) -> None:
    """Warn which row was taken as the header when title rows above it were skipped; ``leading``
    holds the non-blank rows read up to the header, with their row numbers. Shared by every
    sheet reader (attendees, signatories, plan, batch)."""
    if header_row != leading[0][0]:
        skipped = sum(1 for number, _ in leading if number < header_row)
        warnings.warn(
            RembukWarning(Message("sheet.header_row", file=file, row=header_row, count=skipped)),
            stacklevel=stacklevel + 1,
        )


def _likeliest(
    file: Path, leading: list[tuple[int, Sequence[Any]]], known: dict[str, tuple[str, ...]]
) -> tuple[int, Sequence[Any]]:
    """Of rows none of which names the name column, the one most like a header (the most known
    or nearly known columns; the first of equals): its problems say what to fix."""

    def likeness(row: tuple[int, Sequence[Any]]) -> int:
        columns = _Columns(row[1], known, row_place(file, row[0]))
        return len(columns.fields) + len(columns.problems) - 1

    return max(leading, key=likeness)


def _announce_header(file: Path, header: Header, columns: _Columns) -> None:
    """Warn which row was taken as the header when rows above it were skipped, and which
    columns are ignored."""
    warn_header_row(file, header.leading, header.number, stacklevel=4)
    if columns.skipped:
        shown = ", ".join(columns.skipped[:_SKIPPED_SHOWN])
        if len(columns.skipped) > _SKIPPED_SHOWN:
            shown += str(Message("sheet.columns_more", count=len(columns.skipped) - _SKIPPED_SHOWN))
        warnings.warn(
            RembukWarning(Message("sheet.columns_ignored", file=file, columns=shown)),
            stacklevel=4,
        )


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= _MAX_LISTED:
        return problems
    rest = len(problems) - _MAX_LISTED
    return [*problems[:_MAX_LISTED], Problem("", Message("sheet.more_problems", count=rest))]


def person_cell(path: str | Path, kind: str, index: int, field: str) -> str | None:
    """Where person ``index`` (0-based) of an attendee (``kind`` 'attendees') or signatory sheet
    that loaded cleanly was read, and the column of ``field``: 'peserta.csv, baris 7, kolom
    Jabatan'; ``None`` when the sheet no longer has that row. Every non-blank row under the
    header is one person, as :func:`load_attendees` reads them."""
    file = Path(path)
    known = _SIGNATORY_HEADERS if kind == "signatories" else _ATTENDEE_HEADERS
    try:
        header, body = find_header(
            file, _rows(file), lambda cells: _Columns(cells, known, "").has_name()
        )
        number = next((n for i, (n, _) in enumerate(body) if i == index), None)
    except (InputError, OSError):  # the sheet changed or went since it was read
        return None
    if number is None or field not in known:
        return None
    columns = _Columns(header.cells, known, "")
    return column_place(row_place(file, number), columns.title_of(field))


def load_attendees(path: str | Path) -> list[Attendee]:
    """Read attendees from a CSV or XLSX file (first sheet) whose first non-empty row is a header.

    Headers are matched case- and space-insensitively: Nama/Name, Gelar Depan, Gelar Belakang,
    Jabatan/Position, Instansi/Institution, NIP, No. HP/Phone, Unsur, L/P/Jenis Kelamin (L, P,
    laki-laki, perempuan), Contoh/Example; 'No' and 'Tanda Tangan' columns are ignored. Empty
    rows are skipped. Raises :class:`ImportDataError` listing every bad row with its row number
    and column, or :class:`SyntaxProblemError` when the file cannot be read at all.
    """
    return _load(path, Attendee, "attendees")


def load_signatories(path: str | Path) -> list[Signatory]:
    """Read signatories from a CSV or XLSX file, like :func:`load_attendees`.

    Signatory files may also have Pangkat/Rank, Peran/Role and Pihak/Party columns. Without a role,
    a row with an NIP is an ASN and a row without one is non_asn (no NIP printed either way).
    """
    return _load(path, Signatory, "signatories")


def read_table(path: str | Path, *, sheet: int = 0) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows of a CSV file, or of sheet number ``sheet`` (0 = first) of an XLSX workbook.

    Each row comes as ``(row number as the spreadsheet shows it, cell values)``; a CSV has one
    sheet. Raises :class:`SyntaxProblemError` when the file cannot be read.
    """
    if sheet == 0:
        return _rows(Path(path))
    return _bounded_cells(Path(path), _read_xlsx(Path(path), sheet))


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of an XLSX workbook, in order; ``[]`` for a CSV file."""
    file = Path(path)
    if file.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    with _workbook(file) as workbook:
        return [sheet.title for sheet in _data_sheets(workbook)]


capped_problems = _capped
"""At most 100 problems, then one saying how many more were not listed."""
header_key = _key
"""Normalise a header for matching: case, spaces, dots, '_' and '-' ignored."""
cell_text = _cell_text
"""A cell as stripped text, ``None`` when empty."""
column_letter = _letter
"""The spreadsheet letter of a 0-based column position."""

__all__ = [
    "capped_problems",
    "cell_text",
    "column_letter",
    "header_key",
    "load_attendees",
    "load_signatories",
    "read_table",
    "sheet_names",
]
