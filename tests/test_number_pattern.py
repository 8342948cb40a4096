"""The nomor: the pack's pattern joins the definition's parts; a nomor written out wins."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import rembuk_docs
from rembuk_docs.compose import composer
from rembuk_docs.errors import MissingNumberWarning
from rembuk_docs.formats import load_pack
from rembuk_docs.formats.number_pattern import format_number, pattern_problems

from conftest import docx_text, pdf_text


@pytest.mark.parametrize(
    ("pattern", "day", "expected"),
    [
        (
            "{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}",
            date(2022, 7, 25),
            "440/125/BAPPEDA/VII/2022",
        ),
        ("{klasifikasi}/{urut}/{unit}", date(2025, 1, 3), "440/125/BAPPEDA"),
        ("{klasifikasi}/{urut}/{unit}/{tahun}", date(2024, 12, 1), "440/125/BAPPEDA/2024"),
        ("{urut}/{unit}/{bulan}.{tahun}", date(2024, 6, 21), "125/BAPPEDA/6.2024"),
        ("{{{klasifikasi}}}-{urut}", date(2024, 6, 21), "{440}-125"),
    ],
)
def test_patterns_join_the_parts(pattern: str, day: date, expected: str) -> None:
    assert pattern_problems(pattern) == []
    values = {"klasifikasi": "440", "urut": "125", "unit": "BAPPEDA"}
    assert format_number(pattern, values, day) == expected


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{klasifikasi}/{urut}/{satker}", "isian {satker} yang tidak dikenal"),
        ("{klasifikasi}/{unit}", "memerlukan isian {urut}"),
        ("{urut}/{tahun", "rusak"),
        ("{}/{urut}", "isian tanpa nama"),
        ("{urut!r}", "tanpa format atau konversi"),
    ],
)
def test_bad_patterns_are_explained(pattern: str, problem: str) -> None:
    (message,) = pattern_problems(pattern)
    assert problem in message


def _without_number(data: dict[str, Any], **parts: str) -> dict[str, Any]:
    data["agreement"].pop("number")
    data["agreement"]["numbering"] = parts
    return data


def test_the_nomor_comes_from_the_pattern_in_both_formats(kupang_dict: dict[str, Any]) -> None:
    rembuk = rembuk_docs.from_dict(
        _without_number(kupang_dict, klasifikasi="400.5.7", urut="88", unit="BAPPEDA")
    )
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        text = text_of(rembuk_docs.render_bytes(rembuk, "kesepakatan", fmt))
        assert "NOMOR : 400.5.7/88/BAPPEDA/VII/2022" in text


def test_the_unit_defaults_to_the_organizer_code(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["organizer"] = {"name": "Dinas Kesehatan", "unit_code": "DINKES"}
    rembuk = rembuk_docs.from_dict(_without_number(kupang_dict, klasifikasi="440", urut="7"))
    document = composer("kesepakatan")(rembuk, load_pack("kupang"))
    assert document.number == "440/7/DINKES/VII/2022"


def test_the_month_and_year_are_those_of_the_signing_date(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["agreement"]["date"] = "2022-08-01"
    rembuk = rembuk_docs.from_dict(
        _without_number(kupang_dict, klasifikasi="440", urut="7", unit="X")
    )
    assert composer("kesepakatan")(rembuk, load_pack()).number == "440/7/X/VIII/2022"


def test_a_written_nomor_wins_over_the_parts(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["agreement"]["numbering"] = {"klasifikasi": "1", "urut": "2", "unit": "Z"}
    rembuk = rembuk_docs.from_dict(kupang_dict)
    assert composer("kesepakatan")(rembuk, load_pack()).number == "440/125/BAPPEDA/VII/2022"


def test_without_number_or_parts_the_nomor_is_a_dotted_blank(kupang_dict: dict[str, Any]) -> None:
    kupang_dict["agreement"].pop("number")
    rembuk = rembuk_docs.from_dict(kupang_dict)
    document = composer("kesepakatan")(rembuk, load_pack())
    assert document.number == "........./........./........./VII/2022"
    lines = rembuk_docs.compose.document_text(document)
    assert "NOMOR : ........./........./........./VII/2022" in lines


def test_a_blank_keeps_the_known_parts_and_is_warned_about(
    tmp_path: Path, kupang_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from rembuk_docs.cli import main

    kupang_dict["organizer"] = {
        "name": "Badan Perencanaan Pembangunan Daerah",
        "unit_code": "BAPPEDA",
    }
    rembuk = rembuk_docs.from_dict(_without_number(kupang_dict, klasifikasi="400.5.7"))
    with pytest.warns(MissingNumberWarning) as caught:
        data = rembuk_docs.render_bytes(rembuk, "kesepakatan", "pdf", format_pack="kupang")
    assert "NOMOR : 400.5.7/........./BAPPEDA/VII/2022" in pdf_text(data)
    (problem,) = [w.message.problem for w in caught if isinstance(w.message, MissingNumberWarning)]
    assert problem.location == "agreement.number"
    assert "agreement.numbering.urut" in problem.message
    # validate says it too, before anything is rendered
    definition = tmp_path / "rembuk.yaml"
    definition.write_text(yaml.safe_dump(kupang_dict, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(definition)]) == 0
    # validate names the line of the agreement section the nomor belongs in
    err = capsys.readouterr().err
    assert re.search(r"agreement\.number \(baris \d+\): nomor kesepakatan belum lengkap", err)


def test_a_pack_with_the_short_pattern_needs_no_month(
    tmp_path: Path, kupang_dict: dict[str, Any]
) -> None:
    folder = tmp_path / "singkat"
    folder.mkdir()
    (folder / "format.toml").write_text('[numbering]\npattern = "{klasifikasi}/{urut}/{unit}"\n')
    rembuk = rembuk_docs.from_dict(
        _without_number(kupang_dict, klasifikasi="440", urut="7", unit="X")
    )
    assert composer("kesepakatan")(rembuk, load_pack(folder)).number == "440/7/X"


@pytest.mark.parametrize(
    ("pattern", "said", "detail"),
    [
        ("{nomor}/}", "ada '}' tanpa '{' pasangannya", "Single '}' encountered"),
        ("{nomor", "ada '{' yang tidak ditutup dengan '}' sebelum akhir pola", "expected '}'"),
        ("{nomor:{x}", "kurung kurawalnya tidak berpasangan dengan benar", "unmatched '{'"),
    ],
)
def test_a_broken_brace_is_named_in_indonesian_without_the_parser_wording(
    pattern: str, said: str, detail: str
) -> None:
    from rembuk_docs.messages import use_language
    from rembuk_docs.verification_code import url_pattern_problems

    with use_language("id"):
        (number,) = pattern_problems(pattern)
        (address,) = url_pattern_problems(pattern)
    assert number.startswith(f"pola nomor '{pattern}' rusak: {said} (tulis kurung kurawal")
    assert address == f"pola alamat tidak dapat dipakai: {said}"
    assert detail not in number and detail not in address
    with use_language("en"):
        assert detail in pattern_problems(pattern)[0] and detail in url_pattern_problems(pattern)[0]
