"""Problems carry a typed path: the field itself, once per mistake, the sheet's own column."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import rembuk_docs
from rembuk_docs.batch import render_batch
from rembuk_docs.errors import DefinitionError, Problem, parse_path, path_text

from conftest import BATCH_COLUMNS, SAMPLES, read_errors

TEMPLATE = SAMPLES / "rembuk-desa.yaml"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("pledges", 3, "text"), "pledges[3].text"),
        (("signatories", 0), "signatories[0]"),
        (("minutes",), "minutes"),
        (("village", "activities", 2, "cost"), "village.activities[2].cost"),
    ],
)
def test_a_path_is_a_tuple_and_text_only_when_shown(path: tuple[Any, ...], text: str) -> None:
    problem = Problem(path, "salah")
    assert problem.path == path and problem.location == text
    assert parse_path(text) == path and path_text(path) == text
    assert problem.at(line=4).path == path  # kept when the line is added


def test_pydantic_errors_become_typed_paths(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["signatories"][3]["nip"] = "19701308 199503 1 006"
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(kupang_dict)
    # plain data has no anchors: the person stands in two places, and both are given
    paths = [problem.path for problem in caught.value.problems]
    assert paths == [
        ("signatories", 3, "nip"),
        ("invitation", "signatory", "nip"),
        ("record", "parties", 0, "nip"),
    ]


def _load_text(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "def.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(path)
    return caught.value.problems


def _kupang_text() -> str:
    return (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")


def test_a_wrong_day_points_at_the_day_not_the_event(tmp_path: Path) -> None:
    text = _kupang_text().replace("day: Senin", "day: Selasa")
    (problem,) = _load_text(tmp_path, text)
    assert problem.path == ("event", "day")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.strip() == "day: Selasa")
    assert problem.line == line


def test_an_end_before_the_start_points_at_the_end(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["event"]["end"] = "08.00"
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(kupang_dict)
    assert [p.path for p in caught.value.problems] == [("event", "end")]


def test_the_pasal_44_check_points_at_the_nip(tmp_path: Path) -> None:
    text = _kupang_text().replace('    nip: "19720315 199803 2 004"\n', "", 1)
    (problem,) = _load_text(tmp_path, text)  # the kadinkes signs the berita acara too (alias)
    assert problem.path == ("signatories", 2, "nip")


def test_a_desa_without_its_kabupaten_points_at_the_kabupaten() -> None:
    region = {
        "kind": "desa",
        "name": "Oelnasi",
        "kecamatan": "Kupang Tengah",
        "province": "Nusa Tenggara Timur",
    }
    from pydantic import ValidationError

    from rembuk_docs.loading import problems_from
    from rembuk_docs.model import Region

    with pytest.raises(ValidationError) as caught:
        Region.model_validate(region)
    assert [p.path for p in problems_from(caught.value, Region)] == [("kabupaten",)]


def test_one_mistake_through_a_yaml_anchor_is_reported_once(tmp_path: Path) -> None:
    # the kepala bappeda (&kepala_bappeda) signs the agreement, the invitation and the berita
    # acara: one wrong NIP, one problem, at its first use and the line where it is written
    text = _kupang_text().replace('nip: "19700808 199503 1 006"', 'nip: "19701308 199503 1 006"')
    (problem,) = _load_text(tmp_path, text)
    assert problem.path == ("signatories", 3, "nip")
    assert problem.line is not None
    assert text.splitlines()[problem.line - 1].strip().startswith("nip:")


# --- batch: the sheet's own columns ---------------------------------------------------------------

COLUMNS = BATCH_COLUMNS


def _errors(out: Path) -> list[dict[str, str]]:
    return read_errors(out)


def test_a_kpm_without_a_bpd_chair_is_blamed_on_the_kpm_column(tmp_path: Path) -> None:
    sheet = tmp_path / "desa.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        row = (
            "Oelnasi",
            "Kupang Tengah",
            "Kepala Oelnasi",
            "KPM\x0bOelnasi",
            9e8,
            2e8,
            "2024-07-11",
        )
        writer.writerow(row)
    result = render_batch(sheet, TEMPLATE, tmp_path / "out")
    assert result.failed == 1
    assert {e["field"] for e in _errors(tmp_path / "out")} == {"kpm"}


def _sheet(path: Path, rows: list[tuple[Any, ...]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def test_a_batch_share_below_the_minimum_names_the_sheets_column_in_its_reason(
    tmp_path: Path,
) -> None:
    sheet = _sheet(
        tmp_path / "desa.csv",
        [("Oelnasi", "Kupang Tengah", "Kepala", "KPM", 900_000_000, 90_000_000, "2024-07-11")],
    )
    assert render_batch(sheet, TEMPLATE, tmp_path / "out").failed == 1
    (error,) = _errors(tmp_path / "out")
    assert error["field"] == "alokasi_stunting"
    # the fix names the sheet's column; the minimum, the template's field, says where it is
    assert error["reason"].endswith(
        "yang disepakati; naikkan alokasi_stunting (batas minimal: "
        "agreement.dana_desa_min_share di templat rembuk-desa.yaml)"
    )
    assert "stunting_allocation" not in error["reason"] and "village." not in error["reason"]


def test_a_batch_share_of_the_activities_names_the_activity_sheet(tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path / "desa.csv",
        [("Oelnasi", "Kupang Tengah", "Kepala", "KPM", 900_000_000, "", "2024-07-11")],
    )
    activities = _sheet(
        tmp_path / "kegiatan.csv",
        [("Oelnasi", "PMT", 50_000_000, "Dana Desa")],
        ("desa", "kegiatan", "biaya", "sumber_dana"),
    )
    result = render_batch(sheet, TEMPLATE, tmp_path / "out", activities=activities)
    assert result.failed == 1
    (error,) = _errors(tmp_path / "out")
    assert error["field"] == "kegiatan.csv, baris 2, kolom biaya"
    assert "naikkan biayanya (kegiatan.csv, baris 2, kolom biaya)" in error["reason"]
    assert "village." not in error["reason"]


def test_a_batch_agreement_dated_before_the_rows_date_names_the_tanggal_column(
    tmp_path: Path,
) -> None:
    template = tmp_path / "rembuk-desa.yaml"
    text = TEMPLATE.read_text(encoding="utf-8").replace(
        "agreement:\n", "agreement:\n  date: 2024-07-01\n", 1
    )
    template.write_text(text, encoding="utf-8")
    sheet = _sheet(
        tmp_path / "desa.csv",
        [("Oelnasi", "Kupang Tengah", "Kepala", "KPM", 900_000_000, 200_000_000, "2024-07-11")],
    )
    assert render_batch(sheet, template, tmp_path / "out").failed == 1
    (error,) = _errors(tmp_path / "out")
    assert error["field"].startswith("templat rembuk-desa.yaml: agreement.date")
    assert error["reason"].endswith(
        "periksa agreement.date di templat rembuk-desa.yaml dan tanggal"
    )


@pytest.mark.filterwarnings("always::rembuk_docs.errors.RembukWarning")  # as the CLI shows them
def test_batch_warnings_name_the_columns_that_would_fill_them_in(tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path / "desa.csv",
        [("Oelnasi", "Kupang Tengah", "Kepala", "KPM", 900_000_000, 200_000_000, "2024-07-11")],
    )
    result = render_batch(sheet, TEMPLATE, tmp_path / "out", formats=["pdf"])
    assert result.failed == 0
    shown = "\n".join(result.warnings)
    # the nomor and the kantor desa's address come from columns this sheet does not have yet
    assert (
        "kolom nomor_berita_acara di lembar desa: nomor berita-acara belum lengkap" in shown
        and "isi kolom nomor_berita_acara di lembar desa atau record.numbering.klasifikasi" in shown
    )
    assert "atau kolom alamat di lembar desa" in shown
    assert "record.number:" not in shown and "organizer.address" not in shown
    # the names marked as examples: one line for the batch, not one per desa
    assert "nama masih ditandai sebagai contoh (example: true):" not in shown
    assert "ada nama yang masih ditandai sebagai contoh" not in shown  # the row is no example


@pytest.mark.filterwarnings("always::rembuk_docs.errors.RembukWarning")  # as the CLI shows them
def test_example_names_are_one_line_of_the_summary_not_one_per_desa(tmp_path: Path) -> None:
    rows = [
        (desa, "Kupang Tengah", f"Kepala {desa}", f"KPM {desa}", 9e8, 2e8, "2024-07-11", "ya")
        for desa in ("Oelnasi", "Tarus", "Noelbaki")
    ]
    sheet = _sheet(tmp_path / "desa.csv", rows, (*COLUMNS, "contoh"))
    result = render_batch(sheet, TEMPLATE, tmp_path / "out", formats=["pdf"])
    assert result.failed == 0
    marked = {text: count for text, count in result.warnings.items() if "contoh" in text}
    assert marked == {
        "ada nama yang masih ditandai sebagai contoh (example: true, atau kolom contoh); ganti "
        "sebelum ditandatangani": 3,
        # the template's closing time (12.00) is an example too, one line for the batch
        "examples[0]: 'event.end' masih ditandai sebagai contoh": 3,
    }


def test_an_nip_stored_as_a_number_in_a_batch_xlsx_gets_the_sheet_hint(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append((*COLUMNS, "camat", "nip_camat"))
    nip = 197203151998032004.0  # what Excel keeps of an NIP typed into a number cell
    sheet.append(
        ("Oelnasi", "Kupang Tengah", "Kepala", "KPM", 9e8, 2e8, "2024-07-11", "Camat A", nip)
    )
    path = tmp_path / "desa.xlsx"
    book.save(path)
    assert render_batch(path, TEMPLATE, tmp_path / "out").failed == 1
    (error,) = _errors(tmp_path / "out")
    assert error["field"] == "nip_camat"
    assert "NIP tersimpan sebagai angka" in error["reason"] and "Teks" in error["reason"]


def test_the_same_hint_in_an_attendee_sheet_and_a_definition(tmp_path: Path) -> None:
    from rembuk_docs.errors import ImportDataError
    from rembuk_docs.importing import load_signatories

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("Nama", "Jabatan", "NIP"))
    sheet.append(("Obed Kase", "Kepala Bappeda", 197203151998032004.0))
    path = tmp_path / "penanda-tangan.xlsx"
    book.save(path)
    with pytest.raises(ImportDataError) as caught:
        load_signatories(path)
    assert caught.value.ids == ["model.nip.stored_as_number"]
    text = _kupang_text().replace('"19720315 199803 2 004"', "1.97203151998032e+17")
    assert [p.id for p in _load_text(tmp_path, text)] == ["model.nip.stored_as_number"]


# --- U+2028, U+2029 and U+0085 are treated alike everywhere ----------------------------------------


SEPARATED = "Rembuk\u2028Stunting\u2029Kabupaten\x85Kupang"


def test_line_and_paragraph_separators_are_one_space_in_every_document(
    kupang_dict: dict[str, Any],
) -> None:
    import warnings

    from rembuk_docs.errors import RenderWarning

    from conftest import docx_text, pdf_text

    kupang_dict["event"]["name"] = SEPARATED
    kupang_dict["attendees"] = [{"name": "Ani\u2028Bunga", "position": "Kader\x85Posyandu"}]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    assert rembuk.event.name == "Rembuk Stunting Kabupaten Kupang"
    assert rembuk.attendees[0].name == "Ani Bunga"
    for document in ("kesepakatan", "daftar-hadir", "notulen", "berita-acara"):
        with warnings.catch_warnings():
            warnings.simplefilter("error", RenderWarning)  # no glyph is missing for them
            pdf = pdf_text(rembuk_docs.render_bytes(rembuk, document, "pdf"))
        docx = docx_text(rembuk_docs.render_bytes(rembuk, document, "docx"))
        for text in (pdf, docx):
            assert "Rembuk Stunting Kabupaten Kupang" in " ".join(text.split()), document
    hadir = pdf_text(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf"))
    assert "Ani Bunga" in hadir and "Kader Posyandu" in hadir


def test_a_sheet_cell_with_separators_reads_as_one_line(tmp_path: Path) -> None:
    from rembuk_docs.importing import load_attendees

    sheet = tmp_path / "peserta.csv"
    sheet.write_text("Nama,Jabatan\nAni\u2028Bunga,Kader\u2029Posyandu\n", encoding="utf-8")
    (person,) = load_attendees(sheet)
    assert (person.name, person.position) == ("Ani Bunga", "Kader Posyandu")


# --- a text too long for one page names its field, or its sheet column ----------------------------


def test_a_batch_cell_too_long_for_a_page_names_its_column(tmp_path: Path) -> None:
    sheet = tmp_path / "desa.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        head = "Kepala " * 1200  # fits the sheet's cell limit, not one page of a signature block
        writer.writerow(("Oelnasi", "Kupang Tengah", head, "KPM", 9e8, 2e8, "2024-07-11"))
    result = render_batch(sheet, TEMPLATE, tmp_path / "out")
    assert result.failed == 1
    (error,) = _errors(tmp_path / "out")
    assert error["field"] == "kepala_desa", error
    assert "terlalu panjang" in error["reason"]
