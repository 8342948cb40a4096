"""Every input is bounded in work: numbers, cells, zip parts and problem lists stay small."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rembuk_docs.batch import render_batch
from rembuk_docs.cli import main

from conftest import SAMPLES


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_a_huge_activity_volume_fails_its_desa_at_once(tmp_path: Path) -> None:
    desa = _rows(SAMPLES / "desa-kupang.csv")[:2]
    activities = _rows(SAMPLES / "desa-kupang-kegiatan.csv")[:2]
    activities[1][activities[0].index("volume")] = "1e999999"
    for name, rows in (("desa.csv", desa), ("kegiatan.csv", activities)):
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(rows)
    result = render_batch(
        tmp_path / "desa.csv",
        SAMPLES / "rembuk-desa.yaml",
        tmp_path / "out",
        activities=tmp_path / "kegiatan.csv",
    )
    (failure,) = result.failures
    assert "kegiatan.csv, baris 2, kolom volume" in failure.field
    assert "1000000" in failure.reason  # the digits before the point, counted, never written out


def test_a_yaml_integer_of_5000_digits_is_refused_with_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (Path(__file__).parent / "error_catalogue" / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("value: 14}", "value: " + "7" * 5000 + "}")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "targets[0].value (baris 16)" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "size", [6 * 2**20, 30 * 2**20], ids=["refused-unparsed", "refused-unread"]
)
def test_a_huge_definition_is_refused_before_it_is_parsed(
    tmp_path: Path, size: int, capsys: pytest.CaptureFixture[str]
) -> None:
    # a 50 MB definition took 57 s to parse before its content was refused
    path = tmp_path / "besar.yaml"
    path.write_text("catatan: " + "x" * size + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "lebih dari 5 juta karakter" in err and "Traceback" not in err
    assert main(["render", str(path), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()
