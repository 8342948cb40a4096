"""Numbered lists of a DOCX: their paragraphs as XML text, each list with a numbering of its own."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..compose.blocks import Inline, NumberedList
from . import docx_body as body
from .docx_package import DocumentParts
from .docx_styles import LIST, LIST_CHILD, LIST_ITEM_SPACE_PT, style_id

FIRST_ID = 1001
"""The ``numId`` (and ``abstractNumId``) of a document's first list; each next list takes the
next number."""


class Numbering:
    """The numbering definitions a document's lists add to its numbering part, one per list so
    that every list restarts at 1. The part is parsed only when the first list asks for one."""

    def __init__(self, parts: DocumentParts) -> None:
        self._parts = parts
        self._next_id = FIRST_ID

    def add(self) -> int:
        """Add a two-level numbering definition (1. / (A)) restarting at 1; return its numId."""
        numbering = self._parts.part_element(RT.NUMBERING)
        ident = self._next_id
        self._next_id += 1
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
            '<w:multiLevelType w:val="hybridMultilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="454" w:hanging="454"/></w:pPr></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>'
            '<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="1021" w:hanging="567"/></w:pPr></w:lvl>'
            "</w:abstractNum>"
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'
            )
        )
        return ident


def numbered_list(block: NumberedList, num_id: int) -> list[str]:
    """The paragraphs of ``block`` numbered by definition ``num_id`` (from :meth:`Numbering.add`):
    the items at level 0, their sub-items at level 1, in the list styles."""
    paragraphs: list[str] = []
    for position, item in enumerate(block.items):
        # the last item of a list kept with what follows (a signature) keeps with it
        keep = block.keep_last_with_next and position == len(block.items) - 1
        space = 0 if item.children else LIST_ITEM_SPACE_PT
        paragraphs.append(_list_paragraph(item.content, num_id, 0, space_after=space, keep=keep))
        for number, child in enumerate(item.children):
            last = number == len(item.children) - 1
            space = LIST_ITEM_SPACE_PT if last else 0
            paragraphs.append(_list_paragraph(child, num_id, 1, space_after=space, keep=keep))
    return paragraphs


def _list_paragraph(
    content: Inline, num_id: int, level: int, *, space_after: float, keep: bool = False
) -> str:
    """One numbered paragraph at ``level``; its space after set only where it departs from the
    style's."""
    space = ""
    if space_after != (0 if level else LIST_ITEM_SPACE_PT):  # the style's
        space = body.spacing(("after", body.twips_pt(space_after)))
    return body.paragraph(
        body.runs(content),
        style=style_id(LIST_CHILD if level else LIST),
        keep_next=True if keep else None,
        numbering=(level, num_id),
        space=space,
    )
