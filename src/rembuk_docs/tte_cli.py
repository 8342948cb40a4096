"""The command line of electronic signatures: ``sign`` one field of a PDF, ``verify`` a PDF."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from .messages import text


def add_commands(commands: Any) -> None:
    """Add ``sign`` and ``verify`` to the subcommands ``commands`` of the main parser."""
    sign = commands.add_parser("sign", help=text("cli.sign.help"))
    sign.add_argument("file", metavar="BERKAS.pdf", help=text("cli.sign.file"))
    sign.add_argument("--p12", required=True, metavar="SERTIFIKAT.p12", help=text("cli.sign.p12"))
    sign.add_argument("--field", required=True, metavar="NAMA", help=text("cli.sign.field"))
    sign.add_argument("--out", metavar="BERKAS", help=text("cli.sign.out"))
    sign.add_argument("--tsa", metavar="URL", help=text("cli.sign.tsa"))
    sign.set_defaults(handler=_cmd_sign)

    verify = commands.add_parser("verify", help=text("cli.verify.help"))
    verify.add_argument("file", metavar="BERKAS.pdf", help=text("cli.verify.file"))
    verify.add_argument(
        "--trust", action="append", default=[], metavar="SERTIFIKAT", help=text("cli.verify.trust")
    )
    verify.add_argument("--definition", metavar="BERKAS.yaml", help=text("cli.verify.definition"))
    verify.set_defaults(handler=_cmd_verify)


def _password() -> str:
    """The PKCS#12 password: from REMBUK_P12_PASSWORD, else asked without echo (never an
    argument, never printed or logged)."""
    from .errors import Problem
    from .messages import Message
    from .signing import PASSWORD_VARIABLE, SigningError

    value = os.environ.get(PASSWORD_VARIABLE)
    if value is not None:
        return value
    try:
        if not sys.stdin or not sys.stdin.isatty():
            raise EOFError  # getpass would read it from the pipe, and echo it
        return getpass.getpass(text("tte.password_prompt"))
    except EOFError:
        raise SigningError(
            [Problem("--p12", Message("tte.password_missing", variable=PASSWORD_VARIABLE))]
        ) from None


def _cmd_sign(args: argparse.Namespace) -> int:
    from .formats.resources import display_path
    from .output import write_file
    from .signing import check_field, require_pyhanko, sign_pdf, signature_fields, unsigned

    require_pyhanko("sign")
    source = Path(args.file)
    data = source.read_bytes()
    p12 = Path(args.p12).read_bytes()
    check_field(data, args.field, where=display_path(source))  # before the password is asked
    signed = sign_pdf(
        data,
        p12=p12,
        password=_password(),
        field=args.field,
        tsa_url=args.tsa,
        where=display_path(source),
        p12_where=display_path(Path(args.p12)),
    )
    target = write_file(Path(args.out) if args.out else source, signed)
    print(text("tte.signed", field=args.field, file=display_path(target)))
    left = unsigned(signature_fields(signed))
    if left:
        print(text("tte.fields_left", count=len(left), fields=", ".join(left)))
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .formats.resources import display_path
    from .verification import load_trust_roots, verify_signatures

    source = Path(args.file)
    data = source.read_bytes()
    roots = load_trust_roots(args.trust)
    reports = verify_signatures(data, trust_roots=roots, where=display_path(source))
    codes_ok = True
    if args.definition:
        codes_ok = _check_codes(data, args.definition)
    if not reports:
        if args.definition:
            print(text("tte.verify.none", file=display_path(source)))
            return 0 if codes_ok else 1
        print(text("tte.verify.none", file=display_path(source)), file=sys.stderr)
        return 1
    signatures_ok = _print_signatures(reports)
    return 0 if signatures_ok and codes_ok else 1


def _print_signatures(reports: list[Any]) -> bool:
    """Print each signature's report; whether all of them pass."""
    from .verification import Chain

    for number, report in enumerate(reports, start=1):
        print(text("tte.verify.heading", number=number, field=report.field))
        print("  " + text("tte.verify.signer", signer=report.signer))
        when = report.time.strftime("%d-%m-%Y %H:%M:%S %Z") if report.time else "-"
        source_of_time = "tte.verify.time_tsa" if report.timestamped else "tte.verify.time_signer"
        print("  " + text(source_of_time, time=when))
        print("  " + text("tte.verify.intact" if report.intact else "tte.verify.broken"))
        print("  " + text(f"tte.verify.changes.{report.changes.value}"))
        if not report.in_validity:
            print("  " + text("tte.verify.cert_not_valid"))
        print("  " + text(f"tte.verify.chain.{report.chain.value}"))
        if report.problem:
            print("  " + text("tte.verify.problem", problem=report.problem))
    bad = [report for report in reports if not report.ok]
    if bad:
        print(text("tte.verify.failed", count=len(bad), total=len(reports)), file=sys.stderr)
        return False
    print(text("tte.verify.ok", total=len(reports)))
    if all(report.chain is Chain.UNCHECKED for report in reports):
        print(text("tte.verify.no_trust"))
    return True


def _check_codes(data: bytes, definition: str) -> bool:
    """Print, for each verification code printed in the PDF ``data``, whether the definition
    gives it (and for which document); whether every code matches and there is one at least."""
    from .compose.registry import DOCUMENTS
    from .loading import load
    from .verification_code import digest, short_code

    rembuk = load(definition)
    expected = {short_code(digest(rembuk, name)): name for name in DOCUMENTS}
    found = _page_codes(data)
    if not found:
        print(text("tte.code.none"), file=sys.stderr)
        return False
    ok = True
    for page, code in found:
        name = expected.get(code)
        if name is None:
            ok = False
            print(text("tte.code.mismatch", code=code, page=page), file=sys.stderr)
        else:
            print(text("tte.code.match", code=code, page=page, document=name))
    return ok


def _page_codes(data: bytes) -> list[tuple[int, str]]:
    """(page from 1, code) of every verification code printed in the PDF ``data``."""
    import io

    from pypdf import PdfReader

    from .verification_code import codes_in

    reader = PdfReader(io.BytesIO(data))
    return [
        (number, code)
        for number, page in enumerate(reader.pages, start=1)
        for code in codes_in(" ".join((page.extract_text() or "").split()))
    ]
