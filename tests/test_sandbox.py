"""The template sandbox: Indonesian filters, no way into Python internals, no blank for a missing value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rembuk_docs import TemplateError
from rembuk_docs.formats.sandbox import environment, filters, render_snippet, static_problems
from rembuk_docs.formats.template_record import TemplateRecord, to_record
from rembuk_docs.formats.variables import CONTEXT_VARIABLES, FILTERS


def _render(source: str, **context: Any) -> str:
    return render_snippet(source, context, location="test.toml, wording 'x'", first_line=10)


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ("{{ d | tanggal }}", {"d": date(2022, 7, 25)}, "25 Juli 2022"),
        ("{{ '2024-06-21' | hari_tanggal }}", {}, "Jumat, 21 Juni 2024"),
        (
            "{{ 159820750 | terbilang }}",
            {},
            "seratus lima puluh sembilan juta delapan ratus dua puluh ribu tujuh ratus lima puluh",
        ),
        ("{{ x | terbilang }}", {"x": Decimal("24.7")}, "dua puluh empat koma tujuh"),
        ("{{ 159820750 | rupiah }}", {}, "Rp159.820.750,00"),
        ("{{ 1000 | rupiah(true) }}", {}, "Rp1.000,00 (seribu rupiah)"),
        ("{{ 24.7 | persen }}", {}, "24,7%"),
        ("{{ 14 | persen(true) }}", {}, "empat belas persen"),
        ("{{ '197203151998032004' | nip }}", {}, "19720315 199803 2 004"),
        ("{{ ['a', 'b', 'c'] | gabung }}", {}, "a, b, dan c"),
        ("{{ ['a', 'b'] | gabung }}", {}, "a dan b"),
        # a phrase with its own 'dan': the last joins with 'serta', never 'dan ... dan'
        (
            "{{ ['pendamping desa', 'tokoh masyarakat dan tokoh agama'] | gabung }}",
            {},
            "pendamping desa serta tokoh masyarakat dan tokoh agama",
        ),
        ("{{ ['a', 'b dan c', 'd'] | gabung }}", {}, "a, b dan c, serta d"),
    ],
)
def test_filters_write_indonesian(source: str, context: dict[str, Any], expected: str) -> None:
    assert _render(source, **context) == expected


def test_the_documented_filters_are_the_filters() -> None:
    assert set(filters(nip_grouped=True)) == set(FILTERS)


def test_nip_follows_the_pack_grouping() -> None:
    ungrouped = render_snippet(
        "{{ n | nip }}", {"n": "19720315 199803 2 004"}, location="x", nip_grouped=False
    )
    assert ungrouped == "197203151998032004"


def test_python_internals_cannot_be_reached_and_the_error_names_template_and_line() -> None:
    with pytest.raises(TemplateError) as caught:
        _render("Demikian\nini {{ ''.__class__.__mro__ }}")
    (problem,) = caught.value.problems
    assert problem.location == "test.toml, wording 'x'"
    assert problem.line == 11  # the snippet's second line, its text starting at line 10
    assert "tidak diizinkan" in problem.message and "__class__" in problem.message


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__ }}",
        "{{ x.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ x._fields }}",
        "{{ shared.append(2) }}",
    ],
)
def test_escapes_from_the_sandbox_fail(source: str) -> None:
    shared = [1]
    with pytest.raises(TemplateError):
        _render(source, x=to_record({"items": [1]}, "x"), shared=shared)
    assert shared == [1]


def test_a_missing_value_is_an_error_not_a_blank() -> None:
    with pytest.raises(TemplateError) as caught:
        _render("a\nb\n{{ nomr }}", nomor="1")
    (problem,) = caught.value.problems
    assert problem.line == 12 and "'nomr' is undefined" in problem.message


def test_a_misspelt_field_names_the_record_and_the_closest_field() -> None:
    event = to_record({"venue": "Hotel", "date": date(2022, 7, 25)}, "event")
    with pytest.raises(
        TemplateError, match=r"event tidak memiliki isian 'venu'; maksud Anda 'venue'\?"
    ):
        _render("{{ event.venu }}", event=event)


def test_a_filter_given_nonsense_says_which_filter_and_value() -> None:
    with pytest.raises(TemplateError, match=r"filter 'rupiah' cannot format 'banyak'"):
        _render("{{ 'banyak' | rupiah }}")


def test_records_read_fields_not_dict_methods() -> None:
    pledge = to_record({"text": "Butir", "items": ["a", "b"]}, "pledge")
    assert isinstance(pledge, TemplateRecord)
    assert _render("{{ p.items | length }} {{ p['text'] }}", p=pledge) == "2 Butir"


def test_text_snippets_are_not_escaped_and_xml_templates_are() -> None:
    value = "Dinas A & B <kantor>"
    assert _render("{{ v }}", v=value) == value
    xml = environment("xml").from_string("<w:t>{{ v }}</w:t>").render(v=value)
    assert xml == "<w:t>Dinas A &amp; B &lt;kantor&gt;</w:t>"


def test_static_check_finds_unknown_names_and_internals_with_lines() -> None:
    problems = static_problems(
        "{{ nomor }}\n{{ tangal_acara }}\n{% for p in penandatangan %}{{ p.nama }}{% endfor %}\n"
        "{{ x.__class__ }}",
        known=CONTEXT_VARIABLES,
        location="f.toml",
        first_line=5,
    )
    assert [(p.line, p.message) for p in problems] == [
        (6, "variabel templat 'tangal_acara' tidak dikenal; maksud Anda 'tanggal_acara'?"),
        (8, "variabel templat 'x' tidak dikenal"),
        (8, "'__class__' tidak diizinkan: templat tidak boleh menjangkau bagian dalam Python"),
    ]


def test_static_check_reports_syntax_and_unknown_filters() -> None:
    (syntax,) = static_problems("ok\n{% if x %}", known={"x"}, location="f")
    assert syntax.line == 2 and syntax.message.startswith("sintaks templat")
    (unknown,) = static_problems("{{ x | rupiahh }}", known={"x"}, location="f")
    assert "No filter named 'rupiahh'" in unknown.message


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'x' * 100000000 }}", "'\\*' akan menghasilkan 100000000 unsur"),
        ("{{ [1] * 10**7 }}", "'\\*' akan menghasilkan 10000000 unsur"),
        ("{{ 9 ** 9999999 }}", "'\\*\\*' akan menghasilkan bilangan lebih dari 1000 digit"),
    ],
)
def test_a_template_cannot_exhaust_time_or_memory(source: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        _render(source)


def test_ordinary_arithmetic_still_works() -> None:
    assert _render("{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 6 * 7 }}") == "ababab 1024 42"
