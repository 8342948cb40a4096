"""docs/review-checklist.md names, for each rule of issue #12, the test that checks it: every test
it names exists, and every item of the issue (1 to 11) has its section."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

CHECKLIST = ROOT / "docs" / "review-checklist.md"


def _tests_in(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_test_the_checklist_names_exists() -> None:
    text = CHECKLIST.read_text(encoding="utf-8")
    named = re.findall(r"`(tests/test_\w+\.py)::(test_\w+)`", text)
    assert len(named) > 30
    missing = [f"{path}::{name}" for path, name in named if name not in _tests_in(path)]
    assert not missing, missing
    sections = re.findall(r"^## (\d+)\. ", text, flags=re.MULTILINE)
    assert sections == [str(n) for n in range(1, 12)]
