"""The ASGI application: pages for secretaries (server-side Jinja2 + htmx) and the HTTP API."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import secrets
import traceback
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..preflight import report_json
from . import engine, forms
from .pool import RENDER_TIMEOUT, Busy, Interrupted, TimedOut, WorkerPool
from .security import CSRF_FIELD, CSRF_HEADER, USER_COOKIE, Guard, Policy, sign
from .store import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    Draft,
    DraftError,
    DraftStore,
    PhotoLimit,
    dump_yaml,
)
from .templates_data import from_template, starter

T = TypeVar("T")
LOG = logging.getLogger("rembuk_docs.web")
MAX_DEFINITION = 2 * 1024 * 1024
MAX_PEOPLE_FILE = 10 * 1024 * 1024
MAX_FILES = 12
MAX_WAITING = 16
PREVIEW_CACHE = 32
DOCUMENT_TITLES = {
    "kesepakatan": "Kesepakatan",
    "lembar-tanda-tangan": "Lembar tanda tangan",
    "daftar-hadir": "Daftar hadir",
    "notulen": "Notulen",
    "berita-acara": "Berita acara",
    "usulan-kegiatan": "Usulan kegiatan",
    "undangan": "Undangan",
    "rencana-kegiatan": "Rencana kegiatan (matriks)",
    "lampiran-lokus": "Lampiran desa lokus",
    "dokumentasi": "Dokumentasi (foto)",
}
ROLE_NOTES = {
    "kepala_daerah": "Gelar dicetak; pangkat dan NIP tidak dicetak; tidak boleh ada NIP.",
    "wakil_kepala_daerah": "Gelar dicetak; pangkat dan NIP tidak dicetak; tidak boleh ada NIP.",
    "sekda": "Gelar dicetak; pangkat dan NIP tidak dicetak.",
    "acting_head": "Pj/Plt/Plh: gelar, pangkat dan NIP tidak dicetak (Pasal 44 ayat 4 dan 5).",
    "asn": "Gelar, pangkat dan NIP dicetak; NIP wajib diisi dan diperiksa (18 angka).",
    "non_asn": "Gelar dicetak; tidak boleh ada NIP (DPRD, kepala desa, masyarakat, swasta).",
}

ROLE_PRINTS = {
    "kepala_daerah": {"rank": "tidak dicetak", "nip": "kosongkan untuk peran ini"},
    "wakil_kepala_daerah": {"rank": "tidak dicetak", "nip": "kosongkan untuk peran ini"},
    "sekda": {"rank": "tidak dicetak", "nip": "tidak dicetak"},
    "acting_head": {
        "title_prefix": "tidak dicetak",
        "title_suffix": "tidak dicetak",
        "rank": "tidak dicetak",
        "nip": "tidak dicetak",
    },
    "asn": {"nip": "wajib, dicetak"},
    "non_asn": {"nip": "kosongkan untuk peran ini"},
}
"""What the Pasal 44 rule of each role (ROLE_NOTES) means for a person's fields, said beside the
field's label and changed with the role."""
PRINT_KEYS = ("title_prefix", "title_suffix", "rank", "nip")


class Settings:
    """How the app was started: data folder, worker count, hosts, token, pack folders."""

    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8040,
        workers: int = 2,
        token: str | None = None,
        allowed_hosts: set[str] | None = None,
        executor: Callable[[], Executor] | None = None,
        render_timeout: float = RENDER_TIMEOUT,
        formats: Sequence[Path] = (),
    ) -> None:
        self.data_dir = data_dir
        self.formats = list(formats)
        """Pack folders (or folders of pack folders) of ``serve --formats``."""
        self.host = host
        self.port = port
        self.workers = max(1, workers)
        self.token = token
        self.allowed_hosts = allowed_hosts or set()
        self.executor = executor
        self.render_timeout = render_timeout


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("rembuk_docs.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        get=forms.get,
        join=forms.join,
        dom_id=forms.dom_id,
        Field=forms.Field,
        Group=forms.Group,
        Repeat=forms.Repeat,
        ROLE_NOTES=ROLE_NOTES,
        ROLE_PRINTS=ROLE_PRINTS,
        PRINT_KEYS=PRINT_KEYS,
        ROLES=dict(forms.ROLES),
        DOCUMENT_TITLES=DOCUMENT_TITLES,
    )
    env.tests.update(
        instanceof_field=lambda node: isinstance(node, forms.Field),
        instanceof_group=lambda node: isinstance(node, forms.Group),
        startswith=lambda value, prefix: isinstance(value, str) and value.startswith(prefix),
    )
    env.filters["labelled"] = forms.labelled
    return env


class Previews:
    """A small in-memory cache of rendered previews, keyed by user, draft and content digest."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[str, str, str, str], engine.Preview] = OrderedDict()

    def get(self, key: tuple[str, str, str, str]) -> engine.Preview | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: tuple[str, str, str, str], preview: engine.Preview) -> None:
        self._items[key] = preview
        while len(self._items) > PREVIEW_CACHE:
            self._items.popitem(last=False)


def create_app(settings: Settings) -> Starlette:
    """The web app for ``settings``; its worker pool starts and stops with the app (lifespan).

    Raises :class:`engine.PackFolderError` when a ``formats`` folder cannot be used."""
    pack_folders = engine.find_pack_folders(settings.formats)
    engine.use_pack_folders(pack_folders)
    store = DraftStore(settings.data_dir)
    secret = store.secret()
    env = _environment()
    previews = Previews()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(
            settings.workers,
            timeout=settings.render_timeout,
            waiting=MAX_WAITING,
            make=settings.executor,
            initializer=engine.use_pack_folders,
            initargs=(pack_folders,),
        )
        # checks (validation as you type, /api/validate), sheet reads and ZIPs: in a bounded
        # pool of threads, as many as render workers, at most MAX_WAITING queued (then 503)
        threads = WorkerPool(
            settings.workers,
            timeout=None,
            waiting=MAX_WAITING,
            make=lambda: ThreadPoolExecutor(settings.workers, thread_name_prefix="rembuk-check"),
        )
        state["pool"] = pool
        state["threads"] = app.state.threads = threads
        try:
            yield
        finally:
            pool.shutdown()
            threads.shutdown()

    async def in_pool(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a render job in the worker pool, within its time limit; refuse when too many are
        waiting already."""
        pool: WorkerPool = state["pool"]
        try:
            return await pool.run(function, *args, **kwargs)
        except Busy:
            raise HTTPException(
                503, "Server sedang sibuk membuat dokumen; coba lagi sebentar lagi."
            ) from None
        except TimedOut as exc:
            raise HTTPException(
                504,
                "Pembuatan dokumen dihentikan karena melebihi batas waktu "
                f"{f'{exc.seconds:g}'.replace('.', ',')} detik. "
                "Kurangi isinya (misalnya daftar peserta yang sangat panjang: unggah sebagai "
                "berkas atau pakai baris kosong), lalu coba lagi.",
            ) from None
        except Interrupted:
            raise HTTPException(
                503,
                "Pembuatan dokumen terhenti karena pekerjaan lain yang terlalu lama dihentikan; "
                "coba lagi.",
            ) from None

    async def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a check, sheet read or ZIP off the event loop in the bounded thread pool (as many
        threads as render workers); refuse when too many are waiting already."""
        threads: WorkerPool = state["threads"]
        try:
            return await threads.run(function, *args, **kwargs)
        except Busy:
            raise HTTPException(
                503, "Server sedang sibuk memeriksa isian; coba lagi sebentar lagi."
            ) from None

    # --- helpers -------------------------------------------------------------------------------

    def user_of(request: Request) -> str:
        user: str = request.state.user
        return user

    def csrf_token(user: str) -> str:
        return sign(secret, "csrf", user)

    async def form_of(request: Request, *, check: bool = True) -> Posted:
        """The posted form, read whole (files too, each within its limit), after the CSRF check."""
        posted = await read_form(request)
        if check:
            given = posted.fields.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
            if not hmac.compare_digest(given, csrf_token(user_of(request))):
                raise HTTPException(
                    403,
                    "Formulir ini kedaluwarsa atau tidak berasal dari aplikasi ini; muat ulang "
                    "halaman.",
                )
        return posted

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        user = user_of(request)
        html = env.get_template(name).render(request=request, csrf=csrf_token(user), **context)
        return HTMLResponse(html, status_code=status)

    def draft_of(request: Request) -> Draft:
        try:
            return store.load(user_of(request), request.path_params["draft"])
        except DraftError:
            raise HTTPException(
                404, "Draf ini tidak ditemukan. Draf hanya terlihat di peramban yang membuatnya."
            ) from None

    def section_of(request: Request, draft: Draft) -> forms.Section:
        section = forms.SECTION_BY_SLUG.get(request.path_params.get("section", ""))
        if section is None:
            raise HTTPException(404, "Bagian ini tidak ada.")
        return section

    def level(draft: Draft) -> str | None:
        region = draft.data.get("region")
        kind = region.get("kind") if isinstance(region, dict) else None
        return kind if isinstance(kind, str) else None

    def photos_of(request: Request, draft: Draft) -> Path:
        return store.photo_folder(user_of(request), draft.id)

    async def validate(draft: Draft, request: Request) -> engine.Checked:
        return await in_thread(
            engine.check_text,
            dump_yaml(draft.data),
            format_pack=None,
            source="definisi.yaml",
            photos=photos_of(request, draft),
        )

    def placed(
        section: forms.Section, draft: Draft, problems: list[dict[str, Any]]
    ) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, int]]:
        """Problems by slot of this section; the rest of this section; counts per other section."""
        slots = forms.slots(section, draft.data)
        at: dict[str, list[dict[str, Any]]] = {}
        loose: list[dict[str, Any]] = []
        elsewhere: dict[str, int] = {}
        for problem in problems:
            where = problem["path"]
            mark = forms.example_mark(where, draft.data)
            if mark is not None:  # 'examples[3]': shown at the marked field, with a way to unmark
                where = mark
                problem = {**problem, "mark": mark, "mark_label": forms.mark_label(mark)}
            owner = forms.section_of(where)
            if owner is not None and owner.slug != section.slug:
                elsewhere[owner.slug] = elsewhere.get(owner.slug, 0) + 1
                continue
            slot = slots.best(where) if owner is not None else None
            if slot is None:
                loose.append(problem)
            else:
                at.setdefault(slot, []).append(problem)
        return at, loose, elsewhere

    def section_context(
        draft: Draft, section: forms.Section, checked: engine.Checked
    ) -> dict[str, Any]:
        at, loose, elsewhere = placed(section, draft, checked.problems)
        errors = [p for p in checked.problems if p.get("severity", "error") == "error"]
        return {
            "elsewhere_errors": placed(section, draft, errors)[2],
            "draft": draft,
            "section": section,
            "sections": forms.sections_for(level(draft)),
            "data": draft.data,
            "problems_at": at,
            "loose": loose,
            "elsewhere": elsewhere,
            "checked": checked,
            "slots": forms.slots(section, draft.data).paths,
            "by_slug": forms.SECTION_BY_SLUG,
        }

    # --- pages ---------------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        drafts = store.drafts(user_of(request))
        return page(request, "home.html", drafts=drafts, error=None)

    async def new_draft(request: Request) -> Response:
        form = await form_of(request)
        chosen = form.fields.get("level", "kabupaten")
        if chosen not in ("kabupaten", "kota", "desa", "kelurahan"):
            chosen = "kabupaten"
        data: dict[str, Any] | str = starter(chosen)
        if form.fields.get("start") == "contoh":  # the form's default; a bare post starts blank
            data = from_template(chosen, form.fields)
        if isinstance(data, str):
            user = user_of(request)
            drafts = store.drafts(user)
            return page(request, "home.html", 422, drafts=drafts, error=data, posted=form.fields)
        try:
            draft = store.create(user_of(request), data, {"paper": None})
        except DraftError:
            raise HTTPException(
                409, "Terlalu banyak draf; hapus draf lama terlebih dahulu."
            ) from None
        return RedirectResponse(f"/d/{draft.id}/wilayah", status_code=303)

    async def open_yaml(request: Request) -> Response:
        from ..errors import InputError
        from ..loading import parse_yaml

        form = await form_of(request)
        upload = form.files.get("definition")
        user = user_of(request)
        if upload is None:
            return page(
                request,
                "home.html",
                422,
                drafts=store.drafts(user),
                error="Pilih berkas YAML terlebih dahulu.",
            )
        raw = upload.data
        photos: dict[str, bytes] = {}
        if raw[:4] == b"PK\x03\x04":  # a YAML with its photos, as 'Unduh YAML beserta foto' gives
            unpacked = await in_thread(engine.definition_archive, raw)
            if isinstance(unpacked, str):
                return page(
                    request,
                    "home.html",
                    422,
                    drafts=store.drafts(user),
                    error=f"{upload.filename}: {unpacked}.",
                )
            _, raw, photos = unpacked
        if len(raw) > MAX_DEFINITION:
            return page(
                request,
                "home.html",
                413,
                drafts=store.drafts(user),
                error="Berkas YAML terlalu besar (batas 2 MB).",
            )
        try:
            text = raw.decode("utf-8-sig")
            data, _ = parse_yaml(text, source=upload.filename)
        except UnicodeDecodeError:
            return page(
                request,
                "home.html",
                422,
                drafts=store.drafts(user),
                error="Berkas bukan teks UTF-8; simpan ulang sebagai UTF-8.",
            )
        except InputError as exc:
            messages = "; ".join(str(p) for p in exc.problems)
            return page(
                request,
                "home.html",
                422,
                drafts=store.drafts(user),
                error=f"Berkas YAML tidak dapat dibaca: {messages}",
            )
        if not isinstance(data, dict):
            return page(
                request,
                "home.html",
                422,
                drafts=store.drafts(user),
                error="Berkas YAML ini bukan definisi rembuk.",
            )
        try:
            draft = store.create(user, data, {"paper": None, "title": upload.filename})
        except DraftError:
            raise HTTPException(
                409, "Terlalu banyak draf; hapus draf lama terlebih dahulu."
            ) from None
        if photos and keep_photos(user, draft, photos):
            store.save(user, draft)
        return RedirectResponse(f"/d/{draft.id}/wilayah", status_code=303)

    def keep_photos(user: str, draft: Draft, photos: dict[str, bytes]) -> bool:
        """Store the photos of an opened archive that the definition names, each under a new
        id, and point the definition at them; whether any was kept."""
        section_data = draft.data.get("dokumentasi")
        items = section_data.get("photos") if isinstance(section_data, dict) else None
        kept = False
        for item in items if isinstance(items, list) else []:
            path = item.get("path") if isinstance(item, dict) else None
            data = photos.get(path) if isinstance(path, str) else None
            kind = _image_kind(data) if data is not None else None
            if data is None or kind is None:
                continue  # the check says the photo is missing, at its field
            try:
                item["path"] = store.add_photo(user, draft.id, data, kind)
            except DraftError:
                break
            kept = True
        return kept

    def stored_photos(request: Request, draft: Draft) -> list[tuple[str, Path]]:
        """('foto/<id>.jpg', its file) for each uploaded photo the draft names."""
        section_data = draft.data.get("dokumentasi")
        items = section_data.get("photos") if isinstance(section_data, dict) else None
        found = []
        for item in items if isinstance(items, list) else []:
            path = item.get("path") if isinstance(item, dict) else None
            name = engine.photo_name(path) if isinstance(path, str) else None
            if name is None:
                continue
            try:
                found.append(
                    (f"{engine.PHOTO_FOLDER}/{name}", store.photo(user_of(request), draft.id, name))
                )
            except DraftError:
                continue
        return list(dict.fromkeys(found))

    async def delete_draft(request: Request) -> Response:
        await form_of(request)
        draft = draft_of(request)
        store.delete(user_of(request), draft.id)
        return RedirectResponse("/", status_code=303)

    async def open_draft(request: Request) -> Response:
        draft = draft_of(request)
        return RedirectResponse(f"/d/{draft.id}/wilayah", status_code=303)

    async def show_section(request: Request) -> Response:
        draft = draft_of(request)
        section = section_of(request, draft)
        checked = await validate(draft, request)
        context = section_context(draft, section, checked)
        if section.slug == "dokumen":
            context.update(await documents_context(draft, checked))
        return page(request, "section.html", **context)

    async def save_section(request: Request) -> Response:
        form = await form_of(request)
        draft = draft_of(request)
        section = section_of(request, draft)
        forms.apply_form(draft.data, section, form.fields)
        store.save(user_of(request), draft)
        if "hx-request" not in request.headers:
            return RedirectResponse(f"/d/{draft.id}/{section.slug}", status_code=303)
        checked = await validate(draft, request)
        context = section_context(draft, section, checked)
        return page(request, "problems_oob.html", **context)

    async def list_op(request: Request) -> Response:
        form = await form_of(request)
        draft = draft_of(request)
        section = section_of(request, draft)
        forms.apply_form(draft.data, section, form.fields)
        operation = form.fields.get("_op", "")
        try:
            forms.list_operation(draft.data, section, operation)
        except (ValueError, KeyError):
            raise HTTPException(400, "Perintah daftar tidak dikenal.") from None
        store.save(user_of(request), draft)
        if section.slug == "dokumentasi":
            forget_photos(request, draft)
        if "hx-request" not in request.headers:
            return RedirectResponse(f"/d/{draft.id}/{section.slug}", status_code=303)
        checked = await validate(draft, request)
        context = section_context(draft, section, checked)
        # the form, and out of band the summary and the badges, which the change may have moved
        form_html = page(request, "section_form.html", **context).body
        rest = page(request, "list_oob.html", **context).body
        return HTMLResponse(bytes(form_html) + bytes(rest))

    async def import_people(request: Request) -> Response:
        """Attendees from pasted rows or an uploaded CSV/XLSX; replaces the list when it is valid."""
        form = await form_of(request)
        draft = draft_of(request)
        upload = form.files.get("file")
        pasted = form.fields.get("pasted", "")
        import_errors: list[str] = []
        import_notes: list[str] = []
        data: bytes | None = None
        name = "tempelan"
        if upload is not None:
            data, name = upload.data, upload.filename
        elif pasted.strip():
            # cells pasted from a spreadsheet are separated by tabs; a CSV by commas or semicolons
            data = pasted.replace("\r\n", "\n").encode("utf-8")
        if data is None:
            import_errors.append(
                "Tempelkan baris peserta atau pilih berkas CSV/XLSX terlebih dahulu."
            )
            people: list[Any] = []
        else:
            sheet = await in_thread(engine.read_sheet, data, name, "attendees")
            people, import_errors, import_notes = sheet.rows, sheet.errors, sheet.notes
        if not import_errors:
            draft.data["attendees"] = people
            draft.data.pop("attendees_file", None)
            store.save(user_of(request), draft)
        section = forms.SECTION_BY_SLUG["peserta"]
        checked = await validate(draft, request)
        context = section_context(draft, section, checked)
        context.update(
            import_errors=import_errors,
            import_notes=import_notes,
            imported=None if import_errors else len(people),
        )
        if "hx-request" not in request.headers:
            return page(request, "section.html", 422 if import_errors else 200, **context)
        return page(request, "people.html", **context)

    async def clear_people(request: Request) -> Response:
        await form_of(request)
        draft = draft_of(request)
        draft.data.pop("attendees", None)
        store.save(user_of(request), draft)
        return RedirectResponse(f"/d/{draft.id}/peserta", status_code=303)

    async def import_plan(request: Request) -> Response:
        """Rows of the rencana kegiatan from pasted cells or an uploaded CSV/XLSX; they replace
        the rows when every one is valid."""
        form = await form_of(request)
        draft = draft_of(request)
        upload = form.files.get("file")
        pasted = form.fields.get("pasted", "")
        import_errors: list[str] = []
        import_notes: list[str] = []
        rows: list[Any] = []
        data: bytes | None = None
        name = "tempelan"
        if upload is not None:
            data, name = upload.data, upload.filename
        elif pasted.strip():
            data = pasted.replace("\r\n", "\n").encode("utf-8")
        if data is not None:
            sheet = await in_thread(engine.read_sheet, data, name, "rencana_kegiatan")
            rows, import_errors, import_notes = sheet.rows, sheet.errors, sheet.notes
        else:
            import_errors.append(
                "Tempelkan baris rencana kegiatan atau pilih berkas CSV/XLSX terlebih dahulu."
            )
        if not import_errors:
            plan = draft.data.get("rencana_kegiatan")
            plan = plan if isinstance(plan, dict) else {}
            plan["items"] = rows
            draft.data["rencana_kegiatan"] = plan
            draft.data.pop("rencana_kegiatan_file", None)
            store.save(user_of(request), draft)
        section = forms.SECTION_BY_SLUG["rencana-kegiatan"]
        checked = await validate(draft, request)
        context = section_context(draft, section, checked)
        context.update(
            plan_errors=import_errors,
            plan_notes=import_notes,
            plan_imported=None if import_errors else len(rows),
        )
        return page(request, "section.html", 422 if import_errors else 200, **context)

    async def upload_photos(request: Request) -> Response:
        """Photos (JPEG or PNG) added to the dokumentasi, each captioned by its file name."""
        from ..photos import caption_from_name

        form = await form_of(request)
        draft = draft_of(request)
        uploads = [upload for key, upload in form.uploads if key == "photos"]
        photo_errors: list[str] = []
        added = 0
        if not uploads:
            photo_errors.append("Pilih satu atau beberapa foto (JPG atau PNG) terlebih dahulu.")
        section_data = draft.data.get("dokumentasi")
        section_data = section_data if isinstance(section_data, dict) else {}
        photos = section_data.get("photos")
        photos = photos if isinstance(photos, list) else []
        for upload in uploads:
            kind = _image_kind(upload.data)
            if kind is None:
                photo_errors.append(
                    f"{upload.filename}: bukan foto JPG atau PNG; simpan ulang sebagai JPG."
                )
                continue
            try:
                path = store.add_photo(user_of(request), draft.id, upload.data, kind)
            except PhotoLimit as limit:
                photo_errors.append(
                    f"{upload.filename}: terlalu banyak foto pada draf ini (batas {MAX_PHOTOS} "
                    "foto); hapus foto yang tidak dipakai lalu unggah lagi."
                    if limit.kind == "count"
                    else f"{upload.filename}: foto pada draf ini sudah mencapai batas "
                    f"{MAX_PHOTO_BYTES // (1024 * 1024)} MB; hapus foto yang tidak dipakai atau "
                    "perkecil fotonya lalu unggah lagi."
                )
                break
            caption = caption_from_name(Path(upload.filename))[:120] or f"Foto {len(photos) + 1}"
            photos.append({"path": path, "caption": caption})
            added += 1
        if added:
            section_data["photos"] = photos
            section_data.pop("folder", None)
            draft.data["dokumentasi"] = section_data
            store.save(user_of(request), draft)
        section = forms.SECTION_BY_SLUG["dokumentasi"]
        checked = await validate(draft, request)
        context = section_context(draft, section, checked)
        context.update(photo_errors=photo_errors, photos_added=added)
        return page(request, "section.html", 422 if photo_errors else 200, **context)

    async def photo(request: Request) -> Response:
        draft = draft_of(request)
        try:
            path = store.photo(user_of(request), draft.id, request.path_params["name"])
        except DraftError:
            raise HTTPException(404, "Foto ini tidak ada.") from None
        return Response(
            path.read_bytes(),
            media_type="image/png" if path.suffix == ".png" else "image/jpeg",
            headers={"Cache-Control": "private, max-age=86400"},
        )

    def forget_photos(request: Request, draft: Draft) -> None:
        """Delete the stored photos the draft no longer names."""
        folder = photos_of(request, draft)
        if not folder.is_dir():
            return
        section_data = draft.data.get("dokumentasi")
        photos = section_data.get("photos") if isinstance(section_data, dict) else None
        named = {
            engine.photo_name(item["path"])
            for item in (photos if isinstance(photos, list) else [])
            if isinstance(item, dict) and isinstance(item.get("path"), str)
        }
        for stored in folder.iterdir():
            if stored.name not in named:
                stored.unlink(missing_ok=True)

    async def download_tables(request: Request) -> Response:
        """The tables behind the documents (rembuk-docs export) as one XLSX."""
        draft = draft_of(request)
        checked = await validate(draft, request)
        if not checked.valid:
            raise HTTPException(
                422, "Tabel belum dapat dibuat; perbaiki dulu masalah yang ditandai."
            )
        files = await in_thread(export_files, checked.rembuk, "xlsx")
        if isinstance(files, str):
            raise HTTPException(422, files)
        return Response(
            files[0][1],
            media_type=XLSX,
            headers={
                "Content-Disposition": f'attachment; filename="{_file_stem(draft.title)}-tabel.xlsx"'
            },
        )

    async def documents_context(draft: Draft, checked: engine.Checked) -> dict[str, Any]:
        from ..compose.registry import PACKS, omitted_documents, pack_documents
        from ..messages import text
        from ..model import RegionKind

        packs = await in_thread(engine.pack_names)
        kind = level(draft) or "kabupaten"
        omitted: dict[str, str] = {}
        if checked.rembuk is not None:
            documents = list(pack_documents(checked.rembuk))
            omitted = {
                name: text(reason) for name, reason in omitted_documents(checked.rembuk).items()
            }
        else:
            try:
                documents = list(PACKS[RegionKind(kind)])
            except ValueError:
                documents = list(PACKS[RegionKind.KABUPATEN])
        return {
            "packs": packs,
            "papers": engine.PAPERS,
            "paper": draft.meta.get("paper") or "",
            "documents": documents,
            "omitted": omitted,
            "digest": digest(draft),
        }

    async def save_documents(request: Request) -> Response:
        form = await form_of(request)
        draft = draft_of(request)
        pack = form.fields.get("format_pack", "")
        paper = form.fields.get("paper", "")
        if pack:
            offered = [slug for slug, _ in await in_thread(engine.pack_names)]
            if pack not in offered:
                raise HTTPException(
                    422,
                    f"Format '{pack[:80]}' tidak ada di daftar aplikasi ini; pilih salah satu: "
                    f"{', '.join(offered)}.",
                )
            draft.data["format_pack"] = pack
        else:
            draft.data.pop("format_pack", None)
        draft.meta["paper"] = paper if paper in engine.PAPERS else None
        store.save(user_of(request), draft)
        return RedirectResponse(f"/d/{draft.id}/dokumen", status_code=303)

    def digest(draft: Draft) -> str:
        text = dump_yaml(draft.data) + "\n" + str(draft.meta.get("paper"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    async def preview_of(request: Request, draft: Draft, document: str) -> engine.Preview:
        if document not in DOCUMENT_TITLES:
            raise HTTPException(404, "Dokumen ini tidak ada.")
        key = (user_of(request), draft.id, document, digest(draft))
        cached = previews.get(key)
        if cached is None:
            cached = await in_pool(
                engine.preview_job,
                dump_yaml(draft.data),
                document,
                paper=draft.meta.get("paper") or None,
                photos=photos_of(request, draft),
            )
            if not cached.problems:
                previews.put(key, cached)
        return cached

    async def preview(request: Request) -> Response:
        draft = draft_of(request)
        document = request.path_params["document"]
        result = await preview_of(request, draft, document)
        return page(
            request,
            "preview.html" if "hx-request" in request.headers else "preview_page.html",
            draft=draft,
            document=document,
            preview=result,
            digest=digest(draft),
        )

    async def preview_pdf(request: Request) -> Response:
        draft = draft_of(request)
        document = request.path_params["document"]
        result = await preview_of(request, draft, document)
        if result.problems:
            raise HTTPException(422, "Dokumen belum dapat dibuat; perbaiki masalah yang ditandai.")
        return Response(
            result.pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{document}.pdf"'},
        )

    async def preview_png(request: Request) -> Response:
        draft = draft_of(request)
        document = request.path_params["document"]
        number: int = request.path_params["page"]
        result = await preview_of(request, draft, document)
        if result.problems or not 1 <= number <= len(result.pages):
            raise HTTPException(404, "Halaman ini tidak ada.")
        return Response(
            result.pages[number - 1],
            media_type="image/png",
            headers={"Cache-Control": "private, max-age=3600"},
        )

    async def download_zip(request: Request) -> Response:
        draft = draft_of(request)
        rendered = await in_pool(
            engine.render_job,
            dump_yaml(draft.data),
            paper=draft.meta.get("paper") or None,
            photos=photos_of(request, draft),
        )
        if rendered.problems:
            checked = engine.Checked(problems=rendered.problems)
            section = forms.SECTION_BY_SLUG["dokumen"]
            context = section_context(draft, section, checked)
            context.update(await documents_context(draft, checked))
            context["download_failed"] = True
            return page(request, "section.html", 422, **context)
        name = _file_stem(draft.title)
        return Response(
            engine.zip_bytes(rendered.files),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{name}.zip"'},
        )

    async def download_yaml(request: Request) -> Response:
        draft = draft_of(request)
        text = store.yaml_text(user_of(request), draft.id)
        return Response(
            text.encode("utf-8"),
            media_type="application/yaml",
            headers={
                "Content-Disposition": f'attachment; filename="{_file_stem(draft.title)}.yaml"'
            },
        )

    async def download_yaml_zip(request: Request) -> Response:
        """The YAML with the draft's photos beside it (foto/<id>.jpg), as the CLI reads them:
        unpack the ZIP and run rembuk-docs on the YAML; the app opens the ZIP again."""
        draft = draft_of(request)
        stem = _file_stem(draft.title)
        files = [(f"{stem}.yaml", store.yaml_text(user_of(request), draft.id).encode("utf-8"))]
        files += [(name, path.read_bytes()) for name, path in stored_photos(request, draft)]
        return Response(
            await in_thread(engine.zip_bytes, files),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{stem}-dengan-foto.zip"'},
        )

    # --- the HTTP API --------------------------------------------------------------------------

    async def api_inputs(
        request: Request,
    ) -> tuple[str, dict[str, engine.Upload], dict[str, str]] | JSONResponse:
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            return _api_error(
                415, "", "kirim multipart/form-data dengan kolom 'definition' (berkas YAML)"
            )
        form = await form_of(request, check=False)
        definition = form.files.get("definition")
        if definition is not None:
            raw = definition.data
        elif "definition" in form.fields:
            raw = form.fields["definition"].encode("utf-8")
        else:
            return _api_error(422, "definition", "kolom 'definition' (berkas YAML) wajib diisi")
        if len(raw) > MAX_DEFINITION:
            return _api_error(413, "definition", "berkas definisi terlalu besar (batas 2 MB)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _api_error(
                422, "definition", f"bukan teks UTF-8 (bita {exc.start}); simpan sebagai UTF-8"
            )
        uploads: dict[str, engine.Upload] = {
            key: form.files[key]
            for key in ("attendees", "signatories", "rencana_kegiatan")
            if key in form.files
        }
        return text, uploads, form.fields

    async def api_validate(request: Request) -> Response:
        inputs = await api_inputs(request)
        if isinstance(inputs, JSONResponse):
            return inputs
        text, uploads, _ = inputs
        checked = await in_thread(
            engine.check_text,
            text,
            attendees=uploads.get("attendees"),
            signatories=uploads.get("signatories"),
            rencana_kegiatan=uploads.get("rencana_kegiatan"),
        )
        return JSONResponse(report_json(checked.valid, checked.problems))

    async def api_export(request: Request) -> Response:
        """The tables behind the documents, as ``rembuk-docs export`` writes them: field ``to``
        (xlsx, csv or json; default xlsx) and optional ``tables`` (comma-separated names)."""
        inputs = await api_inputs(request)
        if isinstance(inputs, JSONResponse):
            return inputs
        text, uploads, form = inputs
        fmt = form.get("to") or "xlsx"
        only_text = form.get("tables") or ""
        only = [part.strip() for part in only_text.split(",") if part.strip()] or None
        checked = await in_thread(
            engine.check_text,
            text,
            attendees=uploads.get("attendees"),
            signatories=uploads.get("signatories"),
            rencana_kegiatan=uploads.get("rencana_kegiatan"),
        )
        if not checked.valid:
            return JSONResponse(report_json(False, checked.problems), status_code=422)
        files = await in_thread(export_files, checked.rembuk, fmt, only)
        if isinstance(files, str):
            return _api_error(422, "to" if fmt not in EXPORT_TYPES else "tables", files)
        if len(files) == 1:
            name, data = files[0]
            return Response(
                data,
                media_type=EXPORT_TYPES[name.rsplit(".", 1)[1]],
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
        return Response(
            engine.zip_bytes(files),
            media_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="tabel.zip"'},
        )

    async def api_render(request: Request) -> Response:
        inputs = await api_inputs(request)
        if isinstance(inputs, JSONResponse):
            return inputs
        text, uploads, form = inputs
        pack = form.get("format_pack") or None
        paper = form.get("paper") or None
        only_text = form.get("only") or ""
        only = [part.strip() for part in only_text.split(",") if part.strip()] or None
        rendered = await in_pool(
            engine.render_job,
            text,
            attendees=uploads.get("attendees"),
            signatories=uploads.get("signatories"),
            rencana_kegiatan=uploads.get("rencana_kegiatan"),
            format_pack=pack,
            paper=paper,
            only=only,
        )
        if rendered.problems:
            return JSONResponse({"valid": False, "problems": rendered.problems}, status_code=422)
        return Response(
            engine.zip_bytes(rendered.files),
            media_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="rembuk.zip"'},
        )

    # --- errors --------------------------------------------------------------------------------

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return _api_error(exc.status_code, "", str(exc.detail))
        message = (
            exc.detail
            if exc.detail and exc.detail != _default_reason(exc.status_code)
            else "Halaman ini tidak ada."
        )
        return page(request, "error.html", exc.status_code, message=message)

    async def server_error(request: Request, exc: Exception) -> Response:
        log = _log_error(settings.data_dir)
        LOG.error("internal error; details in %s", log)
        message = (
            "Terjadi kesalahan internal. Isian Anda tetap tersimpan. Rinciannya dicatat di "
            f"berkas log server ({log.name})."
        )
        if request.url.path.startswith("/api/"):
            return _api_error(500, "", message)
        try:
            return page(request, "error.html", 500, message=message)
        except Exception:
            return HTMLResponse(f"<p>{message}</p>", status_code=500)

    routes = [
        Route("/", home),
        Route("/baru", new_draft, methods=["POST"]),
        Route("/buka", open_yaml, methods=["POST"]),
        Route("/d/{draft}", open_draft),
        Route("/d/{draft}/hapus", delete_draft, methods=["POST"]),
        Route("/d/{draft}/definisi.yaml", download_yaml),
        Route("/d/{draft}/definisi.zip", download_yaml_zip),
        Route("/d/{draft}/unduh.zip", download_zip),
        Route("/d/{draft}/peserta/impor", import_people, methods=["POST"]),
        Route("/d/{draft}/peserta/kosongkan", clear_people, methods=["POST"]),
        Route("/d/{draft}/rencana-kegiatan/impor", import_plan, methods=["POST"]),
        Route("/d/{draft}/dokumentasi/unggah", upload_photos, methods=["POST"]),
        Route("/d/{draft}/foto/{name}", photo),
        Route("/d/{draft}/tabel.xlsx", download_tables),
        Route("/d/{draft}/dokumen/simpan", save_documents, methods=["POST"]),
        Route("/d/{draft}/pratinjau/{document}", preview),
        Route("/d/{draft}/pratinjau/{document}/dokumen.pdf", preview_pdf),
        Route("/d/{draft}/pratinjau/{document}/{page:int}.png", preview_png),
        Route("/d/{draft}/{section}", show_section),
        Route("/d/{draft}/{section}", save_section, methods=["POST"]),
        Route("/d/{draft}/{section}/daftar", list_op, methods=["POST"]),
        Route("/api/validate", api_validate, methods=["POST"]),
        Route("/api/render", api_render, methods=["POST"]),
        Route("/api/export", api_export, methods=["POST"]),
        Mount("/static", app=StaticFiles(packages=[("rembuk_docs.web", "static")]), name="static"),
    ]

    async def user_cookie(request: Request, call_next: RequestResponseEndpoint) -> Response:
        user = request.cookies.get(USER_COOKIE, "")
        fresh = not (20 <= len(user) <= 64 and user.replace("-", "").replace("_", "").isalnum())
        if fresh:
            user = secrets.token_urlsafe(24)
        request.state.user = user
        response: Response = await call_next(request)
        if fresh:
            response.set_cookie(
                USER_COOKIE, user, max_age=5 * 365 * 86400, httponly=True, samesite="lax"
            )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'self'; object-src 'self'; frame-src 'self'",
        )
        return response

    app = Starlette(
        routes=routes,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=user_cookie)],
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    hosts = set(settings.allowed_hosts) | _served_hosts(settings.host, settings.port)
    origins = {f"http://{host}" for host in hosts} | {f"https://{host}" for host in hosts}
    guarded = Guard(
        app,
        Policy(
            secret=secret,
            allowed_hosts={h.lower() for h in hosts},
            token=settings.token,
            origins=origins,
        ),
    )
    guarded.state = app.state  # type: ignore[attr-defined]
    return guarded  # type: ignore[return-value]


class Posted:
    """A posted form read whole: text fields (the last value of each name) and uploaded files
    (the last of each name in ``files``, every one in ``uploads``)."""

    def __init__(
        self,
        fields: dict[str, str],
        files: dict[str, engine.Upload],
        uploads: list[tuple[str, engine.Upload]] | None = None,
    ) -> None:
        self.fields = fields
        self.files = files
        self.uploads = uploads or []


async def read_form(request: Request) -> Posted:
    """Read a form; 413 when an uploaded file is over :data:`MAX_PEOPLE_FILE`."""
    async with request.form(
        max_files=MAX_FILES, max_fields=20_000, max_part_size=MAX_PEOPLE_FILE
    ) as form:
        fields: dict[str, str] = {}
        files: dict[str, engine.Upload] = {}
        uploads: list[tuple[str, engine.Upload]] = []
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if not value.filename:
                    continue
                data = await value.read(MAX_PEOPLE_FILE + 1)
                if len(data) > MAX_PEOPLE_FILE:
                    raise HTTPException(413, "Berkas terlalu besar (batas 10 MB).")
                files[key] = engine.Upload(_shown_name(value.filename, key), data)
                uploads.append((key, files[key]))
            else:
                fields[key] = value
    return Posted(fields, files, uploads)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8", "json": "application/json"}


def export_files(
    rembuk: Any, fmt: str, only: list[str] | None = None
) -> list[tuple[str, bytes]] | str:
    """:func:`rembuk_docs.export_bytes`, or the Indonesian reason it cannot be made."""
    from ..errors import InputError
    from ..export import export_bytes

    try:
        return export_bytes(rembuk, fmt, only=only)
    except InputError as exc:
        return "; ".join(str(problem) for problem in exc.problems)


def _image_kind(data: bytes) -> str | None:
    """'jpg' or 'png' by the file's first bytes, else ``None``."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    return None


def _shown_name(filename: str | None, fallback: str) -> str:
    name = Path(filename or fallback).name
    return "".join(ch for ch in name if ch.isprintable())[:80] or fallback


def _file_stem(title: str) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem[:60] or "rembuk"


def _served_hosts(host: str, port: int) -> set[str]:
    from .security import is_loopback

    names = (
        {"127.0.0.1", "localhost", "[::1]"}
        if is_loopback(host) or host in ("0.0.0.0", "::")
        else {host}
    )
    if host in ("0.0.0.0", "::"):
        import socket

        hostname = socket.gethostname()
        names |= {hostname, socket.getfqdn()}
        with contextlib.suppress(OSError):
            names |= {str(info[4][0]) for info in socket.getaddrinfo(hostname, None)}
    return {f"{name}:{port}" for name in names} | ({*names} if port == 80 else set())


def _api_error(status: int, path: str, message: str) -> JSONResponse:
    return JSONResponse(
        {
            "valid": False,
            "problems": [{"path": path, "line": None, "message": message, "severity": "error"}],
        },
        status_code=status,
    )


def _default_reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _log_error(folder: Path) -> Path:
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"galat-{datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}.log"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path
