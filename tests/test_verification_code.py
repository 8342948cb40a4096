"""The verification code: SHA-256 of the definition and the document's name, printed as a short
code and a QR code on every document's last page; the QR code's modules, read back from the
page, are exactly the QR code of that hash; verify --definition recomputes it offline."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.errors import FormatPackError
from rembuk_docs.verification_code import (
    canonical_content,
    codes_in,
    digest,
    hash_in_payload,
    payload,
    short_code,
)
from rembuk_docs.writers.pdf_verification import qr_matrix

from conftest import SAMPLES, definition_samples, pdf_pages


def qr_modules_on_page(data: bytes, page_number: int) -> tuple[tuple[bool, ...], ...]:
    """The QR code drawn on page ``page_number`` (from 1), read back from its content stream:
    the dark modules are the page's smallest equal squares ('re' operators), put on their grid."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[page_number - 1]
        squares = [
            tuple(float(value) for value in operands)
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "re" and abs(float(operands[2]) - float(operands[3])) < 1e-6
        ]
    size = min(square[2] for square in squares)
    modules = [square for square in squares if abs(square[2] - size) < 1e-6]
    xs = [square[0] for square in modules]
    ys = [square[1] for square in modules]
    columns = round((max(xs) - min(xs)) / size) + 1
    rows = round((max(ys) - min(ys)) / size) + 1
    dark = {
        (round((max(ys) - y) / size), round((x - min(xs)) / size))
        for x, y in zip(xs, ys, strict=True)
    }
    return tuple(tuple((row, column) in dark for column in range(columns)) for row in range(rows))


def _last_page_codes(data: bytes) -> list[list[str]]:
    return [codes_in(page) for page in pdf_pages(data)]


@pytest.mark.parametrize("stem", [path.stem for path in definition_samples()])
def test_every_document_carries_its_code_on_its_last_page_only(stem: str) -> None:
    rembuk = rembuk_docs.load(SAMPLES / f"{stem}.yaml")
    files = dict(rembuk_docs.render_files(rembuk, formats=["pdf"], verification_code=True))
    assert files
    for file, data in files.items():
        name = file.removesuffix(".pdf")
        sha256 = digest(rembuk, name)
        codes = _last_page_codes(data)
        assert codes[-1] == [short_code(sha256)], file
        assert all(not page for page in codes[:-1]), file
        # the QR code on that page is the QR code of the hash
        assert qr_modules_on_page(data, len(codes)) == qr_matrix(payload(sha256, name)), file


def test_the_hash_is_of_the_canonical_content(kupang: rembuk_docs.Rembuk) -> None:
    content = canonical_content(kupang, "kesepakatan")
    version, name, body = content.decode().split("\n", 2)
    assert (version, name) == ("rembuk-docs/verifikasi/1", "kesepakatan")
    parsed = json.loads(body)
    assert parsed["event"]["name"] == kupang.event.name
    assert not any(key.endswith("_file") for key in parsed)  # where files lie is not content
    assert digest(kupang, "kesepakatan") == hashlib.sha256(content).hexdigest()
    assert digest(kupang, "kesepakatan") != digest(kupang, "berita-acara")
    sha256 = digest(kupang, "kesepakatan")
    assert hash_in_payload(payload(sha256, "kesepakatan")) == sha256
    assert len(short_code(sha256)) == 19 and short_code(sha256).count("-") == 3


def test_another_definition_gives_another_code(kupang_dict: dict[str, Any]) -> None:
    original = rembuk_docs.Rembuk.model_validate(kupang_dict)
    changed = original.model_copy(
        update={"event": original.event.model_copy(update={"name": original.event.name + " II"})}
    )
    assert digest(original, "kesepakatan") != digest(changed, "kesepakatan")


def test_verify_definition_on_the_command_line(
    kupang_dict: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    definition = SAMPLES / "kupang-2022.yaml"
    args = ["render", str(definition), "--out", str(out), "--format", "pdf"]
    assert main([*args, "--only", "kesepakatan,notulen", "--bundle", "--verification-code"]) == 0
    capsys.readouterr()
    assert main(["verify", str(out / "paket.pdf"), "--definition", str(definition)]) == 0
    printed = capsys.readouterr().out
    assert "cocok dengan definisi, dokumen 'kesepakatan'" in printed
    assert "cocok dengan definisi, dokumen 'notulen'" in printed
    # a definition changed since: the codes no longer match
    text = definition.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["event"]["name"] = data["event"]["name"] + " (diubah)"
    changed = tmp_path / "kupang-diubah.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # relative files of the sample (the pack, the spreadsheets) stay where they were
    for sibling in SAMPLES.iterdir():
        if sibling.suffix in (".csv", ".xlsx"):
            (tmp_path / sibling.name).write_bytes(sibling.read_bytes())
    assert main(["verify", str(out / "kesepakatan.pdf"), "--definition", str(changed)]) == 1
    assert "TIDAK COCOK" in capsys.readouterr().err
    # a PDF without a code
    plain = tmp_path / "polos.pdf"
    plain.write_bytes(rembuk_docs.render_bytes(rembuk_docs.load(definition), "notulen", "pdf"))
    assert main(["verify", str(plain), "--definition", str(definition)]) == 1
    assert "tidak memuat kode verifikasi" in capsys.readouterr().err


def test_a_verification_address_from_the_pack(kupang: rembuk_docs.Rembuk, tmp_path: Path) -> None:
    pack = tmp_path / "dengan-alamat"
    pack.mkdir()
    (pack / "format.toml").write_text(
        'name = "Dengan alamat"\nextends = "kupang"\n\n[pdf]\nverification_code = true\n'
        'verification_url = "https://kupangkab.go.id/verifikasi/{kode}"\n',
        encoding="utf-8",
    )
    data = rembuk_docs.render_bytes(kupang, "berita-acara", "pdf", format_pack=pack)
    sha256 = digest(kupang, "berita-acara")
    address = f"https://kupangkab.go.id/verifikasi/{short_code(sha256)}"
    last = pdf_pages(data)[-1]
    assert address in last and short_code(sha256) in last
    assert qr_modules_on_page(data, len(pdf_pages(data))) == qr_matrix(address)
    (pack / "format.toml").write_text(
        'name = "Salah"\nextends = "kupang"\n\n[pdf]\nverification_url = "https://x/{nomor}"\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatPackError, match="nomor"):
        rembuk_docs.render_bytes(kupang, "berita-acara", "pdf", format_pack=pack)


def test_the_code_is_off_by_default_and_output_stays_byte_identical(
    kupang: rembuk_docs.Rembuk,
) -> None:
    plain = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    assert not any(_last_page_codes(plain))
    marked = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", verification_code=True)
    assert marked == rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", verification_code=True)
    # the mark sits in the bottom margin: the document's own text is unchanged
    assert [page.split(" Kode verifikasi")[0] for page in pdf_pages(marked)] == pdf_pages(plain)


def test_with_pdfa_and_fields_too(kupang: rembuk_docs.Rembuk) -> None:
    from test_pdfa import assert_pdfa_2b

    files = dict(
        rembuk_docs.render_files(
            kupang,
            formats=["pdf"],
            documents=["kesepakatan"],
            bundle=True,
            pdfa=True,
            signature_fields=True,
            verification_code=True,
        )
    )
    for name in ("kesepakatan.pdf", "paket.pdf"):
        assert_pdfa_2b(files[name], form_fields=True)
        assert short_code(digest(kupang, "kesepakatan")) in pdf_pages(files[name])[-1]
