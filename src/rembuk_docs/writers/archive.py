"""Byte-identical output: zip containers with fixed timestamps and a stable order.

:class:`FixedZip` writes the zip format itself (the same bytes as :mod:`zipfile` writes for
deflated entries without ZIP64), so that it can keep the deflated form of entries that recur from
document to document, such as a Word template's 800 KB of style sheets, instead of compressing
them again for every file.
"""

from __future__ import annotations

import io
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_DATE = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
_DOS_TIME = 0
_VERSION = 20  # 2.0: deflate
_DEFLATED = 8
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o644 << 16  # -rw-r--r--
_LIMIT = 0xFFFFFFFF  # beyond this an entry would need ZIP64
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")

# deflated entries kept for reuse: content -> (crc, deflated); bounded by their total size
_CACHE_MIN, _CACHE_MAX, _CACHE_BUDGET = 8 * 1024, 1024 * 1024, 4 * 1024 * 1024
_deflated_cache: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
_cached_bytes = 0
_lock = threading.Lock()


def deflate(content: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw deflate (level 6, as zipfile) of ``content``; reused for recurring entries."""
    global _cached_bytes
    cacheable = _CACHE_MIN <= len(content) <= _CACHE_MAX
    if cacheable:
        with _lock:
            hit = _deflated_cache.get(content)
            if hit is not None:
                _deflated_cache.move_to_end(content)
                return hit
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    result = zlib.crc32(content), compressor.compress(content) + compressor.flush()
    if cacheable:
        with _lock:
            if content not in _deflated_cache:
                _deflated_cache[content] = result
                _cached_bytes += len(content)
            while _cached_bytes > _CACHE_BUDGET:
                evicted, _ = _deflated_cache.popitem(last=False)
                _cached_bytes -= len(evicted)
    return result


def _deflate_pieces(pieces: Iterable[bytes]) -> tuple[int, int, list[bytes]]:
    """CRC-32, size and raw deflate (as :func:`deflate`, in pieces) of the joined ``pieces``."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    crc, size, packed = 0, 0, []
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        out = compressor.compress(piece)
        if out:
            packed.append(out)
    packed.append(compressor.flush())
    return crc, size, packed


class FixedZip:
    """A zip built in memory: entries in the order added, each dated 1980-01-01, deflated."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._directory: list[bytes] = []
        self._offset = 0

    def add(self, name: str, content: bytes | Iterable[bytes]) -> None:
        """Store ``content`` as entry ``name``: bytes, or pieces of it deflated as they come
        (the same bytes: zlib's output does not depend on how its input is cut)."""
        if isinstance(content, bytes):
            crc, packed = deflate(content)
            self.add_packed(name, crc, len(content), [packed])
        else:
            self.add_packed(name, *_deflate_pieces(content))

    def add_packed(self, name: str, crc: int, size: int, packed_pieces: list[bytes]) -> None:
        """Store entry ``name`` already deflated (as :func:`deflate` does it): ``crc`` and
        ``size`` of its content, ``packed_pieces`` the raw deflate stream in pieces."""
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), _UTF8_NAME
        packed_size = sum(len(piece) for piece in packed_pieces)
        if max(size, packed_size, self._offset) > _LIMIT:
            raise ValueError(f"zip entry {name!r} is too large for a zip without ZIP64")
        sizes = (crc, packed_size, size, len(filename))
        local = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, *sizes, 0
        )
        self._directory.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                *(_VERSION, 0, _VERSION, 0),
                *(flags, _DEFLATED, _DOS_TIME, _DOS_DATE),
                *sizes,
                *(0, 0, 0, 0),
                _ATTRIBUTES,
                self._offset,
            )
            + filename
        )
        self._chunks += [local, filename, *packed_pieces]
        self._offset += len(local) + len(filename) + packed_size

    def finish(self) -> bytes:
        """Return the archive's bytes: the entries, the central directory, the end record."""
        directory = b"".join(self._directory)
        count = len(self._directory)
        end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), self._offset, 0)
        return b"".join([*self._chunks, directory, end])


def normalise_zip(data: bytes, *, transform: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Return ``data`` (a zip) re-packed with every entry dated 1980-01-01, in its original order.

    '[Content_Types].xml' stays first, as Office expects; compression is deflate throughout.
    ``transform(name, content)``, when given, returns the content to store for each entry.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    original = source.namelist()
    names = sorted(original, key=lambda name: (name != "[Content_Types].xml", original.index(name)))
    target = FixedZip()
    for name in names:
        content = source.read(name)
        if transform is not None:
            content = transform(name, content)
        target.add(name, content)
    return target.finish()
