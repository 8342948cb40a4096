"""The verification code of a document: SHA-256 of its canonical content (the validated
definition and the document's name), shown as a short code and a QR code on its last page,
and recomputed offline by ``rembuk-docs verify FILE.pdf --definition FILE.yaml``."""

from __future__ import annotations

import hashlib
import json
import re
import string
from typing import Any

from .model import Rembuk

VERSION = "rembuk-docs/verifikasi/1"
"""Prefix of the hashed text: a change of the canonical form gets a new version."""

CODE = re.compile(r"Kode verifikasi: ((?:[0-9A-F]{4}-){3}[0-9A-F]{4})")
"""The short code as printed on a page."""

URL_FIELDS = frozenset({"kode", "sha256", "dokumen"})
"""The fields a verification address pattern may use: ``{kode}``, ``{sha256}``, ``{dokumen}``."""


def canonical_content(rembuk: Rembuk, document: str) -> bytes:
    """The bytes hashed for ``document`` of ``rembuk``: the version line, the document name and
    the validated definition as JSON (keys sorted, no spaces), without the ``*_file`` fields
    (the rows they name are in the definition already; where a file lies is not content)."""
    data: dict[str, Any] = rembuk.model_dump(mode="json")
    content = {key: value for key, value in data.items() if not key.endswith("_file")}
    body = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{VERSION}\n{document}\n{body}".encode()


def digest(rembuk: Rembuk, document: str) -> str:
    """The SHA-256 (hex, lower case) of :func:`canonical_content`."""
    return hashlib.sha256(canonical_content(rembuk, document)).hexdigest()


def short_code(sha256: str) -> str:
    """The printed code: the first 64 bits of ``sha256``, upper case, in groups of four."""
    head = sha256[:16].upper()
    return "-".join(head[index : index + 4] for index in range(0, 16, 4))


def payload(sha256: str, document: str, url_pattern: str = "") -> str:
    """What the QR code holds: the pack's address pattern filled in, or, without one,
    'REMBUK-DOCS:<DOCUMENT>:SHA256:<HEX>' (upper case: QR's compact alphanumeric mode)."""
    if url_pattern:
        return url_pattern.format(kode=short_code(sha256), sha256=sha256, dokumen=document)
    return f"REMBUK-DOCS:{document}:SHA256:{sha256}".upper()


def hash_in_payload(content: str) -> str | None:
    """The SHA-256 (hex, lower case) a QR code without an address holds, or ``None``."""
    match = re.fullmatch(r"REMBUK-DOCS:[A-Z0-9-]+:SHA256:([0-9A-F]{64})", content)
    return match.group(1).lower() if match else None


def url_pattern_problems(pattern: str) -> list[str]:
    """What is wrong with a verification address pattern (empty when it is usable)."""
    from .errors import brace_reason
    from .messages import text

    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        return [text("pack.url_pattern.malformed", reason=brace_reason(exc))]
    unknown = sorted(fields - URL_FIELDS)
    if unknown:
        return [text("pack.url_pattern.unknown", name=unknown[0])]
    return []


def codes_in(text: str) -> list[str]:
    """Every short code printed in ``text``."""
    return CODE.findall(text)
