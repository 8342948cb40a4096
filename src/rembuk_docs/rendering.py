"""Rendering: compose each document once, write it in every asked format, and save files atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .compose.blocks import Document
from .compose.registry import DOCUMENTS, composer
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
    """Compose the named documents (all, in pack order, when ``None``)."""
    return [composer(name)(rembuk, pack) for name in _names(documents, list(DOCUMENTS), "document")]


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
) -> list[Path]:
    """Write ``<document>.<format>`` files into ``out_dir`` and return their paths.

    Everything is produced in memory first; files are written only when every document rendered,
    each through a temporary file renamed into place, so a failure never leaves half a file.
    """
    check(rembuk)
    fmt_names = _names(formats, FORMATS, "format")
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    outputs: list[tuple[str, bytes]] = []
    for composed in compose_documents(rembuk, pack, documents):
        for fmt in fmt_names:
            outputs.append((f"{composed.name}.{fmt}", writer_for(fmt, pack).write(composed)))
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_atomic(folder / name, data) for name, data in outputs]


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
