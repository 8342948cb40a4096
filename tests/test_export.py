"""rembuk-docs export: the tables behind the documents, with the documents' own figures."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.batch.definition import build
from rembuk_docs.batch.sheet import activities_by_desa, read_sheet
from rembuk_docs.batch.template import load_template
from rembuk_docs.cli import main
from rembuk_docs.compose import composer, document_text
from rembuk_docs.errors import ImportDataError
from rembuk_docs.export import batch_tables
from rembuk_docs.formats import load_pack
from rembuk_docs.indonesian import format_number, persen, rupiah

from conftest import SAMPLES, docx_paragraphs, normalise, pdf_text

PLAN = SAMPLES / "kupang-2022-rencana-kegiatan.csv"


@pytest.fixture(scope="module")
def kupang_plan() -> Rembuk:
    return rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=PLAN)


@pytest.fixture(scope="module")
def workbook(kupang_plan: Rembuk, tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("export") / "kupang.xlsx"
    args = ["export", str(SAMPLES / "kupang-2022.yaml"), "--rencana-kegiatan", str(PLAN)]
    assert main([*args, "--to", "xlsx", "--out", str(out)]) == 0
    return openpyxl.load_workbook(out)


def rows(sheet: Any) -> list[dict[str, Any]]:
    header = [cell.value for cell in sheet[1]]
    return [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_the_workbook_has_the_default_mapping_s_sheets_and_headers(workbook: Any) -> None:
    # no attendees listed (Kupang prints blank rows), not a desa: those tables are left out
    assert workbook.sheetnames == ["Acara", "Kesepakatan", "Rencana Kegiatan", "Penanda Tangan"]
    plan = workbook["Rencana Kegiatan"]
    assert [c.value for c in plan[1]] == [
        "No", "OPD", "Program", "Kegiatan", "Sub Kegiatan", "Intervensi", "Sasaran", "Indikator",
        "Target", "Satuan", "Lokasi", "Pagu (Rp)", "Sumber Dana",
    ]  # fmt: skip
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= width <= 80 for width in widths), sheet.title
    assert workbook["Kesepakatan"].column_dimensions["B"].width == 80  # set by the mapping


def test_numbers_and_dates_are_real_cells(workbook: Any) -> None:
    event = workbook["Acara"]
    cell = event["B2"]
    assert cell.is_date and cell.value.date().isoformat() == "2022-07-25"
    assert cell.number_format == "DD/MM/YYYY"
    plan = workbook["Rencana Kegiatan"]
    pagu = [row[11] for row in plan.iter_rows(min_row=2)]
    assert all(isinstance(c.value, int | float) and c.number_format == "#,##0.00" for c in pagu)
    assert all(
        isinstance(c.value, int | float)
        for c in (row[8] for row in plan.iter_rows(min_row=2))
        if c.value is not None
    )


def test_the_plan_s_figures_are_the_matrix_s(workbook: Any, kupang_plan: Rembuk) -> None:
    exported = rows(workbook["Rencana Kegiatan"])
    pdf = normalise(pdf_text(rembuk_docs.render_bytes(kupang_plan, "rencana-kegiatan", "pdf")))
    total = sum(Decimal(str(row["Pagu (Rp)"])) for row in exported)
    assert total == kupang_plan.rencana_kegiatan.total()  # type: ignore[union-attr]
    # the matrix prints each pagu, the grand total and the total in words
    for row in exported:
        assert format_number(Decimal(str(row["Pagu (Rp)"]))) in pdf
    assert f"JUMLAH {format_number(total)}" in pdf
    assert rupiah(total) in pdf
    assert [row["OPD"] for row in exported] == [
        item.opd
        for _, items in kupang_plan.rencana_kegiatan.by_opd()
        for item in items  # type: ignore[union-attr]
    ]


def test_pledges_and_signatories_are_the_documents(workbook: Any, kupang_plan: Rembuk) -> None:
    paragraphs = [
        normalise(p)
        for p in docx_paragraphs(rembuk_docs.render_bytes(kupang_plan, "kesepakatan", "docx"))
    ]
    pledges = rows(workbook["Kesepakatan"])
    assert [row["No"] for row in pledges] == list(range(1, 14))
    for row in pledges:
        assert any(p.startswith(normalise(row["Butir Kesepakatan"])) for p in paragraphs), row["No"]
    sheet = normalise(pdf_text(rembuk_docs.render_bytes(kupang_plan, "lembar-tanda-tangan", "pdf")))
    signers = rows(workbook["Penanda Tangan"])
    assert len(signers) == len(kupang_plan.signatories)
    for row in signers:
        assert row["Nama"] in sheet
        if row["NIP"]:
            assert f"NIP. {row['NIP']}" in sheet
            assert row["Pangkat/Golongan"] in sheet
    # Pasal 44: the Wakil Bupati signs without NIP and pangkat, so the table has none either
    deputy = next(r for r in signers if r["Jabatan"].startswith("Wakil Bupati"))
    assert deputy["NIP"] is None and deputy["Pangkat/Golongan"] is None
    event = rows(workbook["Acara"])[0]
    assert event["Nomor Kesepakatan"] == "440/125/BAPPEDA/VII/2022"
    assert event["Jumlah Butir Kesepakatan"] == 13


def test_text_that_starts_like_a_formula_is_neutralised(
    tmp_path: Path, kupang_dict: dict[str, Any]
) -> None:
    kupang_dict["agreement"]["pledges"][0] = {
        "text": '=HYPERLINK("http://x","klik")',
        "responsible": "+Dinas",
    }
    kupang_dict["signatories"][-1]["position"] = "@Mitra"
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(kupang_dict, allow_unicode=True), encoding="utf-8")
    assert main(["export", str(path), "--to", "xlsx", "--out", str(tmp_path / "x.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "x.xlsx")
    first = rows(book["Kesepakatan"])[0]
    assert first["Butir Kesepakatan"] == '\'=HYPERLINK("http://x","klik")'
    assert first["OPD Penanggung Jawab"] == "'+Dinas"
    assert book["Kesepakatan"]["B2"].data_type == "s"
    assert rows(book["Penanda Tangan"])[-1]["Jabatan"] == "'@Mitra"
    assert main(["export", str(path), "--to", "csv", "--out", str(tmp_path / "csv")]) == 0
    text = (tmp_path / "csv" / "kesepakatan.csv").read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][1] == '\'=HYPERLINK("http://x","klik")'


def test_a_region_s_mapping_names_orders_and_chooses_columns(tmp_path: Path) -> None:
    mapping = tmp_path / "bangda.toml"
    mapping.write_text(
        '[[table]]\nname = "rencana_kegiatan"\ntitle = "RENCANA"\ncolumns = [\n'
        '  { field = "pagu", title = "ANGGARAN" },\n  { field = "opd", title = "PERANGKAT DAERAH", width = 25 },\n]\n'
        '[[table]]\nname = "kesepakatan"\ntitle = "KOMITMEN"\ncolumns = [{ field = "butir", title = "URAIAN" }]\n',
        encoding="utf-8",
    )
    out = tmp_path / "x.json"
    args = ["export", str(SAMPLES / "kupang-2022.yaml"), "--rencana-kegiatan", str(PLAN)]
    assert main([*args, "--to", "json", "--out", str(out), "--mapping", str(mapping)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["RENCANA", "KOMITMEN"]
    assert list(data["RENCANA"][0]) == ["ANGGARAN", "PERANGKAT DAERAH"]
    assert data["RENCANA"][0] == {"ANGGARAN": 405000000, "PERANGKAT DAERAH": "Dinas Kesehatan"}
    xlsx = tmp_path / "x.xlsx"
    assert main([*args, "--to", "xlsx", "--out", str(xlsx), "--mapping", str(mapping)]) == 0
    sheet = openpyxl.load_workbook(xlsx)["RENCANA"]
    assert sheet.column_dimensions["B"].width == 25


def test_a_bad_mapping_is_refused_with_where_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[[table]]\nname = "rencana"\ntitle = "X"\ncolumns = []\n'
        '[[table]]\nname = "kesepakatan"\ntitle = "K"\ncolumns = [{ field = "teks", title = "T" }]\n',
        encoding="utf-8",
    )
    out = tmp_path / "x.xlsx"
    code = main(
        [
            "export",
            str(SAMPLES / "kupang-2022.yaml"),
            "--to",
            "xlsx",
            "--out",
            str(out),
            "--mapping",
            str(mapping),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "table[0].name: tabel 'rencana' tidak dikenal" in err
    assert "table[1].columns[0].field: kolom 'teks' tidak ada di tabel kesepakatan" in err
    assert "Traceback" not in err and not out.exists()


def test_csv_writes_one_file_per_table_and_json_plain_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", str(SAMPLES / "kupang-2022.yaml"), "--rencana-kegiatan", str(PLAN)]
    assert main([*args, "--to", "csv", "--out", str(tmp_path / "csv")]) == 0
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == ["acara.csv", "kesepakatan.csv", "penanda_tangan.csv", "rencana_kegiatan.csv"]
    plan = list(
        csv.DictReader(
            io.StringIO((tmp_path / "csv" / "rencana_kegiatan.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert plan[0]["Pagu (Rp)"] == "405000000"
    event = list(
        csv.DictReader(
            io.StringIO((tmp_path / "csv" / "acara.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert event[0]["Tanggal"] == "2022-07-25"
    # one .csv file cannot hold four tables; --tables chooses one
    assert main([*args, "--to", "csv", "--out", str(tmp_path / "a.csv")]) == 2
    assert "--out menyebut satu berkas .csv" in capsys.readouterr().err
    assert (
        main(
            [*args, "--to", "csv", "--out", str(tmp_path / "a.csv"), "--tables", "rencana_kegiatan"]
        )
        == 0
    )
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig").startswith("No,OPD,Program")


def test_attendance_is_counted_by_unsur_and_sex(
    tmp_path: Path, kupang_dict: dict[str, Any]
) -> None:
    sheet = tmp_path / "peserta.csv"
    sheet.write_text(
        "No;Nama;Jabatan;Unsur;L/P\n1;A;Kepala Dinas;OPD;L\n2;B;Sekretaris;OPD;Perempuan\n"
        "3;C;Camat;Kecamatan;laki-laki\n4;D;Kepala Desa;Desa;\n5;E;Kader;Desa;P\n",
        encoding="utf-8",
    )
    kupang_dict.pop("attendees", None)
    kupang_dict["attendees_file"] = str(sheet)
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(kupang_dict, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "x.json"
    assert (
        main(
            ["export", str(path), "--to", "json", "--out", str(out), "--tables", "kehadiran,acara"]
        )
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["Kehadiran"] == [
        {"Unsur": "OPD", "Laki-laki": 1, "Perempuan": 1, "L/P Tidak Diisi": 0, "Jumlah": 2},
        {"Unsur": "Kecamatan", "Laki-laki": 1, "Perempuan": 0, "L/P Tidak Diisi": 0, "Jumlah": 1},
        {"Unsur": "Desa", "Laki-laki": 0, "Perempuan": 1, "L/P Tidak Diisi": 1, "Jumlah": 2},
        {"Unsur": "Jumlah", "Laki-laki": 2, "Perempuan": 2, "L/P Tidak Diisi": 1, "Jumlah": 5},
    ]
    assert data["Acara"][0]["Jumlah Peserta"] == 5
    # the daftar hadir lists the same five
    rembuk = rembuk_docs.load(path)
    text = normalise(pdf_text(rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf")))
    assert all(f" {name} " in f" {text} " for name in "ABCDE")


def test_a_bad_sex_value_is_refused_with_its_cell(tmp_path: Path) -> None:
    from rembuk_docs.errors import ImportDataError
    from rembuk_docs.importing import load_attendees

    sheet = tmp_path / "p.csv"
    sheet.write_text("Nama;Jenis Kelamin\nA;X\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as caught:
        load_attendees(sheet)
    assert "baris 2, kolom Jenis Kelamin" in caught.value.problems[0].location
    assert "tulis L (laki-laki) atau P (perempuan)" in str(caught.value)


def test_a_batch_exports_each_desa_s_allocation_as_its_documents_print_it(tmp_path: Path) -> None:
    sheet, template, activities = (
        SAMPLES / "desa-kupang.csv",
        SAMPLES / "rembuk-desa.yaml",
        SAMPLES / "desa-kupang-kegiatan.csv",
    )
    out = tmp_path / "alokasi.xlsx"
    args = ["export", str(sheet), "--template", str(template), "--activities", str(activities)]
    assert main([*args, "--to", "xlsx", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Alokasi Dana Desa"]
    exported = rows(book["Alokasi Dana Desa"])
    data = read_sheet(sheet, activities=activities)
    shared = load_template(template)
    matched, _, _ = activities_by_desa(data)
    assert [row["Desa"] for row in exported] == [row.text("desa") for row in data.desa]
    assert book["Alokasi Dana Desa"]["H2"].number_format == "0.00%"
    for row, desa in zip(exported, data.desa, strict=True):
        rembuk = rembuk_docs.from_dict(
            build(shared, desa, matched.get(desa.number, [])).data, base=shared.base
        )
        words = normalise(
            " ".join(document_text(composer("kesepakatan")(rembuk, load_pack(rembuk.format_pack))))
        )
        share = Decimal(str(row["Porsi"])) * 100
        # a batch prints every share with two decimals (22,20% beside 23,91%)
        assert f"atau {persen(share, 2, fixed=True)} dari pagu Dana Desa" in words, row["Desa"]
        assert rupiah(Decimal(str(row["Dana Desa untuk Stunting (Rp)"]))) in words
        assert rupiah(Decimal(str(row["Pagu Dana Desa (Rp)"]))) in words


def test_export_is_deterministic(tmp_path: Path) -> None:
    args = [
        "export",
        str(SAMPLES / "kupang-2022.yaml"),
        "--rencana-kegiatan",
        str(PLAN),
        "--to",
        "xlsx",
    ]
    assert main([*args, "--out", str(tmp_path / "a.xlsx")]) == 0
    assert main([*args, "--out", str(tmp_path / "b.xlsx")]) == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_unknown_tables_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "export",
            str(SAMPLES / "kupang-2022.yaml"),
            "--to",
            "json",
            "--out",
            str(tmp_path / "x.json"),
            "--tables",
            "pledges",
        ]
    )
    assert code == 2
    assert "--tables menyebut tabel yang tidak dikenal: pledges" in capsys.readouterr().err


def test_a_batch_export_names_the_sheet_cell_of_a_bad_desa(tmp_path: Path) -> None:
    from conftest import BATCH_COLUMNS

    sheet = tmp_path / "desa.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(BATCH_COLUMNS)
        writer.writerow(
            ("Oelnasi", "Kupang Tengah", "Kepala", "KPM", 900_000_000, 200_000_000, "2024-03-12")
        )
        writer.writerow(
            ("Tarus", "Kupang Tengah", "Kepala", "KPM", 900_000_000, 90_000_000, "2024-03-12")
        )
    with pytest.raises(ImportDataError) as caught:
        batch_tables(sheet, SAMPLES / "rembuk-desa.yaml")
    (problem,) = caught.value.problems
    assert problem.location == "desa.csv, baris 3, kolom alokasi_stunting"
    assert "di bawah batas minimal" in str(problem)


def test_a_pledge_s_responsible_opd_is_the_one_the_kesepakatan_prints(tmp_path: Path) -> None:
    definition = SAMPLES / "banyuasin-2024.yaml"
    out = tmp_path / "banyuasin.json"
    assert main(["export", str(definition), "--to", "json", "--out", str(out)]) == 0
    pledges = json.loads(out.read_text(encoding="utf-8"))["Kesepakatan"]
    rembuk = rembuk_docs.load(definition)
    text = normalise(pdf_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf")))
    responsible = [row["OPD Penanggung Jawab"] for row in pledges]
    assert responsible == [pledge.responsible for pledge in rembuk.agreement.pledges]
    assert responsible.count(None) == 4  # two pledges name their OPD
    for row in pledges:
        if row["OPD Penanggung Jawab"]:
            assert f"(Penanggung jawab: {row['OPD Penanggung Jawab']})" in text, row["No"]


def test_a_broken_mapping_file_says_why_in_indonesian_without_tomllib_wording(
    tmp_path: Path,
) -> None:
    from rembuk_docs.errors import InputError
    from rembuk_docs.export import read_mapping
    from rembuk_docs.messages import use_language

    path = tmp_path / "export.toml"
    path.write_text("[[table]\nname = 'peserta'\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_mapping(path)
    (problem,) = caught.value.problems
    assert problem.id == "export.mapping_invalid"
    with use_language("id"):
        shown = problem.message
    assert shown == (
        "berkas pemetaan kolom bukan TOML yang sah: "
        "kurang ']]' di akhir nama larik tabel (baris 1, kolom 8)"
    )
    with use_language("en"):
        assert "expected ']]' at the end of an array declaration (line 1" in problem.message
