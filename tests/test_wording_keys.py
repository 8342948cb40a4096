"""Wording keys: every sentence comes from a pack, each document declares the keys it uses, the
lint holds packs to that list, and ``formats keys`` shows it."""

from __future__ import annotations

import ast
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.cli import main
from rembuk_docs.compose import composer, document_text
from rembuk_docs.compose.registry import DOCUMENTS, used_wording_keys, wording_keys
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.loader import builtin_packs, read_pack_file
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.linting import lint_pack
from test_rencana_kegiatan import rows, with_plan
from test_village import DESA

from conftest import ROOT, definition_samples, docx_text, normalise, pdf_text

COMPOSE = ROOT / "src" / "rembuk_docs" / "compose"
_SAYING = {"say", "paragraph", "lines"}


def _definitions() -> Iterator[Rembuk]:
    for path in definition_samples():
        yield rembuk_docs.load(path)
    yield rembuk_docs.from_dict(DESA)
    kupang = yaml.safe_load((ROOT / "samples" / "kupang-2022.yaml").read_text(encoding="utf-8"))
    yield with_plan(kupang, rows(6))
    # no sample states a national target any more (their seeds do not give one)
    national = copy.deepcopy(kupang)
    national["targets"] = [
        *(national.get("targets") or []),
        {"year": 2024, "value": 14, "scope": "nasional", "basis": "Perpres 72/2021"},
    ]
    yield rembuk_docs.from_dict(national)


def _literal_keys() -> set[str]:
    """Every string literal passed first to say(), say.paragraph(), say.lines() in compose/."""
    found: set[str] = set()
    for path in COMPOSE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            first = node.args[0]
            if name in _SAYING and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_the_default_pack_defines_exactly_the_keys_the_documents_use() -> None:
    default = set(read_pack_file(builtin_packs()["default"]).data["wording"])
    assert default == set(used_wording_keys())


def test_every_key_written_in_a_composer_is_declared() -> None:
    # (the other way round, that every declared key is asked for, is checked by rendering below)
    assert _literal_keys() - used_wording_keys() == set()


def test_each_document_asks_only_for_the_keys_it_declares(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = FormatPack.say

    def recording(self: FormatPack, key: str, /, **context: Any) -> str:
        asked.append(key)
        return original(self, key, **context)

    monkeypatch.setattr(FormatPack, "say", recording)
    seen: set[str] = set()
    for rembuk in _definitions():
        pack = load_pack(rembuk.format_pack)
        for name in DOCUMENTS:
            asked.clear()
            try:
                composer(name)(rembuk, pack)
            except rembuk_docs.InputError:
                continue  # a document this definition does not have (no village, no plan)
            assert set(asked) <= set(wording_keys(name)), (
                name,
                set(asked) - set(wording_keys(name)),
            )
            seen.update(asked)
    # the samples reach nearly every key: what they miss is listed here, so that a key nothing
    # reaches is noticed
    assert used_wording_keys() - seen <= {
        "dana-desa.kegiatan_kosong",
        "notulen.tanggapan",
        "notulen.pertanyaan",
        "notulen.bagian_diskusi",
        "notulen.bagian_tindak_lanjut",
        "notulen.kolom_tindak_lanjut",
        "notulen.kolom_penanggung_jawab",
        "notulen.kolom_batas_waktu",
        "label.nip",
        "label.jabatan",  # the daftar hadir's optional columns: no sample chooses them
        "label.instansi",
        "label.no_hp",
        "label.jenis_kelamin",
        "label.mengetahui",
        "berita-acara.lampiran_kepala",
        "berita-acara.saksi",
        "usulan-kegiatan.jumlah_sumber",
        "dana-desa.sumber_lain",
        "dana-desa.sumber_add",
        "rencana_kegiatan.label.sub_kegiatan",
        "undangan.lampiran_tidak_ada",  # the Kupang sample's invitation has a lampiran
        "berita-acara.rangkap",  # no sample writes its own record.closing (tested below)
        "halaman.dari",  # asked by the writers for the footer, not the composers (tested below)
        "situasi.target_nasional",  # no seed gives a national target with its year (test_samples)
    }


def _pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "format.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_regency_rewords_the_berita_acara_and_the_notulen(tmp_path: Path, kupang: Rembuk) -> None:
    folder = _pack(
        tmp_path / "kupang-kata",
        'extends = "kupang"\n'
        "[wording.berita-acara]\n"
        'penutup = "Demikian Berita Acara ini kami buat untuk dipergunakan seperlunya."\n'
        'saksi = "Dilakukan dihadapan,"\n'
        "[wording.notulen]\n"
        'bagian_agenda = "Acara Rapat"\n'
        "[wording.label]\n"
        'tanda_tangan = "Paraf"\n',
    )
    record = rembuk_docs.render_bytes(kupang, "berita-acara", "pdf", format_pack=folder)
    record_docx = rembuk_docs.render_bytes(kupang, "berita-acara", "docx", format_pack=folder)
    for text in (normalise(pdf_text(record)), normalise(docx_text(record_docx))):
        assert "Demikian Berita Acara ini kami buat untuk dipergunakan seperlunya." in text
        assert "Dilakukan dihadapan," in text
        assert "dibuat dengan sebenarnya" not in text
    notulen = document_text(composer("notulen")(kupang, load_pack(folder)))
    assert "A. Acara Rapat" in notulen
    sheet = composer("daftar-hadir")(kupang, load_pack(folder))
    table = next(block for block in sheet.blocks if hasattr(block, "columns"))
    assert [column.title for column in table.columns][-1] == "Paraf"


def test_a_pack_rewords_the_page_of_total_footer_in_both_formats(
    tmp_path: Path, kupang: Rembuk
) -> None:
    import io
    import re
    import zipfile

    from pypdf import PdfReader

    folder = _pack(
        tmp_path / "kupang-hal",
        'extends = "kupang"\n[page]\nnumbers = "page-of-total"\n'
        '[wording.halaman]\ndari = "Hal. {{ halaman }} / {{ jumlah }}"\n',
    )
    pdf = PdfReader(
        io.BytesIO(rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", format_pack=folder))
    )
    total = len(pdf.pages)
    assert total > 1
    assert "Hal. 2 / " + str(total) in pdf.pages[1].extract_text()
    assert "Halaman" not in " ".join(page.extract_text() for page in pdf.pages)
    docx = rembuk_docs.render_bytes(kupang, "kesepakatan", "docx", format_pack=folder)
    package = zipfile.ZipFile(io.BytesIO(docx))
    footers = [
        package.read(name).decode()
        for name in package.namelist()
        if re.fullmatch(r"word/footer\d+\.xml", name)
    ]
    footer = next(xml for xml in footers if "PAGE" in xml)
    pieces = re.findall(r'<w:t(?: [^>]*)?>([^<]*)</w:t>|w:instr="(\w+)"', footer)
    shown = [text or field for text, field in pieces]
    assert shown[0] == "Hal. " and shown[1] == "PAGE" and "NUMPAGES" in shown
    assert " / " in shown and "Halaman" not in footer


def test_a_pack_rewords_the_nip_line_under_every_signature(tmp_path: Path, kupang: Rembuk) -> None:
    folder = _pack(
        tmp_path / "kupang-nip",
        'extends = "kupang"\n[wording.label]\nnip_penanda_tangan = "N I P : {{ nip }}"\n',
    )
    for document in ("kesepakatan", "lembar-tanda-tangan", "berita-acara"):
        pdf = normalise(
            pdf_text(rembuk_docs.render_bytes(kupang, document, "pdf", format_pack=folder))
        )
        docx = normalise(
            docx_text(rembuk_docs.render_bytes(kupang, document, "docx", format_pack=folder))
        )
        for text in (pdf, docx):
            assert "N I P : 19" in text and "NIP. 19" not in text, document


def test_what_the_definition_writes_still_wins_over_the_pack(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["record"] = {
        "title": "Berita Acara Rembuk",
        "closing": "Demikian dibuat{rangkap}.",
        "copies": 2,
        "parties_heading": "Kami yang bersepakat,",
    }
    kupang_dict["minutes"]["title"] = "Notulen Rapat"
    kupang_dict["attendance"] = {"title": "Daftar Hadir Peserta"}
    rembuk = rembuk_docs.from_dict(kupang_dict)
    pack = load_pack()
    record = " ".join(document_text(composer("berita-acara")(rembuk, pack)))
    assert "BERITA ACARA REMBUK" in record
    assert "Demikian dibuat dalam rangkap 2 (dua)." in record
    wording = {**pack.wording, "berita-acara.rangkap": "sebanyak {{ rangkap }} rangkap"}
    reworded = pack.model_copy(update={"wording": wording})
    assert "Demikian dibuat sebanyak 2 rangkap." in " ".join(
        document_text(composer("berita-acara")(rembuk, reworded))
    )
    assert "Kami yang bersepakat," in record
    assert document_text(composer("notulen")(rembuk, pack))[1] == "NOTULEN RAPAT"
    attendance = composer("daftar-hadir")(rembuk, pack)
    assert "DAFTAR HADIR PESERTA" in document_text(attendance)
    assert attendance.title.startswith("Daftar hadir peserta ")


def test_the_kesepakatan_and_the_berita_acara_share_one_pledge_list(kupang: Rembuk) -> None:
    from rembuk_docs.compose.blocks import NumberedList

    pack = load_pack()
    agreement = composer("kesepakatan")(kupang, pack)
    record = composer("berita-acara")(kupang, pack)
    lists = [
        [block for block in doc.blocks if isinstance(block, NumberedList)]
        for doc in (agreement, record)
    ]
    assert lists[0][0] in lists[1]


def test_lint_fails_on_a_key_no_document_uses(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path / "x",
        'extends = "default"\n[wording.berita-acara]\npenutupp = "Demikian."\n',
    )
    problems = lint_pack(folder)
    assert [p.line for p in problems] == [3]
    assert "penutupp" in problems[0].message and "berita-acara.penutup" in problems[0].message


def test_lint_fails_on_a_key_the_code_uses_that_no_pack_defines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rembuk_docs.compose.registry as registry

    used = registry.used_wording_keys()
    monkeypatch.setattr(registry, "used_wording_keys", lambda: used | {"notulen.baru"})
    problems = lint_pack("default")
    assert [p.message for p in problems] == [
        "wording 'notulen.baru' dipakai sebuah dokumen, tetapi tidak ada format pack yang "
        "mendefinisikannya"
    ]


def test_formats_keys_json_lists_every_document_with_its_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["formats", "keys", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert list(table) == list(DOCUMENTS)
    for name, keys in table.items():
        assert list(keys) == list(wording_keys(name))
    assert table["berita-acara"]["berita-acara.para_pihak"] == "Yang bersepakat,"
    assert (
        table["berita-acara"]["kesepakatan.penanggung_jawab"]
        == table["kesepakatan"]["kesepakatan.penanggung_jawab"]
    )


def test_formats_keys_names_the_pack_each_text_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pack(
        tmp_path / "kata",
        'extends = "kupang"\n[wording.notulen]\nnotulis = "Pencatat"\n',
    )
    assert main(["formats", "keys", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "[notulen]" in out
    line = next(line for line in out.splitlines() if line.strip().startswith("notulen.notulis"))
    assert "(kata)" in line and line.endswith("Pencatat")
    other = next(line for line in out.splitlines() if line.strip().startswith("notulen.nama"))
    assert "(default)" in other


def test_the_guide_lists_every_key() -> None:
    from rembuk_docs.pack_keys import guide_table

    guide = (ROOT / "docs" / "template-authors.md").read_text(encoding="utf-8")
    # the table is generated (scripts/make_guide_keys.py): one row per key, with its documents
    # and national text as the code and the default pack have them now
    table = guide_table()
    assert table in guide, "run scripts/make_guide_keys.py"
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    keys = [row.split("`")[1] for row in rows]
    assert sorted(keys) == sorted(used_wording_keys())  # each key once
    pembuka = next(row for row in rows if row.startswith("| `kesepakatan.pembuka` |"))
    assert "| kesepakatan | `tempat` | {{ pada_hari_ini }}, bertempat di {{ tempat }}" in pembuka
