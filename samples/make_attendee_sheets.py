"""Write kayong-utara-2023-peserta.xlsx and .csv from the attendees of kayong-utara-2023.yaml.

The two files are example input for ``rembuk-docs render ... --attendees FILE``: a secretary's
spreadsheet with Indonesian headers, a 'No' column (ignored on import) and the NIP typed as text.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

import rembuk_docs

HERE = Path(__file__).resolve().parent
HEADERS = ("No", "Nama", "Gelar Depan", "Gelar Belakang", "Jabatan", "Instansi", "NIP", "Contoh")


def rows(rembuk: rembuk_docs.Rembuk) -> list[list[str]]:
    """One row per attendee, in order, as the spreadsheet shows it."""
    return [
        [
            str(number),
            person.name,
            person.title_prefix or "",
            person.title_suffix or "",
            person.position or "",
            person.institution or "",
            person.nip or "",
            "ya" if person.example else "",
        ]
        for number, person in enumerate(rembuk.attendees, start=1)
    ]


def main() -> int:
    """Write both files next to the YAML; return 0."""
    rembuk = rembuk_docs.load(HERE / "kayong-utara-2023.yaml")
    data = rows(rembuk)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append(row)
    for cell in sheet["G"]:
        cell.number_format = "@"  # the NIP is text: as a number Excel keeps only 15 digits
    for column, width in zip("ABCDEFGH", (5, 24, 12, 16, 48, 36, 24, 8), strict=True):
        sheet.column_dimensions[column].width = width
    workbook.save(HERE / "kayong-utara-2023-peserta.xlsx")
    with (HERE / "kayong-utara-2023-peserta.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(data)
    print(f"{len(data)} attendees written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
