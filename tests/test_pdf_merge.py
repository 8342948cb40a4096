"""writers/pdf_merge.py: merging plain PDFs object by object, references renumbered, the rest as is."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from rembuk_docs.writers.pdf_merge import NotPlainPdfError, PdfMerger, plain, text_string

TRICKY = rb"(see 3 0 R \) stream (nested 4 0 R) \\)"
"""A literal string holding what looks like references, a stream keyword and parentheses."""


def _pdf(objects: list[bytes], *, trailer: bytes = b"/Root 1 0 R") -> bytes:
    """A PDF with ``objects`` as objects 1, 2, ... and a classic cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d %s >>\n" % (len(objects) + 1, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


NOTE = b"/Note (a stream\n5 0 R) % a comment: 6 0 R stream\n"
"""Entries of a stream dictionary: a string and a comment that hold a 'stream' keyword; a
reference follows them (/Res, the font)."""


def _content(text: bytes) -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return b"<< /Length %d %s /Res 5 0 R >>\nstream\n%s\nendstream" % (len(stream), NOTE, stream)


def _document(text: bytes) -> bytes:
    """One page inheriting its media box and resources from the page tree, with a text
    annotation whose contents is :data:`TRICKY`, and a document information and an object
    no page reaches."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] /MediaBox [0 0 300 400]"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [6 0 R] >>",
            _content(text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Annot /Subtype /Text /Rect [10 10 20 20] /P 3 0 R /Contents "
            + TRICKY
            + b">>",
            b"<< /Title (Not kept) >>",
            b"<< /Orphan true >>",
        ],
        trailer=b"/Root 1 0 R /Info 7 0 R",
    )


def _merged(*documents: bytes) -> bytes:
    merger = PdfMerger()
    for document in documents:
        merger.append(document)
    info = merger.add(b"<< /Title %s >>" % text_string("Paket"))
    return merger.write(b"/PageMode /UseNone", info=info, identifier=bytes(range(16)))


def test_pages_come_in_order_with_what_they_inherit() -> None:
    reader = PdfReader(io.BytesIO(_merged(_document(b"first"), _document(b"second"))))
    assert [page.extract_text() for page in reader.pages] == ["first", "second"]
    for page in reader.pages:
        assert [float(v) for v in page.mediabox] == [0, 0, 300, 400]
        assert page["/Resources"]["/Font"]["/F1"]["/BaseFont"] == "/Helvetica"
    assert reader.metadata is not None and reader.metadata.title == "Paket"
    assert bytes(reader.trailer["/ID"][0].original_bytes) == bytes(range(16))


def test_strings_are_copied_and_references_renumbered() -> None:
    data = _merged(_document(b"first"), _document(b"second"))
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        (annotation,) = page["/Annots"]
        annotation = annotation.get_object()
        assert annotation["/Contents"] == "see 3 0 R ) stream (nested 4 0 R) \\"
        assert page["/Contents"].get_object()["/Res"]["/BaseFont"] == "/Helvetica"
        assert annotation.raw_get("/P").idnum == page.indirect_reference.idnum  # type: ignore[union-attr]
    assert data.count(TRICKY) == 2
    assert data.count(NOTE) == 2


def test_only_what_the_pages_reach_is_kept() -> None:
    data = _merged(_document(b"first"), _document(b"second"))
    assert b"Orphan" not in data and b"Not kept" not in data
    # catalog, root of the page tree, per document 5 objects (tree, page, content, font,
    # annotation), the information
    assert len(re.findall(rb"\d+ 0 obj", data)) == 2 + 2 * 5 + 1


def test_an_incremental_update_is_not_plain_and_pypdf_makes_it_plain() -> None:
    document = _document(b"first")
    updated = document.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev 9")
    with pytest.raises(NotPlainPdfError, match="incremental update"):
        PdfMerger().append(updated)
    reader = PdfReader(io.BytesIO(_merged(plain(document), document)))
    assert [page.extract_text() for page in reader.pages] == ["first", "first"]


@pytest.mark.parametrize(
    ("damage", "match"),
    [
        (lambda d: d.replace(b"\nxref\n", b"\nXref\n"), "no classic cross-reference table"),
        (lambda d: d.replace(b"3 0 obj", b"3 1 obj"), "object 3 0 is not where the table says"),
        (lambda d: d.replace(b"/Count 1", b"/Count 2"), "/Count"),
        (lambda d: d[:-20], "startxref"),
    ],
)
def test_a_damaged_file_is_refused(damage: Callable[[bytes], bytes], match: str) -> None:
    with pytest.raises(NotPlainPdfError, match=match):
        PdfMerger().append(damage(_document(b"first")))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Notulen", b"(Notulen)"),
        ("a (b) \\ c", b"(a \\(b\\) \\\\ c)"),
        ("Dokumen — é", b"<feff0044006f006b0075006d0065006e00202014002000e9>"),
    ],
)
def test_text_strings(text: str, written: bytes) -> None:
    assert text_string(text) == written
