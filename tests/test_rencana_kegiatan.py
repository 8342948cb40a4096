"""The rencana kegiatan matrix: sheet import, grouping and totals, landscape pages in both writers."""

from __future__ import annotations

import copy
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

import rembuk_docs
from rembuk_docs import DefinitionError
from rembuk_docs.cli import main
from rembuk_docs.compose import composer
from rembuk_docs.compose.blocks import (
    Column,
    DataTable,
    Document,
    Orientation,
    Paragraph,
    plain,
)
from rembuk_docs.errors import ImportDataError
from rembuk_docs.formats import load_pack
from rembuk_docs.plan_import import load_plan
from rembuk_docs.writers import writer_for
from test_word_validity import schema_errors

from conftest import SAMPLES, docx_paragraphs, needs_tool, pdf_pages, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPDS = ("Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PMD", "Bappeda")


def rows(count: int) -> list[dict[str, Any]]:
    """``count`` plan rows spread over four OPD, interleaved (the matrix groups them)."""
    return [
        {
            "opd": OPDS[index % len(OPDS)],
            "program": f"Program Percepatan {index + 1}",
            "activity": f"Kegiatan pendampingan keluarga berisiko stunting nomor {index + 1}",
            "intervention": ("spesifik", "sensitif", "pendukung")[index % 3],
            "target_group": "Baduta",
            "indicator": "Persentase baduta yang mendapat layanan",
            "target": 10 + index,
            "unit": "orang",
            "location": "Desa Oelnasi",
            "budget": 1_000_000 * (index + 1),
            "funding_source": "APBD",
        }
        for index in range(count)
    ]


def with_plan(
    data: dict[str, Any], items: list[dict[str, Any]], **extra: Any
) -> rembuk_docs.Rembuk:
    data = copy.deepcopy(data)
    data.pop("rencana_kegiatan_file", None)  # the rows given here replace the sample's sheet
    data["rencana_kegiatan"] = {"items": items, **extra}
    return rembuk_docs.from_dict(data)


def matrix(rembuk: rembuk_docs.Rembuk) -> DataTable:
    document = composer("rencana-kegiatan")(rembuk, load_pack())
    (found,) = [block for block in document.blocks if isinstance(block, DataTable)]
    return found


# ---------------------------------------------------------------- the sheet


def test_a_sheet_with_forgiving_headers_reads_money_exactly(tmp_path: Path) -> None:
    sheet = tmp_path / "rencana.csv"
    sheet.write_text(
        "No;opd penanggung jawab;PROGRAM;Sub_Kegiatan;Jenis Intervensi;Sasaran;Target;Satuan;"
        "PAGU (RP);sumber dana\n"
        "1;Dinas Kesehatan;Program A;Sub A;gizi spesifik;Baduta;250;orang;Rp1.250.000;APBD\n"
        "2;Dinas Kesehatan;Program B;;Intervensi Sensitif;Remaja;12,5;paket;1250000;DAK\n"
        "3;Bappeda;Program C;;pendukung;;;;Rp1.250.000,50;APBD\n",
        encoding="utf-8",
    )
    items = load_plan(sheet)
    assert [item.budget for item in items] == [
        Decimal("1250000"),
        Decimal("1250000"),
        Decimal("1250000.50"),
    ]
    assert [item.intervention.value for item in items] == ["spesifik", "sensitif", "pendukung"]
    assert items[0].sub_activity == "Sub A"
    assert items[1].target == Decimal("12.5")


def test_an_xlsx_number_cell_is_read_as_the_number_it_holds(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["OPD", "Program", "Pagu", "Target"])
    sheet.append(["Dinas Kesehatan", "Program A", 1250000, 250])
    sheet.append(["Dinas Kesehatan", "Program B", 1250000.5, 2.5])
    sheet.append(["Dinas Kesehatan", "Program C", "Rp1.250.000", None])
    path = tmp_path / "rencana.xlsx"
    book.save(path)
    items = load_plan(path)
    assert [item.budget for item in items] == [
        Decimal("1250000"),
        Decimal("1250000.5"),
        Decimal("1250000"),
    ]
    assert [item.target for item in items] == [Decimal(250), Decimal("2.5"), None]


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "rencana.csv"
    sheet.write_text(
        "OPD,Program,Intervensi,Pagu\n"
        "Dinkes,P1,spesifik,Rp1.250.000\n"
        ",P2,gizi,satu juta\n"
        "Dinkes,,sensitif,-5\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportDataError) as caught:
        load_plan(sheet)
    places = [problem.location for problem in caught.value.problems]
    assert places == [
        f"{sheet}, baris 3, kolom A 'OPD'",
        f"{sheet}, baris 3, kolom C 'Intervensi'",
        f"{sheet}, baris 3, kolom D 'Pagu'",
        f"{sheet}, baris 4, kolom B 'Program'",
        f"{sheet}, baris 4, kolom D 'Pagu'",
    ]
    out = tmp_path / "out"
    code = main(
        [
            "render",
            str(SAMPLES / "kupang-2022.yaml"),
            "--rencana-kegiatan",
            str(sheet),
            "--out",
            str(out),
        ]
    )
    assert code != 0
    stderr = capsys.readouterr().err
    assert "baris 3" in stderr and "baris 4" in stderr
    assert not out.exists()


def test_an_unknown_column_and_a_missing_pagu_column_are_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "rencana.csv"
    sheet.write_text("OPD,Program,Warna\nDinkes,P1,merah\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as caught:
        load_plan(sheet)
    assert caught.value.problems[0].location.endswith("baris 1, kolom C 'Warna'")
    sheet.write_text("OPD,Program\nDinkes,P1\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as caught:
        load_plan(sheet)
    assert "Pagu" in caught.value.problems[0].message


def test_the_definition_names_its_sheet_relative_to_itself(
    tmp_path: Path, kupang_dict: dict[str, Any]
) -> None:
    (tmp_path / "rencana.csv").write_text(
        "OPD,Program,Pagu\nDinas Kesehatan,Program A,Rp1.250.000\n", encoding="utf-8"
    )
    import yaml

    kupang_dict["rencana_kegiatan_file"] = "rencana.csv"
    kupang_dict["rencana_kegiatan"] = {"year": 2023}
    kupang_dict["format_pack"] = "default"
    (tmp_path / "def.yaml").write_text(yaml.safe_dump(kupang_dict), encoding="utf-8")
    rembuk = rembuk_docs.load(tmp_path / "def.yaml")
    assert rembuk.rencana_kegiatan is not None
    assert rembuk.rencana_kegiatan.year == 2023
    assert [i.budget for i in rembuk.rencana_kegiatan.items] == [Decimal(1250000)]
    kupang_dict["rencana_kegiatan"] = {"items": rows(1)}
    (tmp_path / "def.yaml").write_text(yaml.safe_dump(kupang_dict), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(tmp_path / "def.yaml")
    assert caught.value.problems[0].location == "rencana_kegiatan_file"


# ---------------------------------------------------------------- composition


def test_rows_are_grouped_by_opd_with_subtotals_a_total_and_the_total_in_words(
    kupang_dict: dict[str, Any],
) -> None:
    rembuk = with_plan(kupang_dict, rows(6))
    table = matrix(rembuk)
    titles = [row[1] for row in table.rows]
    # interleaved input comes out grouped, in the order each OPD first appears
    assert [row[9] for row in table.rows if row[0]] == [
        OPDS[0],
        OPDS[0],
        OPDS[1],
        OPDS[1],
        OPDS[2],
        OPDS[3],
    ]
    assert [row[0] for row in table.rows if row[0]] == ["1", "2", "3", "4", "5", "6"]
    subtotals = {row[1]: row[7] for row in table.rows if row[1].startswith("Jumlah ")}
    assert subtotals == {
        f"Jumlah {OPDS[0]}": "6.000.000",  # rows 1 and 5: 1 + 5 million
        f"Jumlah {OPDS[1]}": "8.000.000",
        f"Jumlah {OPDS[2]}": "3.000.000",
        f"Jumlah {OPDS[3]}": "4.000.000",
    }
    assert titles[-1] == "JUMLAH" and table.rows[-1][7] == "21.000.000"
    subtotal_rows = {i for i, row in enumerate(table.rows) if not row[0]}
    assert table.bold_rows == subtotal_rows
    assert table.keep_with_previous == subtotal_rows
    assert table.closing is not None
    assert table.closing.heading[0] == (
        "Jumlah pagu seluruhnya Rp21.000.000,00 (dua puluh satu juta rupiah)."
    )
    # Kupang has no Bupati among its signatories: the Wakil Bupati, who chairs the TPPS, signs
    (signer,) = table.closing.blocks
    assert signer.above[-2:] == ("Mengetahui,", "Wakil Bupati Kupang,")
    assert signer.name == "Jerry Manafe"


def test_program_kegiatan_and_sub_kegiatan_are_labelled_lines(kupang_dict: dict[str, Any]) -> None:
    item = {"opd": "Dinkes", "program": "P", "activity": "K", "sub_activity": "S", "budget": 5}
    table = matrix(with_plan(kupang_dict, [item]))
    assert table.rows[0][1] == "Program: P\nKegiatan: K\nSub Kegiatan: S"
    assert [row[1] for row in table.rows] == ["Program: P\nKegiatan: K\nSub Kegiatan: S", "JUMLAH"]


def test_a_name_that_begins_with_its_label_is_not_labelled_twice(
    kupang_dict: dict[str, Any],
) -> None:
    item = {
        "opd": "Dinkes",
        "program": "Program Pemenuhan Upaya Kesehatan",
        "activity": "Kegiatan Penyediaan Layanan",
        "sub_activity": "Pengelolaan Pelayanan Gizi",
        "budget": 5,
    }
    table = matrix(with_plan(kupang_dict, [item]))
    assert table.rows[0][1] == (
        "Program Pemenuhan Upaya Kesehatan\nKegiatan Penyediaan Layanan\n"
        "Sub Kegiatan: Pengelolaan Pelayanan Gizi"
    )


def test_the_signer_follows_the_pack_and_a_missing_one_is_a_located_error(
    kupang_dict: dict[str, Any],
) -> None:
    data = copy.deepcopy(kupang_dict)
    data["signatories"][0]["role"] = "kepala_daerah"
    data["signatories"][0]["position"] = "Bupati Kupang"
    data["event"]["chair"] = "Bupati Kupang"
    (signer,) = matrix(with_plan(data, rows(1))).closing.blocks  # type: ignore[union-attr]
    assert signer.above[-1] == "Bupati Kupang,"
    data = copy.deepcopy(kupang_dict)
    data["signatories"] = data["signatories"][1:]
    data["event"].pop("chair")
    data.pop("minutes")
    data["record"].pop("witnesses")
    with pytest.raises(DefinitionError) as caught:
        matrix(with_plan(data, rows(1)))
    assert caught.value.problems[0].location == "rencana_kegiatan.acknowledged_by"
    own = {"name": "Obed Kase", "position": "Kepala Bappeda", "role": "non_asn"}
    (signer,) = matrix(with_plan(data, rows(1), acknowledged_by=own)).closing.blocks  # type: ignore[union-attr]
    assert signer.name == "Obed Kase"


def test_without_rows_the_document_is_refused(kupang: rembuk_docs.Rembuk) -> None:
    with pytest.raises(DefinitionError) as caught:
        composer("rencana-kegiatan")(kupang, load_pack())
    assert caught.value.problems[0].location == "rencana_kegiatan"


# ---------------------------------------------------------------- the writers


@pytest.fixture(scope="module")
def long_plan(kupang_data: dict[str, Any]) -> rembuk_docs.Rembuk:
    data = copy.deepcopy(kupang_data)
    data["event"]["date"] = str(data["event"]["date"])
    return with_plan(data, rows(120))


def test_the_pdf_is_landscape_with_the_header_on_every_page_and_no_total_alone(
    long_plan: rembuk_docs.Rembuk,
) -> None:
    pdf = rembuk_docs.render_bytes(long_plan, "rencana-kegiatan", "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 3
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) > float(box.height)
    pages = pdf_pages(pdf)
    for text in pages:
        assert "Program / Kegiatan / Sub Kegiatan" in text and "Pagu (Rp)" in text
    last = pages[-1]
    assert "JUMLAH 120.000.000" not in last  # the figure is 7.260.000.000
    assert "JUMLAH 7.260.000.000" in last and "Mengetahui," in last and "Jerry Manafe" in last
    assert "Program Percepatan" in last  # the total never stands alone with the signature
    for text in pages[1:]:
        # no page starts with a subtotal: after the header comes a numbered row
        after_header = text.split("OPD Penanggung Jawab", 1)[1].strip()
        assert after_header[:1].isdigit(), after_header[:40]


def test_the_docx_has_a_landscape_section_a_repeating_header_and_rows_that_do_not_split(
    long_plan: rembuk_docs.Rembuk, tmp_path: Path
) -> None:
    data = rembuk_docs.render_bytes(long_plan, "rencana-kegiatan", "docx")
    word = WordDocument(io.BytesIO(data))
    (section,) = word.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    (table,) = [t for t in word.tables if len(t.rows) > 100]
    first, *others = table._tbl.findall(f"{W}tr")
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in others)
    *others, closing = others  # the last row holds the closing signature, across the table
    assert closing.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None
    total = others[-1]
    assert total.find(f".//{W}b") is not None  # the total is bold
    assert "JUMLAH" in "".join(t.text or "" for t in total.iter(f"{W}t"))
    # the grid spans the landscape text width (297 - 3 - 2 cm)
    widths = sum(int(col.get(f"{W}w")) for col in table._tbl.find(f"{W}tblGrid"))
    assert abs(widths - 24.7 / 2.54 * 1440) < 20
    assert "Mengetahui," in docx_paragraphs(data)
    assert schema_errors(data, tmp_path, "rencana-kegiatan") == []


def test_a_landscape_part_inside_a_portrait_document_in_both_writers(tmp_path: Path) -> None:
    table = DataTable(columns=(Column("A", 1), Column("B", 1)), rows=[("1", "2")] * 3)
    document = Document(
        name="campur",
        title="Campur",
        date=__import__("datetime").date(2024, 5, 2),
        blocks=(
            Paragraph(plain("Halaman tegak pertama.")),
            Orientation(landscape=True),
            table,
            Orientation(landscape=False),
            Paragraph(plain("Halaman tegak lagi.")),
        ),
    )
    pack = load_pack()
    reader = PdfReader(io.BytesIO(writer_for("pdf", pack).write(document)))
    shapes = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert shapes == [False, True, False]
    assert "tegak lagi" in (reader.pages[2].extract_text() or "")
    docx = writer_for("docx", pack).write(document)
    word = WordDocument(io.BytesIO(docx))
    assert [s.orientation for s in word.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert [s.page_width > s.page_height for s in word.sections] == [False, True, False]
    assert schema_errors(docx, tmp_path, "campur") == []


@pytest.fixture(scope="module")
def kupang_plan(kupang_data: dict[str, Any]) -> rembuk_docs.Rembuk:
    """The Kupang sample with its sample plan sheet, as `render --rencana-kegiatan` reads it."""
    data = copy.deepcopy(kupang_data)
    data["event"]["date"] = str(data["event"]["date"])
    data["rencana_kegiatan_file"] = str(SAMPLES / "kupang-2022-rencana-kegiatan.csv")
    return rembuk_docs.from_dict(data, base=SAMPLES)


def _cell_words(rembuk: rembuk_docs.Rembuk) -> set[str]:
    table = matrix(rembuk)
    cells = [*(c.title for c in table.columns), *(cell for row in table.rows for cell in row)]
    return {word for cell in cells for word in cell.split()}


def test_the_sample_matrix_wraps_words_at_spaces_only_in_both_writers(
    kupang_plan: rembuk_docs.Rembuk,
) -> None:
    """Every word of every cell stands whole on the page: no "Pendukun" / "g" over two lines."""
    words = _cell_words(kupang_plan)
    assert {"Pendukung", "Pembangunan", "Penanggung"} <= words
    pdf = rembuk_docs.render_bytes(kupang_plan, "rencana-kegiatan", "pdf")
    text = pdf_text(pdf)
    printed = set(text.split())
    assert words <= printed, sorted(words - printed)
    assert "Pendukun g" not in text and "Program: Program" not in text
    assert "Program Pemenuhan Upaya Kesehatan Perorangan" in text
    # the DOCX has the same column plan: no column narrower than its longest word
    docx = rembuk_docs.render_bytes(kupang_plan, "rencana-kegiatan", "docx")
    word = WordDocument(io.BytesIO(docx))
    (table,) = [t for t in word.tables if "Intervensi" in t.rows[0].cells[2].text]
    grid = [int(col.get(f"{W}w")) / 20 for col in table._tbl.find(f"{W}tblGrid")]
    from rembuk_docs.compose.layout import TABLE_CELL_MARGIN_PT
    from rembuk_docs.writers.fonts import font_set
    from rembuk_docs.writers.measure import text_width

    faces = font_set(load_pack("kupang"))
    assert grid[2] - 2 * TABLE_CELL_MARGIN_PT >= text_width("Pendukung", faces.regular, 9)
    assert grid[9] - 2 * TABLE_CELL_MARGIN_PT >= text_width("Penanggung", faces.bold, 9)
    assert "Program: Program" not in "\n".join(docx_paragraphs(docx))


def test_a_column_narrower_than_its_longest_word_is_widened_from_the_others() -> None:
    from rembuk_docs.compose.layout import TABLE_CELL_MARGIN_PT, column_widths

    table = DataTable(
        columns=(Column("No", 1), Column("Uraian", 8), Column("Jenis", 1)),
        rows=[("1", "kata pendek saja", "Pendukung")],
    )

    def measure(text: str, is_bold: bool) -> float:
        return 6.0 * len(text)

    widths = column_widths(table, 200.0, measure)
    assert abs(sum(widths) - 200.0) < 1e-6
    assert widths[2] >= 6.0 * len("Pendukung") + 2 * TABLE_CELL_MARGIN_PT
    assert widths[0] >= 6.0 * len("No") + 2 * TABLE_CELL_MARGIN_PT
    assert widths[1] < 160.0  # the wide column gave the room
    # columns already wide enough keep their share
    assert column_widths(table, 2000.0, measure) == [200.0, 1600.0, 200.0]


def test_the_widest_word_of_a_long_list_is_found_measuring_few_words() -> None:
    """A long list repeats its words and numbers its rows: the widest word of each column is the
    one measuring every word finds, bold in the header and bold rows, none in a signing column,
    words broken at any Unicode space, with far fewer measurements than words."""
    from rembuk_docs.compose.layout import TABLE_CELL_MARGIN_PT, _widest_word, column_widths

    advance = {
        c: 5.0 + (ord(c) % 7) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    }
    advance.update({d: 5.5 for d in "0123456789"})  # figures of one width, as in Arial
    calls: list[tuple[str, bool]] = []

    def measure(text: str, is_bold: bool) -> float:
        calls.append((text, is_bold))
        return sum(advance.get(c, 4.0) * (1.1 if is_bold else 1.0) for c in text)

    rows = [
        (str(n), f"Peserta\u00a0Nomor {n}", f"Desa  {'Oelnasi' if n % 2 else 'Baumata'}", "....")
        for n in range(1, 10_001)
    ]
    rows.append(("", "Jumlah", "WWWWWW", ""))  # bold: 'WWWWWW' is the widest word of its column
    table = DataTable(
        columns=(Column("No", 1), Column("Nama", 5), Column("Desa", 3), Column("Paraf", 2)),
        rows=rows,
        bold_rows=frozenset({10_000}),
        stagger_column=3,
    )
    for position in range(3):  # the widest word, as measuring each word of each cell finds it
        for cells, is_bold in (
            ([row[position] for row in rows[:-1]], False),
            ([rows[-1][position]], True),
        ):
            words = [w for cell in cells for w in re.split(r"\s+", cell) if w]
            widest = max((measure(w, is_bold) for w in words), default=0.0)
            assert _widest_word(cells, is_bold, measure) == widest
    calls.clear()
    widths = column_widths(table, 400.0, measure)
    assert len(calls) < 200  # 10,000 row numbers measured as a handful of shapes
    assert not any(text == "...." for text, _ in calls)  # the signing column
    assert widths[2] >= measure("WWWWWW", True) + 2 * TABLE_CELL_MARGIN_PT
    assert abs(sum(widths) - 400.0) < 1e-6


@needs_tool("soffice")
def test_libreoffice_lays_the_docx_out_on_landscape_pages_with_the_header_repeated(
    long_plan: rembuk_docs.Rembuk, tmp_path: Path
) -> None:
    from rembuk_docs.writers.libreoffice import docx_to_pdf

    data = rembuk_docs.render_bytes(long_plan, "rencana-kegiatan", "docx")
    pdf = docx_to_pdf(data, name="rencana-kegiatan")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 3
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    pages = pdf_pages(pdf)
    assert all("Pagu (Rp)" in text for text in pages)
    assert "Mengetahui," in pages[-1] and "Program Percepatan" in pages[-1]


# ---------------------------------------------------------------- the pack


def test_the_pack_holds_the_lampiran_whose_data_is_given_and_notes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rembuk_docs.compose import pack_documents
    from rembuk_docs.compose.registry import omitted_documents

    sheet = SAMPLES / "kupang-2022-rencana-kegiatan.csv"
    kupang = rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=sheet)
    kayong = rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")
    assert "rencana-kegiatan" in omitted_documents(rembuk_docs.load(SAMPLES / "kupang-2022.yaml"))
    assert pack_documents(kupang) == (
        "undangan",
        "kesepakatan",
        "lembar-tanda-tangan",
        "rencana-kegiatan",
        "daftar-hadir",
        "notulen",
        "berita-acara",
    )
    assert pack_documents(kayong)[2] == "lampiran-lokus"
    assert "rencana-kegiatan" in omitted_documents(kayong)
    # Kupang's sheet is an example throughout: the documents stay a draft
    assert any(name.startswith("rencana kegiatan: ") for name in kupang.example_names)
    args = ["render", str(SAMPLES / "kupang-2022.yaml"), "--rencana-kegiatan", str(sheet)]
    assert main([*args, "--out", str(tmp_path), "--bundle"]) == 0
    err = capsys.readouterr().err
    assert "catatan: lampiran-lokus tidak dibuat" in err
    assert not (tmp_path / "lampiran-lokus.pdf").exists()
    bundle = PdfReader(tmp_path / "paket.pdf")
    assert [item.title for item in bundle.outline][:4] == [
        "Undangan",
        "Kesepakatan",
        "Lembar Tanda Tangan",
        "Rencana Kegiatan",
    ]
    shapes = [float(p.mediabox.width) > float(p.mediabox.height) for p in bundle.pages]
    assert any(shapes) and not all(shapes)  # landscape pages inside a portrait bundle


def test_render_warns_about_each_plan_row_marked_as_an_example(tmp_path: Path) -> None:
    import warnings

    from rembuk_docs.errors import DraftWarning

    sheet = SAMPLES / "kupang-2022-rencana-kegiatan.csv"
    rembuk = rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=sheet)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rembuk_docs.render(rembuk, tmp_path, documents=["rencana-kegiatan"], formats=["pdf"])
    drafts = [str(w.message) for w in caught if isinstance(w.message, DraftWarning)]
    rows = [text for text in drafts if "baris rencana kegiatan" in text]
    assert rows == [
        f"{sheet}: 8 baris rencana kegiatan masih ditandai sebagai contoh (kolom Contoh = ya): "
        "nomor urut 1, 2, 3, 4, 5, 6, 7, 8; ganti isinya dan kosongkan kolom Contoh sebelum "
        "ditandatangani"
    ]
    # the people's names are a reason of their own, without the plan's rows
    assert not any("rencana kegiatan:" in text for text in drafts)


@needs_tool("soffice")
def test_libreoffice_keeps_a_landscape_part_between_portrait_pages() -> None:
    """The DOCX sections are honoured by a word processor, not only read back by python-docx."""
    from rembuk_docs.writers.libreoffice import docx_to_pdf

    table = DataTable(columns=(Column("Kolom A", 1), Column("Kolom B", 1)), rows=[("1", "2")] * 3)
    document = Document(
        name="campur",
        title="Campur",
        date=__import__("datetime").date(2024, 5, 2),
        blocks=(
            Paragraph(plain("Halaman tegak pertama.")),
            Orientation(landscape=True),
            table,
            Orientation(landscape=False),
            Paragraph(plain("Halaman tegak lagi.")),
        ),
    )
    pdf = docx_to_pdf(writer_for("docx", load_pack()).write(document), name="campur")
    reader = PdfReader(io.BytesIO(pdf))
    shapes = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert shapes == [False, True, False]
    pages = pdf_pages(pdf)
    assert "Halaman tegak pertama." in pages[0]
    assert "Kolom A" in pages[1] and "Halaman tegak lagi." in pages[2]


def test_the_example_rows_alone_keep_the_pack_a_draft_until_contoh_is_cleared(
    tmp_path: Path,
) -> None:
    import csv

    from rembuk_docs.compose.draft import draft_reasons
    from rembuk_docs.rendering import resolve_pack

    sheet = SAMPLES / "kupang-2022-rencana-kegiatan.csv"
    marked = rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=sheet)
    reasons = draft_reasons(marked, resolve_pack(marked))
    assert [r.location for r in reasons if "baris rencana kegiatan" in str(r)] == [str(sheet)]
    with sheet.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0][-1] == "Contoh" and {row[-1] for row in rows[1:]} == {"ya"}
    cleared = tmp_path / "rencana.csv"
    with cleared.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(
            [rows[0], *([*row[:-1], ""] for row in rows[1:])]
        )
    real = rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=cleared)
    assert real.rencana_kegiatan is not None and len(real.rencana_kegiatan.items) == 8
    assert not any(
        "baris rencana kegiatan" in str(r) for r in draft_reasons(real, resolve_pack(real))
    )
    assert not any(name.startswith("rencana kegiatan: ") for name in real.example_names)
