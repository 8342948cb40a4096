"""Render every sample definition in this folder into out/<sample>/ through the Python API.

Each sample gets its full pack as DOCX and PDF plus paket.pdf, the bundle of every PDF
(``--no-bundle`` leaves it out); Kupang's with its example rencana kegiatan sheet (SHEETS). A batch template renders its sample sheet, one pack per desa. Usage: ``python samples/render_all.py [OUT_DIR] [--no-bundle]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rembuk_docs

HERE = Path(__file__).resolve().parent


# batch template -> the sample sheet rendered with it (desa rows and a 'kegiatan' sheet)
BATCHES = {"rembuk-desa.yaml": "desa-kupang.xlsx"}
# definition -> the sheets given with it, as ``--rencana-kegiatan FILE`` gives them on the command
# line: Kupang's plan is an example sheet (every row Contoh = ya), so its pack stays a draft
SHEETS = {"kupang-2022.yaml": {"rencana_kegiatan": "kupang-2022-rencana-kegiatan.csv"}}


def load(definition: Path) -> rembuk_docs.Rembuk:
    """The sample ``definition`` with the sheets SHEETS gives it."""
    sheets = {key: HERE / name for key, name in SHEETS.get(definition.name, {}).items()}
    return rembuk_docs.load(definition, **sheets)


def _batch(template: Path, out_root: Path) -> int:
    """Render a batch sample into OUT/<sheet>/, one folder per desa; 1 when any desa failed."""
    from rembuk_docs.batch import render_batch

    sheet = HERE / BATCHES[template.name]
    target = out_root / sheet.stem
    try:
        result = render_batch(sheet, template, target)
    except rembuk_docs.RembukError as exc:
        print(f"FAILED {template.name}: {exc}", file=sys.stderr)
        return 1
    print(f"{template.name} + {sheet.name}: {result.summary()} in {target}/")
    return result.exit_code


def main(argv: list[str]) -> int:
    """Render each samples/*.yaml; return 0 when all rendered, 1 otherwise."""
    bundle = "--no-bundle" not in argv
    folders = [arg for arg in argv if not arg.startswith("--")]
    out_root = Path(folders[0]) if folders else Path("out")
    failures = 0
    for definition in sorted(HERE.glob("*.yaml")):
        if definition.name in BATCHES:
            failures += _batch(definition, out_root)
            continue
        target = out_root / definition.stem
        try:
            paths = rembuk_docs.render(load(definition), target, bundle=bundle)
        except rembuk_docs.RembukError as exc:
            failures += 1
            print(f"FAILED {definition.name}: {exc}", file=sys.stderr)
            continue
        print(f"{definition.name}: {len(paths)} files in {target}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
