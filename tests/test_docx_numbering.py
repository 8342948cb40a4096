"""Numbered lists of a DOCX: a numbering of their own restarting at 1, items and sub-items."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx import Document
from lxml import etree

from rembuk_docs.compose.blocks import ListItem, NumberedList, Run
from rembuk_docs.writers import docx_body as body
from rembuk_docs.writers.docx_numbering import FIRST_ID, Numbering, numbered_list
from rembuk_docs.writers.docx_package import DocumentParts, blank_parts
from rembuk_docs.writers.docx_styles import LIST, LIST_CHILD, LIST_ITEM_SPACE_PT, style_id

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LIST_BLOCK = NumberedList(
    (
        ListItem((Run("Butir "), Run("satu", bold=True)), ((Run("Anak A"),), (Run("Anak B"),))),
        ListItem((Run("Butir dua & <tiga>"),)),
    )
)


def _paragraphs(block: NumberedList, num_id: int) -> list[Any]:
    xml = "".join(numbered_list(block, num_id))
    return list(etree.fromstring(f"<w:body{body.XMLNS_W}>{xml}</w:body>"))


def _look(paragraph: Any) -> tuple[str, str, str, str, str | None, bool]:
    props = paragraph.find(f"{W}pPr")
    spacing = props.find(f"{W}spacing")
    return (
        "".join(paragraph.itertext()),
        props.find(f"{W}pStyle").get(f"{W}val"),
        props.find(f"{W}numPr/{W}ilvl").get(f"{W}val"),
        props.find(f"{W}numPr/{W}numId").get(f"{W}val"),
        None if spacing is None else spacing.get(f"{W}after"),
        props.find(f"{W}keepNext") is not None,
    )


def test_items_and_sub_items_at_two_levels_spaced_after_each_item_s_last_line() -> None:
    item, child = style_id(LIST), style_id(LIST_CHILD)
    after_child = str(body.twips_pt(LIST_ITEM_SPACE_PT))
    assert [_look(p) for p in _paragraphs(LIST_BLOCK, 1007)] == [
        ("Butir satu", item, "0", "1007", "0", False),  # its sub-items follow close
        ("Anak A", child, "1", "1007", None, False),
        ("Anak B", child, "1", "1007", after_child, False),
        ("Butir dua & <tiga>", item, "0", "1007", None, False),  # the style's space
    ]
    runs = _paragraphs(LIST_BLOCK, 1007)[0].findall(f"{W}r")
    assert [r.find(f"{W}rPr/{W}b") is not None for r in runs] == [False, True]


def test_the_last_item_kept_with_what_follows_keeps_its_sub_items_with_it() -> None:
    block = NumberedList(
        (ListItem((Run("Satu"),)), ListItem((Run("Dua"),), ((Run("Anak"),),))),
        keep_last_with_next=True,
    )
    assert [_look(p)[-1] for p in _paragraphs(block, FIRST_ID)] == [False, True, True]


def test_each_list_gets_a_numbering_of_its_own_before_the_blanks_numbers() -> None:
    parts = DocumentParts(blank_parts("test-numbering", Document))
    numbering = Numbering(parts)
    assert [numbering.add(), numbering.add()] == [FIRST_ID, FIRST_ID + 1]
    saved = zipfile.ZipFile(io.BytesIO(parts.save())).read("word/numbering.xml")
    root = etree.fromstring(saved)
    children = [child.tag for child in root]
    last_abstract = max(i for i, tag in enumerate(children) if tag == f"{W}abstractNum")
    assert last_abstract < children.index(f"{W}num")  # the schema's order
    for ident in (FIRST_ID, FIRST_ID + 1):
        (num,) = root.xpath(f'./w:num[@w:numId="{ident}"]', namespaces={"w": W[1:-1]})
        assert num.find(f"{W}abstractNumId").get(f"{W}val") == str(ident)
        (abstract,) = root.xpath(
            f'./w:abstractNum[@w:abstractNumId="{ident}"]', namespaces={"w": W[1:-1]}
        )
        levels = [
            (lvl.find(f"{W}start").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"))
            for lvl in abstract.findall(f"{W}lvl")
        ]
        assert levels == [("1", "%1."), ("1", "(%2)")]
