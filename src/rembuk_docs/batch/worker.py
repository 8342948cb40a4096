"""The work of one desa, run in any executor: plain data in, the files' bytes or the problems out."""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FieldPath, InputError, RembukError, RenderWarning, os_reason
from ..messages import path_text, text, use_field_names, use_language


@dataclass(frozen=True)
class Cell:
    """A cell of a sheet as a message names it ('kegiatan.csv, baris 3, kolom biaya'), put in
    words only when a message needs it, in the worker's language: most desa have no problem,
    and wording every field of every desa cost the coordinator most of its time per desa."""

    sheet: str
    row: int
    column: str

    def text(self) -> str:
        from ..importing import column_place, row_place

        return column_place(row_place(self.sheet, self.row), self.column)


@dataclass(frozen=True)
class AbsentColumn:
    """A sheet column that could set a field neither the row nor the template sets."""

    column: str

    def text(self) -> str:
        return text("batch.column_absent", column=self.column)


FieldName = str | Cell | AbsentColumn
"""How a message names a field: a column of the desa's own row, or words made when needed."""


@dataclass(frozen=True)
class Task:
    """What a worker needs to render one desa; plain, picklable data only."""

    row: int
    definition: dict[str, Any]
    language: str
    base: str
    formats: tuple[str, ...]
    documents: tuple[str, ...] | None
    format_pack: str | None
    paper: str | None
    bundle: bool
    finish: tuple[bool | None, bool | None, bool | None] = (None, None, None)
    """PDF/A, signature fields, verification code (``None``: as the pack says)."""
    folder: str | None = None
    """When set, the worker writes the pack there itself (and its manifest)."""
    manifest: dict[str, Any] | None = None
    """What the manifest records besides the files: input digest, row, desa, kecamatan."""
    field_names: tuple[tuple[FieldPath, FieldName], ...] = ()
    """How a message names a field the sheet set: its column (``alokasi_stunting``), or the
    cell of another sheet; a field under one of these paths is named as that path is."""
    template: str = ""
    """The template's file name, for a message naming a field the template set."""

    def name_field(self, path: FieldPath) -> str:
        """A field of the definition as the user wrote it: the sheet's column, or the template's
        field (``templat rembuk-desa.yaml: agreement.dana_desa_min_share``)."""
        names = dict(self.field_names)
        for length in range(len(path), 0, -1):
            found = names.get(path[:length])
            if found is not None:
                return found if isinstance(found, str) else found.text()
        if not self.template:
            return path_text(path)
        return text("batch.template.field", file=self.template, field=path_text(path))


MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Outcome:
    """The result for one desa: ``files`` (name, bytes) when it rendered, else ``problems``
    (field path, message); ``warnings`` are messages of things rendered not quite as written."""

    row: int
    files: tuple[tuple[str, bytes], ...] = ()
    problems: tuple[tuple[FieldPath | str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    written: bool = False
    """True when the worker wrote the files itself (``files`` is then empty)."""

    @property
    def ok(self) -> bool:
        """True when the desa rendered."""
        return not self.problems


def render_desa(task: Task) -> Outcome:
    """Validate one desa's definition and render its pack in memory, its messages in the
    language of ``task`` (the batch's, which a worker process does not inherit).

    A field a message names is named as the user wrote it (see :meth:`Task.name_field`).
    Never raises for bad input: every problem of the definition comes back with its field path,
    so that one bad desa never stops the others. An unexpected failure (a bug) comes back too,
    as a problem naming the exception, for the same reason.
    """
    # a worker process does not share --lang; its messages name the sheet's columns
    with use_language(task.language), use_field_names(task.name_field):
        return _render_desa(task)


def render_desas(tasks: Sequence[Task]) -> list[Outcome]:
    """:func:`render_desa` for each of ``tasks``, in order: a chunk of desa sent to a worker as
    one task (one message each way, one future)."""
    return [render_desa(task) for task in tasks]


def _render_desa(task: Task) -> Outcome:
    from ..loading import from_dict
    from ..rendering import render_files

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RenderWarning)
            rembuk = from_dict(task.definition, base=Path(task.base))
            files = render_files(
                rembuk,
                formats=task.formats,
                documents=task.documents,
                format_pack=task.format_pack,
                paper=task.paper,
                bundle=task.bundle,
                pdfa=task.finish[0],
                signature_fields=task.finish[1],
                verification_code=task.finish[2],
            )
    except InputError as exc:
        problems: tuple[tuple[FieldPath | str, str], ...] = tuple(
            (p.path if p.path is not None else p.location, p.message) for p in exc.problems
        )
        return Outcome(task.row, problems=problems or (("", str(exc)),))
    except RembukError as exc:
        return Outcome(task.row, problems=(("", str(exc)),))
    except Exception as exc:  # a bug: reported for this desa, the batch goes on
        detail = text("batch.internal_error", kind=type(exc).__name__, detail=exc)
        return Outcome(task.row, problems=(("", detail),))
    # each desa's own example names would give the summary a line per desa: one line says it
    messages = [str(w.message) for w in caught if not _names_example(w.message)]
    if rembuk.example_names:
        messages.append(text("batch.example_names"))
    notes = tuple(dict.fromkeys(messages))
    if task.folder is None:
        return Outcome(task.row, files=tuple(files), warnings=notes)
    try:
        write_pack(Path(task.folder), files, task.manifest or {})
    except OSError as exc:
        where = exc.filename or task.folder
        reason = text("file.os_error", path=where, reason=os_reason(exc))
        return Outcome(task.row, problems=(("", reason),))
    return Outcome(task.row, warnings=notes, written=True)


def _names_example(warning: Warning | str) -> bool:
    """Whether ``warning`` is the draft reason listing a desa's example names."""
    problem = getattr(warning, "problem", None)
    return getattr(problem, "id", "") == "draft.example_names"


def write_pack(folder: Path, files: Sequence[tuple[str, bytes]], fields: dict[str, Any]) -> None:
    """Write a desa's files, then the manifest that marks the pack complete.

    The old manifest goes first, so an interrupted write leaves a folder the next run renders
    again. The files are written whole (temporary files renamed into place) but not flushed one
    by one; the manifest, written last, is flushed with the folder: one flush per pack. It
    records every file's size, which a rerun compares, so files a power cut lost are made again.
    """
    from ..output import write_files

    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    write_files(folder, files, durable=False)
    listed = {
        name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in files
    }
    manifest = {**fields, "files": listed}
    write_files(
        folder, [(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))]
    )
