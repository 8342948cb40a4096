"""Finding and reading format packs: slugs and folders, extends with deep merge, cycles, located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs import FormatPackError
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.loader import builtin_packs, locate, merge

REGENCIES = ["kupang", "mimika", "kayong-utara", "banyuasin", "bontang"]


def _pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "format.toml").write_text(text, encoding="utf-8")
    return folder


def test_builtin_packs_are_the_default_the_five_regencies_and_the_word_example() -> None:
    assert set(builtin_packs()) == {"default", *REGENCIES, "kupang-word"}


def test_default_pack_follows_the_national_conventions() -> None:
    pack = load_pack()
    assert (pack.page.paper, pack.page.size_mm) == ("A4", (210.0, 297.0))
    page = pack.page
    margins = (page.margin_top_cm, page.margin_bottom_cm, page.margin_left_cm, page.margin_right_cm)
    assert margins == (2.0, 2.5, 3.0, 2.0)
    assert (pack.font.docx_name, pack.font.size) == ("Arial", 12)
    assert pack.kop.rule == "double" and pack.signature.nip_grouped
    assert pack.numbering.pattern == "{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}"
    assert pack.extends == ()


def test_a_child_changes_only_what_differs_and_tables_merge_key_by_key(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path / "sikka",
        'extends = "kupang"\n[page]\npaper = "F4"\n[kop]\noffice = ["DINAS KESEHATAN"]\n',
    )
    pack = load_pack(folder)
    assert pack.page.paper == "F4"
    assert pack.page.margin_left_cm == 3.0  # from default, through kupang
    assert pack.kop.government == "PEMERINTAH KABUPATEN KUPANG"  # from kupang
    assert pack.kop.office == ("DINAS KESEHATAN",)  # its own
    assert pack.kop.logo == "placeholder"
    assert pack.extends == ("kupang", "default")
    assert pack.slug == "sikka" and pack.source == "folder"


def test_a_pack_without_extends_extends_default(tmp_path: Path) -> None:
    pack = load_pack(_pack(tmp_path / "x", '[kop]\ngovernment = "PEMERINTAH KOTA X"\n'))
    assert pack.extends == ("default",)
    assert "kesepakatan.penutup" in pack.wording


def test_a_parent_may_be_a_folder_relative_to_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pack(tmp_path / "base", '[page]\npaper = "F4"\n[signature]\ncolumns = 3\n')
    child = _pack(
        tmp_path / "packs" / "child", 'extends = "../../base"\n[signature]\ncolumns = 1\n'
    )
    # base lies outside the folder that holds the child: it must be on the pack search path
    with pytest.raises(FormatPackError) as caught:
        load_pack(child)
    assert caught.value.ids == ["pack.extends_outside"] and caught.value.problems[0].line == 1
    monkeypatch.setenv("REMBUK_PACK_PATH", str(tmp_path))
    pack = load_pack(child)
    assert (pack.page.paper, pack.signature.columns) == ("F4", 1)
    assert pack.parents[0] == (tmp_path / "base").resolve()


def test_files_are_found_in_the_child_first_then_its_parents(tmp_path: Path) -> None:
    base = _pack(tmp_path / "base", '[kop]\nlogo = "logo.png"\n')
    parent_logo, child_logo = _png(base / "logo.png", "red"), None
    child = _pack(tmp_path / "child", 'extends = "../base"\n')
    assert load_pack(child).logo_bytes() == parent_logo
    child_logo = _png(child / "logo.png", "blue")
    assert load_pack(child).logo_bytes() == child_logo


def _png(path: Path, colour: str) -> bytes:
    from PIL import Image

    Image.new("RGB", (4, 4), colour).save(path, format="PNG")
    return path.read_bytes()


def test_merge_is_deep_and_the_child_wins() -> None:
    parent = {"page": {"paper": "A4", "margin_top_cm": 2}, "kop": {"office": ["A", "B"]}}
    child = {"page": {"paper": "F4"}, "kop": {"office": ["C"]}}
    assert merge(parent, child) == {
        "page": {"paper": "F4", "margin_top_cm": 2},
        "kop": {"office": ["C"]},
    }


def test_a_cycle_is_refused_at_the_extends_line(tmp_path: Path) -> None:
    _pack(tmp_path / "a", '# a\nextends = "../b"\n')
    _pack(tmp_path / "b", 'name = "B"\n\nextends = "../a"\n')
    with pytest.raises(FormatPackError) as caught:
        load_pack(tmp_path / "a")
    (problem,) = caught.value.problems
    assert problem.message == "extends berputar: a -> b -> a; hapus salah satu extends itu"
    assert problem.location.endswith("b/format.toml") and problem.line == 3


def test_a_pack_extending_itself_is_a_cycle(tmp_path: Path) -> None:
    _pack(tmp_path / "self", 'extends = "."\n')
    with pytest.raises(FormatPackError, match=r"extends berputar: self -> self"):
        load_pack(tmp_path / "self")


def test_an_unknown_parent_is_named_with_its_line_and_a_hint(tmp_path: Path) -> None:
    _pack(tmp_path / "x", 'name = "X"\nextends = "kupnag"\n')
    with pytest.raises(FormatPackError) as caught:
        load_pack(tmp_path / "x")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "format pack 'kupnag' tidak dikenal; maksud Anda 'kupang'?" in problem.message


def test_an_unknown_slug_lists_the_known_packs() -> None:
    with pytest.raises(
        FormatPackError, match=r"format pack 'bontnag' tidak dikenal; maksud Anda 'bontang'"
    ):
        load_pack("bontnag")


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    _pack(tmp_path / "x", '[page]\npaper = "A4"\nmargin_top_cm = \n')
    with pytest.raises(FormatPackError) as caught:
        load_pack(tmp_path / "x")
    (problem,) = caught.value.problems
    assert problem.location.endswith("x/format.toml") and problem.line == 3
    assert problem.message.startswith("bukan TOML yang sah")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '[page]\n\npaper = "Letter"\n',
            3,
            "page.paper: ukuran kertas 'Letter' tidak dikenal; pilih A4, F4 (Folio",
        ),
        (
            "[page]\nmargn_top_cm = 2\n",
            2,
            "page.margn_top_cm: kunci 'margn_top_cm' tidak dikenal; maksudnya 'margin_top_cm'?",
        ),
        (
            "[signature]\ncolumns = 5\n",
            2,
            "signature.columns: paling besar 3",
        ),
        (
            '[kop]\noffice = ["A", "B", "C", "D"]\n',
            2,
            "kop.office: berisi 4 butir; paling banyak 3 butir",
        ),
        (
            '[kop]\nlogo_placement = "right"\n',
            2,
            "kop.logo_placement: harus salah satu dari 'left' atau 'center'",
        ),
        (
            '[numbering]\npattern = "{klasifikasi}/{nomor}"\n',
            2,
            "memuat isian {nomor} yang tidak dikenal",
        ),
        ('[numbering]\npattern = "{klasifikasi}/{unit}"\n', 2, "memerlukan isian {urut}"),
        ('[numbering]\npattern = "{urut}/{tahun"\n', 2, "rusak"),
        ('[numbering]\npattern = "{urut:03d}"\n', 2, "tanpa format atau konversi"),
        ('name = "X"\ncolour = "red"\n', 2, "colour: kunci 'colour' tidak dikenal"),
    ],
)
def test_each_bad_setting_names_its_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    _pack(tmp_path / "x", text)
    with pytest.raises(FormatPackError) as caught:
        load_pack(tmp_path / "x")
    (problem,) = caught.value.problems
    assert problem.location.endswith("x/format.toml")
    assert problem.line == line
    assert message in problem.message


def test_wording_may_be_nested_tables_or_dotted_keys(tmp_path: Path) -> None:
    nested = load_pack(_pack(tmp_path / "a", '[wording.kesepakatan]\npenutup = "Tamat."\n'))
    dotted = load_pack(_pack(tmp_path / "b", '[wording]\n"kesepakatan.penutup" = "Tamat."\n'))
    assert (
        nested.wording["kesepakatan.penutup"] == dotted.wording["kesepakatan.penutup"] == "Tamat."
    )
    assert nested.wording["kesepakatan.pembuka"] == load_pack().wording["kesepakatan.pembuka"]
    file, line = nested.wording_origin["kesepakatan.penutup"]
    assert file.endswith("a/format.toml, wording 'kesepakatan.penutup'") and line == 2


def test_a_slug_and_a_folder_are_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _pack(tmp_path / "kupang", '[page]\npaper = "F4"\n')
    assert locate("kupang").source == "built-in"  # a slug: the built-in pack
    assert locate("./kupang").source == "folder"  # a path: the folder
    assert load_pack("./kupang").page.paper == "F4"
    _pack(tmp_path / "mine", "")
    assert locate("mine").source == "folder"  # no pack of that slug: the folder


def test_paper_override_keeps_everything_else() -> None:
    pack = load_pack("kupang")
    f4 = pack.with_paper("F4")
    assert f4.page.size_mm == (215.0, 330.0)
    assert f4.kop == pack.kop and f4.page.margin_left_cm == pack.page.margin_left_cm
    with pytest.raises(FormatPackError, match="ukuran kertas 'B5' tidak dikenal"):
        pack.with_paper("B5")


def test_a_yaml_pack_folder_is_relative_to_the_yaml_file(
    tmp_path: Path, kupang_dict: dict[str, Any]
) -> None:
    import yaml

    _pack(tmp_path / "packs" / "oelamasi", '[kop]\ngovernment = "PEMERINTAH OELAMASI"\n')
    kupang_dict["format_pack"] = "./packs/oelamasi"
    definition = tmp_path / "rembuk.yaml"
    definition.write_text(yaml.safe_dump(kupang_dict, allow_unicode=True), encoding="utf-8")
    rembuk = rembuk_docs.load(definition)
    assert Path(str(rembuk.format_pack)) == tmp_path / "packs" / "oelamasi"
    from conftest import docx_text

    assert "PEMERINTAH OELAMASI" in docx_text(
        rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx")
    )


def test_a_bare_pack_name_beside_the_yaml_file_is_found_from_any_folder(
    tmp_path: Path, kupang_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 'format_pack: oelamasi' next to the definition: validate passed when run in the file's
    # folder, render from elsewhere said 'format pack tidak dikenal'
    import yaml

    _pack(tmp_path / "oelamasi", '[kop]\ngovernment = "PEMERINTAH OELAMASI"\n')
    kupang_dict["format_pack"] = "oelamasi"
    definition = tmp_path / "rembuk.yaml"
    definition.write_text(yaml.safe_dump(kupang_dict, allow_unicode=True), encoding="utf-8")
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    rembuk = rembuk_docs.load(definition)
    assert Path(str(rembuk.format_pack)) == tmp_path / "oelamasi"
    from conftest import docx_text

    notulen = docx_text(rembuk_docs.render_bytes(rembuk, "notulen", "docx"))
    assert notulen.startswith("PEMERINTAH OELAMASI")
    # a built-in slug still wins over a folder of that name
    _pack(tmp_path / "kupang", '[page]\npaper = "F4"\n')
    kupang_dict["format_pack"] = "kupang"
    definition.write_text(yaml.safe_dump(kupang_dict, allow_unicode=True), encoding="utf-8")
    assert rembuk_docs.load(definition).format_pack == "kupang"


def test_extends_never_reaches_a_folder_off_the_pack_search_path(tmp_path: Path) -> None:
    from rembuk_docs.linting import lint_pack

    elsewhere = _pack(tmp_path / "elsewhere" / "deep" / "base", "")
    child = _pack(tmp_path / "packs" / "child", f'extends = "{elsewhere}"\n')
    with pytest.raises(FormatPackError, match="REMBUK_PACK_PATH"):
        load_pack(child)
    (problem,) = lint_pack(child)
    assert problem.id == "pack.extends_outside" and problem.line == 1
    sibling = _pack(tmp_path / "packs" / "base", "")
    (child / "format.toml").write_text('extends = "../base"\n', encoding="utf-8")
    assert load_pack(child).parents[0] == sibling.resolve()
