"""`rembuk-docs baru`: a new commented Indonesian definition that validates and renders as DRAF."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

import pytest

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.compose import pack_documents
from rembuk_docs.starter import StarterAnswers, starter_data, starter_text, timezone_of
from rembuk_docs.starter.command import run

from conftest import docx_text, pdf_raw_pages

FLAGS = {
    "kabupaten": ["--jenis", "kabupaten", "--nama", "Kupang", "--provinsi", "Nusa Tenggara Timur"],
    "kota": ["--kind", "Kota", "--name", "Kota Bontang", "--province", "Kalimantan Timur"],
    "desa": [
        "--jenis",
        "DESA",
        "--nama",
        "Desa Oelnasi",
        "--provinsi",
        "Nusa Tenggara Timur",
        "--kecamatan",
        "Kupang Tengah",
        "--kabupaten",
        "Kupang",
    ],
}
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|fill|replace|this|file|example|here|must|write|delete)\b", re.I
)


def write(tmp_path: Path, kind: str, *extra: str) -> Path:
    out = tmp_path / f"{kind}.yaml"
    code = main(["baru", *FLAGS[kind], "--tanggal", "2025-08-14", "--keluar", str(out), *extra])
    assert code == 0
    return out


@pytest.mark.parametrize("kind", ["kabupaten", "kota", "desa"])
def test_each_kind_validates_and_covers_every_section(tmp_path: Path, kind: str) -> None:
    rembuk = rembuk_docs.load(write(tmp_path, kind))
    assert rembuk.region.kind.value == kind
    assert rembuk.event.date == date(2025, 8, 14)
    assert rembuk.minutes is not None and rembuk.invitation is not None
    assert rembuk.record is not None and rembuk.agreement.pledges
    assert rembuk.examples, "placeholders are marked as examples"
    if kind == "desa":
        assert rembuk.village is not None and rembuk.village.activities
        assert (rembuk.region.name, rembuk.region.kecamatan) == ("Oelnasi", "Kupang Tengah")
        assert rembuk.region.kabupaten == "Kabupaten Kupang"
        assert "usulan-kegiatan" in pack_documents(rembuk)
    else:
        assert rembuk.prevalence and rembuk.targets and rembuk.priority_villages
        assert rembuk.rencana_kegiatan is not None and rembuk.organizer is not None
        assert rembuk.region.name == ("Kupang" if kind == "kabupaten" else "Bontang")
        assert {"undangan", "kesepakatan", "notulen", "berita-acara"} <= set(pack_documents(rembuk))


@pytest.mark.parametrize("kind", ["kabupaten", "desa"])
def test_every_document_it_renders_is_a_draft(tmp_path: Path, kind: str) -> None:
    rembuk = rembuk_docs.load(write(tmp_path, kind))
    for name in pack_documents(rembuk):
        pages = pdf_raw_pages(rembuk_docs.render_bytes(rembuk, name, "pdf"))
        assert pages and all(page.startswith("DRAF") for page in pages), name
    agreement = docx_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx"))
    assert "Kesepakatan Bersama".upper() in agreement.upper()


def test_the_time_zone_follows_the_province() -> None:
    assert timezone_of("Nusa Tenggara Timur") == "WITA"
    assert timezone_of("provinsi papua  tengah") == "WIT"
    assert timezone_of("Jawa Barat") == "WIB"


@pytest.mark.parametrize("kind", ["kabupaten", "desa"])
def test_comments_are_indonesian(tmp_path: Path, kind: str) -> None:
    content = write(tmp_path, kind).read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in content.splitlines() if "#" in line]
    assert len(comments) > 30
    prose = " ".join(c for c in comments if not c.strip().startswith(("rembuk-docs", "-")))
    prose = re.sub(r"`[^`]*`", "", prose)  # keys and commands quoted as code
    assert "CONTOH" in prose and "DRAF" in prose and "tanda kutip" in prose
    assert not ENGLISH_WORDS.findall(prose), ENGLISH_WORDS.findall(prose)


def test_values_with_yaml_characters_are_quoted() -> None:
    answers = StarterAnswers("kota", 'Baru: "Kota" #1', "Jawa Barat", date(2025, 8, 14))
    data = starter_data(answers)
    assert data["region"]["name"] == 'Baru: "Kota" #1'
    assert data["event"]["timezone"] == "WIB"
    assert 'Baru: \\"Kota\\" #1' in starter_text(answers)


def test_an_existing_file_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = write(tmp_path, "kabupaten")
    out.write_text("# milik saya\n", encoding="utf-8")
    args = [*FLAGS["kabupaten"], "--keluar", str(out)]
    capsys.readouterr()
    assert main(["baru", *args]) == 2
    err = capsys.readouterr().err
    assert "sudah ada" in err and "--paksa" in err
    assert out.read_text(encoding="utf-8") == "# milik saya\n"
    assert main(["new", *args, "--force"]) == 0
    assert "region:" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (
            ["--jenis", "provinsi", "--nama", "X", "--provinsi", "Y"],
            "jenis 'provinsi' tidak dikenal",
        ),
        (
            [*FLAGS["kabupaten"], "--tanggal", "14-08-2025"],
            "tanggal '14-08-2025' tidak sah; tulis TTTT-BB-HH",
        ),
        ([*FLAGS["kabupaten"], "--tanggal", "2025-02-30"], "tanggal '2025-02-30' tidak sah"),
        (["--jenis", "kota", "--nama", "Bontang"], "tambahkan --provinsi"),
        (FLAGS["desa"][:6], "tambahkan --kecamatan, --kabupaten"),
        ([*FLAGS["kota"], "--keluar", " "], "nama berkas kosong"),
        ([*FLAGS["kota"], "--jenis-rembuk", "kota"], "argumen tidak dikenal"),
    ],
)
def test_bad_flags_give_indonesian_errors(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert exit_code(["baru", *flags]) == 2
    assert expected in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def exit_code(argv: list[str]) -> int:
    """The exit code of the CLI, whether argparse exits or main returns."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def _namespace(**given: str | bool | None) -> argparse.Namespace:
    fields = ("kind", "name", "province", "kecamatan", "kabupaten", "date", "out")
    values: dict[str, object] = dict.fromkeys(fields)
    values["force"] = False
    values.update(given)
    return argparse.Namespace(**values)


def test_on_a_terminal_it_asks_with_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = iter(["desa", "", "Oelnasi", "Nusa Tenggara Timur", "Kupang Tengah", "Kupang"])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers, "")  # Enter: the default date and file name

    assert run(_namespace(date="2025-08-14"), ask=ask, interactive=True) == 0
    assert asked[0] == "Jenis rembuk (kabupaten, kota, desa) [kabupaten]: "
    assert asked[2].startswith("Nama desa")  # the empty answer asked again
    assert "isian ini wajib diisi" in capsys.readouterr().err
    assert asked[-2] == "Tanggal rembuk (TTTT-BB-HH) [2025-08-14]: "
    assert asked[-1] == "Simpan ke berkas [rembuk-desa-oelnasi-2025.yaml]: "
    rembuk = rembuk_docs.load(tmp_path / "rembuk-desa-oelnasi-2025.yaml")
    assert rembuk.region.kabupaten == "Kabupaten Kupang"
    assert rembuk.event.timezone.value == "WITA"


def test_on_a_terminal_overwriting_needs_a_yes(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    out.write_text("# milik saya\n", encoding="utf-8")
    args = _namespace(kind="kota", name="Bontang", province="Kalimantan Timur", out=str(out))
    with pytest.raises(rembuk_docs.InputError, match="sudah ada"):
        run(args, ask=lambda prompt: "", interactive=True)
    assert out.read_text(encoding="utf-8") == "# milik saya\n"
    assert run(args, ask=lambda prompt: "ya" if "Timpa" in prompt else "", interactive=True) == 0
    assert rembuk_docs.load(out).region.name == "Bontang"


def test_help_is_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["baru", "--help"])
    out = capsys.readouterr().out
    assert "--jenis JENIS, --kind JENIS" in out and "timpa berkas yang sudah ada" in out


def test_a_desa_without_its_kecamatan_gets_a_desa_command_to_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert exit_code(["baru", *FLAGS["desa"][:6]]) == 2
    err = capsys.readouterr().err
    assert "tambahkan --kecamatan, --kabupaten" in err
    assert "--jenis kabupaten" not in err  # the example is a desa's, ready to copy
    command = err[err.index("rembuk-docs baru --jenis desa") :].splitlines()[0]
    assert "--kecamatan" in command and "--kabupaten" in command
    # the command it shows works as written (in the folder it names)
    import shlex

    assert main(shlex.split(command)[1:]) == 0
    assert rembuk_docs.load(tmp_path / "rembuk-desa.yaml").region.kecamatan == "Kupang Tengah"


def test_without_a_kind_the_desa_flags_are_named_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert exit_code(["baru"]) == 2
    err = capsys.readouterr().err
    assert "tambahkan --jenis, --nama, --provinsi" in err
    assert "Untuk rembuk desa tambahkan juga --kecamatan dan --kabupaten" in err


def test_format_pack_is_written_into_the_definition(tmp_path: Path) -> None:
    out = write(tmp_path, "kabupaten", "--format-pack", "kupang")
    assert rembuk_docs.load(out).format_pack == "kupang"
    # a pack folder is written relative to the definition, where render looks for it
    pack = tmp_path / "packs" / "kupang-ku"
    pack.mkdir(parents=True)
    (pack / "format.toml").write_text('extends = "kupang"\n', encoding="utf-8")
    nested = tmp_path / "defs" / "rembuk.yaml"
    argv = [*FLAGS["kota"], "--tanggal", "2025-08-14", "--keluar", str(nested)]
    assert main(["baru", *argv, "--format-pack", str(pack)]) == 0
    assert 'format_pack: "../packs/kupang-ku"' in nested.read_text(encoding="utf-8")
    assert main(["validate", str(nested)]) == 0


def test_an_unknown_format_pack_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.yaml"
    argv = [*FLAGS["kota"], "--keluar", str(out), "--format-pack", "kupnag"]
    assert main(["baru", *argv]) == 2
    assert "format pack 'kupnag' tidak dikenal; maksud Anda 'kupang'?" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("ran", "shown"),
    [
        (".venv/bin/rembuk-docs", ".venv/bin/rembuk-docs"),  # not activated: the path, as typed
        ("rembuk-docs", "rembuk-docs"),
    ],
)
def test_the_commands_it_suggests_are_typed_as_it_was_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ran: str,
    shown: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", [ran, "baru"])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no rembuk-docs on the PATH
    assert main(["baru", *FLAGS["kota"], "--keluar", "r.yaml"]) == 0
    out = capsys.readouterr().out
    assert f"periksa dengan: {shown} validate r.yaml" in out
    assert f"Buat dokumennya dengan: {shown} render r.yaml --out hasil" in out
    assert exit_code(["baru"]) == 2
    assert f"misalnya: {shown} baru --jenis kabupaten" in capsys.readouterr().err


def test_a_new_desa_has_a_kop_address_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # without an organizer the desa kop had no address, and the warning sent a secretary to the
    # built-in format pack, which they cannot edit
    out = write(tmp_path, "desa")
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    warnings = capsys.readouterr().err
    assert "kop desa belum memuat alamat" not in warnings
    assert "'organizer' masih ditandai sebagai contoh" in warnings
    # the built-in pack has no lambang: the kop stays a draft, and the warning says what to make
    assert "kop desa belum memuat lambang daerah (format pack bawaan 'default'" in warnings
    assert "rembuk-docs formats new NAMA" in warnings
    rembuk = rembuk_docs.load(out)
    assert rembuk.organizer is not None and rembuk.organizer.address
    first = pdf_raw_pages(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))[0]
    assert "Jalan Contoh Nomor 1, Desa Oelnasi 00000" in first
    without = tmp_path / "tanpa-kantor.yaml"
    text = out.read_text(encoding="utf-8")
    start = text.index("organizer:")
    without.write_text(text[:start] + text[text.index("# ACARA") :], encoding="utf-8")
    assert main(["validate", str(without)]) == 0
    assert (
        "kop desa belum memuat alamat; isi kop.address di format pack atau organizer.address "
        "di definisi" in capsys.readouterr().err
    )


def test_the_english_aliases_write_the_same_definition(tmp_path: Path) -> None:
    (tmp_path / "id").mkdir()
    (tmp_path / "en").mkdir()
    indonesian = ["baru", "--jenis", "desa", "--nama", "Oelnasi", "--provinsi", "NTT"]
    indonesian += ["--kecamatan", "Kupang Tengah", "--kabupaten", "Kupang"]
    indonesian += ["--tanggal", "2025-08-14", "--keluar", str(tmp_path / "id" / "r.yaml")]
    english = ["new", "--kind", "desa", "--name", "Oelnasi", "--province", "NTT"]
    english += ["--kecamatan", "Kupang Tengah", "--regency", "Kupang"]
    english += ["--date", "2025-08-14", "--out", str(tmp_path / "en" / "r.yaml")]
    assert main(indonesian) == 0 and main(english) == 0
    written = (tmp_path / "id" / "r.yaml").read_text(encoding="utf-8")
    assert written == (tmp_path / "en" / "r.yaml").read_text(encoding="utf-8")
    assert rembuk_docs.load(tmp_path / "en" / "r.yaml").event.date == date(2025, 8, 14)
