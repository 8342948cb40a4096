"""A pack cannot make the library read outside its folder, nor huge or hostile files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import rembuk_docs
from rembuk_docs import FormatPackError, Rembuk
from rembuk_docs.cli import main
from rembuk_docs.formats import guard

from conftest import SAMPLES


def _pack(folder: Path, kop: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "format.toml").write_text(f'extends = "default"\n\n[kop]\n{kop}\n', encoding="utf-8")
    return folder


def _render(rembuk: Rembuk, pack: Path, document: str = "kesepakatan", fmt: str = "pdf") -> bytes:
    return rembuk_docs.render_bytes(rembuk, document, fmt, format_pack=pack)


def test_a_logo_path_cannot_climb_out_of_the_pack(tmp_path: Path, kupang: Rembuk) -> None:
    (tmp_path / "secret.png").write_bytes(b"x")
    pack = _pack(tmp_path / "pack", 'logo = "../secret.png"')
    with pytest.raises(FormatPackError, match="menunjuk ke luar folder format pack"):
        _render(kupang, pack)


def test_a_link_cannot_point_out_of_the_pack(tmp_path: Path, kupang: Rembuk) -> None:
    from PIL import Image

    Image.new("RGB", (4, 4)).save(tmp_path / "outside.png")
    pack = _pack(tmp_path / "pack", 'logo = "logo.png"')
    (pack / "logo.png").symlink_to(tmp_path / "outside.png")
    with pytest.raises(FormatPackError, match="menunjuk ke luar folder format pack"):
        _render(kupang, pack)


def test_a_huge_logo_is_refused_before_it_is_read(
    tmp_path: Path, kupang: Rembuk, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = _pack(tmp_path / "pack", 'logo = "logo.png"')
    with (pack / "logo.png").open("wb") as stream:
        stream.truncate(6 * guard.MiB)  # sparse: six MiB on paper, nothing on disk
    with pytest.raises(
        FormatPackError, match=r"berkas ini \(logo\) berukuran 6,0 MiB; paling besar 5 MiB"
    ):
        _render(kupang, pack)


def test_a_logo_that_is_not_an_image_is_refused(tmp_path: Path, kupang: Rembuk) -> None:
    pack = _pack(tmp_path / "pack", 'logo = "logo.png"')
    (pack / "logo.png").write_text("<svg/>", encoding="utf-8")
    with pytest.raises(FormatPackError, match="lambang bukan gambar"):
        _render(kupang, pack)


def test_a_zip_bomb_word_template_is_refused(tmp_path: Path, kupang: Rembuk) -> None:
    pack = _pack(tmp_path / "pack")
    with zipfile.ZipFile(pack / "kesepakatan.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (110 * guard.MiB))
    assert (pack / "kesepakatan.docx").stat().st_size < guard.MiB
    with pytest.raises(FormatPackError, match=r"110 MiB"):
        _render(kupang, pack, fmt="docx")


def test_the_cli_refuses_a_hostile_pack_with_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path / "pack", 'logo = "../../../etc/passwd"')
    out = tmp_path / "out"
    code = main(
        ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(out), "--format-pack", str(pack)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "menunjuk ke luar folder format pack" in err and "Traceback" not in err
    assert not out.exists()


# --- lint tells the truth: one confinement and one set of checks with render --------------------


def _lint(pack: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["lint", str(pack)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("setting", ["kop]\nlogo", "font]\nregular"])
def test_lint_never_tells_whether_a_file_outside_the_pack_exists(
    tmp_path: Path, setting: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "there.png").write_bytes(b"x")
    outputs = []
    for name in ("there.png", "not-there.png"):
        folder = tmp_path / f"pack-{name}"
        folder.mkdir()
        table, key = setting.split("\n")
        toml = f'extends = "default"\n\n[{table}\n{key} = "../{name}"\n'
        (folder / "format.toml").write_text(toml, encoding="utf-8")
        code, output = _lint(folder, capsys)
        assert code == 2 and "menunjuk ke luar folder format pack" in output
        outputs.append(output.replace(name, "NAME").replace(folder.name, "PACK"))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "pack",
    ["logo-outside", "logo-link-loop", "logo-truncated", "logo-bomb", "toml-too-deep"],
)
def test_lint_refuses_each_hostile_pack_render_refuses(
    pack: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(__file__).parent / "error_catalogue" / "packs" / pack
    code, output = _lint(folder, capsys)
    assert code == 2 and "Traceback" not in output
    out = tmp_path / "out"
    sample = str(SAMPLES / "kupang-2022.yaml")
    assert main(["render", sample, "--out", str(out), "--format-pack", str(folder)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not out.exists()


def test_a_font_link_loop_is_an_input_error(tmp_path: Path, kupang: Rembuk) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "format.toml").write_text(
        'extends = "default"\n\n[font]\nregular = "loop.ttf"\n', encoding="utf-8"
    )
    (folder / "loop.ttf").symlink_to("loop.ttf")
    with pytest.raises(FormatPackError, match="berputar-putar"):
        _render(kupang, folder)


def test_a_sane_logo_is_decoded_once_and_kept(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 300), "red").save(tmp_path / "logo.png")
    data = guard.checked_image(tmp_path / "logo.png")
    assert data == (tmp_path / "logo.png").read_bytes()


def test_a_missing_font_is_refused_by_render_as_lint_refuses_it(
    tmp_path: Path, kupang: Rembuk, capsys: pytest.CaptureFixture[str]
) -> None:
    # render used to say 'galat: .../templates/fonts/nope.ttf: No such file or directory'
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "format.toml").write_text(
        'extends = "default"\n\n[font]\nbold = "nope.ttf"\n', encoding="utf-8"
    )
    with pytest.raises(FormatPackError) as caught:
        _render(kupang, folder)
    (problem,) = caught.value.problems
    assert problem.id == "lint.font_missing" and problem.location.endswith("format.toml")
    assert "font.bold: berkas huruf 'nope.ttf' tidak ditemukan" in str(problem.message)
    code, _ = _lint(folder, capsys)
    assert code == 2


def test_a_font_link_out_of_the_pack_is_refused_by_lint_and_render(
    tmp_path: Path, kupang: Rembuk, capsys: pytest.CaptureFixture[str]
) -> None:
    from rembuk_docs.formats.resources import builtin_fonts_dir

    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "format.toml").write_text(
        'extends = "default"\n\n[font]\nregular = "huruf.ttf"\n', encoding="utf-8"
    )
    (folder / "huruf.ttf").symlink_to(builtin_fonts_dir() / "LiberationSans-Bold.ttf")
    with pytest.raises(FormatPackError, match="menunjuk ke luar folder format pack"):
        _render(kupang, folder)
    code, output = _lint(folder, capsys)
    assert code == 2 and "menunjuk ke luar folder format pack" in output


def test_a_pack_looks_its_fonts_up_once_and_notices_one_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rembuk_docs.formats import load_pack
    from rembuk_docs.formats.pack import FormatPack
    from rembuk_docs.formats.resources import builtin_fonts_dir
    from rembuk_docs.writers.fonts import font_set

    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "format.toml").write_text(
        'extends = "default"\n\n[font]\nbold = "tebal.ttf"\n', encoding="utf-8"
    )
    (folder / "tebal.ttf").write_bytes(
        (builtin_fonts_dir() / "LiberationSans-Bold.ttf").read_bytes()
    )
    pack = load_pack(folder)
    looked_up: list[str] = []
    original = FormatPack.font_file

    def counting(self: FormatPack, filename: str) -> Path:
        looked_up.append(filename)
        return original(self, filename)

    monkeypatch.setattr(FormatPack, "font_file", counting)
    first = font_set(pack)
    assert font_set(pack) == first
    assert len(looked_up) == 4  # the four faces, once for this pack object
    (folder / "tebal.ttf").unlink()
    with pytest.raises(FormatPackError) as caught:
        font_set(pack)
    (problem,) = caught.value.problems
    assert problem.id == "lint.font_missing"
    assert "font.bold: berkas huruf 'tebal.ttf' tidak ditemukan" in str(problem.message)
