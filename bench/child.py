"""One measurement, in a process of its own: ``python bench/child.py '<json spec>'`` prints JSON.

The process sets up (imports the tool's libraries, builds the definition, composes the peers'
input), renders ``warmup`` times untimed, then renders until it has ``runs`` timings or has spent
``budget`` seconds (at least once). Peak RSS is this process's ``ru_maxrss`` at the end (for
LibreOffice: the largest soffice process it started); 'ready' is the same just before the first
render, so the render's own share is the difference.
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import re
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import workloads

Job = Callable[[], list[bytes]]


def _load_writers() -> None:
    """Import both writers and their libraries, so that 'ready' counts them."""
    for name in ("rembuk_docs.writers.docx_writer", "rembuk_docs.writers.pdf_writer"):
        importlib.import_module(name)


def _ours(spec: dict[str, Any]) -> tuple[Job, list[Any]]:
    _load_writers()
    rembuk = workloads.definition(spec["case"], spec["rows"])
    formats = tuple(spec["formats"])
    documents, _ = workloads.composed(spec["case"], rembuk)
    return (lambda: workloads.render_ours(rembuk, spec["case"], formats)), documents


def _peer(spec: dict[str, Any]) -> tuple[Job, list[Any]]:
    rembuk = workloads.definition(spec["case"], spec["rows"])
    documents, pack = workloads.composed(spec["case"], rembuk)
    tool = spec["tool"]
    if tool == "reportlab":
        from peers import reportlab_pdf

        return (lambda: [reportlab_pdf(document, pack) for document in documents]), documents
    if tool == "python-docx":
        from peers import python_docx_docx

        return (lambda: [python_docx_docx(document, pack) for document in documents]), documents
    if tool == "docxtpl":
        import docxtpl_peer

        template = docxtpl_peer.build_template(pack)
        contexts = [docxtpl_peer.context(document) for document in documents]
        return (
            lambda: [docxtpl_peer.render_context(template, values) for values in contexts]
        ), documents
    raise ValueError(f"unknown tool {tool}")


def _libreoffice(spec: dict[str, Any], folder: Path) -> tuple[Job, list[Any]]:
    import libreoffice

    rembuk = workloads.definition(spec["case"], spec["rows"])
    documents, _ = workloads.composed(spec["case"], rembuk)
    names = workloads.documents(spec["case"])
    files = []
    for name, data in zip(
        names, workloads.render_ours(rembuk, spec["case"], ("docx",)), strict=True
    ):
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        files.append(path)
    profile = Path(spec["profile"])

    def job() -> list[bytes]:
        out = folder / "pdf"
        out.mkdir(exist_ok=True)
        return [path.read_bytes() for path in libreoffice.convert(files, out, profile)]

    return job, documents


def text_of(data: bytes) -> str:
    """The words of a PDF or DOCX file, for the content check."""
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    xml = re.sub(r"<w:(?:br|tab|cr)\b[^>]*/>|</w:p>|</w:tc>", " ", xml)
    text = re.sub(r"<[^>]+>", "", xml)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def coverage(documents: list[Any], outputs: list[bytes]) -> float:
    """The share of the documents' words (counted with repeats) found in each output, at worst."""
    from rembuk_docs.compose.blocks import document_text

    expected = Counter(
        word for d in documents for line in document_text(d) for word in line.split()
    )
    total = sum(expected.values())
    shares = []
    for kind in ("%PDF", "PK"):
        files = [data for data in outputs if data.startswith(kind.encode())]
        if not files:
            continue
        found = Counter(" ".join(text_of(data) for data in files).split())
        shares.append(sum(min(count, found[word]) for word, count in expected.items()) / total)
    return min(shares)


def pages(outputs: list[bytes]) -> int | None:
    """Pages of the PDF outputs (page objects counted), or ``None`` when there is no PDF."""
    pdfs = [data for data in outputs if data.startswith(b"%PDF")]
    if not pdfs:
        return None
    from pypdf import PdfReader

    return sum(len(PdfReader(io.BytesIO(data)).pages) for data in pdfs)


def _cpu(who: int) -> float:
    """CPU seconds (user + system) used so far by this process or by its finished children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _rss_kb() -> int:
    """Current resident set size in KB (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def batch(spec: dict[str, Any]) -> dict[str, Any]:
    """Render the Kupang pack (5 documents x DOCX and PDF) ``count`` times in this process,
    sampling the resident set after the first pack and every ``every`` packs."""
    _load_writers()
    rembuk = workloads.kupang()
    samples: list[tuple[int, int, int]] = [(0, _rss_kb(), sys.getallocatedblocks())]
    seconds = []
    for number in range(1, spec["count"] + 1):
        start = time.perf_counter()
        workloads.render_ours(rembuk, "pack", workloads.FORMATS)
        seconds.append(time.perf_counter() - start)
        if number in (1, 2, 5) or number % spec["every"] == 0:
            gc.collect()  # count live objects, not garbage waiting for the collector
            samples.append((number, _rss_kb(), sys.getallocatedblocks()))
    return {
        "samples": samples,
        "median": statistics.median(seconds),
        "total": sum(seconds),
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "trimmed_kb": _trimmed_rss_kb(),
    }


def _trimmed_rss_kb() -> int | None:
    """RSS after glibc hands its free pages back (``malloc_trim``): what is really in use.

    ``None`` where the C library has no ``malloc_trim`` (not glibc).
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is None:
        return None
    gc.collect()
    trim(0)
    return _rss_kb()


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Set up, warm up, time; return the timings, memory and a content check."""
    with tempfile.TemporaryDirectory(prefix="rembuk-bench-") as temporary:
        folder = Path(temporary)
        if spec["tool"] == "ours":
            job, documents = _ours(spec)
        elif spec["tool"] == "libreoffice":
            job, documents = _libreoffice(spec, folder)
        else:
            job, documents = _peer(spec)
        own = spec["tool"] != "libreoffice"
        who = resource.RUSAGE_SELF if own else resource.RUSAGE_CHILDREN
        ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for _ in range(spec["warmup"]):
            job()
        walls: list[float] = []
        cpus: list[float] = []
        while len(walls) < spec["runs"] and (not walls or sum(walls) < spec["budget"]):
            before = _cpu(who)
            start = time.perf_counter()
            outputs = job()
            walls.append(time.perf_counter() - start)
            cpus.append(_cpu(who) - before)
        peak = resource.getrusage(who).ru_maxrss
        report: dict[str, Any] = {
            "times": walls,
            "median": statistics.median(walls),
            "cpu": statistics.median(cpus),
            "peak_kb": peak,
            "ready_kb": ready if own else 0,
            "bytes": sum(len(data) for data in outputs),
            "files": len(outputs),
        }
        if spec.get("check"):
            report["coverage"] = coverage(documents, outputs)
            report["pages"] = pages(outputs)
    return report


def main() -> int:
    spec = json.loads(sys.argv[1])
    report = batch(spec) if spec["tool"] == "batch" else measure(spec)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
