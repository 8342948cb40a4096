"""The content a new draft starts from: what a secretary must fill in, with the usual defaults."""

from __future__ import annotations

from typing import Any


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
