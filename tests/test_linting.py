"""rembuk-docs lint: every problem of a pack with its file and line, exit 0 only when clean."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rembuk_docs.cli import main
from rembuk_docs.compose import DOCUMENTS
from rembuk_docs.formats.emblem import placeholder_emblem
from rembuk_docs.formats.loader import builtin_packs
from rembuk_docs.linting import format_problem, lint_pack

from conftest import SAMPLES


def _pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "format.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("slug", sorted(builtin_packs()))
def test_every_builtin_pack_is_clean(slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_pack(slug) == []
    assert main(["lint", str(builtin_packs()[slug].folder)]) == 0
    assert capsys.readouterr().out.strip().endswith(": tidak ada masalah")


def test_a_pack_is_also_rendered_with_a_definition() -> None:
    definition = SAMPLES / "kupang-2022.yaml"
    assert main(["lint", "kupang-word", "--definition", str(definition)]) == 0


BAD = """\
name = "Bad"
extends = "default"

[page]
paper = "Letter"

[kop]
logo = "lambang.png"

[font]
regular = "Arial.ttf"

[numbering]
pattern = "{klasifikasi}/{nomor}/{tahun}"

[wording.kesepakatan]
penutup = \"\"\"
Demikian {{ jenis | lower }} ini dibuat
oleh {{ pejabat }} {{ ''.__class__ }}.\"\"\"
pembuka = "{% if event.legal_basis %}"

[wording]
"kesepakatan.penutupp" = "x"
"""


def test_a_bad_pack_lists_every_problem_with_file_and_line(tmp_path: Path) -> None:
    folder = _pack(tmp_path / "bad", BAD)
    toml = str(folder / "format.toml")
    lines = [format_problem(problem) for problem in lint_pack(folder)]
    expected = [
        f"{toml}, baris 5: page.paper: ukuran kertas 'Letter' tidak dikenal; pilih A4, F4 (Folio",
        f"{toml}, baris 8: kop.logo: berkas lambang 'lambang.png' tidak ada di {folder}",
        f"{toml}, baris 11: font.regular: berkas huruf 'Arial.ttf' tidak ditemukan",
        f"{toml}, baris 14: numbering.pattern: pola nomor",
        f"{toml}, wording 'kesepakatan.penutup', baris 19: variabel templat 'pejabat' tidak dikenal",
        f"{toml}, wording 'kesepakatan.penutup', baris 19: '__class__' tidak diizinkan",
        f"{toml}, wording 'kesepakatan.pembuka', baris 20: sintaks templat: Unexpected end of template",
        f"{toml}, baris 23: kunci wording 'kesepakatan.penutupp' tidak dikenal; maksud Anda 'kesepakatan.penutup'?",
    ]
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line


def test_the_cli_prints_the_list_and_exits_non_zero_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pack(tmp_path / "bad", BAD)
    assert main(["lint", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 8
    assert "8 masalah" in captured.err and "Traceback" not in captured.err + captured.out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[page\npaper = 'A4'\n", "baris 1: bukan TOML yang sah"),
        (
            'extends = "nowhere-at-all"\n',
            "baris 1: extends: format pack 'nowhere-at-all' tidak dikenal",
        ),
        ('extends = "."\n', "baris 1: extends berputar: x -> x"),
        ("extends = 3\n", "baris 1: extends harus berisi nama format pack atau jalur folder"),
        ("[wording]\nnomor = 5\n", "baris 2: wording.nomor: harus berupa teks"),
    ],
)
def test_unusable_packs_are_reported_not_raised(tmp_path: Path, text: str, expected: str) -> None:
    folder = _pack(tmp_path / "x", text)
    lines = [format_problem(problem) for problem in lint_pack(folder)]
    assert any(expected in line for line in lines), lines


def test_a_logo_must_be_a_png_or_jpeg(tmp_path: Path) -> None:
    from PIL import Image

    folder = _pack(tmp_path / "x", '[kop]\nlogo = "logo.gif"\n')
    Image.open(io.BytesIO(placeholder_emblem())).save(folder / "logo.gif")
    (problem,) = lint_pack(folder)
    assert problem.line == 2 and "lambang berformat GIF; pakai PNG atau JPEG" in problem.message
    (folder / "logo.gif").write_bytes(b"not an image")
    (problem,) = lint_pack(folder)
    assert "lambang bukan gambar; pakai PNG atau JPEG" in problem.message


def test_word_templates_are_checked_paragraph_by_paragraph(tmp_path: Path) -> None:
    from docx import Document

    folder = _pack(tmp_path / "x", 'extends = "kupang"\n')
    word = Document()
    for text in ("{{ nomor }}", "Hari: {{ hari_tangal }}", "{{ x.__class__ }}", "{% if nomor %}"):
        word.add_paragraph(text)
    word.save(str(folder / "kesepakatan.docx"))
    Document().save(str(folder / "surat-undangan.docx"))
    (folder / "~$kesepakatan.docx").write_bytes(b"Word's lock file")
    lines = [format_problem(problem) for problem in lint_pack(folder)]
    assert (
        'kesepakatan.docx, paragraf 4 ("{% if nomor %}"): sintaks templat: Unexpected end'
        in lines[0]
    )
    assert lines[1].endswith(
        "surat-undangan.docx: tidak ada dokumen bernama 'surat-undangan'; templat Word dinamai "
        "menurut dokumennya: " + ", ".join(f"{name}.docx" for name in DOCUMENTS)
    )
    folder.joinpath("kesepakatan.docx").unlink()
    word = Document()
    for text in ("{{ nomor }}", "Hari: {{ hari_tangal }}", "{{ x.__class__ }}"):
        word.add_paragraph(text)
    word.save(str(folder / "kesepakatan.docx"))
    lines = [format_problem(problem) for problem in lint_pack(folder)]
    assert any(
        line.endswith(
            'kesepakatan.docx, paragraf 2 ("Hari: {{ hari_tangal }}"): variabel templat '
            "'hari_tangal' tidak dikenal; maksud Anda 'hari_tanggal'?"
        )
        for line in lines
    ), lines
    assert any("paragraf 3" in line and "'__class__' tidak diizinkan" in line for line in lines)


def test_a_missing_pack_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", str(tmp_path / "nothing")]) == 2
    captured = capsys.readouterr()
    assert "folder format pack" in captured.out and "tidak ditemukan" in captured.out
    assert "Traceback" not in captured.err


def test_a_misspelt_document_under_kop_documents_is_named(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path / "kop",
        'extends = "kupang"\n[kop.documents]\nnotulen = "pemda"\nberita_acara = "opd"\n',
    )
    (problem,) = lint_pack(folder)
    assert problem.line == 4
    assert problem.message == (
        "kop.documents: dokumen 'berita_acara' tidak dikenal; maksud Anda 'berita-acara'?"
    )
