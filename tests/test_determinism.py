"""Byte-identical output: the same input gives the same DOCX and PDF bytes in every process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from rembuk_docs import Rembuk

from conftest import SAMPLES

SCRIPT = """
import hashlib, json, sys, rembuk_docs
from rembuk_docs.compose.registry import pack_documents
out = {}
for stem in sys.argv[1:]:
    rembuk = rembuk_docs.load(f"{SAMPLES}/{stem}.yaml")
    for name in pack_documents(rembuk):
        for fmt in ("docx", "pdf"):
            data = rembuk_docs.render_bytes(rembuk, name, fmt)
            out[f"{stem}/{name}.{fmt}"] = hashlib.sha256(data).hexdigest()
    out[f"{stem}/paket.pdf"] = hashlib.sha256(rembuk_docs.render_bundle(rembuk)).hexdigest()
print(json.dumps(out))
"""


def _hashes(seed: str, *stems: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": "Asia/Jayapura" if seed == "1" else "UTC"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.replace("{SAMPLES}", str(SAMPLES)), *stems],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    hashes: dict[str, str] = json.loads(result.stdout)
    return hashes


def test_two_processes_write_identical_bytes() -> None:
    stems = ("kupang-2022", "kayong-utara-2023")
    first, second = _hashes("1", *stems), _hashes("2", *stems)
    assert len(first) == (6 * 2 + 1) + (6 * 2 + 1)  # Kupang its undangan, Kayong Utara its lokus
    assert first == second


def test_metadata_carries_the_document_date_not_the_clock(kupang: Rembuk) -> None:
    from docx import Document
    from pypdf import PdfReader

    import rembuk_docs

    pdf = PdfReader(io.BytesIO(rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")))
    assert pdf.metadata is not None
    assert pdf.metadata["/CreationDate"].startswith("D:20220725")
    props = Document(
        io.BytesIO(rembuk_docs.render_bytes(kupang, "kesepakatan", "docx"))
    ).core_properties
    assert props.created is not None and props.created.date().isoformat() == "2022-07-25"
