"""Signature fields: an empty /Sig widget over each signatory's signing space, named after the
signatory, where the PDF writer drew it; the manifest beside the PDF; the fields in the bundle."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.finishing import MANIFEST_SUFFIX
from rembuk_docs.writers.pdf_fields import field_name

from conftest import SAMPLES, needs_tool, normalise

SIGNED = ("undangan", "kesepakatan", "notulen", "berita-acara")


def _render(rembuk: rembuk_docs.Rembuk, **options: object) -> dict[str, bytes]:
    return dict(rembuk_docs.render_files(rembuk, formats=["pdf"], signature_fields=True, **options))  # type: ignore[arg-type]


def _fragments(data: bytes, page_number: int) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text fragment drawn on page ``page_number`` (from 1)."""
    page = PdfReader(io.BytesIO(data)).pages[page_number - 1]
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((normalise(text), x, y))

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def kupang_files(kupang: rembuk_docs.Rembuk) -> dict[str, bytes]:
    return _render(kupang, bundle=True)


def test_each_signed_document_gets_a_manifest_naming_its_signatories(
    kupang: rembuk_docs.Rembuk, kupang_files: dict[str, bytes]
) -> None:
    for name in SIGNED:
        manifest = json.loads(kupang_files[f"{name}{MANIFEST_SUFFIX}"])
        assert manifest["file"] == f"{name}.pdf"
        assert manifest["units"] == "pt" and manifest["origin"] == "bottom-left"
        assert manifest["fields"], name
        names = [field["field"] for field in manifest["fields"]]
        assert len(set(names)) == len(names)
        tags = [field["tag"] for field in manifest["fields"]]
        assert len(set(tags)) == len(tags)
    kesepakatan = json.loads(kupang_files[f"kesepakatan{MANIFEST_SUFFIX}"])["fields"]
    # every signatory of the kesepakatan signs once, in the definition's order
    assert len(kesepakatan) == len(kupang.signatories)
    for field, person in zip(kesepakatan, kupang.signatories, strict=True):
        assert person.name in field["signatory"]
    first = kesepakatan[0]
    assert first["field"] == field_name("kesepakatan", 1, first["signatory"])
    assert first["tag"] == "#TTD-KESEPAKATAN-01#"
    # documents with no signature block have no manifest
    assert f"daftar-hadir{MANIFEST_SUFFIX}" not in kupang_files


@pytest.mark.parametrize("name", SIGNED)
def test_the_rectangle_is_the_signing_space_above_the_signers_name(
    kupang_files: dict[str, bytes], name: str
) -> None:
    data = kupang_files[f"{name}.pdf"]
    for field in json.loads(kupang_files[f"{name}{MANIFEST_SUFFIX}"])["fields"]:
        x0, y0, x1, y1 = field["rect"]
        assert x1 - x0 > 100 and y1 - y0 > 40  # room for a signature and a stamp
        fragments = _fragments(data, field["page"])
        # the name is printed just under the space, centred within its width
        under = [
            (x, y)
            for text, x, y in fragments
            if text == field["signatory"] and x0 <= x <= x1 and y0 - 30 < y < y0
        ]
        assert len(under) == 1, (field, [f for f in fragments if f[0] == field["signatory"]])
        # the tag text stands (invisibly) inside the rectangle
        inside = [
            (x, y)
            for text, x, y in fragments
            if text == field["tag"] and x0 <= x <= x1 and y0 <= y <= y1
        ]
        assert len(inside) == 1, field
        # nothing visible is drawn in the space: the only text there is the tag
        others = [t for t, x, y in fragments if x0 < x < x1 and y0 + 2 < y < y1 - 2]
        assert others == [field["tag"]], others


@pytest.mark.parametrize("name", [*SIGNED, "paket"])
def test_the_pdf_carries_an_empty_signature_widget_per_manifest_field(
    kupang_files: dict[str, bytes], name: str
) -> None:
    reader = PdfReader(io.BytesIO(kupang_files[f"{name}.pdf"]))
    manifest = json.loads(kupang_files[f"{name}{MANIFEST_SUFFIX}"])["fields"]
    fields = [ref.get_object() for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    assert [field["/T"] for field in fields] == [entry["field"] for entry in manifest]
    for widget, entry in zip(fields, manifest, strict=True):
        assert widget["/FT"] == "/Sig" and widget["/Subtype"] == "/Widget"
        assert "/V" not in widget  # empty: nobody has signed
        assert widget["/F"] == 4  # printable, as PDF/A wants
        assert "/N" in widget["/AP"]
        assert [round(float(value), 2) for value in widget["/Rect"]] == entry["rect"]
        page = reader.pages[entry["page"] - 1]
        assert widget.indirect_reference in [ref for ref in page["/Annots"]] or any(
            ref.get_object() == widget for ref in page["/Annots"]
        )


def test_the_bundle_keeps_every_field_on_its_own_page(kupang_files: dict[str, bytes]) -> None:
    bundle = json.loads(kupang_files[f"paket{MANIFEST_SUFFIX}"])
    assert bundle["file"] == "paket.pdf"
    expected = []
    offset = 0
    for name in ("undangan", "kesepakatan", "lembar-tanda-tangan", "daftar-hadir", "notulen"):
        for field in json.loads(kupang_files.get(f"{name}{MANIFEST_SUFFIX}", b'{"fields": []}'))[
            "fields"
        ]:
            expected.append({**field, "page": field["page"] + offset})
        offset += len(PdfReader(io.BytesIO(kupang_files[f"{name}.pdf"])).pages)
    for field in json.loads(kupang_files[f"berita-acara{MANIFEST_SUFFIX}"])["fields"]:
        expected.append({**field, "page": field["page"] + offset})
    assert bundle["fields"] == expected
    data = kupang_files["paket.pdf"]
    for field in bundle["fields"]:
        texts = [text for text, _, _ in _fragments(data, field["page"])]
        assert field["signatory"] in texts and field["tag"] in texts


def test_signature_fields_are_byte_identical_and_off_by_default(
    kupang: rembuk_docs.Rembuk, kupang_files: dict[str, bytes]
) -> None:
    again = _render(kupang, bundle=True)
    assert again == kupang_files
    plain = rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")
    assert "/AcroForm" not in PdfReader(io.BytesIO(plain)).trailer["/Root"]
    assert "#TTD-" not in normalise(PdfReader(io.BytesIO(plain)).pages[-1].extract_text())


def test_with_pdfa_the_fields_stay_and_the_file_is_archival(kupang: rembuk_docs.Rembuk) -> None:
    from test_pdfa import assert_pdfa_2b

    files = _render(kupang, bundle=True, pdfa=True, documents=["kesepakatan", "berita-acara"])
    for name in ("kesepakatan", "berita-acara", "paket"):
        assert_pdfa_2b(files[f"{name}.pdf"], form_fields=True)
        reader = PdfReader(io.BytesIO(files[f"{name}.pdf"]))
        form = reader.trailer["/Root"]["/AcroForm"]
        assert "/NeedAppearances" not in form
        assert len(form["/Fields"]) == len(json.loads(files[f"{name}{MANIFEST_SUFFIX}"])["fields"])


def test_tags_are_a_pack_setting(kupang: rembuk_docs.Rembuk, tmp_path: Path) -> None:
    pack = tmp_path / "tanpa-tag"
    pack.mkdir()
    (pack / "format.toml").write_text(
        'name = "Tanpa tag"\nextends = "kupang"\n\n[pdf]\nsignature_fields = true\n'
        "signature_tags = false\n",
        encoding="utf-8",
    )
    files = dict(rembuk_docs.render_files(kupang, formats=["pdf"], format_pack=pack))
    fields = json.loads(files[f"kesepakatan{MANIFEST_SUFFIX}"])["fields"]
    assert fields and all(field["tag"] is None for field in fields)
    assert "#TTD-" not in PdfReader(io.BytesIO(files["kesepakatan.pdf"])).pages[2].extract_text()


def test_render_signature_fields_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", str(SAMPLES / "kupang-2022.yaml"), "--out", str(out), "--format", "pdf"]
    assert main([*args, "--only", "berita-acara", "--signature-fields"]) == 0
    assert sorted(path.name for path in out.iterdir()) == [
        "berita-acara.pdf",
        f"berita-acara{MANIFEST_SUFFIX}",
    ]


@needs_tool("soffice")
def test_a_word_authored_document_gets_no_fields_and_says_so(kupang: rembuk_docs.Rembuk) -> None:
    from rembuk_docs.errors import RembukWarning

    with pytest.warns(RembukWarning, match="kesepakatan: PDF-nya dibuat LibreOffice"):
        files = dict(
            rembuk_docs.render_files(
                kupang,
                formats=["pdf"],
                documents=["kesepakatan"],
                format_pack="kupang-word",
                signature_fields=True,
            )
        )
    assert list(files) == ["kesepakatan.pdf"]


def test_the_signature_sheet_gets_a_field_in_each_signatorys_cell(
    kupang: rembuk_docs.Rembuk, kupang_files: dict[str, bytes]
) -> None:
    data = kupang_files["lembar-tanda-tangan.pdf"]
    fields = json.loads(kupang_files[f"lembar-tanda-tangan{MANIFEST_SUFFIX}"])["fields"]
    table = [
        field
        for field in fields
        if field["signatory"] in {p.printed_name() for p in kupang.signatories}
    ]
    assert len(table) == len(kupang.signatories)
    for number, field in enumerate(table, start=1):
        x0, y0, x1, y1 = field["rect"]
        fragments = _fragments(data, field["page"])
        # the row's own numbered dots ('1. ......') stand at the foot of the rectangle: odd
        # numbers in the left half of the cell, even ones in the right half
        dots = [
            (x, y)
            for text, x, y in fragments
            if text.startswith(f"{number}. ..") and x0 - 1 <= x <= x1
        ]
        assert len(dots) == 1, (number, field)
        assert y0 <= dots[0][1] <= y0 + 15
        # the signatory's name is in the same row, to the left of the signature column
        names = [(x, y) for text, x, y in fragments if text == field["signatory"]]
        assert any(x < x0 and y0 < y <= y1 for x, y in names), (field, names)
        tags = [(x, y) for text, x, y in fragments if text == field["tag"]]
        assert len(tags) == 1 and x0 <= tags[0][0] <= x1 and y0 <= tags[0][1] <= y1


def _invisible_and_visible_shows(data: bytes, page_number: int) -> tuple[int, int]:
    """How many text-showing operators of a page run in render mode 3 (invisible) and how many
    in a visible mode, following the mode through q/Q as a viewer does."""
    import pikepdf

    invisible = visible = 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        mode, stack = 0, []
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[page_number - 1]):
            name = str(operator)
            if name == "q":
                stack.append(mode)
            elif name == "Q":
                mode = stack.pop() if stack else 0
            elif name == "Tr":
                mode = int(operands[0])
            elif name in ("Tj", "TJ", "'", '"'):
                if mode == 3:
                    invisible += 1
                else:
                    visible += 1
    return invisible, visible


@pytest.mark.parametrize("name", [*SIGNED, "lembar-tanda-tangan"])
def test_only_the_tags_are_invisible(kupang_files: dict[str, bytes], name: str) -> None:
    plain = dict(
        rembuk_docs.render_files(
            rembuk_docs.load(SAMPLES / "kupang-2022.yaml"), formats=["pdf"], documents=[name]
        )
    )[f"{name}.pdf"]
    fields = json.loads(kupang_files[f"{name}{MANIFEST_SUFFIX}"])["fields"]
    for page in {field["page"] for field in fields}:
        tags = sum(1 for field in fields if field["page"] == page)
        invisible, visible = _invisible_and_visible_shows(kupang_files[f"{name}.pdf"], page)
        assert invisible == tags
        assert visible == _invisible_and_visible_shows(plain, page)[1]  # all the rest is seen
