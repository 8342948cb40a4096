"""Packs from other packages: found through the 'rembuk_docs.formats' entry points, and used.

The pack is tests/fixtures/tiny_pack. One test puts its distribution metadata on sys.path (the
real importlib.metadata lookup, fast); another builds a wheel from it, installs it with pip into
a temporary folder and runs the command line in a fresh interpreter.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.cli import main
from rembuk_docs.formats import available_packs, load_pack
from rembuk_docs.messages import use_language

from conftest import ROOT, SAMPLES, docx_text, pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_pack"
PACKAGE = "rembuk_tiny_pack"


def _metadata() -> tuple[str, str, dict[str, str]]:
    project = tomllib.loads((FIXTURE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["name"], project["version"], project["entry-points"]["rembuk_docs.formats"]


def _dist_files() -> dict[str, bytes]:
    """The files of the installed distribution, as a build backend would make them."""
    name, version, entries = _metadata()
    stem = f"{name.replace('-', '_')}-{version}"
    files = {
        f"{PACKAGE}/{path.name}": path.read_bytes()
        for path in sorted((FIXTURE / "src" / PACKAGE).iterdir())
        if path.is_file()
    }
    lines = "\n".join(f"{slug} = {target}" for slug, target in entries.items())
    files[f"{stem}.dist-info/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    ).encode()
    files[f"{stem}.dist-info/entry_points.txt"] = f"[rembuk_docs.formats]\n{lines}\n".encode()
    files[f"{stem}.dist-info/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: rembuk-docs-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    return files


@pytest.fixture
def on_sys_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    for name, data in _dist_files().items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield site
    sys.modules.pop(PACKAGE, None)


def test_an_installed_pack_is_listed_with_its_package(on_sys_path: Path) -> None:
    packs, problems = available_packs()
    tiny = next(location for location in packs if location.slug == "tiny")
    assert tiny.source == "package rembuk-tiny-pack 0.1.0"
    assert tiny.folder == on_sys_path / PACKAGE
    assert problems == []


def test_an_installed_pack_is_used_by_slug(on_sys_path: Path, kupang: Rembuk) -> None:
    pack = load_pack("tiny")
    assert (pack.page.paper, pack.source) == ("F4", "package rembuk-tiny-pack 0.1.0")
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        text = text_of(rembuk_docs.render_bytes(kupang, "kesepakatan", fmt, format_pack="tiny"))
        assert text.startswith("PEMERINTAH KABUPATEN CONTOH PERNYATAAN BERSAMA")
        assert "Demikian pernyataan bersama ini dibuat dari paket terpasang." in text
        notulen = text_of(rembuk_docs.render_bytes(kupang, "notulen", fmt, format_pack="tiny"))
        assert notulen.startswith("PEMERINTAH KABUPATEN CONTOH DINAS UJI COBA PAKET NOTULEN")


def test_a_folder_pack_may_extend_an_installed_one(on_sys_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "anak"
    folder.mkdir()
    (folder / "format.toml").write_text('extends = "tiny"\n[page]\npaper = "A4"\n')
    pack = load_pack(folder)
    assert pack.kop.government == "PEMERINTAH KABUPATEN CONTOH" and pack.page.paper == "A4"
    assert pack.extends == ("tiny", "default")


def test_a_broken_entry_point_is_reported_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    info = tmp_path / "broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[rembuk_docs.formats]\nrusak = no_such_module_here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    packs, problems = available_packs()
    assert "rusak" not in {location.slug for location in packs}
    (problem,) = problems
    assert problem.location == "package broken 1.0, entry point rusak = no_such_module_here"
    assert problem.id == "pack.plugin_unusable"
    with use_language("id"):
        assert "perbarui atau copot paket itu" in problem.message
        assert "ModuleNotFoundError" not in problem.message and "module" not in problem.message
    with use_language("en"):
        assert "ModuleNotFoundError: No module named 'no_such_module_here'" in problem.message
    assert main(["formats", "list"]) == 0
    captured = capsys.readouterr()
    assert "kupang" in captured.out and "peringatan: package broken 1.0" in captured.err


def _wheel(folder: Path) -> Path:
    name, version, _ = _metadata()
    stem = f"{name.replace('-', '_')}-{version}"
    files = _dist_files()
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{stem}.dist-info/RECORD,,")
    files[f"{stem}.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = folder / f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


@pytest.mark.skipif(
    shutil.which("pip") is None and importlib.util.find_spec("pip") is None, reason="pip missing"
)
def test_a_pip_installed_pack_package_is_found_and_used(tmp_path: Path) -> None:
    target = tmp_path / "installed"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(_wheel(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    assert (target / PACKAGE / "format.toml").is_file()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT / "src")])}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "rembuk_docs", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )

    listing = run("formats", "list")
    assert listing.returncode == 0, listing.stderr
    line = next(row for row in listing.stdout.splitlines() if row.startswith("tiny "))
    assert "paket rembuk-tiny-pack 0.1.0" in line and str(target / PACKAGE) in line
    out = tmp_path / "out"
    rendered = run(
        "render",
        str(SAMPLES / "kupang-2022.yaml"),
        "--out",
        str(out),
        "--format-pack",
        "tiny",
        "--format",
        "pdf",
    )
    assert rendered.returncode == 0, rendered.stderr
    text = pdf_text((out / "kesepakatan.pdf").read_bytes())
    assert "PEMERINTAH KABUPATEN CONTOH" in text and "dari paket terpasang" in text
