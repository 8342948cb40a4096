"""Write the table of wording keys into docs/template-authors.md, from the code and the default pack.

    .venv/bin/python scripts/make_guide_keys.py

Run it after adding or rewording a key; tests/test_wording_keys.py fails while the guide's table
differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from rembuk_docs.pack_keys import with_guide_table

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "template-authors.md"


def main() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    GUIDE.write_text(with_guide_table(text), encoding="utf-8")
    print(GUIDE)


if __name__ == "__main__":
    main()
