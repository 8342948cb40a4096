"""Benchmark: the rencana kegiatan matrix of 2,000 rows (issue 16: "2,000 rows render in seconds").

``python bench/rencana_kegiatan.py [--rows 2000] [--runs 3]`` loads a 2,000-row sheet (CSV),
composes the landscape matrix and writes it as DOCX and PDF, and prints the median CPU time of
each step and the PDF's pages. The target: each format under 5 s of CPU for 2,000 rows, and
the cost per row of 2,000 rows within twice that of 200 rows (linear, not quadratic).
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_CPU_S = 5.0
OPDS = ("Dinas Kesehatan", "Dinas PUPR", "Dinas PMD", "Dinas P2KB", "Dinas Sosial", "Bappeda")


def write_sheet(path: Path, rows: int) -> None:
    """A sheet of ``rows`` plan rows over six OPD, pagu written three ways."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "No",
                "OPD",
                "Program",
                "Kegiatan",
                "Sub Kegiatan",
                "Intervensi",
                "Sasaran",
                "Indikator",
                "Target",
                "Satuan",
                "Lokasi",
                "Pagu",
                "Sumber Dana",
            ]
        )
        for n in range(1, rows + 1):
            pagu = (f"Rp{n * 1000:,}".replace(",", "."), str(n * 1000), f"{n * 1000},00")[n % 3]
            writer.writerow(
                [
                    n,
                    OPDS[n % len(OPDS)],
                    f"Program Percepatan Penurunan Stunting {n}",
                    f"Kegiatan pendampingan keluarga berisiko {n}",
                    f"Sub kegiatan {n}",
                    ("spesifik", "sensitif", "pendukung")[n % 3],
                    "Baduta dan ibu hamil KEK",
                    "Persentase sasaran yang mendapat layanan",
                    10 + n % 90,
                    "orang",
                    f"Desa Lokus {n % 10 + 1}",
                    pagu,
                    "APBD",
                ]
            )


def measure(rows: int, runs: int) -> dict[str, float]:
    import rembuk_docs
    from rembuk_docs.compose import composer
    from rembuk_docs.rendering import resolve_pack
    from rembuk_docs.writers import writer_for

    timings: dict[str, list[float]] = {"load": [], "compose": [], "docx": [], "pdf": []}
    pages = 0
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "rencana.csv"
        write_sheet(sheet, rows)
        for _ in range(runs):
            start = time.process_time()
            rembuk = rembuk_docs.load(ROOT / "samples" / "kupang-2022.yaml", rencana_kegiatan=sheet)
            timings["load"].append(time.process_time() - start)
            pack = resolve_pack(rembuk)
            start = time.process_time()
            document = composer("rencana-kegiatan")(rembuk, pack)
            timings["compose"].append(time.process_time() - start)
            for fmt in ("docx", "pdf"):
                start = time.process_time()
                data = writer_for(fmt, pack).write(document)
                timings[fmt].append(time.process_time() - start)
                if fmt == "pdf":
                    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page")
    result = {name: statistics.median(values) for name, values in timings.items()}
    result["pages"] = float(pages)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    measure(10, 1)  # warm up: fonts, the blank DOCX, imports
    small = measure(args.rows // 10, args.runs)
    big = measure(args.rows, args.runs)
    print(f"rencana kegiatan, median CPU seconds of {args.runs} runs")
    print(f"{'rows':>6} {'load':>7} {'compose':>8} {'docx':>7} {'pdf':>7} {'pages':>6}")
    for rows, figures in ((args.rows // 10, small), (args.rows, big)):
        print(
            f"{rows:>6} {figures['load']:>7.3f} {figures['compose']:>8.3f} "
            f"{figures['docx']:>7.3f} {figures['pdf']:>7.3f} {int(figures['pages']):>6}"
        )
    failed = False
    for fmt in ("docx", "pdf"):
        total = big["load"] + big["compose"] + big[fmt]
        ratio = (big[fmt] / args.rows) / max(small[fmt] / (args.rows // 10), 1e-9)
        verdict = "ok" if total < TARGET_CPU_S and ratio < 2.0 else "MISSED"
        failed |= verdict != "ok"
        print(
            f"{fmt}: {total:.2f} s CPU for {args.rows} rows (target {TARGET_CPU_S} s); "
            f"per-row cost ratio {ratio:.2f} against {args.rows // 10} rows (target < 2): {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
