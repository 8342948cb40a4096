"""The template sandbox bounds work: loops, string lengths and output, in wording and Word templates."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from rembuk_docs.errors import TemplateError
from rembuk_docs.formats.sandbox import environment, render_snippet

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
        ("{% for x in items %}{{ loop.index }}/{{ loop.length }} {% endfor %}", "1/2 2/2 "),
    ],
)
def test_ordinary_templates_still_work(source: str, expected: str) -> None:
    assert render_snippet(source, {"items": ["a", "b"]}, location="x") == expected
    assert environment("xml").from_string(source).render(items=["a", "b"]) == expected
