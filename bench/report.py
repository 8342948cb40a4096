"""The suite's results as Markdown tables: documents, attendance lists, growth, start-up, memory,
and the targets with the figure that meets or misses each."""

from __future__ import annotations

import math
from typing import Any

NAMES = {
    "ours": "rembuk-docs",
    "reportlab": "reportlab Table",
    "python-docx": "python-docx add_row",
    "docxtpl": "docxtpl template",
    "libreoffice": "LibreOffice convert",
}
CASES = {"kesepakatan": "Kupang agreement", "pack": "Kupang pack (5 documents)"}


def _output(result: dict[str, Any]) -> str:
    if result["tool"] == "libreoffice":
        return "docx→pdf"
    return "+".join(result["formats"])


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f}"


def _times(factor: float) -> str:
    return f"{factor:.0f}x" if factor >= 10 else f"{factor:.1f}x"


def _ratio(ours: float | None, peer: float) -> str:
    """'0.012 (81x faster)': ours / peer, and how many times faster the faster one is."""
    if ours is None or peer <= 0 or ours <= 0:
        return ""
    if 0.9 <= ours / peer <= 1.1:
        return f"{ours / peer:.2f} (about the same)"
    if ours <= peer:
        return f"{ours / peer:.3f} (ours {_times(peer / ours)} faster)"
    return f"{ours / peer:.2f} (peer {_times(ours / peer)} faster)"


def _ours(results: list[dict[str, Any]], case: str, rows: int, fmt: str) -> float | None:
    for result in results:
        if (result["tool"], result["case"], result["rows"], result["formats"]) == (
            "ours",
            case,
            rows,
            [fmt],
        ):
            seconds: float = result["median"]
            return seconds
    return None


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def documents(results: list[dict[str, Any]]) -> list[str]:
    """One row per tool and output for the agreement and the pack."""
    rows = []
    for result in results:
        fmt = result["formats"][0] if len(result["formats"]) == 1 else None
        ratio = ""
        if result["tool"] != "ours" and fmt is not None:
            ratio = _ratio(_ours(results, result["case"], 0, fmt), result["median"])
        coverage = result.get("coverage")
        rows.append(
            [
                CASES[result["case"]],
                NAMES[result["tool"]],
                _output(result),
                f"{result['median'] * 1000:.0f}",
                f"{result['cpu'] * 1000:.0f}",
                str(len(result["times"])),
                _mb(result["peak_kb"]),
                str(result.get("pages") or ""),
                f"{coverage:.1%}" if coverage is not None else "",
                ratio,
            ]
        )
    header = [
        "content",
        "tool",
        "output",
        "median ms",
        "CPU ms",
        "runs",
        "peak RSS MB",
        "PDF pages",
        "words found",
        "ours / peer",
    ]
    return _table(header, rows)


def attendance(results: list[dict[str, Any]]) -> list[str]:
    """One row per size, tool and output for the attendance list."""
    rows = []
    for result in sorted(results, key=lambda r: (r["rows"], r["tool"] != "ours", r["tool"])):
        fmt = result["formats"][0]
        ratio = (
            ""
            if result["tool"] == "ours"
            else _ratio(_ours(results, "attendance", result["rows"], fmt), result["median"])
        )
        own = (result["peak_kb"] - result["ready_kb"]) if result["ready_kb"] else None
        rows.append(
            [
                f"{result['rows']:,}",
                NAMES[result["tool"]],
                _output(result),
                f"{result['median']:.3f}",
                f"{result['cpu']:.3f}",
                str(len(result["times"])),
                _mb(result["peak_kb"]),
                _mb(own) if own is not None else "",
                f"{result['bytes'] / 1024:.0f}",
                ratio,
            ]
        )
    header = [
        "rows",
        "tool",
        "output",
        "median s",
        "CPU s",
        "runs",
        "peak RSS MB",
        "of which render MB",
        "file KB",
        "ours / peer",
    ]
    return _table(header, rows)


def growth(
    results: list[dict[str, Any]], largest: int
) -> tuple[list[str], dict[tuple[str, str], float]]:
    """Each tool's growth exponent between its two largest sizes, and estimates where skipped."""
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for result in results:
        series.setdefault((result["tool"], _output(result)), []).append(
            (result["rows"], result["median"])
        )
    rows = []
    exponents: dict[tuple[str, str], float] = {}
    for (tool, output), points in series.items():
        points.sort()
        if len(points) < 2:
            continue
        (n1, t1), (n2, t2) = points[-2], points[-1]
        exponent = math.log(t2 / t1) / math.log(n2 / n1)
        exponents[tool, output] = exponent
        estimate = ""
        if n2 < largest:
            guess = t2 * (largest / n2) ** exponent
            ours = _ours(
                results, "attendance", largest, "pdf" if output.endswith("pdf") else "docx"
            )
            estimate = f"~{guess:.1f} s at {largest:,} rows (extrapolated; likely more)"
            if ours is not None:
                estimate += f"; ours / peer ~{ours / guess:.3f}"
        rows.append(
            [
                NAMES[tool],
                output,
                f"{n1:,} → {n2:,}",
                f"{t2 / t1:.1f}x",
                f"{exponent:.2f}",
                estimate,
            ]
        )
    header = ["tool", "output", "rows", "time ratio", "exponent (1 = linear)", "not run: estimate"]
    return _table(header, rows), exponents


def flat(samples: list[list[int]]) -> tuple[float, float]:
    """Growth over the second half of a batch: RSS in MB, and Python's allocated blocks in %."""
    middle = next(sample for sample in samples if sample[0] >= samples[-1][0] // 2)
    rss = (samples[-1][1] - middle[1]) / 1024
    blocks = (samples[-1][2] - middle[2]) / middle[2] * 100
    return rss, blocks


def batch(data: dict[str, Any]) -> list[str]:
    """RSS samples across the batch and what they show."""
    samples = data["samples"]
    rows = [[f"{packs:,}", f"{kb / 1024:.1f}", f"{blocks:,}"] for packs, kb, blocks in samples]
    lines = _table(["packs rendered", "RSS MB", "Python objects (allocated blocks)"], rows)
    rss, blocks = flat(samples)
    lines.append("")
    lines.append(
        f"After the first pack: {samples[1][1] / 1024:.1f} MB; after {samples[-1][0]:,}: "
        f"{samples[-1][1] / 1024:.1f} MB. Over the second half of the batch: RSS {rss:+.1f} MB, "
        f"Python objects {blocks:+.2f}%."
    )
    if data.get("trimmed_kb"):
        lines.append(
            f"After the batch, with glibc's free pages handed back (malloc_trim): "
            f"{data['trimmed_kb'] / 1024:.1f} MB."
        )
    lines.append(
        f"Median pack (5 documents x DOCX + PDF): {data['median'] * 1000:.0f} ms; "
        f"{data['count']:,} packs in {data['total']:.0f} s "
        f"({3600 / data['median']:,.0f} packs an hour on one core)."
    )
    return lines


def targets(results: dict[str, Any], exponents: dict[tuple[str, str], float]) -> list[str]:
    """Each target of the issue with its figure from this run."""
    lines = []

    def check(label: str, ok: bool, figure: str) -> None:
        lines.append(f"- {'met' if ok else 'MISSED'}: {label}: {figure}")

    documents_ = results.get("documents", [])
    ours_pdf = _ours(documents_, "kesepakatan", 0, "pdf")
    office = next(
        (
            r["median"]
            for r in documents_
            if r["tool"] == "libreoffice" and r["case"] == "kesepakatan"
        ),
        None,
    )
    if ours_pdf and office:
        check(
            "agreement PDF at least 20x faster than LibreOffice",
            office / ours_pdf >= 20,
            f"{office / ours_pdf:.0f}x ({ours_pdf * 1000:.0f} ms vs {office * 1000:.0f} ms)",
        )
    pack = next(
        (
            r
            for r in documents_
            if r["tool"] == "ours" and r["case"] == "pack" and len(r["formats"]) == 2
        ),
        None,
    )
    if pack:
        check(
            "full pack (5 x DOCX + PDF) under 300 ms warm",
            pack["median"] < 0.3,
            f"{pack['median'] * 1000:.0f} ms",
        )
    lists = results.get("attendance", [])
    sizes = sorted({r["rows"] for r in lists if r["tool"] == "ours"})
    if 10000 in sizes:
        for fmt, limit in (("pdf", 2.0), ("docx", 1.5)):
            seconds = _ours(lists, "attendance", 10000, fmt)
            result = next(
                r
                for r in lists
                if r["tool"] == "ours" and r["rows"] == 10000 and r["formats"] == [fmt]
            )
            check(
                f"10,000 rows as {fmt.upper()} under {limit} s, peak RSS under 150 MB",
                seconds is not None and seconds < limit and result["peak_kb"] < 150 * 1024,
                f"{seconds:.2f} s, {_mb(result['peak_kb'])} MB",
            )
            small = _ours(lists, "attendance", 1000, fmt)
            if small and seconds:
                check(
                    f"{fmt.upper()}: 10,000 rows at most 12x the time of 1,000",
                    seconds / small <= 12,
                    f"{seconds / small:.1f}x (exponent {exponents.get(('ours', fmt), float('nan')):.2f})",
                )
    if "startup" in results:
        seconds = results["startup"]["help"]
        check(
            "rembuk-docs --help under 300 ms",
            seconds < 0.3,
            f"{seconds * 1000:.0f} ms (bare python: {results['startup']['python'] * 1000:.0f} ms)",
        )
    if "batch" in results:
        data = results["batch"]
        rss, blocks = flat(data["samples"])
        first = data["samples"][1][1]
        trimmed = data.get("trimmed_kb") or 0
        check(
            "memory flat across the batch (second half: RSS under +2 MB, Python objects under +1%; "
            "in use after the batch no more than after the first pack)",
            rss < 2 and blocks < 1 and trimmed <= first,
            f"RSS {rss:+.1f} MB, Python objects {blocks:+.2f}%, in use {trimmed / 1024:.1f} MB "
            f"vs {first / 1024:.1f} MB after pack 1",
        )
    return lines


def render(results: dict[str, Any]) -> str:
    """The whole report."""
    options = results["options"]
    out = ["## Benchmark results", ""]
    out.extend(f"- {key}: {value}" for key, value in results["environment"].items())
    out.append(
        f"- command: python bench/suite.py (sizes {','.join(map(str, options['sizes']))}, "
        f"--peer-max-rows {options['peer_max_rows']}); took {results['seconds']:.0f} s"
    )
    exponents: dict[tuple[str, str], float] = {}
    if "documents" in results:
        out += ["", "### Kupang agreement and full pack", "", *documents(results["documents"])]
    if "attendance" in results:
        out += ["", "### Attendance list (daftar hadir)", "", *attendance(results["attendance"])]
        table, exponents = growth(results["attendance"], max(options["sizes"]))
        out += ["", "### Growth with the number of rows", "", *table]
    if "startup" in results:
        out += [
            "",
            "### Start-up",
            "",
            f"`python -m rembuk_docs --help`: {results['startup']['help'] * 1000:.0f} ms "
            f"(median of 10; `python -c pass`: {results['startup']['python'] * 1000:.0f} ms)",
        ]
    if "batch" in results:
        out += [
            "",
            f"### Memory across a batch of {results['batch']['count']:,} packs",
            "",
            *batch(results["batch"]),
        ]
    out += [
        "",
        "### Targets",
        "",
        *(targets(results, exponents) or ["- (none measured in this run)"]),
    ]
    if results["notes"]:
        out += ["", "### Notes", "", *(f"- {note}" for note in results["notes"])]
    return "\n".join(out) + "\n"
