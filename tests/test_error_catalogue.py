"""The error catalogue: each broken file gives one clear located message, exit 2, and no file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rembuk_docs.cli import main

CATALOGUE = Path(__file__).parent / "error_catalogue"
CASES = sorted(p for p in CATALOGUE.glob("*.yaml") if p.name != "valid.yaml")


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} has no '# expect:' line"
    return first.removeprefix("# expect: ")


def test_the_base_of_the_catalogue_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CATALOGUE / "valid.yaml")]) == 0


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_broken_file_gives_its_message_and_writes_nothing(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert _expected(path) in err
    assert "Traceback" not in err
    out = tmp_path / "out"
    assert main(["render", str(path), "--out", str(out)]) == 2
    assert not out.exists()


def test_an_internal_error_is_logged_not_dumped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import rembuk_docs.loading

    def broken(path: object, **options: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(rembuk_docs.loading, "load_with_nodes", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["validate", str(CATALOGUE / "valid.yaml")]) == 1
    err = capsys.readouterr().err
    assert "galat internal: ZeroDivisionError: simulated bug" in err
    assert "Traceback" not in err
    (log,) = tmp_path.glob("rembuk-docs-error-*.log")
    assert "Traceback" in log.read_text() and "simulated bug" in log.read_text()


ENGLISH = re.compile(
    r"\b(the|is|are|was|must|should|not|cannot|with|before|after|found|unknown|needs?|line|row|"
    r"column|file|than|below|above|only|of|in|give|write|remove|use|and|or|at|no)\b",
    re.IGNORECASE,
)


def _prose(text: str) -> str:
    """``text`` without what is not sentence: quoted values, paths, file names, options, code."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", " ", text)
    words = text.split()
    return " ".join(
        w for w in words if not (w.lstrip("(").startswith("-") or re.search(r"[./_\[\]:=]|\d", w))
    )


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_indonesian_output_has_no_english_sentence(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(path)])
    err = capsys.readouterr().err
    found = ENGLISH.findall(_prose(err))
    assert not found, (found, err)


def test_the_english_probe_finds_english() -> None:
    assert ENGLISH.findall(_prose("p.csv, row 3, column Nama: must not be empty"))
    assert ENGLISH.findall(_prose("target 26% for 2024 is not below the baseline 24,7%"))
    assert not ENGLISH.findall(_prose("p.csv, baris 3, kolom Nama: tidak boleh kosong"))
