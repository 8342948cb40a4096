"""A pack's wording for one document: what composers call to get titles and standard sentences."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..formats.pack import FormatPack
from ..model import Rembuk
from .context import template_context


class Wording:
    """The pack's wording snippets rendered for one definition and document.

    Each snippet sees the standard template context (``formats/variables.py``) plus the keyword
    values a composer passes. Typical use in a composer::

        say = Wording(rembuk, pack, name="notulen")
        title = say.lines("notulen.judul")
        closing = say.paragraph("notulen.penutup", jumlah=3)

    Every key needs a text in the 'default' pack's format.toml (a regency pack overrides it).
    """

    def __init__(
        self, rembuk: Rembuk, pack: FormatPack, *, name: str = "", number: str | None = None
    ) -> None:
        self.rembuk = rembuk
        self.pack = pack
        self.name = name
        self.number = number

    @cached_property
    def context(self) -> dict[str, Any]:
        """The standard context, built once on first use."""
        return template_context(self.rembuk, self.pack, name=self.name, number=self.number)

    def __call__(self, key: str, /, **extra: Any) -> str:
        """The snippet's text as rendered (line breaks kept)."""
        return self.pack.say(key, **{**self.context, **extra})

    def paragraph(self, key: str, /, **extra: Any) -> str:
        """The snippet as one paragraph: line breaks and runs of spaces become single spaces."""
        return " ".join(self(key, **extra).split())

    def lines(self, key: str, /, **extra: Any) -> tuple[str, ...]:
        """The snippet's non-empty lines, stripped (e.g. the lines of a title)."""
        return tuple(line.strip() for line in self(key, **extra).splitlines() if line.strip())
