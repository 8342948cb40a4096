"""The one place a DOCX table is spliced into serialised XML: each placeholder replaced once."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

import rembuk_docs
from rembuk_docs.compose.blocks import Column, DataTable
from rembuk_docs.errors import RenderError
from rembuk_docs.writers.docx_table import TableSplicer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE = DataTable(
    columns=(Column("No", 1), Column("Nama", 4)),
    rows=(("1", "Maria Lenggu & Obed <Kase>"), ("2", "Yakobus Tefa")),
)


def _document(*paragraphs: str) -> bytes:
    body = "".join(paragraphs)
    return (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()


def _as_written(placeholder: str) -> str:
    """The placeholder as lxml serialises it inside the document (the prefix on the root)."""
    return placeholder.replace(
        ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', ""
    )


def test_each_placeholder_becomes_its_table_and_the_text_is_escaped() -> None:
    splicer = TableSplicer()
    first = _as_written(splicer.fragment([splicer.pieces(TABLE, 9000)]))
    second = _as_written(splicer.fragment([splicer.pieces(TABLE, 9000)]))
    content = _document("<w:p><w:r><w:t>Daftar</w:t></w:r></w:p>", first, second)
    pieces = splicer.splice("word/document.xml", content)
    assert not isinstance(pieces, bytes)
    spliced = b"".join(pieces)
    root = etree.fromstring(spliced)
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 2
    rows = [
        ["".join(cell.itertext()) for cell in row.findall(f"{W}tc")]
        for row in tables[0].findall(f"{W}tr")
    ]
    assert rows[:3] == [["No", "Nama"], ["1", "Maria Lenggu & Obed <Kase>"], ["2", "Yakobus Tefa"]]
    assert b"rembuk-docs-table-" not in spliced
    assert "Daftar" in "".join(root.itertext())


def test_other_entries_pass_through_and_a_lost_placeholder_is_an_error() -> None:
    splicer = TableSplicer()
    placeholder = _as_written(splicer.fragment([splicer.pieces(TABLE, 9000)]))
    styles = b"<w:styles/>"
    assert splicer.splice("word/styles.xml", styles) is styles
    with pytest.raises(RenderError):
        splicer.splice("word/document.xml", _document())  # the placeholder is gone
    with pytest.raises(RenderError):
        splicer.splice("word/document.xml", _document(placeholder, placeholder))  # twice
    assert not TableSplicer()


def test_a_rendered_daftar_hadir_has_its_rows_and_no_placeholder(
    kupang: rembuk_docs.Rembuk,
) -> None:
    people = [{"name": f"Peserta {n}", "position": "Kader Posyandu"} for n in range(1, 41)]
    rembuk = kupang.model_copy(
        update={"attendees": [rembuk_docs.Attendee.model_validate(p) for p in people]}
    )
    data = rembuk_docs.render_bytes(rembuk, "daftar-hadir", "docx")
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert b"rembuk-docs-table-" not in document
    text = "".join(etree.fromstring(document).itertext())
    assert all(f"Peserta {n}" in text for n in (1, 20, 40))


def test_rows_from_templates_keep_breaks_braces_bold_and_the_staggered_signing_cell() -> None:
    """Rows are written from a template per kind of row: text with a line break, braces, ``&``
    and ``<`` comes out as written, bold rows are bold, kept rows keep with the next, and the
    signing column alternates left and right at the foot of its cell."""
    from rembuk_docs.writers.docx_table import table_pieces

    table = DataTable(
        columns=(Column("No", 1), Column("Nama", 4), Column("Tanda Tangan", 2)),
        rows=(
            ("1", "Maria {Lenggu}\nKader & <Posyandu>", "1. ....."),
            ("2", "Obed Kase", "2. ....."),
            ("", "Jumlah {0}", ""),
        ),
        bold_rows=frozenset({2}),
        keep_with_previous=frozenset({2}),
        stagger_column=2,
    )
    root = etree.fromstring("".join(table_pieces(table, 9000)).encode())
    rows = root.findall(f"{W}tr")[1:]
    first_name = rows[0].findall(f"{W}tc")[1]
    assert [t.text for t in first_name.iter(f"{W}t")] == ["Maria {Lenggu}", "Kader & <Posyandu>"]
    assert len(first_name.findall(f".//{W}br")) == 1
    assert [len(row.findall(f".//{W}b")) for row in rows] == [0, 0, 3]
    assert ["".join(row.itertext()) for row in rows][2] == "Jumlah {0}"
    # the row before the subtotal keeps with it; the others do not
    assert [len(row.findall(f".//{W}keepNext")) for row in rows] == [0, 3, 0]
    signing = [row.findall(f"{W}tc")[2] for row in rows]
    assert [cell.find(f".//{W}jc").get(f"{W}val") for cell in signing] == [
        "left",
        "right",
        "left",
    ]
    assert all(cell.find(f".//{W}vAlign").get(f"{W}val") == "bottom" for cell in signing)
    with pytest.raises(ValueError, match="row 0 has 2 cells for 3 columns"):
        list(table_pieces(DataTable(columns=table.columns, rows=(("1", "x"),)), 9000))


def test_rows_made_hundreds_at_a_time_keep_each_rows_text_breaks_and_escapes() -> None:
    """Rows are made a few hundred at a time: special characters are found across the whole
    batch but escaped only in their rows, line breaks become Word's in the rows that hold them
    (on either side of a batch's edge), and every row's cells read back as written."""
    from rembuk_docs.writers.docx_table import _ROWS_AT_ONCE, table_pieces

    count = 3 * _ROWS_AT_ONCE + 7
    special = {5: "A & B", _ROWS_AT_ONCE - 1: "x < y > z", _ROWS_AT_ONCE: "Kader\nPosyandu"}
    special[2 * _ROWS_AT_ONCE + 3] = "Kepala Puskesmas\nPuskesmas & Dinas"
    rows = tuple(
        (str(n), special.get(n, f"Peserta {n} {{braces}}"), f"{n}. ....") for n in range(count)
    )
    table = DataTable(
        columns=(Column("No", 1), Column("Nama", 4), Column("Tanda Tangan", 2)),
        rows=rows,
        stagger_column=2,
    )
    pieces = list(table_pieces(table, 9000))
    assert len(pieces) == 2 + 4  # the head, four batches of rows, the end
    root = etree.fromstring("".join(pieces).encode())
    read = [
        ["\n".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")]
        for row in root.findall(f"{W}tr")[1:]
    ]
    assert read == [list(row) for row in rows]
    breaks = [len(row.findall(f".//{W}br")) for row in root.findall(f"{W}tr")[1:]]
    assert [n for n, found in enumerate(breaks) if found] == [
        _ROWS_AT_ONCE,
        2 * _ROWS_AT_ONCE + 3,
    ]
