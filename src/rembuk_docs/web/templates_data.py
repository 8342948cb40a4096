"""The content a new draft starts from: the definition `rembuk-docs baru` writes, or a blank one."""

from __future__ import annotations

from typing import Any

from ..starter import KINDS, StarterAnswers, default_day, starter_data
from ..starter.command import clean_kabupaten, clean_name, parse_day


def from_template(level: str, fields: dict[str, str]) -> dict[str, Any] | str:
    """The definition `rembuk-docs baru` writes for ``level`` and the home page's ``fields``
    (name, province, kecamatan, kabupaten, date), or what is missing, as a sentence to show."""
    if level not in KINDS:
        return "Contoh isian tersedia untuk kabupaten, kota dan desa; untuk kelurahan pilih Kosong."
    name = clean_name(fields.get("name", ""), level)
    province = " ".join(fields.get("province", "").split())
    kecamatan = clean_name(fields.get("kecamatan", ""), "kecamatan")
    kabupaten = clean_kabupaten(fields.get("kabupaten", ""))
    needed = [("nama wilayah", name), ("provinsi", province)]
    if level == "desa":
        needed += [("kecamatan", kecamatan), ("kabupaten/kota", kabupaten)]
    missing = [label for label, value in needed if not value]
    if missing:
        return f"Untuk memulai dengan contoh isian, isi {', '.join(missing)}."
    given = fields.get("date", "").strip()
    day = parse_day(given) if given else default_day()
    if day is None:
        return f"Tanggal '{given}' tidak sah; tulis TTTT-BB-HH, misalnya 2025-07-14."
    answers = StarterAnswers(level, name, province, day, kecamatan, kabupaten)
    return starter_data(answers)


def starter(level: str) -> dict[str, Any]:
    """A new definition for a ``level`` ('kabupaten', 'kota', 'desa' or 'kelurahan').

    It is deliberately incomplete (names, date, venue are blank), so that the editor shows at
    once what is still missing; the legal basis and the agreement's defaults are filled in.
    """
    village = level in ("desa", "kelurahan")
    data: dict[str, Any] = {
        "region": {"kind": level},
        "event": {
            "start": "09.00",
            "legal_basis": [
                "Peraturan Presiden Nomor 72 Tahun 2021 tentang Percepatan Penurunan Stunting"
            ],
        },
        "agreement": {"kind": "Kesepakatan Bersama", "pledges": [{}]},
        "signatories": [{"role": "non_asn" if village else "kepala_daerah"}],
    }
    if level == "desa":
        data["village"] = {"kepala_desa": {"role": "non_asn"}}
    return data
