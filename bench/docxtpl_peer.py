"""The docxtpl peer: a Word template with Jinja tags, rendered with the content of our documents.

The template is built here with python-docx, at run time (:func:`build_template`), so no binary
fixture is committed. It walks a list of blocks with ``{%p for %}`` / ``{%p if %}`` paragraphs;
tables grow with ``{%tr for %}`` row loops: the attendance list is a header row and one
``{%tr for r in b.rows %}`` row, as a template author writes it. Only rendering is timed: opening
the template, ``render(context)``, saving. Building the template and the context is not.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from peers import signature_lines

if TYPE_CHECKING:
    from rembuk_docs.compose.blocks import Document
    from rembuk_docs.formats.pack import FormatPack

DATA_COLUMNS = 4  # every data table of the benchmark: No | Nama | Jabatan / Instansi | Tanda Tangan


def build_template(pack: FormatPack) -> bytes:
    """The .docx template: one branch per kind of block, inside a loop over ``blocks``."""
    from docx import Document as new_document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm, Mm, Pt

    word = new_document()
    section = word.sections[0]
    page = pack.page
    section.page_width, section.page_height = (Mm(value) for value in page.size_mm)
    section.top_margin, section.bottom_margin = Cm(page.margin_top_cm), Cm(page.margin_bottom_cm)
    section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)
    word.styles["Normal"].font.name = pack.font.docx_name
    word.styles["Normal"].font.size = Pt(pack.font.size)

    def tag(text: str) -> None:
        word.add_paragraph(text)

    def line(text: str, align: Any, *, is_bold: bool = False, indent_cm: float = 0) -> None:
        paragraph = word.add_paragraph()
        paragraph.alignment = align
        if indent_cm:
            paragraph.paragraph_format.left_indent = Cm(indent_cm)
        paragraph.add_run(text).bold = is_bold or None

    def loop_table(columns: int, cells: list[str], *, header: list[str] | None = None) -> None:
        table = word.add_table(rows=0, cols=columns)
        if header is not None:
            table.style = "Table Grid"
            row = table.add_row()
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
            for cell, text in zip(row.cells, header, strict=True):
                cell.text = text
        table.add_row().cells[0].text = "{%tr for r in b.rows %}"
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
        table.add_row().cells[0].text = "{%tr endfor %}"

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    tag("{%p for b in blocks %}")
    tag("{%p if b.kind == 'bold' %}")
    line("{{ b.text }}", center, is_bold=True)
    tag("{%p elif b.kind == 'center' %}")
    line("{{ b.text }}", center)
    tag("{%p elif b.kind == 'para' %}")
    line("{{ b.text }}", justify)
    tag("{%p elif b.kind == 'item' %}")
    line("{{ b.label }} {{ b.text }}", justify, indent_cm=0.8)
    tag("{%p elif b.kind == 'subitem' %}")
    line("{{ b.label }} {{ b.text }}", justify, indent_cm=1.8)
    tag("{%p elif b.kind == 'fields' %}")
    loop_table(3, ["{{ r[0] }}", ":", "{{ r[1] }}"])
    tag("{%p elif b.kind == 'signatures' %}")
    loop_table(2, ["{{ r[0] }}", "{{ r[1] }}"])
    tag("{%p elif b.kind == 'table' %}")
    loop_table(
        DATA_COLUMNS,
        [f"{{{{ r[{index}] }}}}" for index in range(DATA_COLUMNS)],
        header=[f"{{{{ b.header[{index}] }}}}" for index in range(DATA_COLUMNS)],
    )
    tag("{%p endif %}")
    tag("{%p endfor %}")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def context(document: Document) -> dict[str, Any]:
    """The template's context: our composed document as a flat list of blocks."""
    from rembuk_docs.compose import blocks as b

    items: list[dict[str, Any]] = []

    def signatures(grid: b.SignatureGrid) -> None:
        items.extend({"kind": "center", "text": text} for text in grid.heading)
        cells = ["\n".join(lines) for lines in signature_lines(grid)]
        pairs = []
        for start in range(0, len(cells), 2):
            pair = cells[start : start + 2]
            pairs.append(pair + [""] * (2 - len(pair)))
        items.append({"kind": "signatures", "rows": pairs})

    for block in document.blocks:
        match block:
            case b.Letterhead():
                items.extend({"kind": "bold", "text": line.text} for line in block.lines)
            case b.Title():
                items.extend({"kind": "bold", "text": text} for text in block.lines)
                if block.number:
                    items.append({"kind": "center", "text": block.number})
            case b.Paragraph():
                items.append({"kind": "para", "text": b.inline_text(block.content)})
            case b.NumberedList():
                for number, item in enumerate(block.items, start=1):
                    items.append(
                        {"kind": "item", "label": f"{number}.", "text": b.inline_text(item.content)}
                    )
                    items.extend(
                        {
                            "kind": "subitem",
                            "label": f"({chr(65 + index)})",
                            "text": b.inline_text(child),
                        }
                        for index, child in enumerate(item.children)
                    )
            case b.Fields():
                items.append({"kind": "fields", "rows": [list(row) for row in block.rows]})
            case b.SignatureGrid():
                signatures(block)
            case b.DataTable():
                if len(block.columns) != DATA_COLUMNS:
                    raise ValueError(f"the template has {DATA_COLUMNS}-column tables only")
                header = [column.title for column in block.columns]
                items.append({"kind": "table", "header": header, "rows": block.rows})
                if block.closing is not None:
                    signatures(block.closing)
            case b.Spacer():
                items.append({"kind": "para", "text": ""})
            case b.PageBreak():
                items.append({"kind": "para", "text": "\f"})  # docxtpl turns \f into a page break
    return {"blocks": items}


def render(template: bytes, document: Document) -> bytes:
    """Render ``template`` with ``document``'s content, the way docxtpl is used: open, render, save."""
    return render_context(template, context(document))


def render_context(template: bytes, values: dict[str, Any]) -> bytes:
    """The timed part: open the template, render it with ``values`` (escaped), save it."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(values, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
