"""Justified lines never stretch their spaces beyond a sane measure (issue #12: 'short lines
with huge gaps'): a line that would is set ragged in the PDF, and a line ending in a line break
is left unstretched by Word and LibreOffice as the PDF leaves it."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from rembuk_docs.compose.blocks import Align, Document, Paragraph, plain
from rembuk_docs.compose.layout import JUSTIFY_MAX_SPACE
from rembuk_docs.formats.pack import load_pack
from rembuk_docs.writers.docx_writer import DocxWriter
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.libreoffice import docx_to_pdf
from rembuk_docs.writers.pdf_writer import PdfWriter

from conftest import needs_tool, normalise

LONG_WORD = (
    "Hasil penilaian kinerja aksi konvergensi diunggah oleh Sekretariat TPPS ke laman"
    " https://konvergensi.bangda.kemendagri.go.id/emonev/DashPrev/index/2024 paling lambat"
    " akhir bulan Agustus."
)
"""A line of two words after a long address: justified, its spaces would grow five-fold."""


def _word_spacings(pdf: bytes) -> list[float]:
    """Every word spacing (PDF operator Tw) the pages set, in points."""
    spacings = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents()
        assert content is not None
        data = content.get_data().decode("latin-1")
        spacings += [float(value) for value in re.findall(r"([-\d.]+) Tw", data)]
    return spacings


def _document(text: str) -> Document:
    return Document("uji", "Uji", (Paragraph(plain(text)),), date(2024, 5, 28))


def test_a_line_before_a_long_word_is_set_ragged_not_stretched() -> None:
    pack = load_pack("default")
    space = stringWidth(" ", font_set(pack).regular, pack.font.size)
    pdf = PdfWriter(pack).write(_document(LONG_WORD))
    spacings = _word_spacings(pdf)
    # every space of every justified line stays within the measure
    assert all(space + extra <= JUSTIFY_MAX_SPACE * space + 1e-6 for extra in spacings)
    text = normalise(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert normalise(LONG_WORD) in text


def test_ordinary_lines_stay_justified() -> None:
    pack = load_pack("default")
    text = " ".join(["Upaya pencegahan difokuskan pada baduta stunting melalui intervensi"] * 4)
    spacings = _word_spacings(PdfWriter(pack).write(_document(text)))
    assert any(extra > 0.1 for extra in spacings)  # the lines before the last are justified


def test_the_docx_asks_word_not_to_stretch_a_line_ending_in_a_break() -> None:
    docx = DocxWriter(load_pack("default")).write(_document("satu"))
    settings = zipfile.ZipFile(io.BytesIO(docx)).read("word/settings.xml").decode()
    assert "<w:compat><w:doNotExpandShiftReturn/>" in settings


def _word_box(pdf: bytes, word: str, folder: Path) -> tuple[float, float]:
    path = folder / "uji.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(rf'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>{word}<', boxes)
    assert found, word
    return float(found.group(1)), float(found.group(2))


@needs_tool("soffice", "pdftotext")
def test_libreoffice_leaves_a_line_ending_in_a_break_as_the_pdf_does(tmp_path: Path) -> None:
    pack = load_pack("default")
    text = "Hasil yang disepakati\n" + " ".join(["kalimat berikutnya cukup panjang"] * 6)
    document = _document(text)
    native = _word_box(PdfWriter(pack).write(document), "disepakati", tmp_path)
    word = _word_box(docx_to_pdf(DocxWriter(pack).write(document)), "disepakati", tmp_path)
    # stretched, 'disepakati' would end at the right margin, 300 points further right
    assert abs(native[1] - word[1]) < 2.0, (native, word)


def test_a_centred_title_stays_centred() -> None:
    """Only justified lines are set ragged: a centred title's lines keep their offset (the
    first version of the rule set every multi-word centred line flush left)."""
    pdf = PdfWriter(load_pack()).write(
        Document(
            "uji",
            "Uji",
            (Paragraph(plain("PERNYATAAN BERSAMA REMBUK STUNTING"), align=Align.CENTER),),
            date(2024, 5, 28),
        )
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    starts: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if "PERNYATAAN" in text:
            starts.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    width = stringWidth("PERNYATAAN BERSAMA REMBUK STUNTING", "Helvetica", 12)
    centre = float(page.mediabox.width) / 2
    assert starts, "the title was not found on the page"
    # its start lies half its width left of the page's centre (margins are symmetric), within a
    # few points for the font's own widths, not at the left margin
    assert abs(starts[0] - (centre - width / 2)) < 20


def test_a_text_without_markup_gets_the_fragments_reportlab_s_parser_gives() -> None:
    """Text without ``<`` or ``&`` skips reportlab's HTML parser: its fragments, text and the
    lines it breaks into are those of a paragraph that was parsed (reportlab's own class)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as ReportlabParagraph

    from rembuk_docs.writers.pdf_paragraph import Paragraph as OurParagraph

    fonts = font_set(load_pack(None))
    styles = [
        ParagraphStyle("body", fontName=fonts.regular, fontSize=12, alignment=TA_JUSTIFY),
        ParagraphStyle("bold", fontName=fonts.bold, fontSize=11, textTransform="uppercase"),
        ParagraphStyle("grey", fontName=fonts.italic, fontSize=9, textColor=colors.grey),
    ]
    texts = [
        "",
        "Kupang, 25 Juli 2022",
        "  Kepala Dinas Kesehatan\n   Kabupaten Kupang  ",
        "Nomor: 440/123/DINKES/2022 — percepatan penurunan stunting di 30 desa lokus "
        "tahun anggaran 2023 dengan Dana\u00a0Desa > 8%",
        "NIP. 19800101 200501 1 001",
    ]
    for style in styles:
        for text in texts:
            ours, theirs = OurParagraph(text, style), ReportlabParagraph(text, style)
            assert ours.text == theirs.text
            assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in theirs.frags]
            assert ours.wrap(200, 1000) == theirs.wrap(200, 1000)
            assert repr(ours.blPara.lines) == repr(theirs.blPara.lines)
    # each paragraph has fragments of its own, made once per style: changing one changes no other
    first, second = OurParagraph("Desa Oelpuah", styles[2]), OurParagraph("Desa Oelpuah", styles[2])
    assert first.frags[0] is not second.frags[0]
    first.frags[0].fontSize = 30
    assert OurParagraph("Desa Oelpuah", styles[2]).frags[0].__dict__ == second.frags[0].__dict__
    assert second.frags[0].fontSize == 9
    # markup still goes through the parser
    bold = OurParagraph("<b>Kesepakatan</b> &amp; komitmen", styles[0])
    assert [(f.text, f.bold) for f in bold.frags][:2] == [("Kesepakatan", 1), (" ", 0)]
    assert "".join(f.text for f in bold.frags) == "Kesepakatan & komitmen"


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch: Any) -> None:
    """Wrapped again at the same width (a table measures a cell, then draws it), a paragraph
    gives the lines it broke before without breaking them again; at another width, or once a
    split found no room and dropped them, it breaks them anew."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph

    from rembuk_docs.writers.pdf_paragraph import Paragraph as OurParagraph

    fonts = font_set(load_pack())
    style = ParagraphStyle("p", fontName=fonts.regular, fontSize=11, leading=13, allowOrphans=0)
    text = LONG_WORD + " " + LONG_WORD
    broken: list[float] = []
    original = RLParagraph.breakLines

    def counting(self: Any, widths: Any) -> Any:
        broken.append(widths[0])
        return original(self, widths)

    monkeypatch.setattr(RLParagraph, "breakLines", counting)
    ours, theirs = OurParagraph(text, style), RLParagraph(text, style)
    first = ours.wrap(300, 800)
    lines = ours.blPara.lines
    assert ours.wrap(300, 50) == first == theirs.wrap(300, 800) and ours.blPara.lines is lines
    assert broken == [300, 300]  # ours once, reportlab's once
    narrower = ours.wrap(200, 800)
    assert narrower[1] > first[1] and narrower == theirs.wrap(200, 800)
    assert ours.wrap(300, 800) == first and (ours.width, ours.height) == first
    assert len(broken) == 5
    assert ours.split(300, 13) == []  # one line of room: no orphan, the lines are dropped
    assert ours.wrap(300, 800) == first and len(broken) == 6
