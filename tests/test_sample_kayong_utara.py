"""The Kayong Utara 2023 sample: the seed's figures, and every invented name marked as an example."""

from __future__ import annotations

from decimal import Decimal

import yaml

import rembuk_docs
from rembuk_docs.model import Scope

from conftest import SAMPLES

KAYONG = SAMPLES / "kayong-utara-2023.yaml"


def test_kayong_utara_carries_the_figures_of_the_seed() -> None:
    rembuk = rembuk_docs.load(KAYONG)
    local = {(p.source, p.year): p.value for p in rembuk.prevalence if p.scope is Scope.DAERAH}
    assert local == {("SSGI", 2021): Decimal("24.5"), ("SSGI", 2022): Decimal("25.1")}
    (target,) = rembuk.region_targets()
    # prevalence rose from 2021 to 2022; the 14% target for 2024 is below both, so it validates
    assert (target.year, target.value) == (2024, Decimal(14))
    (lokus,) = rembuk.priority_villages
    assert (lokus.year, lokus.total) == (2023, 10)
    assert any("Nomor 97 Tahun 2021" in basis for basis in rembuk.event.legal_basis)
    assert rembuk.event.timezone.value == "WIB"


def test_kayong_utara_lists_the_offices_of_the_seed_and_its_tpps_levels() -> None:
    positions = [p.position or "" for p in rembuk_docs.load(KAYONG).attendees]
    for office in (
        "Bupati Kayong Utara",
        "Wakil Bupati Kayong Utara",
        "Ketua DPRD Kabupaten Kayong Utara",
        "Kepala Kepolisian Resor Kayong Utara",
        "Kepala Kejaksaan Negeri Ketapang",
        "Komandan Kodim 1203/Ketapang",
        "Ketua Pengadilan Negeri Ketapang",
        "Kepala Perwakilan BKKBN Provinsi Kalimantan Barat",
        "Sekretaris Daerah Kabupaten Kayong Utara",
    ):
        assert office in positions
    assert sum(p.startswith("Camat ") for p in positions) == 6
    assert sum(p.startswith("Kepala Desa ") for p in positions) == 10
    # the seed lists the PKK chairs of the kecamatan and the desa, not of the kabupaten
    assert sum(p.startswith("Ketua Tim Penggerak PKK ") for p in positions) == 16
    assert not any("PKK Kabupaten" in p for p in positions)
    institutions = [p.institution or "" for p in rembuk_docs.load(KAYONG).attendees]
    assert sum(i.startswith("TPPS Kecamatan") for i in institutions) == 6
    assert sum(i.startswith("TPPS Desa") for i in institutions) == 10


def test_only_people_named_in_the_seed_go_without_the_example_mark() -> None:
    data = yaml.safe_load(KAYONG.read_text(encoding="utf-8"))
    people = [*data["signatories"], *data["attendees"], data["attendance"]["acknowledged_by"]]
    unmarked = {person["name"] for person in people if not person.get("example")}
    assert unmarked == {"Citra Duani"}  # the Bupati the article names


def test_the_schema_documents_the_attendance_settings() -> None:
    schema = rembuk_docs.Rembuk.model_json_schema()
    attendance = schema["$defs"]["Attendance"]["properties"]
    for key in ("title", "blank_rows", "show_nip", "acknowledged_by"):
        assert attendance[key].get("description"), key
    assert "signatories_file" in schema["properties"]
