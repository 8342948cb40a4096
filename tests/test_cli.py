"""The command line: files named <document>.<ext>, exit codes, and nothing written on bad input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from rembuk_docs.cli import main

from conftest import SAMPLES, pdf_text


def test_render_writes_both_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "kesepakatan.docx" in names and "kesepakatan.pdf" in names
    assert not [n for n in names if n.endswith(".part")]
    assert "Desa Siaga" in pdf_text((tmp_path / "kesepakatan.pdf").read_bytes())
    assert "ditandai sebagai contoh" in capsys.readouterr().err


def test_render_reads_the_pack_and_runs_the_preflight_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's own preflight (for the lines of its problems) is the render's: the pack is not
    read again nor the checks run twice (issue 19, a cold render), and every warning is given
    once."""
    from rembuk_docs import preflight, rendering

    calls = {"load_pack": 0, "preflight": 0}

    def counted(name: str, function: object) -> object:
        def call(*args: object, **kwargs: object) -> object:
            calls[name] += 1
            return function(*args, **kwargs)  # type: ignore[operator]

        return call

    monkeypatch.setattr(rendering, "load_pack", counted("load_pack", rendering.load_pack))
    monkeypatch.setattr(preflight, "preflight", counted("preflight", preflight.preflight))
    monkeypatch.setattr(rendering, "preflight", preflight.preflight)
    out = tmp_path / "out"
    assert main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(out), "--bundle"]) == 0
    assert calls == {"load_pack": 1, "preflight": 1}
    assert len(list(out.iterdir())) == 13  # 6 documents x DOCX + PDF, and paket.pdf
    err = capsys.readouterr().err
    assert err.count("'event.legal_basis' masih ditandai sebagai contoh") == 1
    assert err.count("kop.address: kop perangkat daerah belum memuat alamat") == 1


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
    assert "event.date" in err and "bukan tanggal yang ada di kalender" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_unknown_document_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path), "--only", "surat"]
    )
    assert code == 2
    assert "dokumen 'surat' tidak dikenal" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_validate_reports_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SAMPLES / "kupang-2022.yaml")]) == 0
    assert "sah (13 butir kesepakatan, 8 penanda tangan" in capsys.readouterr().out


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


def test_render_takes_attendees_from_a_spreadsheet(tmp_path: Path) -> None:
    sheet = SAMPLES / "kayong-utara-2023-peserta.xlsx"
    args = ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(tmp_path)]
    assert main([*args, "--attendees", str(sheet), "--only", "daftar-hadir"]) == 0
    text = pdf_text((tmp_path / "daftar-hadir.pdf").read_bytes())
    assert "Citra Duani" in text and "Dewi Anggraini" in text


def test_a_bad_attendee_row_exits_2_names_file_row_and_column_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "peserta.csv"
    sheet.write_text("No;Nama;Jabatan;NIP\n1;Ani;Staf;\n2;;Staf;\n3;Budi;Staf;12345\n")
    out = tmp_path / "out"
    code = main(
        ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(out), "--attendees", str(sheet)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert f"{sheet}, baris 3, kolom Nama: tidak boleh kosong" in err
    assert f"{sheet}, baris 4, kolom NIP: NIP 12345: NIP harus 18 angka" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_validate_counts_attendees_from_a_spreadsheet(capsys: pytest.CaptureFixture[str]) -> None:
    sheet = SAMPLES / "kayong-utara-2023-peserta.csv"
    assert main(["validate", str(SAMPLES / "kupang-2022.yaml"), "--attendees", str(sheet)]) == 0
    assert "8 penanda tangan, 55 peserta" in capsys.readouterr().out


def test_an_interrupted_write_leaves_the_old_pack_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import rembuk_docs

    (tmp_path / "kesepakatan.pdf").write_bytes(b"%PDF old")
    real_replace = os.replace
    calls = []

    def interrupted(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the secretary pressed Ctrl+C during the second file
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rembuk_docs.render(
            rembuk_docs.load(SAMPLES / "kupang-2022.yaml"), tmp_path, documents=["kesepakatan"]
        )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["kesepakatan.pdf"]  # the pack is not half-replaced; no .part file is left
    assert (tmp_path / "kesepakatan.pdf").read_bytes() == b"%PDF old"


def test_an_output_folder_that_is_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "keluaran"
    target.write_text("not a folder")
    assert main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"galat: {target}: nama ini sudah dipakai (misalnya oleh berkas" in err
    assert "File exists" not in err and "Traceback" not in err


def test_a_folder_given_as_the_definition_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(SAMPLES)]) == 2
    assert "adalah folder, padahal yang diperlukan berkas" in capsys.readouterr().err


def test_a_cell_taller_than_a_page_is_a_located_error(kupang_dict: dict[str, object]) -> None:
    import rembuk_docs

    kupang_dict["attendees"] = [{"name": "Ani", "position": "Kepala " * 3000}]
    rembuk = rembuk_docs.from_dict(kupang_dict)
    with pytest.raises(rembuk_docs.DefinitionError) as caught:
        rembuk_docs.render_bytes(rembuk, "daftar-hadir", "pdf")
    (problem,) = caught.value.problems  # the field itself, not only the document
    assert problem.path == ("attendees", 0, "position")
    assert problem.id == "layout.field_too_long" and "daftar-hadir" in problem.message


def test_a_title_longer_than_word_properties_allow_still_renders(
    kupang_dict: dict[str, object],
) -> None:
    import io

    from docx import Document

    import rembuk_docs

    kupang_dict["event"]["name"] = "Rembuk Stunting " * 30  # type: ignore[index]
    data = rembuk_docs.render_bytes(rembuk_docs.from_dict(kupang_dict), "kesepakatan", "docx")
    title = Document(io.BytesIO(data)).core_properties.title
    assert len(title) == 255 and title.endswith("…")


def _helps(parser: argparse.ArgumentParser, where: str = "rembuk-docs") -> dict[str, str]:
    """Every help text of ``parser`` and its subcommands, keyed by command and option."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_helps(sub, f"{where} {name}"))
        elif action.help and action.help != argparse.SUPPRESS and action.dest != "help":
            found[f"{where} {'/'.join(action.option_strings) or action.dest}"] = action.help
    return found


def test_every_command_line_help_comes_from_the_catalogue_in_indonesian() -> None:
    from rembuk_docs.cli import build_parser
    from rembuk_docs.messages import use_language

    with use_language("id"):
        indonesian = _helps(build_parser())
    with use_language("en"):
        english = _helps(build_parser())
    assert "rembuk-docs render --rencana-kegiatan" in indonesian
    assert indonesian["rembuk-docs render --rencana-kegiatan"].startswith("CSV atau XLSX baris")
    # a help written in the code, not the catalogue, is the same in both languages
    same = [key for key, words in indonesian.items() if english.get(key) == words]
    assert not same, same
