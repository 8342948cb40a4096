"""The rembuk-docs command line: render, batch, validate, schema, formats and lint (lazy imports)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
import warnings
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part.strip() for part in value.split(",") if part.strip()]


def _cmd_render(args: argparse.Namespace) -> int:
    from .loading import load

    if not args.out.strip():
        print("error: --out needs a folder name", file=sys.stderr)
        return 2
    from .rendering import render

    rembuk = load(
        args.file,
        attendees=args.attendees,
        signatories=args.signatories,
        rencana_kegiatan=args.rencana_kegiatan,
    )
    paths = render(
        rembuk,
        args.out,
        formats=_split(args.format) or ("docx", "pdf"),
        documents=_split(args.only),
        format_pack=args.format_pack,
        paper=args.paper,
        bundle=args.bundle,
    )
    for path in paths:
        print(path)
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import render_batch
    from .batch.progress import terminal_progress

    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    with terminal_progress() as progress:
        result = render_batch(
            args.sheet,
            args.template,
            args.out,
            activities=args.activities,
            jobs=args.jobs,
            formats=_split(args.format) or ("docx", "pdf"),
            documents=_split(args.only),
            format_pack=args.format_pack,
            paper=args.paper,
            bundle=args.bundle,
            force=args.force,
            progress=progress,
            scheduler=args.scheduler,
        )
    for message, count in result.warnings.items():
        print(f"warning: {count} desa: {message}", file=sys.stderr)
    print(result.summary())
    return result.exit_code


def _cmd_validate(args: argparse.Namespace) -> int:
    from .loading import load
    from .rendering import resolve_pack

    rembuk = load(
        args.file,
        attendees=args.attendees,
        signatories=args.signatories,
        rencana_kegiatan=args.rencana_kegiatan,
    )
    pack = resolve_pack(rembuk)  # the format pack must be usable too: its settings and logo
    pack.logo_bytes()
    from .compose.draft import draft_warnings

    for problem in draft_warnings(rembuk, pack):
        print(f"warning: {problem}", file=sys.stderr)
    print(
        f"{args.file}: valid ({len(rembuk.agreement.pledges)} pledges, "
        f"{len(rembuk.signatories)} signatories, {len(rembuk.attendees)} attendees)"
    )
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .model import Rembuk

    print(json.dumps(Rembuk.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def _add_people_files(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--attendees",
        metavar="FILE",
        help="CSV or XLSX of attendees; replaces the definition's attendees and attendees_file",
    )
    command.add_argument(
        "--signatories",
        metavar="FILE",
        help="CSV or XLSX of signatories; replaces the definition's signatories and signatories_file",
    )
    command.add_argument(
        "--rencana-kegiatan",
        metavar="FILE",
        help="CSV or XLSX of the rencana kegiatan rows; replaces the definition's rows and file",
    )


def _cmd_formats_list(args: argparse.Namespace) -> int:
    from .errors import RembukError
    from .formats.loader import available_packs, load_pack
    from .formats.resources import display_path

    packs, problems = available_packs()
    rows = [("SLUG", "SOURCE", "EXTENDS", "NAME", "FOLDER")]
    for location in packs:
        try:
            pack = load_pack(location.folder)
            extends = f"extends {pack.extends[0]}" if pack.extends else ""
            name = pack.name
        except RembukError:
            extends, name = "", f"(unusable: run rembuk-docs lint {display_path(location.folder)})"
        rows.append((location.slug, location.source, extends, name, display_path(location.folder)))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join([*cells, row[4]]))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def _cmd_formats_new(args: argparse.Namespace) -> int:
    from .formats.resources import display_path
    from .formats.scaffold import new_pack

    folder = new_pack(args.slug, Path(args.dir), parent=args.extends)
    print(f"created {display_path(folder / 'format.toml')}")
    print(f"edit it, then check it with: rembuk-docs lint {display_path(folder)}")
    return 0


def _cmd_formats_keys(args: argparse.Namespace) -> int:
    from .pack_keys import keys_text, wording_by_document

    table = wording_by_document(args.pack)
    if args.json:
        import json

        plain = {doc: {key: text for key, (text, _) in keys.items()} for doc, keys in table.items()}
        print(json.dumps(plain, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(keys_text(table))
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from .formats.resources import display_path
    from .linting import format_problem, lint_pack

    definition = None
    if args.definition:
        from .loading import load

        definition = load(args.definition)
    problems = lint_pack(args.pack, definition=definition)
    for problem in problems:
        print(format_problem(problem))
    shown = display_path(Path(args.pack)) if Path(args.pack).is_dir() else args.pack
    if problems:
        count = len(problems)
        print(f"{shown}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 2
    print(f"{shown}: no problems")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import serve

    return serve(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="rembuk-docs",
        description="Turn a rembuk stunting definition (YAML) into its documents as DOCX and PDF.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render = commands.add_parser("render", help="render the documents of a definition")
    render.add_argument("file", help="the YAML definition")
    render.add_argument(
        "--out", required=True, help="folder for the documents (created if missing)"
    )
    render.add_argument("--format", help="comma-separated output formats: docx,pdf (default both)")
    render.add_argument("--only", help="comma-separated documents, e.g. kesepakatan (default all)")
    render.add_argument(
        "--format-pack", help="format pack slug or folder (overrides the definition)"
    )
    render.add_argument(
        "--paper", choices=["A4", "F4", "F4-210"], help="paper size (overrides the pack)"
    )
    render.add_argument(
        "--bundle",
        action="store_true",
        help="also write paket.pdf: every document's PDF in pack order, one bookmark each",
    )
    _add_people_files(render)
    render.set_defaults(handler=_cmd_render)

    batch = commands.add_parser(
        "batch", help="render one desa pack per row of a sheet, with a shared template"
    )
    batch.add_argument("sheet", help="CSV or XLSX with one row per desa")
    batch.add_argument(
        "--template", required=True, help="YAML of what every desa shares (batch: {level: desa})"
    )
    batch.add_argument("--out", required=True, help="folder for the packs, one folder per desa")
    batch.add_argument(
        "--jobs", type=int, default=1, help="number of processes (default 1: this process)"
    )
    batch.add_argument(
        "--activities",
        metavar="FILE",
        help="CSV or XLSX of activities keyed by desa (default: the workbook's second sheet)",
    )
    batch.add_argument("--format", help="comma-separated output formats: docx,pdf (default both)")
    batch.add_argument("--only", help="comma-separated documents (default the desa pack)")
    batch.add_argument("--format-pack", help="format pack slug or folder (overrides the template)")
    batch.add_argument("--paper", choices=["A4", "F4", "F4-210"], help="paper size")
    batch.add_argument("--bundle", action="store_true", help="also write paket.pdf for each desa")
    batch.add_argument(
        "--force", action="store_true", help="render every desa, even when its input is unchanged"
    )
    batch.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="render on a Dask cluster (its workers write into --out: a shared folder)",
    )
    batch.set_defaults(handler=_cmd_batch)

    validate = commands.add_parser("validate", help="check a definition and report every problem")
    validate.add_argument("file", help="the YAML definition")
    _add_people_files(validate)
    validate.set_defaults(handler=_cmd_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the definition format")
    schema.set_defaults(handler=_cmd_schema)

    formats = commands.add_parser("formats", help="list format packs or start a new one")
    formats_commands = formats.add_subparsers(
        dest="formats_command", required=True, metavar="ACTION"
    )
    listing = formats_commands.add_parser("list", help="every pack a slug can name, and its source")
    listing.set_defaults(handler=_cmd_formats_list)
    new = formats_commands.add_parser("new", help="create a pack folder to edit, from default")
    new.add_argument("slug", help="the new pack's slug, e.g. kupang-dinkes")
    new.add_argument("--dir", required=True, help="folder in which the pack's folder is created")
    new.add_argument("--extends", default="default", help="pack it extends (default: default)")
    new.set_defaults(handler=_cmd_formats_new)
    keys = formats_commands.add_parser(
        "keys", help="setiap kunci wording per dokumen, dengan teks dan pack asalnya"
    )
    keys.add_argument("pack", nargs="?", help="slug atau folder pack (bawaan: default)")
    keys.add_argument(
        "--json", action="store_true", help="cetak sebagai JSON: {dokumen: {kunci: teks}}"
    )
    keys.set_defaults(handler=_cmd_formats_keys)

    lint = commands.add_parser("lint", help="check a format pack; exit 0 when it is clean")
    lint.add_argument("pack", help="the pack's folder (or a pack slug)")
    lint.add_argument(
        "--definition", help="also render every document with this YAML definition, in memory"
    )
    lint.set_defaults(handler=_cmd_lint)

    from .web.server import add_arguments  # stdlib only: the web stack loads in _cmd_serve

    serve = commands.add_parser(
        "serve", help="start the web app for secretaries (needs the [web] extra)"
    )
    add_arguments(serve)
    serve.set_defaults(handler=_cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input, 1 internal error or, for
    batch, some desa failed)."""
    args = build_parser().parse_args(argv)
    from .errors import RembukError, RembukWarning
    from .runtime import tune_gc

    tune_gc()  # this process is ours: see runtime.py

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RembukWarning)
            code: int = args.handler(args)
        for warning in caught:
            print(f"warning: {warning.message}", file=sys.stderr)
    except RembukError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; no file was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except IsADirectoryError as exc:
        print(f"error: {exc.filename} is a folder where a file is needed", file=sys.stderr)
        return 2
    except OSError as exc:  # the file system said no: a bad --out, a full disk, a read-only disk
        where = exc.filename or ""
        print(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # an unexpected bug: short message, traceback to a log file
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        handle, name = tempfile.mkstemp(prefix=f"rembuk-docs-error-{stamp}-", suffix=".log")
        log = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(traceback.format_exc())
        print(f"internal error: {type(exc).__name__}: {exc}\n(details in {log})", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
