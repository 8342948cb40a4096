"""Property-based: any valid definition, whatever its text, renders every document in both formats."""

from __future__ import annotations

import copy
import io
import re
import unicodedata
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rembuk_docs
from rembuk_docs.compose import PACKS
from rembuk_docs.errors import DefinitionError, RenderWarning
from rembuk_docs.formats import load_pack
from rembuk_docs.model import RegionKind
from rembuk_docs.preflight import preflight
from rembuk_docs.rendering import resolve_pack
from rembuk_docs.writers.fonts import coverage, font_set

from conftest import docx_text, pdf_text

# What secretaries paste: markup, template syntax, quotes, %, tabs, newlines, emoji, Arabic,
# zero-width characters, Indonesian and European letters.
PIECES = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "<b>",
    "</b>",
    '<img src="http://example.invalid/x.png">',
    "{{ x }}",
    "{% if a %}",
    "{#",
    "%",
    "\t",
    "\n",
    "👶",
    "🙏",
    "بسم",
    "\u200b",
    "\ufeff",
    "é",
    "ñ",
    "Ö",
    "–",
    "Rp1.000,00",
    "24,7%",
    "Dinas",
    "Kesehatan",
    "desa",
    " ",
    "  ",
    "A" * 300,
]
TEXT = (
    st.lists(
        st.sampled_from(PIECES)
        | st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "P"]), max_size=8),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "" and unicodedata.category(s.strip()[0]) != "Cf")
)

CELL_TEXT = TEXT | st.sampled_from(["Kepala Desa " * 100, "Kesehatan " * 150])
"""Text for a table cell or a signature: up to a few thousand characters. A cell too tall for one
page is refused, and ``validate`` (the preflight, laid out) refuses it exactly when ``render``
does, at the same field."""

REGENCY_PACK = PACKS[RegionKind.KABUPATEN]
"""The full pack of a kabupaten or kota, in order: every sample here is one."""


def _pdf_form(text: str) -> str:
    """What the PDF shows of ``text``: invisible characters dropped, unknown glyphs as '?'."""
    covered = coverage(font_set(load_pack()).regular)
    out = []
    for char in text:
        if unicodedata.category(char) == "Cf":
            continue
        out.append(char if ord(char) in covered or char.isspace() else "?")
    return "".join(out)


def _squash(text: str) -> str:
    return "".join(text.split())


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pledges=st.lists(st.tuples(TEXT, st.lists(TEXT, max_size=3)), min_size=1, max_size=6),
    name=CELL_TEXT,
    attendees=st.lists(st.tuples(CELL_TEXT, CELL_TEXT), min_size=0, max_size=4),
    decision=TEXT,
    venue=TEXT,
)
def test_any_text_renders_in_every_document_and_format(
    kupang_data: dict[str, Any],
    pledges: list[tuple[str, list[str]]],
    name: str,
    attendees: list[tuple[str, str]],
    decision: str,
    venue: str,
) -> None:
    data = copy.deepcopy(kupang_data)
    data["event"]["date"] = str(data["event"]["date"])
    data["event"]["venue"] = venue
    data["agreement"]["pledges"] = [{"text": text, "items": items} for text, items in pledges]
    data["signatories"][1]["name"] = name
    data["attendees"] = [{"name": n, "position": p} for n, p in attendees]
    data["minutes"]["decisions"] = [decision]
    rembuk = rembuk_docs.from_dict(data)
    # what each document must show, in both formats, whatever the text
    expected = {
        "kesepakatan": [p.text for p in rembuk.agreement.pledges]
        + [rembuk.signatories[1].name, rembuk.event.venue],
        "lembar-tanda-tangan": [rembuk.signatories[1].name],
        "daftar-hadir": [a.name for a in rembuk.attendees] + [rembuk.event.venue],
        "notulen": [decision.strip(), rembuk.event.venue],
    }
    pack = resolve_pack(rembuk)
    for document in REGENCY_PACK:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RenderWarning)  # missing glyphs are expected here
            docx = rembuk_docs.render_bytes(rembuk, document, "docx")
            refused = preflight(rembuk, pack, [document], laid_out=True).errors
            if refused:  # validate refuses it: render refuses the same, at the same field
                with pytest.raises(DefinitionError) as caught:
                    rembuk_docs.render_bytes(rembuk, document, "pdf")
                assert caught.value.problems == refused, document
                assert [p.id for p in refused] == ["layout.field_too_long"], document
                continue
            pdf = rembuk_docs.render_bytes(rembuk, document, "pdf")
        from docx import Document
        from pypdf import PdfReader

        Document(io.BytesIO(docx))
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
        # page footers stand between the halves of a text that crosses a page
        pdf_words = _squash(re.sub(r"Halaman \d+ dari \d+", "", pdf_text(pdf)))
        docx_words = _squash(docx_text(docx))
        for text in expected.get(document, []):
            assert _squash(text) in docx_words, (document, text)
            assert _squash(_pdf_form(text)) in pdf_words, (document, text)


def test_five_hundred_pledges_render(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["agreement"]["pledges"] = [
        {"text": f"Pernyataan nomor {i}."} for i in range(1, 501)
    ]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    text = pdf_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
    assert "500. Pernyataan nomor 500." in text
    assert len(docx_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx"))) > 10000
