"""The DOCX body written as XML text: the same XML python-docx makes, and real Word content."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from rembuk_docs.compose.blocks import (
    Align,
    Column,
    DataTable,
    Document,
    KopLine,
    Letterhead,
    ListItem,
    NumberedList,
    Orientation,
    Paragraph,
    Picture,
    PictureGrid,
    Run,
    SignatureBlock,
    SignatureGrid,
    TextStyle,
    Title,
)
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.formats.loader import load_pack
from rembuk_docs.writers import docx_body as body
from rembuk_docs.writers.docx_schema import insert_in_order
from rembuk_docs.writers.docx_writer import DocxWriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = "Dinas P2KB & <Bappeda> \"resmi\" 'kutip'"


def _alone(xml: str) -> str:
    """``xml`` as lxml serialises an element on its own: the ``w`` prefix declared on it."""
    return re.sub(r"^<(w:\w+)", lambda tag: tag.group() + body.XMLNS_W, xml, count=1)


def _paragraph() -> Any:
    """A python-docx paragraph outside any document: only the ``w`` prefix is in scope."""
    return WordParagraph(parse_xml(f"<w:p {nsdecls('w')}/>"), None)


def _python_docx_run(text: str, **looks: Any) -> str:
    paragraph = _paragraph()
    run = paragraph.add_run(text)
    for name, value in looks.items():
        if name == "size_pt":
            run.font.size = Pt(value)
        else:
            setattr(run, name, value)
    return str(etree.tostring(run._r, encoding="unicode"))


@pytest.mark.parametrize(
    ("text", "looks"),
    [
        ("Rp 1.000", {}),
        (TRICKY, {"bold": True}),
        ("  spasi di tepi ", {"italic": True}),
        ("\xa0tanpa putus", {}),  # str.strip() takes the no-break space too: space is kept
        ("kolom\tdua\nbaris\rtiga", {"underline": True}),
        ("", {}),
        ("tebal dimatikan", {"bold": False, "size_pt": 10.5}),
        ("semua", {"bold": True, "italic": True, "underline": True, "size_pt": 15}),
    ],
)
def test_a_run_is_the_xml_python_docx_writes(text: str, looks: dict[str, Any]) -> None:
    ours = body.run(text, **looks)
    assert _alone(ours) == _python_docx_run(text, **looks)


def test_run_text_is_escaped_as_lxml_escapes_it() -> None:
    xml = body.run(TRICKY)
    assert xml == ("<w:r><w:t>Dinas P2KB &amp; &lt;Bappeda&gt; \"resmi\" 'kutip'</w:t></w:r>")
    assert "".join(etree.fromstring(_alone(xml)).itertext()) == TRICKY


def test_a_character_xml_cannot_hold_is_refused_as_lxml_refuses_it() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        body.run("nama\x0bsalah")


def test_paragraph_properties_stand_in_python_docx_order() -> None:
    paragraph = _paragraph()
    paragraph._p.style = "ListNumber"
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(4)
    fmt.keep_with_next = True
    fmt.first_line_indent = Cm(-0.75)
    fmt.left_indent = Cm(1.27)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    numbering = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="1001"/></w:numPr>'
    insert_in_order(paragraph._p.get_or_add_pPr(), parse_xml(numbering))
    paragraph.add_run("butir")

    ours = body.paragraph(
        body.run("butir"),
        style="ListNumber",
        keep_next=True,
        numbering=(1, 1001),
        space=body.spacing(("after", body.twips_pt(4))),
        indent=f'<w:ind w:hanging="{body.twips_cm(0.75)}" w:left="{body.twips_cm(1.27)}"/>',
        align="both",
    )
    assert _alone(ours) == etree.tostring(paragraph._p, encoding="unicode")


def test_an_empty_paragraph_and_a_switched_off_keep() -> None:
    assert body.paragraph() == "<w:p/>"
    assert body.paragraph(keep_next=False) == '<w:p><w:pPr><w:keepNext w:val="0"/></w:pPr></w:p>'


def test_runs_break_lines_and_set_bold_only_where_it_departs_from_the_style() -> None:
    content = (Run("BAB I", bold=True), Run("\nbiasa & <miring>", italic=True))
    not_bold = '<w:b w:val="0"/>'
    assert body.runs(content, style_bold=True) == (
        "<w:r><w:t>BAB I</w:t></w:r>"
        f"<w:r><w:rPr>{not_bold}<w:i/></w:rPr><w:br/></w:r>"
        f"<w:r><w:rPr>{not_bold}<w:i/></w:rPr><w:t>biasa &amp; &lt;miring&gt;</w:t></w:r>"
    )
    assert body.runs(content) == (
        "<w:r><w:rPr><w:b/></w:rPr><w:t>BAB I</w:t></w:r>"
        "<w:r><w:rPr><w:i/></w:rPr><w:br/></w:r>"
        "<w:r><w:rPr><w:i/></w:rPr><w:t>biasa &amp; &lt;miring&gt;</w:t></w:r>"
    )


# ---------------------------------------------------------------- a whole document, reopened


def _signature(number: int) -> SignatureBlock:
    return SignatureBlock(
        above=(f"Kepala Dinas {number} & Mitra",),
        name=f"Nama Penanda Tangan {number}",
        below=(f"NIP. 1970010{number} 199503 1 00{number}",),
    )


DOCUMENT = Document(
    name="uji",
    title="Uji",
    date=date(2024, 7, 8),
    blocks=(
        Letterhead((KopLine("PEMERINTAH KABUPATEN KUPANG", 15),), logo=placeholder_emblem()),
        Title(("KESEPAKATAN BERSAMA",), number="NOMOR : 1/2 & 3"),
        Paragraph(
            (Run("Pada hari ini "), Run("stunting", italic=True), Run(" & <lainnya>", bold=True)),
        ),
        Paragraph(
            (Run("BAB I ", bold=True), Run("biasa")), style=TextStyle.HEADING, align=Align.CENTER
        ),
        NumberedList(
            (
                ListItem((Run("Butir satu"),), ((Run("Anak butir A"),), (Run("Anak butir B"),))),
                ListItem((Run("Butir dua"),)),
            )
        ),
        SignatureGrid(
            tuple(_signature(n) for n in range(1, 6)), heading=("Kupang, 8 Juli 2024", "")
        ),
        Orientation(landscape=True),
        DataTable(
            (Column("No", 1), Column("Nama", 4)),
            rows=(("1", "Maria & Obed"),),
            closing=SignatureGrid((_signature(9),), columns=1, heading=("Mengetahui,",)),
        ),
        PictureGrid(
            (Picture(placeholder_emblem(), 3.0, 3.0, "Foto 1"),) * 3,
            columns=2,
            cell_width_cm=8.0,
            row_height_cm=4.0,
        ),
    ),
)


@pytest.fixture(scope="module")
def written() -> bytes:
    return DocxWriter(load_pack("default")).write(DOCUMENT)


@pytest.fixture(scope="module")
def word(written: bytes) -> Any:
    return docx.Document(io.BytesIO(written))


def test_paragraph_runs_keep_their_words_and_looks(word: Any) -> None:
    paragraph = next(p for p in word.paragraphs if p.text.startswith("Pada hari ini"))
    assert paragraph.style.name == "Body Text"
    looks = [(run.text, run.bold, run.italic) for run in paragraph.runs]
    assert looks == [
        ("Pada hari ini ", None, None),
        ("stunting", None, True),
        (" & <lainnya>", True, None),
    ]
    heading = next(p for p in word.paragraphs if p.text == "BAB I biasa")
    assert heading.style.name == "Heading 1"
    assert heading.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [run.bold for run in heading.runs] == [None, False]  # unbold in a bold style


def test_title_lines_and_number_with_space_after_the_last(word: Any) -> None:
    titles = [p for p in word.paragraphs if p.style.name in ("Title", "Nomor")]
    assert [p.text for p in titles] == ["KESEPAKATAN BERSAMA", "NOMOR : 1/2 & 3"]
    assert titles[0].paragraph_format.space_after is None
    assert titles[1].paragraph_format.space_after == Pt(12)


def test_list_paragraphs_are_numbered_by_one_definition_at_two_levels(word: Any) -> None:
    items = [p for p in word.paragraphs if p.style.name.startswith("List Number")]
    assert [p.text for p in items] == ["Butir satu", "Anak butir A", "Anak butir B", "Butir dua"]
    numbers = [p._p.pPr.find(qn("w:numPr")) for p in items]
    levels = [n.find(qn("w:ilvl")).get(qn("w:val")) for n in numbers]
    ids = {n.find(qn("w:numId")).get(qn("w:val")) for n in numbers}
    assert levels == ["0", "1", "1", "0"]
    (num_id,) = ids
    numbering = word.part.numbering_part.element
    assert numbering.xpath(f'./w:num[@w:numId="{num_id}"]')


def test_a_signature_grid_is_a_table_whose_rows_never_split(word: Any) -> None:
    table = next(t for t in word.tables if "Nama Penanda Tangan 1" in t._tbl.xml)
    rows = table._tbl.tr_lst
    assert len(rows) == 3  # five signatures, two to a row
    assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    last_row = rows[-1].tc_lst
    assert len(last_row) == 1 and last_row[0].grid_span == 2  # the fifth alone, across the row
    names = [
        run
        for paragraph in table.rows[0].cells[0].paragraphs
        for run in paragraph.runs
        if run.text == "Nama Penanda Tangan 1"
    ]
    assert len(names) == 1 and names[0].bold and names[0].underline
    heading = next(p for p in word.paragraphs if p.text == "Kupang, 8 Juli 2024")
    assert heading.paragraph_format.keep_with_next


def test_sections_pictures_and_the_closing_of_a_table(word: Any, written: bytes) -> None:
    sections = word.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert sections[0].different_first_page_header_footer  # the page furniture's section
    document = zipfile.ZipFile(io.BytesIO(written)).read("word/document.xml").decode()
    assert "rembuk-docs-table-" not in document
    assert "Maria &amp; Obed" in document and "Mengetahui," in document
    root = etree.fromstring(document.encode())
    ids = [int(e.get("id")) for e in root.iter("{*}docPr")]
    assert ids == [1, 2, 3, 4]  # the kop's logo, then three photos
    embeds = {e.get(qn("r:embed")) for e in root.iter("{*}blip")}
    assert embeds <= set(word.part.rels) and len(embeds) == 1  # one image, related once
    photos = next(t for t in word.tables if "Foto 1" in t._tbl.xml)
    captions = [
        p.text
        for row in photos.rows
        for cell in row.cells
        for p in cell.paragraphs
        if p.style.name == "Caption"
    ]
    assert captions == ["Foto 1"] * 3  # two photos to a row, the second row's other cell empty
