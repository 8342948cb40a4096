"""Titles break in balanced lines, decided once for both writers (issue #12, item 6): 'TENTANG' on
a line of its own, no line wider than the text, no lone word on the last line of a broken line.
The PDF's first page and the DOCX's paragraphs carry exactly the lines compose/layout.py chose."""

from __future__ import annotations

import io
import re
import warnings

import pytest

import rembuk_docs
from rembuk_docs.compose import pack_documents
from rembuk_docs.compose.blocks import Title
from rembuk_docs.compose.layout import balanced_lines, text_width_pt, title_lines
from rembuk_docs.rendering import compose_documents, resolve_pack
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.measure import text_width

from conftest import definition_samples, docx_paragraphs, docx_text, normalise, pdf_text


def _width(text: str) -> float:
    return 10.0 * len(text)  # a monospaced stand-in: 10 points a character


def test_a_long_line_breaks_evenly_and_never_ends_on_a_lone_word() -> None:
    text = "PERCEPATAN PENURUNAN STUNTING TERINTEGRASI DI KABUPATEN BANYUASIN"
    # greedy filling at 560 points would leave 'BANYUASIN' alone on the second line
    assert balanced_lines(text, 560, _width) == [
        "PERCEPATAN PENURUNAN STUNTING",
        "TERINTEGRASI DI KABUPATEN BANYUASIN",
    ]
    assert balanced_lines("DAFTAR HADIR", 120, _width) == ["DAFTAR HADIR"]  # fits as it is
    lines = balanced_lines("SATU DUA TIGA EMPAT LIMA ENAM TUJUH DELAPAN", 200, _width)
    assert all(_width(line) <= 200 for line in lines) and len(lines[-1].split()) > 1


def test_tentang_stands_on_a_line_of_its_own() -> None:
    lines = title_lines(("KOMITMEN BERSAMA TENTANG PENCEGAHAN STUNTING",), 10_000, _width)
    assert lines == ("KOMITMEN BERSAMA", "TENTANG", "PENCEGAHAN STUNTING")


def _sample_titles() -> list[tuple[str, rembuk_docs.Rembuk, str]]:
    found = []
    for path in definition_samples():
        rembuk = rembuk_docs.load(path)
        for name in pack_documents(rembuk):
            found.append((f"{path.stem}/{name}", rembuk, name))
    return found


@pytest.mark.parametrize(
    ("label", "rembuk", "name"), _sample_titles(), ids=[t[0] for t in _sample_titles()]
)
def test_every_sample_title_is_printed_in_the_same_balanced_lines_in_both_formats(
    label: str, rembuk: rembuk_docs.Rembuk, name: str
) -> None:
    from pypdf import PdfReader

    pack = resolve_pack(rembuk)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (document,) = compose_documents(rembuk, pack, [name])
        pdf = rembuk_docs.render_bytes(rembuk, name, "pdf")
        docx = rembuk_docs.render_bytes(rembuk, name, "docx")
    titles = [block for block in document.blocks if isinstance(block, Title)]
    if not titles:
        pytest.skip(f"{label} has no title block")
    bold = font_set(pack).bold
    width = text_width_pt(pack)
    lines = title_lines(titles[0].lines, width, lambda t: text_width(t, bold, pack.font.size))
    for line in lines:
        assert text_width(line, bold, pack.font.size) <= width
    assert [line for line in lines if "TENTANG" in line.split()] in ([], ["TENTANG"])
    for given in titles[0].lines:  # no given line ends, once broken, on a lone word
        broken = balanced_lines(given, width * 0.97, lambda t: text_width(t, bold, pack.font.size))
        assert len(broken) == 1 or len(broken[-1].split()) > 1, broken
    page = [  # the title may open a lampiran on a later page (the undangan's list)
        normalise(line)
        for sheet in PdfReader(io.BytesIO(pdf)).pages
        for line in (sheet.extract_text() or "").splitlines()
    ]
    start = page.index(lines[0])
    assert page[start : start + len(lines)] == list(lines)
    paragraphs = [normalise(text) for text in docx_paragraphs(docx)]
    start = paragraphs.index(lines[0])
    assert paragraphs[start : start + len(lines)] == list(lines)


def _agreement_samples() -> list[tuple[str, rembuk_docs.Rembuk]]:
    return [(path.stem, rembuk_docs.load(path)) for path in definition_samples()]


@pytest.mark.parametrize(
    ("stem", "rembuk"), _agreement_samples(), ids=[s for s, _ in _agreement_samples()]
)
def test_an_agreement_title_names_its_region_once_and_its_subject_once(
    stem: str, rembuk: rembuk_docs.Rembuk
) -> None:
    """'PERNYATAAN BERSAMA REMBUK STUNTING TINGKAT KABUPATEN KUPANG TAHUN 2022 TENTANG PENCEGAHAN
    DAN PENURUNAN STUNTING TERINTEGRASI', not '... DI KABUPATEN KUPANG' again; Kayong Utara's
    subject, which is its event's name, is said once (the region and year stand for the event)."""
    from rembuk_docs.compose.common import region_title

    pack = resolve_pack(rembuk)
    region = region_title(rembuk, pack).upper()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("kesepakatan", "lembar-tanda-tangan"):
            if name not in pack_documents(rembuk):
                continue
            for fmt in ("pdf", "docx"):
                data = rembuk_docs.render_bytes(rembuk, name, fmt)
                text = normalise(pdf_text(data) if fmt == "pdf" else docx_text(data))
                title = text[text.index(rembuk.agreement.kind.value.upper()) :]
                title = re.split(r"NOMOR :|Nomor :", title)[0]
                assert title.count(region) == 1, (name, fmt, title)
                subject = title.split(" TENTANG ", 1)[1]
                assert title.count(subject.strip()) == 1, (name, fmt, title)
                if stem == "kayong-utara-2023":
                    assert title.startswith("KOMITMEN BERSAMA KABUPATEN KAYONG UTARA TAHUN 2023 ")
