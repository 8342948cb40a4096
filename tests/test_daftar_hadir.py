"""The attendance list: every row in order in both formats, the header on every page, long lists."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import rembuk_docs
from rembuk_docs import Attendee, Rembuk
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.layout import fit_to_pages
from rembuk_docs.errors import DefinitionError
from rembuk_docs.rendering import resolve_pack
from rembuk_docs.writers.pdf_writer import PdfWriter

from conftest import SAMPLES, assert_page_numbers, docx_text, normalise, pdf_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADER = "No Nama Jabatan / Instansi Tanda Tangan"
LABEL = re.compile(r"(\d+)\. \.{3,}")


@pytest.fixture(scope="module")
def kayong() -> Rembuk:
    return rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")


@pytest.fixture(scope="module")
def kayong_pdf(kayong: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kayong, "daftar-hadir", "pdf")


@pytest.fixture(scope="module")
def kayong_docx(kayong: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kayong, "daftar-hadir", "docx")


def docx_rows(data: bytes) -> list[list[str]]:
    """The cells of the (only) long table of a DOCX, header first, lines joined by newlines;
    without its closing row (the 'Mengetahui' signature, one cell across the table)."""
    from docx import Document

    body = Document(io.BytesIO(data)).element.body
    (table,) = [t for t in body.iter(f"{W}tbl") if "No" in _row_texts(t.find(f"{W}tr"))[:1]]
    return [_row_texts(row) for row in table.findall(f"{W}tr") if not is_closing_row(row)]


def is_closing_row(row: Any) -> bool:
    """Whether a table row is a data table's closing signature: one cell spanning the table."""
    return row.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None


def _row_texts(row: Any) -> list[str]:
    texts = []
    for cell in row.iter(f"{W}tc"):
        parts = [
            "\n" if node.tag == f"{W}br" else (node.text or "")
            for node in cell.iter(f"{W}t", f"{W}br")
        ]
        texts.append("".join(parts))
    return texts


def with_attendees(rembuk: Rembuk, count: int, **attendance: Any) -> Rembuk:
    people = [
        Attendee(name=f"Peserta Nomor {n}", position="Kader Posyandu", institution=f"Desa {n % 7}")
        for n in range(1, count + 1)
    ]
    settings = rembuk.attendance.model_copy(update=attendance)
    return rembuk.model_copy(update={"attendees": people, "attendance": settings})


def test_docx_table_has_every_attendee_in_order_then_numbered_blank_rows(
    kayong: Rembuk, kayong_docx: bytes
) -> None:
    rows = docx_rows(kayong_docx)
    assert rows[0] == ["No", "Nama", "Jabatan / Instansi", "Tanda Tangan"]
    body = rows[1:]
    attendees = len(kayong.attendees)
    # the 5 blank rows asked for, and as many more as fill the last page (compose.layout)
    assert attendees + kayong.attendance.blank_rows == 60 and len(body) == 66
    assert [row[0] for row in body] == [str(n) for n in range(1, 67)]
    assert [row[1] for row in body[:attendees]] == [p.full_name() for p in kayong.attendees]
    assert body[9][1:3] == [
        "dr. Nurul Hidayah, M.Kes.",
        "Kepala Dinas Kesehatan dan Keluarga Berencana\nPemerintah Kabupaten Kayong Utara",
    ]
    for number, row in enumerate(body, start=1):
        assert LABEL.fullmatch(row[3]) and row[3].startswith(f"{number}. ")
    assert all(row[1:3] == ["", ""] for row in body[attendees:])


def test_pdf_holds_every_attendee_in_order_and_the_header_on_every_page(
    kayong: Rembuk, kayong_pdf: bytes
) -> None:
    pages = pdf_pages(kayong_pdf)
    assert len(pages) >= 3
    labels = [int(n) for page in pages for n in LABEL.findall(page)]
    assert labels == list(range(1, 67))  # 5 blank rows asked, 5 more fill the last page
    text = " ".join(pages)
    position = 0
    for person in kayong.attendees:
        position = text.index(normalise(person.full_name()), position)
    assert_page_numbers(kayong_pdf)
    for number, page in enumerate(pages, start=1):
        assert HEADER in page, f"page {number} has no header row"
        assert ("Hari/Tanggal" in page) == (number == 1)
    first = pages[0]
    for phrase in (
        "PEMERINTAH KABUPATEN KAYONG UTARA",
        "DAFTAR HADIR",
        "Acara : Koordinasi Optimalisasi Peran Tim Percepatan Penurunan Stunting (TPPS)",
        "Hari/Tanggal : Kamis, 16 Maret 2023",
        "Waktu : Pukul 08.30 s.d. 12.30 WIB",  # the closing time of the minutes
        "Tempat : Aula Kantor Bupati Kayong Utara, Sukadana",
    ):
        assert phrase in first


def test_mengetahui_signs_under_the_last_rows_on_the_same_page(
    kayong: Rembuk, kayong_pdf: bytes, kayong_docx: bytes
) -> None:
    last = pdf_pages(kayong_pdf)[-1]
    assert "65. ..." in last and "66. ..." in last
    tail = last[last.index("66. ...") :]
    for phrase in (
        "Mengetahui,",
        "Kepala Dinas Kesehatan dan Keluarga Berencana Kabupaten Kayong Utara,",
        "dr. Nurul Hidayah, M.Kes.",
        "Pembina Tingkat I (IV/b)",
        "NIP. 19700612 199603 2 004",
    ):
        assert phrase in tail
    text = docx_text(kayong_docx)
    assert text.index("66. ...") < text.index("Mengetahui,") < text.index("NIP. 19700612")


def test_pdf_signature_labels_are_staggered_left_and_right(kayong_pdf: bytes) -> None:
    from pypdf import PdfReader

    positions: dict[int, float] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        match = LABEL.fullmatch(text.strip())
        if match:
            positions[int(match.group(1))] = float(tm[4]) * float(cm[0]) + float(cm[4])

    for page in PdfReader(io.BytesIO(kayong_pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert len(positions) == 66
    odd = [x for n, x in positions.items() if n % 2]
    even = [x for n, x in positions.items() if not n % 2]
    assert max(odd) - min(odd) < 1  # odd numbers start at the cell's left edge
    assert min(even) > max(odd) + 40  # even numbers sit right, past the middle of the cell


def test_docx_signature_cells_alternate_alignment_at_the_foot(kayong_docx: bytes) -> None:
    from docx import Document

    body = Document(io.BytesIO(kayong_docx)).element.body
    table = next(t for t in body.iter(f"{W}tbl") if t.find(f".//{W}tblHeader") is not None)
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    *rows, closing = rows
    assert is_closing_row(closing) and "Mengetahui," in _row_texts(closing)[0]
    for index, row in enumerate(rows[1:]):
        assert row.find(f"{W}trPr/{W}cantSplit") is not None
        height = row.find(f"{W}trPr/{W}trHeight")
        assert height is not None and int(height.get(f"{W}val")) >= 500  # about 1 cm to sign
        cell = row.findall(f"{W}tc")[-1]
        alignment = cell.find(f".//{W}jc").get(f"{W}val")
        assert alignment == ("left" if index % 2 == 0 else "right")
        assert cell.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "bottom"


def test_docx_pages_are_numbered_from_page_2_at_the_top(kayong_docx: bytes) -> None:
    from docx import Document

    section = Document(io.BytesIO(kayong_docx)).sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    instructions = [node.get(f"{W}instr") for node in header.iter(f"{W}fldSimple")]
    assert instructions == ["PAGE"]
    assert "".join(t.text or "" for t in header.iter(f"{W}t")).startswith("- ")
    first = section.first_page_header._element
    assert not list(first.iter(f"{W}fldSimple"))


def test_the_composition_is_what_the_docx_says(kayong: Rembuk, kayong_docx: bytes) -> None:
    pack = resolve_pack(kayong)
    document = composer("daftar-hadir")(kayong, pack)
    document = fit_to_pages(document, pack, PdfWriter(pack).page_space)  # as rendering does
    assert normalise(" ".join(document_text(document))) == docx_text(kayong_docx)


def test_nip_column_shows_grouped_nips_when_asked(kayong: Rembuk) -> None:
    settings = kayong.attendance.model_copy(update={"show_nip": True})
    rembuk = kayong.model_copy(update={"attendance": settings})
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx"))
    assert rows[0] == ["No", "Nama", "NIP", "Jabatan / Instansi", "Tanda Tangan"]
    assert rows[10][1:3] == ["dr. Nurul Hidayah, M.Kes.", "19700612 199603 2 004"]
    assert rows[1][2] == ""  # the Bupati has no NIP on the list
    pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf"))
    assert all("No Nama NIP Jabatan / Instansi Tanda Tangan" in page for page in pages)
    assert "dr. Nurul Hidayah, M.Kes. 19700612 199603 2 004" in " ".join(pages)


def test_a_list_printed_before_the_event_is_all_numbered_blank_rows(kayong: Rembuk) -> None:
    rembuk = with_attendees(kayong, 0, blank_rows=30, acknowledged_by=None)
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx"))
    # 30 asked: the rows that would begin a third page are left out (compose.layout), and one
    # more, so that Word and LibreOffice end the list on page 2 as well
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 27)]
    pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf"))
    assert len(pages) == 2
    assert [int(n) for page in pages for n in LABEL.findall(page)] == list(range(1, 27))
    assert "Mengetahui" not in " ".join(pages)


def test_blank_rows_never_begin_a_page_of_their_own(kayong: Rembuk) -> None:
    for asked in (29, 31, 33, 36):
        rembuk = with_attendees(kayong, 0, blank_rows=asked, acknowledged_by=None)
        pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf"))
        per_page = [len(LABEL.findall(page)) for page in pages]
        assert per_page[-1] > 3, (asked, per_page)  # never two or three rows alone
        assert asked - max(3, asked // 4) - 1 <= sum(per_page) <= asked + max(per_page), per_page


def test_no_attendees_and_no_blank_rows_is_refused(kayong: Rembuk) -> None:
    rembuk = with_attendees(kayong, 0, blank_rows=0)
    with pytest.raises(DefinitionError, match=r"attendance\.blank_rows: .*tidak memuat peserta"):
        rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf")


def test_a_list_of_2000_rows_in_both_formats(kayong: Rembuk) -> None:
    rembuk = with_attendees(kayong, 2000, blank_rows=0)
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx"))
    assert len(rows) == 2001
    assert [row[1] for row in rows[1:]] == [f"Peserta Nomor {n}" for n in range(1, 2001)]

    pdf = rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf")
    pages = pdf_pages(pdf)
    assert len(pages) > 60
    assert_page_numbers(pdf)
    seen: list[int] = []
    for number, page in enumerate(pages, start=1):
        assert page.startswith(HEADER) or (number == 1 and HEADER in page)
        labels = [int(n) for n in LABEL.findall(page)]
        for label in labels:  # a row never splits: its name sits on the page of its signature
            assert f"Peserta Nomor {label} " in page
        seen += labels
    assert seen == list(range(1, 2001))
    assert "Mengetahui," in pages[-1] and "2000. ..." in pages[-1]


def test_csv_xlsx_and_yaml_lists_give_the_same_documents(kayong: Rembuk) -> None:
    base = SAMPLES / "kayong-utara-2023.yaml"
    from_xlsx = rembuk_docs.load(base, attendees=SAMPLES / "kayong-utara-2023-peserta.xlsx")
    from_csv = rembuk_docs.load(base, attendees=SAMPLES / "kayong-utara-2023-peserta.csv")
    for fmt in ("docx", "pdf"):
        expected = rembuk_docs.render_bytes(kayong, "daftar-hadir", fmt)
        assert rembuk_docs.render_bytes(from_xlsx, "daftar-hadir", fmt) == expected, fmt
        assert rembuk_docs.render_bytes(from_csv, "daftar-hadir", fmt) == expected, fmt


def test_columns_are_chosen_by_the_definition_with_instansi_apart_phone_and_sex(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load((SAMPLES / "kayong-utara-2023.yaml").read_text(encoding="utf-8"))
    data["attendance"]["columns"] = ["nama", "jabatan", "instansi", "no_hp", "jenis_kelamin"]
    data["attendees"][2].update(phone="0813 1111 2222", sex="Laki-laki")
    data["attendees"][7].update(sex="p")
    rembuk = rembuk_docs.from_dict(data)
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx"))
    assert rows[0] == ["No", "Nama", "Jabatan", "Instansi", "No. HP", "L/P", "Tanda Tangan"]
    assert rows[3][:6] == [
        "3",
        "Hasanuddin, S.Sos.",
        "Ketua DPRD Kabupaten Kayong Utara",
        "DPRD Kabupaten Kayong Utara",
        "0813 1111 2222",
        "L",
    ]
    assert rows[8][5] == "P" and rows[1][4:6] == ["", ""]
    assert rows[-1][1:6] == [""] * 5  # a blank row has every column empty
    pdf = rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf")
    pages = pdf_pages(pdf)
    assert all("No Nama Jabatan Instansi No. HP L/P Tanda Tangan" in page for page in pages)
    assert (
        "Hasanuddin, S.Sos. Ketua DPRD Kabupaten Kayong Utara DPRD Kabupaten Kayong Utara "
        "0813 1111 2222 L 3. ..." in normalise(" ".join(pages))
    )
    data["attendees"][0]["sex"] = "X"
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    assert caught.value.problems[0].location == "attendees[0].sex"


def test_the_pack_sets_the_columns_and_show_nip_adds_the_nip(
    kayong: Rembuk, tmp_path: Path
) -> None:
    folder = tmp_path / "kolom"
    folder.mkdir()
    (folder / "format.toml").write_text(
        'extends = "kayong-utara"\n[attendance]\ncolumns = ["nama", "instansi", "jabatan"]\n',
        encoding="utf-8",
    )
    rows = docx_rows(rembuk_docs.render_bytes(kayong, "daftar-hadir", "docx", format_pack=folder))
    assert rows[0] == ["No", "Nama", "Instansi", "Jabatan", "Tanda Tangan"]
    settings = kayong.attendance.model_copy(update={"show_nip": True})
    rembuk = kayong.model_copy(update={"attendance": settings})
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx", format_pack=folder))
    assert rows[0] == ["No", "Nama", "NIP", "Instansi", "Jabatan", "Tanda Tangan"]
    (folder / "format.toml").write_text(
        'extends = "kayong-utara"\n[attendance]\ncolumns = ["alamat"]\n', encoding="utf-8"
    )
    with pytest.raises(rembuk_docs.RembukError):
        rembuk_docs.render_bytes(kayong, "daftar-hadir", "docx", format_pack=folder)


def test_a_sheet_brings_phone_and_sex_columns(kayong: Rembuk, tmp_path: Path) -> None:
    sheet = tmp_path / "peserta.csv"
    sheet.write_text(
        "No,Nama,Jabatan,Instansi,No. HP,Jenis Kelamin,Tanda Tangan\n"
        "1,Ani,Kader Posyandu,Desa Sutera,0812 0000 1111,Perempuan,\n"
        "2,Budi,Bidan Desa,Puskesmas Sukadana,,L,\n",
        encoding="utf-8",
    )
    people = rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml", attendees=sheet).attendees
    assert [(p.name, p.phone, str(p.sex)) for p in people] == [
        ("Ani", "0812 0000 1111", "P"),
        ("Budi", None, "L"),
    ]


def _letters() -> list[str]:
    """Over 256 letters the font has (Latin-1, Latin Extended-A, Greek, Cyrillic): more than one
    font subset of codes holds."""
    ranges = [(0xC0, 0xFF), (0x100, 0x17F), (0x391, 0x3A9), (0x3B1, 0x3C9), (0x410, 0x44F)]
    return [chr(c) for low, high in ranges for c in range(low, high + 1) if c != 0x3A2]


def test_letters_first_met_deep_in_a_long_list_are_drawn_on_the_rows_page(
    kayong: Rembuk,
) -> None:
    letters = _letters()
    assert len(letters) > 256
    count = 300
    # the first 100 rows plain; then every row brings letters the document has not had yet
    names = [
        f"Peserta Nomor {n}"
        if n <= 100
        else "Nama " + "".join(letters[(2 * n + k) % len(letters)] for k in range(3)) + f" {n}"
        for n in range(1, count + 1)
    ]
    people = [Attendee(name=name, position="Kader Posyandu") for name in names]
    settings = kayong.attendance.model_copy(update={"blank_rows": 0})
    rembuk = kayong.model_copy(update={"attendees": people, "attendance": settings})
    pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf"))
    seen: list[int] = []
    for page in pages:
        labels = [int(n) for n in LABEL.findall(page)]
        for label in labels:  # each name on the page of its row's signature
            assert normalise(names[label - 1]) in page
        seen += labels
    assert seen == list(range(1, count + 1))
    rows = docx_rows(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx"))
    assert [row[1] for row in rows[1:]] == names
