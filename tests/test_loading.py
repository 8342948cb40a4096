"""Reading definitions: every invalid input gives its message and its path (and YAML line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import DefinitionError, SyntaxProblemError


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.from_dict(data)
    return [f"{p.location}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["agreement"]["pledges"][3].update(text="  "),
            "agreement.pledges[3].text: tidak boleh kosong",
        ),
        (
            lambda d: d["event"].update(date="2022-02-30"),
            "event.date: '2022-02-30' bukan tanggal yang ada di kalender",
        ),
        (
            lambda d: d["event"].update(date="30 Februari 2022"),
            "event.date: '30 Februari 2022' bukan tanggal yang ada di kalender",
        ),
        (
            lambda d: d["event"].update(day="Selasa"),
            "event.day: hari 'Selasa' tidak sesuai dengan tanggal: 2022-07-25 adalah hari Senin",
        ),
        (
            lambda d: d.update(targets=[{"year": 2024, "value": 120}]),
            "targets[0].value: paling besar 100",
        ),
        (
            lambda d: d.update(targets=[{"year": 2024, "value": -1}]),
            "targets[0].value: paling kecil 0",
        ),
        (
            lambda d: d["signatories"][2].update(nip="19721315 199803 2 004"),
            "signatories[2].nip: NIP 197213151998032004: tanggal lahir 19721315 bukan tanggal yang ada",
        ),
        (
            lambda d: d["signatories"][2].update(nip="1972031519980320"),
            "signatories[2].nip: NIP 1972031519980320: NIP harus 18 angka, tertulis 16",
        ),
        (
            lambda d: d["signatories"][0].update(nip="19720315 199803 2 004"),
            "signatories[0].nip: penanda tangan dengan role wakil_kepala_daerah tidak mencantumkan NIP",
        ),
        (
            lambda d: d["signatories"][2].pop("nip"),
            "signatories[2].nip: penanda tangan ASN memerlukan NIP",
        ),
        (
            lambda d: d["event"].update(venu="x"),
            "event.venu: kunci 'venu' tidak dikenal; maksudnya 'venue'?",
        ),
        (
            lambda d: d.update(signatorys=[]),
            "signatorys: kunci 'signatorys' tidak dikenal; maksudnya 'signatories'?",
        ),
        (
            lambda d: d["agreement"].update(pledges=[]),
            "agreement.pledges: perlu paling sedikit 1 butir",
        ),
        (lambda d: d["region"].pop("province"), "region.province: wajib diisi"),
        (lambda d: d["event"].update(start="25.00"), "event.start: '25.00' bukan jam"),
        (
            lambda d: d["event"].update(timezone="WITT"),
            "event.timezone: harus salah satu dari 'WIB', 'WITA' atau 'WIT'",
        ),
        (
            lambda d: d["agreement"]["pledges"][0].update(text="baris\x0bbaru"),
            "agreement.pledges[0].text: berisi tab vertikal",
        ),
        (
            lambda d: d["agreement"].update(date="2022-07-24"),
            "agreement.date: kesepakatan tidak dapat ditandatangani sebelum acaranya berlangsung",
        ),
    ],
)
def test_each_invalid_input_names_its_path(
    kupang_dict: dict[str, Any], change: Any, expected: str
) -> None:
    change(kupang_dict)
    problems = _problems(kupang_dict)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_target_must_be_below_its_baseline(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["prevalence"] = [{"source": "SSGI", "year": 2021, "value": "24,5%"}]
    kupang_dict["targets"] = [{"year": 2024, "value": 30}]
    assert _problems(kupang_dict) == [
        "targets[0].value: target 30% untuk tahun 2024 tidak di bawah angka dasar 24,5% "
        "(SSGI 2021); target harus lebih rendah dari prevalensi terakhir"
    ]


def test_every_problem_is_reported_at_once(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["agreement"]["pledges"][0]["text"] = ""
    kupang_dict["agreement"]["pledges"][5]["text"] = ""
    kupang_dict["event"]["date"] = "2022-13-01"
    kupang_dict["region"]["kind"] = "provinsi"
    problems = _problems(kupang_dict)
    assert len(problems) == 4
    assert {p.split(":")[0] for p in problems} == {
        "agreement.pledges[0].text",
        "agreement.pledges[5].text",
        "event.date",
        "region.kind",
    }


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rembuk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_problems_carry_their_line(tmp_path: Path) -> None:
    source = (Path(__file__).parents[1] / "samples" / "kupang-2022.yaml").read_text(
        encoding="utf-8"
    )
    broken = source.replace("  venue: Hotel Neo Aston", "  venu: Hotel Neo Aston")
    path = _write(tmp_path, broken)
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(path)
    line = broken.splitlines().index("  venu: Hotel Neo Aston, Kota Kupang") + 1
    by_location = {p.location: p for p in caught.value.problems}
    assert by_location["event.venu"].line == line
    assert by_location["event.venu"].id == "value.unknown_key_close"
    assert by_location["event.venu"].params["close"] == "venue"
    assert "event.venue" not in by_location  # the misspelt key is one problem, not two
    assert f"(baris {line})" in str(caught.value)


def test_malformed_yaml_gives_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "region:\n  kind: kabupaten\n  name: [Kupang\nevent: {}\n")
    with pytest.raises(SyntaxProblemError) as caught:
        rembuk_docs.load(path)
    (problem,) = caught.value.problems
    assert problem.line is not None and problem.line >= 3
    assert problem.id == "yaml.invalid" and "kolom" in problem.message


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "region:\n  name: A\n  name: B\n")
    with pytest.raises(
        DefinitionError,
        match=r"region.name \(baris 3\): kunci ini tertulis dua kali \(baris 2 dan 3\)",
    ):
        rembuk_docs.load(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SyntaxProblemError, match="berkas tidak ditemukan"):
        rembuk_docs.load(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("written", "expected"),
    [("25 Juli 2022", "2022-07-25"), ("25-07-2022", "2022-07-25"), ("2022-07-25", "2022-07-25")],
)
def test_dates_may_be_written_the_indonesian_way(
    kupang_dict: dict[str, Any], written: str, expected: str
) -> None:
    kupang_dict["event"]["date"] = written
    assert rembuk_docs.from_dict(kupang_dict).event.date.isoformat() == expected


def test_figures_may_be_written_the_indonesian_way(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["event"]["budget"]["amount"] = "Rp159.820.750,00"
    kupang_dict["prevalence"] = [{"source": "SKI", "year": 2023, "value": "24,7%"}]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    assert str(rembuk.event.budget.amount) == "159820750.00"  # type: ignore[union-attr]
    assert str(rembuk.prevalence[0].value) == "24.7"


def test_yaml_sexagesimal_time_is_read_as_a_time(tmp_path: Path) -> None:
    source = (Path(__file__).parents[1] / "samples" / "kupang-2022.yaml").read_text(
        encoding="utf-8"
    )
    path = _write(tmp_path, source.replace('start: "09.00"', "start: 9:30"))
    assert rembuk_docs.load(path).event.start.strftime("%H.%M") == "09.30"


def test_every_field_of_the_schema_is_described() -> None:
    schema = rembuk_docs.Rembuk.model_json_schema()
    models = {"Rembuk": schema, **schema.get("$defs", {})}
    missing = [
        f"{name}.{key}"
        for name, model in models.items()
        for key, prop in model.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []
    assert len(models) > 15


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("start: 09.00", "09.00"),
        ("start: 9.30", "09.30"),
        ("start: 12.30", "12.30"),
        ("start: 9", "09.00"),
        ("start: 9:30", "09.30"),
        ("start: '08.15'", "08.15"),
    ],
)
def test_unquoted_times_are_read_as_written(tmp_path: Path, written: str, expected: str) -> None:
    source = (Path(__file__).parents[1] / "samples" / "kupang-2022.yaml").read_text(
        encoding="utf-8"
    )
    path = _write(tmp_path, source.replace('start: "09.00"', written))
    assert rembuk_docs.load(path).event.start.strftime("%H.%M") == expected


@pytest.mark.parametrize("written", ["date: 1658707200", "date: 20220725"])
def test_a_date_written_as_a_number_is_refused(tmp_path: Path, written: str) -> None:
    source = (Path(__file__).parents[1] / "samples" / "kupang-2022.yaml").read_text(
        encoding="utf-8"
    )
    path = _write(tmp_path, source.replace("date: 2022-07-25", written, 1))
    with pytest.raises(
        DefinitionError, match=r"event.date \(baris \d+\): \d+ adalah angka, bukan tanggal"
    ):
        rembuk_docs.load(path)
