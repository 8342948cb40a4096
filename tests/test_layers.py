"""The pipeline's dependencies point one way: model -> composition -> writers. The model imports
neither composition nor writers; composition (format-neutral) never imports a writer; a writer's
helper module imports neither writer class nor the other format's helpers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "rembuk_docs"


def _imported(path: Path, *, top_level_only: bool = False) -> set[str]:
    """The modules ``path`` imports (``from x import y`` also counts ``x.y``), resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts[:-1])
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


@pytest.mark.parametrize("path", _modules("model"), ids=lambda path: path.stem)
def test_the_model_imports_no_later_stage(path: Path) -> None:
    later = ("rembuk_docs.compose", "rembuk_docs.writers", "rembuk_docs.rendering")
    assert not [name for name in _imported(path) if name.startswith(later)]


@pytest.mark.parametrize("path", _modules("compose"), ids=lambda path: path.stem)
def test_composition_imports_no_writer(path: Path) -> None:
    assert not [name for name in _imported(path) if name.startswith("rembuk_docs.writers")]


@pytest.mark.parametrize(
    "path",
    [path for path in _modules("writers") if path.stem.startswith(("pdf_", "docx_"))],
    ids=lambda path: path.stem,
)
def test_a_writers_helper_imports_neither_writer_nor_the_other_format(path: Path) -> None:
    """Module level: the DOCX package names the writer's source file, lazily, in the key of
    the disk-cached blank (what makes the blank is part of its key)."""
    imported = _imported(path, top_level_only=True)
    writers = {"rembuk_docs.writers.pdf_writer", "rembuk_docs.writers.docx_writer"}
    assert not imported & (writers - {f"rembuk_docs.writers.{path.stem}"})
    other = (
        "rembuk_docs.writers.docx_" if path.stem.startswith("pdf_") else "rembuk_docs.writers.pdf_"
    )
    assert not [name for name in imported if name.startswith(other)]


def test_the_layer_rules_see_imports() -> None:
    """The rules above can fail: they find the imports a writer's helper does make."""
    imported = _imported(PACKAGE / "writers" / "pdf_table.py", top_level_only=True)
    assert "rembuk_docs.writers.table_rows.TableRows" in imported
    assert "rembuk_docs.compose.layout" in imported
