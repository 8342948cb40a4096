"""A pack of files lands whole or not at all: full disks, folders in the way, killed runs."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.cli import main
from rembuk_docs.output import clean_stale_parts, write_file, write_files

from conftest import SAMPLES


def _listing(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _disk_full_after(monkeypatch: pytest.MonkeyPatch, good: int) -> None:
    """Let ``good`` files reach the disk, then fail every later fsync with ENOSPC."""
    real = os.fsync
    calls = {"n": 0}

    def fsync(handle: int) -> None:
        if stat.S_ISDIR(os.fstat(handle).st_mode):
            return real(handle)
        calls["n"] += 1
        if calls["n"] > good:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(handle)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_changes_nothing_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    old = {"a.docx": b"old docx", "a.pdf": b"old pdf"}
    for name, data in old.items():
        (folder / name).write_bytes(data)
    _disk_full_after(monkeypatch, 2)
    files = [("a.docx", b"new docx"), ("a.pdf", b"new pdf"), ("b.docx", b"x"), ("b.pdf", b"y")]
    with pytest.raises(OSError) as caught:
        write_files(folder, files)
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(folder / "b.docx")
    assert _listing(folder) == old
    assert sorted(os.listdir(folder)) == ["a.docx", "a.pdf"]  # no temporary file left


def test_a_folder_where_a_file_goes_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        write_files(tmp_path, [("a.docx", b"1"), ("a.pdf", b"2"), ("b.pdf", b"3")])
    assert caught.value.filename == str(tmp_path / "b.pdf")
    assert sorted(os.listdir(tmp_path)) == ["b.pdf"]


def test_a_failed_rename_puts_the_old_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / name).write_bytes(b"old " + name.encode())
    real = os.replace
    calls = {"n": 0}

    def replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".part"):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.EIO, "Input/output error")
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError) as caught:
        write_files(tmp_path, [("a", b"new a"), ("b", b"new b"), ("c", b"new c")])
    assert caught.value.filename == str(tmp_path / "c")
    assert _listing(tmp_path) == {"a": b"old a", "b": b"old b", "c": b"old c"}


def test_a_folder_made_for_a_failed_write_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full_after(monkeypatch, 0)
    with pytest.raises(OSError):
        write_files(tmp_path / "new", [("a", b"1")])
    assert not (tmp_path / "new").exists()


def test_stale_parts_of_our_naming_are_cleaned_and_others_are_not(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".kesepakatan.pdf.rembuk-{pid}-0a1b2c3d.part"
    live = tmp_path / f".kesepakatan.docx.rembuk-{os.getpid()}-0a1b2c3d.part"
    foreign = tmp_path / ".kesepakatan.pdf.part"
    for path in (stale, live, foreign):
        path.write_bytes(b"half")
    write_file(tmp_path / "kesepakatan.pdf", b"whole")
    assert not stale.exists()
    assert live.exists() and foreign.exists()
    assert (tmp_path / "kesepakatan.pdf").read_bytes() == b"whole"
    assert clean_stale_parts(tmp_path) == []


def test_a_killed_write_leaves_nothing_a_rerun_keeps(tmp_path: Path) -> None:
    script = (
        "import os, sys\n"
        "from rembuk_docs import output\n"
        "real = os.replace\n"
        "def die(*a): os._exit(9)\n"
        "os.replace = die\n"
        f"output.write_files({str(tmp_path)!r}, [('a.pdf', b'1'), ('a.docx', b'2')])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], check=False)
    assert run.returncode == 9
    assert any(name.endswith(".part") for name in os.listdir(tmp_path))
    write_files(tmp_path, [("a.pdf", b"3")])
    assert sorted(os.listdir(tmp_path)) == ["a.pdf"]


def test_render_on_a_full_disk_keeps_the_old_pack(
    kupang: Rembuk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    rembuk_docs.render(kupang, folder, documents=["kesepakatan", "notulen"])
    before = _listing(folder)
    _disk_full_after(monkeypatch, 3)
    with pytest.raises(OSError) as caught:
        rembuk_docs.render(kupang, folder, documents=["kesepakatan", "notulen"])
    assert caught.value.filename == str(folder / "notulen.pdf")
    assert _listing(folder) == before
    assert sorted(os.listdir(folder)) == sorted(before)


def test_cli_full_disk_exits_2_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _disk_full_after(monkeypatch, 1)
    folder = tmp_path / "out"
    code = main(
        ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(folder), "--only", "kesepakatan"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert str(folder / "kesepakatan.pdf") in err
    assert "disk penuh" in err and "No space left" not in err  # why, in the user's language
    assert not folder.exists()


def test_cli_folder_in_the_way_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    (folder / "notulen.docx").mkdir(parents=True)
    code = main(["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(folder)])
    assert code == 2
    assert str(folder / "notulen.docx") in capsys.readouterr().err
    assert os.listdir(folder) == ["notulen.docx"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOENT, "berkas atau folder tidak ditemukan"),
        (errno.EACCES, "tidak ada izin"),
        (errno.ENOSPC, "disk penuh"),
        (errno.EROFS, "hanya dapat dibaca"),
        (errno.EIO, "sistem berkas menolak (kode EIO)"),
    ],
)
def test_what_the_file_system_says_is_shown_in_indonesian(code: int, expected: str) -> None:
    from rembuk_docs.errors import os_reason

    shown = str(os_reason(OSError(code, os.strerror(code))))
    assert expected in shown and os.strerror(code) not in shown


def test_a_missing_pdf_to_verify_is_named_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rembuk_docs.cli import main

    assert main(["verify", str(tmp_path / "tidak-ada.pdf")]) == 2
    err = capsys.readouterr().err
    assert "tidak-ada.pdf: berkas atau folder tidak ditemukan" in err
    assert "No such file" not in err
