"""Where the library's own data lives: the templates/ folder shipped in the wheel."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def templates_root() -> Path:
    """The built-in templates folder: inside the installed package, or the source checkout's."""
    packaged = Path(str(files("rembuk_docs"))) / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"rembuk-docs templates not found (looked in {packaged} and {checkout})"
    )


def builtin_fonts_dir() -> Path:
    """Folder of the fonts every pack may use by file name."""
    return templates_root() / "fonts"


def display_path(path: Path) -> str:
    """A path as a user reads it: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)
