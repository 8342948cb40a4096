"""The DOCX writer: turns a composed Document into an editable Word file with real styles and numbering."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.parfmt import ParagraphFormat

from ..compose.blocks import (
    DataTable,
    Document,
    Fields,
    Letterhead,
    NumberedList,
    Orientation,
    PageBreak,
    Paragraph,
    PictureGrid,
    SignatureGrid,
    Spacer,
    Title,
    plain,
)
from ..compose.layout import (
    AFTER_FIELDS_PT,
    AFTER_TABLE_PT,
    FIELDS_CELL_RIGHT_PT,
    column_widths,
    lead_signatures,
    page_of_total_parts,
    title_lines,
)
from ..formats.pack import FormatPack
from . import docx_body as body
from .docx_furniture import add_furniture_parts, page_section
from .docx_letterhead import letterhead
from .docx_numbering import Numbering, numbered_list
from .docx_package import DocumentParts, blank_parts
from .docx_schema import clean_blank, keep_broken_lines_unstretched
from .docx_signature import signature_grid
from .docx_styles import (
    CAPTION,
    NUMBER,
    PARAGRAPH_LOOKS,
    TABLE_SIZE_DELTA,
    TITLE,
    define_styles,
    style_id,
)
from .docx_table import Fragment, TableSplicer
from .fonts import FontSet, font_set
from .measure import text_width, wrap_text


def _text_width_twips(pack: FormatPack, *, landscape: bool = False) -> int:
    """The width between the margins, in twips (of the paper turned, for landscape pages)."""
    page = pack.page
    width_mm, height_mm = page.size_mm
    across = height_mm if landscape else width_mm
    text_width_mm = across - 10 * (page.margin_left_cm + page.margin_right_cm)
    return int(text_width_mm / 25.4 * 1440)


def _twips(widths_emu: list[int]) -> list[int]:
    """Column widths in EMU as the twips python-docx writes for them."""
    return [body.twips_emu(width) for width in widths_emu]


_LAYOUT_KEYS: dict[int, tuple[FormatPack, str]] = {}  # id(pack) -> the pack, its layout key


def _layout_key(pack: FormatPack) -> str:
    """The key of ``pack``'s blank: the blank depends on the pack alone, its folder and every
    setting make the key (its JSON is made once per pack, which is frozen: every document of a
    pack has the same)."""
    kept = _LAYOUT_KEYS.get(id(pack))
    if kept is not None and kept[0] is pack:
        return kept[1]
    key = f"{pack.root}\n{pack.model_dump_json()}"
    if len(_LAYOUT_KEYS) >= 16:
        _LAYOUT_KEYS.clear()
    _LAYOUT_KEYS[id(pack)] = pack, key
    return key


class DocxWriter:
    """Writes DOCX bytes. One instance per document; not thread-safe."""

    def __init__(self, pack: FormatPack) -> None:
        self.pack = pack

    def write(self, document: Document) -> bytes:
        """Return the DOCX file of ``document`` (byte-identical for identical input)."""
        self._parts = DocumentParts(blank_parts(_layout_key(self.pack), self._blank))
        self._element = self._parts.element  # word/document.xml
        self._text_width_twips = _text_width_twips(self.pack)
        self._landscape = False
        self._tables = TableSplicer()
        self._numbering = Numbering(self._parts)
        self._fonts: FontSet | None = None
        self._body: list[Fragment] = []  # the body's XML since the last python-docx element
        self._pictures = 0  # drawings so far: each takes the next id
        blocks = lead_signatures(document.blocks)
        for index, block in enumerate(blocks):
            if isinstance(block, Orientation):
                self._orientation(block, first=index == 0)
                continue
            if isinstance(block, Spacer):  # a space before a signature keeps with it
                following = next((b for b in blocks[index:] if not isinstance(b, Spacer)), None)
                self._gap(block.height_pt, keep_with_next=isinstance(following, SignatureGrid))
                continue
            self._block(block)
        self._flush()
        numbers = self.pack.page.numbers if document.page_numbers else "none"
        add_furniture_parts(
            self._parts,
            numbers=numbers,
            watermark=document.watermark,
            footer_parts=page_of_total_parts(self.pack) if numbers == "page-of-total" else (),
        )
        self._metadata(document)
        return self._parts.save(transform=self._tables.splice if self._tables else None)

    def _blank(self) -> Any:
        """python-docx's default document with the pack's page and styles, and an empty body."""
        word = new_word_document()
        clean_blank(word)
        keep_broken_lines_unstretched(word)
        self._setup_page(word.sections[0])
        define_styles(word, self.pack)
        body = word.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)
        return word

    # ------------------------------------------------------------------ setup

    def _setup_page(self, section: Any) -> None:
        page = self.pack.page
        width, height = page.size_mm
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin = Cm(page.margin_top_cm)
        section.bottom_margin = Cm(page.margin_bottom_cm)
        section.left_margin = Cm(page.margin_left_cm)
        section.right_margin = Cm(page.margin_right_cm)
        section.footer_distance = Cm(1.0)

    # ------------------------------------------------------------------ blocks

    def _block(self, block: object) -> None:
        match block:
            case Letterhead():
                self._letterhead(block)
            case Title():
                self._title(block)
            case Paragraph():
                self._paragraph(block)
            case NumberedList():
                self._body.extend(numbered_list(block, self._numbering.add()))
            case Fields():
                self._fields(block)
            case SignatureGrid():
                self._body.extend(self._signature_grid(block))
            case DataTable():
                self._data_table(block)
            case PictureGrid():
                self._picture_grid(block)
            case Spacer():
                self._gap(block.height_pt)
            case PageBreak():
                self._body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            case Orientation():
                self._orientation(block, first=False)
            case _:
                raise TypeError(f"unknown block {type(block).__name__}")

    def _flush(self) -> None:
        """Put the body text written so far into the document, as one placeholder paragraph
        before the body's section settings (spliced when the file is saved)."""
        if self._body:
            placeholder = self._tables.fragment(self._body)
            self._element.body.sectPr.addprevious(parse_xml(placeholder))
            self._body = []

    def _gap(self, height_pt: float, *, keep_with_next: bool = False) -> None:
        """An empty paragraph ``height_pt`` points tall: a line of one point and space after."""
        after = ("after", body.twips_pt(max(height_pt - 1, 0)))
        self._body.append(
            body.paragraph(
                keep_next=True if keep_with_next else None,
                space=body.spacing(*body.exact_line(1), after),
            )
        )

    def _orientation(self, block: Orientation, *, first: bool) -> None:
        """Start a new section whose pages are landscape (or portrait): the section so far ends
        with a paragraph carrying a copy of its settings, and the body's settings turn. The
        paragraph is python-docx's, so that ``sections`` (the page furniture's) sees it."""
        body_element = self._element.body
        if not first:
            self._flush()
            p = body_element.add_p()  # python-docx's add_paragraph()
            ParagraphFormat(p).line_spacing = Pt(1)
            p.get_or_add_pPr().append(copy.deepcopy(body_element.sectPr))
        section = page_section(self._element.sectPr_lst[-1])  # python-docx's sections[-1]
        width, height = (Mm(value) for value in self.pack.page.size_mm)
        if block.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = height, width
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = width, height
        self._text_width_twips = _text_width_twips(self.pack, landscape=block.landscape)
        self._landscape = block.landscape

    def _picture(self, data: bytes, width: int, height: int, *, fit: bool = False) -> str:
        """The run of picture ``data`` drawn ``width`` x ``height`` EMU, or with ``fit`` as large
        as that box holds it with its proportions kept (the kop's logo: the PDF writer fits it
        in the same box, so the kop is as tall in both). Its image part is related by
        python-docx, and sized from the image parsed then (a picture is decoded once); its
        drawing id is the next of the document (python-docx's ``next_id``: every picture before
        it took one)."""
        r_id, image = self._parts.image(data)
        if fit:
            factor = min(width / image.px_width, height / image.px_height)
            cx, cy = round(image.px_width * factor), round(image.px_height * factor)
        else:
            cx, cy = image.scaled_dimensions(width, height)
        self._pictures += 1
        return body.picture(r_id, self._pictures, image.filename, cx, cy)

    def _letterhead(self, block: Letterhead) -> None:
        """The kop, its logo fitted in a square ``logo_width_cm`` wide (the PDF's box)."""
        box = int(Cm(block.logo_width_cm))
        logo = "" if block.logo is None else self._picture(block.logo, box, box, fit=True)
        self._body.extend(letterhead(block, logo, text_width_twips=self._text_width_twips))

    def _title(self, block: Title) -> None:
        bold = self._faces().bold
        size = self.pack.font.size
        lines = title_lines(
            block.lines, self._text_width_twips / 20, lambda text: text_width(text, bold, size)
        )
        paragraphs = [(style_id(TITLE), line) for line in lines]
        if block.number:
            paragraphs.append((style_id(NUMBER), block.number))
        for index, (style, line) in enumerate(paragraphs):
            last = index == len(paragraphs) - 1
            space = body.spacing(("after", body.twips_pt(12))) if last else ""
            self._body.append(body.paragraph(body.run(line), style=style, space=space))

    def _paragraph(self, block: Paragraph) -> None:
        """A paragraph in its style (Body Text, Heading 1), formatted directly only where it
        departs from the style."""
        name, look = PARAGRAPH_LOOKS[block.style]
        space = ""
        if block.space_after_pt != look.space_after_pt:
            space = body.spacing(("after", body.twips_pt(block.space_after_pt)))
        indents: list[str] = []
        if block.first_line_indent_cm:  # python-docx: a negative first line hangs
            first = int(Cm(block.first_line_indent_cm))
            kind = "hanging" if first < 0 else "firstLine"
            indents.append(f'w:{kind}="{body.twips_emu(abs(first))}"')
        if block.left_indent_cm:
            indents.append(f'w:left="{body.twips_cm(block.left_indent_cm)}"')
        self._body.append(
            body.paragraph(
                body.runs(block.content, style_bold=look.bold),
                style=style_id(name),
                keep_next=(
                    None if block.keep_with_next == look.keep_with_next else block.keep_with_next
                ),
                space=space,
                indent=f"<w:ind {' '.join(indents)}/>" if indents else "",
                align=None if block.align == look.align else body.JC[block.align],
            )
        )

    def _fields(self, block: Fields) -> None:
        label = int(Cm(block.label_width_cm))
        colon = int(Cm(0.5))
        widths = _twips([label, colon, int(self._text_width_twips * 635) - label - colon])
        # the PDF's cell margins (none on the left, 2 pt on the right): values wrap alike
        margins = (
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            f'<w:right w:w="{round(FIELDS_CELL_RIGHT_PT * 20)}" w:type="dxa"/></w:tblCellMar>'
        )
        parts = [body.table_start(widths, cell_margins=margins)]
        for key, value in block.rows:
            cells = (
                body.cell(width, [body.paragraph(body.runs(plain(text)))])
                for width, text in zip(widths, (key, ":", value), strict=True)
            )
            parts.append(body.row(cells))
        parts.append("</w:tbl>")
        self._body.append("".join(parts))
        self._gap(AFTER_FIELDS_PT)

    def _signature_grid(self, block: SignatureGrid, *, xmlns: bool = False) -> list[str]:
        """The XML of signature grid ``block`` on the current page (see :func:`.signature_grid`)."""
        return signature_grid(
            block,
            self.pack,
            text_width_twips=self._text_width_twips,
            landscape=self._landscape,
            lines_of=self._lines,
            xmlns=xmlns,
        )

    def _faces(self) -> FontSet:
        """The pack's fonts, looked up once per document: a signature grid measures hundreds of
        lines, and each lookup resolves the four font files in every pack folder (17% of a
        pack's CPU before)."""
        if self._fonts is None:
            self._fonts = font_set(self.pack)
        return self._fonts

    def _lines(self, text: str, width: float) -> int:
        """How many lines ``text`` takes in a cell ``width`` points wide at the body font size."""
        return len(wrap_text(text, self._faces().regular, self.pack.font.size, width))

    def _data_table(self, block: DataTable) -> None:
        # the table styles are one point below the body text; another size is set on the runs
        size = self.pack.font.size + block.font_size_delta
        own_size = None if block.font_size_delta == TABLE_SIZE_DELTA else size
        closing = None
        if block.closing is not None:
            closing = "".join(self._signature_grid(block.closing, xmlns=True))
        faces = (self._faces().regular, self._faces().bold)
        widths = column_widths(
            block,
            self._text_width_twips / 20,
            lambda text, is_bold: text_width(text, faces[is_bold], size),
            measure_key=(*faces, size),
        )
        self._body.append(
            self._tables.pieces(
                block,
                self._text_width_twips,
                font_size_pt=own_size,
                closing_xml=closing,
                column_widths_pt=widths,
            )
        )
        self._gap(AFTER_TABLE_PT)

    def _picture_grid(self, block: PictureGrid) -> None:
        """Photos ``columns`` to a row of a borderless table whose rows never split: each photo
        centred at the size compose chose, its caption centred under it."""
        columns = block.columns
        width = body.twips_emu(int(self._text_width_twips * 635) // columns)
        parts = [body.table_start([width] * columns, center=True)]
        space = body.spacing(("after", body.twips_pt(3)))
        for start in range(0, len(block.pictures), columns):
            cells: list[str] = []
            for picture in block.pictures[start : start + columns]:
                run = self._picture(picture.data, Cm(picture.width_cm), Cm(picture.height_cm))
                photo = body.paragraph(run, keep_next=True, space=space, align="center")
                caption = body.paragraph(body.runs(plain(picture.caption)), style=style_id(CAPTION))
                cells.append(body.cell(width, [photo, caption]))
            cells += [body.cell(width)] * (columns - len(cells))
            parts.append(body.row(cells, cant_split=True))
        parts.append("</w:tbl>")
        self._body.append("".join(parts))
        self._body.append(body.paragraph(space=body.spacing(*body.exact_line(1))))

    # ------------------------------------------------------------------ page furniture

    def _metadata(self, document: Document) -> None:
        props = self._parts.core_properties()
        stamp = datetime(document.date.year, document.date.month, document.date.day)
        # Word's core properties hold at most 255 characters; the document itself keeps it all
        props.title = _property(document.title)
        props.subject = _property(document.subject)
        props.author = _property(document.author)
        props.last_modified_by = _property(document.author)
        props.keywords = _property(", ".join(document.keywords))
        props.comments = "Dibuat dengan rembuk-docs"
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1


def _property(text: str) -> str:
    """``text`` cut to the 255 characters a DOCX core property may hold, with an ellipsis."""
    return text if len(text) <= 255 else text[:254] + "…"
