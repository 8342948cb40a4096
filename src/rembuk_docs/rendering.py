"""Rendering: compose each document once, write it in every asked format, and save files atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .compose.blocks import Document
from .compose.registry import DOCUMENTS, composer, pack_documents
from .errors import Problem, UnknownDocumentError
from .formats.pack import FormatPack, load_pack
from .loading import check
from .model import Rembuk
from .writers import FORMATS, writer_for


def resolve_pack(
    rembuk: Rembuk, *, format_pack: str | Path | None = None, paper: str | None = None
) -> FormatPack:
    """The format pack to use: the argument, else the definition's, else 'default'; ``paper`` overrides."""
    pack = load_pack(format_pack if format_pack is not None else rembuk.format_pack)
    if paper is not None:
        pack = pack.model_copy(
            update={"page": pack.page.model_validate({**pack.page.model_dump(), "paper": paper})}
        )
    return pack


def _names(asked: Iterable[str] | None, known: Sequence[str], what: str) -> list[str]:
    if asked is None:
        return list(known)
    names = [name.strip() for name in asked if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise UnknownDocumentError(
            [
                Problem(
                    what,
                    f"unknown {what} {', '.join(unknown) or '(none)'}; known: {', '.join(known)}",
                )
            ]
        )
    return names


def compose_documents(
    rembuk: Rembuk, pack: FormatPack, documents: Iterable[str] | None = None
) -> list[Document]:
    """Compose the named documents (``None``: the full pack of the region's level, in order)."""
    names = (
        list(pack_documents(rembuk))
        if documents is None
        else _names(documents, list(DOCUMENTS), "document")
    )
    return [composer(name)(rembuk, pack) for name in names]


def render_bytes(
    rembuk: Rembuk,
    document: str,
    fmt: str,
    *,
    format_pack: str | Path | None = None,
    paper: str | None = None,
) -> bytes:
    """The bytes of one document (e.g. 'kesepakatan') in one format ('docx' or 'pdf')."""
    check(rembuk)
    _names([fmt], FORMATS, "format")
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    (composed,) = compose_documents(rembuk, pack, [document])
    return writer_for(fmt, pack).write(composed)


def render(
    rembuk: Rembuk,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = FORMATS,
    documents: Iterable[str] | None = None,
    format_pack: str | Path | None = None,
    paper: str | None = None,
    bundle: bool = False,
) -> list[Path]:
    """Write ``<document>.<format>`` files into ``out_dir`` and return their paths.

    With ``bundle``, ``paket.pdf`` is written too: every document's PDF in pack order, one
    bookmark each (see :func:`render_bundle`), whether or not 'pdf' is among ``formats``.
    Everything is produced in memory first; files are written only when every document rendered,
    each through a temporary file renamed into place, so a failure never leaves half a file.
    """
    outputs = render_files(
        rembuk,
        formats=formats,
        documents=documents,
        format_pack=format_pack,
        paper=paper,
        bundle=bundle,
    )
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_atomic(folder / name, data) for name, data in outputs]


def render_files(
    rembuk: Rembuk,
    *,
    formats: Iterable[str] = FORMATS,
    documents: Iterable[str] | None = None,
    format_pack: str | Path | None = None,
    paper: str | None = None,
    bundle: bool = False,
) -> list[tuple[str, bytes]]:
    """The files :func:`render` writes, as ``(file name, bytes)`` pairs in pack order, in memory."""
    check(rembuk)
    fmt_names = _names(formats, FORMATS, "format")
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    outputs: list[tuple[str, bytes]] = []
    parts: list[tuple[str, bytes]] = []
    for composed in compose_documents(rembuk, pack, documents):
        written = {fmt: writer_for(fmt, pack).write(composed) for fmt in fmt_names}
        outputs.extend((f"{composed.name}.{fmt}", data) for fmt, data in written.items())
        if bundle:
            pdf = written.get("pdf") or writer_for("pdf", pack).write(composed)
            parts.append((composed.name, pdf))
    if bundle:
        outputs.append(("paket.pdf", _bundle(rembuk, parts)))
    return outputs


def render_bundle(
    rembuk: Rembuk,
    *,
    documents: Iterable[str] | None = None,
    format_pack: str | Path | None = None,
    paper: str | None = None,
) -> bytes:
    """The bytes of ``paket.pdf``: the documents' PDFs (all, in pack order, when ``None``) in one
    file with one bookmark per document; each keeps its own 'Halaman N dari M'."""
    check(rembuk)
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    parts = [
        (composed.name, writer_for("pdf", pack).write(composed))
        for composed in compose_documents(rembuk, pack, documents)
    ]
    return _bundle(rembuk, parts)


def _bundle(rembuk: Rembuk, parts: list[tuple[str, bytes]]) -> bytes:
    from .bundle import Part, bundle_pdfs  # pypdf is loaded only when a bundle is asked for

    event = rembuk.event
    author = rembuk.organizer.name if rembuk.organizer else rembuk.region.government
    return bundle_pdfs(
        [Part(name, pdf) for name, pdf in parts],
        title=f"Paket Dokumen {event.name}",
        author=author,
        subject=event.name,
    )


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
