"""A new format pack, ready to edit: a format.toml listing every setting of 'default', commented out."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatPackError, Problem
from ..messages import Message
from .loader import DEFAULT_SLUG, builtin_packs, locate
from .resources import display_path

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_HEADER = re.compile(r"^\s*\[[^\]]+\]\s*(#.*)?$")
_OWN_KEYS = re.compile(r"^\s*#?\s*(name|description|extends)\s*=")


def scaffold_text(slug: str, parent: str = DEFAULT_SLUG) -> str:
    """The format.toml of a new pack ``slug`` that extends ``parent``.

    Every setting of the default pack follows as a comment, so the new pack renders exactly like
    its parent until a line is uncommented and changed.
    """
    reference = builtin_packs()[DEFAULT_SLUG].format_file.read_text(encoding="utf-8")
    lines = reference.splitlines()
    start = next(
        index for index, line in enumerate(lines) if line.strip() and not line.startswith("#")
    )
    body: list[str] = []
    for line in lines[start:]:
        if _OWN_KEYS.match(line):
            continue
        if not line.strip() or line.lstrip().startswith("#") or _HEADER.match(line):
            body.append(line)
        else:
            body.append(f"# {line}")
    while body and not body[0].strip():
        body.pop(0)
    title = slug.replace("-", " ").title()
    head = [
        f"# Format pack {slug!r}, made by `rembuk-docs formats new`. It extends {parent!r}: set only",
        "# what differs. Below, every setting of the 'default' pack is commented out; uncomment a",
        f"# line and change it. Check the pack with `rembuk-docs lint {slug}` (give its folder).",
        f'name = "{title}"',
        'description = ""',
        f'extends = "{parent}"',
        "",
    ]
    return "\n".join(head + body) + "\n"


def new_pack(slug: str, folder: Path, *, parent: str = DEFAULT_SLUG) -> Path:
    """Create ``folder/slug/format.toml`` extending ``parent``; return the new pack's folder.

    Raises :class:`FormatPackError` for a bad slug, an unknown parent or an existing folder.
    """
    if not SLUG.match(slug):
        raise FormatPackError(
            [
                Problem(
                    "slug",
                    Message("pack.bad_slug", slug=slug),
                )
            ]
        )
    locate(parent)
    target = folder / slug
    if target.exists():
        raise FormatPackError([Problem(display_path(target), Message("pack.scaffold_exists"))])
    parent_spec = parent
    if not SLUG.match(parent):
        parent_spec = str(Path(parent).resolve())
    target.mkdir(parents=True)
    (target / "format.toml").write_text(scaffold_text(slug, parent_spec), encoding="utf-8")
    return target
