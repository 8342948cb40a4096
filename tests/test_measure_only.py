"""A measure-only PDF writer (for documents whose PDF is not written: a DOCX alone) measures
every page as laying the document out does, so that fitting decides the same document for
both writers; the pages a long table fills alone are counted from its row heights."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import Attendee
from rembuk_docs.compose import pack_documents
from rembuk_docs.compose.blocks import Document
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.model import Rembuk
from rembuk_docs.rendering import compose_documents, render_files, resolve_pack
from rembuk_docs.writers import pdf_table
from rembuk_docs.writers.pdf_writer import PdfWriter
from test_rencana_kegiatan import rows as plan_rows
from test_rencana_kegiatan import with_plan

from conftest import SAMPLES, definition_samples, docx_paragraphs


@pytest.fixture
def skipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The pages each measure of a long table counted without laying them out."""
    counted: list[int] = []
    original = pdf_table.LongTable._skipped

    def recording(self: pdf_table.LongTable, cut: int, frame: Any) -> int:
        hook = self._rows.on_pages_skipped
        assert hook is not None

        def counting(page: int, free: list[float], height: float) -> None:
            counted.append(len(free))
            hook(page, free, height)

        self._rows.on_pages_skipped = counting
        try:
            return original(self, cut, frame)
        finally:
            self._rows.on_pages_skipped = hook

    monkeypatch.setattr(pdf_table.LongTable, "_skipped", recording)
    yield counted


def assert_measured_alike(
    document: Document, pack: FormatPack, skipped: list[int] | None = None
) -> int:
    """The measure-only writer's page room equals the laid-out one's; returns its pages
    (``skipped``: cleared first, so that it tells the pages this measure counted)."""
    laid_out = PdfWriter(pack).page_space(document)
    if skipped is not None:
        skipped.clear()
    measured = PdfWriter(pack, measure_only=True).page_space(document)
    assert tuple(measured) == tuple(laid_out)
    assert measured.heights == laid_out.heights
    assert measured.breaks == laid_out.breaks
    return len(laid_out)


def attendance(people: int, blank_rows: int) -> Rembuk:
    """The Kayong Utara event (its list closes with the 'Mengetahui' signature) with ``people``
    attendees, some whose names and jabatan wrap, and ``blank_rows`` rows to write in."""
    base = rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")
    listed = [
        Attendee(
            name=f"Peserta Nomor {n} dari Desa Sukamaju Kecamatan Sukadana",
            title_suffix="S.KM." if n % 3 == 0 else None,
            position="Kepala Puskesmas" if n % 2 else "Pengelola Program Gizi",
            institution=f"Puskesmas Kecamatan {n % 17 + 1}" if n % 5 else None,
        )
        for n in range(1, people + 1)
    ]
    settings = base.attendance.model_copy(update={"blank_rows": blank_rows})
    return base.model_copy(update={"attendees": listed, "attendance": settings})


@pytest.mark.parametrize("sample", definition_samples(), ids=lambda path: path.stem)
def test_every_sample_document_is_measured_and_fitted_alike(sample: Path) -> None:
    rembuk = rembuk_docs.load(sample)
    pack = resolve_pack(rembuk)
    names = pack_documents(rembuk)
    written = compose_documents(rembuk, pack, names)
    measured = compose_documents(rembuk, pack, names, pdf=False)
    assert measured == written
    for document in written:
        assert_measured_alike(document, pack)


@pytest.mark.parametrize(
    ("people", "blank_rows"), [(40, 0), (40, 25), (700, 0), (700, 13), (2500, 0), (2500, 40)]
)
def test_a_long_list_is_measured_alike_and_its_full_pages_counted(
    people: int, blank_rows: int, skipped: list[int]
) -> None:
    rembuk = attendance(people, blank_rows)
    pack = resolve_pack(rembuk)
    (unfitted,) = compose_documents(rembuk, pack, ["daftar-hadir"])
    pages = assert_measured_alike(unfitted, pack, skipped)
    # the pages the table fills alone are counted: all but its first two and its last
    assert pages - 3 <= sum(skipped) < pages
    (fitted,) = compose_documents(rembuk, pack, ["daftar-hadir"], pdf=False)
    assert [fitted] == compose_documents(rembuk, pack, ["daftar-hadir"])


def test_a_long_landscape_plan_with_subtotals_is_measured_alike(
    kupang_data: dict[str, Any], skipped: list[int]
) -> None:
    """The rencana kegiatan: landscape pages after a portrait one, and OPD subtotals that
    never begin a page (kept with the row before them)."""
    data = copy.deepcopy(kupang_data)
    data["event"]["date"] = str(data["event"]["date"])
    rembuk = with_plan(data, plan_rows(400))
    pack = resolve_pack(rembuk)
    (document,) = compose_documents(rembuk, pack, ["rencana-kegiatan"])
    pages = assert_measured_alike(document, pack, skipped)
    assert pages > 10
    assert sum(skipped) > pages / 2


def test_a_docx_alone_is_the_docx_written_with_its_pdf() -> None:
    """Rendering the DOCX alone (its pages only measured) gives the very file rendered with
    the PDF, for a list long enough to count most of its pages."""
    rembuk = attendance(1500, 17)
    alone = dict(render_files(rembuk, formats=["docx"], documents=["daftar-hadir"]))
    both = dict(render_files(rembuk, formats=["docx", "pdf"], documents=["daftar-hadir"]))
    assert alone["daftar-hadir.docx"] == both["daftar-hadir.docx"]
    assert rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx") == alone["daftar-hadir.docx"]
    text = "\n".join(docx_paragraphs(alone["daftar-hadir.docx"]))
    assert "Peserta Nomor 1500 dari Desa Sukamaju" in text
    assert "Mengetahui" in text


@pytest.mark.parametrize("seed", range(12))
def test_random_long_tables_are_measured_alike(seed: int, skipped: list[int]) -> None:
    """Tables of rows of one to five lines, subtotals kept with the row before them, bold rows
    and a closing that keeps one to four rows with it: each measured as it is laid out."""
    import random
    from dataclasses import replace

    from rembuk_docs.compose.blocks import DataTable

    chance = random.Random(seed)
    rembuk = attendance(30, 0)
    pack = resolve_pack(rembuk)
    (document,) = compose_documents(rembuk, pack, ["daftar-hadir"])
    index, table = next(
        (at, block) for at, block in enumerate(document.blocks) if isinstance(block, DataTable)
    )
    words = ["Kepala", "Dinas", "Kesehatan", "Pengendalian", "Penduduk", "Desa", "Sukamaju"]
    count = chance.randrange(150, 900)

    def cell() -> str:
        lines = chance.choice([1, 1, 1, 2, 3, 5])
        return "\n".join(
            " ".join(chance.choices(words, k=chance.randrange(1, 9))) for _ in range(lines)
        )

    rows = [(str(n), cell(), cell(), f"{n}. ......") for n in range(1, count + 1)]
    varied = replace(
        table,
        rows=rows,
        blank_rows=0,
        spare_rows=(),
        keep_with_previous=frozenset(chance.sample(range(1, count), count // 20)),
        bold_rows=frozenset(chance.sample(range(count), count // 30)),
        closing=table.closing if seed % 3 else None,
        closing_keeps_rows=chance.randrange(1, 5),
        min_row_height_pt=chance.choice([0.0, 14.0, table.min_row_height_pt]),
    )
    blocks = (*document.blocks[:index], varied, *document.blocks[index + 1 :])
    assert assert_measured_alike(replace(document, blocks=blocks), pack, skipped) > 3
    assert sum(skipped) > 0  # the measure counted pages: what it counted was compared


def test_the_widest_word_of_a_column_is_found_from_its_cells_shapes() -> None:
    """A column's widest word, found from the shapes of its cells (letters of equal width as
    one), is the widest of all its words measured one by one, past a chunk's edge too; a cell
    holding the separator the shapes are split at is read word by word."""
    from rembuk_docs.compose import layout
    from rembuk_docs.writers.fonts import font_set
    from rembuk_docs.writers.measure import text_width

    fonts = font_set(resolve_pack(rembuk_docs.load(SAMPLES / "kupang-2022.yaml")))

    def measure(text: str, bold: bool) -> float:
        return text_width(text, fonts.bold if bold else fonts.regular, 10)

    texts = [f"Peserta Nomor {n}\nKepala Puskesmas" for n in range(1, 9000)]
    texts[6000] = "Peserta Penanggungjawaban-Kegiatan-Stunting 7"
    texts[100] = "Rp1.000.000,00 WWW"
    for found in (texts, [*texts[:10], "Nama\0Lengkap Sekali", *texts[10:]]):
        brute = max(measure(word, False) for text in found for word in text.split())
        assert layout._widest_word(found, False, measure) == brute
    assert layout._widest_word([], True, measure) == 0.0


def test_a_tables_widest_words_are_kept_for_one_render_only() -> None:
    """Within one render the columns' widest words of a table are found once for its rows,
    whichever writer asks; outside a render, or once it is over, they are found again (the
    rows are not held)."""
    from rembuk_docs.compose import layout
    from rembuk_docs.compose.blocks import Column, DataTable

    calls: list[int] = []

    def measure(text: str, bold: bool) -> float:
        calls.append(1)
        return 5.0 * len(text)

    table = DataTable(
        columns=(Column("No", 1), Column("Nama", 4)),
        rows=[(str(n), f"Peserta {n}") for n in range(50)],
    )
    layout.column_widths(table, 400, measure, measure_key="uji")
    outside = len(calls)
    layout.column_widths(table, 400, measure, measure_key="uji")
    assert len(calls) == 2 * outside  # no render: nothing kept
    calls.clear()
    with layout.column_needs_kept():
        first = layout.column_widths(table, 400, measure, measure_key="uji")
        found = len(calls)
        assert layout.column_widths(table, 380, measure, measure_key="uji") != first
        assert layout.column_widths(table, 400, measure, measure_key="uji") == first
        assert len(calls) == found  # the same rows: kept
        other = DataTable(columns=table.columns, rows=list(table.rows))  # equal, not the same
        layout.column_widths(other, 400, measure, measure_key="uji")
        assert len(calls) == 2 * found
        layout.column_widths(table, 400, measure, measure_key="ukuran lain")
        assert len(calls) == 3 * found
    assert layout._kept_needs.get() is None  # dropped with the render
    calls.clear()
    layout.column_widths(table, 400, measure, measure_key="uji")
    assert len(calls) == found


def test_a_format_named_in_capitals_renders_that_format() -> None:
    rembuk = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    assert rembuk_docs.render_bytes(rembuk, "kesepakatan", "PDF").startswith(b"%PDF-")
    assert rembuk_docs.render_bytes(rembuk, "kesepakatan", "Docx").startswith(b"PK")


def test_texts_differing_in_letters_of_equal_width_have_one_shape() -> None:
    from rembuk_docs.compose.layout import LetterShapes

    widths = {"1": 5.0, "7": 5.0, "0": 5.0, "i": 2.0, "l": 2.0, "W": 9.0}
    shapes = LetterShapes(lambda letter: widths.get(letter, 6.0))
    first = shapes.of(["No 17", "No 70", "Wil i"])
    assert first is not None and first[0] == first[1] and first[0] != first[2]
    assert first[2] == shapes.of(["Wli l"])[0]  # the letters met later keep their first shape
    assert [len(shape) for shape in first] == [5, 5, 5] and first[2][3] == " "
    assert shapes.of([]) == []
    assert shapes.of(["a\0b", "c"]) is None  # the separator in a text: no shapes
