"""Benchmark: render 500 desa packs from one sheet with 1 and 2 jobs; packs per second and peak memory.

Run ``python bench/batch.py`` from the project folder (``--desa 200`` and ``--jobs 1,2,4`` change
what is measured). The sheet is made up: N desa named 'Contoh 001' ... in 10 kecamatan, each with
five activities, rendered with the sample template ``samples/rembuk-desa.yaml`` as DOCX and PDF
(10 files a desa) into a temporary folder on disk.

Each measurement runs in a fresh Python process that calls ``render_batch`` once: 'seconds' is
its wall time (reading the sheet, rendering, writing every file and manifest; not the interpreter
start), 'packs/s' is desa divided by that. Then the same batch runs again in the same folder,
where every pack is unchanged and skipped ('rerun s'). Peak RSS is ``ru_maxrss``: of the process
that runs the batch ('parent'; with 1 job it also renders) and of the largest worker process
('worker', with 2 or more jobs). For 2 or more jobs the batch gets a process pool of the 'spawn'
context as its executor, as ``--jobs`` makes one of the 'forkserver' context: the same workers,
but children of the measuring process, so that their peak RSS can be read.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "samples" / "rembuk-desa.yaml"

CHILD = r"""
import json, multiprocessing, resource, sys, time
from concurrent.futures import ProcessPoolExecutor
from rembuk_docs.batch import render_batch

sheet, activities, out, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def run():
    if jobs == 1:
        return render_batch(sheet, sys.argv[5], out, activities=activities)
    # the children of a spawn pool are this process's own, so RUSAGE_CHILDREN sees their peak
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        return render_batch(sheet, sys.argv[5], out, activities=activities, executor=pool,
                            max_pending=4 * jobs)

start = time.perf_counter()
result = run()
seconds = time.perf_counter() - start
start = time.perf_counter()
again = run()
rerun = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds, "rerun": rerun, "rendered": len(result.rendered), "failed": result.failed,
    "skipped": len(again.unchanged),
    "parent_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "worker_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""

ACTIVITIES = [
    (
        "Pemberian makanan tambahan (PMT) lokal bagi balita gizi kurang",
        "Balita",
        "orang",
        60_000_000,
    ),
    ("Kelas ibu hamil dan PMT bagi ibu hamil KEK", "Ibu hamil", "orang", 30_000_000),
    ("Insentif kader posyandu", "Kader posyandu", "orang", 40_000_000),
    ("Pembangunan jamban sehat keluarga", "Keluarga 1.000 HPK", "unit", 50_000_000),
    ("Operasional Rumah Desa Sehat", "Rumah tangga 1.000 HPK", "paket", 20_000_000),
]


def make_sheet(folder: Path, count: int) -> tuple[Path, Path]:
    """Write desa.csv and kegiatan.csv for ``count`` made-up desa; return both paths."""
    sheet, activities = folder / "desa.csv", folder / "kegiatan.csv"
    with (
        sheet.open("w", encoding="utf-8", newline="") as desa_file,
        activities.open("w", encoding="utf-8", newline="") as activity_file,
    ):
        desa_rows, activity_rows = csv.writer(desa_file), csv.writer(activity_file)
        desa_rows.writerow(
            ("desa", "kecamatan", "kepala_desa", "ketua_bpd", "kpm", "pagu_dana_desa",
             "alokasi_stunting", "tanggal")
        )  # fmt: skip
        activity_rows.writerow(
            ("desa", "kecamatan", "kegiatan", "sasaran", "volume", "satuan", "biaya")
        )
        for number in range(1, count + 1):
            desa, kecamatan = f"Contoh {number:03d}", f"Kecamatan {number % 10 + 1}"
            total = sum(cost for *_, cost in ACTIVITIES)
            desa_rows.writerow(
                (desa, kecamatan, f"Kepala {number}", f"Ketua BPD {number}", f"KPM {number}",
                 900_000_000, total, "2024-07-15")
            )  # fmt: skip
            for name, target, unit, cost in ACTIVITIES:
                activity_rows.writerow((desa, kecamatan, name, target, 10, unit, cost))
    return sheet, activities


def measure(sheet: Path, activities: Path, out: Path, jobs: int) -> dict[str, float]:
    """Run the batch (and its rerun) in a fresh process; return its figures."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(sheet),
            str(activities),
            str(out),
            str(jobs),
            str(TEMPLATE),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str]) -> int:
    """Print one line of figures per job count; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desa", type=int, default=500, help="number of desa (default 500)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    args = parser.parse_args(argv)
    print(f"{args.desa} desa, 10 files each (5 documents as DOCX and PDF); cpus: {os.cpu_count()}")
    print(
        f"{'jobs':>4} {'seconds':>8} {'packs/s':>8} {'rerun s':>8} {'parent MB':>10} {'worker MB':>10}"
    )
    with tempfile.TemporaryDirectory(prefix="rembuk-bench-") as temporary:
        folder = Path(temporary)
        sheet, activities = make_sheet(folder, args.desa)
        for jobs in (int(part) for part in args.jobs.split(",")):
            figures = measure(sheet, activities, folder / f"out-{jobs}", jobs)
            assert figures["rendered"] == args.desa and figures["skipped"] == args.desa, figures
            worker = f"{figures['worker_kb'] / 1024:10.0f}" if jobs > 1 else f"{'-':>10}"
            print(
                f"{jobs:>4} {figures['seconds']:8.1f} {args.desa / figures['seconds']:8.2f} "
                f"{figures['rerun']:8.2f} {figures['parent_kb'] / 1024:10.0f} {worker}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
