"""The dokumentasi: photos from the definition (a list or a folder), upright, small, captioned,
two to four a page, the same in PDF and DOCX; bad photos refused with their field."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

import rembuk_docs
from rembuk_docs import DefinitionError, Rembuk
from rembuk_docs.cli import main
from rembuk_docs.compose.layout import photo_pages
from rembuk_docs.compose.registry import omitted_documents, pack_documents
from rembuk_docs.photos import prepare

from conftest import docx_paragraphs, pdf_pages

ORIENTATIONS = (1, 3, 6, 8)
"""EXIF orientation: upright, upside down, turned right (shown rotated 90° clockwise), left."""


def phone_photo(path: Path, index: int, orientation: int, size: tuple[int, int] = (4000, 3000)):
    """A noisy 12-megapixel JPEG as a phone writes it, with a block marking its pixel origin."""
    noise = [Image.effect_noise(size, 60 + 10 * channel) for channel in range(3)]
    image = Image.merge("RGB", noise)
    image.paste((220, 20, 20), (0, 0, size[0] // 4, size[1] // 4))
    image.paste(
        (20 * index % 256, 200, 40),
        (size[0] // 2, size[1] // 2, size[0] // 2 + 300, size[1] // 2 + 300),
    )
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, "JPEG", quality=92, exif=exif)


def definition(folder: Path, kupang_data: dict[str, Any], section: dict[str, Any]) -> Path:
    data = copy.deepcopy(kupang_data)
    data.pop("rencana_kegiatan_file", None)
    data["dokumentasi"] = section
    path = folder / "rembuk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def phone_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty phone photos in a folder, in all four orientations."""
    root = tmp_path_factory.mktemp("dokumentasi")
    photos = root / "foto"
    photos.mkdir()
    for index in range(20):
        phone_photo(
            photos / f"{index + 1:02d}_kegiatan-nomor-{index + 1}.jpg",
            index,
            ORIENTATIONS[index % 4],
        )
    return root


@pytest.fixture(scope="module")
def twenty(phone_folder: Path, kupang_data: dict[str, Any]) -> Rembuk:
    return rembuk_docs.load(definition(phone_folder, kupang_data, {"folder": "foto"}))


@pytest.fixture(scope="module")
def twenty_pdf(twenty: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(twenty, "dokumentasi", "pdf")


@pytest.fixture(scope="module")
def twenty_docx(twenty: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(twenty, "dokumentasi", "docx")


def test_twenty_phone_photos_make_a_small_pdf_four_to_a_page(twenty_pdf: bytes) -> None:
    assert len(twenty_pdf) < 5 * 1024 * 1024
    pages = pdf_pages(twenty_pdf)
    assert len(pages) == 5
    assert pages[0].startswith(
        "DOKUMENTASI REMBUK STUNTING TINGKAT KABUPATEN KUPANG TAHUN 2022 "
        "Senin, 25 Juli 2022, Hotel Neo Aston, Kota Kupang"
    )
    for page, text in enumerate(pages):
        for number in range(4 * page + 1, 4 * page + 5):
            assert f"Kegiatan nomor {number}" in text
        assert f"Kegiatan nomor {4 * page + 5} " not in text + " "


def test_photos_are_upright_and_downscaled_in_the_pdf(twenty_pdf: bytes) -> None:
    from pypdf import PdfReader

    pages = [
        [image.image.size for image in page.images]
        for page in PdfReader(io.BytesIO(twenty_pdf)).pages
    ]
    assert [len(sizes) for sizes in pages] == [4] * 5
    for sizes in pages:
        assert all(max(width, height) <= 600 for width, height in sizes)  # not 4000 x 3000
        # each page holds one photo of each orientation: two stand upright, two lie
        assert sorted(height > width for width, height in sizes) == [False, False, True, True]


def test_the_docx_carries_the_same_photos_and_captions(
    twenty_pdf: bytes, twenty_docx: bytes
) -> None:
    from pypdf import PdfReader

    assert len(twenty_docx) < 5 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(twenty_docx)) as archive:
        media = sorted(name for name in archive.namelist() if name.startswith("word/media/"))
        docx_sizes = sorted(Image.open(io.BytesIO(archive.read(name))).size for name in media)
    pdf_sizes = sorted(
        image.image.size
        for page in PdfReader(io.BytesIO(twenty_pdf)).pages
        for image in page.images
    )
    assert docx_sizes == pdf_sizes
    paragraphs = docx_paragraphs(twenty_docx)
    captions = [p for p in paragraphs if p.startswith("Kegiatan nomor")]
    assert captions == [f"Kegiatan nomor {n}" for n in range(1, 21)]


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_exif_orientation_turns_the_photo_upright(tmp_path: Path, orientation: int) -> None:
    path = tmp_path / "foto.jpg"
    phone_photo(path, 0, orientation, size=(800, 600))
    ready = prepare(path, 400, 400, location="dokumentasi.photos[0].path")
    image = Image.open(io.BytesIO(ready.data)).convert("RGB")
    assert max(image.size) == 400
    assert image.size == ((300, 400) if orientation in (6, 8) else (400, 300))
    # where the red block of the stored pixels' origin (top left) is shown
    w, h = image.size
    corners = {
        "top-left": (w // 16, h // 16),
        "top-right": (w - w // 16, h // 16),
        "bottom-left": (w // 16, h - h // 16),
        "bottom-right": (w - w // 16, h - h // 16),
    }
    expected = {1: "top-left", 3: "bottom-right", 6: "top-right", 8: "bottom-left"}[orientation]
    for corner, xy in corners.items():
        red, green, _ = image.getpixel(xy)
        assert (red > 150 and green < 100) is (corner == expected), (corner, image.getpixel(xy))
    assert "exif" not in Image.open(io.BytesIO(ready.data)).info


@pytest.mark.parametrize(("per_page", "pages"), [(2, 3), (3, 2), (4, 2)])
def test_two_to_four_photos_a_page(
    tmp_path: Path, kupang_data: dict[str, Any], per_page: int, pages: int
) -> None:
    for index in range(5):
        phone_photo(tmp_path / f"f{index}.jpg", index, 1, size=(640, 480))
    photos = [{"path": f"f{i}.jpg", "caption": f"Sesi ke-{i + 1}"} for i in range(5)]
    rembuk = rembuk_docs.load(
        definition(tmp_path, kupang_data, {"photos": photos, "per_page": per_page})
    )
    pdf = rembuk_docs.render_bytes(rembuk, "dokumentasi", "pdf")
    texts = pdf_pages(pdf)
    assert len(texts) == pages
    # shared evenly on the fewest pages (5 photos 4 a page: 3 + 2, not 4 + 1)
    shares = {2: [2, 2, 1], 3: [3, 2], 4: [3, 2]}[per_page]
    assert shares == photo_pages(5, per_page)
    page_of = [page for page, count in enumerate(shares) for _ in range(count)]
    for index in range(5):
        assert f"Sesi ke-{index + 1}" in texts[page_of[index]]


def test_png_with_transparency_is_flattened_on_white(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (200, 100), (0, 0, 0, 0)).save(path)
    ready = prepare(path, 100, 100, location="x")
    image = Image.open(io.BytesIO(ready.data))
    assert image.format == "JPEG"
    assert image.size == (100, 50)
    assert image.convert("L").getextrema()[0] > 240


def test_other_image_modes_become_plain_rgb(tmp_path: Path) -> None:
    cases = {
        "grey16.png": (Image.new("I;16", (300, 200), 30000), (117, 117)),
        "cmyk.jpg": (Image.new("CMYK", (300, 200), (0, 50, 50, 0)), (205, 206)),
        "palette.png": (Image.new("P", (300, 200)), (0, 0)),
    }
    for name, (image, (low, high)) in cases.items():
        image.save(tmp_path / name)
        ready = prepare(tmp_path / name, 150, 150, location="x")
        out = Image.open(io.BytesIO(ready.data))
        assert (out.mode, out.size) == ("RGB", (150, 100)), name
        green = out.getextrema()[1]
        assert low - 3 <= green[0] <= green[1] <= high + 3, (name, out.getextrema())


def bad(
    tmp_path: Path, kupang_data: dict[str, Any], photos: list[dict[str, Any]]
) -> DefinitionError:
    path = definition(tmp_path, kupang_data, {"photos": photos})
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(path)
    return caught.value


def test_bad_photos_are_all_reported_with_their_field(
    tmp_path: Path, kupang_data: dict[str, Any]
) -> None:
    (tmp_path / "tulisan.jpg").write_text("bukan foto", encoding="utf-8")
    # a small file claiming 100 million pixels: a decompression bomb
    Image.new("1", (10_000, 10_000)).save(tmp_path / "bom.png")
    Image.new("RGB", (10, 10)).save(tmp_path / "gambar.gif")
    (tmp_path / "folder.jpg").mkdir()
    outside = tmp_path.parent / "luar.jpg"
    phone_photo(outside, 0, 1, size=(64, 48))
    photos = [
        {"path": "hilang.jpg", "caption": "a"},
        {"path": "tulisan.jpg", "caption": "b"},
        {"path": "bom.png", "caption": "c"},
        {"path": "gambar.gif", "caption": "d"},
        {"path": "../luar.jpg", "caption": "e"},
        {"path": str(outside), "caption": "f"},
        {"path": "folder.jpg", "caption": "g"},
    ]
    error = bad(tmp_path, kupang_data, photos)
    found = {p.location: p.id for p in error.problems}
    assert found == {
        "dokumentasi.photos[0].path": "dokumentasi.not_found",
        "dokumentasi.photos[1].path": "dokumentasi.not_image",
        "dokumentasi.photos[2].path": "dokumentasi.too_many_pixels",
        "dokumentasi.photos[3].path": "dokumentasi.kind",
        "dokumentasi.photos[4].path": "dokumentasi.outside",
        "dokumentasi.photos[5].path": "dokumentasi.outside",
        "dokumentasi.photos[6].path": "dokumentasi.not_file",
    }
    assert all(p.line is not None for p in error.problems)
    text = str(error)
    assert "foto 'hilang.jpg'" not in text  # the path shown is where it was looked for
    assert "tidak ditemukan" in text and "decompression bomb" in text
    assert "di luar folder definisi" in text


def test_cli_refuses_a_bad_photo_with_exit_2_in_indonesian(
    tmp_path: Path, kupang_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rusak.jpg").write_bytes(b"\xff\xd8\xff\xe0 bukan jpeg")
    path = definition(tmp_path, kupang_data, {"photos": [{"path": "rusak.jpg", "caption": "x"}]})
    code = main(["render", str(path), "--out", str(tmp_path / "out"), "--only", "dokumentasi"])
    err = capsys.readouterr().err
    assert code == 2
    assert "dokumentasi.photos[0].path" in err
    assert "bukan foto yang dapat dibaca" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "dokumentasi.pdf").exists()


def test_photos_and_folder_together_are_refused(
    tmp_path: Path, kupang_data: dict[str, Any]
) -> None:
    path = definition(
        tmp_path, kupang_data, {"folder": ".", "photos": [{"path": "a.jpg", "caption": "a"}]}
    )
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(path)
    assert [p.id for p in caught.value.problems] == ["dokumentasi.photos_and_folder"]


def test_empty_or_missing_folder(tmp_path: Path, kupang_data: dict[str, Any]) -> None:
    (tmp_path / "kosong").mkdir()
    for folder, expected in (
        ("kosong", "dokumentasi.folder_empty"),
        ("tiada", "dokumentasi.folder_not_found"),
        ("..", "dokumentasi.outside"),
    ):
        with pytest.raises(DefinitionError) as caught:
            rembuk_docs.load(definition(tmp_path, kupang_data, {"folder": folder}))
        assert [(p.location, p.id) for p in caught.value.problems] == [
            ("dokumentasi.folder", expected)
        ]


def test_the_regency_pack_holds_the_dokumentasi_only_with_photos(
    kupang: Rembuk, twenty: Rembuk
) -> None:
    assert "dokumentasi" not in pack_documents(kupang)
    assert omitted_documents(kupang)["dokumentasi"] == "cli.omitted_dokumentasi"
    names = pack_documents(twenty)
    assert names.index("notulen") < names.index("dokumentasi") < names.index("berita-acara")
    assert "dokumentasi" not in omitted_documents(twenty)


def test_example_photos_keep_the_pack_a_draft(tmp_path: Path, kupang_data: dict[str, Any]) -> None:
    phone_photo(tmp_path / "a.jpg", 0, 1, size=(64, 48))
    rembuk = rembuk_docs.load(
        definition(
            tmp_path,
            kupang_data,
            {"photos": [{"path": "a.jpg", "caption": "Contoh foto", "example": True}]},
        )
    )
    assert "dokumentasi: Contoh foto" in rembuk.example_marks


def test_a_batch_s_shared_photos_render_again_when_one_changes(tmp_path: Path) -> None:
    from rembuk_docs.batch import render_batch

    from conftest import SAMPLES

    photos = tmp_path / "foto"
    photos.mkdir()
    for index in range(3):
        phone_photo(photos / f"{index + 1:02d}-sesi-{index + 1}.jpg", index, 1, size=(320, 240))
    template = tmp_path / "rembuk-desa.yaml"
    template.write_text(
        (SAMPLES / "rembuk-desa.yaml").read_text(encoding="utf-8")
        + "\ndokumentasi:\n  folder: foto\n  per_page: 2\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "desa.csv"
    sheet.write_text(
        (SAMPLES / "desa-kupang.csv").read_text(encoding="utf-8").splitlines()[0]
        + "\n"
        + (SAMPLES / "desa-kupang.csv").read_text(encoding="utf-8").splitlines()[1]
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": ["pdf"], "documents": ["dokumentasi"]}
    first = render_batch(sheet, template, out, **options)
    assert len(first.rendered) == 1 and not first.failures
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    pages = pdf_pages((folder / "dokumentasi.pdf").read_bytes())
    assert len(pages) == 2 and "Sesi 1" in pages[0] and "Sesi 3" in pages[1]
    assert render_batch(sheet, template, out, **options).unchanged == [folder.name]
    phone_photo(photos / "02-sesi-2.jpg", 7, 6, size=(320, 240))  # replaced by another photo
    assert render_batch(sheet, template, out, **options).rendered == [folder.name]


def test_the_photo_lampiran_is_signed_by_who_made_the_berita_acara(
    twenty: Rembuk, twenty_pdf: bytes, twenty_docx: bytes
) -> None:
    # a lampiran that carries content is signed (domain.md 1.7, 1.8): the last page, with its
    # four photos, closes with the line binding it to the berita acara and the signatures
    from rembuk_docs.model.paperwork import record_parties

    makers = [person.printed_name() for person in record_parties(twenty)]
    assert makers
    binding = "Lampiran ini merupakan bagian yang tidak terpisahkan dari Berita Acara Nomor"
    pages = pdf_pages(twenty_pdf)
    assert len(pages) == 5 and all(f"Kegiatan nomor {n}" in pages[4] for n in range(17, 21))
    assert binding in pages[4] and "Yang membuat berita acara," in pages[4]
    assert all(name in pages[4] for name in makers)
    assert not any(binding in page for page in pages[:4])
    paragraphs = docx_paragraphs(twenty_docx)
    last_caption = paragraphs.index("Kegiatan nomor 20")
    after = paragraphs[last_caption:]
    assert any(p.startswith(binding) for p in after)
    assert "Yang membuat berita acara," in after and all(name in after for name in makers)
