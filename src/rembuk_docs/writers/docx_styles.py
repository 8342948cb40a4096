"""The Word paragraph styles of a DOCX: titles, headings, body text, lists, kop, signatures.

Each kind of paragraph the composition has gets a real style in ``styles.xml``, so that a
secretary editing in Word sees it in the style gallery and changes every heading at once. The
writer formats a paragraph directly only where it departs from its style (an indent, a
paragraph kept with the next). Word's built-in styles (Title, Heading 1, Body Text, List
Number, Caption) are redefined from scratch: python-docx's template gives them Calibri Light,
blue and a rule under the title, which no naskah dinas has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from ..compose.blocks import Align, TextStyle
from ..compose.layout import TABLE_CELL_SPACE_PT
from ..formats.pack import FormatPack
from .docx_schema import insert_in_order
from .docx_table import TABLE_HEADER_STYLE, TABLE_STYLE

TITLE = "Title"
NUMBER = "Nomor"
BODY = "Body Text"
HEADING = "Heading 1"
LIST = "List Number"
LIST_CHILD = "List Number 2"
KOP = "Kop"
SIGNATURE = "Tanda Tangan"
CAPTION = "Caption"

TABLE_SIZE_DELTA = -1.0
"""The table and caption styles' size, relative to the body text."""

LIST_ITEM_SPACE_PT = 4.0
"""Space after a list item without sub-items, and after an item's last sub-item."""


@dataclass(frozen=True, slots=True)
class Look:
    """What a paragraph style sets: the writer formats directly only what differs from it."""

    align: Align
    space_after_pt: float = 0.0
    keep_with_next: bool = False
    bold: bool = False


PARAGRAPH_LOOKS = {
    TextStyle.BODY: (BODY, Look(Align.JUSTIFY, space_after_pt=6.0)),
    TextStyle.HEADING: (HEADING, Look(Align.LEFT, space_after_pt=4.0, keep_with_next=True, bold=True)),
}  # fmt: skip
"""The Word style of each kind of composed paragraph, and how that style looks."""

_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}

_KEPT = ("w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:uiPriority", "w:qFormat")
"""What a redefined built-in style keeps of the template's definition."""


def define_styles(word: Any, pack: FormatPack) -> None:
    """Set up ``Normal`` with the pack's font and every paragraph style the writer uses."""
    font = pack.font
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = font.docx_name
    normal.font.size = Pt(font.size)
    rfonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), font.docx_name)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = font.line_spacing
    fmt.widow_control = True  # no line of a paragraph alone at the foot or head of a page
    for kind, (name, look) in PARAGRAPH_LOOKS.items():
        _style(styles, name, look, next_style=BODY if kind is TextStyle.HEADING else None)
    title = _style(styles, TITLE, Look(Align.CENTER, keep_with_next=True, bold=True))
    _style(styles, NUMBER, Look(Align.CENTER, keep_with_next=True))
    title.next_paragraph_style = styles[NUMBER]
    _style(styles, LIST, Look(Align.JUSTIFY, space_after_pt=LIST_ITEM_SPACE_PT))
    _style(styles, LIST_CHILD, Look(Align.JUSTIFY))
    kop = _style(styles, KOP, Look(Align.CENTER))
    kop.paragraph_format.line_spacing = 1.0
    _style(styles, SIGNATURE, Look(Align.CENTER))
    caption = _style(styles, CAPTION, Look(Align.CENTER, space_after_pt=12.0))
    caption.font.size = Pt(font.size + TABLE_SIZE_DELTA)
    for name, is_bold in ((TABLE_STYLE, False), (TABLE_HEADER_STYLE, True)):
        style = _style(styles, name, Look(Align.LEFT, space_after_pt=TABLE_CELL_SPACE_PT))
        style.font.size = Pt(font.size + TABLE_SIZE_DELTA)
        style.font.bold = is_bold
        style.paragraph_format.alignment = None  # each cell says its column's alignment
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.space_before = Pt(TABLE_CELL_SPACE_PT)


def _style(styles: Any, name: str, look: Look, *, next_style: str | None = None) -> Any:
    """The paragraph style ``name`` based on Normal and looking as ``look`` says: a built-in
    one stripped of the template's formatting first, else a new one."""
    if name in [style.name for style in styles]:
        style = styles[name]
        element = style.element
        for child in list(element):
            if child.tag not in {qn(tag) for tag in _KEPT}:
                element.remove(child)
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    style.hidden = False
    style.unhide_when_used = False
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[look.align]
    fmt.space_after = Pt(look.space_after_pt)
    fmt.keep_with_next = look.keep_with_next or None
    style.font.bold = look.bold or None
    if next_style is not None:
        style.next_paragraph_style = styles[next_style]
    _match_linked(styles, style, look)
    if name == HEADING:  # Word's navigation pane lists the document's headings
        ppr = style.element.get_or_add_pPr()
        insert_in_order(ppr, ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): "0"}))
    return style


def _match_linked(styles: Any, style: Any, look: Look) -> None:
    """The character style linked to ``style`` (Word's 'Title Char') made to look as it does:
    what a secretary applies to a few words then matches the paragraphs of that style."""
    link = style.element.find(qn("w:link"))
    if link is None:
        return
    linked = next((s for s in styles if s.style_id == link.get(qn("w:val"))), None)
    if linked is None or linked.type != WD_STYLE_TYPE.CHARACTER:
        style.element.remove(link)
        return
    for child in list(linked.element):
        if child.tag == qn("w:rPr"):
            linked.element.remove(child)
    linked.font.bold = look.bold or None


def style_id(name: str) -> str:
    """The id of paragraph style ``name``, which the writer sets on a paragraph (``w:pStyle``):
    a document is opened from a copy of the blank without its style sheet (see
    :mod:`.docx_package`), so no style is looked up by name while writing."""
    return name.replace(" ", "")  # the ids python-docx and Word's template give
