"""The web app's forms for the rest of the paperwork, through Starlette's test client: the
'Mengetahui' of the kesepakatan, the daftar hadir's columns (No. HP, L/P), the undangan, the
lokus list, the rencana kegiatan (pasted or uploaded, errors by row), the dokumentasi photos
(uploaded, captioned, never a path from the request), and the tables for the Aksi Bangda upload
(a page download, ``POST /api/export`` and :func:`rembuk_docs.export_bytes`)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("multipart", reason="the web extra is not installed: pip install -e '.[web]'")

from starlette.testclient import TestClient

import rembuk_docs
from rembuk_docs.web.app import Settings, create_app

from conftest import SAMPLES, pdf_text

KUPANG = (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
PLAN = SAMPLES / "kupang-2022-rencana-kegiatan.csv"
HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(
        tmp_path_factory.mktemp("web-data"), allowed_hosts={"testserver"}, workers=1
    )
    with TestClient(create_app(settings), follow_redirects=False) as test_client:
        yield test_client


def csrf_of(client: TestClient) -> str:
    match = re.search(r'name="_csrf" value="([0-9a-f]{64})"', client.get("/").text)
    assert match
    return match.group(1)


def open_yaml(client: TestClient, text: str = KUPANG) -> str:
    response = client.post(
        "/buka",
        data={"_csrf": csrf_of(client)},
        files={"definition": ("kupang.yaml", text.encode("utf-8"), "application/yaml")},
    )
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/")[2]


def draft_yaml(client: TestClient, draft: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(client.get(f"/d/{draft}/definisi.yaml").text)
    return data


def save(client: TestClient, draft: str, section: str, fields: dict[str, str]) -> str:
    response = client.post(
        f"/d/{draft}/{section}", data={"_csrf": csrf_of(client), **fields}, headers=HX
    )
    assert response.status_code == 200, response.text
    return response.text


def list_op(client: TestClient, draft: str, section: str, op: str) -> str:
    response = client.post(
        f"/d/{draft}/{section}/daftar", data={"_csrf": csrf_of(client), "_op": op}, headers=HX
    )
    assert response.status_code == 200, response.text
    return response.text


def slot(html: str, path: str) -> str:
    dom = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")
    match = re.search(
        rf'<div class="problems" id="p-{re.escape(dom)}"[^>]*>(.*?)</div>', html, re.S
    )
    assert match, f"no problem slot for {path}"
    return re.sub(r"<[^>]+>", " ", match.group(1)).strip()


def preview_text(client: TestClient, draft: str, document: str) -> str:
    pdf = client.get(f"/d/{draft}/pratinjau/{document}/dokumen.pdf")
    assert pdf.status_code == 200, pdf.text
    return pdf_text(pdf.content)


def jpeg(colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


# --- kesepakatan: Mengetahui ----------------------------------------------------------------------


def test_the_agreement_acknowledged_by_is_a_form_and_is_printed(client: TestClient) -> None:
    draft = open_yaml(client)
    page = client.get(f"/d/{draft}/kesepakatan").text
    assert 'name="agreement.acknowledged_by.name"' in page and "Mengetahui (opsional)" in page
    html = save(
        client,
        draft,
        "kesepakatan",
        {
            "agreement.acknowledged_by.role": "kepala_daerah",
            "agreement.acknowledged_by.name": "Korinus Masneno",
            "agreement.acknowledged_by.position": "Bupati Kupang",
            "agreement.acknowledged_by.nip": "19720315 199803 2 004",
        },
    )
    # a head of region has no NIP (Pasal 44): the problem is at that field, in Indonesian
    assert "NIP" in slot(html, "agreement.acknowledged_by.nip")
    html = save(client, draft, "kesepakatan", {"agreement.acknowledged_by.nip": ""})
    assert slot(html, "agreement.acknowledged_by.nip") == ""
    acknowledged = draft_yaml(client, draft)["agreement"]["acknowledged_by"]
    assert acknowledged == {
        "role": "kepala_daerah",
        "name": "Korinus Masneno",
        "position": "Bupati Kupang",
    }
    text = preview_text(client, draft, "kesepakatan")
    assert "Mengetahui" in text and "KORINUS MASNENO" in text.upper()


# --- daftar hadir: columns, No. HP and L/P --------------------------------------------------------


def test_attendance_columns_phone_and_sex_are_chosen_and_printed(client: TestClient) -> None:
    draft = open_yaml(client)
    pasted = (
        "Nama\tJabatan\tNo. HP\tL/P\tUnsur\n"
        "Yohanes Tse\tCamat Amarasi\t0812 3456 7890\tL\tKecamatan\n"
        "Maria Lenggu\tKepala Puskesmas\t0813 1111 2222\tP\tOPD\n"
    )
    response = client.post(
        f"/d/{draft}/peserta/impor", data={"_csrf": csrf_of(client), "pasted": pasted}, headers=HX
    )
    assert "2 peserta dimasukkan" in response.text
    for header in ("No. HP", "L/P", "Unsur"):
        assert f"<th>{header}</th>" in response.text
    assert "0812 3456 7890" in response.text and "Kecamatan" in response.text
    for _ in range(3):
        list_op(client, draft, "peserta", "add:attendance.columns")
    html = save(
        client,
        draft,
        "peserta",
        {
            "attendance.columns[0]": "nama",
            "attendance.columns[1]": "no_hp",
            "attendance.columns[2]": "jenis_kelamin",
        },
    )
    assert "Jenis kelamin (L/P)" in client.get(f"/d/{draft}/peserta").text
    assert draft_yaml(client, draft)["attendance"]["columns"] == ["nama", "no_hp", "jenis_kelamin"]
    assert "error" not in slot(html, "attendance.columns")
    text = preview_text(client, draft, "daftar-hadir")
    assert "0812 3456 7890" in text and "L/P" in text


# --- undangan --------------------------------------------------------------------------------------


def test_the_invitation_section_edits_and_previews_the_undangan(client: TestClient) -> None:
    draft = open_yaml(client)
    page = client.get(f"/d/{draft}/undangan")
    assert page.status_code == 200
    assert 'name="invitation.signatory.name"' in page.text
    assert 'value="005/118/BAPPEDA/VII/2022"' in page.text
    html = save(client, draft, "undangan", {"invitation.nature": "Penting"})
    assert draft_yaml(client, draft)["invitation"]["nature"] == "Penting"
    text = preview_text(client, draft, "undangan")
    assert "Penting" in text and "005/118/BAPPEDA/VII/2022" in text
    # an invitation without a signer: the problem is at the signer's group
    html = save(client, draft, "undangan", {"invitation.signatory.name": ""})
    assert slot(html, "invitation.signatory.name") or slot(html, "invitation.signatory")


# --- lampiran lokus --------------------------------------------------------------------------------


def test_lokus_villages_with_their_kecamatan_make_the_lampiran(client: TestClient) -> None:
    draft = open_yaml(client)
    data = draft_yaml(client, draft)
    index = len(data.get("priority_villages") or [])
    list_op(client, draft, "angka", "add:priority_villages")
    base = f"priority_villages[{index}]"
    list_op(client, draft, "angka", f"add:{base}.locations")
    list_op(client, draft, "angka", f"add:{base}.locations")
    save(
        client,
        draft,
        "angka",
        {
            f"{base}.year": "2023",
            f"{base}.decree": "Keputusan Bupati Kupang Nomor 188.45/53/2022",
            f"{base}.locations[0].name": "Oelnasi",
            f"{base}.locations[0].kecamatan": "Kupang Tengah",
            f"{base}.locations[1].name": "Baumata",
            f"{base}.locations[1].kecamatan": "Taebenu",
        },
    )
    lokus = draft_yaml(client, draft)["priority_villages"][index]
    assert lokus["locations"] == [
        {"name": "Oelnasi", "kecamatan": "Kupang Tengah"},
        {"name": "Baumata", "kecamatan": "Taebenu"},
    ]
    documents = client.get(f"/d/{draft}/dokumen").text
    assert "Lampiran desa lokus" in documents
    text = preview_text(client, draft, "lampiran-lokus")
    assert "Oelnasi" in text and "Taebenu" in text


# --- rencana kegiatan ------------------------------------------------------------------------------


def test_plan_rows_are_pasted_with_row_numbered_errors_then_edited(client: TestClient) -> None:
    draft = open_yaml(client)
    assert "tidak dibuat" in client.get(f"/d/{draft}/dokumen").text.lower()
    csrf = csrf_of(client)
    pasted = (
        "OPD\tProgram\tIntervensi\tPagu\n"
        "Dinas Kesehatan\tProgram Pemenuhan Upaya Kesehatan\tspesifik\tRp125.000.000\n"
        "Dinas Sosial\tProgram Perlindungan Sosial\tsensitif\tseratus juta\n"
    )
    response = client.post(
        f"/d/{draft}/rencana-kegiatan/impor", data={"_csrf": csrf, "pasted": pasted}
    )
    assert response.status_code == 422
    errors = re.search(r'id="plan-errors">(.*?)</div>', response.text, re.S)
    assert errors and "tempelan" in errors.group(1) and re.search(r"\b3\b", errors.group(1))
    assert "Pagu" in errors.group(1) and "/tmp" not in errors.group(1)
    assert "rencana_kegiatan" not in draft_yaml(client, draft)
    good = pasted.replace("seratus juta", "100000000")
    response = client.post(
        f"/d/{draft}/rencana-kegiatan/impor", data={"_csrf": csrf, "pasted": good}
    )
    assert response.status_code == 200 and "2 baris rencana kegiatan dimasukkan" in response.text
    assert 'name="rencana_kegiatan.items[1].budget"' in response.text
    rows = draft_yaml(client, draft)["rencana_kegiatan"]["items"]
    assert [row["opd"] for row in rows] == ["Dinas Kesehatan", "Dinas Sosial"]
    # a row edited in the form: its problem is at its field
    html = save(client, draft, "rencana-kegiatan", {"rencana_kegiatan.items[1].budget": "abc"})
    assert slot(html, "rencana_kegiatan.items[1].budget")
    html = save(client, draft, "rencana-kegiatan", {"rencana_kegiatan.items[1].budget": "2500000"})
    assert slot(html, "rencana_kegiatan.items[1].budget") == ""
    text = preview_text(client, draft, "rencana-kegiatan")
    assert "Dinas Sosial" in text and "2.500.000" in text


def test_a_plan_sheet_is_uploaded(client: TestClient) -> None:
    draft = open_yaml(client)
    response = client.post(
        f"/d/{draft}/rencana-kegiatan/impor",
        data={"_csrf": csrf_of(client)},
        files={"file": ("rencana.csv", PLAN.read_bytes(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    expected = rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=PLAN)
    assert expected.rencana_kegiatan is not None
    rows = draft_yaml(client, draft)["rencana_kegiatan"]["items"]
    assert len(rows) == len(expected.rencana_kegiatan.items)
    assert [r["program"] for r in rows] == [i.program for i in expected.rencana_kegiatan.items]


# --- dokumentasi -----------------------------------------------------------------------------------


def test_photos_are_uploaded_captioned_previewed_and_removed(client: TestClient) -> None:
    draft = open_yaml(client)
    response = client.post(
        f"/d/{draft}/dokumentasi/unggah",
        data={"_csrf": csrf_of(client)},
        files=[
            ("photos", ("01_pembukaan-acara.jpg", jpeg(), "image/jpeg")),
            ("photos", ("02_penandatanganan.jpg", jpeg((40, 90, 200)), "image/jpeg")),
            ("photos", ("catatan.txt", b"bukan foto", "text/plain")),
        ],
    )
    assert response.status_code == 422
    assert "2 foto ditambahkan" in response.text
    assert "catatan.txt: bukan foto JPG atau PNG" in response.text
    photos = draft_yaml(client, draft)["dokumentasi"]["photos"]
    assert [p["caption"] for p in photos] == ["Pembukaan acara", "Penandatanganan"]
    assert all(re.fullmatch(r"foto/[A-Za-z0-9_-]{22}\.jpg", p["path"]) for p in photos)
    image = client.get(f"/d/{draft}/{photos[0]['path']}")
    assert image.status_code == 200 and image.content.startswith(b"\xff\xd8")
    assert f'src="/d/{draft}/{photos[0]["path"]}"' in response.text
    save(
        client, draft, "dokumentasi", {"dokumentasi.photos[1].caption": "Penandatanganan komitmen"}
    )
    text = preview_text(client, draft, "dokumentasi")
    assert "Pembukaan acara" in text and "Penandatanganan komitmen" in text
    list_op(client, draft, "dokumentasi", "remove:dokumentasi.photos[0]")
    assert client.get(f"/d/{draft}/{photos[0]['path']}").status_code == 404  # deleted
    assert client.get(f"/d/{draft}/{photos[1]['path']}").status_code == 200
    assert client.get(f"/d/{draft}/foto/..%2Fsecret.key").status_code == 404


def test_photos_are_kept_in_the_data_folder_over_a_restart_and_go_into_the_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Uploaded photos are stored with the draft under --data (opaque names, nothing from the
    upload's file name on disk), survive a server restart, and the ZIP's dokumentasi (DOCX and
    PDF) carries them with their captions; a draft's photos are bounded in number and bytes."""
    from pypdf import PdfReader

    from rembuk_docs.web import store

    data = tmp_path / "data"
    settings = Settings(data, allowed_hosts={"testserver"}, workers=1)
    with TestClient(create_app(settings), follow_redirects=False) as first:
        draft = open_yaml(first)
        response = first.post(
            f"/d/{draft}/dokumentasi/unggah",
            data={"_csrf": csrf_of(first)},
            files=[
                ("photos", ("../../01_pembukaan-acara.jpg", jpeg(), "image/jpeg")),
                ("photos", ("02_penandatanganan.jpg", jpeg((40, 90, 200)), "image/jpeg")),
            ],
        )
        assert response.status_code == 200 and "2 foto ditambahkan" in response.text
        cookies = dict(first.cookies)
    stored = sorted(p for p in data.rglob("*.jpg"))
    assert len(stored) == 2 and all(data / "users" in p.parents for p in stored)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}\.jpg", p.name) for p in stored)
    assert (
        not list(data.rglob("*pembukaan*")) and not (tmp_path / "01_pembukaan-acara.jpg").exists()
    )

    with TestClient(create_app(settings), follow_redirects=False) as second:  # a restart
        second.cookies.update(cookies)
        photos = draft_yaml(second, draft)["dokumentasi"]["photos"]
        assert [p["caption"] for p in photos] == ["Pembukaan acara", "Penandatanganan"]
        page = second.get(f"/d/{draft}/dokumentasi").text
        assert all(f'src="/d/{draft}/{p["path"]}"' in page for p in photos)
        archive = second.get(f"/d/{draft}/unduh.zip")
        assert archive.status_code == 200, archive.text
        with zipfile.ZipFile(io.BytesIO(archive.content)) as files:
            names = files.namelist()
            assert {"dokumentasi.docx", "dokumentasi.pdf"} <= set(names)
            pdf = files.read("dokumentasi.pdf")
            with zipfile.ZipFile(io.BytesIO(files.read("dokumentasi.docx"))) as docx:
                media = [n for n in docx.namelist() if n.startswith("word/media/")]
                body = docx.read("word/document.xml").decode("utf-8")
        text = pdf_text(pdf)
        assert "Pembukaan acara" in text and "Penandatanganan" in text
        images = sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)
        assert images >= 2  # both photos (a kop emblem may add one more)
        assert len(media) >= 2 and "Pembukaan acara" in body

        # bounded: past the draft's byte budget a photo is refused with a message, not stored
        monkeypatch.setattr(store, "MAX_PHOTO_BYTES", sum(p.stat().st_size for p in stored) + 10)
        response = second.post(
            f"/d/{draft}/dokumentasi/unggah",
            data={"_csrf": csrf_of(second)},
            files=[("photos", ("03_diskusi.jpg", jpeg((10, 160, 60)), "image/jpeg"))],
        )
        assert response.status_code == 422
        assert "03_diskusi.jpg: foto pada draf ini sudah mencapai batas" in response.text
        assert len(list(data.rglob("*.jpg"))) == 2
        assert len(draft_yaml(second, draft)["dokumentasi"]["photos"]) == 2


def test_the_yaml_with_its_photos_goes_to_the_cli_and_opens_again(
    client: TestClient, tmp_path: Path
) -> None:
    """'Unduh YAML beserta foto' gives the YAML and foto/<id>.jpg beside it: unpacked, the
    library reads it with its photos as the CLI does; opened again in the app, the photos are
    stored anew and the dokumentasi prints them. A ZIP naming other places is not followed."""
    draft = open_yaml(client)
    client.post(
        f"/d/{draft}/dokumentasi/unggah",
        data={"_csrf": csrf_of(client)},
        files=[
            ("photos", ("01_pembukaan-acara.jpg", jpeg(), "image/jpeg")),
            ("photos", ("02_penandatanganan.jpg", jpeg((40, 90, 200)), "image/jpeg")),
        ],
    )
    assert 'id="unduh-yaml-foto"' in client.get(f"/d/{draft}/dokumen").text
    response = client.get(f"/d/{draft}/definisi.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        (definition,) = [n for n in names if n.endswith(".yaml")]
        assert len([n for n in names if n.startswith("foto/")]) == 2
        archive.extractall(tmp_path / "unduhan")
    loaded = rembuk_docs.load(tmp_path / "unduhan" / definition)  # as `rembuk-docs` reads it
    assert loaded.dokumentasi is not None
    assert [p.caption for p in loaded.dokumentasi.photos] == ["Pembukaan acara", "Penandatanganan"]
    assert all(p.path.is_file() for p in loaded.dokumentasi.photos)

    reopened = client.post(
        "/buka",
        data={"_csrf": csrf_of(client)},
        files={"definition": ("kupang-dengan-foto.zip", response.content, "application/zip")},
    )
    assert reopened.status_code == 303, reopened.text
    again = reopened.headers["location"].split("/")[2]
    photos = draft_yaml(client, again)["dokumentasi"]["photos"]
    before = draft_yaml(client, draft)["dokumentasi"]["photos"]
    assert {p["path"] for p in photos}.isdisjoint(p["path"] for p in before)  # stored anew
    assert all(client.get(f"/d/{again}/{p['path']}").status_code == 200 for p in photos)
    text = preview_text(client, again, "dokumentasi")
    assert "Pembukaan acara" in text and "Penandatanganan" in text

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bad:
        bad.writestr("a.yaml", KUPANG)
        bad.writestr("b.yaml", KUPANG)
    refused = client.post(
        "/buka",
        data={"_csrf": csrf_of(client)},
        files={"definition": ("dua.zip", buffer.getvalue(), "application/zip")},
    )
    assert refused.status_code == 422
    assert "tepat satu berkas .yaml" in refused.text


def test_photo_paths_from_an_opened_yaml_never_reach_the_disk(client: TestClient) -> None:
    text = KUPANG + (
        "\ndokumentasi:\n  photos:\n    - path: ../../secret.key\n      caption: Rahasia\n"
    )
    draft = open_yaml(client, text)
    html = client.get(f"/d/{draft}/dokumentasi").text
    assert "tidak diunggah lewat aplikasi web" in slot(html, "dokumentasi.photos[0]")


# --- tables for the Aksi Bangda upload (export) -----------------------------------------------------


def test_the_documents_page_downloads_the_tables(client: TestClient) -> None:
    from openpyxl import load_workbook

    draft = open_yaml(client)
    assert 'id="unduh-tabel"' in client.get(f"/d/{draft}/dokumen").text
    response = client.get(f"/d/{draft}/tabel.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    expected = rembuk_docs.export_bytes(rembuk_docs.load(SAMPLES / "kupang-2022.yaml"))
    assert book.sheetnames == load_workbook(io.BytesIO(expected[0][1])).sheetnames
    assert response.content == expected[0][1]


def test_api_export_gives_the_tables_the_cli_writes(client: TestClient, tmp_path: Path) -> None:
    files = {
        "definition": ("kupang.yaml", KUPANG.encode("utf-8")),
        "rencana_kegiatan": ("rencana.csv", PLAN.read_bytes()),
    }
    response = client.post("/api/export", data={"to": "json"}, files=files)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    out = tmp_path / "tabel.json"
    rembuk_docs.export_file(SAMPLES / "kupang-2022.yaml", "json", out, rencana_kegiatan=PLAN)
    assert json.loads(response.content) == json.loads(out.read_bytes())
    response = client.post("/api/export", data={"to": "csv"}, files=files)
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "rencana_kegiatan.csv" in archive.namelist()
    one = client.post("/api/export", data={"to": "csv", "tables": "kesepakatan"}, files=files)
    assert one.headers["content-type"].startswith("text/csv")
    assert "Pita LILA" in one.content.decode("utf-8-sig")
    bad = client.post("/api/export", data={"to": "pdf"}, files=files)
    assert bad.status_code == 422
    assert "xlsx" in bad.json()["problems"][0]["message"]
    invalid = client.post("/api/export", files={"definition": ("k.yaml", b"region: {}\n")})
    assert invalid.status_code == 422 and invalid.json()["valid"] is False


def test_export_bytes_is_public_and_matches_the_file_export(tmp_path: Path) -> None:
    from rembuk_docs import export as module

    assert rembuk_docs.export_bytes is module.export_bytes
    rembuk = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    out = tmp_path / "tabel.xlsx"
    rembuk_docs.export_file(SAMPLES / "kupang-2022.yaml", "xlsx", out)
    assert rembuk_docs.export_bytes(rembuk, "xlsx") == [("tabel.xlsx", out.read_bytes())]
    with pytest.raises(rembuk_docs.InputError, match="tidak ada tabel yang dapat diekspor"):
        rembuk_docs.export_bytes(rembuk, "csv", only=["rencana_kegiatan"])
