"""What the web app asks of the library: validate a definition, render its files, preview pages.

Nothing here re-implements the library: a definition is written to a private temporary folder
and read with :func:`rembuk_docs.load`, as the CLI reads it; rendering is
:func:`rembuk_docs.render_files`. What is added is what a server needs: no file name or folder
from a request reaches the file system (``*_file`` keys and pack folders are refused, uploads
get fixed names), uploaded spreadsheets are checked for zip bombs, and problems become JSON.
The render functions are plain module-level functions so that they run in worker processes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import threading
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import InputError, Problem, RembukError, RembukWarning
from ..preflight import problem_json

WARNINGS = threading.RLock()
"""Held while the warnings filters are changed (``warnings.catch_warnings`` is not thread-safe
and the app validates in threads): one recording or silencing at a time in a process."""

# limits for uploaded spreadsheets (an XLSX is a zip file)
MAX_XLSX_ENTRIES = 2_000
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 200  # unpacked size / packed size of one entry
PAPERS = ("A4", "F4", "F4-210")


@dataclass(frozen=True)
class Upload:
    """An uploaded file: the name the user gave it (shown in messages only) and its bytes."""

    filename: str
    data: bytes


@dataclass
class Checked:
    """The result of validating a definition: its problems (errors and warnings) and, when it
    is valid, the loaded definition."""

    problems: list[dict[str, Any]] = field(default_factory=list)
    rembuk: Any = None

    @property
    def valid(self) -> bool:
        return self.rembuk is not None and not any(p["severity"] == "error" for p in self.problems)


def _error(path: str, message: str, line: int | None = None) -> dict[str, Any]:
    return problem_json(Problem(path, message, line))


def xlsx_problem(data: bytes) -> str | None:
    """Why an XLSX upload is refused (a zip bomb, too many parts), or ``None``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_XLSX_ENTRIES:
                return f"berkas XLSX berisi terlalu banyak bagian ({len(entries)})"
            total = 0
            for entry in entries:
                total += entry.file_size
                packed = max(entry.compress_size, 1)
                if entry.file_size > 1024 * 1024 and entry.file_size / packed > MAX_XLSX_RATIO:
                    return (
                        "berkas XLSX ini mengembang berlebihan saat dibuka (bom zip); simpan "
                        "ulang dari aplikasi lembar kerja atau kirim sebagai CSV"
                    )
            if total > MAX_XLSX_UNPACKED:
                return "isi berkas XLSX terlalu besar setelah dibuka; kirim sebagai CSV"
    except zipfile.BadZipFile:
        return "bukan berkas XLSX yang dapat dibaca; simpan sebagai .xlsx atau .csv"
    return None


def _people_file(
    folder: Path, key: str, upload: Upload, problems: list[dict[str, Any]]
) -> Path | None:
    """Write an upload under a fixed name in ``folder``; its type is read from its bytes."""
    is_zip = upload.data[:4] == b"PK\x03\x04"
    if is_zip:
        reason = xlsx_problem(upload.data)
        if reason:
            problems.append(_error(key, f"{upload.filename}: {reason}"))
            return None
    path = folder / f"{key}.{'xlsx' if is_zip else 'csv'}"
    path.write_bytes(upload.data)
    return path


def _relocated(problem: Problem, folder: Path, names: dict[str, str]) -> Problem:
    """A problem whose location names the temporary folder, with the user's file name instead."""
    location = problem.location
    for stored, shown in names.items():
        location = location.replace(stored, shown)
    location = location.replace(f"{folder}/", "")
    if location == problem.location:
        return problem
    return Problem(location, problem.message, problem.line)


def refused_keys(data: Any) -> list[dict[str, Any]]:
    """Keys a server cannot honour: files and pack folders on the server's disk."""
    from ..formats.loader import is_pack_path

    problems: list[dict[str, Any]] = []
    if not isinstance(data, dict):
        return problems
    for key in ("attendees_file", "signatories_file", "rencana_kegiatan_file"):
        if data.get(key) is not None:
            field_name = key.removesuffix("_file")
            problems.append(
                _error(
                    key,
                    f"aplikasi web tidak membaca berkas dari server; hapus {key} dan unggah "
                    f"berkasnya sebagai {field_name}",
                )
            )
    documentation = data.get("dokumentasi")
    if isinstance(documentation, dict):
        if documentation.get("folder") is not None:
            problems.append(
                _error(
                    "dokumentasi.folder",
                    "aplikasi web tidak membaca folder dari server; hapus folder dan unggah "
                    "fotonya di bagian Dokumentasi",
                )
            )
        photos = documentation.get("photos")
        for index, photo in enumerate(photos if isinstance(photos, list) else []):
            path = photo.get("path") if isinstance(photo, dict) else None
            if path is not None and not (isinstance(path, str) and photo_name(path)):
                problems.append(
                    _error(
                        f"dokumentasi.photos[{index}].path",
                        "foto ini tidak diunggah lewat aplikasi web; hapus barisnya dan unggah "
                        "fotonya di bagian Dokumentasi",
                    )
                )
    pack = data.get("format_pack")
    if isinstance(pack, str) and is_pack_path(pack):
        problems.append(
            _error(
                "format_pack",
                "aplikasi web hanya memakai format yang terpasang; pilih salah satu dari daftar",
            )
        )
    return problems


PHOTO_FOLDER = "foto"
_PHOTO = re.compile(r"foto/([A-Za-z0-9_-]{16,40})\.(jpg|png)")


def photo_name(path: str) -> str | None:
    """The stored name of a photo uploaded through the app ('foto/<id>.jpg'), else ``None``."""
    match = _PHOTO.fullmatch(path)
    return f"{match.group(1)}.{match.group(2)}" if match else None


MAX_ARCHIVE_ENTRIES = 250


def definition_archive(data: bytes) -> tuple[str, bytes, dict[str, bytes]] | str:
    """A ZIP as the app's "YAML beserta foto" download writes it: (the YAML's file name, its
    bytes, {'foto/<id>.jpg': bytes}); or why it is refused, in Indonesian. Only one YAML file at
    the top and photos under ``foto/`` named as the app names them are read; nothing in the
    archive names a place on the disk. Checked for zip bombs before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [e for e in archive.infolist() if not e.is_dir()]
            if len(entries) > MAX_ARCHIVE_ENTRIES:
                return f"berkas ZIP berisi terlalu banyak berkas ({len(entries)})"
            if sum(e.file_size for e in entries) > 400 * 1024 * 1024:
                return "isi berkas ZIP terlalu besar setelah dibuka"
            for entry in entries:
                packed = max(entry.compress_size, 1)
                if entry.file_size > 1024 * 1024 and entry.file_size / packed > MAX_XLSX_RATIO:
                    return "berkas ZIP ini mengembang berlebihan saat dibuka (bom zip)"
            definitions = [
                e
                for e in entries
                if "/" not in e.filename and e.filename.endswith((".yaml", ".yml"))
            ]
            if len(definitions) != 1:
                return (
                    "berkas ZIP harus berisi tepat satu berkas .yaml di luar folder "
                    f"(ditemukan {len(definitions)})"
                )
            photos = {
                e.filename: archive.read(e)
                for e in entries
                if photo_name(e.filename) is not None and e.file_size <= 40 * 1024 * 1024
            }
            return definitions[0].filename, archive.read(definitions[0]), photos
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "bukan berkas ZIP yang dapat dibaca"


def example_warnings(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A warning at each person marked as an example (example: true)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if node.get("example") is True and isinstance(node.get("name"), str):
                found.append(
                    problem_json(
                        Problem(
                            f"{path}.name" if path else "name",
                            f"'{node['name']}' adalah nama contoh; ganti dengan nama sebenarnya "
                            "sebelum ditandatangani",
                        ),
                        "warning",
                    )
                )
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{path}[{index}]")

    walk(data, "")
    return found


def check_text(
    text: str,
    *,
    attendees: Upload | None = None,
    signatories: Upload | None = None,
    format_pack: str | None = None,
    only: list[str] | None = None,
    source: str = "definisi.yaml",
    rencana_kegiatan: Upload | None = None,
    photos: Path | None = None,
) -> Checked:
    """Validate a YAML definition as ``rembuk-docs validate`` does, with the same preflight
    (:func:`rembuk_docs.preflight.preflight`) as a render of ``only`` (``None``: the full pack);
    never raises for bad input. ``photos`` is the draft's folder of uploaded photos: the ones
    the definition names ('foto/<id>.jpg') are linked next to it, as the CLI finds them."""
    from ..loading import load_with_nodes, locate, parse_yaml
    from ..preflight import preflight
    from ..rendering import resolve_pack

    result = Checked()
    try:
        data, _ = parse_yaml(text, source=source)
    except InputError as exc:
        result.problems = [problem_json(p) for p in exc.problems]
        return result
    result.problems = refused_keys(data)
    chosen = format_pack
    if chosen is None and isinstance(data, dict) and isinstance(data.get("format_pack"), str):
        chosen = data["format_pack"]
    if chosen is not None and not result.problems:
        result.problems += pack_choice_problems(chosen)
    if result.problems:
        return result
    with tempfile.TemporaryDirectory(
        prefix="rembuk-web-", dir=photos.parent if photos is not None else None
    ) as temporary:
        folder = Path(temporary)
        definition = folder / source
        definition.write_text(text, encoding="utf-8")
        if photos is not None and isinstance(data, dict):
            link_photos(data, photos, folder / PHOTO_FOLDER)
        files: dict[str, Path | None] = {}
        names = {}
        for key, upload in (
            ("attendees", attendees),
            ("signatories", signatories),
            ("rencana_kegiatan", rencana_kegiatan),
        ):
            if upload is None:
                continue
            path = _people_file(folder, key, upload, result.problems)
            files[key] = path
            if path is not None:
                names[str(path)] = upload.filename
        if result.problems:
            return result
        try:
            with WARNINGS, warnings.catch_warnings():
                warnings.simplefilter("ignore", RembukWarning)
                rembuk, root = load_with_nodes(definition, **files)
                pack = resolve_pack(rembuk, format_pack=pack_spec(chosen))
                report = preflight(rembuk, pack, only, laid_out=True)
        except InputError as exc:
            result.problems = [problem_json(_relocated(p, folder, names)) for p in exc.problems]
            return result
        except RembukError as exc:
            result.problems = [_error("", str(exc))]
            return result
    located = locate([finding.problem for finding in report.findings], root)
    result.problems = [
        problem_json(problem, finding.severity)
        for problem, finding in zip(located, report.findings, strict=True)
    ]
    if report.valid:
        result.rembuk = rembuk
    if isinstance(data, dict):  # each example person at its own field, for the form
        result.problems += example_warnings(data)
    return result


@dataclass
class Sheet:
    """What an uploaded or pasted sheet gave: its rows as plain data for the draft, or the
    problems of its rows (each naming the row and column, as the CLI does); and the warnings
    the reader gave (title rows skipped, extra columns, hidden rows), with the user's file name."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


SHEET_KINDS = ("attendees", "signatories", "rencana_kegiatan")


def read_sheet(data: bytes, name: str, kind: str) -> Sheet:
    """Read an attendee, signatory or rencana kegiatan sheet (``kind``) from uploaded or pasted
    bytes with the library's own reader, as ``rembuk-docs`` reads the file: CSV or XLSX by its
    first bytes (an XLSX checked for zip bombs first); cells pasted from a spreadsheet come
    separated by tabs. ``name`` (the user's file name, or 'tempelan') replaces the temporary
    path in every message."""
    from ..importing import load_attendees, load_signatories
    from ..plan_import import load_plan

    readers: dict[str, Callable[[Path], Sequence[BaseModel]]] = {
        "attendees": load_attendees,
        "signatories": load_signatories,
        "rencana_kegiatan": load_plan,
    }
    reader = readers[kind]
    is_zip = data[:4] == b"PK\x03\x04"
    if is_zip:
        reason = xlsx_problem(data)
        if reason:
            return Sheet(errors=[f"{name}: {reason}"])
    elif b"\t" in data.split(b"\n", 1)[0]:
        data = data.replace(b"\t", b";")  # cells copied from a spreadsheet
    with tempfile.TemporaryDirectory(prefix="rembuk-web-") as temporary:
        path = Path(temporary) / f"{kind}.{'xlsx' if is_zip else 'csv'}"
        path.write_bytes(data)

        def shown(text: str) -> str:
            return text.replace(str(path), name).replace(f"{temporary}/", "")

        try:
            with WARNINGS, warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", RembukWarning)
                rows = reader(path)
        except InputError as exc:
            return Sheet(errors=[shown(str(problem)) for problem in exc.problems])
        notes = [shown(str(w.message)) for w in caught if issubclass(w.category, RembukWarning)]
    return Sheet(
        rows=[row.model_dump(mode="json", exclude_defaults=True) for row in rows],
        notes=list(dict.fromkeys(notes)),
    )


def link_photos(data: dict[str, Any], source: Path, target: Path) -> None:
    """Link (or copy) each uploaded photo the definition names from ``source`` into ``target``."""
    documentation = data.get("dokumentasi")
    photos = documentation.get("photos") if isinstance(documentation, dict) else None
    for photo in photos if isinstance(photos, list) else []:
        path = photo.get("path") if isinstance(photo, dict) else None
        name = photo_name(path) if isinstance(path, str) else None
        stored = source / name if name else None
        if stored is None or not stored.is_file():
            continue  # the library says the photo is missing, at its field
        target.mkdir(exist_ok=True)
        try:
            os.link(stored, target / stored.name)
        except OSError:
            shutil.copyfile(stored, target / stored.name)


def pack_choice_problems(slug: str) -> list[dict[str, Any]]:
    """A problem when ``slug`` is not one of the packs offered (installed or ``--formats``)."""
    slugs = [location.slug for location in pack_list()]
    if slug in slugs:
        return []
    return [
        _error(
            "format_pack", f"format '{slug}' tidak dikenal; pilih salah satu: {', '.join(slugs)}"
        )
    ]


def pack_list() -> list[Any]:
    """The format packs offered (slug, folder, source): installed ones, then the folders given
    to ``serve --formats``."""
    from ..formats.loader import available_packs

    packs, _ = available_packs()
    taken = {location.slug for location in packs}
    return packs + [location for slug, location in FOLDER_PACKS.items() if slug not in taken]


FOLDER_PACKS: dict[str, Any] = {}
"""The pack folders of ``serve --formats`` by slug (:class:`~rembuk_docs.formats.loader.PackLocation`),
set by :func:`use_pack_folders` in the app's process and in each worker process."""


class PackFolderError(ValueError):
    """A folder given to ``serve --formats`` cannot be used; the message says why (Indonesian)."""


def find_pack_folders(folders: Sequence[Path]) -> dict[str, Path]:
    """The pack folders in ``folders`` by slug: each one is a pack folder (it has format.toml)
    or holds pack folders. Each pack is read with the library's loader (as the CLI's
    ``--format-pack FOLDER``), so a broken one stops the start with its file and line; a slug
    that an installed pack or another folder already has is refused."""
    from ..formats.loader import available_packs, load_pack, locate
    from ..messages import text

    installed = {location.slug for location in available_packs()[0]}
    found: dict[str, Path] = {}
    errors: list[str] = []
    for given in folders:
        folder = Path(given).expanduser()
        if not folder.is_dir():
            errors.append(text("cli.serve.formats_missing", folder=folder))
            continue
        if (folder / "format.toml").is_file():
            candidates = [folder]
        else:
            candidates = sorted(sub for sub in folder.iterdir() if (sub / "format.toml").is_file())
        if not candidates:
            errors.append(text("cli.serve.formats_empty", folder=folder))
            continue
        for candidate in candidates:
            try:
                location = locate(candidate)
                load_pack(location.folder)
            except RembukError as exc:
                errors.append(text("cli.serve.formats_broken", folder=candidate, detail=exc))
                continue
            if location.slug in installed:
                errors.append(
                    text("cli.serve.formats_installed", slug=location.slug, folder=candidate)
                )
            elif location.slug in found:
                errors.append(
                    text(
                        "cli.serve.formats_twice",
                        slug=location.slug,
                        folder=candidate,
                        other=found[location.slug],
                    )
                )
            else:
                found[location.slug] = location.folder
    if errors:
        raise PackFolderError("\n".join(errors))
    return found


def use_pack_folders(folders: dict[str, Path]) -> None:
    """Offer these pack folders (slug -> folder, from :func:`find_pack_folders`) in this process."""
    from ..formats.loader import PackLocation

    FOLDER_PACKS.clear()
    FOLDER_PACKS.update(
        {slug: PackLocation(slug, folder, "folder") for slug, folder in folders.items()}
    )


def pack_spec(slug: str | None) -> str | Path | None:
    """What the library's loader is given for a chosen slug: a ``--formats`` pack's folder (as
    the CLI's ``--format-pack FOLDER``), else the slug itself. Only slugs from the list map to a
    folder: nothing a request says names a place on the disk."""
    if slug is not None and slug in FOLDER_PACKS:
        folder: Path = FOLDER_PACKS[slug].folder
        return folder
    return slug


def pack_names() -> list[tuple[str, str]]:
    """(slug, name) of every usable format pack, for a choice list."""
    from ..formats.loader import load_pack

    names = []
    for location in pack_list():
        try:
            names.append((location.slug, load_pack(location.folder).name))
        except RembukError:
            continue
    return names


@dataclass
class Rendered:
    """What a render job gives back: the files, or the problems that stopped it; and warnings."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def render_job(
    text: str,
    *,
    attendees: Upload | None = None,
    signatories: Upload | None = None,
    format_pack: str | None = None,
    paper: str | None = None,
    only: list[str] | None = None,
    bundle: bool = True,
    rencana_kegiatan: Upload | None = None,
    photos: Path | None = None,
) -> Rendered:
    """Validate, then render every file the CLI would write (with ``paket.pdf`` when ``bundle``).

    Runs in a worker process: warnings are recorded here, where no other job shares them.
    """
    from ..rendering import render_files

    checked = check_text(
        text,
        attendees=attendees,
        signatories=signatories,
        format_pack=format_pack,
        only=only,
        rencana_kegiatan=rencana_kegiatan,
        photos=photos,
    )
    if not checked.valid:
        return Rendered(problems=checked.problems)
    if paper is not None:
        from ..paper import paper_name

        paper = paper_name(paper) or paper  # 'f4' and 'Folio' are F4, as on the command line
    if paper is not None and paper not in PAPERS:
        return Rendered(
            problems=[_error("paper", f"kertas '{paper}' tidak dikenal; pilih {', '.join(PAPERS)}")]
        )
    rembuk = checked.rembuk
    chosen = format_pack if format_pack is not None else rembuk.format_pack
    if photos is not None and rembuk.dokumentasi is not None:
        # the photos were checked in a temporary folder that is gone now: take the stored ones
        section = rembuk.dokumentasi
        stored = [p.model_copy(update={"path": photos / p.path.name}) for p in section.photos]
        rembuk = rembuk.model_copy(
            update={"dokumentasi": section.model_copy(update={"photos": stored})}
        )
    with WARNINGS, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RembukWarning)
        try:
            files = render_files(
                rembuk,
                documents=only,
                format_pack=pack_spec(chosen),
                paper=paper,
                bundle=bundle,
            )
        except InputError as exc:
            return Rendered(problems=[problem_json(p) for p in exc.problems])
        except RembukError as exc:
            return Rendered(problems=[_error("", str(exc))])
    # the check's warnings (the message as the form shows it), then what only the render said:
    # a render warning that repeats one of them with its place in front is the same warning
    notes = [p["message"] for p in checked.problems if p["severity"] == "warning"]
    for caught_warning in caught:
        said = str(caught_warning.message)
        if issubclass(caught_warning.category, RembukWarning) and not any(
            said.endswith(note) for note in notes
        ):
            notes.append(said)
    return Rendered(files=files, warnings=list(dict.fromkeys(notes)))


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """The files in one ZIP archive, in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


@dataclass
class Preview:
    """One document's PDF and its pages as PNG images (empty when pypdfium2 is not installed)."""

    pdf: bytes = b""
    pages: list[bytes] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def preview_job(
    text: str,
    document: str,
    *,
    format_pack: str | None = None,
    paper: str | None = None,
    photos: Path | None = None,
) -> Preview:
    """Render one document's PDF, and its pages as PNG at 80 dpi when pypdfium2 is installed."""
    rendered = render_job(
        text, format_pack=format_pack, paper=paper, only=[document], bundle=False, photos=photos
    )
    if rendered.problems:
        return Preview(problems=rendered.problems)
    pdf = dict(rendered.files).get(f"{document}.pdf", b"")
    return Preview(pdf=pdf, pages=page_images(pdf), warnings=rendered.warnings)


def page_images(pdf: bytes, *, dpi: int = 80, max_pages: int = 40) -> list[bytes]:
    """Each page of ``pdf`` as PNG bytes ([] without pypdfium2: the PDF itself is shown then)."""
    if not pdf:
        return []
    try:
        import pypdfium2
    except ImportError:
        return []
    images = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(min(len(document), max_pages)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            images.append(buffer.getvalue())
            page.close()
    finally:
        document.close()
    return images
