"""Property-based: hostile values are refused quickly with their place, or rendered bounded."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import rembuk_docs
from rembuk_docs import indonesian
from rembuk_docs.errors import DefinitionError

from conftest import SAMPLES

MIMIKA: dict[str, Any] = yaml.safe_load((SAMPLES / "mimika-2024.yaml").read_text(encoding="utf-8"))
"""The Mimika sample (it has prevalence figures, targets and a budget), copied before changes."""

# Numbers as a hostile YAML file writes them: tiny and huge exponents, long fractions, NaN.
EXPONENTS = st.integers(min_value=-(10**7), max_value=10**7)
MANTISSAS = st.sampled_from(["1", "9", "24,7", "2.5", "0.0001", "-3"])


@st.composite
def numbers(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["exp", "digits", "fraction", "special", "float"]))
    if kind == "exp":
        return f"{draw(MANTISSAS).replace(',', '.')}e{draw(EXPONENTS)}"
    if kind == "digits":
        return "9" * draw(st.integers(min_value=1, max_value=10_000))
    if kind == "fraction":
        return "0." + "0" * draw(st.integers(min_value=0, max_value=10_000)) + "1"
    if kind == "special":
        return draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "sNaN", "1e", "e5"]))
    return draw(st.floats(allow_nan=True, allow_infinity=True))


FIELDS = {
    "prevalence": lambda d, v: d["prevalence"][0].update(value=v),
    "target": lambda d, v: d["targets"][0].update(value=v),
    "share": lambda d, v: d["agreement"].update(dana_desa_min_share=v),
    "budget": lambda d, v: d["event"].update(budget={"amount": v, "source": "APBD"}),
}


@pytest.mark.parametrize("field", sorted(FIELDS))
@settings(max_examples=40, deadline=None)
@given(value=numbers())
def test_any_number_is_refused_with_its_field_or_renders_bounded(field: str, value: Any) -> None:
    data = copy.deepcopy(MIMIKA)
    data["event"]["date"] = str(data["event"]["date"])
    FIELDS[field](data, value)
    try:
        rembuk = rembuk_docs.from_dict(data)
    except DefinitionError as exc:
        assert all(problem.location for problem in exc.problems)
        return
    files = rembuk_docs.render_files(rembuk, formats=["docx"], documents=["kesepakatan", "notulen"])
    assert all(len(data) < 2_000_000 for _, data in files)


@given(value=numbers())
@settings(max_examples=200, deadline=None)
def test_formatting_any_number_is_bounded(value: Any) -> None:
    try:
        number = indonesian.parse_number(value)
    except (TypeError, ValueError):
        return
    whole, fraction = indonesian.magnitude(number)
    assert whole <= indonesian.MAX_INTEGER_DIGITS and fraction <= indonesian.MAX_DECIMALS
    assert len(indonesian.format_decimal(number)) < 200
    assert len(indonesian.persen(number)) < 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e-999999", (0, 999999)),
        ("1e999999", (1000000, 0)),
        ("24.70", (2, 1)),
        ("0", (0, 0)),
        ("1000", (4, 0)),
        ("-0.05", (0, 2)),
    ],
)
def test_magnitude_is_read_from_the_digits(text: str, expected: tuple[int, int]) -> None:
    assert indonesian.magnitude(Decimal(text)) == expected


# Values a template can build: nested lists, tuples and dicts of numbers and plain words, each
# list possibly repeated ('*'), so that a few kilobytes of lists stand for a huge text.
LEAVES = st.one_of(
    st.integers(min_value=-(10**300), max_value=10**300),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.text(alphabet="abcxyz 019", max_size=40),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.lists(inner, max_size=6).map(tuple),
        st.dictionaries(st.text(alphabet="abk", max_size=4), inner, max_size=4),
    ),
    max_leaves=30,
)


@given(VALUES)
@settings(max_examples=300, deadline=None)
def test_a_value_is_never_measured_shorter_than_its_text(value: Any) -> None:
    from rembuk_docs.formats.budget import text_size

    assert text_size(value) >= len(str(value))


@given(VALUES, st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=10_000))
@settings(max_examples=100, deadline=None)
def test_printing_a_repeated_value_is_bounded_or_refused(
    value: Any, depth: int, count: int
) -> None:
    from rembuk_docs.errors import TemplateError
    from rembuk_docs.formats.budget import MAX_STRING
    from rembuk_docs.formats.sandbox import render_snippet

    source = "{% set v = value %}" + "{% set v = [v] * count %}" * depth + "{{ v }}"
    try:
        text = render_snippet(source, {"value": value, "count": count}, location="wording")
    except TemplateError as exc:
        (problem,) = exc.problems
        assert "tidak diizinkan" in problem.message
    else:
        assert len(text) <= MAX_STRING
