"""One desa's definition: the template's shared part filled in with the desa's row and activities."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import FieldPath
from ..importing import _flag
from ..model.base import parse_date
from .sheet import Row
from .template import Template, fill

_NON_ASN = "non_asn"  # kepala desa, BPD chair and KPM are not civil servants (Pasal 44: no NIP)

# field path in the definition -> the desa sheet's field that set it
DESA_SOURCES: dict[FieldPath, str] = {
    ("region", "name"): "desa",
    ("region", "kecamatan"): "kecamatan",
    ("region", "kabupaten"): "kabupaten",
    ("village", "kepala_desa"): "kepala_desa",
    ("village", "pagu_dana_desa"): "pagu_dana_desa",
    ("village", "stunting_allocation"): "alokasi_stunting",
    ("village", "bpd_chair"): "ketua_bpd",
    ("village", "kpm"): "kpm",
    ("village", "fiscal_year"): "tahun_anggaran",
    ("event", "date"): "tanggal",
    ("event", "start"): "mulai",
    ("event", "end"): "selesai",
    ("event", "venue"): "tempat",
    ("organizer", "address"): "alamat",
    ("record", "number"): "nomor_berita_acara",
    ("agreement", "number"): "nomor_kesepakatan",
}
_OTHER_SOURCE = re.compile(r"(?i)lain(?:nya|-lain)?\s*[:(]\s*(.+?)\)?\s*")
_ACTIVITY_FIELDS = {
    "name": "kegiatan",
    "target_group": "sasaran",
    "volume": "volume",
    "unit": "satuan",
    "cost": "biaya",
    "source": "sumber_dana",
}


@dataclass
class Built:
    """A desa's definition as plain data, and where each of its row-given values came from.

    ``sources`` maps a field path of the definition (and so everything under it) to the row and
    the field of the sheet that set it; any other path comes from the template.
    """

    data: dict[str, Any]
    sources: dict[FieldPath, tuple[Row, str]] = field(default_factory=dict)

    def source(self, path: FieldPath) -> tuple[Row, str] | None:
        """The sheet row and field that set ``path``: its own, else its nearest ancestor's."""
        for length in range(len(path), 0, -1):
            found = self.sources.get(path[:length])
            if found is not None:
                return found
        return None


def build(template: Template, row: Row, activities: list[Row]) -> Built:
    """The definition of the desa on ``row``: template first, the row's values over it."""
    desa = row.text("desa")
    example = _flag(row.values.get("contoh")) is True
    shared = template.data
    kabupaten = row.text("kabupaten") or str((shared.get("region") or {}).get("kabupaten") or "")
    date = row.values.get("tanggal") or (shared.get("event") or {}).get("date")
    year = _year(date)
    fiscal = row.text("tahun_anggaran") or str(
        (shared.get("village") or {}).get("fiscal_year") or ""
    )
    placeholders = {
        "desa": desa,
        "kecamatan": row.text("kecamatan"),
        "kabupaten": kabupaten,
        "kepala_desa": row.text("kepala_desa"),
        "tahun": year,
        "tahun_anggaran": fiscal or (str(int(year) + 1) if year else ""),
    }
    data: dict[str, Any] = fill(copy.deepcopy(shared), {k: v for k, v in placeholders.items() if v})
    built = Built(data)
    for path, name in DESA_SOURCES.items():
        if name in row.values:
            built.sources[path] = (row, name)

    region = data.setdefault("region", {})
    region.update(kind="desa", name=row.values.get("desa"), kecamatan=row.values.get("kecamatan"))
    if kabupaten:
        region["kabupaten"] = kabupaten
    event = data.setdefault("event", {})
    event.setdefault("name", f"Rembuk Stunting Desa {desa}" + (f" Tahun {year}" if year else ""))
    for key, name in (
        ("date", "tanggal"),
        ("start", "mulai"),
        ("end", "selesai"),
        ("venue", "tempat"),
    ):
        if row.text(name):
            event[key] = row.values[name]
    event.setdefault("venue", f"Kantor Desa {desa}")

    village = data.setdefault("village", {})
    head = _person(row, "kepala_desa", f"Kepala Desa {desa}", example)
    event.setdefault("chair", head["position"])
    village["kepala_desa"] = head
    village["pagu_dana_desa"] = row.values.get("pagu_dana_desa")
    for key, name in (
        ("stunting_allocation", "alokasi_stunting"),
        ("fiscal_year", "tahun_anggaran"),
    ):
        if row.values.get(name) is not None:
            village[key] = row.values[name]
    signatories = [head]
    columns = ["kepala_desa"]  # the column each of the row's signatories comes from, in order
    if row.text("ketua_bpd"):
        bpd = _person(row, "ketua_bpd", f"Ketua BPD Desa {desa}", example)
        village["bpd_chair"] = bpd
        signatories.append(bpd)
        columns.append("ketua_bpd")
    if row.text("kpm"):
        village["kpm"] = _person(row, "kpm", f"Kader Pembangunan Manusia Desa {desa}", example)
        minutes = data.setdefault("minutes", {})
        if "notulis" not in minutes:
            minutes["notulis"] = village["kpm"]
            built.sources[("minutes", "notulis")] = (row, "kpm")
        signatories.append(village["kpm"])  # the participants' own signatory (domain.md 2.3)
        columns.append("kpm")
    data["signatories"] = signatories + list(data.get("signatories") or [])
    # the same people stand in other places of the definition: their problems point at the sheet
    built.sources[("attendance", "acknowledged_by")] = (row, "kepala_desa")
    for index, name in enumerate(columns):
        built.sources[("signatories", index)] = (row, name)
    if activities:
        village["activities"] = [
            _activity(activity, built, index) for index, activity in enumerate(activities)
        ]
        built.sources[("village", "activities")] = (activities[0], "biaya")
    data.setdefault("attendance", {}).setdefault("acknowledged_by", head)
    if row.text("camat"):
        record = data.setdefault("record", {})
        if not record.get("witnesses"):
            record["witnesses"] = [_camat(row, example)]
            witness: FieldPath = ("record", "witnesses", 0)
            built.sources[witness] = (row, "camat")
            for key, name in (("nip", "nip_camat"), ("rank", "pangkat_camat")):
                built.sources[(*witness, key)] = (row, name)
    for key, name in (("record", "nomor_berita_acara"), ("agreement", "nomor_kesepakatan")):
        if row.text(name):
            data.setdefault(key, {})["number"] = row.values[name]
    if row.text("alamat"):
        organizer = data.setdefault("organizer", {})
        organizer.setdefault("name", f"Desa {desa}")
        organizer["address"] = row.values["alamat"]
    return built


def _year(value: Any) -> str:
    """The year of a date as written, or '' when it is not a date (validation reports it)."""
    try:
        parsed = parse_date(value)
    except ValueError:
        return ""
    return str(parsed.year) if hasattr(parsed, "year") else ""


def _person(row: Row, name: str, position: str, example: bool) -> dict[str, Any]:
    person: dict[str, Any] = {"name": row.values.get(name), "position": position, "role": _NON_ASN}
    if example:
        person["example"] = True
    return person


def _camat(row: Row, example: bool) -> dict[str, Any]:
    """The camat as a witness: a civil servant, so with pangkat and NIP (Pasal 44)."""
    person: dict[str, Any] = {
        "name": row.values.get("camat"),
        "position": f"Camat {row.text('kecamatan')}",
        "role": "asn",
    }
    for key, column in (("nip", "nip_camat"), ("rank", "pangkat_camat")):
        if row.values.get(column) is not None:
            person[key] = row.values[column]
    if example:
        person["example"] = True
    return person


def _activity(activity: Row, built: Built, index: int) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for key, name in _ACTIVITY_FIELDS.items():
        value = activity.values.get(name)
        if value is not None:
            item[key] = value
        other = _OTHER_SOURCE.fullmatch(str(value)) if key == "source" and value else None
        if other:  # 'Lainnya: PADes' names the other source
            item["source"], item["source_name"] = "Lainnya", other.group(1)
        built.sources[("village", "activities", index, key)] = (activity, name)
    built.sources[("village", "activities", index)] = (activity, "kegiatan")
    return item
