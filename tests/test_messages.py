"""The message catalogue: every id in both languages, used ids exist, the language setting works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.errors import DefinitionError, Problem
from rembuk_docs.messages import (
    LANGUAGES,
    Message,
    catalogue,
    current_language,
    fields_of,
    set_language,
    use_language,
)

SRC = Path(rembuk_docs.__file__).parent
# Message("an.id" / text("an.id" / invalid("an.id" with a literal id
USED = re.compile(r"""\b(?:Message|text|invalid)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def _used_ids() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        if path == SRC / "messages" / "__init__.py":  # its docstring shows made-up examples
            continue
        for match in USED.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), str(path.relative_to(SRC)))
    return found


def test_every_message_has_both_languages_with_the_same_parameters() -> None:
    for message_id, texts in catalogue().items():
        assert set(texts) == set(LANGUAGES), message_id
        assert all(texts[lang].strip() for lang in LANGUAGES), message_id
        assert fields_of(texts["id"]) == fields_of(texts["en"]), message_id


def test_every_id_used_in_the_code_is_in_the_catalogue() -> None:
    missing = {i: where for i, where in _used_ids().items() if i not in catalogue()}
    assert not missing, f"ids used but not in the catalogue: {missing}"


def test_ids_are_dotted_lower_case() -> None:
    for message_id in catalogue():
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", message_id), message_id


def test_indonesian_is_the_default_and_english_is_chosen_by_env_or_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REMBUK_LANG", raising=False)
    message = Message("value.missing")
    assert current_language() == "id" and str(message) == "wajib diisi"
    monkeypatch.setenv("REMBUK_LANG", "en_US.UTF-8")
    assert str(message) == "is required"
    with use_language("id"):
        assert str(message) == "wajib diisi"
    set_language("ID")
    try:
        assert str(message) == "wajib diisi"
    finally:
        set_language(None)
    assert str(message) == "is required"


def test_a_problem_keeps_its_id_and_follows_the_language_when_shown() -> None:
    error = DefinitionError([Problem("event.venue", Message("value.missing"), 8)], source="a.yaml")
    assert error.ids == ["value.missing"] and error.problems[0].id == "value.missing"
    with use_language("id"):
        assert "event.venue (baris 8): wajib diisi" in str(error)
    with use_language("en"):
        assert "event.venue (line 8): is required" in str(error)


def test_the_api_raises_problems_with_ids(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("region: [1, 2]\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.load(path)
    assert "value.list_for_mapping" in caught.value.ids


@pytest.mark.parametrize("flag", [["--lang", "en"], ["--lang=en"]])
def test_lang_flag_anywhere_on_the_command_line(
    flag: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.yaml")
    assert main(["validate", missing, *flag]) == 2
    assert "file not found" in capsys.readouterr().err
    assert main([*flag, "validate", missing]) == 2
    assert "file not found" in capsys.readouterr().err
    assert main(["validate", missing]) == 2
    assert "berkas tidak ditemukan" in capsys.readouterr().err


def test_help_is_in_indonesian_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan:") and "pilihan:" in out and "folder tujuan dokumen" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "render", "--help"])
    assert "folder for the documents" in capsys.readouterr().out


def test_argparse_errors_are_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["render"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "argumen berikut wajib diisi" in err and "the following" not in err
