"""``rembuk-docs formats keys``: every wording key of every document, its text and its pack."""

from __future__ import annotations

from pathlib import Path

from .compose.registry import DOCUMENTS, wording_keys
from .formats.loader import load_pack


def wording_by_document(spec: str | Path | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """``{document: {key: (text, pack slug)}}`` for the pack ``spec`` (``None``: 'default').

    The text is the snippet as the pack chain resolves it (the nearest pack that sets the key
    wins) and the slug names that pack. A key several documents use is listed under each.
    """
    pack = load_pack(spec)
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for document in DOCUMENTS:
        found[document] = {
            key: (pack.wording.get(key, ""), pack.wording_pack.get(key, ""))
            for key in wording_keys(document)
        }
    return found


def keys_text(table: dict[str, dict[str, tuple[str, str]]]) -> str:
    """The table as text: one block per document, each key with its pack and its text."""
    lines: list[str] = []
    for document, keys in table.items():
        lines.append(f"[{document}]")
        width = max((len(key) for key in keys), default=0)
        for key, (text, slug) in keys.items():
            shown = " ⏎ ".join(" ".join(line.split()) for line in text.strip().splitlines())
            shown = shown or "(tidak ada)"
            lines.append(f"  {key.ljust(width)}  ({slug or '-'})  {shown}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
