"""Render every sample definition in this folder into out/<sample>/ through the Python API."""

from __future__ import annotations

import sys
from pathlib import Path

import rembuk_docs

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Render each samples/*.yaml; return 0 when all rendered, 1 otherwise."""
    out_root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")
    failures = 0
    for definition in sorted(HERE.glob("*.yaml")):
        target = out_root / definition.stem
        try:
            paths = rembuk_docs.render(rembuk_docs.load(definition), target)
        except rembuk_docs.RembukError as exc:
            failures += 1
            print(f"FAILED {definition.name}: {exc}", file=sys.stderr)
            continue
        print(f"{definition.name}: {len(paths)} files in {target}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
