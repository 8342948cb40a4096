"""Byte-identical output: rewrite a zip container with fixed timestamps and a stable order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes, *, transform: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Return ``data`` (a zip) re-packed with every entry dated 1980-01-01, in its original order.

    '[Content_Types].xml' stays first, as Office expects; compression is deflate throughout.
    ``transform(name, content)``, when given, returns the content to store for each entry.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    original = source.namelist()
    names = sorted(original, key=lambda name: (name != "[Content_Types].xml", original.index(name)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            content = source.read(name)
            if transform is not None:
                content = transform(name, content)
            target.writestr(info, content)
    return out.getvalue()
