"""Batch: one pack per desa from a sheet; bad rows reported, names kept inside DIR, reruns skipped."""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from rembuk_docs import ImportDataError, SyntaxProblemError, TemplateError
from rembuk_docs.batch import BatchResult, render_batch
from rembuk_docs.cli import main
from rembuk_docs.messages import use_language

from conftest import BATCH_COLUMNS, ERRORS_HEADER, SAMPLES, docx_text, pdf_text, read_errors

TEMPLATE = SAMPLES / "rembuk-desa.yaml"
PACK = ("berita-acara", "kesepakatan", "daftar-hadir", "notulen", "usulan-kegiatan")
FILES = {f"{name}.{ext}" for name in PACK for ext in ("docx", "pdf")} | {"manifest.json"}
COLUMNS = BATCH_COLUMNS
DAY = "2024-07-11"
SAMPLE_FOLDERS = [
    "mata-air",
    "noelbaki",
    "oebelo",
    "oelnasi",
    "oelpuah",
    "penfui-timur",
    "tanah-merah",
    "tarus",
]


def write_csv(path: Path, rows: Sequence[Sequence[Any]], columns: Sequence[str] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def good(desa: str, kecamatan: str = "Kupang Tengah") -> tuple[Any, ...]:
    return (desa, kecamatan, f"Kepala {desa}", f"KPM {desa}", 900_000_000, 200_000_000, DAY)


def errors(out: Path) -> list[dict[str, str]]:
    return read_errors(out)


def pack_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchResult, Path]:
    out = tmp_path_factory.mktemp("sample")
    result = render_batch(
        SAMPLES / "desa-kupang.csv",
        TEMPLATE,
        out,
        activities=SAMPLES / "desa-kupang-kegiatan.csv",
    )
    return result, out


def test_the_sample_sheet_renders_every_desa_of_kupang_tengah(
    sample: tuple[BatchResult, Path],
) -> None:
    result, out = sample
    assert (result.total, result.failed, result.exit_code) == (8, 0, 0)
    assert sorted(result.rendered) == SAMPLE_FOLDERS
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == SAMPLE_FOLDERS
    for folder in SAMPLE_FOLDERS:
        assert {p.name for p in (out / folder).iterdir()} == FILES
    assert errors(out) == []
    assert result.summary() == "8 desa: 8 dibuat, 0 gagal"


def test_a_desa_pack_says_what_its_row_says(sample: tuple[BatchResult, Path]) -> None:
    _, out = sample
    folder = out / "oelnasi"
    berita_acara = pdf_text((folder / "berita-acara.pdf").read_bytes())
    assert berita_acara.startswith(
        "PEMERINTAH KABUPATEN KUPANG KECAMATAN KUPANG TENGAH DESA OELNASI BERITA ACARA REMBUK "
        "STUNTING DESA OELNASI TAHUN 2024 NOMOR : ........./........./........./VII/2024 "
        "Pada hari ini, Kamis, tanggal sebelas bulan Juli tahun "
        "dua ribu dua puluh empat, bertempat di Kantor Desa Oelnasi"
    )
    # 210.000.000 of 878.400.000 = 23,907...%: printed rounded down
    assert (
        "Rp210.000.000,00 (dua ratus sepuluh juta rupiah) atau 23,91% dari pagu Dana Desa Tahun "
        "Anggaran 2025 sebesar Rp878.400.000,00" in berita_acara
    )
    assert "Petrus Kolo" in berita_acara and "Camat Kupang Tengah" in berita_acara
    usulan = docx_text((folder / "usulan-kegiatan.docx").read_bytes())
    assert "Penyediaan alat ukur antropometri posyandu" in usulan and "217.500.000" in usulan
    notulen = pdf_text((folder / "notulen.pdf").read_bytes())
    assert "Notulis : Yuliana Bani, Kader Pembangunan Manusia Desa Oelnasi" in notulen
    kesepakatan = pdf_text((folder / "kesepakatan.pdf").read_bytes())
    assert "Pemerintah Desa Oelnasi mengalokasikan Dana Desa" in kesepakatan
    assert "di Desa Oelnasi menerima lima paket layanan" in kesepakatan  # {{ desa }} filled


def test_a_desa_pack_records_when_its_rembuk_ended(
    sample: tuple[BatchResult, Path], tmp_path: Path
) -> None:
    """No desa document reads 's.d. selesai': the template gives the end (an example), and a
    column selesai gives each desa's own, in the daftar hadir and the notulen of both formats."""
    _, out = sample
    for name in ("daftar-hadir", "notulen"):
        for found in (
            pdf_text((out / "oelnasi" / f"{name}.pdf").read_bytes()),
            docx_text((out / "oelnasi" / f"{name}.docx").read_bytes()),
        ):
            assert "Pukul 09.00 s.d. 12.00 WITA" in found, name
            assert "selesai" not in found.replace("Selesai", ""), name
    notulen = pdf_text((out / "oelnasi" / "notulen.pdf").read_bytes())
    assert "Rapat ditutup oleh Kepala Desa Oelnasi pada pukul 12.00 WITA." in notulen
    sheet = write_csv(
        tmp_path / "desa.csv", [(*good("Oelnasi"), "11.30")], columns=(*COLUMNS, "selesai")
    )
    own = tmp_path / "own"
    result = render_batch(sheet, TEMPLATE, own, formats=["pdf"], documents=["notulen"])
    assert result.failed == 0
    assert "Pukul 09.00 s.d. 11.30 WITA" in pdf_text((own / "oelnasi" / "notulen.pdf").read_bytes())


def test_the_workbook_with_a_kegiatan_sheet_gives_the_same_files(
    sample: tuple[BatchResult, Path], tmp_path: Path
) -> None:
    _, out = sample
    result = render_batch(SAMPLES / "desa-kupang.xlsx", TEMPLATE, tmp_path)
    assert result.failed == 0 and len(result.rendered) == 8
    for folder in ("oelnasi", "tarus"):
        mine, theirs = pack_bytes(tmp_path / folder), pack_bytes(out / folder)
        mine.pop("manifest.json"), theirs.pop("manifest.json")
        assert mine == theirs


def test_bad_rows_are_reported_and_the_others_render(tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "desa.csv",
        [
            good("Oelnasi"),
            ("Tarus", "Kupang Tengah", "Kepala Tarus", "KPM Tarus", 900_000_000, 90_000_000, DAY),
            ("", "Kupang Tengah", "Kepala Tanpa Nama", "KPM", 900_000_000, 200_000_000, DAY),
            ("Oebelo", "Kupang Tengah", "Kepala Oebelo", "KPM", "sembilan ratus juta", 1, DAY),
            good("Noelbaki"),
        ],
    )
    out = tmp_path / "out"
    assert main(["batch", str(sheet), "--template", str(TEMPLATE), "--out", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["noelbaki", "oelnasi"]
    found = {(e["row"], e["desa"], e["field"]): e["reason"] for e in errors(out)}
    assert set(found) == {
        ("3", "Tarus", "alokasi_stunting"),
        ("4", "", "desa"),
        ("5", "Oebelo", "pagu_dana_desa"),
    }
    assert found[("3", "Tarus", "alokasi_stunting")].startswith(
        "bagian Dana Desa untuk stunting 10% (Rp90.000.000,00 dari pagu "
        "Rp900.000.000,00), di bawah batas minimal 20% yang disepakati"
    )
    assert found[("4", "", "desa")] == "tidak boleh kosong"
    assert "'sembilan ratus juta' bukan angka" in found[("5", "Oebelo", "pagu_dana_desa")]


@pytest.mark.parametrize("language", ["id", "en"])
def test_worker_processes_speak_the_language_of_lang(
    tmp_path: Path,
    language: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # REMBUK_LANG says the other language: --lang wins, in the worker processes too
    monkeypatch.setenv("REMBUK_LANG", "en" if language == "id" else "id")
    low_share = ("Tarus", "Kupang Tengah", "Kepala Tarus", "KPM", 900_000_000, 90_000_000, DAY)
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi"), low_share])
    out = tmp_path / "out"
    argv = ["batch", str(sheet), "--template", str(TEMPLATE), "--out", str(out), "--jobs", "2"]
    assert main([*argv, "--only", "usulan-kegiatan", "--lang", language]) == 1
    summary = capsys.readouterr().out.strip()
    text = (out / "errors.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    if language == "id":
        assert summary.startswith("2 desa: 1 dibuat, 1 gagal; lihat ")
        assert header == ERRORS_HEADER
        assert row[5].startswith("bagian Dana Desa untuk stunting 10%")
    else:
        assert summary.startswith("2 desa: 1 rendered, 1 failed; see ")
        assert header == ["sheet", "row", "desa", "kecamatan", "field", "reason"]
        assert row[5].startswith("the Dana Desa share for stunting")


def test_cli_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi"), good("")])
    out = tmp_path / "out"
    assert main(["batch", str(sheet), "--template", str(TEMPLATE), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == f"2 desa: 1 dibuat, 1 gagal; lihat {out / 'errors.csv'}"
    # no progress bar when standard error is not a terminal: only the warnings
    assert "\r" not in captured.err
    assert all(line.startswith("peringatan: ") for line in captured.err.splitlines())


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("../../x", "x"),
        ("..", "desa-row-2"),
        ("/etc/passwd", "etc-passwd"),
        ("a/../../b", "a-b"),
        ("C:\\Windows\\evil", "c-windows-evil"),
        ("~root", "root"),
        ("con", "con-desa"),
        ("Ôenôni", "oenoni"),
    ],
)
def test_names_that_look_like_paths_stay_inside_dir(tmp_path: Path, name: str, folder: str) -> None:
    sheet = write_csv(tmp_path / "desa.csv", [good(name)])
    out = tmp_path / "deep" / "out"
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = render_batch(sheet, TEMPLATE, out, formats=["pdf"], documents=["usulan-kegiatan"])
    assert result.rendered == [folder]
    created = sorted(set(str(p) for p in tmp_path.rglob("*")) - set(before))
    assert all(
        Path(p).is_relative_to(out) or Path(p) == out or Path(p) == out.parent for p in created
    )
    assert (out / folder / "usulan-kegiatan.pdf").is_file()


def test_a_folder_that_links_outside_dir_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "oelnasi")
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi"), good("Tarus")])
    result = render_batch(sheet, TEMPLATE, out, formats=["pdf"], documents=["usulan-kegiatan"])
    assert result.rendered == ["tarus"]
    assert list(elsewhere.iterdir()) == []
    assert "tidak akan berada di dalam" in errors(out)[0]["reason"]


def test_same_names_in_different_kecamatan_do_not_collide(tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "desa.csv",
        [
            good("Oelnasi"),
            good("Oelnasi", "Taebenu"),
            good("Tarus"),
            good("Tarus", "Kupang Tengah"),
        ],
    )
    result = render_batch(
        sheet, TEMPLATE, tmp_path / "out", formats=["pdf"], documents=["kesepakatan"]
    )
    assert sorted(result.rendered) == ["oelnasi-kupang-tengah", "oelnasi-taebenu"]
    text = pdf_text((tmp_path / "out" / "oelnasi-taebenu" / "kesepakatan.pdf").read_bytes())
    assert "KECAMATAN TAEBENU" in text
    # the same desa twice in one kecamatan: neither row is guessed at
    assert {(e["row"], e["reason"]) for e in errors(tmp_path / "out")} == {
        ("4", "desa dan kecamatan yang sama ada juga di baris 5"),
        ("5", "desa dan kecamatan yang sama ada juga di baris 4"),
    }


def test_rerun_skips_unchanged_packs_and_redoes_changed_ones(tmp_path: Path) -> None:
    rows = [good("Oelnasi"), good("Tarus"), good("Oebelo")]
    sheet = write_csv(tmp_path / "desa.csv", rows)
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": ["pdf"], "documents": ["berita-acara", "usulan-kegiatan"]}
    first = render_batch(sheet, TEMPLATE, out, **options)
    assert len(first.rendered) == 3
    stamp = (out / "tarus" / "berita-acara.pdf").stat().st_mtime_ns
    again = render_batch(sheet, TEMPLATE, out, **options)
    assert (again.rendered, sorted(again.unchanged)) == ([], ["oebelo", "oelnasi", "tarus"])
    assert (out / "tarus" / "berita-acara.pdf").stat().st_mtime_ns == stamp
    rows[0] = (*rows[0][:5], 250_000_000, DAY)  # a new allocation for Oelnasi
    write_csv(sheet, rows)
    (out / "oebelo" / "usulan-kegiatan.pdf").unlink()  # a lost file is made again
    third = render_batch(sheet, TEMPLATE, out, **options)
    assert (sorted(third.rendered), third.unchanged) == (["oebelo", "oelnasi"], ["tarus"])
    assert "Rp250.000.000,00" in pdf_text((out / "oelnasi" / "berita-acara.pdf").read_bytes())
    assert len(render_batch(sheet, TEMPLATE, out, force=True, **options).rendered) == 3


def test_a_failed_desa_is_tried_again_on_the_next_run(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": ["pdf"], "documents": ["usulan-kegiatan"]}
    render_batch(sheet, TEMPLATE, out, **options)
    write_csv(sheet, [(*good("Oelnasi")[:5], 1, DAY)])
    assert render_batch(sheet, TEMPLATE, out, **options).failed == 1
    assert not (out / "oelnasi" / "manifest.json").exists()
    write_csv(sheet, [good("Oelnasi")])
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]
    assert errors(out) == []


def test_activities_on_a_second_sheet_keyed_by_desa(tmp_path: Path) -> None:
    workbook = Workbook()
    desa = workbook.active
    assert desa is not None
    desa.append(["No", *COLUMNS])
    desa.append([1, *good("Oelnasi")[:5], None, DAY])  # the allocation is the activities' total
    desa.append([2, *good("Tarus")])
    activities = workbook.create_sheet("Rencana")
    activities.append(["desa", "kegiatan", "sasaran", "volume", "satuan", "biaya", "sumber_dana"])
    activities.append(["Oelnasi", "PMT lokal", "Balita", 30, "orang", 150_000_000, "DD"])
    activities.append(["Oelnasi", "Jamban sehat", "Keluarga", 10, "unit", 45_000_000, "Dana Desa"])
    activities.append(
        ["oelnasi ", "Pelatihan kader", "Kader", 1, "paket", 5_000_000, "Lainnya: PADes"]
    )
    activities.append(["Oelmasi", "Salah ketik", "Balita", 1, "paket", 1_000_000, "DD"])
    workbook.save(tmp_path / "desa.xlsx")
    out = tmp_path / "out"
    result = render_batch(
        tmp_path / "desa.xlsx", TEMPLATE, out, formats=["docx"], documents=["usulan-kegiatan"]
    )
    assert sorted(result.rendered) == ["oelnasi", "tarus"]
    text = docx_text((out / "oelnasi" / "usulan-kegiatan.docx").read_bytes())
    assert "PMT lokal" in text and "Jamban sehat" in text and "PADes" in text
    assert "Rp195.000.000,00" in text and "21,67% dari pagu Dana Desa" in text
    (orphan,) = errors(out)
    assert orphan["sheet"] == "desa.xlsx [Rencana]" and orphan["row"] == "5"
    assert orphan["reason"] == "tidak ada desa 'Oelmasi' di lembar desa"


def test_a_bad_activity_fails_its_desa_and_names_the_activity_cell(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi"), good("Tarus")])
    activities = write_csv(
        tmp_path / "kegiatan.csv",
        [("Oelnasi", "PMT", "seratus juta", "Dana Desa"), ("Tarus", "PMT", 200_000_000, "DD")],
        ("desa", "kegiatan", "biaya", "sumber_dana"),
    )
    result = render_batch(
        sheet, TEMPLATE, tmp_path / "out", activities=activities, formats=["pdf"],
        documents=["usulan-kegiatan"],
    )  # fmt: skip
    assert result.rendered == ["tarus"]
    fields = {e["field"] for e in errors(tmp_path / "out")}
    assert "kegiatan.csv, baris 2, kolom biaya" in fields


@pytest.mark.parametrize(
    ("columns", "rows", "message"),
    [
        (("desa", "kecamatan", "kepala_desa", "pagu_dana_desa"), [("A", "B", "C", 1)], "kolom alokasi_stunting belum ada"),
        ((*COLUMNS, "penduduk"), [(*good("A"), 100)], "kolom tidak dikenal"),
        (COLUMNS, [], "di bawah baris judul kolom tidak ada baris desa"),
    ],
)  # fmt: skip
def test_an_unusable_sheet_exits_2_and_writes_nothing(
    tmp_path: Path,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = write_csv(tmp_path / "desa.csv", rows, columns)
    out = tmp_path / "out"
    assert main(["batch", str(sheet), "--template", str(TEMPLATE), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(ImportDataError):
        render_batch(sheet, TEMPLATE, out)


def test_a_missing_sheet_exits_2(tmp_path: Path) -> None:
    args = [
        "batch",
        str(tmp_path / "nope.xlsx"),
        "--template",
        str(TEMPLATE),
        "--out",
        str(tmp_path),
    ]
    assert main(args) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("event:\n  name: Rembuk {{ dessa }}", "event:\n  name: Rembuk {{ desa }}"), "penanda {{ dessa }} tidak dikenal"),
        (("batch:\n  level: desa", "batch:\n  level: kecamatan"), "batch (baris <line>): harus berisi {level: desa}"),
        (("region:", "region:\n  name: Oelnasi"), "region.name (baris <line>): isian ini berasal dari lembar desa"),
        (("  timezone: WITA", "  timezone: WIB+1"), "event.timezone (baris <line>): harus salah satu dari"),
        (("minutes:", "old_minutes:"), "kunci 'old_minutes' tidak dikenal"),
    ],
)  # fmt: skip
def test_an_unusable_template_exits_2_with_its_lines(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    old, new = change
    if old.startswith("event:\n  name"):
        text = text.replace(
            "Rembuk Stunting Desa {{ desa }} Tahun {{ tahun }}", "Rembuk {{ dessa }}"
        )
    else:
        assert old in text
        text = text.replace(old, new, 1)
    template = tmp_path / "template.yaml"
    template.write_text(text, encoding="utf-8")
    # the line of the changed key, wherever the sample's comments put it
    if "<line>" in message:
        key = new.splitlines()[-1]
        line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(key))
        message = message.replace("<line>", str(line))
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    with pytest.raises(TemplateError) as caught:
        render_batch(sheet, template, tmp_path / "out")
    assert any(message in str(problem) for problem in caught.value.problems), caught.value
    assert not (tmp_path / "out").exists()


def test_a_template_is_not_a_definition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TEMPLATE)]) == 2
    assert "ini templat batch" in capsys.readouterr().err
    with pytest.raises(TemplateError, match="memerlukan bagian 'batch"):
        render_batch(SAMPLES / "desa-kupang.csv", SAMPLES / "kupang-2022.yaml", "/nonexistent")


def test_a_missing_template_exits_2(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    with pytest.raises(SyntaxProblemError):
        render_batch(sheet, tmp_path / "nope.yaml", tmp_path / "out")


def test_process_pool_renders_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi"), good("Tarus"), good("Oebelo")])
    serial = render_batch(sheet, TEMPLATE, tmp_path / "serial")
    parallel = render_batch(sheet, TEMPLATE, tmp_path / "parallel", jobs=2)
    assert sorted(parallel.rendered) == sorted(serial.rendered) == ["oebelo", "oelnasi", "tarus"]
    for folder in serial.rendered:
        assert pack_bytes(tmp_path / "parallel" / folder) == pack_bytes(
            tmp_path / "serial" / folder
        )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dask_renders_the_same_bytes_as_the_process_pool(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    sheet = write_csv(
        tmp_path / "desa.csv", [good("Oelnasi"), good("Tarus"), good(""), good("Oebelo")]
    )
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = render_batch(sheet, TEMPLATE, tmp_path / "pool", executor=pool)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        dasked = render_batch(sheet, TEMPLATE, tmp_path / "dask", executor=client.get_executor())
    assert sorted(dasked.rendered) == sorted(pooled.rendered) == ["oebelo", "oelnasi", "tarus"]
    assert dasked.failed == pooled.failed == 1
    for folder in pooled.rendered:
        assert pack_bytes(tmp_path / "dask" / folder) == pack_bytes(tmp_path / "pool" / folder)
    assert errors(tmp_path / "dask") == errors(tmp_path / "pool")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--only", "kesepakatan,surat", "dokumen 'surat' tidak dikenal"),
        ("--format", "odt", "format 'odt' tidak dikenal"),
    ],
)
def test_a_wrong_option_stops_the_whole_batch_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    from rembuk_docs.cli import main

    samples = Path(__file__).parents[1] / "samples"
    out = tmp_path / "out"
    code = main(
        [
            "batch",
            str(samples / "desa-kupang.csv"),
            "--template",
            str(samples / "rembuk-desa.yaml"),
            "--activities",
            str(samples / "desa-kupang-kegiatan.csv"),
            "--out",
            str(out),
            option,
            value,
        ]
    )
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_summary_counts_desa_not_problems(tmp_path: Path) -> None:
    from rembuk_docs.batch.report import Failure

    result = BatchResult(tmp_path, total=3, rendered=["a", "b"])
    result.failures = [
        Failure("desa.csv", 4, "Oelnasi", "Kupang Tengah", "pagu_dana_desa", "not a number"),
        Failure("kegiatan.csv", 7, "Oelnasi", "Kupang Tengah", "biaya", "not a number"),
        Failure("kegiatan.csv", 8, "Oelnasi", "Kupang Tengah", "biaya", "not a number"),
    ]
    assert result.failed == 1
    assert result.summary().startswith("3 desa: 2 dibuat, 1 gagal")
    orphan = BatchResult(tmp_path, total=2, rendered=["a", "b"])
    orphan.failures = [Failure("kegiatan.csv", 3, "Atlantis", "", "desa", "no such desa")]
    assert orphan.summary().startswith("2 desa: 2 dibuat, 0 gagal, 1 baris lain ditolak")
    with use_language("en"):
        assert orphan.summary().startswith("2 desa: 2 rendered, 0 failed, 1 other row(s) refused")
    assert orphan.exit_code == 1


@pytest.mark.parametrize(
    "written", ["{{ desa | upper }}", "{{ 7 * 7 }}", "{% if desa %}x{% endif %}"]
)
def test_template_syntax_beyond_plain_placeholders_is_refused(tmp_path: Path, written: str) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("Rembuk Stunting Desa {{ desa }} Tahun {{ tahun }}", f"Rembuk {written}")
    template = tmp_path / "template.yaml"
    template.write_text(text, encoding="utf-8")
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    with pytest.raises(TemplateError, match="hanya penanda sederhana seperti"):
        render_batch(sheet, template, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_rerun_renders_again_when_a_file_the_render_reads_changed(tmp_path: Path) -> None:
    # the input digest covers the pack's fonts and Word templates and the files a definition
    # names, not only the pack's settings
    from rembuk_docs.formats.resources import builtin_fonts_dir, templates_root

    fonts = builtin_fonts_dir()
    pack = tmp_path / "paket"
    pack.mkdir()
    (pack / "format.toml").write_text('extends = "default"\n', encoding="utf-8")
    shutil.copy(fonts / "LiberationSans-Regular.ttf", pack)
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    out = tmp_path / "out"
    options: dict[str, Any] = {
        "formats": ["pdf"],
        "documents": ["usulan-kegiatan"],
        "format_pack": str(pack),
    }
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]
    assert render_batch(sheet, TEMPLATE, out, **options).unchanged == ["oelnasi"]
    shutil.copy(fonts / "LiberationSans-Bold.ttf", pack / "LiberationSans-Regular.ttf")
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]
    shutil.copy(templates_root() / "kupang-word" / "kesepakatan.docx", pack)
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]
    assert render_batch(sheet, TEMPLATE, out, **options).unchanged == ["oelnasi"]


def test_a_rerun_renders_again_when_the_attendee_file_changed(tmp_path: Path) -> None:
    people = tmp_path / "peserta.csv"
    people.write_text("Nama,Jabatan\nMaria Bell,Kader\n", encoding="utf-8")
    template = tmp_path / "rembuk-desa.yaml"
    template.write_text(
        TEMPLATE.read_text(encoding="utf-8") + "\nattendees_file: peserta.csv\n", encoding="utf-8"
    )
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": ["pdf"], "documents": ["daftar-hadir"]}
    assert render_batch(sheet, template, out, **options).rendered == ["oelnasi"]
    assert render_batch(sheet, template, out, **options).unchanged == ["oelnasi"]
    people.write_text("Nama,Jabatan\nYohana Tefa,Kader\n", encoding="utf-8")
    assert render_batch(sheet, template, out, **options).rendered == ["oelnasi"]
    assert "Yohana Tefa" in pdf_text((out / "oelnasi" / "daftar-hadir.pdf").read_bytes())


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_dask_cluster_by_address_and_by_client_with_two_workers(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi"), good("Tarus"), good("Oebelo")])
    options: dict[str, Any] = {"formats": ["docx", "pdf"], "documents": ["berita-acara"]}
    local = render_batch(sheet, TEMPLATE, tmp_path / "local", **options)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        by_address = render_batch(
            sheet, TEMPLATE, tmp_path / "address", scheduler=cluster.scheduler_address, **options
        )
        by_client = render_batch(
            sheet, TEMPLATE, tmp_path / "client", executor=client, workers_write=False, **options
        )
        code = main(
            [
                "batch",
                str(sheet),
                "--template",
                str(TEMPLATE),
                "--out",
                str(tmp_path / "cli"),
                "--only",
                "berita-acara",
                "--scheduler",
                cluster.scheduler_address,
            ]
        )
    assert code == 0
    for result in (by_address, by_client):
        assert sorted(result.rendered) == ["oebelo", "oelnasi", "tarus"]
    for folder in local.rendered:
        expected = pack_bytes(tmp_path / "local" / folder)
        assert pack_bytes(tmp_path / "address" / folder) == expected
        assert pack_bytes(tmp_path / "client" / folder) == expected
        assert pack_bytes(tmp_path / "cli" / folder) == expected


def test_the_pending_window_follows_the_executors_workers() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from rembuk_docs.batch.runner import _workers

    with ProcessPoolExecutor(max_workers=3) as pool:
        assert _workers(pool) == 3
    with ThreadPoolExecutor(max_workers=1) as threads:
        assert _workers(threads) == 1


def test_desa_go_in_chunks_that_keep_every_worker_busy_and_the_window_bounded() -> None:
    from rembuk_docs.batch.runner import CHUNK_MOST, _chunking

    assert _chunking(83_500, 100, None) == (CHUNK_MOST, 200)  # a national run
    assert _chunking(200, 2, None) == (16, 4)
    assert _chunking(40, 2, None) == (5, 4)  # four chunks a worker at least
    assert _chunking(3, 2, None) == (1, 4)  # a few desa: one each
    chunk, window = _chunking(10_000, 2, 8)  # --max-pending 8: at most 8 desa in flight
    assert chunk * window <= 8 and chunk == 2


def test_a_chunked_batch_renders_each_desa_once_and_reports_each_failure(
    tmp_path: Path,
) -> None:
    """Desa sent in chunks come back one outcome each: the good ones rendered, a bad one failed
    with its own row, progress told for every desa."""
    from concurrent.futures import ThreadPoolExecutor

    from rembuk_docs.batch.runner import _chunking

    names = ["Oelnasi", "Tarus", "Noelbaki", "Oebelo", "Penfui", "Oelpuah", "Mata Air", "Baumata"]
    rows = [good(name) for name in [*names, "Oelomin"]]
    rows[2] = (*rows[2][:4], "banyak", *rows[2][5:])  # a pagu that is no number
    assert _chunking(len(rows), 1, None)[0] == 2  # two desa a chunk, the last alone
    sheet = write_csv(tmp_path / "desa.csv", rows)
    seen: list[tuple[int, int]] = []
    with ThreadPoolExecutor(max_workers=1) as threads:
        result = render_batch(
            sheet, TEMPLATE, tmp_path / "out", executor=threads, formats=["pdf"],
            documents=["kesepakatan"], progress=lambda done, total: seen.append((done, total)),
        )  # fmt: skip
    assert len(result.rendered) == 8 and "noelbaki" not in result.rendered
    assert [failure.row for failure in result.failures] == [4]
    assert seen == [(n, 9) for n in range(1, 10)]
    assert all((tmp_path / "out" / name / "kesepakatan.pdf").exists() for name in result.rendered)


def test_batch_makes_archival_signable_pdfs_and_a_change_of_option_renders_again(
    tmp_path: Path,
) -> None:
    import json

    from test_pdfa import assert_pdfa_2b

    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": ["pdf"], "documents": ["berita-acara"]}
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]
    assert not (out / "oelnasi" / "berita-acara.ttd.json").exists()
    result = render_batch(
        sheet, TEMPLATE, out, pdfa=True, signature_fields=True, verification_code=True, **options
    )
    assert result.rendered == ["oelnasi"]  # other options, other bytes: rendered again
    data = (out / "oelnasi" / "berita-acara.pdf").read_bytes()
    assert_pdfa_2b(data, form_fields=True)
    assert "Kode verifikasi:" in pdf_text(data)
    fields = json.loads((out / "oelnasi" / "berita-acara.ttd.json").read_text(encoding="utf-8"))
    assert fields["fields"]


def test_a_rerun_renders_again_when_the_kop_jabatan_lambang_changed(tmp_path: Path) -> None:
    # every logo the kop names is in the digest, not only kop.logo (found by hard18)
    from PIL import Image

    pack = tmp_path / "paket"
    pack.mkdir()
    (pack / "format.toml").write_text(
        'extends = "default"\n[kop.jabatan]\nlogo = "garuda.png"\n', encoding="utf-8"
    )
    Image.new("RGB", (40, 40), "gold").save(pack / "garuda.png")
    sheet = write_csv(tmp_path / "desa.csv", [good("Oelnasi")])
    out = tmp_path / "out"
    options: dict[str, Any] = {
        "formats": ["pdf"],
        "documents": ["usulan-kegiatan"],
        "format_pack": str(pack),
    }
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]
    assert render_batch(sheet, TEMPLATE, out, **options).unchanged == ["oelnasi"]
    Image.new("RGB", (40, 40), "red").save(pack / "garuda.png")
    assert render_batch(sheet, TEMPLATE, out, **options).rendered == ["oelnasi"]


def test_a_rerun_renders_again_when_the_rencana_kegiatan_file_changed(tmp_path: Path) -> None:
    from rembuk_docs.batch.runner import _definition_files

    plan = tmp_path / "rencana.csv"
    plan.write_text("OPD,Kegiatan\nDinas Kesehatan,Posyandu\n", encoding="utf-8")
    before = _definition_files({"rencana_kegiatan_file": "rencana.csv"}, tmp_path)
    plan.write_text("OPD,Kegiatan\nDinas Kesehatan,Kelas ibu hamil\n", encoding="utf-8")
    after = _definition_files({"rencana_kegiatan_file": "rencana.csv"}, tmp_path)
    assert before["rencana_kegiatan_file"] != after["rencana_kegiatan_file"]


def test_an_unreachable_scheduler_is_named_in_indonesian_without_dask_wording() -> None:
    pytest.importorskip("distributed")
    from rembuk_docs.batch.runner import _dask_executor
    from rembuk_docs.errors import InputError

    with pytest.raises(InputError) as caught, _dask_executor("bogus://nowhere:1"):
        pass
    (problem,) = caught.value.problems
    assert problem.location == "--scheduler" and problem.id == "batch.scheduler_unreachable"
    with use_language("id"):
        shown = problem.message
    assert shown.startswith("tidak dapat terhubung ke scheduler bogus://nowhere:1; periksa")
    assert "scheme" not in shown and "known" not in shown
    with use_language("en"):
        assert "unknown address scheme 'bogus'" in problem.message


def test_a_task_names_sheet_cells_in_the_worker_s_language_only_when_asked() -> None:
    """The coordinator sends how each field is named, not the words: a cell of another sheet
    and a column to add are worded by the worker, in the language it renders in."""
    from rembuk_docs.batch.worker import AbsentColumn, Cell, Task

    task = Task(
        row=2,
        definition={},
        language="id",
        base=".",
        formats=("pdf",),
        documents=None,
        format_pack=None,
        paper=None,
        bundle=False,
        field_names=(
            (("region", "name"), "desa"),
            (("plan", 0, "cost"), Cell("kegiatan.csv", 3, "biaya")),
            (("organizer", "address"), AbsentColumn("alamat")),
        ),
        template="rembuk-desa.yaml",
    )
    with use_language("id"):
        assert task.name_field(("region", "name")) == "desa"
        assert task.name_field(("plan", 0, "cost")) == "kegiatan.csv, baris 3, kolom biaya"
        assert task.name_field(("organizer", "address")) == "kolom alamat di lembar desa"
        assert task.name_field(("event", "date")) == "event.date di templat rembuk-desa.yaml"
    with use_language("en"):
        assert task.name_field(("organizer", "address")) == "a column alamat in the desa sheet"
        assert "kegiatan.csv" in task.name_field(("plan", 0, "cost"))
