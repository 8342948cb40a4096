"""Shared fixtures: the sample definitions and text extraction from the files we produce."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

import rembuk_docs
from rembuk_docs import Rembuk

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BATCH_COLUMNS = (
    "desa",
    "kecamatan",
    "kepala_desa",
    "kpm",
    "pagu_dana_desa",
    "alokasi_stunting",
    "tanggal",
)
"""The columns of the small batch sheets the tests write (one desa per row, the required ones and
the KPM and date)."""
ERRORS_HEADER = ["lembar", "baris", "desa", "kecamatan", "kolom", "alasan"]
"""The header row of a batch's errors.csv, in Indonesian (the default language)."""
T = TypeVar("T")


def read_errors(out: Path) -> list[dict[str, str]]:
    """The rows of ``out/errors.csv``, keyed by ERROR_COLUMNS ('row', 'field', 'reason', ...),
    after checking that its header row is the Indonesian one."""
    import csv

    from rembuk_docs.batch.report import ERROR_COLUMNS

    text = (out / "errors.csv").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == ERRORS_HEADER
    return [dict(zip(ERROR_COLUMNS, row, strict=True)) for row in rows]


def definition_samples() -> list[Path]:
    """The sample definitions (samples/*.yaml), without the batch templates among them."""
    from rembuk_docs.batch import is_template

    return sorted(
        path
        for path in SAMPLES.glob("*.yaml")
        if not is_template(yaml.safe_load(path.read_text(encoding="utf-8")))
    )


@cache
def sample_pack(stem: str, fmt: str) -> dict[str, bytes]:
    """Every document of sample ``stem``'s own pack in format ``fmt``, by document name, rendered
    once per test session."""
    from rembuk_docs.compose import pack_documents

    rembuk = rembuk_docs.load(SAMPLES / f"{stem}.yaml")
    return {name: rembuk_docs.render_bytes(rembuk, name, fmt) for name in pack_documents(rembuk)}


def normalise(text: str) -> str:
    """Collapse whitespace so text from PDF lines and DOCX paragraphs compare equal."""
    return re.sub(r"\s+", " ", text).strip()


FURNITURE = re.compile(r"^(DRAF )?(- \d+ - )?")
"""What every page's text starts with: the DRAF watermark of a draft, the page number '- 2 -'."""


def pdf_text(data: bytes) -> str:
    """All text of a PDF's pages without their furniture (watermark, page number), joined,
    whitespace collapsed."""
    return " ".join(pdf_pages(data))


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF without its furniture, whitespace collapsed."""
    return [FURNITURE.sub("", page) for page in pdf_raw_pages(data)]


def assert_page_numbers(data: bytes) -> None:
    """Fail unless the PDF's pages are numbered '- 2 -', '- 3 -', ... from page 2 at the top,
    and page 1 (and so a one-page document) carries no number."""
    pages = pdf_raw_pages(data)
    assert not re.match(r"(DRAF )?- \d+ -", pages[0]), "page 1 carries a number"
    for number, page in enumerate(pages[1:], start=2):
        assert re.match(rf"(DRAF )?- {number} - ", page), f"page {number}: {page[:40]!r}"


def pdf_raw_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF as drawn, watermark and page number included."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [normalise(page.extract_text() or "") for page in reader.pages]


def docx_paragraphs(data: bytes) -> list[str]:
    """Every paragraph of a DOCX body in order, including those inside tables."""
    from docx import Document

    document = Document(io.BytesIO(data))
    body = document.element.body
    texts = []
    for paragraph in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        text = "".join(
            node.text or ("\n" if node.tag.endswith("}br") else "")
            for node in paragraph.iter()
            if node.tag.endswith("}t") or node.tag.endswith("}br")
        )
        texts.append(text)
    return texts


def docx_text(data: bytes) -> str:
    """All body text of a DOCX, whitespace collapsed."""
    return normalise(" ".join(docx_paragraphs(data)))


def pledge_texts(rembuk: Rembuk) -> list[str]:
    """Every pledge and sub-item of the agreement, in order, whitespace collapsed."""
    texts = []
    for pledge in rembuk.agreement.pledges:
        texts.append(normalise(pledge.text))
        texts.extend(normalise(item) for item in pledge.items)
    return texts


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Fail unless every needle occurs in ``haystack``, each after the one before."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"missing or out of order: {needle[:70]!r}"
        position = found + len(needle)


@pytest.fixture(scope="session")
def kupang_data() -> dict[str, Any]:
    """The Kupang sample as plain data (copy it before changing it)."""
    data: dict[str, Any] = yaml.safe_load(
        (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture
def kupang_dict(kupang_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the Kupang sample data."""
    data = copy.deepcopy(kupang_data)
    data["event"]["date"] = str(data["event"]["date"])
    return data


@pytest.fixture(scope="session")
def kupang() -> Rembuk:
    """The Kupang sample, loaded and validated."""
    return rembuk_docs.load(SAMPLES / "kupang-2022.yaml")


@pytest.fixture(scope="session")
def kupang_pdf(kupang: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kupang, "kesepakatan", "pdf")


@pytest.fixture(scope="session")
def kupang_docx(kupang: Rembuk) -> bytes:
    return rembuk_docs.render_bytes(kupang, "kesepakatan", "docx")


def needs_tool(*names: str) -> Callable[[T], T]:
    """Skip a test, with a reason, when an external program (soffice, chromium, ...) is missing.

    In CI (the environment variable CI is set) a missing tool is a failure instead of a skip:
    `.ci/run` installs every tool the suite needs, so a skip there would hide a broken install.
    Tests marked this way are also marked `slow`, so a quick local run can leave them out.
    """
    import os
    import shutil

    missing = [name for name in names if shutil.which(name) is None]
    if missing and os.environ.get("CI"):
        raise RuntimeError(
            f"CI must run every test, but {', '.join(missing)} is not installed: fix .ci/run"
        )
    skip = pytest.mark.skipif(bool(missing), reason=f"{', '.join(missing)} not installed")

    def decorate(test: T) -> T:
        return pytest.mark.slow(skip(test))  # type: ignore[no-any-return]

    return decorate


CI_MODULES = {
    "starlette": "the web extra (pip install -e '.[web]')",
    "multipart": "the web extra (pip install -e '.[web]')",
    "uvicorn": "the web extra (pip install -e '.[web]')",
    "selenium": "the test extra (pip install -e '.[test]')",
    "distributed": "the dask extra (pip install -e '.[dask]')",
}
"""Modules whose tests are skipped with a reason (``pytest.importorskip``) where they are not
installed; in CI every one must be there."""


def pytest_sessionstart(session: pytest.Session) -> None:
    """The disk cache in a folder of the run's own. In CI (the environment variable CI is set) a
    module that some tests would skip without is a failure of the whole run, as a missing tool is
    (:func:`needs_tool`): `.ci/run` installs every extra, so a skip there would hide a broken
    install."""
    import importlib.util
    import os
    import shutil
    import tempfile

    # the disk cache (rembuk_docs.diskcache) of this run: a fresh folder, never the user's own,
    # so that no test depends on what an earlier run left there (nor leaves anything there)
    if "REMBUK_DOCS_CACHE" not in os.environ:
        folder = tempfile.mkdtemp(prefix="rembuk-docs-test-cache-")
        os.environ["REMBUK_DOCS_CACHE"] = folder
        session.config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    if not os.environ.get("CI"):
        return
    missing = [
        f"{name} ({extra})"
        for name, extra in CI_MODULES.items()
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise pytest.UsageError(
            f"CI must run every test, but these modules are missing: {', '.join(missing)}; "
            "fix .ci/run"
        )
