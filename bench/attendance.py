"""Benchmark: an attendance list (daftar hadir) of 100, 1,000 and 10,000 attendees, as DOCX and PDF.

Run ``python bench/attendance.py`` from the project folder (``--sizes 100,1000`` and ``--runs 3`` to
change what is measured). Each measurement runs in a fresh Python process, so that peak RSS is the
peak of that render alone: the process builds the definition, composes the list and writes the file
into memory (nothing is saved). Time is the median wall time of the render (composition and writing,
not the interpreter start nor building the definition). Peak RSS is the child's own ``ru_maxrss``
at the end (interpreter, libraries and definition included); 'before' is the same just before
the render started, so the render's own share is the difference.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
import rembuk_docs
from rembuk_docs import Attendee, Rembuk

size, fmt = int(sys.argv[1]), sys.argv[2]
base = rembuk_docs.load(sys.argv[3])
people = [
    Attendee(
        name=f"Peserta Nomor {n}",
        title_suffix="S.KM." if n % 3 == 0 else None,
        position="Kepala Puskesmas" if n % 2 else "Pengelola Program Gizi",
        institution=f"Puskesmas Kecamatan {n % 17 + 1}",
        nip=f"19800101 200501 {n % 2 + 1} {n % 999 + 1:03d}" if n % 4 == 0 else None,
    )
    for n in range(1, size + 1)
]
rembuk = base.model_copy(update={"attendees": people})
ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
data = rembuk_docs.render_bytes(rembuk, "daftar-hadir", fmt)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "bytes": len(data), "ready_kb": ready, "peak_kb": peak}))
"""


def measure(size: int, fmt: str) -> dict[str, float]:
    """Run one render in a fresh process; return its seconds, RSS before and peak (KB), bytes."""
    definition = ROOT / "samples" / "kayong-utara-2023.yaml"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(size), fmt, str(definition)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    report: dict[str, float] = json.loads(result.stdout)
    return report


def main() -> int:
    """Print a table of median seconds and peak RSS per size and format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",")]
    print(
        f"{'attendees':>9} {'format':>6} {'seconds':>8} {'peak MB':>8} {'before MB':>9} {'file KB':>8}"
    )
    results: dict[tuple[int, str], float] = {}
    for size in sizes:
        for fmt in ("docx", "pdf"):
            runs = [measure(size, fmt) for _ in range(args.runs)]
            seconds = statistics.median(run["seconds"] for run in runs)
            peak = max(run["peak_kb"] for run in runs) / 1024
            ready = max(run["ready_kb"] for run in runs) / 1024
            results[size, fmt] = seconds
            print(
                f"{size:>9,} {fmt:>6} {seconds:>8.2f} {peak:>8.0f} {ready:>9.0f} "
                f"{runs[0]['bytes'] / 1024:>8.0f}"
            )
    for fmt in ("docx", "pdf"):
        if (1000, fmt) in results and (10000, fmt) in results:
            ratio = results[10000, fmt] / results[1000, fmt]
            print(f"{fmt}: 10,000 rows take {ratio:.1f}x the time of 1,000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
