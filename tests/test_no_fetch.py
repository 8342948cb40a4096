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
