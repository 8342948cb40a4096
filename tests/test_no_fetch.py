"""No outbound fetch, ever: a pack template that refers to anything outside itself is refused."""

from __future__ import annotations

import http.server
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.errors import FormatPackError
from rembuk_docs.linting import lint_pack

from conftest import needs_tool


def _rewrite(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, change(name, data))


def _pack(folder: Path, url: str, kind: str) -> Path:
    """A pack whose kesepakatan.docx refers to ``url`` the way ``kind`` says."""
    from docx import Document

    folder.mkdir(parents=True)
    (folder / "format.toml").write_text('extends = "kupang"\n', encoding="utf-8")
    word = Document()
    word.add_paragraph("KESEPAKATAN BERSAMA")
    from PIL import Image

    png = folder.parent / "logo.png"
    Image.new("RGB", (40, 40), "navy").save(png)
    word.add_picture(str(png))
    path = folder / "kesepakatan.docx"
    word.save(str(path))

    def change(name: str, data: bytes) -> bytes:
        if kind == "image" and name == "word/_rels/document.xml.rels":
            return re.sub(
                rb'Target="media/[^"]+"',
                f'Target="{url}/logo.png" TargetMode="External"'.encode(),
                data,
            )
        if kind == "image" and name == "word/document.xml":
            return data.replace(b"r:embed=", b"r:link=")
        if kind in ("includepicture", "includetext", "hyperlink") and name == "word/document.xml":
            field = {
                "includepicture": f'<w:fldSimple w:instr=" INCLUDEPICTURE &quot;{url}/x.png&quot; '
                '\\d "><w:r><w:t>x</w:t></w:r></w:fldSimple>',
                "includetext": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
                f' INCLUDE</w:instrText></w:r><w:r><w:instrText>TEXT "{url}/x.docx" </w:instrText>'
                '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
                "hyperlink": "<w:r><w:t>lihat situs</w:t></w:r>",
            }[kind]
            return data.replace(
                b"<w:t>KESEPAKATAN BERSAMA</w:t></w:r>",
                b"<w:t>KESEPAKATAN BERSAMA</w:t></w:r>" + field.encode(),
            )
        if kind == "hyperlink" and name == "word/_rels/document.xml.rels":
            return data.replace(
                b"</Relationships>",
                f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
                f'2006/relationships/hyperlink" Target="{url}/" TargetMode="External"/>'
                "</Relationships>".encode(),
            )
        if kind == "ole" and name == "word/document.xml":
            return data.replace(
                b"<w:t>KESEPAKATAN BERSAMA</w:t></w:r>",
                b"<w:t>KESEPAKATAN BERSAMA</w:t></w:r><w:r><w:object><o:OLEObject "
                b'xmlns:o="urn:schemas-microsoft-com:office:office" Type="Link" ProgID="Excel.Sheet.12"'
                b' ShapeID="_x0000_i1025" DrawAspect="Content" UpdateMode="Always"/></w:object></w:r>',
            )
        return data

    _rewrite(path, change)
    return folder


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def listener() -> Iterator[str]:
    """A loopback HTTP server; the test fails if anything asks it for anything."""
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.seen == [], f"fetched: {_Recorder.seen}"


@pytest.mark.parametrize("kind", ["image", "includepicture", "includetext", "ole"])
def test_a_template_that_fetches_is_refused_by_render_and_lint(
    kind: str, tmp_path: Path, kupang: Rembuk, listener: str
) -> None:
    pack = _pack(tmp_path / "pack", listener, kind)
    with pytest.raises(FormatPackError) as caught:
        rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=pack)
    (problem,) = caught.value.problems
    assert problem.location.endswith("kesepakatan.docx")
    assert problem.id.startswith("limits.external.")
    assert any(
        p.location.endswith("kesepakatan.docx") and p.id == problem.id for p in lint_pack(pack)
    )


def test_a_hyperlink_is_not_a_fetch(tmp_path: Path, kupang: Rembuk, listener: str) -> None:
    pack = _pack(tmp_path / "pack", listener, "hyperlink")
    data = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=pack)
    assert data.startswith(b"PK")


@needs_tool("soffice")
@pytest.mark.parametrize("kind", ["image", "includepicture"])
def test_converting_to_pdf_fetches_nothing(
    kind: str, tmp_path: Path, kupang: Rembuk, listener: str
) -> None:
    pack = _pack(tmp_path / "pack", listener, kind)
    out = tmp_path / "out"
    with pytest.raises(FormatPackError):
        rembuk_docs.render(kupang, out, documents=["kesepakatan"], format_pack=pack)
    assert not out.exists()


# Spellings a regular expression over the raw bytes missed (found by hard18): each of the four
# relationship variants made LibreOffice fetch the image twice during conversion to PDF.
_DOC = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _into_body(parts: dict[str, bytes], xml: str) -> None:
    body = parts[_DOC]
    end = body.index(b"</w:p>")
    parts[_DOC] = body[:end] + xml.encode() + body[end:]


def _linked_image(parts: dict[str, bytes], mode: bytes = b'TargetMode="External"') -> None:
    parts[_RELS] = parts[_RELS].replace(b'Target="media/image1.png"', b'Target="URL/f.png" ' + mode)
    for name in [n for n in parts if n.startswith("word/header")]:
        parts[name] = parts[name].replace(b'r:embed="rId4"', b'r:link="rId4"')


def _variant(kind: str, parts: dict[str, bytes]) -> None:
    if kind == "single-quoted-instr":
        _into_body(
            parts,
            "<w:fldSimple w:instr=' INCLUDEPICTURE \"URL/b.png\" \\d '>"
            "<w:r><w:t>x</w:t></w:r></w:fldSimple>",
        )
    elif kind == "other-prefix":
        run = f'<q:r xmlns:q="{_W}">'
        _into_body(
            parts,
            f'{run}<q:fldChar q:fldCharType="begin"/></q:r>{run}<q:instrText> INCLUDETEXT '
            f'"URL/d.docx" </q:instrText></q:r>{run}<q:fldChar q:fldCharType="end"/></q:r>',
        )
    elif kind == "character-reference-field":
        _into_body(
            parts,
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDE&#80;ICTURE'
            ' "URL/c.png" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )
    elif kind == "character-reference-mode":
        _linked_image(parts, b'TargetMode="&#69;xternal"')
    elif kind == "hyperlink-used-as-image":
        _linked_image(parts)
        parts[_RELS] = parts[_RELS].replace(b'relationships/image"', b'relationships/hyperlink"')
    elif kind == "prefixed-relationship":
        _linked_image(parts)
        parts[_RELS] = (
            parts[_RELS]
            .replace(b'<Relationships xmlns="', b'<pr:Relationships xmlns:pr="')
            .replace(b"<Relationship ", b"<pr:Relationship ")
            .replace(b"</Relationships>", b"</pr:Relationships>")
        )
    elif kind == "utf-16-relationships":
        _linked_image(parts)
        parts[_RELS] = (
            parts[_RELS].decode().replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16")
        )
    elif kind == "part-not-named-xml":
        _into_body(
            parts,
            '<w:fldSimple w:instr=" INCLUDEPICTURE &quot;URL/g.png&quot; "><w:r><w:t>x</w:t>'
            "</w:r></w:fldSimple>",
        )
        parts["word/document.dat"] = parts.pop(_DOC)
        parts["word/_rels/document.dat.rels"] = parts.pop(_RELS)
        for name in ("[Content_Types].xml", "_rels/.rels"):
            parts[name] = parts[name].replace(b"word/document.xml", b"word/document.dat")
    else:
        raise AssertionError(kind)


def _variant_pack(folder: Path, url: str, kind: str) -> Path:
    from rembuk_docs.formats.loader import templates_root

    source = templates_root() / "kupang-word" / "kesepakatan.docx"
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    _variant(kind, parts)
    folder.mkdir(parents=True)
    (folder / "format.toml").write_text('extends = "kupang"\n', encoding="utf-8")
    with zipfile.ZipFile(folder / "kesepakatan.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.replace(b"URL", url.encode()))
    return folder


_SPELLINGS = [
    "single-quoted-instr",
    "other-prefix",
    "character-reference-field",
    "character-reference-mode",
    "hyperlink-used-as-image",
    "prefixed-relationship",
    "utf-16-relationships",
    "part-not-named-xml",
]


@pytest.mark.parametrize("kind", _SPELLINGS)
def test_a_reference_spelt_differently_is_still_refused(
    kind: str, tmp_path: Path, kupang: Rembuk, listener: str
) -> None:
    pack = _variant_pack(tmp_path / "pack", listener, kind)
    lint_ids = {p.id for p in lint_pack(pack) if p.location.endswith("kesepakatan.docx")}
    assert any(i.startswith("limits.external.") for i in lint_ids), lint_ids
    with pytest.raises(FormatPackError) as caught:
        rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=pack)
    assert all(p.id.startswith("limits.external.") for p in caught.value.problems)
    assert "mengambil" in str(caught.value.problems[0].message)  # Indonesian by default


@needs_tool("soffice")
@pytest.mark.parametrize("kind", ["hyperlink-used-as-image", "utf-16-relationships"])
def test_converting_a_differently_spelt_link_fetches_nothing(
    kind: str, tmp_path: Path, kupang: Rembuk, listener: str
) -> None:
    pack = _variant_pack(tmp_path / "pack", listener, kind)
    out = tmp_path / "out"
    with pytest.raises(FormatPackError):
        rembuk_docs.render(kupang, out, documents=["kesepakatan"], format_pack=pack)
    assert not out.exists()


def test_a_field_spelt_by_a_template_tag_is_refused_once_rendered(
    tmp_path: Path, kupang: Rembuk, listener: str
) -> None:
    """The source holds no field name; the rendered file would, and LibreOffice reads that."""
    pack = _pack(tmp_path / "pack", listener, "hyperlink")
    _rewrite(
        pack / "kesepakatan.docx",
        lambda name, data: (
            data.replace(
                b"<w:t>KESEPAKATAN BERSAMA</w:t></w:r>",
                b'<w:t>KESEPAKATAN BERSAMA</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/>'
                b'</w:r><w:r><w:instrText> {{ "INCL" ~ "UDEPICTURE" }} "'
                + listener.encode()
                + b'/x.png" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
            )
            if name == _DOC
            else data
        ),
    )
    with pytest.raises(FormatPackError) as caught:
        rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=pack)
    assert [p.id for p in caught.value.problems] == ["limits.external.field"]
    assert "INCLUDEPICTURE" in str(caught.value.problems[0].message)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("xxe", "limits.word.dtd"),
        ("billion-laughs", "limits.word.dtd"),
        ("truncated-part", "limits.word.broken_part"),
    ],
)
def test_hostile_or_damaged_xml_in_a_word_template_is_bad_input(
    kind: str, expected: str, tmp_path: Path, kupang: Rembuk
) -> None:
    pack = _pack(tmp_path / "pack", "http://127.0.0.1:9", "hyperlink")
    laughs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    declaration = {
        "xxe": '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        "billion-laughs": f"<!DOCTYPE w:document [{laughs}]>",
    }

    def change(name: str, data: bytes) -> bytes:
        if name != _DOC:
            return data
        if kind == "truncated-part":
            return data[: len(data) // 2]
        entity = b"&x;" if kind == "xxe" else b"&j;"
        data = data.replace(b"<w:document", declaration[kind].encode() + b"<w:document", 1)
        return data.replace(b"</w:t>", entity + b"</w:t>", 1)

    _rewrite(pack / "kesepakatan.docx", change)
    with pytest.raises(FormatPackError) as caught:
        rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=pack)
    assert [p.id for p in caught.value.problems] == [expected]
    assert any(p.id == expected for p in lint_pack(pack))
