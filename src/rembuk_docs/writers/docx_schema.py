"""What ECMA-376 asks of a WordprocessingML package beyond well-formed XML.

Word refuses or "repairs" a document whose property elements stand out of the schema's sequence
(``w:numPr`` after ``w:jc``, ``w:pBdr`` after ``w:spacing``). :func:`insert_in_order` puts a
property element where the schema wants it; :func:`clean_blank` rids python-docx's default
template of the parts that name another application or contradict the styles we set.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

# the sequences of CT_PPrBase (+ rPr, sectPr, pPrChange) and CT_TblPrBase, ECMA-376 Part 1, 17.3.1
_SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    "tblPr": (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
        "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
        "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
    ),
}  # fmt: skip

APPLICATION = "rembuk-docs"
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Template>Normal.dotm</Template><Application>{APPLICATION}</Application>"
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode()


def insert_in_order(parent: Any, child: Any) -> None:
    """Put ``child`` into property element ``parent`` (``w:pPr``, ``w:tblPr``) at its place in the
    schema's sequence, replacing an element of the same name."""
    sequence = _SEQUENCES[parent.tag.rsplit("}", 1)[1]]
    name = child.tag.rsplit("}", 1)[1]
    existing = parent.find(child.tag)
    if existing is not None:
        parent.remove(existing)
    later = {qn(f"w:{tag}") for tag in sequence[sequence.index(name) + 1 :]}
    for sibling in parent.iterchildren():
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def clean_blank(word: Any) -> None:
    """Make python-docx's default document ours: ``docProps/app.xml`` names rembuk-docs, and the
    template's thumbnail and ``stylesWithEffects.xml`` (a stale copy of the styles that Word 2010
    reads instead of ours) are dropped."""
    package = word.part.package
    for rels in (package.rels, word.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _APP_XML
            elif rel.reltype == RT.THUMBNAIL or rel.reltype.endswith("/stylesWithEffects"):
                del rels[rel_id]
                rels.related_parts.pop(rel_id, None)


def keep_broken_lines_unstretched(word: Any) -> None:
    """Word's compatibility option ``doNotExpandShiftReturn``: a justified line that ends in a
    line break keeps ordinary spaces, as the PDF sets it, instead of being stretched to the
    margin (LibreOffice reads it too). It stands first in ``w:compat``, as the schema orders."""
    settings = word.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = settings.makeelement(qn("w:compat"), {})
        settings.append(compat)
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, compat.makeelement(qn("w:doNotExpandShiftReturn"), {}))
