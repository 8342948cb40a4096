"""Determinism: concurrent renders give the bytes of a sequential render, no reportlab global is
touched, fonts are told apart by content, and the environment does not change the bytes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reportlab import rl_config

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.formats.resources import builtin_fonts_dir

from conftest import ROOT

JOBS = [
    (document, fmt)
    for document in ("kesepakatan", "lembar-tanda-tangan", "daftar-hadir", "berita-acara")
    for fmt in ("pdf", "docx")
]


def test_render_bytes_on_16_threads_equals_a_sequential_render(kupang: Rembuk) -> None:
    jobs = JOBS * 3
    with ThreadPoolExecutor(max_workers=16) as pool:
        threaded = list(pool.map(lambda job: rembuk_docs.render_bytes(kupang, *job), jobs))
    sequential = {job: rembuk_docs.render_bytes(kupang, *job) for job in JOBS}
    mismatched = [job for job, data in zip(jobs, threaded, strict=True) if data != sequential[job]]
    assert mismatched == []
    assert all(b"ASCII85Decode" not in data for data in threaded)


def test_first_renders_in_a_fresh_process_race_to_the_same_bytes() -> None:
    # fonts, the logo cache and the DOCX blanks are all initialised by the first renders, here
    # 16 at once; the sequential renders afterwards are the reference
    script = textwrap.dedent(
        """
        import warnings
        from concurrent.futures import ThreadPoolExecutor
        import rembuk_docs
        warnings.simplefilter("ignore")
        rembuk = rembuk_docs.load("samples/kupang-2022.yaml")
        jobs = [("kesepakatan", "pdf"), ("lembar-tanda-tangan", "pdf"), ("kesepakatan", "docx")] * 8
        with ThreadPoolExecutor(16) as pool:
            first = list(pool.map(lambda job: rembuk_docs.render_bytes(rembuk, *job), jobs))
        again = [rembuk_docs.render_bytes(rembuk, *job) for job in jobs]
        print(sum(a != b for a, b in zip(first, again)), len(set(first)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "3"]


def test_the_output_does_not_depend_on_reportlabs_global_a85_switch(kupang: Rembuk) -> None:
    expected = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    previous = rl_config.useA85
    try:
        for setting in (0, 1):
            rl_config.useA85 = setting
            assert rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf") == expected
            assert rl_config.useA85 == setting  # rendering leaves the host's setting alone
    finally:
        rl_config.useA85 = previous


def test_source_date_epoch_is_ignored() -> None:
    # the PDF's dates come from the definition; reportlab would seed the /ID from the variable
    script = textwrap.dedent(
        """
        import hashlib, warnings
        import rembuk_docs
        warnings.simplefilter("ignore")
        rembuk = rembuk_docs.load("samples/kupang-2022.yaml")
        files = rembuk_docs.render_files(rembuk, bundle=True, documents=["kesepakatan"])
        print(" ".join(hashlib.sha256(data).hexdigest() for _, data in files))
        """
    )
    outputs = set()
    for epoch in (None, "1700000000", "0"):
        env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
        if epoch is not None:
            env["SOURCE_DATE_EPOCH"] = epoch
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def _base_fonts(pdf: bytes) -> set[str]:
    """The embedded fonts' PostScript names, without the subset tags."""
    return {name.decode() for name in re.findall(rb"/BaseFont /[A-Z]{6}\+([\w-]+)", pdf)}


def test_a_pack_font_named_like_the_built_in_one_stays_in_its_pack(
    kupang: Rembuk, tmp_path: Path
) -> None:
    # the pack's 'LiberationSans-Regular.ttf' is really the bold face: fonts are registered by
    # content, so it neither replaces the built-in regular face nor is replaced by it
    fonts = builtin_fonts_dir()
    pack = tmp_path / "tebal"
    pack.mkdir()
    (pack / "format.toml").write_text('extends = "kupang"\n', encoding="utf-8")
    shutil.copy(fonts / "LiberationSans-Bold.ttf", pack / "LiberationSans-Regular.ttf")
    before = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    bold = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", format_pack=pack)
    after = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    assert before == after
    assert bold != before
    # the kesepakatan prints "stunting" in italics (the pack's [font] italic_terms)
    assert _base_fonts(before) == {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}
    assert _base_fonts(bold) == {"LiberationSans-Bold", "LiberationSans-Italic"}  # italic: built-in
    # the same files in another folder share the registration and give the same bytes
    twin = tmp_path / "kembar"
    shutil.copytree(pack, twin)
    assert rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf", format_pack=twin) == bold
