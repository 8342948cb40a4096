"""The web app in a real headless Chromium (Debian's chromium + chromium-driver, driven by selenium):
a secretary fills in a kabupaten definition from scratch, meets an NIP error at its field, fixes
it, previews the kesepakatan, downloads the ZIP (whose documents are opened and read), and finds
her draft again after the server restarts. Every page is photographed at 1366x768 and at desktop
width; set REMBUK_SCREENSHOTS=DIR to keep the pictures (docs/screenshots holds a few)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("selenium", reason="selenium is not installed (test extra)")

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import docx_text, needs_tool, pdf_text

SIZES = {"laptop": (1366, 768), "desktop": (1920, 1080)}
PLEDGE_1 = (
    "Meningkatkan integrasi intervensi gizi spesifik dan intervensi gizi sensitif dalam "
    "percepatan penurunan stunting di Kabupaten Kupang."
)
PLEDGE_2 = "Pemerintah Kecamatan dan Desa memastikan:"
ITEMS = [
    "setiap keluarga melakukan skrining awal status gizi anak dengan Pita LILA;",
    "setiap balita stunting mendapat pendampingan dari kader posyandu.",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """``rembuk-docs serve`` in a child process, as a secretary starts it."""

    def __init__(self, data: Path, port: int) -> None:
        self.data, self.port = data, port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "rembuk_docs",
            "serve",
            "--port",
            str(self.port),
            "--data",
            str(self.data),
            "--workers",
            "1",
        ]
        self.log = self.data.parent / "server.log"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not start within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "data", free_port())
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "unduhan"
    downloads.mkdir()
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profil'}",
        "--window-size=1366,768",
        "--lang=id",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options
    )
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("REMBUK_SCREENSHOTS") or tmp_path / "layar")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def photograph(driver: Any, folder: Path, name: str, focus: Any = None) -> None:
    """Screenshots of the current page at laptop (1366x768, the viewport, scrolled to ``focus``)
    and desktop width (the whole page); each must be a real picture."""
    for size, (width, height) in SIZES.items():
        driver.set_window_size(width, height)
        time.sleep(0.2)
        if focus is not None and size == "laptop":
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", focus)
        else:
            driver.execute_script("window.scrollTo(0, 0)")
        path = folder / f"{name}-{size}.png"
        if size == "desktop":
            full = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(max(height, int(full) + 120), 4000))
            time.sleep(0.2)
        driver.save_screenshot(str(path))
        assert path.stat().st_size > 5_000, f"{path} is empty"
    driver.set_window_size(*SIZES["laptop"])


def wait(driver: Any, condition: Callable[[Any], Any], timeout: float = 30) -> Any:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, timeout, poll_frequency=0.2, ignored_exceptions=ignored).until(
        condition
    )


def fill(driver: Any, path: str, value: str) -> None:
    """Type into the field of ``path`` (its id is 'f-' + the path with separators as '-')."""
    import re

    element = driver.find_element(By.ID, "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-"))
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    else:
        element.clear()
        element.send_keys(value)
        # leave the field as she does (its 'change' fires now, not at the next click)
        driver.execute_script("arguments[0].blur()", element)


def slot_text(driver: Any, path: str) -> str:
    import re

    return str(
        driver.find_element(By.ID, "p-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")).text
    )


def saved(driver: Any) -> None:
    """Wait until the debounced save has come back."""
    wait(driver, lambda d: d.find_element(By.ID, "save-state").text == "Tersimpan")


def press(driver: Any, button: Any) -> None:
    """Click ``button`` scrolled to the middle of the window, clear of the sticky top bar."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def click_and_wait(driver: Any, button: Any, present_id: str) -> None:
    press(driver, button)
    wait(driver, lambda d: d.find_elements(By.ID, present_id))


def go(driver: Any, server: Server, draft: str, section: str) -> None:
    driver.get(f"{server.url}/d/{draft}/{section}")
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1"))


def people_workbook(path: Path) -> Path:
    """The attendee list as a dinas keeps it in Excel: a title row above the header row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR HADIR REMBUK STUNTING KABUPATEN KUPANG"])
    sheet.append([])
    sheet.append(["Nama", "Jabatan", "Instansi"])
    sheet.append(["Yohanes Tse", "Camat Amarasi", "Kecamatan Amarasi"])
    sheet.append(["Ani Ndun", "Kepala Puskesmas Oesao", "Dinas Kesehatan"])
    sheet.append(["Maria Seran", "Kader Posyandu", "Desa Oelnasi"])
    book.save(path)
    return path


def photo_file(path: Path, colour: tuple[int, int, int]) -> Path:
    """A plain 800x600 JPEG standing in for a photo of the day."""
    from PIL import Image

    Image.new("RGB", (800, 600), colour).save(path, format="JPEG")
    return path


@needs_tool("chromium", "chromedriver")
def test_a_secretary_fills_in_a_kabupaten_from_scratch(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    shots = shots_folder(tmp_path)
    browser.get(server.url + "/")
    assert "Selamat datang" in browser.find_element(By.TAG_NAME, "h1").text
    photograph(browser, shots, "01-beranda")
    browser.find_element(By.CSS_SELECTOR, "input[name=level][value=kabupaten]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=start][value=kosong]").click()
    browser.find_element(By.ID, "mulai").click()
    wait(browser, lambda d: "/wilayah" in d.current_url)
    draft = browser.current_url.split("/d/")[1].split("/")[0]

    # region: the province is required and says so at its field
    fill(browser, "region.name", "Kupang")
    saved(browser)
    wait(browser, lambda d: slot_text(d, "region.province") != "")
    photograph(browser, shots, "02-wilayah")
    fill(browser, "region.province", "Nusa Tenggara Timur")
    fill(browser, "organizer.name", "Badan Perencanaan Pembangunan Daerah")
    fill(browser, "organizer.unit_code", "BAPPEDA")
    saved(browser)
    wait(browser, lambda d: slot_text(d, "region.province") == "")

    go(browser, server, draft, "acara")
    fill(browser, "event.name", "Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2024")
    fill(browser, "event.date", "2024-07-25")
    fill(browser, "event.timezone", "WITA")
    fill(browser, "event.venue", "Aula Kantor Bupati Kupang")
    fill(browser, "event.chair", "Bupati Kupang")
    saved(browser)
    photograph(browser, shots, "03-acara")

    go(browser, server, draft, "kesepakatan")
    fill(browser, "agreement.number", "440/125/BAPPEDA/VII/2024")
    fill(browser, "agreement.pledges[0].text", PLEDGE_1)
    saved(browser)
    add = browser.find_element(By.CSS_SELECTOR, "button[value='add:agreement.pledges']")
    click_and_wait(browser, add, "f-agreement-pledges-1-text")
    fill(browser, "agreement.pledges[1].text", PLEDGE_2)
    saved(browser)
    for index, item in enumerate(ITEMS):
        add = browser.find_element(
            By.CSS_SELECTOR, "button[value='add:agreement.pledges[1].items']"
        )
        click_and_wait(browser, add, f"f-agreement-pledges-1-items-{index}")
        fill(browser, f"agreement.pledges[1].items[{index}]", item)
        saved(browser)
    # reorder: the items swap, then swap back
    press(
        browser,
        browser.find_element(By.CSS_SELECTOR, "button[value='down:agreement.pledges[1].items[0]']"),
    )
    wait(
        browser,
        lambda d: (
            d.find_element(By.ID, "f-agreement-pledges-1-items-0").get_attribute("value")
            == ITEMS[1]
        ),
    )
    press(
        browser,
        browser.find_element(By.CSS_SELECTOR, "button[value='up:agreement.pledges[1].items[1]']"),
    )
    wait(
        browser,
        lambda d: (
            d.find_element(By.ID, "f-agreement-pledges-1-items-0").get_attribute("value")
            == ITEMS[0]
        ),
    )
    photograph(
        browser, shots, "04-kesepakatan", focus=browser.find_element(By.ID, "i-agreement-pledges-1")
    )

    go(browser, server, draft, "penandatangan")
    fill(browser, "signatories[0].role", "kepala_daerah")
    fill(browser, "signatories[0].name", "Korinus Masneno")
    fill(browser, "signatories[0].position", "Bupati Kupang")
    saved(browser)
    add = browser.find_element(By.CSS_SELECTOR, "button[value='add:signatories']")
    click_and_wait(browser, add, "f-signatories-1-name")
    fill(browser, "signatories[1].role", "asn")
    note = browser.find_element(By.CSS_SELECTOR, "#i-signatories-1 .role-note").text
    assert "NIP wajib" in note  # the Pasal 44 rule of the chosen role, beside the fields
    # and at each field it concerns, following the role as it is picked
    nip_state = "#i-signatories-{} .field[data-key=nip] .print-state"
    assert browser.find_element(By.CSS_SELECTOR, nip_state.format(1)).text == "wajib, dicetak"
    assert browser.find_element(By.CSS_SELECTOR, nip_state.format(0)).text == (
        "kosongkan untuk peran ini"
    )
    fill(browser, "signatories[1].name", "Maria Lenggu")
    fill(browser, "signatories[1].title_prefix", "dr.")
    fill(browser, "signatories[1].position", "Kepala Dinas Kesehatan Kabupaten Kupang")
    fill(browser, "signatories[1].rank", "Pembina Utama Muda (IV/c)")
    fill(browser, "signatories[1].nip", "19721315 199803 2 004")  # month 13: no such birth date
    saved(browser)
    wait(browser, lambda d: "NIP" in slot_text(d, "signatories[1].nip"))
    problem = browser.find_element(By.CSS_SELECTOR, "#p-signatories-1-nip .problem.error")
    assert problem.is_displayed()
    photograph(browser, shots, "05-penandatangan-nip-salah", focus=problem)
    fill(browser, "signatories[1].nip", "19720315 199803 2 004")
    saved(browser)
    wait(browser, lambda d: slot_text(d, "signatories[1].nip") == "")

    go(browser, server, draft, "peserta")
    browser.find_element(By.ID, "pasted").send_keys(
        "Nama;Jabatan;Instansi\nYohanes Tse;Camat Amarasi;Kecamatan Amarasi\n"
        "Ani Ndun;Kepala Puskesmas Oesao;Dinas Kesehatan\n"
    )
    browser.find_element(By.ID, "impor").click()
    wait(browser, lambda d: "2 peserta dimasukkan" in d.find_element(By.ID, "people").text)
    photograph(browser, shots, "06-peserta")
    # the dinas's own workbook, a title row above its header: read, and the skipped row is said
    sheet = people_workbook(tmp_path / "daftar-peserta.xlsx")
    browser.find_element(By.ID, "people-file").send_keys(str(sheet))
    wait(
        browser,
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#people .file-name").text == "daftar-peserta.xlsx"
        ),
    )
    browser.find_element(By.ID, "impor").click()
    wait(browser, lambda d: "3 peserta dimasukkan" in d.find_element(By.ID, "people").text)
    notes = browser.find_element(By.ID, "import-notes")
    assert "daftar-peserta.xlsx: judul kolom ditemukan di baris 3" in notes.text
    photograph(browser, shots, "06-peserta-xlsx", focus=notes)

    # photos of the day, captioned by their file names
    go(browser, server, draft, "dokumentasi")
    photos = [
        photo_file(tmp_path / "01_pembukaan-acara.jpg", (200, 40, 40)),
        photo_file(tmp_path / "02_penandatanganan-komitmen.jpg", (40, 90, 200)),
    ]
    browser.find_element(By.ID, "photo-files").send_keys("\n".join(str(p) for p in photos))
    wait(
        browser,
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#photo-upload .file-name").text == "2 berkas dipilih"
        ),
    )
    browser.find_element(By.ID, "unggah-foto").click()
    wait(browser, lambda d: "2 foto ditambahkan" in d.find_element(By.TAG_NAME, "main").text)
    thumbnails = browser.find_elements(By.CSS_SELECTOR, "main img")
    assert len(thumbnails) >= 2
    photograph(browser, shots, "06-dokumentasi")
    go(browser, server, draft, "notulen")
    fill(browser, "minutes.notulis.role", "asn")
    fill(browser, "minutes.notulis.name", "Agustina Bell")
    fill(browser, "minutes.notulis.position", "Analis Perencanaan pada Bappeda Kabupaten Kupang")
    fill(browser, "minutes.notulis.nip", "19900512 201503 2 002")
    saved(browser)
    add = browser.find_element(By.CSS_SELECTOR, "button[value='add:minutes.decisions']")
    click_and_wait(browser, add, "f-minutes-decisions-0")
    fill(browser, "minutes.decisions[0]", "Menyepakati dan menandatangani Kesepakatan Bersama.")
    saved(browser)
    photograph(browser, shots, "07-notulen")
    for section in ("angka", "berita-acara"):
        go(browser, server, draft, section)
        photograph(browser, shots, f"07-{section}")

    go(browser, server, draft, "dokumen")
    assert "sah" in browser.find_element(By.ID, "summary").text  # nothing left to fix
    browser.find_element(By.ID, "pratinjau-kesepakatan").click()
    image = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .pages img"))[0]
    wait(
        browser,
        lambda d: d.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", image
        ),
    )
    assert int(image.get_attribute("naturalWidth")) > 500
    photograph(browser, shots, "08-pratinjau", focus=image)

    browser.find_element(By.ID, "unduh-zip").click()
    archive_path = wait(
        browser,
        lambda d: next((p for p in d.downloads.glob("*.zip")), None),
        timeout=120,
    )
    time.sleep(0.5)
    with zipfile.ZipFile(io.BytesIO(archive_path.read_bytes())) as archive:
        names = archive.namelist()
        assert names == [
            f"{doc}.{ext}"
            for doc in (
                "kesepakatan",
                "lembar-tanda-tangan",
                "daftar-hadir",
                "notulen",
                "dokumentasi",
                "berita-acara",
            )
            for ext in ("docx", "pdf")
        ] + ["paket.pdf"]
        dokumentasi = pdf_text(archive.read("dokumentasi.pdf"))
        notulen = pdf_text(archive.read("notulen.pdf"))
        kesepakatan_pdf = pdf_text(archive.read("kesepakatan.pdf"))
        kesepakatan_docx = docx_text(archive.read("kesepakatan.docx"))
        daftar_hadir = pdf_text(archive.read("daftar-hadir.pdf"))
    for text in (kesepakatan_pdf, kesepakatan_docx):
        assert "KABUPATEN KUPANG" in text.upper()
        assert "440/125/BAPPEDA/VII/2024" in text
        assert "Pita LILA" in text and "kader posyandu" in text
        assert text.index("Pita LILA") < text.index("kader posyandu")
        assert "Korinus Masneno" in text and "19720315 199803 2 004" in text
    assert "Yohanes Tse" in daftar_hadir and "Ani Ndun" in daftar_hadir
    assert "Maria Seran" in daftar_hadir
    assert "Pembukaan acara" in dokumentasi and "Penandatanganan komitmen" in dokumentasi
    assert "Agustina Bell" in notulen and "Menyepakati dan menandatangani" in notulen

    # the server restarts; nothing typed is lost
    server.stop()
    server.start()
    go(browser, server, draft, "kesepakatan")
    assert (
        browser.find_element(By.ID, "f-agreement-pledges-1-items-1").get_attribute("value")
        == ITEMS[1]
    )
    browser.get(server.url + "/")
    assert (
        "Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2024"
        in browser.find_element(By.TAG_NAME, "main").text
    )


@needs_tool("chromium", "chromedriver")
def test_a_secretary_starts_a_desa_from_the_template(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    shots = shots_folder(tmp_path)
    browser.get(server.url + "/")
    browser.find_element(By.CSS_SELECTOR, "input[name=level][value=desa]").click()
    assert browser.find_element(By.CSS_SELECTOR, "input[name=start][value=contoh]").is_selected()
    # a missing answer is said on the home page, in Indonesian
    browser.find_element(By.ID, "new-name").send_keys("Oelnasi")
    browser.find_element(By.ID, "mulai").click()
    alert = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".alert.error"))
    assert (
        alert.text == "Untuk memulai dengan contoh isian, isi provinsi, kecamatan, kabupaten/kota."
    )
    # what was typed is kept
    assert browser.find_element(By.CSS_SELECTOR, "input[name=level][value=desa]").is_selected()
    assert browser.find_element(By.ID, "new-name").get_attribute("value") == "Oelnasi"
    browser.find_element(By.ID, "new-province").send_keys("Nusa Tenggara Timur")
    browser.find_element(By.ID, "new-kecamatan").send_keys("Kupang Tengah")
    browser.find_element(By.ID, "new-kabupaten").send_keys("Kabupaten Kupang")
    photograph(browser, shots, "09-mulai-dengan-contoh")
    browser.find_element(By.ID, "mulai").click()
    wait(browser, lambda d: "/wilayah" in d.current_url)
    assert browser.find_element(By.ID, "f-region-name").get_attribute("value") == "Oelnasi"
    photograph(browser, shots, "10-wilayah-dari-contoh")
    draft = browser.current_url.split("/d/")[1].split("/")[0]
    # the template's example venue is said at its field; replaced, its mark is removed there
    go(browser, server, draft, "acara")
    unmark = browser.find_element(By.CSS_SELECTOR, "button[value='unexample:event.venue']")
    assert "masih berisi contoh" in slot_text(browser, "event.venue")
    photograph(browser, shots, "10b-acara-contoh", focus=unmark)
    fill(browser, "event.venue", "Kantor Desa Oelnasi")
    saved(browser)
    press(browser, browser.find_element(By.CSS_SELECTOR, "button[value='unexample:event.venue']"))
    wait(browser, lambda d: slot_text(d, "event.venue") == "")
    assert browser.find_element(By.ID, "f-event-venue").get_attribute("value") == (
        "Kantor Desa Oelnasi"
    )
    go(browser, server, draft, "dokumen")
    summary = browser.find_element(By.ID, "summary").text
    assert "contoh" in summary  # valid, and still a draft until the examples are replaced
    photograph(browser, shots, "11-dokumen-dari-contoh")
