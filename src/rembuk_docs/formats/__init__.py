"""Format packs: regency formats as data under templates/ (or folders, or installed packages)."""

from .loader import ENTRY_POINT_GROUP, PackLocation, available_packs, load_pack, locate
from .pack import PAPER_SIZES_MM, FormatPack

__all__ = [
    "ENTRY_POINT_GROUP",
    "PAPER_SIZES_MM",
    "FormatPack",
    "PackLocation",
    "available_packs",
    "load_pack",
    "locate",
]
