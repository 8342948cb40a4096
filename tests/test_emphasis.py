"""Foreign terms in italics, decided once in composition for both writers (issue #12; PUEBI:
huruf miring for a term of another language): the pack lists them ([font] italic_terms)."""

from __future__ import annotations

import io
from datetime import date

import rembuk_docs
from rembuk_docs.compose.blocks import Document, ListItem, NumberedList, Paragraph, Run
from rembuk_docs.compose.emphasis import italic_terms
from rembuk_docs.formats import load_pack
from rembuk_docs.rendering import compose_documents, resolve_pack

from conftest import SAMPLES


def _document(*blocks: Paragraph | NumberedList) -> Document:
    return Document("uji", "Uji", blocks, date(2024, 5, 28))


def test_whole_words_as_written_are_italic_and_names_stay_upright() -> None:
    text = "Rembuk Stunting membahas stunting dan rapat online, bukan stuntingnya atau pra-online."
    (paragraph,) = italic_terms(_document(Paragraph((Run(text),))), ["stunting", "online"]).blocks
    assert isinstance(paragraph, Paragraph)
    italic = [run.text for run in paragraph.content if run.italic]
    assert italic == ["stunting", "online"]
    assert "".join(run.text for run in paragraph.content) == text


def test_bold_runs_and_list_items_keep_their_look() -> None:
    items = NumberedList((ListItem((Run("Pencegahan stunting", bold=True),), ((Run("e-mail"),),)),))
    (block,) = italic_terms(_document(items), ["stunting", "e-mail"]).blocks
    assert isinstance(block, NumberedList)
    item = block.items[0]
    assert item.content == (Run("Pencegahan ", bold=True), Run("stunting", bold=True, italic=True))
    assert item.children == ((Run("e-mail", italic=True),),)


def test_the_default_pack_lists_the_terms() -> None:
    assert {"stunting", "online", "website", "e-mail"} <= set(
        load_pack("default").font.italic_terms
    )


def test_both_formats_print_stunting_in_italics() -> None:
    from docx import Document as open_docx

    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    (composed,) = compose_documents(bontang, resolve_pack(bontang), ["kesepakatan"])
    runs = [
        run
        for block in composed.blocks
        if isinstance(block, Paragraph)
        for run in block.content
        if run.text == "stunting"
    ]
    assert runs and all(run.italic for run in runs)
    docx = open_docx(io.BytesIO(rembuk_docs.render_bytes(bontang, "kesepakatan", "docx")))
    words = [run for p in docx.paragraphs for run in p.runs if run.text == "stunting"]
    assert words and all(run.italic for run in words)
    # a name keeps its capital and stays upright
    names = [run for p in docx.paragraphs for run in p.runs if "Stunting" in run.text]
    assert names and not any(run.italic for run in names)
