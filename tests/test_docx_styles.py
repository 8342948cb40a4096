"""Real Word paragraph styles: a secretary editing the DOCX sees titles, headings, body text, list
items, the kop and the signatures as styles of their own in Word's gallery, and changes them all
at once; the paragraphs carry direct formatting only where they depart from their style."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx

import rembuk_docs
from rembuk_docs.compose import composer
from rembuk_docs.compose.blocks import Paragraph, TextStyle, Title, inline_text
from rembuk_docs.formats import load_pack
from rembuk_docs.writers.docx_styles import BODY, HEADING, KOP, LIST, NUMBER, SIGNATURE, TITLE

from conftest import SAMPLES, definition_samples, normalise, sample_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(data: bytes) -> list[Any]:
    """Every paragraph of the body, those in tables included, as python-docx paragraphs."""
    from docx.text.paragraph import Paragraph as WordParagraph

    document = open_docx(io.BytesIO(data))
    return [WordParagraph(p, document.part) for p in document.element.body.iter(f"{W}p")]


def _styled(data: bytes) -> Counter[str]:
    """How many paragraphs with text each style has."""
    return Counter(p.style.name for p in _paragraphs(data) if p.text.strip())


@pytest.mark.parametrize("sample", definition_samples(), ids=lambda p: p.stem)
def test_every_paragraph_with_text_has_a_style_of_its_kind(sample: Path) -> None:
    for name, data in sample_pack(sample.stem, "docx").items():
        # nothing is left in Normal but the cells of 'Label : value' blocks and tables
        assert sum(_styled(data).values()) > 0, name
        plain = [
            p.text
            for p in _paragraphs(data)
            if p.text.strip() and p.style.name == "Normal" and p._p.getparent().tag != f"{W}tc"
        ]
        assert plain == [], name


def test_titles_headings_and_body_text_are_their_word_styles(kupang: rembuk_docs.Rembuk) -> None:
    pack = load_pack(kupang.format_pack)
    composed = composer("notulen")(kupang, pack)
    docx = rembuk_docs.render_bytes(kupang, "notulen", "docx")
    paragraphs = [p for p in _paragraphs(docx) if p.text.strip()]
    by_style: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(normalise(paragraph.text))
    title = next(block for block in composed.blocks if isinstance(block, Title))
    assert " ".join(by_style[TITLE]) == normalise(" ".join(title.lines))
    headings = [
        normalise(inline_text(block.content))
        for block in composed.blocks
        if isinstance(block, Paragraph) and block.style is TextStyle.HEADING
    ]
    assert headings and by_style[HEADING] == headings  # 'A. Agenda', 'B. Sambutan ...'
    assert "A. Agenda" in headings
    assert any(text.startswith("Rapat ditutup") for text in by_style[BODY])
    # the heading's runs are bold through their style, not each run's own formatting
    for paragraph in paragraphs:
        if paragraph.style.name == HEADING:
            assert all(run.bold is None for run in paragraph.runs), paragraph.text
            assert paragraph.paragraph_format.keep_with_next is None  # the style keeps it


def test_the_styles_look_as_the_pdf_does_not_as_the_template(kupang_docx: bytes) -> None:
    """Word's built-in Title and Heading 1 are redefined: the pack's font, black, no rule."""
    styles = open_docx(io.BytesIO(kupang_docx)).styles
    for name in (TITLE, HEADING, BODY, LIST, NUMBER, KOP, SIGNATURE):
        style = styles[name]
        xml = style.element.xml
        assert "themeColor" not in xml and "majorHAnsi" not in xml and "pBdr" not in xml, name
        assert style.base_style.name == "Normal", name
        assert style.font.size is None, name  # the pack's body size, from Normal
    assert styles[TITLE].font.bold and styles[HEADING].font.bold
    assert not styles[BODY].font.bold
    assert styles[BODY].paragraph_format.alignment == 3  # justified, as the PDF sets it
    assert styles[TITLE].paragraph_format.alignment == 1  # centred
    assert styles[HEADING].paragraph_format.keep_with_next
    assert styles[HEADING].element.find(f"{W}pPr/{W}outlineLvl") is not None
    normal = styles["Normal"]
    assert normal.font.name == load_pack("kupang").font.docx_name


def test_body_paragraphs_format_directly_only_what_departs_from_their_style(
    kupang_docx: bytes,
) -> None:
    body = [p for p in _paragraphs(kupang_docx) if p.style.name == BODY]
    assert body
    for paragraph in body:
        ppr = paragraph._p.pPr
        assert ppr.find(f"{W}jc") is None, paragraph.text  # justified by the style
    # the closing sentence keeps with the signatures: the one thing it sets itself
    closing = next(p for p in body if p.text.startswith("Demikian"))
    assert closing.paragraph_format.keep_with_next


def test_a_desa_pack_is_styled_too(tmp_path: Path) -> None:
    from rembuk_docs.batch import render_batch

    sheet, template = SAMPLES / "desa-kupang.xlsx", SAMPLES / "rembuk-desa.yaml"
    result = render_batch(sheet, template, tmp_path, formats=["docx"])
    assert result.exit_code == 0
    first = sorted(path for path in tmp_path.iterdir() if path.is_dir())[0]
    styles = _styled((first / "berita-acara.docx").read_bytes())
    assert styles[TITLE] and styles[BODY] and styles[SIGNATURE] and styles[KOP] >= 3
