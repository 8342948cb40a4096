"""Hostile and damaged attendee sheets: each is refused with its place (exit 2), never misread."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from rembuk_docs import InputError, load_attendees
from rembuk_docs.cli import main
from rembuk_docs.errors import RembukWarning
from rembuk_docs.importing import MAX_CELL_CHARS, read_table

from conftest import SAMPLES

HEADER = ["No", "Nama", "Jabatan"]
ROWS = [[1, "Nama Satu", "Kepala Desa"], [2, "Nama Dua", "Sekretaris Desa"]]


def workbook(path: Path, rows: list[list[object]] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *(ROWS if rows is None else rows)]:
        sheet.append(row)
    book.save(path)
    return path


def rewrite(path: Path, part: str, change: object) -> Path:
    """Rewrite one part of a zip (``change``: new bytes, or a function of the old bytes)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part]) if callable(change) else change  # type: ignore[assignment]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def problems(path: Path) -> list[str]:
    """Each problem as 'location: message [id]', so tests match on ids, not on wording."""
    with pytest.raises(InputError) as caught:
        load_attendees(path)
    return [f"{problem} [{problem.id}]" for problem in caught.value.problems]


# --------------------------------------------------------------------------- CSV


def test_an_unbalanced_quote_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_text(
        'No,Nama,Jabatan\n1,"Nama Satu,Kepala Desa\n2,Nama Dua,Sekretaris Desa\n', encoding="utf-8"
    )
    (problem,) = problems(path)
    # the column by its letter and by the header the user wrote
    assert f"{path}, baris 2, kolom B 'Nama':" in problem
    assert "[limits.sheet.quote_unclosed]" in problem


@pytest.mark.parametrize("reader", ["plan", "batch"])
def test_an_unbalanced_quote_names_its_column_in_every_sheet_reader(
    tmp_path: Path, reader: str
) -> None:
    from rembuk_docs.batch.sheet import read_sheet
    from rembuk_docs.plan_import import load_plan

    path = tmp_path / "lembar.csv"
    if reader == "plan":
        header = "OPD,Program,Anggaran"
        read: Any = load_plan
    else:
        header = "desa,kecamatan,kepala_desa,pagu_dana_desa,alokasi_stunting"
        read = read_sheet
    path.write_text(f'{header}\nSatu,"Dua,3,4,5\nEnam,Tujuh,8,9,10\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    (problem,) = caught.value.problems
    assert problem.id == "limits.sheet.quote_unclosed"
    title = header.split(",")[1]
    assert problem.location.endswith(f"baris 2, kolom B '{title}'"), problem.location


def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_bytes("No,Nama,Jabatan\r\n1,Nama Satu,Kepala Desa\r\n".encode("utf-16-le"))
    (person,) = load_attendees(path)
    assert person.name == "Nama Satu"


def test_binary_with_nul_bytes_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_bytes(b"Nama\n\x00\x01\x02\x03garbage\x00\xff\xfe\x00\x00")
    (problem,) = problems(path)
    assert "\x00" not in problem


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_both_formats_have_the_same_cell_limit(tmp_path: Path, suffix: str) -> None:
    long_name = "A" * (MAX_CELL_CHARS + 1)
    path = tmp_path / f"peserta{suffix}"
    if suffix == ".csv":
        path.write_text(f"No,Nama,Jabatan\n1,{long_name},Kepala\n", encoding="utf-8")
    else:
        workbook(path, [[1, long_name, "Kepala"]])
    (problem,) = problems(path)
    assert f"{path}, baris 2, kolom B 'Nama':" in problem  # the letter and the header
    assert str(MAX_CELL_CHARS) in problem.replace(".", "").replace(",", "")
    assert len(problem) < 500


def test_unknown_columns_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    header = ",".join(["Nama", *(f"x{i}" for i in range(20_000))])
    path.write_text(header + "\nNama Satu\n", encoding="utf-8")
    with pytest.warns(RembukWarning) as caught:  # extra columns are skipped, and said so
        (person,) = load_attendees(path)
    assert person.name == "Nama Satu"
    (warning,) = caught
    assert "'x9', dan 19990 kolom lainnya" in str(warning.message)
    assert len(str(warning.message)) < 1_000


# --------------------------------------------------------------------------- XLSX


def test_a_cached_error_value_is_refused_with_its_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "peserta.xlsx")

    def error_cell(xml: bytes) -> bytes:
        return xml.replace(
            b'<c r="B3" t="inlineStr"><is><t>Nama Dua</t></is></c>',
            b'<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        )

    rewrite(path, "xl/worksheets/sheet1.xml", error_cell)
    (problem,) = problems(path)
    assert f"{path}, baris 3, kolom B 'Nama':" in problem
    assert "#DIV/0!" in problem and "[limits.sheet.error_value]" in problem


def test_a_hidden_first_sheet_is_passed_over(tmp_path: Path) -> None:
    book = Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "lama"
    hidden.append(["Nama"])
    hidden.append(["Orang Lama"])
    hidden.sheet_state = "hidden"
    visible = book.create_sheet("peserta")
    for row in [HEADER, *ROWS]:
        visible.append(row)
    book.active = 1
    path = tmp_path / "peserta.xlsx"
    book.save(path)
    with pytest.warns(RembukWarning, match="lembar tersembunyi 'lama' dilewati"):
        assert [person.name for person in load_attendees(path)] == ["Nama Satu", "Nama Dua"]


def _bomb(path: Path) -> Path:
    """A real sheet plus a part that unpacks to 256 MiB of spaces (about 250 KB packed)."""
    workbook(path)
    chunk = b" " * (1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(256):
            part.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "peserta.xlsx")
    assert path.stat().st_size < 2_000_000
    (problem,) = problems(path)
    assert str(path) in problem and "[limits.zip.bomb]" in problem


XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&e;</t></is></c></row>
</sheetData></worksheet>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&h;</t></is></c></row>
</sheetData></worksheet>"""


@pytest.mark.parametrize(
    "change",
    [XXE, LAUGHS, lambda xml: xml[: len(xml) // 2]],
    ids=["xxe", "billion-laughs", "truncated"],
)
def test_hostile_or_broken_xml_is_bad_input(
    tmp_path: Path, change: object, capsys: pytest.CaptureFixture[str]
) -> None:
    path = rewrite(workbook(tmp_path / "peserta.xlsx"), "xl/worksheets/sheet1.xml", change)
    code = main(["validate", str(SAMPLES / "kupang-2022.yaml"), "--attendees", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(path) in err
    assert "Traceback" not in err and "internal error" not in err


def test_read_table_refuses_a_bomb_too(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "desa.xlsx")
    with pytest.raises(InputError):
        list(read_table(path))


def _shared_strings(path: Path, count: int, *, prefix: str = "", encoding: str = "utf-8") -> Path:
    """A workbook whose name column reads a shared string, with ``count`` shared strings."""
    workbook(path, [[1, "x", "Kepala Desa"]])
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    tag = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{main_ns}"' if prefix else f'xmlns="{main_ns}"'
    strings = "".join(f"<{tag}si><{tag}t>Nama {n}</{tag}t></{tag}si>" for n in range(count))
    sst = f'<?xml version="1.0" encoding="{encoding}"?><{tag}sst {xmlns}>{strings}</{tag}sst>'
    rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b'<c r="B2" t="inlineStr"><is><t>x</t></is></c>', b'<c r="B2" t="s"><v>0</v></c>'
        ),
    )
    rewrite(
        path,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"</Types>",
            (
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
            ),
        ),
    )
    rewrite(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            b"</Relationships>",
            (
                b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
                b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
            ),
        ),
    )
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", sst.encode(encoding))
    return path


@pytest.mark.parametrize(("prefix", "encoding"), [("", "utf-8"), ("x", "utf-8"), ("", "utf-16-le")])
def test_too_many_shared_strings_are_refused_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str, encoding: str
) -> None:
    # openpyxl keeps every shared string in memory: 4 million took a minute and 750 MB
    from rembuk_docs.formats import guard

    monkeypatch.setattr(guard, "SHEET_MAX_STRINGS", 50)
    fits = _shared_strings(tmp_path / "fits.xlsx", 50, prefix=prefix, encoding=encoding)
    if encoding == "utf-8":  # openpyxl reads only UTF-8 shared strings
        assert [person.name for person in load_attendees(fits)] == ["Nama 0"]
    else:
        assert guard.shared_strings_problem(fits) is None
    path = _shared_strings(tmp_path / "peserta.xlsx", 51, prefix=prefix, encoding=encoding)
    (problem,) = problems(path)
    assert str(path) in problem and "[limits.sheet.too_many_strings]" in problem


def test_the_xlsx_guard_leaves_a_real_sheet_alone() -> None:
    rows = list(read_table(SAMPLES / "kayong-utara-2023-peserta.xlsx"))
    assert len(rows) > 10


# ------------------------------------------------- what the sheet shows (hard18)


def _warnings_of(path: Path) -> tuple[list[Any], list[str]]:
    with pytest.warns(RembukWarning) as seen:
        people = load_attendees(path)
    return people, [str(w.message) for w in seen]


def test_a_value_merged_over_rows_counts_for_each_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DAFTAR HADIR"])
    sheet.merge_cells("A1:D1")  # a title across the columns: not a value of any row
    sheet.append(["No", "Nama", "Jabatan", "Instansi"])
    sheet.append([1, "Nama Satu", "Kader", "Desa Oelnasi"])
    sheet.append([2, "Nama Dua", "Kader", None])
    sheet.append([3, "Nama Tiga", "Kader", None])
    sheet.append([4, "Nama Empat", "Kader", "Desa Tarus"])
    sheet.merge_cells("D3:D5")
    path = tmp_path / "peserta.xlsx"
    book.save(path)
    with pytest.warns(RembukWarning):  # the title row above the header was skipped
        people = load_attendees(path)
    assert [p.institution for p in people] == ["Desa Oelnasi"] * 3 + ["Desa Tarus"]


def test_hidden_rows_are_read_and_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "peserta.xlsx", [*ROWS, [3, "Nama Tiga", "Kader"]])
    book = __import__("openpyxl").load_workbook(path)
    book.active.row_dimensions[3].hidden = True
    book.save(path)
    people, said = _warnings_of(path)
    assert [p.name for p in people] == ["Nama Satu", "Nama Dua", "Nama Tiga"]
    assert any("baris 3 disembunyikan" in text for text in said), said


def test_the_sheet_read_is_named_when_others_are_hidden_or_left(tmp_path: Path) -> None:
    book = Workbook()
    old = book.active
    assert old is not None
    old.title = "Lama"
    old.append(["Nama"])
    old.append(["Orang Lama"])
    old.sheet_state = "hidden"
    for title in ("Hari 1", "Hari 2"):
        sheet = book.create_sheet(title)
        for row in [HEADER, [1, f"Peserta {title}", "Kader"]]:
            sheet.append(row)
    book.active = 1
    path = tmp_path / "peserta.xlsx"
    book.save(path)
    people, said = _warnings_of(path)
    assert [p.name for p in people] == ["Peserta Hari 1"]
    assert any("'Lama' dilewati" in text and "'Hari 1'" in text for text in said), said
    assert any("'Hari 2' tidak dibaca" in text for text in said), said


def test_a_date_in_a_text_column_is_refused_with_its_cell(tmp_path: Path) -> None:
    import datetime

    path = workbook(
        tmp_path / "peserta.xlsx",
        [[1, "Nama Satu", datetime.datetime(2024, 6, 21)], [2, datetime.date(2024, 1, 2), "Kader"]],
    )
    found = problems(path)
    assert found[0].startswith(f"{path}, baris 2, kolom Jabatan: sel berisi tanggal 2024-06-21,")
    assert found[1].startswith(f"{path}, baris 3, kolom Nama: sel berisi tanggal 2024-01-02,")
    assert len(found) == 2 and all("[sheet.date_in_text]" in text for text in found)


def test_an_unsaved_formula_under_a_namespace_prefix_is_still_refused(tmp_path: Path) -> None:
    import re

    path = workbook(tmp_path / "peserta.xlsx", [[1, "Nama Satu", '=UPPER("kader")']])

    def prefixed(xml: bytes) -> bytes:
        text = xml.decode().replace('<worksheet xmlns="', '<x:worksheet xmlns:x="')
        return re.sub(r"<(/?)(?!x:|\?)([a-zA-Z]+)", r"<\1x:\2", text).encode()

    rewrite(path, "xl/worksheets/sheet1.xml", prefixed)
    (found,) = problems(path)
    assert found.startswith(f"{path}, baris 2, kolom C: rumus =UPPER")
    assert "[sheet.formula_unsaved]" in found
