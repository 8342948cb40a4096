"""Write the batch sample sheets: desa-kupang.csv, desa-kupang-kegiatan.csv and desa-kupang.xlsx.

The desa are the eight desa of Kecamatan Kupang Tengah, Kabupaten Kupang, as published. Every
other value is an EXAMPLE, invented to look plausible: the pagu Dana Desa, the allocations for
stunting, the activities and their costs, the dates, and every person's name (the 'contoh' column
marks them, so rendering warns until they are replaced). Usage: ``python samples/make_desa_sheets.py``.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
KECAMATAN = "Kupang Tengah"
NOTE = "contoh: pagu, alokasi dan nama bukan data resmi"

# desa (as published) | kepala desa, ketua BPD, KPM (invented) | pagu Dana Desa 2025, alokasi
# stunting (examples) | date of the rembuk (example)
DESA = [
    (
        "Mata Air",
        "Yeremias Bana",
        "Herman Lado",
        "Debora Tualaka",
        946_500_000,
        198_000_000,
        "2024-07-08",
    ),
    (
        "Noelbaki",
        "Agustinus Nope",
        "Matheos Sinlae",
        "Maria Seran",
        1_052_300_000,
        240_000_000,
        "2024-07-09",
    ),
    (
        "Oebelo",
        "Markus Selan",
        "Yakobus Funan",
        "Ester Ndun",
        912_800_000,
        185_000_000,
        "2024-07-10",
    ),
    (
        "Oelnasi",
        "Petrus Kolo",
        "Daniel Taneo",
        "Yuliana Bani",
        878_400_000,
        210_000_000,
        "2024-07-11",
    ),
    (
        "Oelpuah",
        "Yusuf Tefa",
        "Melkianus Lulu",
        "Sarlota Neno",
        934_100_000,
        195_000_000,
        "2024-07-15",
    ),
    (
        "Penfui Timur",
        "Simon Manu",
        "Obed Toto",
        "Rambu Kahi",
        1_098_700_000,
        230_000_000,
        "2024-07-16",
    ),
    (
        "Tanah Merah",
        "Lukas Boimau",
        "Frans Lopo",
        "Elisabeth Tse",
        1_013_600_000,
        225_000_000,
        "2024-07-17",
    ),
    (
        "Tarus",
        "Hendrik Kase",
        "Paulus Nubatonis",
        "Ribka Sabneno",
        1_185_000_000,
        261_000_000,
        "2024-07-18",
    ),
]
CAMAT = ("Yohanes Tlonaen", "19740518 200003 1 006", "Pembina (IV/a)")  # invented

# activity | target group | unit | share of the allocation | cost per unit (the volume follows)
ACTIVITIES = [
    (
        "Pemberian makanan tambahan (PMT) lokal bagi balita gizi kurang",
        "Balita gizi kurang",
        "orang",
        Decimal("0.30"),
    ),
    ("Kelas ibu hamil dan PMT bagi ibu hamil KEK", "Ibu hamil", "orang", Decimal("0.15")),
    ("Insentif kader posyandu", "Kader posyandu", "orang", Decimal("0.20")),
    ("Pembangunan jamban sehat keluarga", "Keluarga 1.000 HPK", "unit", Decimal("0.25")),
    (
        "Operasional Rumah Desa Sehat dan Kader Pembangunan Manusia",
        "Rumah tangga 1.000 HPK",
        "paket",
        None,
    ),
]
UNIT_COST = {"orang": 1_200_000, "unit": 4_500_000, "paket": None}
ADD_ACTIVITY = (
    "Penyediaan alat ukur antropometri posyandu",
    "Baduta dan balita",
    "set",
    7_500_000,
    "ADD",
)

DESA_HEADERS = (
    "No", "desa", "kecamatan", "kepala_desa", "ketua_bpd", "kpm", "camat", "nip_camat",
    "pangkat_camat", "pagu_dana_desa", "alokasi_stunting", "tanggal", "tahun_anggaran", "contoh",
    "keterangan",
)  # fmt: skip
ACTIVITY_HEADERS = (
    "desa",
    "kecamatan",
    "kegiatan",
    "sasaran",
    "volume",
    "satuan",
    "biaya",
    "sumber_dana",
)


def desa_rows() -> list[list[object]]:
    """One row per desa, as the DPMD's spreadsheet would hold it."""
    return [
        [number, desa, KECAMATAN, head, bpd, kpm, *CAMAT, pagu, allocation, day, 2025, "ya", NOTE]
        for number, (desa, head, bpd, kpm, pagu, allocation, day) in enumerate(DESA, start=1)
    ]


def activity_rows() -> list[list[object]]:
    """Five Dana Desa activities per desa adding up to its allocation, and one funded by ADD."""
    rows: list[list[object]] = []
    for desa, *_, allocation, _day in DESA:
        spent = 0
        for name, target, unit, share in ACTIVITIES:
            if share is None:
                cost, volume = allocation - spent, 1
            else:
                per_unit = UNIT_COST[unit]
                assert per_unit is not None
                volume = max(1, int(Decimal(allocation) * share / per_unit))
                cost = volume * per_unit
            spent += cost
            rows.append([desa, KECAMATAN, name, target, volume, unit, cost, "Dana Desa"])
        name, target, unit, cost, source = ADD_ACTIVITY
        rows.append([desa, KECAMATAN, name, target, 2, unit, cost, source])
    return rows


def main() -> int:
    """Write the three files next to this script; return 0."""
    with (HERE / "desa-kupang.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(DESA_HEADERS)
        writer.writerows(desa_rows())
    with (HERE / "desa-kupang-kegiatan.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ACTIVITY_HEADERS)
        writer.writerows(activity_rows())
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "desa"
    for title, headers, rows in (
        ("desa", DESA_HEADERS, desa_rows()),
        ("kegiatan", ACTIVITY_HEADERS, activity_rows()),
    ):
        target = sheet if title == "desa" else workbook.create_sheet(title)
        target.append(list(headers))
        for cell in target[1]:
            cell.font = Font(bold=True)
        for row in rows:
            if title == "desa":  # a real date cell, as a secretary types it
                row = [date.fromisoformat(v) if v == row[11] else v for v in row]
            target.append(row)
    for cell in sheet["H"][1:]:  # the NIP as text: a number keeps only 15 digits in Excel
        cell.number_format = "@"
    workbook.save(HERE / "desa-kupang.xlsx")
    print("wrote desa-kupang.csv, desa-kupang-kegiatan.csv and desa-kupang.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
