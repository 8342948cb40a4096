"""The web app's routes, through Starlette's test client: drafts, forms, problems at their field,
list operations, attendee import, previews, downloads, the HTTP API and the safety rules."""

from __future__ import annotations

import io
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
from rembuk_docs.web import engine
from rembuk_docs.web.app import Settings, create_app

from conftest import SAMPLES, docx_text, pdf_pages, pdf_text

KUPANG = (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
HX = {"HX-Request": "true"}


def make_client(data: Path, *, raise_errors: bool = True, **options: Any) -> TestClient:
    settings = Settings(data, allowed_hosts={"testserver"}, workers=1, **options)
    return TestClient(
        create_app(settings), follow_redirects=False, raise_server_exceptions=raise_errors
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-data")


@pytest.fixture(scope="module")
def client(data_dir: Path) -> Iterator[TestClient]:
    with make_client(data_dir) as test_client:
        yield test_client


def csrf_of(client: TestClient) -> str:
    page = client.get("/")
    match = re.search(r'name="_csrf" value="([0-9a-f]{64})"', page.text)
    assert match, "no CSRF token on the home page"
    return match.group(1)


def new_draft(client: TestClient, level: str = "kabupaten") -> str:
    response = client.post("/baru", data={"_csrf": csrf_of(client), "level": level})
    assert response.status_code == 303
    match = re.fullmatch(r"/d/([A-Za-z0-9_-]{22})/wilayah", response.headers["location"])
    assert match, response.headers["location"]
    return match.group(1)


def open_yaml(client: TestClient, text: str, name: str = "kupang.yaml") -> str:
    response = client.post(
        "/buka",
        data={"_csrf": csrf_of(client)},
        files={"definition": (name, text.encode("utf-8"), "application/yaml")},
    )
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/")[2]


def draft_yaml(client: TestClient, draft: str) -> dict[str, Any]:
    response = client.get(f"/d/{draft}/definisi.yaml")
    assert response.status_code == 200
    data: dict[str, Any] = yaml.safe_load(response.text)
    return data


def save(client: TestClient, draft: str, section: str, fields: dict[str, str]) -> str:
    response = client.post(
        f"/d/{draft}/{section}", data={"_csrf": csrf_of(client), **fields}, headers=HX
    )
    assert response.status_code == 200, response.text
    return response.text


def slot(html: str, path: str) -> str:
    """The text of the problem slot of ``path`` in a page or an out-of-band response."""
    dom = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")
    match = re.search(
        rf'<div class="problems" id="p-{re.escape(dom)}"[^>]*>(.*?)</div>', html, re.S
    )
    assert match, f"no problem slot for {path}"
    return re.sub(r"<[^>]+>", " ", match.group(1)).strip()


# --- pages and drafts ---------------------------------------------------------------------------


def test_home_is_indonesian_and_sets_a_user_cookie(data_dir: Path) -> None:
    with make_client(data_dir) as fresh:
        response = fresh.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Mulai definisi baru" in response.text and "Buka berkas YAML" in response.text
    assert "rembuk_pengguna" in response.headers["set-cookie"]
    assert "httponly" in response.headers["set-cookie"].lower()
    assert "/static/htmx.min.js" in response.text and "https://" not in response.text


def test_htmx_is_vendored_with_its_licence(client: TestClient) -> None:
    script = client.get("/static/htmx.min.js")
    assert script.status_code == 200 and script.text.startswith("var htmx=")
    licence = Path(rembuk_docs.__file__).parent / "web" / "static" / "htmx.LICENSE"
    assert "Zero-Clause BSD" in licence.read_text(encoding="utf-8")


def test_new_draft_is_saved_as_yaml_under_an_opaque_id(client: TestClient, data_dir: Path) -> None:
    draft = new_draft(client)
    files = list((data_dir / "users").glob(f"*/{draft}.yaml"))
    assert len(files) == 1
    assert yaml.safe_load(files[0].read_text(encoding="utf-8"))["region"] == {"kind": "kabupaten"}
    page = client.get(f"/d/{draft}/wilayah")
    assert page.status_code == 200
    assert 'name="region.name"' in page.text and "Wilayah dan penyelenggara" in page.text


@pytest.mark.parametrize(
    ("level", "fields"),
    [
        ("kabupaten", {"name": "Kupang", "province": "Nusa Tenggara Timur"}),
        ("kota", {"name": "Kota Bontang", "province": "Kalimantan Timur"}),
        (
            "desa",
            {
                "name": "Oelnasi",
                "province": "Nusa Tenggara Timur",
                "kecamatan": "Kupang Tengah",
                "kabupaten": "Kabupaten Kupang",
            },
        ),
    ],
)
def test_a_new_draft_from_the_template_is_what_baru_writes(
    client: TestClient, level: str, fields: dict[str, str]
) -> None:
    from datetime import date

    from rembuk_docs.starter import StarterAnswers, starter_data

    home = client.get("/")
    assert 'name="start" value="contoh" checked' in home.text
    posted = {"_csrf": csrf_of(client), "level": level, "start": "contoh", **fields}
    response = client.post("/baru", data={**posted, "date": "2025-08-14"})
    assert response.status_code == 303
    draft = response.headers["location"].split("/")[2]
    data = draft_yaml(client, draft)
    name = fields["name"].removeprefix("Kota ")
    answers = StarterAnswers(
        level,
        name,
        fields["province"],
        date(2025, 8, 14),
        fields.get("kecamatan", ""),
        fields.get("kabupaten", ""),
    )
    assert data == starter_data(answers)
    rembuk = rembuk_docs.from_dict(data)  # validates at once, as `baru`'s file does
    assert rembuk.examples and rembuk.region.name == name
    # aliases are unshared: the kepala daerah signs and witnesses, each editable on its own
    assert data["signatories"][0] is not data.get("record", {}).get("witnesses", [None])[0]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"level": "kabupaten"}, "isi nama wilayah, provinsi"),
        ({"level": "desa", "name": "Oelnasi", "province": "NTT"}, "isi kecamatan, kabupaten/kota"),
        (
            {"level": "kelurahan", "name": "Oebobo", "province": "NTT"},
            "untuk kelurahan pilih Kosong",
        ),
        (
            {"level": "kota", "name": "Kupang", "province": "NTT", "date": "25-07-2025"},
            "Tanggal &#39;25-07-2025&#39; tidak sah",
        ),
    ],
)
def test_a_template_start_says_what_it_still_needs(
    client: TestClient, fields: dict[str, str], expected: str
) -> None:
    response = client.post("/baru", data={"_csrf": csrf_of(client), "start": "contoh", **fields})
    assert response.status_code == 422
    assert expected in response.text
    for value in fields.values():  # what was typed is kept
        assert f'value="{value}"' in response.text
    assert f'value="{fields["level"]}" checked' in response.text


def test_every_section_page_renders(client: TestClient) -> None:
    draft = open_yaml(client, KUPANG)
    for section in (
        "wilayah",
        "acara",
        "angka",
        "kesepakatan",
        "penandatangan",
        "peserta",
        "notulen",
        "berita-acara",
        "dokumen",
    ):
        response = client.get(f"/d/{draft}/{section}")
        assert response.status_code == 200, section
    pledges = client.get(f"/d/{draft}/kesepakatan").text
    assert pledges.count('name="agreement.pledges[') >= 13
    assert "Pita LILA" in pledges
    people = client.get(f"/d/{draft}/penandatangan").text
    assert "Pasal 44" in people and 'value="19720315 199803 2 004"' in people


def test_typing_saves_and_shows_the_problem_at_its_field(client: TestClient) -> None:
    draft = new_draft(client)
    response = save(client, draft, "wilayah", {"region.kind": "kabupaten", "region.name": "Kupang"})
    assert slot(response, "region.province"), "the missing province is not shown at its field"
    assert slot(response, "region.name") == ""
    assert draft_yaml(client, draft)["region"] == {"kind": "kabupaten", "name": "Kupang"}
    fixed = save(client, draft, "wilayah", {"region.province": "Nusa Tenggara Timur"})
    assert slot(fixed, "region.province") == ""


def test_a_bad_nip_is_shown_at_the_nip_field_and_goes_when_fixed(client: TestClient) -> None:
    draft = new_draft(client)
    fields = {
        "signatories[0].role": "asn",
        "signatories[0].name": "Maria Lenggu",
        "signatories[0].position": "Kepala Dinas Kesehatan",
        "signatories[0].nip": "19721315 199803 2 004",  # month 13
    }
    response = save(client, draft, "penandatangan", fields)
    assert "NIP" in slot(response, "signatories[0].nip")
    checked = engine.check_text(client.get(f"/d/{draft}/definisi.yaml").text)
    cli_paths = {p["path"] for p in checked.problems}
    assert "signatories[0].nip" in cli_paths  # the same problem the CLI reports
    fixed = save(
        client, draft, "penandatangan", {**fields, "signatories[0].nip": "19720315 199803 2 004"}
    )
    assert slot(fixed, "signatories[0].nip") == ""


def test_pledges_and_sub_items_are_added_reordered_and_removed(client: TestClient) -> None:
    draft = new_draft(client)
    csrf = csrf_of(client)

    def op(operation: str, **fields: str) -> str:
        response = client.post(
            f"/d/{draft}/kesepakatan/daftar",
            data={"_csrf": csrf, "_op": operation, **fields},
            headers=HX,
        )
        assert response.status_code == 200, response.text
        return response.text

    op("add:agreement.pledges", **{"agreement.pledges[0].text": "Pertama."})
    op("add:agreement.pledges[1].items", **{"agreement.pledges[1].text": "Kedua:"})
    op("add:agreement.pledges[1].items", **{"agreement.pledges[1].items[0]": "huruf a;"})
    html = op("down:agreement.pledges[0]", **{"agreement.pledges[1].items[1]": "huruf b."})
    assert 'name="agreement.pledges[0].items[1]"' in html
    pledges = draft_yaml(client, draft)["agreement"]["pledges"]
    assert pledges == [{"text": "Kedua:", "items": ["huruf a;", "huruf b."]}, {"text": "Pertama."}]
    op("up:agreement.pledges[0].items[1]")
    op("remove:agreement.pledges[1]")
    assert draft_yaml(client, draft)["agreement"]["pledges"] == [
        {"text": "Kedua:", "items": ["huruf b.", "huruf a;"]}
    ]
    bad = client.post(
        f"/d/{draft}/kesepakatan/daftar",
        data={"_csrf": csrf, "_op": "remove:../../etc"},
        headers=HX,
    )
    assert bad.status_code == 400


def test_attendees_are_pasted_with_row_numbered_errors(client: TestClient) -> None:
    draft = new_draft(client)
    csrf = csrf_of(client)
    pasted = "Nama\tJabatan\tNIP\nYohanes Tse\tCamat Amarasi\t\nAni\tStaf\t12345\n"
    response = client.post(
        f"/d/{draft}/peserta/impor", data={"_csrf": csrf, "pasted": pasted}, headers=HX
    )
    assert response.status_code == 200
    errors = re.search(r'id="import-errors">(.*?)</div>', response.text, re.S)
    assert errors and re.search(r"\b3\b", errors.group(1)) and "NIP" in errors.group(1)
    assert "tempelan" in errors.group(1) and "/tmp" not in errors.group(1)
    assert "attendees" not in draft_yaml(client, draft)
    good = pasted.replace("12345", "")
    response = client.post(
        f"/d/{draft}/peserta/impor", data={"_csrf": csrf, "pasted": good}, headers=HX
    )
    assert "2 peserta dimasukkan" in response.text
    assert [p["name"] for p in draft_yaml(client, draft)["attendees"]] == ["Yohanes Tse", "Ani"]


def test_attendees_upload_xlsx(client: TestClient) -> None:
    draft = new_draft(client)
    sheet = (SAMPLES / "kayong-utara-2023-peserta.xlsx").read_bytes()
    response = client.post(
        f"/d/{draft}/peserta/impor",
        data={"_csrf": csrf_of(client)},
        files={"file": ("peserta.xlsx", sheet, "application/octet-stream")},
        headers=HX,
    )
    assert response.status_code == 200
    expected = rembuk_docs.load_attendees(SAMPLES / "kayong-utara-2023-peserta.xlsx")
    people = draft_yaml(client, draft)["attendees"]
    assert [p["name"] for p in people] == [a.name for a in expected]


def people_sheet(path: Path, nip: str) -> bytes:
    """An attendee workbook as a dinas keeps it: a title row above the header, an extra
    'Keterangan' column, and the NIP in column C."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR HADIR REMBUK STUNTING"])
    sheet.append([])
    sheet.append(["Nama", "Jabatan", "NIP", "Keterangan"])
    sheet.append(["Yohanes Tse", "Camat Amarasi", None, "hadir"])
    sheet.append(["Ani Ndun", "Kepala Puskesmas", nip, "hadir"])
    sheet.append([None, "Staf", None, "izin"])
    book.save(path)
    return path.read_bytes()


def test_an_uploaded_sheet_names_each_cell_and_its_warnings_as_the_cli(
    client: TestClient, tmp_path: Path
) -> None:
    """Each problem of an uploaded sheet names its row and column, word for word as the CLI
    says it for the same file; the reader's warnings (the header found under a title row, a
    column skipped) are shown with the import, never with a server path."""
    import warnings

    from rembuk_docs.errors import InputError, RembukWarning

    path = tmp_path / "peserta.xlsx"
    bad = people_sheet(path, "19721315 199803 2 004")
    with pytest.raises(InputError) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore", RembukWarning)
        rembuk_docs.load_attendees(path)
    cli = [str(problem).replace(str(path), "peserta.xlsx") for problem in caught.value.problems]
    assert cli == [
        "peserta.xlsx, baris 5, kolom NIP: NIP 197213151998032004: tanggal lahir 19721315 bukan "
        "tanggal yang ada",
        "peserta.xlsx, baris 6, kolom Nama: tidak boleh kosong",
    ]
    draft = new_draft(client)
    response = client.post(
        f"/d/{draft}/peserta/impor",
        data={"_csrf": csrf_of(client)},
        files={"file": ("peserta.xlsx", bad, "application/octet-stream")},
        headers=HX,
    )
    errors = re.search(r'id="import-errors">.*?<ul>(.*?)</ul>', response.text, re.S)
    assert errors
    shown = [
        re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", errors.group(1))
    ]
    assert shown == cli
    api = client.post(
        "/api/validate",
        files={"definition": ("d.yaml", KUPANG.encode()), "attendees": ("peserta.xlsx", bad)},
    ).json()
    assert [f"{p['path']}: {p['message']}" for p in api["problems"]] == cli

    from openpyxl import load_workbook

    people_sheet(path, "19720315 199803 2 004")  # the NIP fixed, and the name filled in
    book = load_workbook(path)
    book.active["A6"] = "Maria Lenggu"
    book.save(path)
    good = path.read_bytes()
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", RembukWarning)
        rembuk_docs.load_attendees(path)
    cli_notes = [str(w.message).replace(str(path), "peserta.xlsx") for w in said]
    assert any("baris 3" in note for note in cli_notes)
    assert any("Keterangan" in note for note in cli_notes)
    response = client.post(
        f"/d/{draft}/peserta/impor",
        data={"_csrf": csrf_of(client)},
        files={"file": ("peserta.xlsx", good, "application/octet-stream")},
        headers=HX,
    )
    assert "3 peserta dimasukkan" in response.text
    notes = re.search(r'id="import-notes">.*?<ul>(.*?)</ul>', response.text, re.S)
    assert notes and "/tmp" not in notes.group(1)
    noted = [
        re.sub(r"<[^>]+>", "", item).replace("&#39;", "'")
        for item in re.findall(r"<li>(.*?)</li>", notes.group(1))
    ]
    assert noted == list(dict.fromkeys(cli_notes))


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")
    return buffer.getvalue()


def test_a_zip_bombed_xlsx_is_refused(client: TestClient) -> None:
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024
    draft = new_draft(client)
    response = client.post(
        f"/d/{draft}/peserta/impor",
        data={"_csrf": csrf_of(client)},
        files={"file": ("bom.xlsx", bomb, "application/octet-stream")},
        headers=HX,
    )
    assert "bom zip" in response.text
    api = client.post(
        "/api/validate",
        files={"definition": ("d.yaml", KUPANG.encode()), "attendees": ("bom.xlsx", bomb)},
    )
    assert api.status_code == 200
    body = api.json()
    assert body["valid"] is False and body["problems"][0]["path"] == "attendees"
    assert "bom zip" in body["problems"][0]["message"]


def test_preview_gives_page_images_and_the_pdf(client: TestClient) -> None:
    draft = open_yaml(client, KUPANG)
    fragment = client.get(f"/d/{draft}/pratinjau/kesepakatan", headers=HX)
    assert fragment.status_code == 200
    images = re.findall(r'src="(/d/[^"]+/kesepakatan/\d+\.png\?v=[0-9a-f]+)"', fragment.text)
    assert images, fragment.text
    png = client.get(images[0])
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    pdf = client.get(f"/d/{draft}/pratinjau/kesepakatan/dokumen.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline")
    assert "PERNYATAAN BERSAMA" in pdf_text(pdf.content).upper()
    assert "nama contoh" in fragment.text  # the example names are flagged
    assert client.get(f"/d/{draft}/pratinjau/../../etc/passwd").status_code == 404
    assert client.get(f"/d/{draft}/pratinjau/tidak-ada").status_code == 404


def test_zip_download_has_every_document_and_the_bundle(client: TestClient) -> None:
    draft = open_yaml(client, KUPANG)
    response = client.get(f"/d/{draft}/unduh.zip")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        kesepakatan = archive.read("kesepakatan.docx")
    expected = [
        name
        for name, _ in rembuk_docs.render_files(
            rembuk_docs.load(SAMPLES / "kupang-2022.yaml"), bundle=True
        )
    ]
    assert names == expected and "paket.pdf" in names
    assert "Pita LILA" in docx_text(kesepakatan)


def test_yaml_round_trip_is_what_the_cli_reads(client: TestClient, tmp_path: Path) -> None:
    draft = open_yaml(client, KUPANG)
    text = client.get(f"/d/{draft}/definisi.yaml").text
    path = tmp_path / "kupang.yaml"
    path.write_text(text, encoding="utf-8")
    assert rembuk_docs.load(path) == rembuk_docs.load(SAMPLES / "kupang-2022.yaml")


def test_an_invalid_draft_does_not_download(client: TestClient) -> None:
    draft = new_draft(client)
    response = client.get(f"/d/{draft}/unduh.zip")
    assert response.status_code == 422
    assert "belum dapat dibuat" in response.text


# --- the HTTP API -------------------------------------------------------------------------------


def test_api_validate_valid_and_invalid(client: TestClient) -> None:
    ok = client.post("/api/validate", files={"definition": ("k.yaml", KUPANG.encode())})
    assert ok.status_code == 200
    body = ok.json()
    assert body["valid"] is True
    assert all(p["severity"] == "warning" for p in body["problems"])
    broken = KUPANG.replace('nip: "19720315 199803 2 004"', 'nip: "19721315 199803 2 004"')
    bad = client.post("/api/validate", files={"definition": ("k.yaml", broken.encode())}).json()
    assert bad["valid"] is False
    problem = next(p for p in bad["problems"] if p["severity"] == "error")
    assert set(problem) == {"path", "line", "message", "severity"}
    line = KUPANG.splitlines().index('    nip: "19720315 199803 2 004"') + 1
    assert problem["path"] == "signatories[2].nip" and problem["line"] == line


def test_api_validate_with_attendees_file(client: TestClient) -> None:
    definition = (SAMPLES / "kayong-utara-2023.yaml").read_text(encoding="utf-8")
    sheet = (SAMPLES / "kayong-utara-2023-peserta.csv").read_bytes()
    body = client.post(
        "/api/validate",
        files={"definition": ("k.yaml", definition.encode()), "attendees": ("peserta.csv", sheet)},
    ).json()
    assert body["valid"] is True, body
    bad = sheet.replace(b"Citra Duani;;;", b";;;", 1)
    body = client.post(
        "/api/validate",
        files={"definition": ("k.yaml", definition.encode()), "attendees": ("peserta.csv", bad)},
    ).json()
    assert body["valid"] is False
    assert any("peserta.csv" in p["path"] and "2" in p["path"] for p in body["problems"]), body


def test_api_refuses_file_references_on_the_server(client: TestClient) -> None:
    definition = KUPANG.replace(
        "format_pack: kupang", "format_pack: /etc\nattendees_file: /etc/passwd"
    )
    body = client.post(
        "/api/validate", files={"definition": ("k.yaml", definition.encode())}
    ).json()
    assert body["valid"] is False
    assert {p["path"] for p in body["problems"]} == {"attendees_file", "format_pack"}


def test_api_render_names_files_as_the_cli(client: TestClient) -> None:
    response = client.post(
        "/api/render",
        files={"definition": ("k.yaml", KUPANG.encode())},
        data={"only": "kesepakatan", "paper": "F4"},
    )
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["kesepakatan.docx", "kesepakatan.pdf", "paket.pdf"]
        from pypdf import PdfReader

        box = PdfReader(io.BytesIO(archive.read("kesepakatan.pdf"))).pages[0].mediabox
        assert round(float(box.height) / 72 * 25.4) == 330  # F4
    bad = client.post("/api/render", files={"definition": ("k.yaml", b"region: [")})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["line"] == 1
    unknown = client.post(
        "/api/render", files={"definition": ("k.yaml", KUPANG.encode())}, data={"only": "surat"}
    )
    assert unknown.status_code == 422 and "surat" in unknown.json()["problems"][0]["message"]


def test_api_needs_multipart(client: TestClient) -> None:
    response = client.post(
        "/api/validate", content=b"{}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 415 and response.json()["valid"] is False


# --- safety -------------------------------------------------------------------------------------


def test_a_foreign_host_header_is_refused(client: TestClient) -> None:
    response = client.get("/", headers={"host": "rebind.example:8040"})
    assert response.status_code == 421


def test_posts_without_the_csrf_token_are_refused(client: TestClient) -> None:
    draft = new_draft(client)
    response = client.post(f"/d/{draft}/wilayah", data={"region.name": "X"})
    assert response.status_code == 403
    assert "name" not in draft_yaml(client, draft)["region"]
    response = client.post("/baru", data={"_csrf": "0" * 64, "level": "kabupaten"})
    assert response.status_code == 403


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    response = client.post(
        "/api/validate",
        files={"definition": ("k.yaml", KUPANG.encode())},
        headers={"origin": "http://evil.example"},
    )
    assert response.status_code == 403


def test_too_large_requests_get_413(client: TestClient) -> None:
    big = b"#" * (17 * 1024 * 1024)
    response = client.post("/api/validate", files={"definition": ("k.yaml", big)})
    assert response.status_code == 413
    draft = new_draft(client)
    response = client.post(
        f"/d/{draft}/peserta/impor",
        data={"_csrf": csrf_of(client)},
        files={"file": ("p.csv", b"Nama\n" + b"a" * (11 * 1024 * 1024))},
    )
    assert response.status_code == 413


def test_drafts_are_per_user_and_ids_never_become_paths(client: TestClient, data_dir: Path) -> None:
    draft = new_draft(client)
    with make_client(data_dir) as other:
        assert other.get(f"/d/{draft}/wilayah").status_code == 404
        assert draft not in other.get("/").text
    for bad in ("..%2F..%2Fsecret.key", "....", "x" * 22 + "%00"):
        assert client.get(f"/d/{bad}/definisi.yaml").status_code == 404


def test_drafts_survive_a_restart(data_dir: Path) -> None:
    with make_client(data_dir) as first:
        draft = new_draft(first)
        save(first, draft, "wilayah", {"region.name": "Kupang"})
        cookies = dict(first.cookies)
    with make_client(data_dir) as second:
        second.cookies.update(cookies)
        assert "Kupang" in second.get(f"/d/{draft}/wilayah").text
        assert draft in second.get("/").text


def test_a_token_is_needed_off_loopback(tmp_path: Path) -> None:
    with make_client(tmp_path, token="rahasia-123") as guarded:
        assert guarded.get("/").status_code == 401
        assert "token" in guarded.get("/").text
        entry = guarded.get("/?token=rahasia-123")
        assert entry.status_code == 303 and entry.headers["location"] == "/"
        assert guarded.get("/").status_code == 200  # the cookie now carries access
    with make_client(tmp_path, token="rahasia-123") as api:
        assert (
            api.post("/api/validate", files={"definition": ("k.yaml", KUPANG.encode())}).status_code
            == 401
        )
        response = api.post(
            "/api/validate",
            files={"definition": ("k.yaml", KUPANG.encode())},
            headers={"authorization": "Bearer rahasia-123"},
        )
        assert response.status_code == 200


def test_an_internal_error_is_a_message_not_a_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    draft = new_draft(client)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(engine, "check_text", broken)
    with make_client(data_dir, raise_errors=False) as failing:
        failing.cookies.update(dict(client.cookies))
        response = failing.get(f"/d/{draft}/wilayah")
    assert response.status_code == 500
    assert "kesalahan internal" in response.text
    assert "Traceback" not in response.text and "rusak di dalam" not in response.text
    assert any("rusak di dalam" in log.read_text() for log in (data_dir / "logs").glob("*.log"))


def test_serve_is_registered_without_loading_the_web_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from rembuk_docs.cli import build_parser; "
        "args = build_parser().parse_args(['serve', '--port', '8123', '--data', 'x']); "
        "print(args.host, args.port, args.data, 'starlette' in sys.modules, 'uvicorn' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["127.0.0.1", "8123", "x", "False", "False"]


def test_serve_on_all_interfaces_prints_a_token_and_requires_it(tmp_path: Path) -> None:
    """``rembuk-docs serve --host 0.0.0.0`` as run on a regency's server: it prints an access
    token at start; without it every page and the API answer 401, with it the page opens; a
    Host header that is not this server's is refused (421) even with the token."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "rembuk_docs", "serve", "--host", "0.0.0.0"]
    command += ["--port", str(port), "--data", str(tmp_path / "data"), "--workers", "1"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        printed = []
        for line in server.stdout:  # the banner ends with how to stop the server
            printed.append(line)
            if "Ctrl+C" in line:
                break
        banner = "".join(printed)
        match = re.search(rf"http://NAMA-SERVER:{port}/\?token=([A-Za-z0-9_-]{{20,}})", banner)
        assert match, banner
        token = match.group(1)
        assert "memerlukan token akses" in banner

        def ask(
            method: str, path: str, headers: dict[str, str] | None = None
        ) -> tuple[int, str, str]:
            """(status, Set-Cookie, body) of one request to the running server."""
            for _ in range(300):  # the banner is printed just before uvicorn listens
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                try:
                    connection.request(method, path, headers=headers or {})
                    response = connection.getresponse()
                    body = response.read().decode("utf-8")
                    return response.status, response.getheader("set-cookie") or "", body
                except ConnectionRefusedError:
                    assert server.poll() is None, "the server stopped"
                    time.sleep(0.1)
                finally:
                    connection.close()
            raise AssertionError("the server did not answer")

        assert ask("GET", "/")[0] == 401
        assert ask("POST", "/api/validate")[0] == 401
        status, cookie, _ = ask("GET", f"/?token={token}")
        assert status == 303
        status, _, page = ask("GET", "/", {"Cookie": cookie.split(";")[0]})
        assert status == 200 and "Selamat datang" in page
        assert ask("GET", "/", {"Authorization": f"Bearer {token}"})[0] == 200
        assert ask("GET", "/", {"Authorization": "Bearer salah"})[0] == 401
        foreign = {"Host": f"rebind.example:{port}", "Authorization": f"Bearer {token}"}
        assert ask("GET", "/", foreign)[0] == 421
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout is not None:
            server.stdout.close()


def test_each_warning_is_said_once_and_the_kop_is_explained(client: TestClient) -> None:
    """The default pack's kop has no address: the preview says so once (not again with the
    pack's place in front), and the page says where a kop comes from, since no form sets it."""
    text = re.sub(r"(?m)^format_pack:.*$", "format_pack: default", KUPANG)
    if "format_pack: default" not in text:
        text = "format_pack: default\n" + text
    draft = open_yaml(client, text)
    fragment = client.get(f"/d/{draft}/pratinjau/kesepakatan", headers=HX).text
    shown = [
        re.sub(r"<[^>]+>", "", w)
        for w in re.findall(r'<p class="alert warning">(.*?)</p>', fragment, re.S)
    ]
    kop = [w for w in shown if "kop pemerintah daerah belum memuat alamat" in w]
    assert len(kop) == 1, shown
    assert len(shown) == len(set(shown))
    page = client.get(f"/d/{draft}/dokumen").text
    assert 'id="kop-hint"' in page and "diatur oleh <b>format</b>" in page


def test_the_documents_page_says_how_a_kop_is_completed_and_its_advice_clears_it(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No form sets the pemerintah daerah's kop (it comes from the format pack only), and no
    built-in pack has its lambang and address: the documents page says what to do. Doing what it
    says (a pack with kop.logo and [kop.pemda] address, phone, e-mail, installed under the
    rembuk_docs.formats entry points; the organizer's address in the form) ends the DRAF reasons
    of the kop and the explanation with them."""
    from PIL import Image

    from rembuk_docs.formats import loader

    text = re.sub(r"(?m)^format_pack:.*$", "format_pack: default", KUPANG)
    draft = open_yaml(client, text)
    page = client.get(f"/d/{draft}/dokumen").text
    help_block = re.search(r'<section class="card kop-help" id="kop-help".*?</section>', page, re.S)
    assert help_block, "the documents page does not explain the unfinished kop"
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", help_block.group(0)))
    for needed in (
        "kop surat belum lengkap",
        "rembuk-docs formats new NAMA",
        "[kop.pemda]",
        "kode pos",
        "rembuk_docs.formats",
        "Wilayah dan penyelenggara",
    ):
        assert needed in words, needed
    assert 'id="kop-help"' not in client.get(f"/d/{draft}/wilayah").text

    folder = tmp_path / "kupang-lengkap"
    folder.mkdir()
    Image.new("RGB", (200, 240), "white").save(folder / "logo.png")
    (folder / "format.toml").write_text(
        'name = "Kabupaten Kupang (lengkap)"\nextends = "default"\n\n[kop]\nlogo = "logo.png"\n\n'
        '[kop.pemda]\naddress = "Jalan Timor Raya Km. 36, Oelamasi, Kode Pos 85362"\n'
        'phone = "(0380) 8800111"\nemail = "setda@kupangkab.go.id"\n',
        encoding="utf-8",
    )
    installed = {"kupang-lengkap": loader.PackLocation("kupang-lengkap", folder, "package test")}
    monkeypatch.setattr(loader, "installed_packs", lambda: (dict(installed), []))
    organizer = (
        "organizer:\n  name: Badan Perencanaan Pembangunan Daerah\n"
        "  address: Jalan Timor Raya Km. 36, Oelamasi, Kode Pos 85362\n"
        "  phone: (0380) 8800222\n  email: bappeda@kupangkab.go.id\n"
    )
    finished = re.sub(r"(?m)^format_pack:.*$", "format_pack: kupang-lengkap", KUPANG) + organizer
    draft = open_yaml(client, finished)
    page = client.get(f"/d/{draft}/dokumen").text
    assert 'value="kupang-lengkap" selected' in page, "the installed pack is offered and chosen"
    assert 'id="kop-help"' not in page
    assert "belum memuat alamat" not in page and "belum memuat lambang" not in page


def test_in_ci_a_missing_extra_fails_the_run_instead_of_skipping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The web tests skip with a reason where the web extra or selenium is missing; in CI that
    is a failure of the run (conftest.pytest_sessionstart), as a missing chromium is."""
    import conftest

    assert {"starlette", "multipart", "selenium"} <= set(conftest.CI_MODULES)
    monkeypatch.setitem(conftest.CI_MODULES, "tidak_terpasang_sama_sekali", "an extra")
    monkeypatch.delenv("CI", raising=False)
    conftest.pytest_sessionstart(None)  # type: ignore[arg-type]  # outside CI: the tests skip
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.UsageError, match="tidak_terpasang_sama_sekali"):
        conftest.pytest_sessionstart(None)  # type: ignore[arg-type]


def test_a_format_pack_warning_is_shown_where_the_pack_is_chosen(client: TestClient) -> None:
    """The kop's warnings (from the format pack) are not repeated on every page: they belong to
    'Pratinjau dan unduh', where the pack is chosen, and are counted on its badge only."""
    text = re.sub(r"(?m)^format_pack:.*$", "format_pack: default", KUPANG)
    draft = open_yaml(client, text)
    region = client.get(f"/d/{draft}/wilayah").text
    documents = client.get(f"/d/{draft}/dokumen").text
    assert "kop pemerintah daerah belum memuat alamat" not in region
    assert 'id="kop-hint"' not in region
    assert "kop pemerintah daerah belum memuat alamat" in documents
    badge = re.search(
        r'href="/d/[^"]+/dokumen">Pratinjau dan unduh <span class="badge warn"', region
    )
    assert badge, "the documents page's badge counts the kop warnings"


def test_an_example_mark_is_shown_at_its_field_and_removed_there(client: TestClient) -> None:
    """A definition started 'Dengan contoh isian' lists the fields still holding the template's
    examples (``examples:``): each is said at its own field, in words, with a button that
    removes the mark once the secretary has replaced the text."""
    posted = {"_csrf": csrf_of(client), "level": "kabupaten", "start": "contoh"}
    posted |= {"name": "Kupang", "province": "Nusa Tenggara Timur", "date": "2025-08-14"}
    draft = client.post("/baru", data=posted).headers["location"].split("/")[2]
    marks = draft_yaml(client, draft)["examples"]
    assert "event.venue" in marks
    page = client.get(f"/d/{draft}/acara").text
    venue = " ".join(slot(page, "event.venue").split())
    assert "Tempat masih berisi contoh dari templat" in venue and "DRAF" in venue
    assert 'value="unexample:event.venue"' in page
    assert "masih ditandai sebagai contoh" not in client.get(f"/d/{draft}/wilayah").text

    save(client, draft, "acara", {"event.venue": "Aula Kantor Bupati Kupang"})
    response = client.post(
        f"/d/{draft}/acara/daftar",
        data={"_csrf": csrf_of(client), "_op": "unexample:event.venue"},
        headers=HX,
    )
    assert response.status_code == 200
    assert slot(response.text, "event.venue") == ""
    assert 'id="summary"' in response.text and 'hx-swap-oob="true"' in response.text
    data = draft_yaml(client, draft)
    assert "event.venue" not in data["examples"]
    assert data["event"]["venue"] == "Aula Kantor Bupati Kupang"
    bad = client.post(
        f"/d/{draft}/acara/daftar",
        data={"_csrf": csrf_of(client), "_op": "unexample:event.venue"},
        headers=HX,
    )
    assert bad.status_code == 400  # no such mark any more

    # every mark cleared from its own section: none is left to warn about
    for mark in data["examples"]:
        section = rembuk_docs.web.forms.section_of(mark)
        assert section is not None, mark
        client.post(
            f"/d/{draft}/{section.slug}/daftar",
            data={"_csrf": csrf_of(client), "_op": f"unexample:{mark}"},
        )
    data = draft_yaml(client, draft)
    assert "examples" not in data
    assert 'data-path="examples[' not in client.get(f"/d/{draft}/dokumen").text


def test_each_person_field_says_whether_the_role_prints_it(client: TestClient) -> None:
    """Beside the rank and NIP (and the titles of a Pj/Plt/Plh) each signatory's form says what
    Pasal 44 does with them for the chosen role; every role option carries it for the change."""
    data = yaml.safe_load(KUPANG)
    roles = [person.get("role") for person in data["signatories"]]
    draft = open_yaml(client, KUPANG)
    page = client.get(f"/d/{draft}/penandatangan").text

    def state(index: int, key: str) -> str:
        match = re.search(
            rf'<label for="f-signatories-{index}-{key}">[^<]*<span class="print-state">([^<]*)</span>',
            page,
        )
        assert match, (index, key)
        return match.group(1)

    expected = {
        "kepala_daerah": ("tidak dicetak", "kosongkan untuk peran ini"),
        "wakil_kepala_daerah": ("tidak dicetak", "kosongkan untuk peran ini"),
        "asn": ("", "wajib, dicetak"),
        "non_asn": ("", "kosongkan untuk peran ini"),
        "sekda": ("tidak dicetak", "tidak dicetak"),
    }
    checked = 0
    for index, role in enumerate(roles):
        if role in expected:
            assert (state(index, "rank"), state(index, "nip")) == expected[role], role
            checked += 1
    assert checked >= 2
    assert 'data-print-nip="kosongkan untuk peran ini"' in page
    assert 'data-print-title-prefix="tidak dicetak"' in page  # acting_head, for the change


def test_drafts_live_under_the_users_data_folder_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without --data the drafts go to the user's data folder ('rembuk-docs' under
    XDG_DATA_HOME, else ~/.local/share, on Linux), never the current folder."""
    import sys

    from rembuk_docs.web.server import default_data_dir

    if sys.platform in ("win32", "darwin"):
        pytest.skip("the XDG folders are Linux's; Windows and macOS have their own (server.py)")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "rembuk-docs"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "rumah"))
    assert default_data_dir() == tmp_path / "rumah" / ".local" / "share" / "rembuk-docs"


def test_a_message_names_the_form_field_not_the_yaml_key(client: TestClient) -> None:
    """At its field, a library message that names definition keys says them as the form labels
    them ('Nomor' for record.number); /api/validate keeps the CLI's words."""
    data = yaml.safe_load(KUPANG)
    data.get("record", {}).pop("number", None)
    data.get("record", {}).pop("numbering", None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    draft = open_yaml(client, text)
    shown = slot(client.get(f"/d/{draft}/berita-acara").text, "record.number")
    assert "belum lengkap" in shown, shown
    assert "isi &#39;Nomor&#39;" in shown and "record.number " not in shown
    api = client.post("/api/validate", files={"definition": ("k.yaml", text.encode())}).json()
    said = [p["message"] for p in api["problems"] if p["path"].startswith("record.number")]
    assert said and "record.number" in said[0]


PEMDA_ADDRESS = "Jalan Siliwangi Nomor 8, Oelamasi, Kode Pos 85362"


def region_pack(root: Path, slug: str = "kupang-lengkap") -> Path:
    """A pack folder as `rembuk-docs formats new SLUG --extends default` and a secretary's edits
    make it: the lambang in [kop], the pemerintah daerah's address in [kop.pemda]."""
    from PIL import Image

    folder = root / slug
    folder.mkdir(parents=True)
    Image.new("RGB", (200, 240), "white").save(folder / "logo.png")
    (folder / "format.toml").write_text(
        'name = "Kabupaten Kupang (lengkap)"\nextends = "default"\n\n[kop]\nlogo = "logo.png"\n\n'
        f'[kop.pemda]\naddress = "{PEMDA_ADDRESS}"\n'
        'phone = "(0380) 8800111"\nemail = "setda@kupangkab.go.id"\n',
        encoding="utf-8",
    )
    return folder


def test_serve_formats_offers_a_pack_folder_and_renders_with_its_kop(tmp_path: Path) -> None:
    """`serve --formats DIR`: a regency's pack folder (no Python package) is offered in the
    Format list; choosing it ends the kop's DRAF reasons, and the kesepakatan from the ZIP
    (rendered in a worker process) carries the pemerintah daerah's address from [kop.pemda]."""
    formats = tmp_path / "format-daerah"
    region_pack(formats)
    organizer = (
        "organizer:\n  name: Badan Perencanaan Pembangunan Daerah\n"
        "  address: Jalan Timor Raya Km. 36, Oelamasi, Kode Pos 85362\n"
        "  phone: (0380) 8800222\n  email: bappeda@kupangkab.go.id\n"
    )
    text = re.sub(r"(?m)^format_pack:.*$", "format_pack: default", KUPANG) + organizer
    try:
        with make_client(tmp_path / "data", formats=[formats]) as client:
            draft = open_yaml(client, text)
            page = client.get(f"/d/{draft}/dokumen").text
            assert (
                '<option value="kupang-lengkap">Kabupaten Kupang (lengkap) (kupang-lengkap)' in page
            )
            help_block = re.search(r'id="kop-help".*?</section>', page, re.S)
            assert help_block and "rembuk-docs serve --formats FOLDER" in re.sub(
                r"<[^>]+>", "", help_block.group(0)
            )
            assert "kop pemerintah daerah belum memuat alamat" in page

            chosen = client.post(
                f"/d/{draft}/dokumen/simpan",
                data={"_csrf": csrf_of(client), "format_pack": "kupang-lengkap", "paper": ""},
            )
            assert chosen.status_code == 303
            assert draft_yaml(client, draft)["format_pack"] == "kupang-lengkap"
            page = client.get(f"/d/{draft}/dokumen").text
            assert 'value="kupang-lengkap" selected' in page
            assert 'id="kop-help"' not in page
            assert "belum memuat alamat" not in page and "belum memuat lambang" not in page

            response = client.get(f"/d/{draft}/unduh.zip")
            assert response.status_code == 200, response.text
            with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
                kesepakatan = archive.read("kesepakatan.pdf")
            first = pdf_pages(kesepakatan)[0]
            assert PEMDA_ADDRESS in first, first[:400]
            preview = client.get(f"/d/{draft}/pratinjau/kesepakatan/dokumen.pdf")
            assert PEMDA_ADDRESS in pdf_pages(preview.content)[0]
    finally:
        engine.use_pack_folders({})


def test_a_pack_not_in_the_list_is_refused_with_a_message(tmp_path: Path) -> None:
    """Only a slug from the list chooses a pack: an unknown slug or a folder posted is refused
    and the draft keeps its pack; a definition naming an unknown pack is told the choices. A
    listed pack whose lambang points outside its folder is refused there, as by the CLI."""
    formats = tmp_path / "format-daerah"
    region_pack(formats)
    (formats / "keluar").mkdir()
    (formats / "keluar" / "format.toml").write_text(
        'extends = "default"\n[kop]\nlogo = "../kupang-lengkap/logo.png"\n', encoding="utf-8"
    )
    try:
        with make_client(tmp_path / "data", formats=[formats]) as client:
            draft = open_yaml(client, KUPANG)
            before = draft_yaml(client, draft).get("format_pack")
            for posted in ("kupang-lengkp", str(formats / "kupang-lengkap"), "../kupang-lengkap"):
                response = client.post(
                    f"/d/{draft}/dokumen/simpan",
                    data={"_csrf": csrf_of(client), "format_pack": posted, "paper": ""},
                )
                assert response.status_code == 422
                assert "tidak ada di daftar aplikasi ini" in response.text
                assert "kupang-lengkap" in response.text  # the choices are named
                assert draft_yaml(client, draft).get("format_pack") == before
            body = client.post(
                "/api/validate",
                files={
                    "definition": ("d.yaml", b"format_pack: kupang-lengkp\n", "application/yaml")
                },
            ).json()
            problem = next(p for p in body["problems"] if p["path"] == "format_pack")
            assert "tidak dikenal" in problem["message"] and "kupang-lengkap" in problem["message"]
            chosen = client.post(
                f"/d/{draft}/dokumen/simpan",
                data={"_csrf": csrf_of(client), "format_pack": "keluar", "paper": ""},
            )
            assert chosen.status_code == 303
            page = client.get(f"/d/{draft}/dokumen").text
            assert "menunjuk ke luar folder format pack" in page, page
    finally:
        engine.use_pack_folders({})


def test_serve_formats_refuses_a_folder_it_cannot_use(tmp_path: Path) -> None:
    """A --formats folder without a pack, with a broken pack or with a taken name stops the
    start with the reason (the CLI prints it after 'galat:' and exits 2)."""
    from rembuk_docs.cli import main

    (tmp_path / "kosong").mkdir()
    with pytest.raises(engine.PackFolderError, match=r"tidak ada format\.toml"):
        engine.find_pack_folders([tmp_path / "kosong"])
    with pytest.raises(engine.PackFolderError, match="folder ini tidak ada"):
        engine.find_pack_folders([tmp_path / "tidak-ada"])
    taken = tmp_path / "taken"
    region_pack(taken, "default")
    with pytest.raises(engine.PackFolderError, match="'default' sudah dipakai"):
        engine.find_pack_folders([taken])
    broken = tmp_path / "broken"
    region_pack(broken, "rusak")
    (broken / "rusak" / "format.toml").write_text('extends = "default"\n[kop]\nlogo = [1, 2]\n')
    with pytest.raises(engine.PackFolderError, match=r"rusak(.|\n)*format\.toml"):
        engine.find_pack_folders([broken])
    good = tmp_path / "good"
    region_pack(good)
    assert engine.find_pack_folders([good]) == {
        "kupang-lengkap": (good / "kupang-lengkap").resolve()
    }
    assert engine.find_pack_folders([good / "kupang-lengkap"]) == {
        "kupang-lengkap": (good / "kupang-lengkap").resolve()
    }
    assert (
        main(["serve", "--data", str(tmp_path / "d"), "--formats", str(tmp_path / "kosong")]) == 2
    )
