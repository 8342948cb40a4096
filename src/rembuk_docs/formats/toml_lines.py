"""Where each key of a TOML file sits: tomllib gives no positions, so the text is scanned for them."""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*\[(?!\[)(?P<name>[^\]]+)\]\s*(#.*)?$")
_ARRAY_HEADER = re.compile(r"^\s*\[\[(?P<name>[^\]]+)\]\]\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*(?P<key>(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=\s*(?P<rest>.*)$"""
)
_PART = re.compile(r"""\s*("(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))\s*""")


def split_key(text: str) -> tuple[str, ...]:
    """``a."b.c".d`` -> ('a', 'b.c', 'd')."""
    parts: list[str] = []
    position = 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None:
            break
        parts.append(match.group("dq") or match.group("sq") or match.group("bare") or "")
        position = match.end()
        if position < len(text) and text[position] == ".":
            position += 1
    return tuple(parts)


class TomlLines:
    """Line numbers (1-based) of the tables and keys of one TOML text."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[str, ...], int] = {}
        self.values: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        open_quote: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if open_quote is not None:
                if line.count(open_quote) % 2 == 1:
                    open_quote = None
                continue
            header = _HEADER.match(line) or _ARRAY_HEADER.match(line)
            if header:
                table = split_key(header.group("name"))
                self.keys.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if not key:
                continue
            path = table + split_key(key.group("key"))
            self.keys.setdefault(path, number)
            rest = key.group("rest")
            for quote in ('"""', "'''"):
                if rest.startswith(quote):
                    if rest.count(quote) == 1:
                        open_quote = quote
                    after = rest[len(quote) :]
                    self.values.setdefault(path, number + 1 if not after.strip() else number)
                    break
            else:
                self.values.setdefault(path, number)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path`` (e.g. ('page', 'paper')), or of its nearest parent that is written."""
        names = tuple(str(part) for part in path if not isinstance(part, int))
        while names:
            if names in self.keys:
                return self.keys[names]
            names = names[:-1]
        return None

    def wording_lines(self, table: str = "wording") -> dict[str, tuple[int, int]]:
        """Each wording key (dotted) with the line of its key and the line where its text starts."""
        found: dict[str, tuple[int, int]] = {}
        for path, line in self.keys.items():
            if len(path) > 1 and path[0] == table and path in self.values:
                found[".".join(path[1:])] = (line, self.values[path])
        return found
