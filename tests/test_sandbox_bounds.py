"""The template sandbox bounds work: loops, string lengths and output, in wording and Word templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError

from rembuk_docs.cli import main
from rembuk_docs.errors import TemplateError
from rembuk_docs.formats.sandbox import environment, render_snippet
from rembuk_docs.linting import lint_pack

HOSTILE = {
    "nested-range": "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    "nested-loops-over-strings": (
        "{% for a in 'x' * 100000 %}{% for b in 'y' * 100000 %}{% endfor %}{% endfor %}"
    ),
    "join-amplification": "{{ ('x' * 100000) | join('y' * 100000) }}",
    "replace-amplification": "{{ ('x' * 100000) | replace('x', 'y' * 100000) }}",
    "replace-method": "{{ ('x' * 100000).replace('x', 'y' * 100000) }}",
    "namespace-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s | length }}"
    ),
    "set-doubling": "{% set s = 'x' * 100000 %}"
    + "".join("{% set s = s ~ s %}" for _ in range(12))
    + "{{ s | length }}",
    "plus-doubling": "{% set s = 'x' * 100000 %}"
    + "".join("{% set s = s + s %}" for _ in range(12))
    + "{{ s | length }}",
    "indent": "{{ 'a\nb' | indent(300000000) }}",
    "center": "{{ 'a' | center(300000000) }}",
    "center-method": "{{ 'a'.center(300000000) }}",
    "percent-padding": "{{ '%300000000s' % 'a' }}",
    "format-filter": "{{ '%300000000s' | format('a') }}",
    "format-method": "{{ '{:>300000000}'.format('a') }}",
    "macro-doubling": (
        "{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% else %}xxxxxxxxxx{% endif %}"
        "{% endmacro %}{{ d(30) }}"
    ),
    "lipsum": "{{ lipsum(100000) }}",
    "output": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
}

# Values that are small as lists but huge as text, and widths that only exist once filled in:
# each made gigabytes (or never ended) before it was measured ahead of the work.
AS_TEXT = {
    "print-list-of-lists": "{% set row = ['x' * 100] * 100000 %}{{ [row] * 100000 }}",
    "string-filter": "{{ (['x' * 100000] * 100000) | string | length }}",
    "tojson": "{{ (['x' * 100000] * 100000) | tojson | length }}",
    "pprint": "{{ (['x' * 100000] * 100000) | pprint | length }}",
    "dict-as-string": "{{ {'a': ['x' * 100000] * 100000} | string | length }}",
    "tilde-list": "{{ ((['x' * 100000] * 100000) ~ '') | length }}",
    "join-of-lists": "{% set row = ['x' * 100] * 100000 %}{{ ([row] * 100000) | join }}",
    "percent-list": "{% set row = ['x' * 100] * 100000 %}{{ '%s' % ([row] * 100000,) }}",
    "format-method-list": "{% set row = ['x' * 100] * 100000 %}{{ '{}'.format([row] * 100000) }}",
    "format-filter-list": "{% set row = ['x' * 100] * 100000 %}{{ '%s' | format([row] * 100000) }}",
    "star-width": "{{ '%*s' % (3000000000, 'a') }}",
    "star-width-filter": "{{ '%*s' | format(3000000000, 'a') }}",
    "nested-format-width": "{{ '{0:{1}}'.format('a', 3000000000) }}",
    "format-precision": "{{ '{:.300000000f}'.format(1.0) }}",
    "format-map-width": "{{ '{a:>300000000}'.format_map({'a': 'x'}) }}",
    "squaring-in-a-loop": (
        "{% set ns = namespace(n=10 ** 999) %}{% for i in range(40) %}"
        "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}"
    ),
}


@pytest.mark.parametrize("source", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_wording_is_refused_with_its_place(source: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render_snippet(source, {}, location="format.toml, wording 'pembuka'", first_line=7)
    (problem,) = caught.value.problems
    assert problem.location == "format.toml, wording 'pembuka'"
    assert "tidak diizinkan" in problem.message or "RecursionError" in problem.message


@pytest.mark.parametrize("source", list(HOSTILE.values())[:6], ids=list(HOSTILE)[:6])
def test_word_templates_share_the_bounds(source: str) -> None:
    with pytest.raises(
        SecurityError, match=r"paling banyak|lebih dari|terlalu besar|lebih besar dari"
    ):
        environment("xml").from_string(source).render()


@pytest.mark.parametrize("source", list(AS_TEXT.values()), ids=list(AS_TEXT))
def test_text_is_measured_before_it_is_made(source: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render_snippet(source, {}, location="format.toml, wording 'penutup'", first_line=3)
    (problem,) = caught.value.problems
    assert problem.location == "format.toml, wording 'penutup'"
    assert re.search(r"lebih dari|paling banyak|lebih besar dari|terlalu besar", problem.message)


@pytest.mark.parametrize("source", list(AS_TEXT.values()), ids=list(AS_TEXT))
def test_word_templates_measure_text_alike(source: str) -> None:
    with pytest.raises(
        SecurityError, match=r"paling banyak|lebih dari|terlalu besar|lebih besar dari"
    ):
        environment("xml").from_string(source).render()


@pytest.mark.parametrize("pack", ["wording-text-bomb", "wording-number-bomb"])
def test_lint_without_a_definition_flags_an_unbounded_wording(
    pack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(__file__).parent / "error_catalogue" / "packs" / pack
    (problem,) = lint_pack(folder)
    assert problem.location.endswith("format.toml, wording 'kesepakatan.penutup'")
    assert problem.line == 5
    assert main(["lint", str(folder)]) == 2
    captured = capsys.readouterr()
    assert "tidak diizinkan" in captured.out
    assert "peringatan" not in captured.err  # the starter definition's own warnings stay quiet


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
        ("{{ ['a', 'b'] | join(', ') }}", "a, b"),
        ("{{ 'a-b' | replace('-', ' / ') }}", "a / b"),
        ("{{ 'x' ~ 1 ~ 'y' }}", "x1y"),
        ("{{ '%05.1f' % 3.14159 }}", "003.1"),
        ("{{ 'ab' | center(6) }}", "  ab  "),
        (
            "{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}"
            "{% endfor %}{{ ns.n }}",
            "6",
        ),
        ("{{ '{} {}'.format('a', 'b') }}", "a b"),
        ("{{ '{:>4}|{:.2f}|{}'.format('a', 3.14159, 159820750) }}", "   a|3.14|159820750"),
        ("{{ '%*s|%d' % (3, 'a', 159820750) }}", "  a|159820750"),
        ("{{ '%d|%-*s|%.*f' % (159820750, 2, 'a', 1, 2.25) }}", "159820750|a |2.2"),
        ("{{ [1, 2] }} {{ {'a': 1} | tojson }}", '[1, 2] {"a": 1}'),
        ("{{ (10 ** 20) * (10 ** 20) }}", "1" + "0" * 40),
        ("{% for x in items %}{{ loop.index }}/{{ loop.length }} {% endfor %}", "1/2 2/2 "),
    ],
)
def test_ordinary_templates_still_work(source: str, expected: str) -> None:
    assert render_snippet(source, {"items": ["a", "b"]}, location="x") == expected
    assert environment("xml").from_string(source).render(items=["a", "b"]) == expected
