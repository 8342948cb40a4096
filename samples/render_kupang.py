"""Render the Kupang 2022 agreement through the Python API into out/kupang-2022/."""

from __future__ import annotations

from pathlib import Path

import rembuk_docs

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    rembuk = rembuk_docs.load(HERE / "kupang-2022.yaml")
    for path in rembuk_docs.render(rembuk, Path("out") / "kupang-2022", formats=["docx", "pdf"]):
        print(path)
    # or one document as bytes, e.g. to send over HTTP:
    pdf = rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf")
    print(f"kesepakatan.pdf is {len(pdf):,} bytes")
