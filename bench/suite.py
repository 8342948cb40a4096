"""Benchmark suite: rembuk-docs against the tools people use today, on the same content.

Run from the project folder:  ``python bench/suite.py``  (about 3-4 minutes on 2 cores).

What it measures, each in a fresh process (``bench/child.py``), on one machine in one run:

- the Kupang agreement (kesepakatan) and the full Kupang pack (5 documents), and the attendance
  list (daftar hadir) with 100, 1,000 and 10,000 rows (``--sizes``);
- ours (``rembuk_docs.render_bytes``, composition included) against: a plain reportlab
  ``Table`` (``repeatRows=1``) in a SimpleDocTemplate, python-docx adding rows one by one,
  docxtpl rendering a Word template with a ``{%tr for %}`` row loop, and LibreOffice headless
  converting our own DOCX to PDF (skipped, with a note, when soffice is absent);
- wall time: the median of several runs after a warm-up; peak RSS of the process;
- the peers whose cost grows faster than the rows (reportlab Table, python-docx, LibreOffice)
  only up to ``--peer-max-rows`` rows: their growth exponent is printed instead, with an
  estimate for the larger sizes;
- ``rembuk-docs --help`` start-up; and 500 packs rendered in one process (``--batch``), the
  resident set sampled every 50, to show that memory stays flat.

Ratios are ours / peer on the same output format: 0.05 means ours takes 5% of the peer's time.
Results go to stdout (Markdown tables) and to bench/results/latest.json and latest.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import libreoffice
import report

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PEERS = ("reportlab", "python-docx", "docxtpl", "libreoffice")
SLOW_PEERS = ("reportlab", "python-docx", "libreoffice")  # cost grows faster than the rows
OUTPUT = {"reportlab": "pdf", "python-docx": "docx", "docxtpl": "docx", "libreoffice": "pdf"}
SECTIONS = ("startup", "documents", "attendance", "batch")


def _env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh process and return its report."""
    result = subprocess.run(
        [sys.executable, str(BENCH / "child.py"), json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"measurement {spec} failed:\n{result.stderr[-2000:]}")
    report_: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return {**spec, **report_}


def startup(runs: int) -> dict[str, float]:
    """Median wall seconds of ``python -m rembuk_docs --help`` and of a bare ``python -c pass``."""

    def median_of(command: list[str]) -> float:
        times = []
        for number in range(runs + 2):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=_env())
            if number >= 2:  # the first two warm the file cache
                times.append(time.perf_counter() - start)
        return statistics.median(times)

    return {
        "help": median_of([sys.executable, "-m", "rembuk_docs", "--help"]),
        "python": median_of([sys.executable, "-c", "pass"]),
    }


def _measure(spec: dict[str, Any], results: list[dict[str, Any]]) -> None:
    label = f"{spec['case']} {spec.get('rows') or ''} {spec['tool']} {'+'.join(spec['formats'])}"
    print(f"  measuring {label.strip()} ...", file=sys.stderr, flush=True)
    results.append(run_child(spec))


def documents_section(
    args: argparse.Namespace, tools: list[str], profile: Path
) -> list[dict[str, Any]]:
    """The Kupang agreement and the full Kupang pack, ours in each format and every peer."""
    results: list[dict[str, Any]] = []
    common = {"rows": 0, "warmup": 1, "budget": args.budget, "check": True, "profile": str(profile)}
    for case in ("kesepakatan", "pack"):
        for formats in (["pdf"], ["docx"], ["docx", "pdf"]):
            spec = {**common, "case": case, "tool": "ours", "formats": formats, "runs": args.runs}
            _measure(spec, results)
        for tool in tools:
            spec = {
                **common,
                "case": case,
                "tool": tool,
                "formats": [OUTPUT[tool]],
                "runs": args.peer_runs,
            }
            if tool == "libreoffice":
                spec["warmup"] = 1 if case == "kesepakatan" else 0  # the first creates the profile
            _measure(spec, results)
    return results


def attendance_section(
    args: argparse.Namespace, tools: list[str], profile: Path
) -> tuple[list[dict[str, Any]], list[str]]:
    """The attendance list at each size: ours in DOCX and PDF, the peers up to their cap."""
    results: list[dict[str, Any]] = []
    notes: list[str] = []
    sizes = sorted(args.sizes)
    capped = sorted({size for size in sizes if size <= args.peer_max_rows} | {args.peer_max_rows})
    capped = [size for size in capped if size <= max(sizes)]
    base = {"case": "attendance", "budget": args.budget, "profile": str(profile)}
    for size in sizes:
        for fmt in ("docx", "pdf"):
            spec = {
                **base,
                "rows": size,
                "tool": "ours",
                "formats": [fmt],
                "runs": args.runs,
                "warmup": 1,
                "check": size == sizes[0],
            }
            _measure(spec, results)
    for tool in tools:
        peer_sizes = capped if tool in SLOW_PEERS else sizes
        skipped = [size for size in sizes if size not in peer_sizes]
        if skipped:
            notes.append(
                f"{tool}: not run at {', '.join(f'{s:,}' for s in skipped)} rows (over "
                f"--peer-max-rows {args.peer_max_rows:,}); see its growth exponent and estimate"
            )
        for size in peer_sizes:
            spec = {
                **base,
                "rows": size,
                "tool": tool,
                "formats": [OUTPUT[tool]],
                "runs": args.peer_runs,
                "warmup": 0 if tool == "libreoffice" else 1,
                "check": size == peer_sizes[0],
            }
            _measure(spec, results)
    return results, notes


def batch_section(args: argparse.Namespace) -> dict[str, Any]:
    """Render the Kupang pack ``--batch`` times in one process; RSS every ``--batch-every``."""
    print(f"  rendering {args.batch} packs in one process ...", file=sys.stderr, flush=True)
    spec = {"tool": "batch", "count": args.batch, "every": args.batch_every}
    return run_child(spec)


def environment() -> dict[str, str]:
    """What the figures depend on: machine, Python and library versions, load at the start."""
    from importlib.metadata import PackageNotFoundError, version

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "absent"

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "machine": f"{os.cpu_count()} cores, {cpu}",
        "python": platform.python_version(),
        "libraries": ", ".join(
            f"{name} {package(name)}"
            for name in ("reportlab", "rl_accel", "python-docx", "docxtpl", "lxml", "pydantic")
        ),
        "libreoffice": libreoffice.version(),
        "load average at start": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000", help="attendance rows (default %(default)s)"
    )
    parser.add_argument(
        "--peer-max-rows",
        type=int,
        default=2000,
        help="largest list for the slow peers (default %(default)s)",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs of ours (default %(default)s)"
    )
    parser.add_argument(
        "--peer-runs", type=int, default=3, help="timed runs of a peer (default %(default)s)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=8.0,
        help="stop timing a measurement after this many seconds (default %(default)s)",
    )
    parser.add_argument(
        "--batch", type=int, default=500, help="packs in the memory run (0 to skip)"
    )
    parser.add_argument("--batch-every", type=int, default=50, help="packs between RSS samples")
    parser.add_argument("--peers", default=",".join(PEERS), help="peers to run, or 'none'")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"sections: {','.join(SECTIONS)}"
    )
    parser.add_argument(
        "--from-json",
        metavar="FILE",
        help="print the report of saved results (latest.json); run nothing",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(part) for part in args.sizes.split(",")]
    args.peers = [] if args.peers == "none" else [p for p in args.peers.split(",") if p]
    args.only = [part for part in args.only.split(",") if part]
    unknown = [p for p in args.peers if p not in PEERS] + [
        s for s in args.only if s not in SECTIONS
    ]
    if unknown:
        parser.error(f"unknown peer or section: {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the asked sections, print the tables, save the results."""
    args = parse_args(argv)
    if args.from_json:
        print(report.render(json.loads(Path(args.from_json).read_text(encoding="utf-8"))))
        return 0
    started = time.perf_counter()
    results: dict[str, Any] = {
        "environment": environment(),
        "options": {"sizes": args.sizes, "peer_max_rows": args.peer_max_rows},
        "notes": [],
    }
    tools = list(args.peers)
    if "libreoffice" in tools and libreoffice.soffice() is None:
        tools.remove("libreoffice")
        results["notes"].append("LibreOffice: skipped, soffice is not installed")
    with tempfile.TemporaryDirectory(prefix="rembuk-bench-lo-") as profile_dir:
        profile = Path(profile_dir)
        if "startup" in args.only:
            results["startup"] = startup(10)
        if "documents" in args.only:
            results["documents"] = documents_section(args, tools, profile)
        if "attendance" in args.only:
            results["attendance"], notes = attendance_section(args, tools, profile)
            results["notes"].extend(notes)
        if "batch" in args.only and args.batch > 0:
            results["batch"] = batch_section(args)
    results["seconds"] = time.perf_counter() - started
    text = report.render(results)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
