"""Build the example Word-authored template templates/kupang-word/kesepakatan.docx with python-docx.

A template author writes such a file in Word; this script writes the example the same way a person
would (styles, a kop table with the logo, docxtpl tags in the text) so that it can be rebuilt and
reviewed. Run: python scripts/build_word_templates.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm, Pt

from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.writers.archive import normalise_zip
from rembuk_docs.writers.docx_furniture import add_page_numbers
from rembuk_docs.writers.docx_schema import clean_blank, insert_in_order

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "templates" / "kupang-word" / "kesepakatan.docx"


def _paragraph(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    style: str | None = None,
    after: float = 0,
    indent_cm: float | None = None,
) -> Any:
    paragraph = container.add_paragraph(style=style)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if indent_cm is not None:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
        paragraph.paragraph_format.first_line_indent = Cm(-0.9)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size is not None:
            run.font.size = Pt(size)
    return paragraph


def _tag(container: Any, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it disappears when rendered."""
    _paragraph(container, text, align=WD_ALIGN_PARAGRAPH.LEFT)


def _widths(table: Any, widths_cm: list[float]) -> None:
    """Fixed column widths, as Word stores them (grid and every cell)."""
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _kop(document: Any) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [2.8, 13.2])
    logo_cell, text_cell = table.rows[0].cells
    logo_cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(placeholder_emblem()), width=Cm(2.2))
    first = text_cell.paragraphs[0]
    first.add_run("{%p for baris in kop %}")
    line = _paragraph(
        text_cell, "{{ baris.text }}", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    line.paragraph_format.line_spacing = 1.0
    _tag(text_cell, "{%p endfor %}")
    rule = _paragraph(document, after=12)
    insert_in_order(
        rule._p.get_or_add_pPr(),
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="1" '
            'w:color="000000"/></w:pBdr>'
        ),
    )


def _signatures(document: Any) -> None:
    _paragraph(document, "{{ tempat_tanggal }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "Kami yang menyatakan,", align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    table = document.add_table(rows=4, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [8.0, 8.0])
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for pasangan in penandatangan | batch(2) %}")
    for column in range(2):
        person = f"pasangan[{column}]"
        guard = "" if column == 0 else "pasangan | length > 1"
        top, bottom = table.rows[1].cells[column], table.rows[2].cells[column]
        top.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
        jabatan = top.paragraphs[0]
        jabatan.alignment = WD_ALIGN_PARAGRAPH.CENTER
        jabatan.add_run(
            f"{{% if {guard} %}}{{{{ {person}.jabatan }}}},{{% endif %}}"
            if guard
            else f"{{{{ {person}.jabatan }}}},"
        )
        first = bottom.paragraphs[0]
        if guard:
            first.add_run(f"{{%p if {guard} %}}")
        for _ in range(4 if guard else 3):
            _paragraph(bottom, align=WD_ALIGN_PARAGRAPH.CENTER)
        name = _paragraph(bottom, align=WD_ALIGN_PARAGRAPH.CENTER).add_run(
            f"{{{{ {person}.nama }}}}"
        )
        name.bold, name.underline = True, True
        _tag(bottom, f"{{%p if {person}.nip %}}")
        _paragraph(bottom, f"{{{{ {person}.pangkat }}}}", align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(bottom, f"NIP. {{{{ {person}.nip }}}}", align=WD_ALIGN_PARAGRAPH.CENTER)
        _tag(bottom, "{%p endif %}")
        if guard:
            _tag(bottom, "{%p endif %}")
        _paragraph(bottom, after=12)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for row in table.rows:
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for cell in table.rows[1].cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True


def build() -> bytes:
    """The example template's bytes (the same bytes every time)."""
    document = Document()
    clean_blank(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    body = document.element.body
    for paragraph in list(body.iterchildren()):
        if paragraph.tag.endswith("}p"):
            body.remove(paragraph)

    _kop(document)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for text in (
        "{{ agreement.kind | upper }}",
        "{{ judul_acara | upper }}",
        "TENTANG",
        "{{ judul_pokok | upper }}",
    ):
        _paragraph(document, text, bold=True, align=centre)
    _tag(document, "{%p if nomor %}")
    _paragraph(document, "NOMOR : {{ nomor }}", align=centre)
    _tag(document, "{%p endif %}")
    _paragraph(document, after=6)
    _paragraph(
        document,
        (
            "{{ pada_hari_ini }}, bertempat di {{ event.venue }}, kami yang bertanda tangan "
            "di bawah ini, para peserta {{ event.name }}{% if event.legal_basis %}, dengan berpedoman "
            "pada {{ event.legal_basis | gabung }}{% endif %}, menyadari bahwa stunting menghambat "
            "tumbuh kembang anak dan kualitas sumber daya manusia."
        ),
        after=6,
    )
    _tag(document, "{%p if anggaran %}")
    _paragraph(document, "Kegiatan ini dibiayai sebesar {{ anggaran }}.", after=6)
    _tag(document, "{%p endif %}")
    _paragraph(
        document,
        "Sehubungan dengan hal tersebut, kami menyatakan "
        "{{ agreement.kind | lower }} sebagai berikut:",
        after=6,
    )
    _tag(document, "{%p for butir in agreement.pledges %}")
    _paragraph(
        document,
        "{{ butir.text }}{% if butir.responsible %} (Penanggung jawab: "
        "{{ butir.responsible }}){% endif %}",
        style="List Number",
        after=4,
    )
    _tag(document, "{%p for sub in butir.items %}")
    _paragraph(
        document,
        "({{ 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[loop.index0] }})\t{{ sub }}",
        indent_cm=1.55,
        after=2,
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    _paragraph(
        document,
        "Demikian {{ agreement.kind | lower }} ini dibuat dengan penuh "
        "kesadaran dan tanggung jawab untuk dilaksanakan sebaik-baiknya.",
        after=12,
    )
    _signatures(document)
    add_page_numbers(document)
    core = document.core_properties
    core.title = "{{ document.title }}"
    core.author = "rembuk-docs (templat Word contoh)"
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def main() -> int:
    """Write the template; return 0."""
    TARGET.write_bytes(build())
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
