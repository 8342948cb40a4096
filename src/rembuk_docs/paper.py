"""Paper sizes as users write them: 'a4', 'f4', 'Folio', 'F4 210' (stdlib only, for the CLI)."""

from __future__ import annotations

import re

_PAPER_NAMES = {"a4": "A4", "f4": "F4", "folio": "F4", "f4210": "F4-210", "folio210": "F4-210"}


def paper_name(value: str) -> str | None:
    """The paper size meant by ``value``: 'a4' -> 'A4', 'f4' and 'Folio' -> 'F4', 'f4 210' ->
    'F4-210'; ``None`` when it names none of them."""
    return _PAPER_NAMES.get(re.sub(r"[\s_\-]+", "", value).casefold())
