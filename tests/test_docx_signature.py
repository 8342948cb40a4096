"""The signature grid of a DOCX: rows that never split, names on one line, local keep rules."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from rembuk_docs.compose.blocks import Align, SignatureBlock, SignatureGrid
from rembuk_docs.formats.loader import load_pack
from rembuk_docs.writers import docx_body as body
from rembuk_docs.writers.docx_signature import signature_grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PACK = load_pack("default")
TEXT_WIDTH_TWIPS = 9000


def _lines_of(text: str, width: float) -> int:
    """A stand-in measure: a line for every 20 characters begun."""
    return max(1, -(-len(text) // 20))


def _signature(number: int, *, above: tuple[str, ...] | None = None) -> SignatureBlock:
    return SignatureBlock(
        above=above if above is not None else (f"Kepala Dinas {number}",),
        name=f"Nama & <Penanda> {number}",
        below=(f"NIP. 1970010{number}",),
    )


def _grid(block: SignatureGrid, **options: Any) -> Any:
    """The grid's XML in a ``w:body``, parsed."""
    parts = signature_grid(
        block,
        PACK,
        text_width_twips=TEXT_WIDTH_TWIPS,
        landscape=options.pop("landscape", False),
        lines_of=options.pop("lines_of", _lines_of),
        **options,
    )
    return etree.fromstring(f"<w:body{body.XMLNS_W}>{''.join(parts)}</w:body>")


def _texts(cell: Any) -> list[str]:
    return ["".join(p.itertext()) for p in cell.iter(f"{W}p")]


def _keeps(row: Any) -> set[bool]:
    return {p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")}


def test_heading_then_a_table_whose_rows_never_split_with_the_last_signature_across() -> None:
    grid = _grid(SignatureGrid(tuple(_signature(n) for n in range(1, 6)), heading=("Kupang,", "")))
    heading = grid.findall(f"{W}p")
    assert ["".join(p.itertext()) for p in heading] == ["Kupang,", ""]
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in heading)
    assert heading[1].find(f"{W}r") is None  # no run for an empty line, as python-docx adds
    (table,) = grid.findall(f"{W}tbl")
    widths = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
    assert widths == [body.twips_emu(TEXT_WIDTH_TWIPS * 635 // 2)] * 2
    rows = table.findall(f"{W}tr")
    assert len(rows) == 3
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    last = rows[-1].findall(f"{W}tc")
    assert len(last) == 1 and last[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "2"
    first = rows[0].findall(f"{W}tc")
    assert _texts(first[0]) == [
        "Kepala Dinas 1",
        "",
        "",
        "",
        "",
        "Nama & <Penanda> 1",
        "NIP. 19700101",
    ]
    name = next(r for r in first[0].iter(f"{W}r") if "".join(r.itertext()).startswith("Nama"))
    assert name.find(f"{W}rPr/{W}b") is not None and name.find(f"{W}rPr/{W}u") is not None


def test_a_grid_that_fits_moves_whole_and_binds_nothing_after_it() -> None:
    rows = _grid(SignatureGrid(tuple(_signature(n) for n in range(1, 7)))).iter(f"{W}tr")
    assert [_keeps(row) for row in rows] == [{True}, {True}, {False}]


def test_a_grid_taller_than_a_page_keeps_only_its_last_row_from_going_over_alone() -> None:
    signatures = tuple(_signature(n) for n in range(1, 41))  # 20 rows of 9 lines
    rows = list(_grid(SignatureGrid(signatures)).iter(f"{W}tr"))
    kept = [index for index, row in enumerate(rows) if _keeps(row) == {True}]
    assert kept == [len(rows) - 2]


def test_jabatan_that_wrap_to_fewer_lines_are_padded_so_names_stand_on_one_line() -> None:
    long = ("Kepala Dinas Pemberdayaan Masyarakat dan Desa",)  # three lines of 20 characters
    grid = _grid(SignatureGrid((_signature(1, above=long), _signature(2)), space_lines=1))
    left, right = grid.iter(f"{W}tc")
    assert _texts(left) == [long[0], "", "Nama & <Penanda> 1", "NIP. 19700101"]
    assert _texts(right) == ["", "", "Kepala Dinas 2", "", "Nama & <Penanda> 2", "NIP. 19700102"]
    for cell in (left, right):  # the row gap after each cell's last line only
        spaced = [p.find(f"{W}pPr/{W}spacing") is not None for p in cell.iter(f"{W}p")]
        assert spaced == [False] * (len(spaced) - 1) + [True]


def test_a_last_signature_alone_stands_right_and_the_heading_keeps_its_alignment() -> None:
    block = SignatureGrid(
        tuple(_signature(n) for n in range(1, 4)),
        heading=("Mengetahui,",),
        heading_align=Align.LEFT,
        last_alone_right=True,
    )
    grid = _grid(block)
    assert grid.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") == "left"
    last = grid.findall(f"{W}tbl/{W}tr")[-1].findall(f"{W}tc")
    assert [_texts(cell)[-2:] for cell in last] == [[""], ["Nama & <Penanda> 3", "NIP. 19700103"]]


@pytest.mark.parametrize("xmlns", [False, True])
def test_with_xmlns_each_part_declares_the_prefix_as_lxml_writes_it_alone(xmlns: bool) -> None:
    parts = signature_grid(
        SignatureGrid((_signature(1),), columns=1, heading=("Mengetahui,",)),
        PACK,
        text_width_twips=TEXT_WIDTH_TWIPS,
        landscape=True,
        lines_of=_lines_of,
        xmlns=xmlns,
    )
    assert len(parts) == 2
    assert all(
        part.startswith(("<w:p" + body.XMLNS_W, "<w:tbl" + body.XMLNS_W)) == xmlns for part in parts
    )
    if xmlns:
        table = etree.fromstring(parts[1])
        assert "Nama & <Penanda> 1" in "".join(table.itertext())
