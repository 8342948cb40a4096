"""The template author's guide documents what the code offers: every variable, filter and pack."""

from __future__ import annotations

from rembuk_docs.formats.loader import builtin_packs, read_pack_file
from rembuk_docs.formats.variables import CONTEXT_VARIABLES, FILTERS

from conftest import ROOT

GUIDE = (ROOT / "docs" / "template-authors.md").read_text(encoding="utf-8")


def test_every_context_variable_and_filter_is_in_the_guide() -> None:
    for name, meaning in CONTEXT_VARIABLES.items():
        assert f"| `{name}` | {meaning} |" in GUIDE, name
    for name in FILTERS:
        assert f"| `{name}` |" in GUIDE, name


def test_every_builtin_pack_and_wording_key_is_in_the_guide() -> None:
    for slug in builtin_packs():
        assert f"| `{slug}` |" in GUIDE, slug
    wording = read_pack_file(builtin_packs()["default"]).data["wording"]
    for key in wording:
        assert f"`{key}`" in GUIDE, key


def test_the_readme_points_to_the_guide() -> None:
    assert "docs/template-authors.md" in (ROOT / "README.md").read_text(encoding="utf-8")
