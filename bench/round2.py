"""Benchmark of the round-two targets (issue 19), each figure CPU and wall, medians, fresh processes.

``python bench/round2.py`` from the project folder (about 4 minutes on a quiet 2-core machine;
``--quick`` for a smaller run). It measures:

- the full Kupang pack (6 documents x DOCX + PDF + paket.pdf), warm, and its parts;
- the daftar hadir of 10,000 and 100,000 rows as PDF and DOCX (one fresh process per render:
  peak RSS is that process's ``ru_maxrss``);
- reading and validating a 100,000-row attendee CSV (with and without the CLI's gc settings);
- a cold ``rembuk-docs render samples/kupang-2022.yaml --out DIR --bundle`` (fresh process, wall
  and CPU of the whole command, median of 5, bytecode compiled as an installed copy has it),
  with an empty disk cache (a first run ever) and with the cache a first run leaves;
- a batch of N made-up desa on 1 and 2 workers (a spawn process pool, as ``--jobs``): desa per
  second per core, the coordinator's CPU per desa, peak RSS per worker, and the rerun.

Every target is printed as met or MISSED with its figure. The load average is printed first and
last: the development machine is shared, so the medians and the CPU times are what to read.
Results go to stdout and ``bench/results/round2.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

PACK = r"""
import gc, json, sys, time, warnings
warnings.simplefilter("ignore")
import rembuk_docs
from rembuk_docs.rendering import render_files
rembuk = rembuk_docs.load("samples/kupang-2022.yaml")
def median(fn, runs):
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c); wall.append(time.perf_counter() - w)
    return sorted(cpu)[runs // 2] * 1000, sorted(wall)[runs // 2] * 1000
for _ in range(2):
    render_files(rembuk, bundle=True)
out = {}
for tuned in (False, True):
    if tuned:
        from rembuk_docs.runtime import tune_gc
        tune_gc()
    tag = "gc tuned" if tuned else "default gc"
    out[f"pack+bundle, {tag}"] = median(lambda: render_files(rembuk, bundle=True), 9)
    out[f"6 DOCX, {tag}"] = median(lambda: render_files(rembuk, formats=["docx"]), 9)
    out[f"6 PDF, {tag}"] = median(lambda: render_files(rembuk, formats=["pdf"]), 9)
    out[f"6 PDF + paket.pdf, {tag}"] = median(
        lambda: render_files(rembuk, formats=["pdf"], bundle=True), 9)
print(json.dumps(out))
"""

ROWS = r"""
import gc, json, resource, sys, time, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, "bench")
import workloads, rembuk_docs
rows, fmt, tuned = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
if tuned:
    from rembuk_docs.runtime import tune_gc
    tune_gc()
rembuk = workloads.attendance(rows)
rembuk_docs.render_bytes(workloads.attendance(50), "daftar-hadir", fmt)  # imports, fonts
c, w = time.process_time(), time.perf_counter()
data = rembuk_docs.render_bytes(rembuk, "daftar-hadir", fmt)
print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - w,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "kb": len(data) / 1024}))
"""

CSV = r"""
import csv, gc, json, sys, time
tuned = sys.argv[2] == "1"
if tuned:
    from rembuk_docs.runtime import tune_gc
    tune_gc()
from rembuk_docs.importing import load_attendees
load_attendees("samples/kayong-utara-2023-peserta.csv")
c, w = time.process_time(), time.perf_counter()
people = load_attendees(sys.argv[1])
print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - w,
                  "rows": len(people)}))
"""

BATCH = r"""
import json, multiprocessing, resource, sys, time
from concurrent.futures import ProcessPoolExecutor
from rembuk_docs.batch import render_batch
from rembuk_docs.runtime import tune_gc
sheet, activities, out, jobs, template = sys.argv[1:6]
jobs = int(jobs)
tune_gc()
def run():
    if jobs == 1:
        return render_batch(sheet, template, out, activities=activities)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=tune_gc) as pool:
        return render_batch(sheet, template, out, activities=activities, executor=pool)
c, w = time.process_time(), time.perf_counter()
result = run()
cpu, wall = time.process_time() - c, time.perf_counter() - w
c, w = time.process_time(), time.perf_counter()
again = run()
print(json.dumps({
    "wall": wall, "coordinator_cpu": cpu, "rerun_wall": time.perf_counter() - w,
    "rerun_cpu": time.process_time() - c, "rendered": len(result.rendered),
    "failed": result.failed, "skipped": len(again.unchanged),
    "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "children_cpu": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                    + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,
}))
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def child(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=_env(),
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(run[key] for run in runs))


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _cold_run(env: dict[str, str]) -> tuple[float, float]:
    """CPU (the child's user + system) and wall seconds of one cold CLI render of Kupang."""
    with tempfile.TemporaryDirectory() as folder:
        before = os.times()
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rembuk_docs", "render", "samples/kupang-2022.yaml",
             "--out", folder, "--bundle"],
            capture_output=True,
            check=True,
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        wall = time.perf_counter() - start
        after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return cpu, wall


def cold_cli(runs: int) -> dict[str, dict[str, float]]:
    """A cold CLI render as an installed copy runs it: compiled bytecode present (pip compiles
    it; a PYTHONDONTWRITEBYTECODE environment would otherwise compile every module each time),
    once with an empty disk cache (the first run ever, ``REMBUK_DOCS_CACHE`` a new folder) and
    once with the cache a first run left. Runs alternate; medians of ``runs`` each."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in _env().items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        warm = {**env, "REMBUK_DOCS_CACHE": str(Path(scratch) / "cache")}
        _cold_run(warm)  # writes the bytecode and fills the warm cache
        taken: dict[str, list[tuple[float, float]]] = {"empty cache": [], "warm cache": []}
        for number in range(runs):
            empty = {**env, "REMBUK_DOCS_CACHE": str(Path(scratch) / f"empty-{number}")}
            taken["empty cache"].append(_cold_run(empty))
            taken["warm cache"].append(_cold_run(warm))
    return {
        name: {
            "cpu": statistics.median(cpu for cpu, _ in pairs),
            "wall": statistics.median(wall for _, wall in pairs),
        }
        for name, pairs in taken.items()
    }


def write_csv(path: Path, rows: int) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["No", "Nama", "Jabatan", "Instansi", "NIP"])
        for number in range(1, rows + 1):
            nip = f"19800101 200501 1 {number % 999 + 1:03d}" if number % 4 == 0 else ""
            writer.writerow(
                [
                    number,
                    f"Peserta Nomor {number}",
                    "Kepala Puskesmas",
                    f"Puskesmas {number % 17}",
                    nip,
                ]
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and desa")
    parser.add_argument("--desa", type=int, default=200, help="desa in the batch (default 200)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    results: dict[str, Any] = {"load_at_start": load()}
    print(f"load average at start: {results['load_at_start']}", flush=True)

    packs = [child(PACK) for _ in range(runs)]
    results["pack_ms"] = {
        key: [
            statistics.median(p[key][0] for p in packs),
            statistics.median(p[key][1] for p in packs),
        ]
        for key in packs[0]
    }
    print("\n| Kupang pack, warm | CPU ms | wall ms |\n|---|---|---|")
    for key, (cpu, wall) in results["pack_ms"].items():
        print(f"| {key} | {cpu:.0f} | {wall:.0f} |", flush=True)

    rows_results: dict[str, dict[str, float]] = {}
    sizes = (10_000, 100_000)
    for fmt in ("pdf", "docx"):
        for rows in sizes:
            for tuned in ("0", "1"):
                measured = [child(ROWS, str(rows), fmt, tuned) for _ in range(runs)]
                rows_results[f"{fmt} {rows} gc{tuned}"] = {
                    key: median_of(measured, key) for key in ("cpu", "wall", "rss_mb", "kb")
                }
    results["rows"] = rows_results
    print(
        "\n| daftar hadir | rows | gc | CPU s | wall s | peak RSS MB |\n|---|---|---|---|---|---|"
    )
    for key, value in rows_results.items():
        fmt, rows_text, tuned = key.split()
        gc_text = "tuned" if tuned == "gc1" else "default"
        print(
            f"| {fmt} | {int(rows_text):,} | {gc_text} | {value['cpu']:.2f} | {value['wall']:.2f} "
            f"| {value['rss_mb']:.0f} |",
            flush=True,
        )

    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "peserta.csv"
        write_csv(sheet, 100_000)
        results["csv"] = {
            tuned: {
                key: median_of([child(CSV, str(sheet), tuned) for _ in range(runs)], key)
                for key in ("cpu", "wall")
            }
            for tuned in ("0", "1")
        }
    print("\n| 100,000-row CSV read + validated | CPU s | wall s |\n|---|---|---|")
    for tuned, value in results["csv"].items():
        print(
            f"| gc {'tuned' if tuned == '1' else 'default'} | {value['cpu']:.2f} | {value['wall']:.2f} |"
        )

    results["cold"] = cold_cli(5)
    for name, value in results["cold"].items():
        print(
            f"\ncold `rembuk-docs render kupang --bundle`, {name}: {value['wall']:.2f} s wall, "
            f"{value['cpu']:.2f} s CPU (median of 5, bytecode compiled)",
            flush=True,
        )

    from batch import TEMPLATE, make_sheet

    desa = 50 if args.quick else args.desa
    results["batch"] = {}
    with tempfile.TemporaryDirectory() as folder:
        sheet, activities = make_sheet(Path(folder), desa)
        for jobs in (1, 2):
            out = Path(folder) / f"out{jobs}"
            figures = child(BATCH, str(sheet), str(activities), str(out), str(jobs), str(TEMPLATE))
            results["batch"][str(jobs)] = figures
    print(
        "\n| batch | desa | wall s | desa/s | desa/s per core | coordinator CPU ms/desa "
        "| worker peak RSS MB | rerun s |\n|---|---|---|---|---|---|---|---|"
    )
    for jobs, figures in results["batch"].items():
        rate = figures["rendered"] / figures["wall"]
        coordinator = figures["coordinator_cpu"] / desa * 1000
        if jobs == "1":  # one process renders and coordinates: its CPU is not the coordinator's
            coordinator_text = "(renders too)"
            worker = figures["parent_mb"]
        else:
            coordinator_text = f"{coordinator:.2f}"
            worker = figures["worker_mb"]
        print(
            f"| {jobs} worker(s) | {desa} | {figures['wall']:.1f} | {rate:.1f} | "
            f"{rate / int(jobs):.1f} | {coordinator_text} | {worker:.0f} | {figures['rerun_wall']:.2f} |"
        )

    results["load_at_end"] = load()
    print(f"\nload average at end: {results['load_at_end']}")
    print("\nTargets:")
    for line in targets(results):
        print(f"- {line}")
    target = ROOT / "bench" / "results" / "round2.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def targets(results: dict[str, Any]) -> list[str]:
    def flag(ok: bool) -> str:
        return "met" if ok else "MISSED"

    lines = []
    pack = results["pack_ms"]["pack+bundle, gc tuned"][0]
    lines.append(
        f"{flag(pack < 100)}: full Kupang pack + paket.pdf under 100 ms CPU warm: {pack:.0f} ms"
    )
    rows = results["rows"]
    pdf10, pdf100 = rows["pdf 10000 gc1"], rows["pdf 100000 gc1"]
    ratio = pdf100["cpu"] / pdf10["cpu"]
    lines.append(f"{flag(ratio <= 10.5)}: PDF 10k -> 100k at most 10.5x: {ratio:.1f}x")
    lines.append(
        f"{flag(pdf100['cpu'] < 6 and pdf100['rss_mb'] < 300)}: PDF 100k rows under 6 s CPU and "
        f"300 MB: {pdf100['cpu']:.2f} s, {pdf100['rss_mb']:.0f} MB"
    )
    docx100 = rows["docx 100000 gc1"]
    lines.append(
        f"{flag(docx100['cpu'] < 0.8 and docx100['rss_mb'] < 250)}: DOCX 100k rows under 0.8 s and "
        f"250 MB: {docx100['cpu']:.2f} s, {docx100['rss_mb']:.0f} MB"
    )
    csv_cpu = results["csv"]["1"]["cpu"]
    lines.append(
        f"{flag(csv_cpu < 0.6)}: 100k-row CSV read + validated under 0.6 s: {csv_cpu:.2f} s"
    )
    for name, value in results["cold"].items():
        cold = value["wall"]
        lines.append(
            f"{flag(cold < 0.5)}: cold CLI render --bundle under 0.5 s wall ({name}): {cold:.2f} s"
        )
    two = results["batch"]["2"]
    per_desa = two["coordinator_cpu"] / max(1, two["rendered"] + two["failed"]) * 1000
    lines.append(f"{flag(per_desa < 1)}: coordinator CPU under 1 ms per desa: {per_desa:.2f} ms")
    lines.append(
        f"{flag(two['worker_mb'] < 120)}: peak RSS per worker under 120 MB: {two['worker_mb']:.0f} MB"
    )
    return lines


if __name__ == "__main__":
    sys.exit(main())
