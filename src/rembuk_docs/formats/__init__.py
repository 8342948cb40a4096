"""Format packs: regency formats as data under templates/."""

from .pack import PAPER_SIZES_MM, FormatPack, load_pack

__all__ = ["PAPER_SIZES_MM", "FormatPack", "load_pack"]
