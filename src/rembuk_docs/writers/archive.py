"""Byte-identical output: zip containers with fixed timestamps and a stable order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class FixedZip:
    """A zip built in memory: entries in the order added, each dated 1980-01-01, deflated."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", compression=zipfile.ZIP_DEFLATED)

    def add(self, name: str, content: bytes) -> None:
        """Store ``content`` as entry ``name``."""
        info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.create_system = 0
        self._zip.writestr(info, content)

    def finish(self) -> bytes:
        """Close the archive and return its bytes."""
        self._zip.close()
        return self._buffer.getvalue()


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
