"""Writing output files: a set of files lands in its folder whole or not at all.

:func:`write_files` is the one way this library puts files on disk. Every file is first written
(and flushed to the disk) as a temporary file *in the target folder*, named
``.<name>.rembuk-<pid>-<random>.part``; only when every one of them is complete are they renamed
into place. If anything fails before the renames (a full disk, a target that is a folder, a
killed process), nothing visible changes: the old files stay as they were and no new file
appears. The error names the real target path, not the temporary one.

A run that was killed may leave ``.part`` files behind; they carry the writer's process id, and
the next write into the same folder removes those whose process is gone. Files of other names
are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

_PART = re.compile(r"^\..+\.rembuk-(\d+)-[0-9a-f]+\.(?:part|keep)$")
"""Our own temporary names: '.kesepakatan.pdf.rembuk-1234-9f3a.part' (and '.keep' backups)."""


def _temporary_name(name: str, kind: str = "part") -> str:
    return f".{name}.rembuk-{os.getpid()}-{secrets.token_hex(4)}.{kind}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process, or we cannot tell: leave its files alone
    return True


def clean_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files of our own naming whose writing process is gone.

    Returns the removed paths. Temporary files of a live process (another run writing into the
    same folder right now) and every file of another name are left alone.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _PART.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _located(exc: OSError, path: Path) -> OSError:
    """``exc`` as the same kind of OSError, naming ``path`` (the target, not the temporary)."""
    code = exc.errno if exc.errno is not None else errno.EIO
    located = type(exc)(code, exc.strerror or str(exc), str(path))
    located.__cause__ = exc
    return located


def _write_temporary(path: Path, data: bytes, *, durable: bool = True) -> Path:
    temporary = path.parent / _temporary_name(path.name)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; the renames are done either way
    finally:
        os.close(handle)


def write_files(
    folder: str | Path, files: Iterable[tuple[str, bytes]], *, durable: bool = True
) -> list[Path]:
    """Write every ``(file name, bytes)`` pair into ``folder``, all or nothing; return the paths.

    The folder is created when missing (and removed again if the write fails). Names are plain
    file names (no folders). Before any file is written, a target that is a folder is refused
    (:class:`IsADirectoryError` naming it). Then every file goes to a temporary file in the same
    folder, flushed to disk; a failure there (e.g. ``ENOSPC``) removes the temporary files and
    raises the same :class:`OSError` with ``filename`` set to the real target path. Only then
    are the temporary files renamed over their targets. If a rename fails, the targets already
    replaced get their old content back (kept as hard links while the renames run), so a pack
    never mixes old and new files. Stale temporary files of earlier killed runs are removed
    first (see :func:`clean_stale_parts`).

    ``durable=False`` skips the flushes to disk (of each file and of the folder): the files are
    complete and renamed into place all the same, but a power cut may lose them. A batch writes
    a pack that way and then its manifest durably, once per folder; the manifest records each
    file's size, and a rerun renders again a pack whose files do not match it.
    """
    target = Path(folder)
    pairs = list(files)
    for name, _ in pairs:
        if not name or Path(name).name != name or name in (".", ".."):
            raise ValueError(f"not a plain file name: {name!r}")
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    clean_stale_parts(target)
    paths = [target / name for name, _ in pairs]
    for path in paths:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, (_, data) in zip(paths, pairs, strict=True):
            try:
                temporaries.append((_write_temporary(path, data, durable=durable), path))
            except OSError as exc:
                raise _located(exc, path) from exc
        _move_into_place(temporaries)
    except BaseException:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                target.rmdir()
        raise
    if durable:
        _fsync_folder(target)
    return paths


def _move_into_place(temporaries: list[tuple[Path, Path]]) -> None:
    """Rename each temporary over its target; on a failure, put every replaced target back."""
    kept: list[tuple[Path, Path | None]] = []  # (target, hard link to its old content or None)
    try:
        for temporary, path in temporaries:
            backup: Path | None = None
            if path.exists():
                backup = path.parent / _temporary_name(path.name, "keep")
                try:
                    os.link(path, backup)
                except OSError:
                    backup = None  # no hard links here: this target cannot be rolled back
            try:
                os.replace(temporary, path)
            except BaseException as exc:
                if backup is not None:
                    backup.unlink(missing_ok=True)
                if isinstance(exc, OSError):
                    raise _located(exc, path) from exc
                raise
            kept.append((path, backup))
    except BaseException:
        for path, backup in reversed(kept):
            try:
                if backup is not None:
                    os.replace(backup, path)
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                continue
        raise
    for _, backup in kept:
        if backup is not None:
            backup.unlink(missing_ok=True)


def write_file(path: str | Path, data: bytes) -> Path:
    """Write one file atomically (see :func:`write_files`); return its path."""
    target = Path(path)
    (written,) = write_files(target.parent, [(target.name, data)])
    return written
