"""The Writer protocol: one per output format, each turning a composed Document into bytes."""

from __future__ import annotations

from typing import Protocol

from ..compose.blocks import Document


class Writer(Protocol):
    """Turns a composed document into the bytes of one file format."""

    def write(self, document: Document) -> bytes:
        """Return the file's bytes."""
        ...
