"""The formats commands: list every pack with its source, scaffold a new one, render with a pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from rembuk_docs.cli import main
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.loader import builtin_packs
from rembuk_docs.linting import lint_pack
from rembuk_docs.messages import use_language

from conftest import SAMPLES, docx_text, pdf_text


def test_list_shows_every_builtin_pack_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats", "list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["SLUG", "SUMBER", "TURUNAN", "NAMA", "FOLDER"]
    by_slug = {row.split()[0]: row for row in rows[1:]}
    assert set(builtin_packs()) <= set(by_slug)
    assert "bawaan" in by_slug["kupang"] and "turunan default" in by_slug["kupang"]
    assert "turunan kupang" in by_slug["kupang-word"]
    assert "Kota Bontang" in by_slug["bontang"]
    assert "built-in" not in "\n".join(rows)
    with use_language("en"):
        assert main(["formats", "list"]) == 0
    assert "built-in" in capsys.readouterr().out


def test_new_scaffolds_a_pack_that_renders_like_its_parent_and_lints_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["formats", "new", "sikka", "--dir", str(tmp_path)]) == 0
    toml = tmp_path / "sikka" / "format.toml"
    assert f"dibuat {toml}" in capsys.readouterr().out
    text = toml.read_text(encoding="utf-8")
    assert 'extends = "default"' in text and '# paper = "A4"' in text
    assert "# penutup = " in text  # the wording is there to edit, commented out
    assert lint_pack(toml.parent) == []
    pack, default = load_pack(toml.parent), load_pack()
    assert (pack.page, pack.kop, pack.wording) == (default.page, default.kop, default.wording)


def test_a_scaffolded_pack_becomes_the_regency_s_by_uncommenting(tmp_path: Path) -> None:
    assert main(["formats", "new", "sikka", "--dir", str(tmp_path), "--extends", "kupang"]) == 0
    toml = tmp_path / "sikka" / "format.toml"
    text = toml.read_text(encoding="utf-8").replace('# paper = "A4"', 'paper = "F4"')
    toml.write_text(text, encoding="utf-8")
    pack = load_pack(toml.parent)
    assert pack.page.paper == "F4" and pack.kop.government == "PEMERINTAH KABUPATEN KUPANG"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Sikka!"], "bukan slug format pack"),
        (["kupang", "--extends", "nowhere"], "format pack 'nowhere' tidak dikenal"),
    ],
)
def test_new_refuses_bad_input_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["formats", "new", *args[:1], "--dir", str(tmp_path), *args[1:]]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sikka").mkdir()
    assert main(["formats", "new", "sikka", "--dir", str(tmp_path)]) == 2
    assert "sudah ada; pilih slug atau folder lain" in capsys.readouterr().err


def test_render_with_a_pack_folder_and_paper(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "format.toml").write_text(
        'extends = "kupang"\n[kop]\noffice = ["DINAS KESEHATAN"]\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(out)]
    assert main([*args, "--format-pack", str(pack), "--paper", "F4"]) == 0
    from pypdf import PdfReader

    pdf = (out / "kesepakatan.pdf").read_bytes()
    box = PdfReader(str(out / "kesepakatan.pdf")).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    for text in (pdf_text(pdf), docx_text((out / "kesepakatan.docx").read_bytes())):
        # the Wakil Bupati signs the agreement: the pemerintah daerah's kop
        assert "PEMERINTAH KABUPATEN KUPANG PERNYATAAN BERSAMA" in text
    notulen = (out / "notulen.pdf").read_bytes()
    assert "PEMERINTAH KABUPATEN KUPANG DINAS KESEHATAN NOTULEN" in pdf_text(notulen)


def test_render_with_an_unknown_pack_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(out)]
    assert main([*args, "--format-pack", "kupnag"]) == 2
    assert "maksud Anda 'kupang'?" in capsys.readouterr().err
    assert not out.exists()
