"""The body of a DOCX as XML text: paragraphs, runs and tables, as python-docx and lxml write them.

Building the body with python-docx (``add_paragraph``, ``add_run``, ``paragraph_format``, one
``parse_xml`` per property) was most of a DOCX's CPU. These functions give the same XML as text,
character for character: python-docx's element order (the schema's sequence), its attribute order
(the order the writer used to set them, which the callers keep), lxml's escaping, and its
rounding of points and centimetres to twips. The writer hands the text to
:class:`~rembuk_docs.writers.docx_table.TableSplicer`, which puts it into ``word/document.xml``
as the file is saved; nothing here is parsed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from docx.shared import Cm, Emu, Pt

from ..compose.blocks import Align, Inline
from .xml_text import attribute_value, escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right", Align.JUSTIFY: "both"}
"""The ``w:jc`` value of each alignment."""
XMLNS_W = f' xmlns:w="{W_NS}"'
"""The declaration lxml writes on an element serialised on its own (``etree.tostring``)."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LXML_REFUSAL = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)
_SPECIAL = re.compile("[\t\r\n]")


def twips_pt(points: float) -> int:
    """``points`` in twips, rounded as python-docx rounds ``Pt(points)``."""
    return int(Pt(points).twips)


def twips_cm(cm: float) -> int:
    """``cm`` in twips, rounded as python-docx rounds ``Cm(cm)``."""
    return int(Cm(cm).twips)


def twips_emu(emu: int) -> int:
    """A length in EMU as twips, rounded as python-docx rounds it."""
    return int(Emu(emu).twips)


def half_points(points: float) -> int:
    """A font size in half-points, as python-docx writes ``Pt(points)`` into ``w:sz``."""
    return int(Pt(points).pt * 2)


def text(content: str) -> str:
    """The inner content of a run holding ``content``: ``w:t`` for each stretch of characters,
    ``w:tab`` for a tab, ``w:br`` for a line end (python-docx's ``_RunContentAppender``).

    Raises ValueError (lxml's) for a character XML cannot hold.
    """
    if _NOT_XML.search(content):
        raise ValueError(_LXML_REFUSAL)
    if not _SPECIAL.search(content):
        return _t(content) if content else ""
    parts: list[str] = []
    start = 0
    for match in _SPECIAL.finditer(content):
        if match.start() > start:
            parts.append(_t(content[start : match.start()]))
        parts.append("<w:tab/>" if match.group() == "\t" else "<w:br/>")
        start = match.end()
    if start < len(content):
        parts.append(_t(content[start:]))
    return "".join(parts)


def _t(stretch: str) -> str:
    """One ``w:t``; space kept where the stretch begins or ends with white space (python-docx
    tests ``len(text.strip()) < len(text)``)."""
    if len(stretch.strip()) < len(stretch):
        return f'<w:t xml:space="preserve">{escape(stretch)}</w:t>'
    return f"<w:t>{escape(stretch)}</w:t>"


def on_off(name: str, value: bool) -> str:
    """An on/off property element: ``<w:b/>`` for on, ``<w:b w:val="0"/>`` for off."""
    return f"<w:{name}/>" if value else f'<w:{name} w:val="0"/>'


def run(
    content: str,
    *,
    bold: bool | None = None,
    italic: bool = False,
    underline: bool = False,
    size_pt: float | None = None,
    line_break: bool = False,
    empty_props: bool = False,
) -> str:
    """A ``w:r``: its properties in schema order (``b``, ``i``, ``sz``, ``u``), then the text,
    then a ``w:br`` with ``line_break``. ``bold`` None sets nothing; ``empty_props`` writes an
    empty ``w:rPr`` when nothing is set (python-docx creates one when a run's bold is cleared)."""
    props = ""
    if bold is not None:
        props += on_off("b", bold)
    if italic:
        props += "<w:i/>"
    if size_pt is not None:
        props += f'<w:sz w:val="{half_points(size_pt)}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    inner = text(content)
    if line_break:
        inner += "<w:br/>"
    head = f"<w:rPr>{props}</w:rPr>" if props else ("<w:rPr/>" if empty_props else "")
    if not head and not inner:
        return "<w:r/>"
    return f"<w:r>{head}{inner}</w:r>"


def runs(content: Inline, *, style_bold: bool = False) -> str:
    """``content`` as runs, a line end in a run's text a ``w:br`` closing its run; bold set on a
    run only where it departs from the paragraph style's (``style_bold``: a heading's style is
    bold)."""
    parts: list[str] = []
    for run_spec in content:
        bold = None if run_spec.bold == style_bold else run_spec.bold
        lines = run_spec.text.split("\n")
        last = len(lines) - 1
        for number, line in enumerate(lines):
            parts.append(
                run(
                    line,
                    bold=bold,
                    italic=run_spec.italic,
                    underline=run_spec.underline,
                    line_break=number < last,
                )
            )
    return "".join(parts)


def spacing(*attributes: tuple[str, int | str]) -> str:
    """A ``w:spacing`` with ``attributes`` (name without prefix, value) in the order given."""
    return "<w:spacing" + "".join(f' w:{name}="{value}"' for name, value in attributes) + "/>"


def exact_line(points: float) -> tuple[tuple[str, int | str], ...]:
    """The attributes of an exact line height of ``points``."""
    return (("line", twips_pt(points)), ("lineRule", "exact"))


SINGLE_LINE: tuple[tuple[str, int | str], ...] = (("line", 240), ("lineRule", "auto"))
"""The attributes of single line spacing (python-docx's ``line_spacing = 1.0``)."""


def paragraph(
    content: str = "",
    *,
    style: str | None = None,
    keep_next: bool | None = None,
    numbering: tuple[int, int] | None = None,
    border: str = "",
    space: str = "",
    indent: str = "",
    align: str | None = None,
    section: str = "",
    xmlns: bool = False,
) -> str:
    """A ``w:p`` whose ``w:pPr`` holds what is given in the schema's order: ``pStyle`` (a style
    id), ``keepNext`` (None: none, False: switched off), ``numPr`` (level, numId), ``pBdr``,
    ``spacing`` (``space``, from :func:`spacing`), ``ind``, ``jc``, ``sectPr``; ``content`` its
    runs. With ``xmlns`` the ``w`` namespace is declared on it, as lxml does for an element
    serialised alone."""
    props = ""
    if style is not None:
        props += f'<w:pStyle w:val="{style}"/>'
    if keep_next is not None:
        props += on_off("keepNext", keep_next)
    if numbering is not None:
        level, num_id = numbering
        props += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    props += border + space + indent
    if align is not None:
        props += f'<w:jc w:val="{align}"/>'
    props += section
    head = "<w:p" + (XMLNS_W if xmlns else "")
    if not props and not content:
        return head + "/>"
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"{head}>{props}{content}</w:p>"


TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
"""The table look python-docx's new tables carry."""


def table_start(
    widths_twips: Sequence[int],
    *,
    center: bool = False,
    cell_margins: str = "",
    xmlns: bool = False,
) -> str:
    """The opening of a python-docx table with fixed column widths: ``w:tblPr`` (centred with
    ``center``, ``cell_margins`` a ``w:tblCellMar``) and the grid."""
    jc = '<w:jc w:val="center"/>' if center else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths_twips)
    return (
        "<w:tbl" + (XMLNS_W if xmlns else "") + '><w:tblPr><w:tblW w:type="auto" w:w="0"/>'
        f'{jc}<w:tblLayout w:type="fixed"/>{cell_margins}{TABLE_LOOK}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def cell(
    width_twips: int, paragraphs: Iterable[str] = (), *, span: int = 1, center: bool = False
) -> str:
    """A ``w:tc`` ``width_twips`` wide holding ``paragraphs`` (an empty paragraph when none),
    across ``span`` grid columns, vertically centred with ``center``."""
    props = f'<w:tcW w:type="dxa" w:w="{width_twips}"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if center:
        props += '<w:vAlign w:val="center"/>'
    content = "".join(paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def row(cells: Iterable[str], *, cant_split: bool = False) -> str:
    """A ``w:tr`` of ``cells``, which may not split across pages with ``cant_split``."""
    props = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def picture(r_id: str, shape_id: int, filename: str, cx: int, cy: int) -> str:
    """The run of an inline picture (python-docx's ``add_picture``): the image related as
    ``r_id``, ``cx`` x ``cy`` EMU, ``shape_id`` the document's next drawing id."""
    extent = f'cx="{cx}" cy="{cy}"'
    return (
        "<w:r><w:drawing><wp:inline "
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<wp:extent {extent}/><wp:docPr id="{shape_id}" name="Picture {shape_id}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name={_attribute(filename)}/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _attribute(value: str) -> str:
    """``value`` as lxml writes an attribute value, in its double quotes."""
    return f'"{attribute_value(value)}"'
