"""Render every desa of a sheet: in this process, in N processes, or on any Executor (e.g. Dask)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import FieldPath, InputError, Problem, TemplateError, parse_path, path_text
from ..formats.pack import FormatPack, load_pack
from ..importing import column_place, row_place
from ..loading import problems_from
from ..messages import Message, current_language, text
from ..model import Rembuk
from ..runtime import tune_gc
from ..writers import FORMATS
from .definition import DESA_SOURCES, Built, build
from .naming import folder_names, inside
from .report import BatchResult, Failure, write_errors
from .sheet import DESA_REQUIRED, Row, Sheet, activities_by_desa, identity, read_sheet
from .template import Template, load_template
from .worker import (
    MANIFEST,
    AbsentColumn,
    Cell,
    FieldName,
    Outcome,
    Task,
    render_desa,
    render_desas,
    write_pack,
)

# Values of a made-up desa, one per sheet column, to find the template's own problems first.
_PROBE: dict[str, Any] = {
    "desa": "Contoh",
    "kecamatan": "Contoh",
    "kabupaten": "Kabupaten Contoh",
    "kepala_desa": "Contoh",
    "pagu_dana_desa": 100,
    "alokasi_stunting": 100,
    "ketua_bpd": "Contoh",
    "kpm": "Contoh",
    "tanggal": "2024-07-01",
    "mulai": "09.00",
    "selesai": "12.00",
    "tempat": "Contoh",
    "alamat": "Contoh",
    "tahun_anggaran": 2025,
    "nomor_berita_acara": "1",
    "nomor_kesepakatan": "1",
}
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` each time a desa is finished (rendered, skipped or failed)."""


@dataclass
class _Desa:
    """A desa waiting for its outcome: its row, definition, folder and input digest."""

    row: Row
    built: Built
    folder: Path
    digest: str


def render_batch(
    sheet: str | Path,
    template: str | Path,
    out_dir: str | Path,
    *,
    activities: str | Path | None = None,
    executor: Executor | None = None,
    jobs: int = 1,
    formats: Iterable[str] = FORMATS,
    documents: Iterable[str] | None = None,
    format_pack: str | None = None,
    paper: str | None = None,
    bundle: bool = False,
    pdfa: bool | None = None,
    signature_fields: bool | None = None,
    verification_code: bool | None = None,
    force: bool = False,
    progress: Progress | None = None,
    max_pending: int | None = None,
    scheduler: str | Any | None = None,
    workers_write: bool = True,
) -> BatchResult:
    """Render the pack of every desa of ``sheet`` into ``out_dir/<folder>/`` and return what happened.

    ``template`` holds what every desa shares (see :func:`load_template`). Work runs on
    ``executor`` when given (any :class:`concurrent.futures.Executor`: a process pool, or a Dask
    cluster's ``client.get_executor()``), else on the Dask cluster ``scheduler`` (an address
    such as ``tcp://10.0.0.5:8786``, or a ``distributed.Client``), else in ``jobs`` processes
    (1: in this process). Desa go to the workers in chunks of up to :data:`CHUNK_MOST`. At most
    ``max_pending`` desa are in flight at once (default: two chunks per worker of the
    executor), so memory stays flat for any number of rows.

    Each worker writes its desa's files itself, so the calling process does no file I/O; the
    workers then need the output folder (on a cluster: a shared file system). With
    ``workers_write=False`` they send the bytes back and this process writes them.

    A desa whose input (its definition, the format pack, the formats asked) is the one recorded in
    its folder's manifest.json, with its files still there, is skipped unless ``force``. A bad row
    never stops the others: its problems go to ``out_dir/errors.csv``. Raises an
    :class:`~rembuk_docs.errors.InputError` only when the sheet or the template is unusable as a
    whole; nothing is written then.
    """
    from ..compose.registry import DOCUMENTS
    from ..preflight import checked_names as known_names
    from ..writers import FORMATS as KNOWN_FORMATS

    # the options are the same for every desa: a wrong one is the whole batch's problem (exit 2)
    format_tuple = tuple(known_names(formats, KNOWN_FORMATS, "format"))
    document_tuple = (
        tuple(known_names(documents, list(DOCUMENTS), "document"))
        if documents is not None
        else None
    )
    data = read_sheet(sheet, activities=activities)
    shared = load_template(template)
    _check_template(shared, data, document_tuple)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = BatchResult(out, total=len(data.desa))
    finish = (pdfa, signature_fields, verification_code)
    fingerprint = _fingerprint(
        shared, format_pack, paper, format_tuple, document_tuple, bundle, finish
    )
    waiting: dict[int, _Desa] = {}
    done = 0

    def finished() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, result.total)

    def tasks() -> Iterator[Task]:
        matched, unmatched, blocked = activities_by_desa(data)
        for activity, reason in unmatched:
            result.failures.append(
                Failure(
                    activity.sheet,
                    activity.number,
                    activity.text("desa"),
                    activity.text("kecamatan"),
                    activity.column("desa"),
                    reason,
                )
            )
        duplicates = _duplicates(data.desa)
        names = folder_names(data.desa)
        for row in data.desa:
            problems = _row_problems(row, duplicates, blocked)
            folder: Path | None = None
            try:
                folder = inside(out, names[row.number])
            except ValueError as exc:
                problems.append((row.column("desa"), str(exc)))
            if problems or folder is None:
                _fail(result, row, problems, folder)
                finished()
                continue
            built = build(shared, row, matched.get(row.number, []))
            digest = _digest(built.data, fingerprint, _definition_files(built.data, shared.base))
            if not force and _unchanged(folder, digest):
                result.unchanged.append(folder.name)
                finished()
                continue
            desa = waiting[row.number] = _Desa(row, built, folder, digest)
            yield Task(
                row=row.number,
                definition=built.data,
                language=current_language(),
                base=str(shared.base),
                formats=format_tuple,
                documents=document_tuple,
                format_pack=format_pack,
                paper=paper,
                bundle=bundle,
                finish=finish,
                folder=str(folder) if workers_write else None,
                manifest=_manifest_fields(desa) if workers_write else None,
                field_names=_field_names(desa, shared),
                template=shared.path.name,
            )

    def handle(outcome: Outcome) -> None:
        desa = waiting.pop(outcome.row)
        for message in outcome.warnings:
            result.warnings[message] = result.warnings.get(message, 0) + 1
        if outcome.ok:
            if not outcome.written:
                _write_pack(desa, outcome)
            result.rendered.append(desa.folder.name)
        else:
            located = [
                _locate(location, message, desa, shared) for location, message in outcome.problems
            ]
            _fail(result, desa.row, located, desa.folder)
        finished()

    total = result.total
    if executor is None and scheduler is not None:
        with _dask_executor(scheduler) as cluster_executor:
            plan = _chunking(total, _workers(cluster_executor), max_pending)
            _run(cluster_executor, tasks(), handle, *plan)
    elif executor is not None:
        if hasattr(executor, "get_executor"):  # a distributed.Client passed as the executor
            executor = executor.get_executor()
        _run(executor, tasks(), handle, *_chunking(total, _workers(executor), max_pending))
    elif jobs > 1:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=_context(), initializer=tune_gc
        ) as pool:
            _run(pool, tasks(), handle, *_chunking(total, jobs, max_pending))
    else:
        for task in tasks():
            handle(render_desa(task))
    write_errors(result)
    return result


def _run(
    executor: Executor,
    tasks: Iterator[Task],
    handle: Callable[[Outcome], None],
    chunk: int,
    window: int,
) -> None:
    """Submit ``tasks`` ``chunk`` desa at a time, keeping at most ``window`` chunks in flight;
    ``handle`` each outcome as its chunk comes back."""
    pending: dict[Future[list[Outcome]], list[int]] = {}
    batch: list[Task] = []

    def submit() -> None:
        pending[executor.submit(render_desas, tuple(batch))] = [task.row for task in batch]
        batch.clear()

    def collect() -> None:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            rows = pending.pop(future)
            try:
                outcomes = future.result()
            except Exception as exc:  # the worker died (or could not unpickle): its desa fail
                failed = text("batch.worker_failed", kind=type(exc).__name__, detail=exc)
                outcomes = [Outcome(row, problems=(("", failed),)) for row in rows]
            for outcome in outcomes:
                handle(outcome)

    for task in tasks:
        batch.append(task)
        if len(batch) >= chunk:
            submit()
            if len(pending) >= window:
                collect()
    if batch:
        submit()
    while pending:
        collect()


CHUNK_MOST = 16
"""Desa sent to a worker together, at most: one task, one message each way and one future per
chunk, not per desa, so that the coordinator's CPU per desa stays small."""


def _chunking(total: int, workers: int, max_pending: int | None) -> tuple[int, int]:
    """(desa per chunk, chunks in flight) for ``total`` desa on ``workers`` workers.

    Chunks hold up to :data:`CHUNK_MOST` desa, but no more than a quarter of a worker's share,
    so that the last chunks leave no worker idle for long; two chunks per worker are in flight,
    so that none waits for work while the others' outcomes are handled. With ``max_pending``, at
    most that many desa are in flight."""
    chunk = max(1, min(CHUNK_MOST, total // (4 * workers)))
    if max_pending is None:
        return chunk, 2 * workers
    chunk = max(1, min(chunk, max_pending // (2 * workers)))
    return chunk, max(1, max_pending // chunk)


def _workers(executor: Executor) -> int:
    """How many desa ``executor`` renders at once: its worker processes or threads (threads on
    Dask); 32 when it does not tell."""
    workers: int | None = getattr(executor, "_max_workers", None)  # process and thread pools
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    if client is not None:
        try:
            workers = sum(client.nthreads().values())
        except Exception:  # a scheduler that does not answer: fall back below
            workers = None
    return max(1, workers) if workers else 32


@contextlib.contextmanager
def _dask_executor(scheduler: str | Any) -> Iterator[Executor]:
    """An executor on the Dask cluster at address ``scheduler`` (or of a ``Client``)."""
    if not isinstance(scheduler, str):
        yield scheduler.get_executor()
        return
    try:
        import distributed
    except ImportError:
        raise InputError([Problem("--scheduler", Message("batch.dask_missing"))]) from None
    try:
        connect: Any = distributed.Client
        client = connect(scheduler, timeout=10)
    except (OSError, TimeoutError, ValueError) as exc:
        unreachable = Message("batch.scheduler_unreachable", scheduler=scheduler)
        raise InputError([Problem("--scheduler", unreachable.with_detail(str(exc)))]) from None
    with client:
        yield client.get_executor()


def _context() -> Any:
    """forkserver where there is one (no fork of a threaded parent), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _row_problems(
    row: Row, duplicates: dict[int, list[int]], blocked: dict[int, str]
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for name in DESA_REQUIRED:
        if name != "alokasi_stunting" and not row.text(name):
            problems.append((row.column(name), text("value.empty")))
    if row.number in duplicates:
        others = ", ".join(str(n) for n in duplicates[row.number])
        problems.append((row.column("desa"), text("batch.desa_twice", rows=others)))
    if row.number in blocked:
        problems.append(("kegiatan", blocked[row.number]))
    return problems


def _duplicates(rows: list[Row]) -> dict[int, list[int]]:
    """Rows whose desa and kecamatan (as compared by :func:`identity`) are on another row too."""
    seen: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if row.text("desa"):
            key = (identity(row.text("desa")), identity(row.text("kecamatan")))
            seen.setdefault(key, []).append(row.number)
    return {
        number: [other for other in numbers if other != number]
        for numbers in seen.values()
        if len(numbers) > 1
        for number in numbers
    }


def _fail(
    result: BatchResult, row: Row, problems: list[tuple[str, str]], folder: Path | None
) -> None:
    """Record a failed desa; its manifest goes, so that the next run tries it again."""
    for field, reason in dict.fromkeys(problems):
        result.failures.append(
            Failure(row.sheet, row.number, row.text("desa"), row.text("kecamatan"), field, reason)
        )
    if folder is not None:
        (folder / MANIFEST).unlink(missing_ok=True)


def _locate(
    location: FieldPath | str, message: str, desa: _Desa, shared: Template
) -> tuple[str, str]:
    """Where a problem of a definition path is for the user: a sheet column, or a template line
    (the typed path becomes text only here)."""
    path: FieldPath | None = None
    if isinstance(location, tuple):
        path = location
    elif location and "/" not in location and "\\" not in location:
        try:
            path = parse_path(location)
        except ValueError:  # a place that is no field path
            path = None
    found = desa.built.source(path) if path else None
    if found is not None:
        row, name = found
        if row is desa.row:
            return row.column(name), message
        return column_place(row_place(row.sheet, row.number), row.column(name)), message
    if path is None:
        return str(location), message
    location = path_text(path)
    line = shared.line(location)
    if line is None:
        return text("batch.template.place", file=shared.path.name, field=location), message
    place = text("batch.template.place_line", file=shared.path.name, field=location, line=line)
    return place, message


def _field_names(desa: _Desa, shared: Template) -> tuple[tuple[FieldPath, FieldName], ...]:
    """How the desa's messages name each field its sheet rows set: the column of its own row, or
    the cell of another row (an activity); a field a desa column could set that neither the row
    nor the template sets is named as that column, to add to the sheet. The cells' words are
    made by the worker, only for a message that names one."""
    names: list[tuple[FieldPath, FieldName]] = []
    for path, (row, name) in desa.built.sources.items():
        column = row.column(name)
        names.append(
            (path, column if row is desa.row else Cell(str(row.sheet), row.number, column))
        )
    for path, name in DESA_SOURCES.items():
        if path not in desa.built.sources and not _has(shared.data, path):
            names.append((path, AbsentColumn(name)))
    return tuple(names)


def _has(data: Any, path: FieldPath) -> bool:
    """Whether ``data`` (plain YAML data) has a value at ``path``."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return data is not None


def _check_template(shared: Template, data: Sheet, documents: tuple[str, ...] | None) -> None:
    """Problems of the template itself, found by building a probe desa before any real one."""
    columns = set(data.desa[0].titles)
    probe = Row("probe", 0, {name: value for name, value in _PROBE.items() if name in columns})
    built = build(shared, probe, [])
    problems: list[Problem] = []
    try:
        Rembuk.model_validate(built.data)
    except ValidationError as exc:
        for problem in problems_from(exc, Rembuk, shared.root):
            if built.source(problem.field_path() or ()) is None:
                problems.append(problem)
    wants_minutes = documents is None or "notulen" in documents
    minutes = built.data.get("minutes") or {}
    if wants_minutes and "notulis" not in minutes:
        problems.append(
            Problem(
                "minutes.notulis",
                Message("batch.notulis_needed"),
                shared.line("minutes"),
            )
        )
    if problems:
        raise TemplateError(problems, source=str(shared.path))


def _fingerprint(
    shared: Template,
    format_pack: str | None,
    paper: str | None,
    formats: tuple[str, ...],
    documents: tuple[str, ...] | None,
    bundle: bool,
    finish: tuple[bool | None, bool | None, bool | None] = (None, None, None),
) -> str:
    """Everything besides a desa's definition that decides its files' bytes."""
    from .. import __version__

    pack = load_pack(format_pack if format_pack is not None else shared.data.get("format_pack"))
    return json.dumps(
        {
            "version": __version__,
            "code": _code_digest(),
            "pack": pack.model_dump(mode="json"),
            "pack_files": pack_file_digests(pack),
            "paper": paper,
            "formats": formats,
            "documents": documents,
            "bundle": bundle,
            "finish": finish,
        },
        sort_keys=True,
    )


def pack_file_digests(pack: FormatPack) -> dict[str, str | None]:
    """The sha256 of every file a render with ``pack`` may read besides the definition: every
    logo the kop names (its own, the kop jabatan's lambang), the four font files and each
    document's Word-authored template (``None`` where absent)."""
    from ..compose.registry import DOCUMENTS

    def sha(data: bytes | None) -> str | None:
        return hashlib.sha256(data).hexdigest() if data is not None else None

    spec = pack.font
    digests: dict[str, str | None] = {"logo": sha(pack.logo_bytes())}
    for logo in sorted(_logo_names(pack.kop.model_dump(mode="json")) - {pack.kop.logo}):
        digests[f"logo:{logo}"] = sha(pack.image_bytes(logo))  # the kop jabatan's lambang, ...
    for face in (spec.regular, spec.bold, spec.italic, spec.bold_italic):
        digests[f"font:{face}"] = sha(pack.font_file(face).read_bytes())
    for document in DOCUMENTS:
        template = pack.word_template(document)
        digests[f"word:{document}"] = sha(template.read_bytes()) if template else None
    return digests


def _logo_names(section: Any) -> set[str]:
    """Every image name under a ``logo`` key of the dumped kop settings, however deep."""
    names: set[str] = set()
    if isinstance(section, dict):
        for key, value in section.items():
            if key == "logo" and isinstance(value, str):
                names.add(value)
            else:
                names |= _logo_names(value)
    elif isinstance(section, list):
        for value in section:
            names |= _logo_names(value)
    return names


def _definition_files(definition: dict[str, Any], base: Path) -> dict[str, str | None]:
    """The sha256 of the attendee, signatory and rencana kegiatan files a definition names (read
    at render), and a signature of its dokumentasi photos."""
    digests: dict[str, str | None] = {}
    for key in ("attendees_file", "signatories_file", "rencana_kegiatan_file"):
        named = definition.get(key)
        if not isinstance(named, str | Path):
            continue
        path = Path(named) if Path(named).is_absolute() else base / named
        try:
            digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digests[key] = None  # the render reports it; a rerun tries again
    photos = _photo_signature(definition.get("dokumentasi"), base)
    if photos is not None:
        digests["dokumentasi"] = photos
    return digests


def _photo_signature(section: Any, base: Path) -> str | None:
    """Name, size and modification time of every photo the dokumentasi names (its list or its
    folder), so that a changed photo renders the desa again; the photos themselves are not read
    (the same photos are shared by every desa of the batch)."""
    if not isinstance(section, dict):
        return None
    paths: list[Path] = []
    folder = section.get("folder")
    if isinstance(folder, str):
        try:
            paths = sorted(p for p in (base / folder).iterdir() if p.is_file())
        except OSError:
            return "unreadable"
    for photo in section.get("photos") or []:
        if isinstance(photo, dict) and isinstance(photo.get("path"), str):
            paths.append(base / photo["path"])
    digest = hashlib.sha256()
    for path in paths:
        try:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}\0missing\n".encode())
    return digest.hexdigest()


def _code_digest() -> str:
    """A digest of this library's source, so that a changed library renders every desa again."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _digest(definition: dict[str, Any], fingerprint: str, files: dict[str, str | None]) -> str:
    """The input digest of one desa: its definition, the files it names, and ``fingerprint``."""
    text = json.dumps(definition, sort_keys=True, default=str, ensure_ascii=False)
    named = json.dumps(files, sort_keys=True)
    return hashlib.sha256(f"{fingerprint}\n{named}\n{text}".encode()).hexdigest()


def _unchanged(folder: Path, digest: str) -> bool:
    """Whether ``folder`` holds a pack made from the same input, with every file still there."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return bool(manifest["input"] == digest) and all(
            (folder / name).stat().st_size == entry["size"]
            for name, entry in manifest["files"].items()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _write_pack(desa: _Desa, outcome: Outcome) -> None:
    """Write the files a worker sent back (workers that cannot reach the output folder)."""
    write_pack(desa.folder, outcome.files, _manifest_fields(desa))


def _manifest_fields(desa: _Desa) -> dict[str, Any]:
    return {
        "input": desa.digest,
        "row": desa.row.number,
        "desa": desa.row.text("desa"),
        "kecamatan": desa.row.text("kecamatan"),
    }
