"""Attendees and signatories from CSV and XLSX: headers by name, every bad row named by row and column."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import rembuk_docs
from rembuk_docs import ImportDataError, SyntaxProblemError, load_attendees, load_signatories
from rembuk_docs.errors import DefinitionError, RembukWarning
from rembuk_docs.model import Role

from conftest import SAMPLES

KAYONG = SAMPLES / "kayong-utara-2023.yaml"
NIP = "19720315 199803 2 004"


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


@pytest.fixture(params=["csv", "xlsx"])
def sheet(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A function writing rows into a CSV or an XLSX file and returning its path."""
    kind = request.param

    def make(rows: list[list[Any]], name: str = "peserta") -> Path:
        return WRITERS[kind](tmp_path / f"{name}.{kind}", rows)

    return make


def test_the_sample_spreadsheets_hold_the_yaml_attendees_in_order() -> None:
    listed = rembuk_docs.load(KAYONG).attendees
    assert len(listed) == 55
    for name in ("kayong-utara-2023-peserta.xlsx", "kayong-utara-2023-peserta.csv"):
        assert load_attendees(SAMPLES / name) == listed, name


@pytest.mark.parametrize(
    "header",
    [
        ["Nama", "Jabatan", "Instansi", "NIP"],
        ["  NAMA ", "jabatan", "INSTANSI", "nip"],
        ["Name", "Position", "Institution", "N I P"],
        ["nama_lengkap", "Jabatan", "Unit Kerja", "NIP."],
    ],
)
def test_headers_match_in_either_language_whatever_the_case_and_spacing(
    sheet: Any, header: list[str]
) -> None:
    path = sheet([header, ["Ani Lestari", "Staf", "Dinas Kesehatan", NIP]])
    (person,) = load_attendees(path)
    assert (person.name, person.position, person.institution) == (
        "Ani Lestari",
        "Staf",
        "Dinas Kesehatan",
    )
    assert person.nip == NIP.replace(" ", "")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_found_from_the_header(tmp_path: Path, delimiter: str) -> None:
    rows = [["No", "Nama", "Jabatan"], ["1", "Ani, S.KM.", "Staf; Bidang Gizi"]]
    (person,) = load_attendees(write_csv(tmp_path / "p.csv", rows, delimiter))
    assert (person.name, person.position) == ("Ani, S.KM.", "Staf; Bidang Gizi")


def test_no_and_signature_columns_are_ignored_and_blank_rows_skipped(sheet: Any) -> None:
    rows: list[list[Any]] = [
        [],
        ["No.", "Nama", "Jabatan", "Tanda Tangan"],
        [1, "Ani", "Staf", None],
        [None, None, None, None],
        [2, "Budi", "Kepala Seksi", None],
        [],
    ]
    people = load_attendees(sheet(rows))
    assert [p.name for p in people] == ["Ani", "Budi"]


def test_an_extra_column_is_ignored_with_a_warning(sheet: Any) -> None:
    path = sheet([["Nama", "Jabatan", "Keterangan"], ["Ani", "Staf", "hadir"]])
    with pytest.warns(RembukWarning) as caught:
        people = load_attendees(path)
    assert [(p.name, p.position) for p in people] == [("Ani", "Staf")]
    (warning,) = caught
    assert str(warning.message) == (
        f"{path}: kolom C 'Keterangan' tidak dikenal dan dilewati (isinya tidak dibaca)"
    )


def test_a_misspelt_header_is_refused_with_the_one_it_was_meant_to_be(sheet: Any) -> None:
    path = sheet([["Nama", "Jabtan"], ["Ani", "Staf"]])
    with pytest.raises(ImportDataError) as caught:
        load_attendees(path)
    (problem,) = caught.value.problems
    assert problem.location == f"{path}, baris 1, kolom B 'Jabtan'"
    assert problem.message == (
        "judul kolom 'Jabtan' tidak dikenal; maksud Anda 'Jabatan'? Perbaiki judul kolomnya"
    )


def test_title_rows_above_the_header_are_skipped_and_the_header_row_named(sheet: Any) -> None:
    rows: list[list[Any]] = [
        ["DAFTAR HADIR REMBUK STUNTING", None, None],
        ["Kabupaten Kupang, 25 Juli 2022", None, None],
        [None, None, None],
        ["No", "Nama", "Jabatan"],
        [1, "Ani", "Staf"],
        [2, "Budi", "Camat"],
    ]
    path = sheet(rows)
    with pytest.warns(RembukWarning) as caught:
        people = load_attendees(path)
    assert [p.name for p in people] == ["Ani", "Budi"]
    assert [str(w.message) for w in caught] == [
        f"{path}: judul kolom ditemukan di baris 4; 2 baris judul di atasnya dilewati"
    ]


def test_without_any_header_the_likeliest_row_says_what_is_missing(sheet: Any) -> None:
    rows: list[list[Any]] = [["DAFTAR HADIR", None], ["Jabatan", "Instansi"], ["Staf", "Dinas"]]
    with pytest.raises(ImportDataError) as caught:
        load_attendees(sheet(rows))
    (problem,) = caught.value.problems
    assert problem.location.endswith("baris 2") and "tidak ada kolom nama" in problem.message


def test_a_file_without_a_name_column_is_refused(sheet: Any) -> None:
    with pytest.raises(ImportDataError, match="tidak ada kolom nama"):
        load_attendees(sheet([["Jabatan", "Instansi"], ["Staf", "Dinas"]]))


def test_two_columns_for_one_field_are_refused(sheet: Any) -> None:
    with pytest.raises(ImportDataError, match="isian yang sama dengan kolom 'Nama'"):
        load_attendees(sheet([["Nama", "Name"], ["Ani", "Ani"]]))


def test_every_bad_row_is_named_by_file_row_and_column(sheet: Any) -> None:
    rows: list[list[Any]] = [
        ["No", "Nama", "Jabatan", "NIP"],
        [1, "Ani", "Staf", NIP],
        [2, "", "Staf", None],  # row 3: a row with data but no name
        [],  # row 4: blank, skipped
        [3, "Budi", "Staf", "1972031519980320"],  # row 5: 16 digits
        [4, "Cici", "Staf", "19721315 199803 2 004"],  # row 6: 15 December does not exist
        [5, "  ", "Staf", "19720315 199803 3 004"],  # row 7: no name and a bad sex digit
    ]
    path = sheet(rows)
    with pytest.raises(ImportDataError) as caught:
        load_attendees(path)
    found = [(p.location, p.message) for p in caught.value.problems]
    assert found == [
        (f"{path}, baris 3, kolom Nama", "tidak boleh kosong"),
        (f"{path}, baris 5, kolom NIP", "NIP 1972031519980320: NIP harus 18 angka, tertulis 16"),
        (
            f"{path}, baris 6, kolom NIP",
            "NIP 197213151998032004: tanggal lahir 19721315 bukan tanggal yang ada",
        ),
        (f"{path}, baris 7, kolom Nama", "tidak boleh kosong"),
        (
            f"{path}, baris 7, kolom NIP",
            "NIP 197203151998033004: angka jenis kelamin 3 harus 1 atau 2",
        ),
    ]


def test_an_nip_that_excel_stored_as_a_number_is_refused_not_guessed(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx", [["Nama", "NIP"], ["Ani", 1.97203151998032e17], ["Budi", None]]
    )
    with pytest.raises(ImportDataError) as caught:
        load_attendees(path)
    (problem,) = caught.value.problems
    assert problem.location == f"{path}, baris 2, kolom NIP"
    assert problem.id == "model.nip.stored_as_number"
    assert "format kolomnya sebagai Teks" in problem.message


def test_an_nip_typed_as_a_short_number_is_checked_as_an_nip(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["Nama", "NIP"], ["Ani", 19720315]])
    with pytest.raises(
        ImportDataError, match="baris 2, kolom NIP: NIP 19720315: NIP harus 18 angka"
    ):
        load_attendees(path)


def test_the_problem_list_is_capped(tmp_path: Path) -> None:
    rows = [["Nama", "NIP"], *[["Ani", "123"] for _ in range(150)]]
    with pytest.raises(ImportDataError) as caught:
        load_attendees(write_csv(tmp_path / "p.csv", rows))
    problems = caught.value.problems
    assert len(problems) == 101
    assert problems[-1].message == "... dan 50 masalah lain tidak ditampilkan"


def test_a_windows_csv_in_cp1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes("Nama;Jabatan\r\nJosé Fernandes;Staf Ahli\r\n".encode("cp1252"))
    assert load_attendees(path)[0].name == "José Fernandes"


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("p.xls", b"\xd0\xcf\x11\xe0", SyntaxProblemError, "jenis berkas '.xls' tidak didukung"),
        ("p.xlsx", b"not a zip", SyntaxProblemError, "bukan buku kerja XLSX yang dapat dibaca"),
        ("p.csv", b"", ImportDataError, "berkas ini kosong"),
        ("p.csv", b"Nama,Jabatan\n", ImportDataError, "tidak ada baris peserta"),
    ],
)
def test_unreadable_or_empty_files_are_refused(
    tmp_path: Path, name: str, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error, match=message):
        load_attendees(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportDataError, match="berkas peserta tidak ditemukan"):
        load_attendees(tmp_path / "nowhere.xlsx")


def test_signatories_take_pangkat_and_role_and_infer_the_role_from_the_nip(sheet: Any) -> None:
    rows = [
        ["Nama", "Gelar Depan", "Gelar Belakang", "Jabatan", "Pangkat / Golongan", "NIP", "Peran"],
        ["Citra Duani", None, None, "Bupati Kayong Utara", None, None, "Kepala Daerah"],
        ["Ani", "dr.", "M.Kes.", "Kepala Dinas", "Pembina (IV/a)", NIP, None],
        ["Budi", None, "S.H.", "Kepala Desa Sutera", None, None, None],
        ["Cici", None, None, "Plt. Sekretaris Daerah", None, None, "acting-head"],
    ]
    people = load_signatories(sheet(rows))
    assert [p.role for p in people] == [
        Role.KEPALA_DAERAH,
        Role.ASN,
        Role.NON_ASN,
        Role.ACTING_HEAD,
    ]
    assert people[1].rank == "Pembina (IV/a)"
    assert people[1].printed_name() == "dr. Ani, M.Kes."


def test_a_signatory_breaking_pasal_44_is_pointed_at_its_nip(sheet: Any) -> None:
    path = sheet([["Nama", "Jabatan", "NIP", "Peran"], ["Ani", "Bupati", NIP, "kepala_daerah"]])
    with pytest.raises(ImportDataError) as caught:
        load_signatories(path)
    (problem,) = caught.value.problems
    assert problem.location == f"{path}, baris 2, kolom NIP"
    assert "Pasal 44" in problem.message


def test_an_unknown_role_lists_the_known_ones(sheet: Any) -> None:
    path = sheet([["Nama", "Jabatan", "Role"], ["Ani", "Camat", "camat"]])
    with pytest.raises(ImportDataError) as caught:
        load_signatories(path)
    (problem,) = caught.value.problems
    assert problem.location == f"{path}, baris 2, kolom Role"
    assert "'kepala_daerah'" in problem.message and "'non_asn'" in problem.message


# ----------------------------------------------------------------- through load() and the YAML


def _definition(tmp_path: Path, extra: str) -> Path:
    text = (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "rembuk.yaml"
    path.write_text(text + "\n" + extra, encoding="utf-8")
    return path


def test_attendees_file_is_read_relative_to_the_yaml(tmp_path: Path, monkeypatch: Any) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write_csv(folder / "peserta.csv", [["Nama", "Jabatan"], ["Ani", "Staf"], ["Budi", "Staf"]])
    definition = _definition(folder, "attendees_file: peserta.csv\n")
    monkeypatch.chdir(tmp_path)
    rembuk = rembuk_docs.load(definition)
    assert [p.name for p in rembuk.attendees] == ["Ani", "Budi"]
    assert rembuk.attendees_file == folder / "peserta.csv"


def test_attendees_and_attendees_file_together_are_refused_with_the_line(tmp_path: Path) -> None:
    definition = _definition(
        tmp_path, "attendees_file: peserta.csv\nattendees:\n  - {name: Ani, position: Staf}\n"
    )
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(definition)
    (problem,) = caught.value.problems
    assert problem.location == "attendees_file"
    assert "jangan keduanya" in problem.message
    assert problem.line is not None and problem.line > 100


def test_an_override_file_replaces_the_yaml_list(tmp_path: Path) -> None:
    definition = _definition(tmp_path, "attendees:\n  - {name: Ani, position: Staf}\n")
    override = write_csv(tmp_path / "lain.csv", [["Nama"], ["Budi"], ["Cici"]])
    rembuk = rembuk_docs.load(definition, attendees=override)
    assert [p.name for p in rembuk.attendees] == ["Budi", "Cici"]


def test_signatories_can_come_from_a_file_only(tmp_path: Path) -> None:
    text = (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
    text = text[: text.index("signatories:")] + "signatories_file: penanda.csv\n"
    (tmp_path / "rembuk.yaml").write_text(text, encoding="utf-8")
    write_csv(
        tmp_path / "penanda.csv",
        [
            ["Nama", "Jabatan", "Peran"],
            ["Jerry Manafe", "Wakil Bupati Kupang", "wakil kepala daerah"],
        ],
    )
    rembuk = rembuk_docs.load(tmp_path / "rembuk.yaml")
    assert [p.name for p in rembuk.signatories] == ["Jerry Manafe"]
    (tmp_path / "rembuk.yaml").write_text(text.replace("signatories_file: penanda.csv\n", ""))
    with pytest.raises(
        DefinitionError, match=r"signatories \(baris \d+\): perlu paling sedikit 1 penanda tangan"
    ):
        rembuk_docs.load(tmp_path / "rembuk.yaml")


def test_a_utf16_csv_from_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_bytes("Nama,Jabatan\nAni Bria,Kader Posyandu\n".encode("utf-16"))
    assert [(a.name, a.position) for a in load_attendees(path)] == [("Ani Bria", "Kader Posyandu")]


def test_a_workbook_openpyxl_cannot_read_is_a_clear_error(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Nama", "Jabatan"])
    workbook.create_chartsheet("grafik", 0)
    path = tmp_path / "peserta.xlsx"
    workbook.save(path)
    with pytest.raises(SyntaxProblemError, match="mungkin berisi lembar grafik"):
        load_attendees(path)


def test_a_formula_without_a_saved_result_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nama", "Jabatan"])
    sheet.append(["Ani Bria", "Kader"])
    sheet.append(['=UPPER("budi")', '="Kader"'])  # openpyxl writes formulas without results
    path = tmp_path / "peserta.xlsx"
    workbook.save(path)
    with pytest.raises(SyntaxProblemError, match=r"baris 3, kolom A: rumus =UPPER"):
        load_attendees(path)


CATALOGUE = Path(__file__).parent / "error_catalogue"


@pytest.mark.parametrize(
    ("name", "reason", "detail"),
    [
        ("peserta-bukan-zip.xlsx", "read.not_zip", "File is not a zip file"),
        ("peserta-terpotong.xlsx", "read.zip_damaged", "File is not a zip file"),
        ("peserta-entitas.xlsx", "read.xml_entity", "undefined entity: line 4, column 64"),
        ("peserta-xxe.xlsx", "read.xml_entity", "undefined entity &e;"),
    ],
)
def test_a_broken_workbook_says_why_in_indonesian_and_the_parser_speaks_english_only(
    name: str, reason: str, detail: str
) -> None:
    from rembuk_docs.messages import use_language

    with pytest.raises(SyntaxProblemError) as caught:
        load_attendees(CATALOGUE / name)
    (problem,) = caught.value.problems
    assert problem.params["reason"].id == reason  # type: ignore[attr-defined]
    with use_language("id"):
        shown = str(problem)
    assert name in shown and detail not in shown and "zip file" not in shown
    assert "simpan" in shown  # how to fix it
    with use_language("en"):
        assert detail in str(problem)


def test_a_runaway_quoted_field_is_named_in_indonesian(tmp_path: Path) -> None:
    from rembuk_docs.messages import use_language

    path = tmp_path / "p.csv"
    path.write_text('Nama,Jabatan\n"Ani,' + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(SyntaxProblemError) as caught:
        load_attendees(path)
    (problem,) = caught.value.problems
    assert problem.params["reason"].id == "read.csv_field_too_long"  # type: ignore[attr-defined]
    with use_language("id"):
        assert "ada isian yang terlalu panjang" in str(problem)
        assert "field limit" not in str(problem)
    with use_language("en"):
        assert "field larger than field limit" in str(problem)


@pytest.mark.parametrize(
    ("titles", "header", "row"),
    [
        ([100], "Nama;Jabatan", "Ani, S.KM.;Staf"),
        # the header line cut by the first 64 KiB: its start alone would say ','
        ([8_190] * 8, "Catatan, a, b;Nama;Jabatan", "x;Ani, S.KM.;Staf"),
        # the header line after the first 64 KiB
        ([9_000] * 9, "Nama,Jabatan", '"Ani, S.KM.",Staf'),
    ],
)
def test_the_csv_delimiter_comes_from_the_header_after_long_title_lines(
    tmp_path: Path, titles: list[int], header: str, row: str
) -> None:
    path = tmp_path / "peserta.csv"
    lines = ["A" * length for length in titles]
    path.write_text("\n".join([*lines, header, row, ""]), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RembukWarning)  # title rows, an ignored column
        (person,) = load_attendees(path)
    assert (person.name, person.position) == ("Ani, S.KM.", "Staf")


def test_csv_rows_of_spaces_or_empty_cells_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_text("Nama,Jabatan\n , \t\n,\nAni,Staf\n\n  \nBudi, \n", encoding="utf-8")
    people = load_attendees(path)
    assert [(p.name, p.position) for p in people] == [("Ani", "Staf"), ("Budi", None)]


def test_a_csv_cell_too_long_is_named_in_its_row_after_many_good_rows(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["No", "Nama", "Jabatan"]]
    rows += [[n, f"Peserta {n}", "Staf"] for n in range(1, 5_000)]
    rows.append([5_000, "Ani", "x" * 10_001])
    path = write_csv(tmp_path / "peserta.csv", rows)
    with pytest.raises(ImportDataError) as caught:
        load_attendees(path)
    (problem,) = caught.value.problems
    assert problem.location == f"{path}, baris 5001, kolom C 'Jabatan'"
    assert "10001" in problem.message.replace(".", "")


def _problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(ImportDataError) as caught:
        load_attendees(path)
    return [(p.location, p.message) for p in caught.value.problems]


# (cells of a bad row under No, Nama, Jabatan, NIP, L/P; the columns its problems name)
BAD_ROWS: list[tuple[list[Any], list[str]]] = [
    ([7, "", "Staf", NIP, "L"], ["Nama"]),  # no name: pydantic's 'missing'
    ([7, "Ani", "Staf", "1972031519980320", "P"], ["NIP"]),  # 16 digits
    ([7, "Ani", "Staf", "1,97203E+17", "P"], ["NIP"]),  # rounded by Excel: refused as a cell
    ([7, "", "Staf", "1,97203E+17", "P"], ["NIP", "Nama"]),  # a refused cell and a bad row
    ([7, "Ani", "Staf", "", "banci"], ["L/P"]),  # not L or P
    ([7, "Ani\x7fLestari", "Staf", "", ""], ["Nama"]),  # a control character XML forbids
]


@pytest.mark.parametrize(("bad", "columns"), BAD_ROWS)
def test_a_bad_row_deep_in_a_long_sheet_is_named_as_in_a_short_one(
    sheet: Any, bad: list[Any], columns: list[str]
) -> None:
    header = ["No", "Nama", "Jabatan", "NIP", "L/P"]
    good = [
        [n, f"Peserta {n}", "Staf", NIP if n % 3 == 0 else None, "LP"[n % 2]] for n in range(6000)
    ]
    short = sheet([header, good[1], bad], name="pendek")
    long = sheet([header, *good[:4999], bad, *good[5000:]], name="panjang")
    expected = [
        (location.replace(str(short), str(long)).replace("baris 3", "baris 5001"), message)
        for location, message in _problems(short)
    ]
    assert [location.rsplit("kolom ", 1)[1] for location, _ in expected] == columns
    assert all(f"{short}, baris 3, kolom " in location for location, _ in _problems(short))
    assert _problems(long) == expected


def test_bad_rows_on_either_side_of_a_validation_batch_are_all_named_in_order(
    tmp_path: Path,
) -> None:
    from rembuk_docs.importing import _ROWS_AT_ONCE

    size = 2 * _ROWS_AT_ONCE + 10  # two whole batches and part of a third
    rows: list[list[Any]] = [["Nama", "NIP"]] + [[f"Peserta {n}", ""] for n in range(size)]
    bad = {
        1000: ["Ani", "123"],
        _ROWS_AT_ONCE: ["", NIP],  # the last row of the first batch
        _ROWS_AT_ONCE + 1: ["Budi", "1,97203E+17"],  # the first of the second: a refused cell
        2 * _ROWS_AT_ONCE + 5: ["", "1,97203E+17"],  # in the last batch: both kinds
    }
    for index, row in bad.items():
        rows[index] = row
    path = write_csv(tmp_path / "peserta.csv", rows)
    rounded = "NIP tersimpan sebagai angka (1,97203E+17)"
    found = _problems(path)
    assert [location for location, _ in found] == [
        f"{path}, baris 1001, kolom NIP",
        f"{path}, baris {_ROWS_AT_ONCE + 1}, kolom Nama",
        f"{path}, baris {_ROWS_AT_ONCE + 2}, kolom NIP",
        f"{path}, baris {2 * _ROWS_AT_ONCE + 6}, kolom NIP",
        f"{path}, baris {2 * _ROWS_AT_ONCE + 6}, kolom Nama",
    ]
    assert found[0][1] == "NIP 123: NIP harus 18 angka, tertulis 3"
    assert found[1][1] == found[4][1] == "tidak boleh kosong"
    assert found[2][1].startswith(rounded) and found[3][1].startswith(rounded)


def test_a_sheet_validated_at_once_gives_the_models_row_by_row_validation_gives(
    sheet: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rembuk_docs import importing
    from rembuk_docs.model import Attendee

    header = ["No", "Gelar Depan", "Nama", "Gelar Belakang", "Jabatan", "Instansi", "NIP"]
    rows: list[list[Any]] = [[*header, "No. HP", "Unsur", "L/P", "Contoh"]]
    rows += [
        [
            1,
            " dr. ",
            "  Ani   Lestari ",
            "M.Kes.",
            "Staf\tGizi",
            "",
            NIP,
            " 0812 3456 7890 ",
            "OPD",
            "P",
            "ya",
        ],
        [
            2,
            None,
            "Ñoño Sëmbiring",
            None,
            "Kepala\u2028Desa",
            "Desa Oë",
            None,
            None,
            "Desa",
            "laki-laki",
            None,
        ],
        [
            3,
            "",
            "Maria Lenggu\u0301",
            "",
            "Bidan",
            "Puskesmas\u00a0Oesao",
            "NIP. 19720315.199803.2.004",
            "",
            "",
            "",
            "tidak",
        ],
        [
            4,
            "Ir.",
            "Dewi Ṣari 王",
            "S.T.",
            "Camat\u2029Kupang  Tengah",
            " ",
            "",
            "",
            "Kecamatan",
            " perempuan ",
            "",
        ],
        [5, None, "Budi", None, None, None, None, None, None, None, None],
    ]
    path = sheet(rows)
    at_once = load_attendees(path)

    class RowByRow:
        """A list validator validating every row on its own, as the loader used to."""

        def validate_python(self, records: list[dict[str, Any]]) -> list[Any]:
            return [Attendee.model_validate(record) for record in records]

    monkeypatch.setattr(importing, "_list_adapter", lambda model: RowByRow())
    one_by_one = load_attendees(path)
    assert len(at_once) == 5
    assert [type(p) for p in at_once] == [type(p) for p in one_by_one]
    assert [p.model_dump() for p in at_once] == [p.model_dump() for p in one_by_one]
    assert [p.model_fields_set for p in at_once] == [p.model_fields_set for p in one_by_one]
    first, second, third, fourth, _ = at_once
    assert (first.title_prefix, first.name, first.phone, first.example) == (
        "dr.",
        "Ani   Lestari",
        "0812 3456 7890",
        True,
    )
    assert (first.position, first.institution) == ("Staf\tGizi", None)
    assert (second.position, second.sex) == ("Kepala Desa", "L")
    assert third.name == "Maria Lenggú" and third.nip == NIP.replace(" ", "")
    assert third.institution == "Puskesmas\u00a0Oesao"
    assert (fourth.name, fourth.sex, fourth.institution) == ("Dewi Ṣari 王", "P", None)
    assert fourth.position == "Camat Kupang  Tengah"


def test_a_quoted_csv_cell_is_measured_by_its_text_not_by_its_quotes(tmp_path: Path) -> None:
    from rembuk_docs.importing import MAX_CELL_CHARS

    quotes = '"' * MAX_CELL_CHARS  # written as 2 * MAX_CELL_CHARS + 2 characters
    path = write_csv(tmp_path / "peserta.csv", [["Nama", "Jabatan"], ["Ani", quotes]])
    (person,) = load_attendees(path)
    assert person.position == quotes
    for long in (quotes + '"', "x" * (MAX_CELL_CHARS + 1)):  # a row hardly longer than its cell
        write_csv(path, [["Nama", "Jabatan"], ["Ani", "Staf"], ["B", long]])
        ((location, message),) = _problems(path)
        assert location == f"{path}, baris 3, kolom B 'Jabatan'"
        assert str(MAX_CELL_CHARS + 1) in message.replace(".", "")


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        (["Ani", "Bupati", NIP, "kepala_daerah"], "NIP"),  # Pasal 44, the one whole-row check
        (["Ani", "Kepala Dinas", "", "asn"], "NIP"),  # an ASN without an NIP
        (["Ani", "Camat", "", "camat"], "Peran"),  # an unknown role
    ],
)
def test_a_signatory_breaking_the_rules_deep_in_a_long_sheet_is_named_as_in_a_short_one(
    tmp_path: Path, bad: list[str], column: str
) -> None:
    header = ["Nama", "Jabatan", "NIP", "Peran"]
    good = [[f"Pejabat {n}", "Kepala Seksi", NIP if n % 2 else "", ""] for n in range(3000)]
    short = write_csv(tmp_path / "pendek.csv", [header, bad])
    long = write_csv(tmp_path / "panjang.csv", [header, *good[:2000], bad, *good[2000:]])
    for path, row in ((short, 2), (long, 2002)):
        with pytest.raises(ImportDataError) as caught:
            load_signatories(path)
        (problem,) = caught.value.problems
        assert problem.location == f"{path}, baris {row}, kolom {column}"
        assert problem.message == _signatory_problem(short)


def _signatory_problem(path: Path) -> str:
    with pytest.raises(ImportDataError) as caught:
        load_signatories(path)
    return caught.value.problems[0].message
