"""Safe folder names for desa packs: plain, unique within a batch, and never outside the output folder."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..messages import Message
from .sheet import Row, identity

MAX_LENGTH = 60
# Names Windows refuses as a file or folder, whatever the extension.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def slug(text: str) -> str:
    """'Penfui Timur' -> 'penfui-timur'; '../../x' -> 'x'; 'Oé' -> 'oe'; '' for nothing usable.

    Accents are dropped (NFKD), every run of characters other than a-z and 0-9 (path separators
    and dots included) becomes one '-', and the result is cut to ``MAX_LENGTH`` characters.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
    name = name[:MAX_LENGTH].rstrip("-")
    if name in _RESERVED:
        name = f"{name}-desa"
    return name


def folder_names(rows: Sequence[Row]) -> dict[int, str]:
    """A folder name for each desa row (by row number), unique across the rows.

    A desa whose name is unique gets ``slug(desa)``. When several desa share a name (in different
    kecamatan), all of them get ``slug(desa)-slug(kecamatan)``, so that adding or reordering rows
    never renames another desa's folder by accident. A name that is still taken gets '-2', '-3'
    in row order; a desa without a usable name gets 'desa-row-N'.
    """
    by_slug: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        key = (identity(row.text("desa")), identity(row.text("kecamatan")))
        by_slug.setdefault(slug(row.text("desa")), set()).add(key)
    names: dict[int, str] = {}
    taken: set[str] = set()
    for row in rows:
        base = slug(row.text("desa"))
        if not base:
            base = f"desa-row-{row.number}"
        elif len(by_slug[base]) > 1:
            kecamatan = slug(row.text("kecamatan"))
            base = f"{base}-{kecamatan}" if kecamatan else base
        name, counter = base, 1
        while name in taken:
            counter += 1
            name = f"{base}-{counter}"
        taken.add(name)
        names[row.number] = name
    return names


def inside(out_dir: Path, name: str) -> Path:
    """The folder ``out_dir/name``, checked to resolve inside ``out_dir`` (symlinks included).

    Raises ValueError when it would not, e.g. when ``name`` is a link that points elsewhere.
    """
    root = out_dir.resolve()
    folder = (root / name).resolve()
    if folder == root or not folder.is_relative_to(root) or folder.parent != root:
        raise ValueError(str(Message("batch.folder_outside", name=name, out=out_dir)))
    return folder
