"""The writers' XML escaping gives exactly xml.sax.saxutils' output (it avoids importing it)."""

from __future__ import annotations

import subprocess
import sys
from xml.sax import saxutils

import pytest

from rembuk_docs.writers.xml_text import attribute_value, escape, quoteattr

SAMPLES = [
    "",
    "Bupati Kupang",
    "A & B <c> d",
    'dia berkata "ya"',
    "it's",
    "both \" and ' here",
    "tab\there\nnew line\r\ncarriage",
    "&amp; already",
    "Ñ e\u0301 \u2028 emoji \U0001f600",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_escape_and_quoteattr_match_saxutils(text: str) -> None:
    assert escape(text) == saxutils.escape(text)
    assert quoteattr(text) == saxutils.quoteattr(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_attribute_value_is_what_lxml_writes_between_its_quotes(text: str) -> None:
    from lxml import etree

    element = etree.Element("e")
    element.set("a", text)
    written = etree.tostring(element, encoding="unicode")
    assert written == f'<e a="{attribute_value(text)}"/>'


def test_rendering_does_not_import_urllib_request() -> None:
    code = (
        "import sys, rembuk_docs.rendering, rembuk_docs.writers.docx_writer, "
        "rembuk_docs.writers.pdf_writer, rembuk_docs.writers.pdfa, rembuk_docs.writers.docx_table; "
        "print('urllib.request' in sys.modules, 'xml.sax.saxutils' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
