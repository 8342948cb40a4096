"""Verifying the electronic signatures of a PDF (pyHanko): for each, the field, the signer, the
signing time, whether the signed bytes are intact, whether anything was changed after it beyond
what signing allows, and whether the certificate chains to a trust root given by the caller."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import Problem
from .messages import Message
from .signing import SigningError, require_pyhanko

for _name in ("pyhanko", "pyhanko_certvalidator"):
    # pyHanko logs a traceback for every chain it cannot build; the report says it in Indonesian
    logging.getLogger(_name).addHandler(logging.NullHandler())


class Changes(StrEnum):
    """What was changed after a signature."""

    NONE = "none"
    """Nothing: the signature covers the whole file."""
    ALLOWED = "allowed"
    """Only what signing allows: later signatures, validation data, filling fields."""
    FORBIDDEN = "forbidden"
    """Something else: content, pages, annotations."""


class Chain(StrEnum):
    """Whether the signer's certificate chains to a trust root."""

    TRUSTED = "trusted"
    UNTRUSTED = "untrusted"
    UNCHECKED = "unchecked"
    """No trust root was given."""


@dataclass(frozen=True, slots=True)
class SignatureReport:
    """One signature of a PDF as verified; ``time`` is the timestamp's (B-T) or, without one,
    the time the signer's computer reported; ``in_validity`` says whether the certificate was
    valid at that time."""

    field: str
    signer: str
    time: dt.datetime | None
    timestamped: bool
    intact: bool
    changes: Changes
    chain: Chain
    in_validity: bool
    problem: str = ""

    @property
    def ok(self) -> bool:
        """Intact, nothing forbidden changed after it, the certificate valid when it signed and,
        when trust roots were given, chained to one of them."""
        return (
            self.intact
            and self.changes is not Changes.FORBIDDEN
            and self.in_validity
            and self.chain is not Chain.UNTRUSTED
        )


def load_trust_roots(paths: Sequence[str]) -> list[Any]:
    """The certificates (PEM or DER) in the files ``paths``."""
    require_pyhanko("--trust")
    from pyhanko.keys import load_certs_from_pemder

    roots: list[Any] = []
    for path in paths:
        try:
            roots.extend(load_certs_from_pemder([path]))  # type: ignore[no-untyped-call]
        except (OSError, ValueError) as exc:
            raise SigningError(
                [Problem(path, Message("tte.trust_unreadable").with_detail(str(exc)))]
            ) from None
    return roots


def verify_signatures(
    data: bytes, *, trust_roots: Sequence[Any] = (), where: str = "PDF"
) -> list[SignatureReport]:
    """Every signature of the PDF ``data``, in the order they were made."""
    require_pyhanko(where)
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, IndexError) as exc:
        raise SigningError(
            [Problem(where, Message("tte.not_a_pdf").with_detail(str(exc)))]
        ) from None
    return [_report(signature, trust_roots) for signature in signatures]


def _report(signature: Any, trust_roots: Sequence[Any]) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    field = str(signature.field_name)
    try:
        cert = signature.signer_cert
        signer = cert.subject.human_friendly
    except Exception:  # a CMS blob so damaged that it names nobody
        cert, signer = None, "?"
    context = ValidationContext(
        trust_roots=list(trust_roots), allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as exc:  # pyHanko raises for damaged signatures: that is a failed check
        return SignatureReport(
            field,
            signer,
            None,
            False,
            intact=False,
            changes=Changes.FORBIDDEN,
            chain=Chain.UNTRUSTED if trust_roots else Chain.UNCHECKED,
            in_validity=False,
            problem=f"{type(exc).__name__}: {exc}",
        )
    timestamp = status.timestamp_validity
    time = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    if status.coverage is SignatureCoverageLevel.ENTIRE_FILE:
        changes = Changes.NONE
    elif status.docmdp_ok and status.modification_level in (
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
        ModificationLevel.FORM_FILLING,
    ):
        changes = Changes.ALLOWED
    else:
        changes = Changes.FORBIDDEN
    chain = Chain.UNCHECKED
    if trust_roots:
        chain = Chain.TRUSTED if status.trusted else Chain.UNTRUSTED
    in_validity = cert is not None and (
        time is None or cert.not_valid_before <= time <= cert.not_valid_after
    )
    return SignatureReport(
        field,
        signer,
        time,
        timestamp is not None,
        intact=bool(status.intact and status.valid),
        changes=changes,
        chain=chain,
        in_validity=in_validity,
    )
