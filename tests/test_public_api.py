"""The package's public surface: every name resolves, and importing the CLI loads no heavy library."""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rembuk_docs

from conftest import ROOT, SAMPLES

HEAVY = ("pydantic", "reportlab", "docx", "docxtpl", "lxml", "yaml", "openpyxl", "pypdf", "jinja2")


def _modules_after(code: str) -> list[str]:
    """Top-level packages in sys.modules after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    modules: list[str] = json.loads(result.stdout.splitlines()[-1])
    return modules


@pytest.mark.parametrize(
    "code",
    [
        "import rembuk_docs.cli",
        "import rembuk_docs",
        "from rembuk_docs.cli import build_parser; build_parser().format_help()",
    ],
)
def test_the_command_line_starts_without_heavy_libraries(code: str) -> None:
    loaded = _modules_after(code)
    assert "rembuk_docs" in loaded
    assert [name for name in HEAVY if name in loaded] == []


def test_help_prints_the_commands_without_heavy_libraries() -> None:
    code = (
        "import contextlib, io\n"
        "from rembuk_docs.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "assert 'render' in out.getvalue() and 'validate' in out.getvalue()"
    )
    loaded = _modules_after(code)
    assert [name for name in HEAVY if name in loaded] == []


def test_a_name_loads_its_module_on_first_use() -> None:
    loaded = _modules_after("import rembuk_docs\nrembuk_docs.Rembuk")
    assert "pydantic" in loaded
    assert "reportlab" not in loaded and "docx" not in loaded


@pytest.mark.parametrize("name", rembuk_docs.__all__)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(rembuk_docs, name)
    assert value is not None
    assert name in dir(rembuk_docs)


def test_the_names_are_the_submodules_objects() -> None:
    from rembuk_docs import Rembuk, load, render_bytes
    from rembuk_docs.loading import load as loading_load
    from rembuk_docs.model import Rembuk as ModelRembuk
    from rembuk_docs.rendering import render_bytes as rendering_render_bytes

    assert Rembuk is ModelRembuk and load is loading_load
    assert render_bytes is rendering_render_bytes
    rembuk = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    assert isinstance(rembuk, rembuk_docs.Rembuk)


def test_star_import_gives_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from rembuk_docs import *", namespace)
    assert set(rembuk_docs.__all__) <= set(namespace)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'rendr'"):
        _ = rembuk_docs.rendr  # type: ignore[attr-defined]


def test_a_submodule_is_reachable_as_an_attribute() -> None:
    assert rembuk_docs.indonesian.terbilang(25) == "dua puluh lima"


def test_the_public_names_are_written_once() -> None:
    """Each public name appears in __init__.py once: in its ``X as X`` import line."""
    import re

    source = (ROOT / "src" / "rembuk_docs" / "__init__.py").read_text(encoding="utf-8")
    source = source.split('"""', 2)[2]  # the code, after the module docstring's example
    assert "__all__ =" not in source and "_LAZY" not in source
    for name in rembuk_docs.__all__:
        if name != "__version__":
            assert len(re.findall(rf"\b{name}\b", source)) == 2, name  # 'X as X'


# What a render of the command line must not load: other commands' modules and the libraries
# only they use (issue 19: a cold render imports only what it uses).
NOT_FOR_A_RENDER = (
    "rembuk_docs.starter",
    "rembuk_docs.web",
    "rembuk_docs.tte_cli",
    "rembuk_docs.batch",
    "rembuk_docs.export",
    "rembuk_docs.signing",
    "openpyxl",
    "pypdf",
    "docxtpl",
)


def test_a_render_loads_no_other_command(tmp_path: Path) -> None:
    code = (
        "import sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "from rembuk_docs.cli import main\n"
        f"code = main(['render', {str(SAMPLES / 'kupang-2022.yaml')!r}, '--out', {str(tmp_path)!r}, '--bundle'])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(ast.literal_eval(result.stdout.splitlines()[-1]))
    assert "rembuk_docs.writers.pdf_writer" in loaded and (tmp_path / "paket.pdf").is_file()
    unwanted = [name for name in loaded if name.startswith(NOT_FOR_A_RENDER)]
    assert unwanted == []


def test_a_named_command_builds_its_parser_alone() -> None:
    from rembuk_docs.cli import build_parser

    def commands(parser: argparse.ArgumentParser) -> list[str]:
        found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        return list(found[0].choices)

    assert commands(build_parser("render")) == ["render"]
    assert commands(build_parser("new")) == ["baru", "new"]
    assert commands(build_parser("verify")) == ["sign", "verify"]
    every = commands(build_parser())
    assert commands(build_parser("no-such-command")) == every
    assert {"render", "batch", "validate", "serve", "baru"} <= set(every)
    args = build_parser("render").parse_args(["render", "x.yaml", "--out", "o", "--bundle"])
    assert args.bundle and args.out == "o" and args.handler.__name__ == "_cmd_render"
