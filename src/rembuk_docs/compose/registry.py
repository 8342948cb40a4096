"""Which documents exist, which composer makes each, and which documents make the pack of each level."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..errors import Problem
from ..formats.pack import FormatPack
from ..model import RegionKind, Rembuk
from .blocks import Document

Composer = Callable[[Rembuk, FormatPack], Document]
Requirement = Callable[[Rembuk, FormatPack], list[Problem]]
"""What a document needs beyond a valid definition: its problems, empty when it can be composed."""

# document name -> module under rembuk_docs.compose that defines ``compose(rembuk, pack)`` and,
# beside it, ``requirements(rembuk, pack)``
DOCUMENTS: dict[str, str] = {
    "kesepakatan": "kesepakatan",
    "lembar-tanda-tangan": "lembar_tanda_tangan",
    "daftar-hadir": "daftar_hadir",
    "notulen": "notulen",
    "berita-acara": "berita_acara",
    "usulan-kegiatan": "usulan_kegiatan",
    "rencana-kegiatan": "rencana_kegiatan",
    "lampiran-lokus": "lampiran_lokus",
    "undangan": "undangan",
    "dokumentasi": "dokumentasi",
}

_REGENCY_PACK = ("kesepakatan", "lembar-tanda-tangan", "daftar-hadir", "notulen", "berita-acara")
# the lampiran of the kesepakatan (rencana kegiatan, lokus list), when the definition has their
# data, follow it and its signature sheet
_REGENCY_ORDER = (
    "undangan",
    "kesepakatan",
    "lembar-tanda-tangan",
    "rencana-kegiatan",
    "lampiran-lokus",
    "daftar-hadir",
    "notulen",
    "dokumentasi",
    "berita-acara",
)
_DESA_PACK = ("berita-acara", "kesepakatan", "daftar-hadir", "notulen", "usulan-kegiatan")

# level of the region -> the documents of its full pack, in pack order (files, bundle bookmarks)
PACKS: dict[RegionKind, tuple[str, ...]] = {
    RegionKind.KABUPATEN: _REGENCY_PACK,
    RegionKind.KOTA: _REGENCY_PACK,
    RegionKind.DESA: _DESA_PACK,
    # a kelurahan has no Dana Desa, so no usulan kegiatan for an RKP Desa
    RegionKind.KELURAHAN: ("berita-acara", "kesepakatan", "daftar-hadir", "notulen"),
}


def _has_plan(rembuk: Rembuk) -> bool:
    return rembuk.rencana_kegiatan is not None and bool(rembuk.rencana_kegiatan.items)


def _has_lokus(rembuk: Rembuk) -> bool:
    return bool(rembuk.priority_villages)


def _has_invitation(rembuk: Rembuk) -> bool:
    return rembuk.invitation is not None and bool(rembuk.invitation.addressees or rembuk.attendees)


def _has_photos(rembuk: Rembuk) -> bool:
    return rembuk.dokumentasi is not None and bool(rembuk.dokumentasi.photos)


# documents of a pack made only when the definition has their data, and the id of the message
# saying why one is left out
OPTIONAL: dict[str, tuple[Callable[[Rembuk], bool], str]] = {
    "rencana-kegiatan": (
        _has_plan,
        "cli.omitted_rencana_kegiatan",
    ),
    "lampiran-lokus": (
        _has_lokus,
        "cli.omitted_lampiran_lokus",
    ),
    "undangan": (_has_invitation, "cli.omitted_undangan"),
    "dokumentasi": (_has_photos, "cli.omitted_dokumentasi"),
}


# level -> every document its pack can hold, in pack order: PACKS and the OPTIONAL documents
PACK_ORDER: dict[RegionKind, tuple[str, ...]] = {
    **PACKS,
    RegionKind.KABUPATEN: _REGENCY_ORDER,
    RegionKind.KOTA: _REGENCY_ORDER,
    # a desa's or kelurahan's photos follow its notulen too
    RegionKind.DESA: (*_DESA_PACK[:4], "dokumentasi", *_DESA_PACK[4:]),
    RegionKind.KELURAHAN: (*PACKS[RegionKind.KELURAHAN], "dokumentasi"),
}


def pack_documents(rembuk: Rembuk) -> tuple[str, ...]:
    """The documents of ``rembuk``'s full pack, in order, chosen by the level of its region;
    a document whose data the definition lacks (see :data:`OPTIONAL`) is left out, never empty."""
    return tuple(
        name
        for name in PACK_ORDER[rembuk.region.kind]
        if name not in OPTIONAL or OPTIONAL[name][0](rembuk)
    )


_NOT_ATTACHED = ("berita-acara", "lembar-tanda-tangan")
"""The berita acara itself, and the agreement's signature sheet (part of the agreement)."""


def attached_documents(rembuk: Rembuk) -> tuple[str, ...]:
    """The documents the berita acara lists as its lampiran by default: the others of the pack,
    in pack order, so that the bundle follows the list."""
    return tuple(name for name in pack_documents(rembuk) if name not in _NOT_ATTACHED)


def omitted_documents(rembuk: Rembuk) -> dict[str, str]:
    """The documents of the level's pack left out of ``rembuk``'s, each with the message id of
    the reason (see ``messages/catalogue/cli.toml``)."""
    return {
        name: OPTIONAL[name][1]
        for name in PACK_ORDER[rembuk.region.kind]
        if name in OPTIONAL and not OPTIONAL[name][0](rembuk)
    }


def composer(name: str) -> Composer:
    """The compose function of document ``name``; raises KeyError for an unknown name."""
    module = import_module(f"{__package__}.{DOCUMENTS[name]}")
    function: Composer = module.compose
    return function


def requirements(name: str) -> Requirement:
    """The requirements of document ``name``: a function returning every problem that stops it
    from being composed with a given definition and pack (empty: it can be). ``render`` and
    ``validate`` both run them before anything is composed (see :mod:`rembuk_docs.preflight`);
    the composer runs its own as well, so that it never composes from data it lacks.
    Raises KeyError for an unknown name."""
    module = import_module(f"{__package__}.{DOCUMENTS[name]}")
    function: Requirement = module.requirements
    return function


def wording_keys(name: str) -> tuple[str, ...]:
    """The pack wording keys document ``name`` uses, in the order it uses them (no repeats).

    Each composer module declares them as ``WORDING``; a test renders every document and checks
    that no composer asks for a key it does not declare.
    """
    module = import_module(f"{__package__}.{DOCUMENTS[name]}")
    keys: tuple[str, ...] = module.WORDING
    return tuple(dict.fromkeys(keys))


def used_wording_keys() -> frozenset[str]:
    """Every wording key some document uses: what a pack may define and the default must."""
    return frozenset(key for name in DOCUMENTS for key in wording_keys(name))
