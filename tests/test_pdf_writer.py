"""The PDF writer's page layout: signature grids share a page with the text above when they fit;
the layout fitting measured is the one written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import rembuk_docs
from rembuk_docs.compose import composer, layout
from rembuk_docs.compose.blocks import (
    DataTable,
    Document,
    Paragraph,
    SignatureBlock,
    SignatureGrid,
    plain,
)
from rembuk_docs.compose.layout import (
    PageRoom,
    _a_page_could_go,
    _fewest_signing_lines,
    _fit_candidates,
    fit_to_pages,
)
from rembuk_docs.errors import MissingGlyphWarning
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.model import Rembuk
from rembuk_docs.rendering import compose_documents, resolve_pack
from rembuk_docs.writers.fonts import FontSet
from rembuk_docs.writers.pdf_layouts import LAYOUTS
from rembuk_docs.writers.pdf_writer import PdfWriter

from conftest import SAMPLES, pdf_pages, pdf_raw_pages


def _signatures(count: int, heading: tuple[str, ...]) -> SignatureGrid:
    blocks = tuple(
        SignatureBlock(above=(f"Jabatan {n},",), name=f"Nama {n}", below=(f"NIP. {n}",))
        for n in range(1, count + 1)
    )
    return SignatureGrid(blocks=blocks, columns=2, heading=heading)


@pytest.mark.parametrize("heading", [(), ("Kupang, 25 Juli 2022", "Yang bersepakat,")])
@pytest.mark.parametrize("count", [1, 2, 4])
def test_a_signature_grid_that_fits_stays_on_the_page(heading: tuple[str, ...], count: int) -> None:
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(
            Paragraph(plain("Demikian untuk dipergunakan sebagaimana mestinya.")),
            _signatures(count, heading),
        ),
    )
    pages = pdf_pages(PdfWriter(load_pack()).write(document))
    assert len(pages) == 1
    assert "Demikian" in pages[0] and f"Nama {count}" in pages[0]


def test_a_grid_too_long_for_one_page_continues_row_by_row() -> None:
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(Paragraph(plain("Pembuka.")), _signatures(16, ("Yang bersepakat,",))),
    )
    pages = pdf_pages(PdfWriter(load_pack()).write(document))
    assert len(pages) >= 2
    assert "Pembuka. Yang bersepakat, Jabatan 1, Nama 1 NIP. 1 Jabatan 2," in pages[0]
    for n in range(1, 17):  # every block whole on one page
        assert sum(f"Jabatan {n}," in page and f"Nama {n} " in page for page in pages) == 1


def _pack_documents(kupang: Rembuk) -> tuple[FormatPack, list[Document]]:
    pack = resolve_pack(kupang)
    LAYOUTS.clear()
    return pack, compose_documents(kupang, pack)


def test_the_file_written_is_the_layout_fitting_measured(kupang: Rembuk) -> None:
    """``fit_to_pages`` lays each document out (blank rows, signing space); the PDF writer then
    writes the very layout it settled on instead of laying the pages out again."""
    pack, composed = _pack_documents(kupang)
    daftar = next(document for document in composed if document.name == "daftar-hadir")
    assert daftar.watermark == "DRAF"  # marked before fitting: the measured layout is the draft's
    writer = PdfWriter(pack)
    reused = writer.write(daftar)
    assert writer.layout_passes == 0
    LAYOUTS.clear()
    again = PdfWriter(pack)
    laid_out = again.write(daftar)
    assert again.layout_passes == 1
    assert reused == laid_out
    pages = pdf_raw_pages(reused)
    assert all(page.startswith("DRAF ") for page in pages)
    assert "DAFTAR HADIR" in pages[0]


def test_a_measured_layout_serves_only_the_same_document_and_settings(kupang: Rembuk) -> None:
    pack, composed = _pack_documents(kupang)
    # each document of the pack (all composed before the first is written) is found again
    passes = 0
    for document in composed:
        writer = PdfWriter(pack)
        writer.write(document)
        passes += writer.layout_passes
    fitted = [document for document in composed if _fit_candidates(document, pack)]
    assert passes == len(composed) - len(fitted)
    daftar = next(document for document in composed if document.name == "daftar-hadir")
    other = PdfWriter(pack)
    unmarked = other.write(replace(daftar, watermark=None))  # another document: laid out
    assert other.layout_passes == 1
    assert not pdf_raw_pages(unmarked)[0].startswith("DRAF")
    kesepakatan = next(document for document in composed if document.name == "kesepakatan")
    PdfWriter(pack).write(kesepakatan)
    spots = PdfWriter(pack, signature_spots=True)  # other settings: laid out, spots recorded
    spots.write(kesepakatan)
    assert spots.layout_passes == 1
    assert spots.spots
    other_pack = PdfWriter(pack.with_paper("f4"))  # another pack: laid out
    other_pack.write(daftar)
    assert other_pack.layout_passes == 1


def test_a_reused_layout_gives_the_writers_warnings() -> None:
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(Paragraph(plain("Peserta \U0001f476 hadir.")), _signatures(2, ())),
    )
    pack = load_pack()
    PdfWriter(pack).page_space(document)
    writer = PdfWriter(pack)
    with pytest.warns(MissingGlyphWarning, match=r"U\+1F476"):
        data = writer.write(document)
    assert writer.layout_passes == 0
    assert "Peserta ? hadir." in pdf_pages(data)[0]


def test_nothing_to_fit_is_not_laid_out() -> None:
    """A document without blank rows or a signing space to shorten is not measured at all."""
    pack = load_pack()
    fewest = _fewest_signing_lines(pack)
    grid = replace(_signatures(2, ()), space_lines=fewest)
    document = Document(
        name="uji", title="Uji", date=date(2022, 7, 25), blocks=(Paragraph(plain("Isi.")), grid)
    )

    def page_space(measured: Document) -> tuple[float, ...]:
        raise AssertionError("laid out")

    assert fit_to_pages(document, pack, page_space) == document
    taller = replace(document, blocks=(document.blocks[0], replace(grid, space_lines=fewest + 1)))
    measured: list[Document] = []

    def recording(candidate: Document) -> tuple[float, ...]:
        measured.append(candidate)
        return PdfWriter(pack).page_space(candidate)

    assert fit_to_pages(taller, pack, recording) == taller  # one page: nothing to save
    assert measured == [taller]


def test_unsaved_layouts_past_their_page_bound_are_saved_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A measured layout is saved when first written; a long one (past the bound of unsaved
    pages, which hold whole canvases) is saved when measured and kept as its file."""
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(Paragraph(plain("Pembuka.")), _signatures(2, ())),
    )
    pack = load_pack()
    LAYOUTS.clear()
    PdfWriter(pack).page_space(document)
    (entry,) = LAYOUTS._entries
    assert not entry.data.saved
    monkeypatch.setattr(LAYOUTS, "MAX_UNSAVED_PAGES", 0)
    LAYOUTS.clear()
    PdfWriter(pack).page_space(document)
    (entry,) = LAYOUTS._entries
    assert entry.data.saved
    writer = PdfWriter(pack)
    data = writer.write(document)
    assert writer.layout_passes == 0
    assert data == entry.data.data()
    assert "Pembuka." in pdf_pages(data)[0]


@pytest.mark.parametrize(
    ("sample", "blank_rows", "passes", "searched"),
    [
        # 30 asked would begin a third page: the fewest kept (23) leave the room for 4 more
        ("kupang-2022", 27, 2, 6),
        # 5 asked end the fifth page (3 fewer end there too): spare rows fill the room left
        ("kayong-utara-2023", 11, 2, 8),
    ],
)
def test_blank_rows_are_fitted_from_one_measured_layout(
    sample: str,
    blank_rows: int,
    passes: int,
    searched: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The blank rows are counted from the room the fewest leave and checked on the layout
    kept (compose.layout._most_blank_rows): the same rows as the binary search, fewer passes;
    the rows asked are never laid out."""
    rembuk = rembuk_docs.load(SAMPLES / f"{sample}.yaml")
    pack = resolve_pack(rembuk)
    document = composer("daftar-hadir")(rembuk, pack)
    (asked,) = (block.blank_rows for block in document.blocks if isinstance(block, DataTable))
    LAYOUTS.clear()
    counted = PdfWriter(pack)
    measured: list[int] = []

    def page_space(candidate: Document) -> PageRoom:
        (table,) = (block for block in candidate.blocks if isinstance(block, DataTable))
        measured.append(table.blank_rows)
        return counted.page_space(candidate)

    fitted = fit_to_pages(document, pack, page_space)
    table = next(block for block in fitted.blocks if isinstance(block, DataTable))
    assert table.blank_rows == blank_rows
    assert counted.layout_passes == passes
    assert measured == [asked - max(3, asked // 4), blank_rows]  # the fewest, then the count
    LAYOUTS.clear()
    monkeypatch.setattr(layout, "_most_blank_rows", lambda *args: None)
    searching = PdfWriter(pack)
    assert fit_to_pages(document, pack, searching.page_space) == fitted
    assert searching.layout_passes == searched
    LAYOUTS.clear()


def _measured(document: Document, pack: FormatPack) -> tuple[Document, list[Document]]:
    """``document`` fitted, and the documents fitting laid out for it."""
    writer = PdfWriter(pack)
    measured: list[Document] = []

    def page_space(candidate: Document) -> PageRoom:
        measured.append(candidate)
        return writer.page_space(candidate)

    LAYOUTS.clear()
    return fit_to_pages(document, pack, page_space), measured


def test_a_shorter_signing_space_is_laid_out_only_when_it_could_save_a_page() -> None:
    """The Kupang berita acara has room on its first two pages, but its signatures (2 rows, 48
    pt shorter at most) cannot bring page 2 onto page 1, and nothing flows over the page break
    before the lampiran (pages 3-4): not laid out again. The Banyuasin kesepakatan's
    signatures, a line shorter, come back to page 2: laid out, and taken."""
    kupang = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    pack = resolve_pack(kupang)
    berita = composer("berita-acara")(kupang, pack)
    fitted, measured = _measured(berita, pack)
    assert fitted == berita
    assert measured == [berita]
    banyuasin = rembuk_docs.load(SAMPLES / "banyuasin-2024.yaml")
    pack = resolve_pack(banyuasin)
    kesepakatan = composer("kesepakatan")(banyuasin, pack)
    fitted, measured = _measured(kesepakatan, pack)
    assert len(measured) == 2
    assert measured[-1] == fitted != kesepakatan
    (before,) = (block for block in kesepakatan.blocks if isinstance(block, SignatureGrid))
    (after,) = (block for block in fitted.blocks if isinstance(block, SignatureGrid))
    assert after.space_lines == before.space_lines - 1
    assert len(pdf_pages(PdfWriter(pack).write(fitted))) == 2


def test_no_page_can_go_across_a_page_break() -> None:
    """The Kupang berita acara's room: pages 1-2 hold 880 pt, more than a page and its gain even
    48 pt shorter; pages 3-4 are full. Without the page break before page 3 the four pages'
    room would be one page's and more."""
    space, heights = [236.3, 312.8, -2.7, 5.3], [716.0] * 4
    gain = 4 * 15.9
    assert not _a_page_could_go(PageRoom(space, heights, frozenset({2})), 48.0, gain)
    assert _a_page_could_go(PageRoom(space, heights, frozenset()), 48.0, gain)
    # the signatures pushed onto a page of their own (120 pt) come back to the page before
    assert _a_page_could_go(PageRoom([150.0, 596.0], [716.0] * 2, frozenset()), 16.0, gain)
    assert not _a_page_could_go(PageRoom([10.0, 596.0], [716.0] * 2, frozenset()), 16.0, gain)


def test_a_pack_lays_each_document_out_once_and_the_daftar_hadir_twice(
    kupang: Rembuk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fitting decides from one layout where it can: a Kupang pack is 7 layout passes (the
    daftar hadir: its fewest blank rows, then the count), each file written from its layout."""
    passes: list[str] = []
    lay_out = PdfWriter._lay_out

    def counted(writer: PdfWriter, document: Document, **options: bool) -> object:
        passes.append(document.name)
        return lay_out(writer, document, **options)

    monkeypatch.setattr(PdfWriter, "_lay_out", counted)
    LAYOUTS.clear()
    files = dict(rembuk_docs.render_files(kupang, formats=["pdf"]))
    assert sorted(passes) == sorted(
        [*(name.removesuffix(".pdf") for name in files), "daftar-hadir"]
    )
    assert passes.count("daftar-hadir") == 2


def _wrapped_row_by_row(
    table: DataTable, widths: list[float], fonts: FontSet, size: float
) -> tuple[list[list[object]], list[float]]:
    """Each row's cells and height as wrapping every cell of every row alone gives them."""
    from itertools import accumulate

    from rembuk_docs.writers import table_rows
    from rembuk_docs.writers.measure import text_width, wrap_text

    leading = size * layout.SINGLE_LINE
    cells, heights = [], []
    for index, row in enumerate(table.rows):
        font = fonts.bold if index in table.bold_rows else fonts.regular
        kept: list[object] = []
        most = 1
        for text, width in zip(row, widths, strict=True):
            inner = width - 2 * table_rows.SIDE
            if "\n" not in text and text_width(text, font, size) <= inner:
                kept.append(text)
                continue
            lines = wrap_text(text, font, size, inner)
            most = max(most, len(lines))
            kept.append(text if lines == text.split("\n") else tuple(lines))
        cells.append(kept)
        single = max(leading + 2 * table_rows.PADDING, table.min_row_height_pt)
        heights.append(
            single if most == 1 else max(most * leading + 2 * table_rows.PADDING, single)
        )
    return cells, [0.0, *accumulate(heights)]


def test_repeated_wrapped_cells_are_wrapped_once_and_read_as_each_row_wrapped_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long list repeats its jabatan and instansi: each distinct wrapped text of a column is
    wrapped once, its lines shared by every row that holds it; the cells and row heights are
    those of wrapping every row alone, a bold row in bold letters, and a measure's table
    (``heights_only``) counts the same heights from far fewer wrappings."""
    from rembuk_docs.compose.blocks import Column
    from rembuk_docs.writers import table_rows
    from rembuk_docs.writers.fonts import font_set

    fonts = font_set(load_pack(None))
    position = "Kepala Puskesmas\nPuskesmas Kecamatan Sukadana Kabupaten Kayong Utara Provinsi"
    rows = [
        (
            str(n),
            f"Nama Peserta Ke {n} dari Desa Sukamaju, S.KM.",
            position if n % 2 else "Kader",
            "",
        )
        for n in range(1, 301)
    ]
    rows.append(("", "Jumlah peserta yang hadir pada rembuk stunting hari ini", "", ""))
    rows.append(("", "trailing space ", "", ""))
    table = DataTable(
        columns=(Column("No", 1), Column("Nama", 4), Column("Jabatan", 4), Column("Paraf", 2)),
        rows=rows,
        bold_rows=frozenset({300}),
    )
    widths = [30.0, 140.0, 140.0, 70.0]
    calls: list[str] = []
    original = table_rows.wrap_text

    def counted(text: str, font: str, size: float, width: float) -> list[str]:
        calls.append(text)
        return original(text, font, size, width)

    monkeypatch.setattr(table_rows, "wrap_text", counted)
    cached = table_rows.TableRows(table, widths, fonts, 11)
    assert calls.count(position) == 1  # 150 rows hold it
    assert cached.cells is not None
    wrapped = cached.cells[0][2]
    assert isinstance(wrapped, tuple) and wrapped[:2] == ("Kepala Puskesmas", "Puskesmas Kecamatan")
    assert cached.cells[2][2] is wrapped
    assert isinstance(cached.cells[0][1], tuple)  # the names wrap: each is wrapped alone
    expected_cells, expected_offsets = _wrapped_row_by_row(table, widths, fonts, 11)
    assert [list(row) for row in cached.cells] == expected_cells
    assert cached.offsets == expected_offsets
    assert cached.offsets[1] > cached.offsets[2] - cached.offsets[1]  # the wrapped row is taller
    calls.clear()
    measured = table_rows.TableRows(table, widths, fonts, 11, heights_only=True)
    assert measured.cells is None
    assert measured.offsets == expected_offsets
    assert len(calls) < 20  # a handful of shapes of names, not 300 names


@pytest.mark.parametrize("compression", [1, 0])
def test_embedded_font_subsets_are_reportlabs(
    compression: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fonts' subsets, made once per process, embed as reportlab's own TTFont embeds them:
    the same bytes, an ASCII subset and one beyond it, the second file from the kept ones."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from rembuk_docs.writers.fonts import font_set

    fonts = font_set(load_pack(None))

    def drawn() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, pageCompression=compression)
        canvas.setFont(fonts.regular, 11)
        canvas.drawString(72, 720, "Rembuk stunting Désa Ōelbiteno – ½ “kesepakatan”")
        # past the 256 codes of the first subset: a second one
        canvas.drawString(72, 740, "".join(chr(code) for code in range(0xC0, 0x17F)))
        canvas.setFont(fonts.bold, 11)
        canvas.drawString(72, 700, "KABUPATEN KUPANG")
        canvas.save()
        return buffer.getvalue()

    ours = [drawn(), drawn()]
    assert b"FontFile2" in ours[0] and ours[0].count(b"/Type /FontDescriptor") == 3
    for name in (fonts.regular, fonts.bold):
        font = pdfmetrics.getFont(name)
        monkeypatch.setattr(font, "addObjects", TTFont.addObjects.__get__(font))
    assert ours == [drawn(), drawn()]
