"""Pictures of the pages docs/panduan-sekretaris.md shows, from what `rembuk-docs baru` writes.

    .venv/bin/python scripts/make_guide_pictures.py

Writes docs/panduan/<document>-<page>.png at 50 dpi (small enough for the repository) with
pdftoppm, from the kabupaten definition and the desa definition of the guide's own commands.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "panduan"
KABUPATEN = ["--jenis", "kabupaten", "--nama", "Kupang", "--provinsi", "Nusa Tenggara Timur"]
DESA = ["--jenis", "desa", "--nama", "Oelnasi", "--provinsi", "Nusa Tenggara Timur"]
DESA += ["--kecamatan", "Kupang Tengah", "--kabupaten", "Kabupaten Kupang"]
PAGES = {  # (definition, document, page) -> picture
    ("kabupaten", "undangan", 1): "undangan-1",
    ("kabupaten", "kesepakatan", 1): "kesepakatan-1",
    ("kabupaten", "daftar-hadir", 1): "daftar-hadir-1",
    ("kabupaten", "notulen", 1): "notulen-1",
    ("kabupaten", "berita-acara", 1): "berita-acara-1",
    ("desa", "usulan-kegiatan", 1): "desa-usulan-kegiatan-1",
}


def main() -> int:
    command = [sys.executable, "-m", "rembuk_docs"]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for kind, flags in (("kabupaten", KABUPATEN), ("desa", DESA)):
            definition = folder / f"{kind}.yaml"
            new = [*command, "baru", *flags, "--tanggal", "2025-07-14", "--keluar", definition]
            subprocess.run(new, check=True, capture_output=True)
            render = [*command, "render", definition, "--out", folder / kind, "--format", "pdf"]
            subprocess.run(render, check=True, capture_output=True)
        for (kind, document, page), name in PAGES.items():
            pdf = folder / kind / f"{document}.pdf"
            target = OUT / name
            pdftoppm = ["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page)]
            subprocess.run([*pdftoppm, "-singlefile", pdf, target], check=True)
            print(target.with_suffix(".png").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
