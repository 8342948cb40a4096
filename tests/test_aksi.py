"""The aksi konvergensi are data: names by year from aksi.toml, cited in the assessment table."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

import rembuk_docs
from rembuk_docs.aksi import action_label, framework
from rembuk_docs.cli import main
from rembuk_docs.compose import composer
from rembuk_docs.compose.blocks import DataTable
from rembuk_docs.formats import load_pack

from conftest import ROOT, SAMPLES, normalise, pdf_text

DEFAULT = tomllib.loads((ROOT / "templates" / "default" / "aksi.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bontang_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (SAMPLES / "bontang-2024.yaml").read_text(encoding="utf-8")
    )
    return data


def review_rows(rembuk: rembuk_docs.Rembuk, pack: Any = None) -> list[tuple[str, ...]]:
    document = composer("notulen")(rembuk, pack or load_pack(rembuk.format_pack))
    table = next(
        b
        for b in document.blocks
        if isinstance(b, DataTable) and b.columns[1].title == "Aksi Konvergensi"
    )
    return list(table.rows)


def test_bontang_cites_the_2024_names_from_the_setting() -> None:
    bontang = rembuk_docs.load(SAMPLES / "bontang-2024.yaml")
    rows = review_rows(bontang)
    (listed,) = [f for f in DEFAULT["framework"] if f["from"] <= 2024 <= f.get("until", 9999)]
    expected = [
        f"Aksi {a['number']}: {a['name']}".replace("{kepala_daerah}", "Wali Kota").replace(
            "{desa}", "Kelurahan"
        )
        for a in listed["actions"]
    ]
    assert [row[1] for row in rows] == expected
    assert rows[3][1] == "Aksi 4: Peraturan Wali Kota tentang Peran Kelurahan"  # a kota
    # the berita acara prints the same table, in both formats
    for fmt in ("pdf", "docx"):
        text = normalise(pdf_text(rembuk_docs.render_bytes(bontang, "berita-acara", "pdf")))
        assert "Aksi 6: Sistem Manajemen Data Stunting" in text, fmt


def test_a_kabupaten_and_its_own_word_for_a_desa(bontang_data: dict[str, Any]) -> None:
    data = copy.deepcopy(bontang_data)
    data["region"] = {"kind": "kabupaten", "name": "Mimika", "province": "Papua Tengah"}
    data["format_pack"] = "mimika"  # its villages are kampung
    data["event"]["date"] = str(data["event"]["date"])
    rembuk = rembuk_docs.from_dict(data)
    pack = load_pack("mimika")
    assert action_label(rembuk, pack, 4) == "Aksi 4: Peraturan Bupati tentang Peran Kampung"


def test_the_year_chooses_the_list_and_a_pack_may_bring_its_own(
    tmp_path: Path, bontang_data: dict[str, Any]
) -> None:
    default = load_pack()
    assert framework(default, 2019).first == 2018  # type: ignore[union-attr]
    later = framework(default, 2025)
    assert later is not None and later.first == 2025 and later.last is None
    assert "400.5.7/1685/Bangda" in later.basis and not later.confirmed
    assert framework(default, 2017) is None
    # a region that has the 2025 circular sets the groups and the way an aksi is cited
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "format.toml").write_text('extends = "bontang"\n', encoding="utf-8")
    (pack / "aksi.toml").write_text(
        '[[framework]]\nfrom = 2025\nbasis = "SE Mendagri 400.5.7/1685/Bangda"\n'
        'label = "Aksi {nomor} ({kelompok}): {nama}"\n'
        "actions = [\n"
        '  { number = 1, name = "Analisis Situasi", group = "utama" },\n'
        '  { number = 2, name = "Rencana Kegiatan", group = "pendukung" },\n'
        "]\n",
        encoding="utf-8",
    )
    data = copy.deepcopy(bontang_data)
    data["event"]["date"] = "2025-05-28"
    data["event"].pop("day", None)
    data["format_pack"] = str(pack)
    data["minutes"]["actions_review"] = [
        {"aksi": 1, "status": "Telah dilaksanakan"},
        {"aksi": 2, "status": "Dalam proses"},
        {"action": "Aksi tambahan daerah", "status": "Belum"},
    ]
    for key in ("record", "agreement"):
        data[key].pop("number", None)
    rembuk = rembuk_docs.from_dict(data)
    rows = review_rows(rembuk, load_pack(str(pack)))
    assert [row[1] for row in rows] == [
        "Aksi 1 (utama): Analisis Situasi",
        "Aksi 2 (pendukung): Rencana Kegiatan",
        "Aksi tambahan daerah",  # the definition's own words win
    ]


def test_an_aksi_number_the_year_lacks_is_refused_with_its_field(
    tmp_path: Path, bontang_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(bontang_data)
    data["minutes"]["actions_review"][2] = {"aksi": 9, "status": "Telah dilaksanakan"}
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "minutes.actions_review[2].aksi" in err
    assert "tidak memuat aksi nomor 9" in err
    assert main(["render", str(path), "--out", str(tmp_path / "out"), "--only", "notulen"]) == 2
    assert not (tmp_path / "out" / "notulen.pdf").exists()


def test_a_row_needs_a_number_or_a_name(bontang_data: dict[str, Any]) -> None:
    data = copy.deepcopy(bontang_data)
    data["event"]["date"] = str(data["event"]["date"])
    data["minutes"]["actions_review"][0] = {"status": "Telah dilaksanakan"}
    with pytest.raises(rembuk_docs.DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    assert [p.id for p in caught.value.problems] == ["aksi.review_needs_action"]


def test_no_aksi_name_is_written_in_the_code() -> None:
    names = {a["name"] for f in DEFAULT["framework"] for a in f["actions"]}
    # the general words ('Rembuk Stunting', 'Analisis Situasi') appear in other senses
    specific = {n for n in names if n not in ("Rembuk Stunting", "Analisis Situasi")}
    assert len(specific) >= 5
    for path in (ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in specific:
            for part in re.split(r"\{[^}]*\}", name):
                if len(part.split()) >= 2:  # a phrase, not a lone word
                    assert part.strip() not in text, (path, name)


def test_the_2025_list_groups_the_aksi_into_utama_and_pendukung(
    bontang_data: dict[str, Any],
) -> None:
    # SE Mendagri 400.5.7/1685/Bangda (2025): four aksi utama and two aksi pendukung, cited by
    # group and name (the new scheme prints no aksi numbers)
    later = framework(load_pack(), 2025)
    assert later is not None
    assert [(a.group, a.name) for a in later.actions][:4] == [
        ("Utama", "Analisis Situasi"),
        ("Utama", "Penguatan Perencanaan"),
        ("Utama", "Penguatan Pelaksanaan"),
        ("Utama", "Penilaian Hasil Monitoring dan Evaluasi"),
    ]
    assert {a.group for a in later.actions[4:]} == {"Pendukung"}
    data = copy.deepcopy(bontang_data)
    data["event"]["date"] = "2025-05-28"
    data["event"].pop("day", None)
    for key in ("record", "agreement"):
        data[key].pop("number", None)
    data["minutes"]["actions_review"] = [
        {"aksi": 2, "status": "Telah dilaksanakan"},
        {"aksi": 5, "status": "Dalam proses"},
    ]
    rembuk = rembuk_docs.from_dict(data)
    rows = review_rows(rembuk)
    assert [row[1] for row in rows] == [
        "Aksi Utama: Penguatan Perencanaan",
        "Aksi Pendukung: Regulasi yang Mendukung Pencegahan dan Percepatan Penurunan Stunting",
    ]
    text = normalise(pdf_text(rembuk_docs.render_bytes(rembuk, "notulen", "pdf")))
    assert "Aksi Utama: Penguatan Perencanaan" in text


@pytest.mark.parametrize(
    ("content", "detail", "said"),
    [
        (
            b"[[framework]\nfrom = 2024\n",
            "Expected ']]'",
            "kurang ']]' di akhir nama larik tabel (baris 1, kolom",
        ),
        (b"a = 1\na = 2\n", "overwrite", "nilai yang sudah ada ditulis ulang (baris 2, kolom 6)"),
        (b"a = [1,\n", "Invalid value", "ada tulisan yang tidak sesuai aturan TOML"),
        (b'[[framework]]\nlabel = "\xff"\n', "utf-8", "bukan teks UTF-8"),
    ],
)
def test_a_broken_aksi_file_says_why_in_indonesian_without_tomllib_wording(
    tmp_path: Path, content: bytes, detail: str, said: str
) -> None:
    from rembuk_docs.aksi import read
    from rembuk_docs.errors import FormatPackError
    from rembuk_docs.messages import use_language

    path = tmp_path / "aksi.toml"
    path.write_bytes(content)
    with pytest.raises(FormatPackError) as caught:
        read(path)
    (problem,) = caught.value.problems
    assert problem.id == "aksi.invalid"
    with use_language("id"):
        shown = problem.message
    assert shown.startswith("berkas aksi.toml bukan TOML yang sah: ")
    assert said in shown and detail not in shown and "line" not in shown and "codec" not in shown
