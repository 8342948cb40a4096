"""A long paragraph is laid out in work linear in its length, and looks as one reportlab paragraph."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import Paragraph as RLParagraph

import rembuk_docs
from rembuk_docs import Rembuk
from rembuk_docs.compose.blocks import Run
from rembuk_docs.writers import pdf_long_text
from rembuk_docs.writers.pdf_long_text import WINDOW_WORDS, words_of

from conftest import needs_tool, pdf_pages

SENTENCE = (
    "Pelaksanaan intervensi gizi spesifik dan sensitif di desa lokus, dengan pendampingan "
    "keluarga berisiko stunting oleh kader. "
)


def _with_long_pledge(data: dict[str, Any], length: int, *, line_ends: bool = False) -> Rembuk:
    text = (SENTENCE * (length // len(SENTENCE) + 1))[:length]
    if line_ends:
        text = text.replace("kader. ", "kader.\n", 5).replace("lokus,", "lokus,\n\n", 2)
    data["agreement"]["pledges"][0]["text"] = text
    return rembuk_docs.from_dict(data)


def _breaking(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The characters of each paragraph reportlab breaks into lines, recorded."""
    seen: list[int] = []
    original = RLParagraph.breakLines

    def recorded(self: RLParagraph, width: Any) -> Any:
        seen.append(
            sum(
                len(getattr(f, "text", "") or " ".join(getattr(f, "words", ()))) for f in self.frags
            )
        )
        return original(self, width)

    monkeypatch.setattr(RLParagraph, "breakLines", recorded)
    return seen


def test_a_long_pledge_costs_work_linear_in_its_length(
    kupang_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _breaking(monkeypatch)
    work = {}
    for length in (100_000, 200_000):
        seen.clear()
        rembuk = _with_long_pledge(copy.deepcopy(kupang_dict), length)
        pages = pdf_pages(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
        assert len(pages) > length // 5_000 and "sensitif di desa lokus" in pages[len(pages) // 2]
        # no paragraph reportlab breaks holds much more than a window of words (one paragraph
        # of 200,000 characters did: breaking it costs the square of its length) ...
        assert max(seen) < WINDOW_WORDS * 12
        work[length] = sum(seen)
    # ... and twice the text is twice the breaking, not four times (each page broke all the
    # rest again: 200,000 characters took 11 s of CPU, 400,000 took 52 s; now 1.8 s and 2.6 s)
    assert work[200_000] < 2.3 * work[100_000]


@needs_tool("pdftoppm")
@pytest.mark.parametrize("line_ends", [False, True], ids=["one-line", "with-line-ends"])
def test_pieces_look_like_one_paragraph(
    kupang_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, line_ends: bool
) -> None:
    rembuk = _with_long_pledge(kupang_dict, 14_000, line_ends=line_ends)
    images = {}
    for name, limit in (("whole", 10**9), ("pieces", pdf_long_text.LONG_TEXT)):
        monkeypatch.setattr(pdf_long_text, "LONG_TEXT", limit)
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
        subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, tmp_path / name], check=True)
        images[name] = [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}-*.png"))]
    assert len(images["whole"]) >= 6
    # every page pixel for pixel: same lines, the lines at a piece's end justified alike
    assert images["pieces"] == images["whole"]


def test_words_keep_runs_and_line_ends() -> None:
    words = words_of((Run("satu dua"), Run("tiga", bold=True), Run(" empat\n\nlima")))
    assert [word.markup for word in words] == ["satu", "dua<b>tiga</b>", "empat", "lima"]
    assert [word.breaks for word in words] == [0, 0, 2, 0]
