"""The README's "Panduan cepat": its set-up commands are the README's own, and its commands run."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section '{title}'"
    return match.group(1)


QUICK = section("Panduan cepat")


def shell_lines(text: str) -> list[str]:
    """The lines of the ```sh blocks of ``text``."""
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_quick_start_comes_first_and_is_indonesian() -> None:
    assert README.index("## Panduan cepat") < README.index("## What it is")
    for words in ("Pasang (sekali saja)", "source .venv/bin/activate", "Kode keluar"):
        assert words in QUICK


def test_the_set_up_commands_are_the_readmes_own() -> None:
    venv, install = shell_lines(QUICK)[:2]
    assert venv == "python3 -m venv .venv"
    setup = " ".join(shell_lines(section("Set up")))
    assert venv in setup and install in setup
    extras = re.fullmatch(r'\.venv/bin/pip install -e "\.\[([a-z,]+)\]"', install)
    assert extras, install
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert set(extras.group(1).split(",")) <= set(project["optional-dependencies"])
    assert "rembuk-docs" in project["scripts"]


def test_the_exit_codes_are_those_of_the_command_line() -> None:
    from rembuk_docs.messages import text, use_language

    with use_language("id"):
        epilog = text("cli.epilog")
    for code in ("0", "1", "2", "3"):
        assert f"| {code} |" in QUICK and code in epilog


def _command() -> list[str]:
    installed = Path(sys.executable).parent / "rembuk-docs"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "rembuk_docs"]


def test_baru_validate_render_run_as_written(tmp_path: Path) -> None:
    commands = [line for line in shell_lines(QUICK) if line.startswith(".venv/bin/rembuk-docs")]
    assert [shlex.split(line)[1] for line in commands] == ["baru", "validate", "render"]
    for line in commands:
        args = shlex.split(line)[1:]
        done = subprocess.run(
            [*_command(), *args], cwd=tmp_path, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, (line, done.stderr)
        assert "Traceback" not in done.stderr
    assert (tmp_path / "rembuk.yaml").is_file()
    produced = sorted(p.name for p in (tmp_path / "hasil").iterdir())
    assert "kesepakatan.pdf" in produced and "kesepakatan.docx" in produced


@pytest.mark.parametrize("mentioned", ["baru", "validate", "render", "serve"])
def test_every_command_it_mentions_exists(mentioned: str) -> None:
    from rembuk_docs.cli import build_parser

    assert f"rembuk-docs {mentioned}" in QUICK
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args([mentioned, "--help"])
    assert caught.value.code == 0


GUIDE = ROOT / "docs" / "panduan-sekretaris.md"


def test_the_guide_shows_pictures_that_exist_and_are_small() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", text)
    assert len(pictures) >= 6
    for picture in pictures:
        path = GUIDE.parent / picture
        assert path.is_file(), picture
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size < 150_000


def test_the_guides_commands_run(tmp_path: Path) -> None:
    lines = shell_lines(GUIDE.read_text(encoding="utf-8"))
    runnable = [line for line in lines if line.startswith(".venv/bin/rembuk-docs ")]
    assert len([line for line in runnable if " baru --" in line]) == 2
    for line in runnable:
        args = shlex.split(line)[1:]
        done = subprocess.run(
            [*_command(), *args], cwd=tmp_path, capture_output=True, text=True, timeout=300
        )
        if args == ["baru"]:  # the questions need a terminal; without one it says what to add
            assert done.returncode == 2 and "tambahkan --jenis, --nama, --provinsi" in done.stderr
            continue
        assert done.returncode == 0, (line, done.stderr)
    assert (tmp_path / "desa-oelnasi.yaml").is_file() and (tmp_path / "hasil").is_dir()
