"""Contract tests for the private parts of reportlab and python-docx the writers rely on.

Each test fails when an upgrade changes what the writers assume; pyproject.toml bounds both
libraries to the major versions these tests were run against.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import tomllib

import pytest
from docx import Document
from lxml import etree  # type: ignore[import-untyped]
from PIL import Image as PILImage
from reportlab.pdfgen.canvas import Canvas

from rembuk_docs.formats.emblem import placeholder_emblem

from conftest import ROOT


def _png(mode: str) -> bytes:
    image = PILImage.new(mode, (40, 30), "white" if mode != "RGBA" else (255, 0, 0, 128))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "blue").save(buffer, format="JPEG")
    return buffer.getvalue()


def _in_fresh_process(body: str) -> str:
    """Run ``body`` in a new interpreter (it may set reportlab globals) and return its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(body)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("kind", ["emblem", "RGBA", "L", "RGB", "P", "jpeg"])
def test_the_cached_logo_draws_what_reportlabs_image_draws_without_ascii85(kind: str) -> None:
    # pdf_image.Logo rebuilds Canvas.drawImage's registration from a prepared PDFImageXObject;
    # with useA85 = 0 set globally, reportlab's own Image flowable must give the same bytes
    data = placeholder_emblem() if kind == "emblem" else _jpeg() if kind == "jpeg" else _png(kind)
    out = _in_fresh_process(
        f"""
        import io
        from reportlab import rl_config
        from reportlab.pdfgen.canvas import Canvas
        from reportlab.platypus import Image
        from rembuk_docs.writers.pdf_image import Logo
        from rembuk_docs.writers.pdf_canvas import _deflate_only
        data = {data!r}
        def draw(make, hook=lambda page: None):
            buffer = io.BytesIO()
            canvas = Canvas(buffer, invariant=1)
            for x in (10, 200):  # twice: the second draw reuses the registered XObject
                flowable = make()
                flowable.wrapOn(canvas, 500, 500)
                flowable.drawOn(canvas, x, 300)
            canvas.showPage()
            hook(canvas._doc.Pages.pages[-1])
            canvas.save()
            return buffer.getvalue()
        ours = draw(lambda: Logo(data, 60, 60), _deflate_only)
        rl_config.useA85 = 0
        theirs = draw(lambda: Image(io.BytesIO(data), width=60, height=60, kind="proportional"))
        print(ours == theirs, b"ASCII85" in ours)
        """
    )
    assert out.split() == ["True", "False"]


def test_pages_deflated_by_the_writer_equal_reportlabs_own_without_ascii85() -> None:
    out = _in_fresh_process(
        """
        import io
        from reportlab import rl_config
        from reportlab.pdfgen.canvas import Canvas
        from rembuk_docs.writers.pdf_canvas import _deflate_only
        def page(hook):
            buffer = io.BytesIO()
            canvas = Canvas(buffer, invariant=1, pageCompression=1)
            canvas.drawString(72, 720, "Pernyataan Bersama")
            canvas.showPage()
            hook(canvas._doc.Pages.pages[-1])
            canvas.save()
            return buffer.getvalue()
        ours = page(_deflate_only)
        rl_config.useA85 = 0
        theirs = page(lambda page: None)
        print(ours == theirs, b"ASCII85" in ours)
        """
    )
    assert out.split() == ["True", "False"]


def test_reportlab_canvas_internals_the_pdf_writer_uses() -> None:
    canvas = Canvas(io.BytesIO(), invariant=1)
    document = canvas._doc
    assert len(document._timeStamp.YMDhms) == 6  # dated by the document, not the clock
    for name in ("_code", "_formsinuse", "_pageNumber"):
        assert hasattr(canvas, name), name
    for name in ("_setXObjects", "_startPage"):
        assert callable(getattr(canvas, name)), name
    for name in ("getXObjectName", "Reference", "addForm"):
        assert callable(getattr(document, name)), name
    assert isinstance(document.idToObject, dict)
    assert document.Pages.pages == []


def test_reportlab_frame_internals_the_long_table_uses() -> None:
    """A frame's position and room (the page measure and a long table's split read them), and
    what the frame gives a flowable it asks to split: the split tests its ``_frame``."""
    from reportlab import rl_config
    from reportlab.platypus import Flowable, Frame

    assert isinstance(rl_config._FUZZ, float)
    frame = Frame(0, 0, 200, 300, 0, 0, 0, 0)
    assert frame._atTop == 1
    assert frame._y == frame._y2 - frame._topPadding == 300
    assert frame._y1p == 0

    class Tall(Flowable):  # type: ignore[misc]
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            return width, 1000

        def split(self, width: float, height: float) -> list[Flowable]:
            seen.append((self._frame, self._frame._atTop, height))
            return []

    seen: list[tuple[object, int, float]] = []
    canvas = Canvas(io.BytesIO())
    assert not frame.add(Tall(), canvas, trySplit=1)
    assert frame.split(Tall(), canvas) == []
    assert seen == [(frame, 1, 300)]


def test_python_docx_internals_the_docx_writer_uses() -> None:
    from docx.opc.pkgwriter import PackageWriter

    for name in ("_write_content_types_stream", "_write_pkg_rels", "_write_parts"):
        assert callable(getattr(PackageWriter, name)), name
    word = Document()
    paragraph = word.add_paragraph("x")
    table = word.add_table(rows=1, cols=1)
    assert paragraph._p.get_or_add_pPr() is not None
    assert table._tbl.tblPr is not None and table._tbl.tblGrid is not None
    assert word.part.numbering_part.element is not None
    assert all(callable(part.before_marshal) for part in word.part.package.parts)
    # docx_furniture._text_run: a run's text appended as python-docx's Run.text setter does
    from docx.oxml.text.run import _RunContentAppender

    from rembuk_docs.writers.docx_furniture import _text_run

    assert callable(_RunContentAppender.append_to_run_from_text)
    ours, theirs = word.add_paragraph(), word.add_paragraph()
    for text in ("Rp 1.000", "a\tb\nc", ""):
        _text_run(ours, text)
        theirs.add_run(text)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)


def test_reportlab_and_python_docx_have_upper_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = project["project"]["dependencies"]
    for library in ("reportlab", "python-docx"):
        (spec,) = [r for r in requirements if re.match(rf"{library}\b", r)]
        assert re.search(r"<\s*\d", spec), f"{library} needs an upper bound: {spec}"


def test_pypdf_and_pyhanko_internals_the_signing_code_uses() -> None:
    """writers/pdf_fields.py sets pypdf's trailer /ID through ``_ID`` and adds
    objects with ``_add_object``; signing.py reaches pyHanko's document information dictionary
    (``_info``) and builds its GlyphAccumulator from an in-memory font."""
    import inspect

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.model import VENDOR
    from pypdf import PdfWriter

    writer = PdfWriter()
    assert hasattr(writer, "_ID") and callable(writer._add_object)
    assert writer._root_object is not None
    parameters = inspect.signature(GlyphAccumulator).parameters
    for name in ("writer", "font_handle", "font_size", "obj_stream"):
        assert name in parameters, name
    assert "create_font_engine" in vars(GlyphAccumulatorFactory)
    assert VENDOR.startswith("pyHanko ")
    buffer = io.BytesIO()
    blank = PdfWriter()
    blank.add_blank_page(100, 100)
    blank.add_metadata({"/Producer": "x"})
    blank.write(buffer)
    incremental = IncrementalPdfFileWriter(io.BytesIO(buffer.getvalue()))
    assert incremental._info is not None
