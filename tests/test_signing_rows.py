"""Rows someone signs in (lembar tanda tangan, daftar hadir) are at least 1.5 cm tall, measured in
the native PDF, in the DOCX's w:trHeight and in the DOCX as LibreOffice lays it out (issue 12.8)."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from typing import Any

import pytest
from pypdf import PdfReader

import rembuk_docs

from conftest import needs_tool

LABEL = re.compile(r"^(\d+)\. \.{3,}")
MIN_PT = 1.5 * 72 / 2.54  # 1.5 cm in points
MIN_TWIPS = 1.5 / 2.54 * 1440  # 1.5 cm in twentieths of a point
SIGNING = ["lembar-tanda-tangan", "daftar-hadir"]


def row_pitches(pdf: bytes) -> list[float]:
    """The distance between the signature labels ('3. ......') of neighbouring rows on each page:
    every label sits at the same place in its row, so this is the height of the rows."""
    pitches: list[float] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found = _labels(page)
        for (number, top), (following, below) in itertools.pairwise(found):
            assert following == number + 1
            pitches.append(top - below)
    return pitches


def _labels(page: Any) -> list[tuple[int, float]]:
    """The signature labels of a page with the height they are drawn at, top first."""
    found: list[tuple[int, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        match = LABEL.match(text.strip())
        if match:
            found.append((int(match.group(1)), tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def _signing_rows(rembuk: rembuk_docs.Rembuk, document: str) -> int:
    if document == "lembar-tanda-tangan":
        return len(rembuk.signatories)
    # the attendees and the blank rows as fitted to the pages (compose.layout.fit_to_pages)
    from rembuk_docs.compose.blocks import DataTable
    from rembuk_docs.rendering import compose_documents, resolve_pack

    (composed,) = compose_documents(rembuk, resolve_pack(rembuk), [document])
    (table,) = [block for block in composed.blocks if isinstance(block, DataTable)]
    assert len(table.rows) >= len(rembuk.attendees) + rembuk.attendance.blank_rows - 8
    return len(table.rows)


@pytest.mark.parametrize("document", SIGNING)
def test_signing_rows_are_at_least_one_and_a_half_cm_in_the_pdf_and_the_docx(
    kupang: rembuk_docs.Rembuk, document: str
) -> None:
    pitches = row_pitches(rembuk_docs.render_bytes(kupang, document, "pdf"))
    assert len(pitches) >= 5
    assert min(pitches) >= MIN_PT - 0.01, min(pitches)
    xml = zipfile.ZipFile(io.BytesIO(rembuk_docs.render_bytes(kupang, document, "docx"))).read(
        "word/document.xml"
    )
    heights = [int(v) for v in re.findall(rb'<w:trHeight w:val="(\d+)" w:hRule="atLeast"/>', xml)]
    # every signing row has its height (the header row, the kop and the fields have none)
    assert len(heights) == _signing_rows(kupang, document) >= 5
    assert min(heights) >= MIN_TWIPS


@needs_tool("soffice")
@pytest.mark.parametrize("document", SIGNING)
def test_signing_rows_keep_their_height_when_libreoffice_lays_out_the_docx(
    kupang: rembuk_docs.Rembuk, document: str
) -> None:
    from rembuk_docs.writers.libreoffice import docx_to_pdf

    laid_out = docx_to_pdf(rembuk_docs.render_bytes(kupang, document, "docx"), name=document)
    pitches = row_pitches(laid_out)
    assert len(pitches) >= 5
    assert min(pitches) >= MIN_PT - 0.05, min(pitches)
