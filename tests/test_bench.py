"""The benchmark's peers render the same content as ours (bench/): every word, on the same pages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import ROOT

BENCH = ROOT / "bench"


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, ModuleType]]:
    """The bench modules, imported the way the suite's child process imports them."""
    sys.path.insert(0, str(BENCH))
    try:
        import child
        import docxtpl_peer
        import peers
        import workloads

        yield {"child": child, "docxtpl": docxtpl_peer, "peers": peers, "workloads": workloads}
    finally:
        sys.path.remove(str(BENCH))


def _outputs(bench: dict[str, ModuleType], case: str, rows: int) -> dict[str, Any]:
    workloads, peers, docxtpl = bench["workloads"], bench["peers"], bench["docxtpl"]
    rembuk = workloads.definition(case, rows)
    documents, pack = workloads.composed(case, rembuk)
    template = docxtpl.build_template(pack)
    return {
        "documents": documents,
        "ours": workloads.render_ours(rembuk, case, ("docx", "pdf")),
        "reportlab": [peers.reportlab_pdf(document, pack) for document in documents],
        "python-docx": [peers.python_docx_docx(document, pack) for document in documents],
        "docxtpl": [docxtpl.render(template, document) for document in documents],
    }


@pytest.mark.parametrize(("case", "rows"), [("kesepakatan", 0), ("attendance", 25)])
def test_every_tool_carries_every_word_of_the_document(
    bench: dict[str, ModuleType], case: str, rows: int
) -> None:
    outputs = _outputs(bench, case, rows)
    for tool in ("ours", "reportlab", "python-docx", "docxtpl"):
        assert bench["child"].coverage(outputs["documents"], outputs[tool]) == 1.0, tool


def test_the_attendance_workload_has_exactly_the_asked_rows(bench: dict[str, ModuleType]) -> None:
    workloads = bench["workloads"]
    (document,), _ = workloads.composed("attendance", workloads.definition("attendance", 40))
    table = document.blocks[-1]
    assert len(table.rows) == 40
    assert [column.title for column in table.columns] == [
        "No",
        "Nama",
        "Jabatan / Instansi",
        "Tanda Tangan",
    ]
    assert table.rows[-1][0] == "40" and table.rows[-1][1].startswith("Peserta Nomor 40")


def test_the_docxtpl_template_loops_over_table_rows(bench: dict[str, ModuleType]) -> None:
    import io
    import zipfile

    workloads = bench["workloads"]
    _, pack = workloads.composed("kesepakatan", workloads.kupang())
    xml = zipfile.ZipFile(io.BytesIO(bench["docxtpl"].build_template(pack))).read(
        "word/document.xml"
    )
    assert b"{%tr for r in b.rows %}" in xml and b"{%tr endfor %}" in xml


def test_a_missing_word_lowers_the_coverage(bench: dict[str, ModuleType]) -> None:
    outputs = _outputs(bench, "kesepakatan", 0)
    (document,) = outputs["documents"]
    truncated = bench["peers"].python_docx_docx(
        type(document)(
            name=document.name,
            title=document.title,
            blocks=document.blocks[:-1],  # the signatures left out
            date=document.date,
        ),
        bench["workloads"].composed("kesepakatan", bench["workloads"].kupang())[1],
    )
    assert bench["child"].coverage(outputs["documents"], [truncated]) < 0.99


def test_the_rencana_kegiatan_workload_is_the_asked_rows_with_pagu_written_three_ways(
    tmp_path: Path,
) -> None:
    import csv
    from decimal import Decimal

    from rembuk_docs.plan_import import load_plan

    sys.path.insert(0, str(BENCH))
    try:
        import rencana_kegiatan
    finally:
        sys.path.remove(str(BENCH))
    sheet = tmp_path / "rencana.csv"
    rencana_kegiatan.write_sheet(sheet, 2000)
    with sheet.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 2000
    # the three ways a pagu is written
    assert [row["Pagu"] for row in rows[:3]] == ["1000", "2000,00", "Rp3.000"]
    items = load_plan(sheet)
    assert len(items) == 2000
    assert sum((item.budget for item in items), Decimal(0)) == Decimal(1000 * 2000 * 2001 // 2)
    assert len({item.opd for item in items}) == 6
