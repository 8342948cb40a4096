"""The command line: files named <document>.<ext>, exit codes, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, pdf_text
from rembuk_docs.cli import main


def test_render_writes_both_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "kesepakatan.docx" in names and "kesepakatan.pdf" in names
    assert not [n for n in names if n.endswith(".part")]
    assert "Desa Siaga" in pdf_text((tmp_path / "kesepakatan.pdf").read_bytes())
    assert "marked as examples" in capsys.readouterr().err


def test_render_one_format_and_one_document(tmp_path: Path) -> None:
    code = main(
        [
            "render",
            str(SAMPLES / "kupang-2022.yaml"),
            "--out",
            str(tmp_path),
            "--format",
            "pdf",
            "--only",
            "kesepakatan",
        ]
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kesepakatan.pdf"]


def test_invalid_input_exits_2_lists_problems_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        source.replace("date: 2022-07-25", "date: 2022-02-30").replace("day: Senin", "day: Senen")
    )
    out = tmp_path / "out"
    assert main(["render", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "event.date" in err and "is not a real date" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_unknown_document_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path), "--only", "surat"]
    )
    assert code == 2
    assert "unknown document surat" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_validate_reports_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SAMPLES / "kupang-2022.yaml")]) == 0
    assert "valid (13 pledges, 8 signatories" in capsys.readouterr().out


def test_schema_is_json_schema_with_descriptions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Rembuk"
    pledge = schema["$defs"]["Pledge"]
    assert pledge["additionalProperties"] is False
    assert "Lettered sub-items" in pledge["properties"]["items"]["description"]


def test_an_existing_file_is_replaced_only_by_a_complete_one(tmp_path: Path) -> None:
    target = tmp_path / "kesepakatan.pdf"
    target.write_bytes(b"old")
    assert (
        main(
            ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path), "--format", "pdf"]
        )
        == 0
    )
    assert target.read_bytes().startswith(b"%PDF")
