"""User text is cleaned alike whichever way _clean_text takes: printable ASCII as it is, the rest
normalised (NFC, CRLF to LF, line separators to a space) or refused (characters XML forbids)."""

from __future__ import annotations

import unicodedata

import pytest
from pydantic_core import PydanticCustomError

from rembuk_docs.model.base import _FORBIDDEN, _clean_text

SAMPLES = [chr(code) for code in range(128)] + ["\r\n", "\u2028", "\x85", "e\u0301", "\ufffe"]


def _reference(value: str) -> str | None:
    """What _clean_text's general path gives: the cleaned text, or None when it is refused."""
    cleaned = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    cleaned = cleaned.translate(dict.fromkeys(map(ord, "\u2028\u2029\x85"), " "))
    return None if _FORBIDDEN.search(cleaned) else cleaned


@pytest.mark.parametrize("char", SAMPLES, ids=[f"U+{ord(s[0]):04X}" for s in SAMPLES])
def test_every_ascii_character_is_kept_cleaned_or_refused_as_the_general_path_does(
    char: str,
) -> None:
    for value in (char, f"Ani{char}Lestari", f"  Ani {char} ", char * 3):
        expected = _reference(value)
        if expected is None:
            with pytest.raises(PydanticCustomError):
                _clean_text(value)
        else:
            assert _clean_text(value) == expected
            if value.isascii() and value.isprintable():
                assert _clean_text(value) is value  # printable ASCII is passed through


def test_printable_ascii_is_passed_through_and_control_characters_are_not() -> None:
    assert _clean_text("Kepala Dinas Kesehatan, S.KM. (IV/c) ~!@#$%^&*") == (
        "Kepala Dinas Kesehatan, S.KM. (IV/c) ~!@#$%^&*"
    )
    assert _clean_text("Staf\tGizi\nBidang") == "Staf\tGizi\nBidang"
    assert _clean_text("Staf\r\nGizi") == "Staf\nGizi"
    with pytest.raises(PydanticCustomError):
        _clean_text("Staf\rGizi")
    assert _clean_text("") == ""
    assert _clean_text(12) == "12"
