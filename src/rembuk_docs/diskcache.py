"""A per-user cache on disk for what every fresh process would otherwise make again, such as the
placeholder emblem's PNG or the compiled wording snippets (issue 19: a cold render).

An entry is one file, named by the SHA-256 of its kind and its key. The key holds everything the
value is made from: the bytes of the inputs, the source of the code that makes it, and the
versions of Python, this package and the libraries involved. A changed input is then a miss,
never a stale hit. The file also carries a checksum of the value. A file that is short, altered
or unreadable is ignored, and the value is made again and rewritten. Each entry is written to a
temporary file in the same folder and renamed into place, so a reader sees the whole entry or
none. Nothing is flushed to disk: a torn entry after a crash fails its checksum.

The folder is ``REMBUK_DOCS_CACHE`` (a folder; ``off``, ``0`` or empty: no cache). Without it
the folder is ``$XDG_CACHE_HOME/rembuk-docs``, else ``~/.cache/rembuk-docs``
(``%LOCALAPPDATA%\\rembuk-docs\\cache`` on Windows, ``~/Library/Caches/rembuk-docs`` on macOS).
A folder that cannot be made or written is no cache either: the values are then made each time,
as they were before the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from . import __version__

ENV_VARIABLE = "REMBUK_DOCS_CACHE"
_OFF = ("", "0", "off", "no", "false")
_MAGIC = b"rembuk-docs cache 1\n"
_SUM = hashlib.sha256().digest_size


def cache_folder() -> Path | None:
    """The cache's folder (not made yet), or ``None`` when the cache is off."""
    chosen = os.environ.get(ENV_VARIABLE)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "rembuk-docs" / "cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "rembuk-docs"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "rembuk-docs"


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, as hex: a key part for a value made from the file (a font,
    or the module whose code makes the value)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _entry(kind: str, key: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256()
    for part in (kind, __version__, sys.version, *key):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))  # lengths: no two keys join alike
        digest.update(data)
    return digest.hexdigest()


def _read(path: Path) -> bytes | None:
    """The value of the entry at ``path``, or ``None`` when it is missing or not whole."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _SUM
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    value = data[head:]
    if hashlib.sha256(value).digest() != data[len(_MAGIC) : head]:
        return None
    return value


def _write(path: Path, value: bytes) -> None:
    """Write the entry, renamed into place; a folder that cannot be written is left alone."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(temporary, "wb") as stream:
            stream.write(_MAGIC + hashlib.sha256(value).digest() + value)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def cached(kind: str, key: Iterable[bytes | str], make: Callable[[], bytes]) -> bytes:
    """The value of entry ``kind`` / ``key``: read from the cache, else ``make()``, written to
    the cache for the next process. ``key`` must name every input of ``make`` (see the module's
    doc); this package's version and Python's are added to it."""
    folder = cache_folder()
    if folder is None:
        return make()
    path = folder / kind / _entry(kind, key)
    value = _read(path)
    if value is None:
        value = make()
        _write(path, value)
    return value
