"""The page furniture of a DOCX: page numbers and the watermark in the first section's headers
and footers, as Word draws them on every page.

The writer's documents get the four header and footer parts as XML bytes made once per look
(:func:`furniture_parts`: python-docx's own default header and footer, filled the same way);
Word-authored templates get them through python-docx (:func:`add_page_furniture`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, cast

from docx.enum.section import WD_HEADER_FOOTER
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.run import _RunContentAppender
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.section import Section
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..compose.layout import (
    PAGE,
    PAGES,
    WATERMARK_ANGLE,
    WATERMARK_GREY,
    WATERMARK_SIZE_PT,
    page_of_total_parts,
)
from ..formats.pack import FormatPack
from .docx_package import DocumentParts
from .measure import text_width
from .xml_text import quoteattr

FURNITURE = (
    ("header", WD_HEADER_FOOTER.FIRST_PAGE),
    ("header", WD_HEADER_FOOTER.PRIMARY),
    ("footer", WD_HEADER_FOOTER.FIRST_PAGE),
    ("footer", WD_HEADER_FOOTER.PRIMARY),
)
"""The parts :func:`furniture_parts` makes, in the order python-docx adds them for
:func:`add_page_furniture`: the first page's header, the other pages', then the footers."""


def _text_run(paragraph: Any, text: str) -> Any:
    """``paragraph.add_run(text)``, the same XML, without python-docx first clearing the new run
    (an XPath query for every run, about 5% of a DOCX)."""
    r = paragraph._p.add_r()
    if text:
        _RunContentAppender.append_to_run_from_text(r, text)
    return Run(r, paragraph)


def add_page_furniture(
    word: Any, *, numbers: str, watermark: str | None = None, footer_parts: Sequence[str] = ()
) -> None:
    """Page numbers and watermark of the first section of python-docx document ``word`` (see
    :func:`furniture_parts`)."""
    section = word.sections[0]
    set_up_section(section)
    paragraphs = (
        section.first_page_header.paragraphs[0],
        section.header.paragraphs[0],
        section.first_page_footer.paragraphs[0],  # touching a footer defines it
        section.footer.paragraphs[0],
    )
    _fill(paragraphs, numbers=numbers, watermark=watermark, footer_parts=footer_parts)


def page_section(sect_pr: Any) -> Section:
    """A python-docx Section over ``w:sectPr`` element ``sect_pr``, for its page settings (its
    headers and footers, which need the document's part, are not reached through it)."""
    return Section(sect_pr, cast(Any, None))


def add_furniture_parts(
    parts: DocumentParts,
    *,
    numbers: str,
    watermark: str | None = None,
    footer_parts: Sequence[str] = (),
) -> None:
    """The headers and footers of :func:`furniture_parts` added to document ``parts`` and
    referenced from its first section, as python-docx adds them for :func:`add_page_furniture`
    (the same part names, rIds and references, in the same order)."""
    section = parts.element.sectPr_lst[0]  # python-docx's sections[0]
    set_up_section(page_section(section))
    contents = furniture_parts(numbers=numbers, watermark=watermark, footer_parts=footer_parts)
    for (kind, index), content in zip(FURNITURE, contents, strict=True):
        partname = parts.next_partname(f"/word/{kind}%d.xml")
        if kind == "header":
            r_id = parts.relate(partname, CT.WML_HEADER, content, RT.HEADER)
            section.add_headerReference(index, r_id)
        else:
            r_id = parts.relate(partname, CT.WML_FOOTER, content, RT.FOOTER)
            section.add_footerReference(index, r_id)


def set_up_section(section: Section) -> None:
    """The first page's headers and footers of their own, both 1 cm from the edge."""
    section.different_first_page_header_footer = True
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


_TEMPLATES: list[bytes] = []  # python-docx's default header and footer part, read once
_PARTS: dict[tuple[str, str | None, tuple[str, ...]], tuple[bytes, ...]] = {}
_MAX_PARTS = 32
_LOCK = threading.Lock()


def furniture_parts(
    *, numbers: str, watermark: str | None = None, footer_parts: Sequence[str] = ()
) -> tuple[bytes, ...]:
    """The XML of the four parts of :data:`FURNITURE`, as python-docx saves them.

    The first page has a header and footer of its own (Word's "different first page"), so that
    numbers start on page 2: '- 2 -' centred in the header (``numbers`` 'top-center') or
    'Halaman 2 dari 5' at the right of the footer ('page-of-total', ``footer_parts`` the pieces of
    the pack's text from :func:`compose.layout.page_of_total_parts`); a one-page document has
    none. ``watermark`` is a diagonal text shape in both headers, so it is on every page. The
    parts name no relationship, so the bytes of one look serve every document that has it.
    """
    key = (numbers, watermark, tuple(footer_parts))
    with _LOCK:
        kept = _PARTS.get(key)
    if kept is not None:
        return kept
    if not _TEMPLATES:
        header_part: Any = HeaderPart  # what HeaderPart.new and FooterPart.new parse
        footer_part: Any = FooterPart
        _TEMPLATES[:] = [header_part._default_header_xml(), footer_part._default_footer_xml()]
    header, footer = _TEMPLATES
    elements = [parse_xml(header if kind == "header" else footer) for kind, _ in FURNITURE]
    paragraphs = [Paragraph(element.find(qn("w:p")), cast(Any, None)) for element in elements]
    _fill(paragraphs, numbers=numbers, watermark=watermark, footer_parts=footer_parts)
    kept = tuple(serialize_part_xml(element) for element in elements)
    with _LOCK:
        if len(_PARTS) >= _MAX_PARTS:
            _PARTS.clear()
        _PARTS[key] = kept
    return kept


def _fill(
    paragraphs: Sequence[Paragraph],
    *,
    numbers: str,
    watermark: str | None,
    footer_parts: Sequence[str],
) -> None:
    """Numbers and watermark put into the paragraphs of the four parts of :data:`FURNITURE`."""
    first, other, _, footer = paragraphs  # the first page's footer stays empty
    if numbers == "top-center":
        other.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text_run(other, "- ")
        other._p.append(_field("PAGE"))
        _text_run(other, " -")
    elif numbers == "page-of-total":
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for part in footer_parts:  # the pack's 'Halaman {{ halaman }} dari {{ jumlah }}'
            if part in (PAGE, PAGES):
                footer._p.append(_field(part, size_pt=9))
            else:
                _text_run(footer, part).font.size = Pt(9)
    if watermark:
        for index, paragraph in enumerate((first, other), start=1):
            paragraph._p.append(parse_xml(watermark_xml(watermark, index)))


def add_page_numbers(word: Any, pack: FormatPack | None = None) -> None:
    """'Halaman N dari M' at the right of the footer from page 2, in ``pack``'s wording (default:
    the default pack's), for Word-authored templates (scripts/build_word_templates.py)."""
    from ..formats.loader import load_pack

    parts = page_of_total_parts(pack if pack is not None else load_pack(None))
    add_page_furniture(word, numbers="page-of-total", footer_parts=parts)


def _field(instruction: str, *, size_pt: float | None = None) -> Any:
    props = f'<w:rPr><w:sz w:val="{round(size_pt * 2)}"/></w:rPr>' if size_pt else ""
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="{instruction}"><w:r>{props}<w:t>2</w:t></w:r>'
        "</w:fldSimple>"
    )


_VML = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def _grey(level: float) -> str:
    value = round(level * 255)
    return f"#{value:02x}{value:02x}{value:02x}"


WATERMARK_INK_SHARE = 0.893
"""Width of the letters' ink (Arial Bold, 'DRAF') as a share of their advance width: the shape
is as wide as the PDF's letters are, since Word and LibreOffice stretch the letters to it."""
WATERMARK_CAP_HEIGHT = 0.716
"""Height of Arial's capitals, in ems: the shape is as tall as the PDF's letters."""


def watermark_box_pt(text: str) -> tuple[float, float]:
    """Width and height (points) of the watermark shape whose letters are as large as the PDF's
    (:data:`~rembuk_docs.compose.layout.WATERMARK_SIZE_PT` in Arial Bold, whose metrics
    reportlab's Helvetica-Bold has)."""
    width = text_width(text, "Helvetica-Bold", WATERMARK_SIZE_PT) * WATERMARK_INK_SHARE
    return round(width, 1), round(WATERMARK_SIZE_PT * WATERMARK_CAP_HEIGHT * WATERMARK_INK_SHARE, 1)


def watermark_xml(text: str, index: int = 1) -> str:
    """A run holding Word's own kind of text watermark: a VML WordArt shape, diagonal, light grey,
    behind the text, its centre at the centre of the page (as the PDF draws it), portrait or
    landscape: positioned relative to each page, not to the first section's margins
    (LibreOffice reads it as Fontwork)."""
    width, height = watermark_box_pt(text)
    return (
        f"<w:r {nsdecls('w')} {_VML}><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e">'
        "<v:formulas>"
        '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
        '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
        '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
        '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>'
        "</v:formulas>"
        '<v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/>'
        '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        f'<v:shape id="RembukDocsWatermark{index}" o:spid="_x0000_s{1024 + index}" '
        'type="#_x0000_t136" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;'
        f"rotation:{360 - round(WATERMARK_ANGLE)};z-index:-251657216;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:page;"
        'mso-position-vertical:center;mso-position-vertical-relative:page" '
        f'o:allowincell="f" fillcolor="{_grey(WATERMARK_GREY)}" stroked="f">'
        f'<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold" '
        f"string={quoteattr(text)}/>"
        '<w10:wrap anchorx="page" anchory="page"/>'
        "</v:shape></w:pict></w:r>"
    )
