"""Characters outside the embedded font: never a crash, never a silent empty box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.errors import MissingGlyphWarning

from conftest import SAMPLES, docx_text, pdf_text


def _with_text(data: dict[str, Any], text: str) -> rembuk_docs.Rembuk:
    data["agreement"]["pledges"][0]["text"] = text
    return rembuk_docs.from_dict(data)


def test_emoji_and_arabic_are_replaced_in_the_pdf_with_a_warning(
    kupang_dict: dict[str, Any],
) -> None:
    rembuk = _with_text(kupang_dict, "Gizi anak 👶 baik, بسم الله, ÉÑ ok")
    with pytest.warns(MissingGlyphWarning, match=r"U\+1F476") as caught:
        pdf = rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf")
    glyphs = [w for w in caught if isinstance(w.message, MissingGlyphWarning)]
    assert "U+0628" in str(glyphs[0].message)
    assert "Gizi anak ? baik, ??? ????, ÉÑ ok" in pdf_text(pdf)
    # the DOCX keeps the original characters: Word's own font fallback can show them
    assert "Gizi anak 👶 baik, بسم الله, ÉÑ ok" in docx_text(
        rembuk_docs.render_bytes(rembuk, "kesepakatan", "docx")
    )


def test_zero_width_characters_are_dropped_silently(
    kupang_dict: dict[str, Any], recwarn: pytest.WarningsRecorder
) -> None:
    rembuk = _with_text(kupang_dict, "Desa\u200b Siaga\u2060 aktif\ufeff")
    assert "Desa Siaga aktif" in pdf_text(rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf"))
    assert not [w for w in recwarn if issubclass(w.category, MissingGlyphWarning)]


def test_the_cli_prints_the_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (SAMPLES / "kupang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "emoji.yaml"
    path.write_text(source.replace("Desa Siaga.", "Desa Siaga 🙏."), encoding="utf-8")
    assert main(["render", str(path), "--out", str(tmp_path / "out"), "--format", "pdf"]) == 0
    assert (
        "peringatan: kesepakatan.pdf: the font has no glyph for '🙏' (U+1F64F)"
        in capsys.readouterr().err
    )


def test_settings_survive_the_glyph_pass() -> None:
    from datetime import date

    from rembuk_docs.compose.blocks import Align, Column, DataTable, Document
    from rembuk_docs.writers.glyphs import fit_to_font

    table = DataTable(columns=(Column("Biaya\t(Rp)", 1.0, Align.RIGHT),), rows=(("1.000",),))
    document = Document(name="uji", title="Uji", blocks=(table,), date=date(2024, 1, 1))
    (fitted,) = fit_to_font(document, {ord(c) for c in "Biaya (Rp)1.000 "}).blocks
    assert isinstance(fitted, DataTable)
    assert fitted.columns[0].align is Align.RIGHT
    assert fitted.columns[0].title == "Biaya (Rp)"


def test_only_the_blocks_with_a_missing_glyph_are_copied() -> None:
    """A document the font draws whole comes back as it is; otherwise only the blocks with a
    character to replace are new, the others are the very blocks given."""
    from dataclasses import replace
    from datetime import date

    from rembuk_docs.compose.blocks import Column, DataTable, Document, Paragraph, plain
    from rembuk_docs.formats import load_pack
    from rembuk_docs.writers.fonts import coverage, font_set
    from rembuk_docs.writers.glyphs import fit_to_font

    covered = coverage(font_set(load_pack(None)).regular)
    table = DataTable(columns=(Column("No", 1), Column("Nama", 4)), rows=(("1", "Ésa Ndolu"),))
    fine = Document(
        name="uji",
        title="Uji",
        date=date(2022, 7, 25),
        blocks=(Paragraph(plain("Desa Siaga\u00a0aktif")), table),
    )
    assert fit_to_font(fine, covered) is fine
    emoji = Paragraph(plain("Gizi anak 👶 baik"))
    with pytest.warns(MissingGlyphWarning):
        fixed = fit_to_font(replace(fine, blocks=(*fine.blocks, emoji)), covered)
    assert fixed.blocks[0] is fine.blocks[0] and fixed.blocks[1] is table
    assert fixed.blocks[2] == Paragraph(plain("Gizi anak ? baik"))
