"""The peers, written as people write them today: a plain reportlab platypus story with a Table,
and python-docx adding paragraphs and table rows one by one.

Both lay out our composed documents (``rembuk_docs.compose.blocks``), so they carry the same
words, tables and signatures as ours: the same fonts (Liberation Sans embedded in the PDF), the
same page and margins. What they leave out, as a straightforward script would: 'Halaman N dari M'
(reportlab prints 'Halaman N' in a page callback; python-docx none), the staggered signature
column, and keeping the closing signature with the last rows.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from rembuk_docs.compose.blocks import Block, Document, Inline, SignatureGrid
    from rembuk_docs.formats.pack import FormatPack


def _markup(content: Inline) -> str:
    parts = []
    for run in content:
        text = escape(run.text).replace("\n", "<br/>")
        if run.underline:
            text = f"<u>{text}</u>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


def signature_lines(grid: SignatureGrid) -> list[list[str]]:
    """Each signature block of a grid as its lines: jabatan, blank lines to sign on, name, NIP."""
    return [
        [*block.above, *[""] * grid.space_lines, block.name, *block.below] for block in grid.blocks
    ]


# ---------------------------------------------------------------- reportlab


@cache
def _reportlab_fonts(regular: str, bold: str, italic: str, bold_italic: str) -> str:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in (
        ("Peer", regular),
        ("Peer-Bold", bold),
        ("Peer-Italic", italic),
        ("Peer-BoldItalic", bold_italic),
    ):
        pdfmetrics.registerFont(TTFont(name, path))
    addMapping("Peer", 0, 0, "Peer")
    addMapping("Peer", 1, 0, "Peer-Bold")
    addMapping("Peer", 0, 1, "Peer-Italic")
    addMapping("Peer", 1, 1, "Peer-BoldItalic")
    return "Peer"


def reportlab_pdf(document: Document, pack: FormatPack) -> bytes:
    """``document`` as a PDF made with a SimpleDocTemplate; long tables are one reportlab Table
    with ``repeatRows=1`` and Paragraph cells (so that text wraps)."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm, mm
    from reportlab.platypus import SimpleDocTemplate

    font = pack.font
    family = _reportlab_fonts(
        *(
            str(pack.font_file(name))
            for name in (font.regular, font.bold, font.italic, font.bold_italic)
        )
    )
    page = pack.page
    width, height = (value * mm for value in page.size_mm)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=page.margin_left_cm * cm,
        rightMargin=page.margin_right_cm * cm,
        topMargin=page.margin_top_cm * cm,
        bottomMargin=page.margin_bottom_cm * cm,
        title=document.title,
        author=document.author,
    )
    body = ParagraphStyle("body", fontName=family, fontSize=font.size, leading=font.size * 1.3)
    styles = {
        "body": ParagraphStyle("justify", parent=body, alignment=TA_JUSTIFY, spaceAfter=6),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=body, alignment=TA_CENTER, fontName="Peer-Bold"),
        "cell": ParagraphStyle(
            "cell", parent=body, fontSize=font.size - 1, leading=font.size * 1.15
        ),
        "item": ParagraphStyle("item", parent=body, alignment=TA_JUSTIFY, leftIndent=0.8 * cm),
        "child": ParagraphStyle(
            "child", parent=body, alignment=TA_JUSTIFY, leftIndent=1.8 * cm, bulletIndent=0.8 * cm
        ),
    }
    story: list[Any] = []
    for block in document.blocks:
        story.extend(_reportlab_block(block, styles, template.width))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(family, 9)
        canvas.drawRightString(
            width - page.margin_right_cm * cm, page.margin_bottom_cm * cm / 2, f"Halaman {doc.page}"
        )

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _reportlab_block(block: Block, styles: dict[str, Any], frame_width: float) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import HRFlowable, PageBreak, Paragraph, Spacer, Table, TableStyle

    from rembuk_docs.compose import blocks as b

    match block:
        case b.Letterhead():
            flow: list[Any] = [
                Paragraph(escape(line.text), styles["title"]) for line in block.lines
            ]
            return [*flow, HRFlowable(width="100%", thickness=2, spaceAfter=8)]
        case b.Title():
            flow = [Paragraph(escape(line), styles["title"]) for line in block.lines]
            if block.number:
                flow.append(Paragraph(escape(block.number), styles["center"]))
            return [*flow, Spacer(1, 12)]
        case b.Paragraph():
            return [Paragraph(_markup(block.content), styles["body"])]
        case b.NumberedList():
            flow = []
            for number, item in enumerate(block.items, start=1):
                flow.append(
                    Paragraph(_markup(item.content), styles["item"], bulletText=f"{number}.")
                )
                flow.extend(
                    Paragraph(_markup(child), styles["child"], bulletText=f"({chr(65 + index)})")
                    for index, child in enumerate(item.children)
                )
            return flow
        case b.Fields():
            label = block.label_width_cm * cm
            fields = [
                [
                    Paragraph(escape(key), styles["body"]),
                    ":",
                    Paragraph(escape(value), styles["body"]),
                ]
                for key, value in block.rows
            ]
            return [Table(fields, colWidths=[label, 0.5 * cm, frame_width - label - 0.5 * cm])]
        case b.SignatureGrid():
            return _reportlab_signatures(block, styles, frame_width)
        case b.DataTable():
            total = sum(column.width for column in block.columns)
            widths = [frame_width * column.width / total for column in block.columns]
            cell = styles["cell"]
            data: list[list[Any]] = [
                [Paragraph(f"<b>{escape(c.title)}</b>", cell) for c in block.columns]
            ]
            data.extend(
                [Paragraph(escape(text).replace("\n", "<br/>"), cell) for text in row]
                for row in block.rows
            )
            table = Table(data, colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            flow = [table, Spacer(1, 12)]
            if block.closing is not None:
                flow.extend(_reportlab_signatures(block.closing, styles, frame_width))
            return flow
        case b.Spacer():
            return [Spacer(1, block.height_pt)]
        case b.PageBreak():
            return [PageBreak()]
    raise TypeError(f"unknown block {type(block).__name__}")


def _reportlab_signatures(
    grid: SignatureGrid, styles: dict[str, Any], frame_width: float
) -> list[Any]:
    from reportlab.platypus import Paragraph, Table

    flow: list[Any] = [
        Paragraph(escape(line) or "&nbsp;", styles["center"]) for line in grid.heading
    ]
    cells: list[Any] = [
        [Paragraph(escape(line) or "&nbsp;", styles["center"]) for line in lines]
        for lines in signature_lines(grid)
    ]
    columns = grid.columns
    rows = [cells[start : start + columns] for start in range(0, len(cells), columns)]
    rows = [row + [""] * (columns - len(row)) for row in rows]
    flow.append(Table(rows, colWidths=[frame_width / columns] * columns))
    return flow


# ---------------------------------------------------------------- python-docx


def python_docx_docx(document: Document, pack: FormatPack) -> bytes:
    """``document`` as a DOCX made with python-docx: paragraphs and runs, 'List Number' styles,
    and tables grown with ``add_row()`` one row at a time, each cell set through ``cell.text``."""
    from docx import Document as new_document
    from docx.shared import Cm, Mm, Pt

    word = new_document()
    section = word.sections[0]
    page = pack.page
    section.page_width, section.page_height = (Mm(value) for value in page.size_mm)
    section.top_margin, section.bottom_margin = Cm(page.margin_top_cm), Cm(page.margin_bottom_cm)
    section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)
    normal = word.styles["Normal"]
    normal.font.name = pack.font.docx_name
    normal.font.size = Pt(pack.font.size)
    for block in document.blocks:
        _docx_block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_runs(paragraph: Any, content: Inline) -> None:
    for run_spec in content:
        run = paragraph.add_run(run_spec.text)  # python-docx turns '\n' into a line break
        run.bold = run_spec.bold or None
        run.italic = run_spec.italic or None
        run.underline = run_spec.underline or None


def _docx_block(word: Any, block: Block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from rembuk_docs.compose import blocks as b

    match block:
        case b.Letterhead() | b.Title():
            lines = (
                [line.text for line in block.lines]
                if isinstance(block, b.Letterhead)
                else list(block.lines)
            )
            if isinstance(block, b.Title) and block.number:
                lines.append(block.number)
            for line in lines:
                paragraph = word.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(line).bold = True
        case b.Paragraph():
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _docx_runs(paragraph, block.content)
        case b.NumberedList():
            for item in block.items:
                _docx_runs(word.add_paragraph(style="List Number"), item.content)
                for child in item.children:
                    _docx_runs(word.add_paragraph(style="List Number 2"), child)
        case b.Fields():
            table = word.add_table(rows=0, cols=3)
            for key, value in block.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = key, ":", value
        case b.SignatureGrid():
            _docx_signatures(word, block)
        case b.DataTable():
            table = word.add_table(rows=1, cols=len(block.columns))
            table.style = "Table Grid"
            for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
                cell.text = column.title
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            if block.closing is not None:
                _docx_signatures(word, block.closing)
        case b.Spacer():
            word.add_paragraph().paragraph_format.space_after = Pt(block.height_pt)
        case b.PageBreak():
            word.add_page_break()
        case _:
            raise TypeError(f"unknown block {type(block).__name__}")


def _docx_signatures(word: Any, grid: SignatureGrid) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for line in grid.heading:
        word.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = word.add_table(rows=0, cols=grid.columns)
    blocks = signature_lines(grid)
    for start in range(0, len(blocks), grid.columns):
        cells = table.add_row().cells
        for cell, lines in zip(cells, blocks[start : start + grid.columns], strict=False):
            cell.text = "\n".join(lines)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
