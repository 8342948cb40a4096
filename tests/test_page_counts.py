"""Pagination of every document of every sample, in the native PDF and in the DOCX as LibreOffice
lays it out (issue #12, items 4 and 5; docs/review-checklist.md).

Every sample definition renders its whole pack; the Kupang sample renders its rencana kegiatan
from its sheet; the batch sample renders every desa of its sheet. One LibreOffice run converts
every DOCX at once. The checks read the text of each page with pypdf:

- the DOCX laid out by LibreOffice has as many pages as the native PDF;
- no page is empty, and no page holds only signature material (a signature block, a
  'Mengetahui' block, the place-and-date line): every page has some other text; nor, from
  page 2, only the closing sentence ('Demikian ...') and signatures;
- the page before the last is not more than 35% empty while what the last page holds would fit
  in that room (an end pushed over), and every signature grid fits on one page;
- LibreOffice starts every page with the same line as the PDF;
- no heading (a title line, a bold section heading) is the last line of a page;
- no paragraph leaves its first line alone at the foot of a page or its last line alone at the
  head of the next;
- no page of a table starts with a subtotal or total row: it stays with the rows it sums;
- pages are numbered '- 2 -' at the top from page 2, and a one-page document has no number.
"""

from __future__ import annotations

import io
import re
import subprocess
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

import rembuk_docs
from rembuk_docs.compose import pack_documents
from rembuk_docs.compose.blocks import (
    Column,
    DataTable,
    Document,
    NumberedList,
    PageBreak,
    Paragraph,
    Run,
    SignatureBlock,
    SignatureGrid,
    Spacer,
    Title,
    inline_text,
    plain,
)
from rembuk_docs.compose.layout import (
    CM,
    EMPTY_PAGE_SHARE,
    signature_grid_height,
    text_height_pt,
    text_width_pt,
)
from rembuk_docs.formats.pack import FormatPack
from rembuk_docs.rendering import compose_documents, resolve_pack
from rembuk_docs.writers.fonts import font_set
from rembuk_docs.writers.measure import wrap_text

from conftest import SAMPLES, definition_samples, needs_tool, normalise

NUMBER_LINE = re.compile(r"^(- \d+ -|Halaman \d+ dari \d+)$")
LIST_LABEL = re.compile(r"^(\d+\.|\([A-Z]+\)|[a-z]\.|\d+\))\s+")


@dataclass(frozen=True)
class Rendered:
    """One document of one sample: its composition and both files."""

    label: str
    rembuk: rembuk_docs.Rembuk
    document: Document
    pdf: bytes
    docx: bytes
    numbers: str = "top-center"
    bottom_pt: float = 0.0
    """The bottom margin, in points."""
    height_pt: float = 0.0
    """The height between the margins, in points."""


def _definitions() -> Iterator[tuple[str, rembuk_docs.Rembuk, tuple[str, ...] | None]]:
    """(label, definition, documents or every document of its pack) for every sample."""
    for path in definition_samples():
        yield path.stem, rembuk_docs.load(path), None
    plan = SAMPLES / "kupang-2022-rencana-kegiatan.csv"
    kupang = rembuk_docs.load(SAMPLES / "kupang-2022.yaml", rencana_kegiatan=plan)
    yield "kupang-2022+rencana-kegiatan", kupang, ("rencana-kegiatan",)
    yield from _batch_desa()


def _batch_desa() -> Iterator[tuple[str, rembuk_docs.Rembuk, tuple[str, ...] | None]]:
    """Every desa of the batch sample (rembuk-desa.yaml over desa-kupang.xlsx), as definitions."""
    from rembuk_docs.batch.definition import build
    from rembuk_docs.batch.sheet import activities_by_desa, read_sheet
    from rembuk_docs.batch.template import load_template

    sheet = read_sheet(SAMPLES / "desa-kupang.xlsx")
    template = load_template(SAMPLES / "rembuk-desa.yaml")
    matched, _, _ = activities_by_desa(sheet)
    for row in sheet.desa:
        built = build(template, row, matched.get(row.number, []))
        rembuk = rembuk_docs.from_dict(built.data, base=template.base)
        yield f"desa {row.text('desa')}", rembuk, None


def _render(
    label: str,
    rembuk: rembuk_docs.Rembuk,
    names: tuple[str, ...] | None,
    format_pack: Path | None = None,
    numbers: str = "top-center",
) -> list[Rendered]:
    pack = resolve_pack(rembuk, format_pack=format_pack)
    documents = names or pack_documents(rembuk)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the samples are drafts: DraftWarning, nomor blanks
        composed = compose_documents(rembuk, pack, list(documents))
        return [
            Rendered(
                f"{label}/{document.name}",
                rembuk,
                document,
                rembuk_docs.render_bytes(rembuk, document.name, "pdf", format_pack=format_pack),
                rembuk_docs.render_bytes(rembuk, document.name, "docx", format_pack=format_pack),
                numbers,
                pack.page.margin_bottom_cm * CM,
                text_height_pt(pack),
            )
            for document in composed
        ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    """Every document of every sample, and Kupang's kesepakatan numbered 'Halaman N dari M'."""
    documents: list[Rendered] = []
    for label, rembuk, names in _definitions():
        documents.extend(_render(label, rembuk, names))
    folder = tmp_path_factory.mktemp("halaman")
    (folder / "format.toml").write_text(
        'extends = "kupang"\n[page]\nnumbers = "page-of-total"\n', encoding="utf-8"
    )
    kupang = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    documents.extend(
        _render("kupang-2022 (halaman N dari M)", kupang, ("kesepakatan",), folder, "page-of-total")
    )
    return documents


@pytest.fixture(scope="module")
def laid_out(rendered: list[Rendered], tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """The PDF LibreOffice lays each DOCX out as, in the order of ``rendered``: one soffice run
    for all of them, with a user profile of its own."""
    from rembuk_docs.writers.libreoffice import soffice

    executable = soffice()
    assert executable is not None  # the tests asking for this fixture need soffice
    work = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for number, item in enumerate(rendered):
        source = work / f"{number:03d}.docx"
        source.write_bytes(item.docx)
        sources.append(source)
    out = work / "pdf"
    profile = (work / "profile").as_uri()
    command = [executable, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out)]
    subprocess.run([*command, *map(str, sources)], capture_output=True, timeout=900, check=True)
    return [(out / f"{source.stem}.pdf").read_bytes() for source in sources]


# ---------------------------------------------------------------- reading the pages


def page_lines(data: bytes) -> list[list[str]]:
    """The lines of text of each page, without the furniture: the DRAF watermark and the page
    number ('- 2 -', 'Halaman 2 dari 5')."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = [normalise(line) for line in (page.extract_text() or "").splitlines()]
        pages.append([line for line in lines if line and line != "DRAF"])
    return [[line for line in lines if not NUMBER_LINE.match(line)] for lines in pages]


def number_lines(data: bytes) -> list[str | None]:
    """The page number each page carries ('- 2 -', 'Halaman 2 dari 5'), or None."""
    from pypdf import PdfReader

    found: list[str | None] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = [normalise(line) for line in (page.extract_text() or "").splitlines()]
        found.append(next((line for line in lines if NUMBER_LINE.match(line)), None))
    return found


def text_extents(data: bytes) -> list[tuple[float, float] | None]:
    """(highest, lowest) baseline of the text of each page, in points from the bottom edge,
    without the furniture (watermark, page number); ``None`` for a page without text."""
    from pypdf import PdfReader

    extents: list[tuple[float, float] | None] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[float] = []

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, found: list[float] = found
        ) -> None:
            line = normalise(text)
            if line and line != "DRAF" and not NUMBER_LINE.match(line):
                found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        extents.append((max(found), min(found)) if found else None)
    return extents


def room_problems(item: Rendered, data: bytes) -> list[str]:
    """The page before the last more than :data:`EMPTY_PAGE_SHARE` empty while what the last
    page holds (its text, top line to bottom line) would have fitted in that room: the end of
    the document (closing, signatures, blank rows) was pushed over a page it could share."""
    extents = text_extents(data)
    if len(extents) < 2 or extents[-1] is None or extents[-2] is None:
        return []
    room = extents[-2][1] - item.bottom_pt
    used = extents[-1][0] - extents[-1][1]
    if room > EMPTY_PAGE_SHARE * item.height_pt and used < room:
        share = round(100 * room / item.height_pt)
        return [
            f"page {len(extents) - 1} is {share}% empty, though the {used:.0f} pt of text on "
            f"page {len(extents)} would fit in its {room:.0f} pt"
        ]
    return []


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _grids(document: Document) -> Iterator[SignatureGrid]:
    for block in document.blocks:
        if isinstance(block, SignatureGrid):
            yield block
        elif isinstance(block, DataTable) and block.closing is not None:
            yield block.closing


def _signature_words(document: Document) -> set[str]:
    """Every word of the document's signature material: the grids' headings (place and date,
    'Yang bersepakat,'), and each block's jabatan, name, pangkat and NIP."""
    words: set[str] = set()
    for grid in _grids(document):
        words.update(_grid_words(grid))
    return words


def _closing_words(document: Document) -> set[str]:
    """The words of each paragraph just before a signature grid (its closing sentence)."""
    words: set[str] = set()
    for before, block in zip(document.blocks, document.blocks[1:], strict=False):
        if isinstance(block, SignatureGrid) and isinstance(before, Paragraph):
            words.update(_words(inline_text(before.content)))
    return words


def _grid_words(grid: SignatureGrid) -> set[str]:
    words: set[str] = set()
    for line in grid.heading:
        words.update(_words(line))
    for sig in grid.blocks:
        for line in (*sig.above, sig.name, *sig.below):
            words.update(_words(line))
    return words


def _headings(document: Document) -> set[str]:
    """Title lines and bold section headings (a bold paragraph kept with what follows)."""
    found: set[str] = set()
    for block in document.blocks:
        if isinstance(block, Title):
            found.update(normalise(line) for line in block.lines)
        elif (
            isinstance(block, Paragraph)
            and block.keep_with_next
            and all(run.bold for run in block.content)
        ):
            found.add(normalise(inline_text(block.content)))
    return found


def _paragraphs(document: Document) -> list[str]:
    """The text of every paragraph and list item, whitespace collapsed."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts.append(normalise(inline_text(block.content)))
        elif isinstance(block, NumberedList):
            for item in block.items:
                texts.append(normalise(inline_text(item.content)))
                texts.extend(normalise(inline_text(child)) for child in item.children)
    return [text for text in texts if text]


def pagination_problems(document: Document, pages: list[list[str]]) -> list[str]:
    """What breaks the pagination rules on ``pages`` (lines per page) of ``document``."""
    problems: list[str] = []
    signature = _signature_words(document)
    headings = _headings(document)
    paragraphs = _paragraphs(document)
    closings = _closing_words(document)
    for number, lines in enumerate(pages, start=1):
        words = _words(" ".join(lines))
        if not words:
            problems.append(f"page {number} is empty")
        elif all(word in signature for word in words):
            problems.append(f"page {number} holds only signature material: {lines[:3]}")
        elif number > 1 and all(word in signature or word in closings for word in words):
            problems.append(f"page {number} holds only a closing sentence and signatures")
        if number < len(pages) and lines and lines[-1] in headings:
            problems.append(f"page {number} ends with the heading {lines[-1]!r}")
    for number in range(1, len(pages)):
        if not pages[number - 1] or not pages[number]:
            continue
        foot = LIST_LABEL.sub("", pages[number - 1][-1])
        head = pages[number][0]
        for text in paragraphs:
            if f"{foot} {head}" not in text:
                continue  # this paragraph does not go on from page to page here
            if text.startswith(foot):
                problems.append(f"page {number} ends with a first line alone: {foot!r}")
            if text.endswith(head):
                problems.append(f"page {number + 1} starts with a last line alone: {head!r}")
    problems.extend(_totals_problems(document, pages))
    return problems


def _totals_problems(document: Document, pages: list[list[str]]) -> list[str]:
    """A page of a table whose first row after the repeated header is a subtotal or total."""
    problems: list[str] = []
    for block in document.blocks:
        if not isinstance(block, DataTable):
            continue
        totals = block.keep_with_previous | block.bold_rows
        header = normalise(" ".join(column.title for column in block.columns))
        labels = {
            next(cell for cell in block.rows[index] if cell.strip())
            for index in totals
            if any(cell.strip() for cell in block.rows[index])
        }
        for number, lines in enumerate(pages, start=1):
            text = " ".join(lines)
            for label in labels:
                if re.search(re.escape(header) + r" " + re.escape(normalise(label)), text):
                    problems.append(f"page {number} starts the table with {label!r}")
    return problems


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{label}: {'; '.join(found)}" for label, found in problems.items())


# ---------------------------------------------------------------- the native PDF


def test_no_pdf_page_breaks_a_pagination_rule(rendered: list[Rendered]) -> None:
    problems = {
        item.label: found
        for item in rendered
        if (found := pagination_problems(item.document, page_lines(item.pdf)))
    }
    assert not problems, _report(problems)


def test_no_pdf_pushes_its_end_over_a_page_with_room_for_it(rendered: list[Rendered]) -> None:
    problems = {item.label: found for item in rendered if (found := room_problems(item, item.pdf))}
    assert not problems, _report(problems)


def test_every_signature_grid_fits_on_one_page(rendered: list[Rendered]) -> None:
    """No grid is taller than a page (measured as the writers measure), so none can leave a page
    of signatures alone: a kesepakatan with too many signatories for one page is signed under
    the text by its principal signers, the others on the lembar tanda tangan (Kayong Utara)."""
    tall = {}
    for item in rendered:
        pack = resolve_pack(item.rembuk)
        font = font_set(pack).regular

        def lines_of(text: str, width: float, pack: FormatPack = pack, font: str = font) -> int:
            return len(wrap_text(text, font, pack.font.size, width))

        for grid in _grids(item.document):
            height = signature_grid_height(grid, pack, text_width_pt(pack), lines_of)
            if height > text_height_pt(pack):
                tall[item.label] = [f"a grid of {len(grid.blocks)} is {height:.0f} pt tall"]
    assert not tall, _report(tall)
    kayong = next(item for item in rendered if item.label == "kayong-utara-2023/kesepakatan")
    text = " ".join(" ".join(lines) for lines in page_lines(kayong.pdf))
    assert "sebagaimana tercantum dalam Lembar Tanda Tangan terlampir" in text
    sheet = next(item for item in rendered if item.label == "kayong-utara-2023/lembar-tanda-tangan")
    names = " ".join(" ".join(lines) for lines in page_lines(sheet.pdf))
    assert all(person.name in names for person in kayong.rembuk.signatories)
    assert len(kayong.rembuk.signatories) == 13 and len(next(_grids(kayong.document)).blocks) == 2


def test_every_pdf_is_numbered_from_page_2_and_a_one_page_pdf_not_at_all(
    rendered: list[Rendered],
) -> None:
    problems = {
        item.label: found
        for item in rendered
        if (found := _numbering_problems(number_lines(item.pdf), item.numbers))
    }
    assert not problems, _report(problems)
    assert any(len(number_lines(item.pdf)) == 1 for item in rendered)  # one-page documents


def _numbering_problems(numbers: list[str | None], style: str) -> list[str]:
    """Where page numbers differ from '- N -' (or 'Halaman N dari M') on pages 2 to M."""
    total = len(numbers)
    expected: list[str | None] = [None]
    for number in range(2, total + 1):
        expected.append(
            f"- {number} -" if style == "top-center" else f"Halaman {number} dari {total}"
        )
    return [
        f"page {page}: {found!r} instead of {wanted!r}"
        for page, (found, wanted) in enumerate(zip(numbers, expected, strict=True), start=1)
        if found != wanted
    ]


# ---------------------------------------------------------------- the DOCX, laid out by LibreOffice


@needs_tool("soffice")
def test_libreoffice_lays_every_docx_out_on_as_many_pages_as_its_pdf(
    rendered: list[Rendered], laid_out: list[bytes]
) -> None:
    counts = {
        item.label: (len(page_lines(item.pdf)), len(page_lines(pdf)))
        for item, pdf in zip(rendered, laid_out, strict=True)
    }
    differ = {label: f"PDF {a}, DOCX {b}" for label, (a, b) in counts.items() if a != b}
    assert not differ, "\n".join(f"{label}: {text}" for label, text in differ.items())
    assert len(counts) > 60 and max(a for a, _ in counts.values()) > 3


@needs_tool("soffice")
def test_no_page_of_the_docx_as_libreoffice_lays_it_out_breaks_a_pagination_rule(
    rendered: list[Rendered], laid_out: list[bytes]
) -> None:
    problems = {
        item.label: found
        for item, pdf in zip(rendered, laid_out, strict=True)
        if (found := pagination_problems(item.document, page_lines(pdf)))
    }
    assert not problems, _report(problems)


@needs_tool("soffice")
def test_no_docx_as_libreoffice_lays_it_out_pushes_its_end_over_a_page_with_room(
    rendered: list[Rendered], laid_out: list[bytes]
) -> None:
    problems = {
        item.label: found
        for item, pdf in zip(rendered, laid_out, strict=True)
        if (found := room_problems(item, pdf))
    }
    assert not problems, _report(problems)


@needs_tool("soffice")
def test_libreoffice_starts_every_page_of_the_docx_where_the_pdf_starts_it(
    rendered: list[Rendered], laid_out: list[bytes]
) -> None:
    """Not only as many pages: the same break, judged by the first line of each page (a table
    row or a heading LibreOffice sends over alone would show here)."""
    differ = {}
    for item, pdf in zip(rendered, laid_out, strict=True):
        ours, theirs = page_lines(item.pdf), page_lines(pdf)
        found = [
            f"page {number}: PDF {a[:1]}, DOCX {b[:1]}"
            for number, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1)
            if a[:1] != b[:1]
        ]
        if found:
            differ[item.label] = found
    assert not differ, _report(differ)


@needs_tool("soffice")
def test_the_docx_is_numbered_from_page_2_as_libreoffice_lays_it_out(
    rendered: list[Rendered], laid_out: list[bytes]
) -> None:
    problems = {
        item.label: found
        for item, pdf in zip(rendered, laid_out, strict=True)
        if (found := _numbering_problems(number_lines(pdf), item.numbers))
    }
    assert not problems, _report(problems)


# ---------------------------------------------------------------- the checks find what they look for


def _grid(count: int) -> SignatureGrid:
    blocks = tuple(
        SignatureBlock(above=(f"Jabatan {n},",), name=f"Nama Penanda {n}") for n in range(count)
    )
    return SignatureGrid(blocks=blocks, heading=("Kupang, 25 Juli 2022", "Yang bersepakat,"))


def test_the_checks_find_each_broken_rule() -> None:
    sentence = "Kalimat pertama yang panjang sekali dan kalimat kedua yang juga panjang sekali."
    document = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(
            Title(("KESEPAKATAN BERSAMA",)),
            Paragraph(plain(sentence)),
            Paragraph((Run("A. Agenda", bold=True),), keep_with_next=True),
            Spacer(6),
            DataTable(
                columns=(Column("No", 1), Column("Kegiatan", 3)),
                rows=[("1", "Kegiatan"), ("", "Jumlah")],
                keep_with_previous=frozenset({1}),
            ),
            _grid(2),
        ),
    )
    assert pagination_problems(document, [["KESEPAKATAN BERSAMA", sentence, "A. Agenda"]]) == []
    problems = pagination_problems(
        document,
        [
            ["KESEPAKATAN BERSAMA", "Kalimat pertama yang panjang sekali"],
            ["dan kalimat kedua yang juga", "panjang sekali.", "A. Agenda"],
            [],
            ["No Kegiatan", "Jumlah"],
            ["Kupang, 25 Juli 2022", "Yang bersepakat,", "Jabatan 0, Jabatan 1,", "Nama Penanda 0"],
        ],
    )
    assert problems == [
        "page 2 ends with the heading 'A. Agenda'",
        "page 3 is empty",
        "page 5 holds only signature material: "
        "['Kupang, 25 Juli 2022', 'Yang bersepakat,', 'Jabatan 0, Jabatan 1,']",
        "page 1 ends with a first line alone: 'Kalimat pertama yang panjang sekali'",
        "page 4 starts the table with 'Jumlah'",
    ]
    widow = [
        ["Kalimat pertama yang panjang", "sekali dan kalimat kedua yang juga"],
        ["panjang sekali."],
    ]
    assert pagination_problems(document, widow) == [
        "page 2 starts with a last line alone: 'panjang sekali.'"
    ]


def test_the_room_check_finds_an_end_pushed_over_a_page_with_room() -> None:
    from rembuk_docs.formats import load_pack
    from rembuk_docs.writers.pdf_writer import PdfWriter

    pack = load_pack()
    sentence = Paragraph(
        plain("Kalimat yang cukup panjang untuk satu baris penuh di halaman. " * 3)
    )

    def rendered_with(*blocks: object) -> Rendered:
        document = Document(name="uji", title="Uji", date=date(2022, 7, 25), blocks=blocks)  # type: ignore[arg-type]
        pdf = PdfWriter(pack).write(document)
        height = text_height_pt(pack)
        return Rendered(
            "uji", None, document, pdf, b"", "top-center", pack.page.margin_bottom_cm * CM, height
        )  # type: ignore[arg-type]

    # page 1 nearly empty, and what page 2 holds would fit in it
    pushed = rendered_with(sentence, PageBreak(), sentence, _grid(2))
    assert room_problems(pushed, pushed.pdf) == [
        f"page 1 is {share}% empty, though the {used} pt of text on page 2 would fit in its {room} pt"
        for share, used, room in [_measures(pushed)]
    ]
    assert _measures(pushed)[0] > 80  # page 1 holds three lines only
    # a full page 1: nothing to say
    full = rendered_with(*[sentence] * 16, _grid(2))
    assert len(text_extents(full.pdf)) == 2 and room_problems(full, full.pdf) == []


def _measures(item: Rendered) -> tuple[int, str, str]:
    first, last = text_extents(item.pdf)
    assert first is not None and last is not None
    room = first[1] - item.bottom_pt
    return round(100 * room / item.height_pt), f"{last[0] - last[1]:.0f}", f"{room:.0f}"
