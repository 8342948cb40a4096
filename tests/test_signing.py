"""Signing and verifying with a throwaway CA made here (tests/throwaway_ca.py): a valid
signature, two in turn, a byte flipped after signing, a page appended after signing, a wrong
password, an expired certificate, a certificate from another root; PDF/A kept after signing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfWriter

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.errors import InputError
from rembuk_docs.messages import use_language
from rembuk_docs.signing import PASSWORD_VARIABLE, SigningError, sign_pdf, signature_fields
from rembuk_docs.verification import Chain, Changes, load_trust_roots, verify_signatures
from throwaway_ca import Authority

from conftest import pdf_pages

PASSWORD = "sandi-uji-123"


@pytest.fixture(scope="module")
def ca() -> Authority:
    return Authority.create()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tte")


@pytest.fixture(scope="module")
def unsigned_pdf(kupang: rembuk_docs.Rembuk) -> tuple[bytes, list[dict[str, object]]]:
    """The Kupang berita acara, PDF/A, with its signature fields, and its manifest's fields."""
    files = dict(
        rembuk_docs.render_files(
            kupang,
            formats=["pdf"],
            documents=["berita-acara"],
            signature_fields=True,
            pdfa=True,
        )
    )
    return files["berita-acara.pdf"], json.loads(files["berita-acara.ttd.json"])["fields"]


@pytest.fixture(scope="module")
def signer_p12(ca: Authority, folder: Path) -> bytes:
    return ca.p12(folder, "Obed Kase", PASSWORD).read_bytes()


@pytest.fixture(scope="module")
def signed_once(unsigned_pdf: tuple[bytes, list[dict[str, object]]], signer_p12: bytes) -> bytes:
    data, fields = unsigned_pdf
    return sign_pdf(data, p12=signer_p12, password=PASSWORD, field=str(fields[0]["field"]))


def test_a_valid_signature_is_intact_and_chains_to_its_root(
    ca: Authority, signed_once: bytes, unsigned_pdf: tuple[bytes, list[dict[str, object]]]
) -> None:
    data, fields = unsigned_pdf
    assert signed_once.startswith(data)  # an incremental update: the original bytes stay
    (report,) = verify_signatures(signed_once, trust_roots=[_asn1(ca)])
    assert report.field == fields[0]["field"]
    assert "Obed Kase" in report.signer
    assert report.intact and report.changes is Changes.NONE
    assert report.chain is Chain.TRUSTED and report.in_validity and report.ok
    assert report.time is not None and not report.timestamped  # B-B: no timestamp
    states = signature_fields(signed_once)
    assert [state.signed for state in states] == [True] + [False] * (len(states) - 1)
    # the appearance is text in the embedded font, inside the field, and the page text stays
    page = int(str(fields[0]["page"]))
    assert pdf_pages(signed_once)[: page - 1] == pdf_pages(data)[: page - 1]


def test_pdfa_survives_signing(signed_once: bytes) -> None:
    from test_pdfa import assert_pdfa_2b

    assert_pdfa_2b(signed_once, form_fields=True)


def test_a_second_signature_keeps_the_first_valid(
    ca: Authority,
    folder: Path,
    signed_once: bytes,
    unsigned_pdf: tuple[bytes, list[dict[str, object]]],
) -> None:
    _, fields = unsigned_pdf
    second = ca.p12(folder, "Maria Lenggu", PASSWORD).read_bytes()
    twice = sign_pdf(signed_once, p12=second, password=PASSWORD, field=str(fields[1]["field"]))
    assert twice.startswith(signed_once)
    first, latest = verify_signatures(twice, trust_roots=[_asn1(ca)])
    assert first.ok and first.changes is Changes.ALLOWED  # a later signature is allowed
    assert latest.ok and latest.changes is Changes.NONE
    assert "Maria Lenggu" in latest.signer


def test_a_byte_flipped_after_signing_fails(ca: Authority, signed_once: bytes) -> None:
    tampered = bytearray(signed_once)
    position = signed_once.index(b"/Title") + 10  # inside the signed byte range, in the content
    tampered[position] ^= 0x01
    reports = verify_signatures(bytes(tampered), trust_roots=[_asn1(ca)])
    assert reports and not any(report.ok for report in reports)
    assert not reports[0].intact


def test_a_page_appended_after_signing_fails(ca: Authority, signed_once: bytes) -> None:
    writer = PdfWriter(io.BytesIO(signed_once), incremental=True)
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    appended = buffer.getvalue()
    assert appended.startswith(signed_once)
    (report,) = verify_signatures(appended, trust_roots=[_asn1(ca)])
    assert report.intact  # the signed revision itself is untouched...
    assert report.changes is Changes.FORBIDDEN and not report.ok  # ...but a page came after it


def test_a_wrong_password_is_refused(
    unsigned_pdf: tuple[bytes, list[dict[str, object]]], signer_p12: bytes
) -> None:
    data, fields = unsigned_pdf
    with pytest.raises(SigningError) as caught:
        sign_pdf(data, p12=signer_p12, password="salah", field=str(fields[0]["field"]))
    assert caught.value.ids == ["tte.p12_unreadable"]
    assert "kata sandinya salah" in str(caught.value)


def test_an_expired_certificate_cannot_sign_and_its_signature_fails(
    ca: Authority, folder: Path, unsigned_pdf: tuple[bytes, list[dict[str, object]]]
) -> None:
    data, fields = unsigned_pdf
    expired = ca.p12(folder, "Kedaluwarsa", PASSWORD, expired=True).read_bytes()
    with pytest.raises(SigningError) as caught:
        sign_pdf(data, p12=expired, password=PASSWORD, field=str(fields[0]["field"]))
    assert caught.value.ids == ["tte.cert_not_valid_now"]
    # a signature made with it anyway (pyHanko directly) does not verify
    signed = _sign_without_checks(data, expired, str(fields[0]["field"]))
    (report,) = verify_signatures(signed, trust_roots=[_asn1(ca)])
    assert report.intact and not report.in_validity and not report.ok
    (report,) = verify_signatures(signed)  # even without a trust root
    assert not report.ok


def test_a_certificate_from_another_root_is_untrusted(ca: Authority, signed_once: bytes) -> None:
    other = Authority.create("Root CA Lain")
    (report,) = verify_signatures(signed_once, trust_roots=[_asn1(other)])
    assert report.intact and report.chain is Chain.UNTRUSTED and not report.ok
    (report,) = verify_signatures(signed_once)  # no root given: the chain is not checked
    assert report.chain is Chain.UNCHECKED and report.ok


def test_unknown_and_signed_fields_are_refused(
    signed_once: bytes, signer_p12: bytes, unsigned_pdf: tuple[bytes, list[dict[str, object]]]
) -> None:
    _, fields = unsigned_pdf
    with pytest.raises(SigningError) as caught:
        sign_pdf(signed_once, p12=signer_p12, password=PASSWORD, field="tidak-ada")
    assert caught.value.ids == ["tte.field_unknown"]
    assert str(fields[1]["field"]) in str(caught.value)
    with pytest.raises(SigningError) as caught:
        sign_pdf(signed_once, p12=signer_p12, password=PASSWORD, field=str(fields[0]["field"]))
    assert caught.value.ids == ["tte.field_signed"]


def test_sign_and_verify_on_the_command_line(
    ca: Authority,
    folder: Path,
    unsigned_pdf: tuple[bytes, list[dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, fields = unsigned_pdf
    pdf = folder / "ba.pdf"
    pdf.write_bytes(data)
    p12 = ca.p12(folder, "Jerry Manafe", PASSWORD)
    root = ca.pem(folder)
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    field = str(fields[2]["field"])
    assert main(["sign", str(pdf), "--p12", str(p12), "--field", field]) == 0
    out = capsys.readouterr().out
    assert f"kolom '{field}' sudah ditandatangani" in out
    assert PASSWORD not in out
    assert main(["verify", str(pdf), "--trust", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"Tanda tangan 1: kolom '{field}'" in out
    assert "isi yang ditandatangani: utuh" in out
    assert "sampai ke sertifikat akar tepercaya" in out
    assert "hasil: semua tanda tangan (1) utuh dan sah" in out
    # tampered: exit 1 with the reason
    tampered = bytearray(pdf.read_bytes())
    tampered[tampered.index(b"/Title") + 10] ^= 0x01
    pdf.write_bytes(bytes(tampered))
    assert main(["verify", str(pdf), "--trust", str(root)]) == 1
    captured = capsys.readouterr()
    assert "TIDAK SAH" in captured.err
    # a wrong password: exit 2, an Indonesian message, no traceback
    monkeypatch.setenv(PASSWORD_VARIABLE, "salah")
    pdf.write_bytes(data)
    assert main(["sign", str(pdf), "--p12", str(p12), "--field", field]) == 2
    err = capsys.readouterr().err
    assert "kata sandinya salah" in err and "Traceback" not in err
    # no signature at all: exit 1
    assert main(["verify", str(pdf)]) == 1
    assert "tidak memuat tanda tangan elektronik" in capsys.readouterr().err


def test_the_password_is_never_an_argument() -> None:
    from rembuk_docs.cli import build_parser

    parser = build_parser()
    for action in parser._subparsers._group_actions[0].choices["sign"]._actions:  # type: ignore[union-attr]
        assert not any("pass" in option for option in action.option_strings)


def test_an_unreadable_trust_root_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "root.pem"
    bad.write_text("bukan sertifikat", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_trust_roots([str(bad)])
    (problem,) = caught.value.problems
    assert problem.id == "tte.trust_unreadable"
    with use_language("id"):
        shown = problem.message
    assert shown == (
        "sertifikat akar (--trust) tidak dapat dibaca; berikan berkas sertifikat PEM atau DER"
    )
    with use_language("en"):
        english = problem.message
    assert english.startswith("the trust root (--trust) cannot be read; give a PEM or DER")
    assert len(english) > len("the trust root (--trust) cannot be read; give a PEM or DER") + 30


def test_a_file_that_is_no_pdf_is_named_in_indonesian_without_pyhanko_wording() -> None:
    with pytest.raises(SigningError) as caught:
        verify_signatures(b"bukan PDF sama sekali", where="surat.pdf")
    (problem,) = caught.value.problems
    assert problem.id == "tte.not_a_pdf"
    with use_language("id"):
        assert problem.message == (
            "berkas ini tidak dapat dibaca sebagai PDF; periksa nama berkasnya"
        )
    with use_language("en"):
        assert problem.message.startswith(
            "this file cannot be read as a PDF; check the file name: "
        )


def _asn1(ca: Authority) -> object:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))


def _sign_without_checks(data: bytes, p12: bytes, field: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12_data(
        p12, other_certs=[], passphrase=PASSWORD.encode()
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES
    )
    output = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(data), strict=False), metadata, signer=signer
    )
    return bytes(output.getvalue())


class _TimestampServer:
    """An RFC 3161 timestamp server on the loopback address, answering with pyHanko's
    DummyTimeStamper (a TSA certificate issued by the test CA); it counts the requests."""

    def __init__(self, ca: Authority) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        from asn1crypto import keys, tsp
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        key, cert = ca.issue("TSA Uji", timestamping=True)
        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            tsa_key=keys.PrivateKeyInfo.load(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
        )
        server = self
        self.requests = 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                request = tsp.TimeStampReq.load(self.rfile.read(length))
                body = stamper.request_tsa_response(request).dump()
                server.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/tsa"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def test_with_a_timestamp_server_the_signature_is_pades_b_t(
    ca: Authority,
    folder: Path,
    unsigned_pdf: tuple[bytes, list[dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, fields = unsigned_pdf
    server = _TimestampServer(ca)
    try:
        pdf = folder / "ba-bt.pdf"
        pdf.write_bytes(data)
        p12 = ca.p12(folder, "Dengan Cap Waktu", PASSWORD)
        monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
        field = str(fields[0]["field"])
        args = ["sign", str(pdf), "--p12", str(p12), "--field", field, "--tsa", server.url]
        assert main(args) == 0
        assert server.requests >= 1
    finally:
        server.close()
    (report,) = verify_signatures(pdf.read_bytes(), trust_roots=[_asn1(ca)])
    assert report.timestamped and report.time is not None and report.ok
    capsys.readouterr()
    assert main(["verify", str(pdf), "--trust", str(ca.pem(folder))]) == 0
    assert "cap waktu dari server TSA" in capsys.readouterr().out


def test_without_the_variable_the_password_is_asked_for_without_echo(
    ca: Authority,
    folder: Path,
    unsigned_pdf: tuple[bytes, list[dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import getpass

    data, fields = unsigned_pdf
    pdf = folder / "ba-getpass.pdf"
    pdf.write_bytes(data)
    p12 = ca.p12(folder, "Ditanya", PASSWORD)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    prompts: list[str] = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return PASSWORD

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(getpass, "getpass", ask)
    monkeypatch.setattr("sys.stdin", Terminal())
    out = folder / "ba-getpass-ttd.pdf"
    field = str(fields[0]["field"])
    assert main(["sign", str(pdf), "--p12", str(p12), "--field", field, "--out", str(out)]) == 0
    assert prompts == ["Kata sandi sertifikat: "]
    assert pdf.read_bytes() == data  # --out: the original stays as it was
    assert verify_signatures(out.read_bytes())[0].intact

    # no terminal (a pipe, CI): getpass is not used, the message names the variable
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    prompts.clear()
    assert main(["sign", str(pdf), "--p12", str(p12), "--field", field]) == 2
    assert PASSWORD_VARIABLE in capsys.readouterr().err and not prompts
    # an unknown field is refused before any password is asked
    monkeypatch.setattr("sys.stdin", Terminal())
    assert main(["sign", str(pdf), "--p12", str(p12), "--field", "tidak-ada"]) == 2
    assert not prompts and "tidak memiliki kolom tanda tangan" in capsys.readouterr().err
