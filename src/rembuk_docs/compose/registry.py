"""Which documents exist and which composer makes each; the order is the order of a full pack."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..formats.pack import FormatPack
from ..model import Rembuk
from .blocks import Document

Composer = Callable[[Rembuk, FormatPack], Document]

# document name -> module under rembuk_docs.compose that defines ``compose(rembuk, pack)``
DOCUMENTS: dict[str, str] = {
    "kesepakatan": "kesepakatan",
    "lembar-tanda-tangan": "lembar_tanda_tangan",
    "daftar-hadir": "daftar_hadir",
    "notulen": "notulen",
    "berita-acara": "berita_acara",
}


def composer(name: str) -> Composer:
    """The compose function of document ``name``; raises KeyError for an unknown name."""
    module = import_module(f"{__package__}.{DOCUMENTS[name]}")
    function: Composer = module.compose
    return function
