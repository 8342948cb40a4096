"""The rembuk-docs command line: render, batch, validate, schema, formats and lint (lazy imports)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .messages import current_language, text

if TYPE_CHECKING:
    import yaml

    from .errors import Problem
    from .formats.pack import FormatPack
    from .model import Rembuk
    from .preflight import Preflight, Severity


def _paper(value: str) -> str:
    """--paper in any case, 'Folio' for F4 (an unknown size is left for argparse to refuse)."""
    from .paper import paper_name

    return paper_name(value) or value


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part.strip() for part in value.split(",") if part.strip()]


def _cmd_render(args: argparse.Namespace) -> int:
    if not args.out.strip():
        print(text("cli.error", message=text("cli.out_needs_folder")), file=sys.stderr)
        return 2
    from .errors import DefinitionError
    from .loading import locate

    # the preflight render makes itself, run here too for the lines of the file in its problems
    rembuk, pack, findings, root, report = _preflight_report(args)
    errors = [problem for problem, severity in findings if severity == "error"]
    if errors:
        raise DefinitionError(errors, source=args.file)
    try:
        paths = _render(args, rembuk, pack, report)
    except DefinitionError as exc:  # found by the page layout: with its line, as validate gives it
        raise DefinitionError(locate(exc.problems, root, rembuk), source=args.file) from None
    for path in paths:
        print(path)
    if args.only is None:
        from .compose.registry import omitted_documents

        for name, reason in omitted_documents(rembuk).items():
            print(text("cli.document_omitted", name=name, reason=text(reason)), file=sys.stderr)
    return 0


def _render(
    args: argparse.Namespace, rembuk: Rembuk, pack: FormatPack, report: Preflight
) -> list[Path]:
    """Render ``rembuk`` as the render command's options ask: what
    :func:`~rembuk_docs.rendering.render` does, with the pack :func:`_preflight_report` resolved
    and the preflight it ran (the same arguments: render would resolve and run them again)."""
    from .errors import ConverterMissingWarning
    from .loading import check
    from .output import write_files
    from .preflight import checked_names
    from .rendering import pack_files
    from .writers import FORMATS

    check(rembuk)
    fmt_names = checked_names(_split(args.format) or ("docx", "pdf"), FORMATS, "format")
    outputs, notes = pack_files(
        rembuk,
        pack,
        fmt_names,
        documents=_split(args.only),
        report=report,
        bundle=args.bundle,
        pdfa=True if args.pdfa else None,
        signature_fields=True if args.signature_fields else None,
        verification_code=True if args.verification_code else None,
    )
    for note in notes:
        warnings.warn(ConverterMissingWarning(note), stacklevel=2)
    return write_files(Path(args.out), outputs)


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import render_batch
    from .batch.progress import terminal_progress

    if args.jobs < 1:
        print(text("cli.error", message=text("cli.jobs_at_least_one")), file=sys.stderr)
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
            pdfa=True if args.pdfa else None,
            signature_fields=True if args.signature_fields else None,
            verification_code=True if args.verification_code else None,
            force=args.force,
            progress=progress,
            scheduler=args.scheduler,
        )
    for message, count in result.warnings.items():
        line = text("cli.batch_warning", count=count, message=message)
        print(text("cli.warning", message=line), file=sys.stderr)
    print(result.summary())
    return result.exit_code


def _preflight(
    args: argparse.Namespace, *, laid_out: bool = False
) -> tuple[Rembuk, FormatPack, list[tuple[Problem, Severity]], yaml.Node | None]:
    """Load the definition, resolve its pack and run the render's preflight for ``--only``:
    the definition, the pack, every finding as (problem with its line, severity) and the
    YAML nodes of the file (to give later problems their lines).
    ``laid_out`` (validate): the pages are laid out too, for a text too long for one page."""
    rembuk, pack, findings, root, _ = _preflight_report(args, laid_out=laid_out)
    return rembuk, pack, findings, root


def _preflight_report(
    args: argparse.Namespace, *, laid_out: bool = False
) -> tuple[Rembuk, FormatPack, list[tuple[Problem, Severity]], yaml.Node | None, Preflight]:
    """:func:`_preflight`, and the preflight's report itself (render composes from it)."""
    from .loading import load_with_nodes, locate
    from .preflight import preflight
    from .rendering import resolve_pack

    rembuk, root = load_with_nodes(
        args.file,
        attendees=args.attendees,
        signatories=args.signatories,
        rencana_kegiatan=args.rencana_kegiatan,
    )
    pack = resolve_pack(rembuk, format_pack=args.format_pack, paper=args.paper)
    report = preflight(rembuk, pack, _split(args.only), laid_out=laid_out)
    located = locate([finding.problem for finding in report.findings], root, rembuk)
    severities = (finding.severity for finding in report.findings)
    return rembuk, pack, list(zip(located, severities, strict=True)), root, report


def _cmd_validate(args: argparse.Namespace) -> int:
    from .errors import DefinitionError, InputError

    if args.json:
        import json

        from .preflight import problem_json, report_json

        try:
            _, _, findings, _ = _preflight(args, laid_out=True)
        except InputError as exc:
            findings = [(problem, "error") for problem in exc.problems]
        valid = all(severity != "error" for _, severity in findings)
        shown = [problem_json(problem, severity) for problem, severity in findings]
        print(json.dumps(report_json(valid, shown), indent=2, ensure_ascii=False))
        return 0 if valid else 2
    rembuk, _, findings, _ = _preflight(args, laid_out=True)
    errors = [problem for problem, severity in findings if severity == "error"]
    for problem, severity in findings:
        if severity == "warning":
            print(text("cli.warning", message=str(problem)), file=sys.stderr)
    if errors:
        raise DefinitionError(errors, source=args.file)
    print(
        text(
            "cli.valid",
            file=args.file,
            pledges=len(rembuk.agreement.pledges),
            signatories=len(rembuk.signatories),
            attendees=len(rembuk.attendees),
        )
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    paths = export(
        args.file,
        args.to,
        args.out,
        mapping=args.mapping,
        only=_split(args.tables),
        template=args.template,
        activities=args.activities,
        format_pack=args.format_pack,
        attendees=args.attendees,
        signatories=args.signatories,
        rencana_kegiatan=args.rencana_kegiatan,
    )
    for path in paths:
        print(text("cli.export.written", path=path))
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .model import Rembuk

    print(json.dumps(Rembuk.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


BERKAS = "BERKAS"
"""How the help names a file argument (the help is read in Indonesian)."""


def _add_people_files(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--attendees",
        metavar=BERKAS,
        help=text("cli.arg.attendees"),
    )
    command.add_argument(
        "--signatories",
        metavar=BERKAS,
        help=text("cli.arg.signatories"),
    )
    command.add_argument(
        "--rencana-kegiatan",
        metavar=BERKAS,
        help=text("cli.arg.rencana_kegiatan"),
    )


def _source_text(source: str) -> str:
    """Where a pack comes from, in the user's language: 'built-in' -> 'bawaan',
    'package NAME VERSION' -> 'paket NAME VERSION', 'folder' -> 'folder'."""
    kind, _, rest = source.partition(" ")
    shown = {"built-in": "builtin", "package": "package", "folder": "folder"}.get(kind)
    if shown is None:
        return source
    return " ".join(part for part in (text(f"cli.formats.source.{shown}"), rest) if part)


def _cmd_formats_list(args: argparse.Namespace) -> int:
    from .errors import RembukError
    from .formats.loader import available_packs, load_pack
    from .formats.resources import display_path

    packs, problems = available_packs()
    header = text("cli.formats.header").split()
    rows = [(header[0], header[1], header[2], header[3], header[4])]
    for location in packs:
        try:
            pack = load_pack(location.folder)
            extends = text("cli.formats.extends", parent=pack.extends[0]) if pack.extends else ""
            name = pack.name
        except RembukError:
            extends = ""
            name = text("cli.formats.unusable", folder=display_path(location.folder))
        source = _source_text(location.source)
        rows.append((location.slug, source, extends, name, display_path(location.folder)))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join([*cells, row[4]]))
    for problem in problems:
        print(text("cli.warning", message=problem), file=sys.stderr)
    return 0


def _cmd_formats_new(args: argparse.Namespace) -> int:
    from .formats.resources import display_path
    from .formats.scaffold import new_pack

    folder = new_pack(args.slug, Path(args.dir), parent=args.extends)
    print(text("cli.formats.created", file=display_path(folder / "format.toml")))
    print(text("cli.formats.next", folder=display_path(folder)))
    return 0


def _cmd_formats_keys(args: argparse.Namespace) -> int:
    from .pack_keys import keys_text, wording_by_document

    table = wording_by_document(args.pack)
    if args.json:
        import json

        plain = {
            doc: {key: words for key, (words, _) in keys.items()} for doc, keys in table.items()
        }
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
        print(text("cli.lint.problems", pack=shown, count=count), file=sys.stderr)
        return 2
    print(text("cli.lint.clean", pack=shown))
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .starter.command import run

    return run(args)


def _cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import serve

    return serve(args)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own -h help line and section titles follow the language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = text("cli.positionals")
        self._optionals.title = text("cli.options")
        self.add_argument("-h", "--help", action="help", help=text("cli.help"))


# argparse's own English sentences -> catalogue ids (argparse looks its texts up through `_`)
_ARGPARSE = {
    "usage: ": "cli.usage_prefix",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "the following arguments are required: %s": "cli.argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
    "positional arguments": "cli.positionals",
    "options": "cli.options",
    "show this help message and exit": "cli.help",
}


def _argparse_text(message: str) -> str:
    message_id = _ARGPARSE.get(message)
    return message if message_id is None else text(message_id)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command, its help in the current language.

    ``command`` (a command's name or alias): the parser has that command alone, which is all
    :func:`main` needs once the command line names it; building the others (their help texts,
    the modules their options live in) is about a tenth of a cold render's start. An unknown
    name gives every command, for argparse's own error."""
    parser = _Parser(
        prog="rembuk-docs", description=text("cli.description"), epilog=text("cli.epilog")
    )
    parser.add_argument("--lang", choices=["id", "en"], help=text("cli.lang"))
    commands = parser.add_subparsers(
        dest="command", required=True, metavar=text("cli.commands"), parser_class=_Parser
    )
    wanted = [add for names, add in _COMMANDS if command in names]
    for add in wanted or [add for _, add in _COMMANDS]:
        add(commands)
    return parser


def _add_render(commands: Any) -> None:
    """``render``: one definition to its documents."""
    render = commands.add_parser("render", help=text("cli.render.help"))
    render.add_argument("file", metavar=BERKAS, help=text("cli.arg.definition"))
    render.add_argument("--out", required=True, metavar="FOLDER", help=text("cli.render.out"))
    render.add_argument("--format", help=text("cli.arg.format"))
    render.add_argument("--only", metavar="DOKUMEN", help=text("cli.render.only"))
    render.add_argument("--format-pack", metavar="PACK", help=text("cli.render.format_pack"))
    render.add_argument(
        "--paper", type=_paper, choices=["A4", "F4", "F4-210"], help=text("cli.arg.paper")
    )
    render.add_argument("--bundle", action="store_true", help=text("cli.render.bundle"))
    render.add_argument("--pdfa", action="store_true", help=text("cli.render.pdfa"))
    render.add_argument(
        "--signature-fields", action="store_true", help=text("cli.render.signature_fields")
    )
    render.add_argument(
        "--verification-code", action="store_true", help=text("cli.render.verification_code")
    )
    _add_people_files(render)
    render.set_defaults(handler=_cmd_render)


def _add_batch(commands: Any) -> None:
    """``batch``: one pack per desa of a sheet."""
    batch = commands.add_parser("batch", help=text("cli.batch.help"))
    batch.add_argument("sheet", metavar="LEMBAR", help=text("cli.batch.sheet"))
    batch.add_argument("--template", required=True, metavar=BERKAS, help=text("cli.batch.template"))
    batch.add_argument("--out", required=True, metavar="FOLDER", help=text("cli.batch.out"))
    batch.add_argument("--jobs", type=int, default=1, metavar="JUMLAH", help=text("cli.batch.jobs"))
    batch.add_argument("--activities", metavar=BERKAS, help=text("cli.batch.activities"))
    batch.add_argument("--format", help=text("cli.arg.format"))
    batch.add_argument("--only", metavar="DOKUMEN", help=text("cli.batch.only"))
    batch.add_argument("--format-pack", metavar="PACK", help=text("cli.batch.format_pack"))
    batch.add_argument(
        "--paper", type=_paper, choices=["A4", "F4", "F4-210"], help=text("cli.arg.paper")
    )
    batch.add_argument("--bundle", action="store_true", help=text("cli.batch.bundle"))
    batch.add_argument("--pdfa", action="store_true", help=text("cli.render.pdfa"))
    batch.add_argument(
        "--signature-fields", action="store_true", help=text("cli.render.signature_fields")
    )
    batch.add_argument(
        "--verification-code", action="store_true", help=text("cli.render.verification_code")
    )
    batch.add_argument("--force", action="store_true", help=text("cli.batch.force"))
    batch.add_argument("--scheduler", metavar="tcp://HOST:PORT", help=text("cli.batch.scheduler"))
    batch.set_defaults(handler=_cmd_batch)


def _add_validate(commands: Any) -> None:
    """``validate``: the checks of a render, nothing written."""
    validate = commands.add_parser("validate", help=text("cli.validate.help"))
    validate.add_argument("file", metavar=BERKAS, help=text("cli.arg.definition"))
    validate.add_argument("--only", metavar="DOKUMEN", help=text("cli.validate.only"))
    validate.add_argument("--format-pack", metavar="PACK", help=text("cli.render.format_pack"))
    validate.add_argument(
        "--paper", type=_paper, choices=["A4", "F4", "F4-210"], help=text("cli.arg.paper")
    )
    validate.add_argument("--json", action="store_true", help=text("cli.validate.json"))
    _add_people_files(validate)
    validate.set_defaults(handler=_cmd_validate)


def _add_export(commands: Any) -> None:
    """``export``: the definition's tables as XLSX, CSV or JSON."""
    export = commands.add_parser("export", help=text("cli.export.help"))
    export.add_argument("file", metavar=BERKAS, help=text("cli.export.file"))
    export.add_argument(
        "--to", required=True, choices=["xlsx", "csv", "json"], help=text("cli.export.to")
    )
    export.add_argument("--out", required=True, metavar=BERKAS, help=text("cli.export.out"))
    export.add_argument("--mapping", metavar="TOML", help=text("cli.export.mapping"))
    export.add_argument("--tables", metavar="TABEL", help=text("cli.export.tables"))
    export.add_argument("--template", metavar="YAML", help=text("cli.export.template"))
    export.add_argument("--activities", metavar=BERKAS, help=text("cli.batch.activities"))
    export.add_argument("--format-pack", metavar="PACK", help=text("cli.render.format_pack"))
    _add_people_files(export)
    export.set_defaults(handler=_cmd_export)


def _add_schema(commands: Any) -> None:
    """``schema``: the JSON Schema of a definition."""
    schema = commands.add_parser("schema", help=text("cli.schema.help"))
    schema.set_defaults(handler=_cmd_schema)


def _add_formats(commands: Any) -> None:
    """``formats list|new|keys``: the format packs."""
    formats = commands.add_parser("formats", help=text("cli.formats.help"))
    formats_commands = formats.add_subparsers(
        dest="formats_command",
        required=True,
        metavar=text("cli.formats.action"),
        parser_class=_Parser,
    )
    listing = formats_commands.add_parser("list", help=text("cli.formats.list_help"))
    listing.set_defaults(handler=_cmd_formats_list)
    new = formats_commands.add_parser("new", help=text("cli.formats.new_help"))
    new.add_argument("slug", help=text("cli.formats.slug"))
    new.add_argument("--dir", required=True, metavar="FOLDER", help=text("cli.formats.dir"))
    new.add_argument(
        "--extends", default="default", metavar="PACK", help=text("cli.formats.extends_arg")
    )
    new.set_defaults(handler=_cmd_formats_new)
    keys = formats_commands.add_parser("keys", help=text("cli.formats.keys_help"))
    keys.add_argument("pack", nargs="?", help=text("cli.formats.keys_pack"))
    keys.add_argument("--json", action="store_true", help=text("cli.formats.keys_json"))
    keys.set_defaults(handler=_cmd_formats_keys)


def _add_lint(commands: Any) -> None:
    """``lint``: a format pack checked."""
    lint = commands.add_parser("lint", help=text("cli.lint.help"))
    lint.add_argument("pack", help=text("cli.lint.pack"))
    lint.add_argument("--definition", metavar=BERKAS, help=text("cli.lint.definition"))
    lint.set_defaults(handler=_cmd_lint)


def _add_signature_commands(commands: Any) -> None:
    """``sign`` and ``verify`` (their options live in tte_cli, stdlib only)."""
    from .tte_cli import add_commands

    add_commands(commands)


def _add_serve(commands: Any) -> None:
    """``serve``: the web app."""
    from .web.server import add_arguments  # stdlib only: the web stack loads in _cmd_serve

    serve = commands.add_parser("serve", help=text("cli.serve.help"))
    add_arguments(serve)
    serve.set_defaults(handler=_cmd_serve)


def _add_new_command(commands: Any) -> None:
    """``baru`` (alias ``new``): its options live with the starter (stdlib only)."""
    from .starter.command import add_arguments

    new = commands.add_parser("baru", aliases=["new"], help=text("cli.baru.help"))
    add_arguments(new)
    new.set_defaults(handler=_cmd_new)


_COMMANDS: tuple[tuple[tuple[str, ...], Callable[[Any], None]], ...] = (
    (("render",), _add_render),
    (("batch",), _add_batch),
    (("validate",), _add_validate),
    (("export",), _add_export),
    (("schema",), _add_schema),
    (("formats",), _add_formats),
    (("lint",), _add_lint),
    (("baru", "new"), _add_new_command),
    (("sign", "verify"), _add_signature_commands),
    (("serve",), _add_serve),
)
"""Each command's names and the function adding its parser, in the order the help lists them."""


def _take_language(argv: list[str]) -> tuple[list[str], str | None]:
    """Remove every ``--lang X`` / ``--lang=X`` from argv (it may come anywhere); return the last."""
    rest: list[str] = []
    language: str | None = None
    items = iter(argv)
    for item in items:
        if item == "--":
            rest.append(item)
            rest.extend(items)
            break
        if item == "--lang":
            language = next(items, "")
        elif item.startswith("--lang="):
            language = item.removeprefix("--lang=")
        else:
            rest.append(item)
    return rest, language


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input, 1 internal error or, for
    batch, some desa failed)."""
    from .messages import normalise_language, use_language

    rest, language = _take_language(list(sys.argv[1:] if argv is None else argv))
    chosen = normalise_language(language) if language is not None else None
    if language is not None and chosen is None:
        print(f"rembuk-docs: --lang {language!r}: id | en", file=sys.stderr)
        return 2
    with use_language(chosen or current_language()):
        original = argparse._  # type: ignore[attr-defined]
        argparse._ = _argparse_text  # type: ignore[attr-defined]
        try:
            args = build_parser(rest[0] if rest else None).parse_args(rest)
        finally:
            argparse._ = original  # type: ignore[attr-defined]
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .errors import RembukError, RembukWarning
    from .runtime import tune_gc

    tune_gc()  # this process is ours: see runtime.py

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RembukWarning)
            code: int = args.handler(args)
        for warning in caught:
            print(text("cli.warning", message=warning.message), file=sys.stderr)
    except RembukError as exc:
        print(text("cli.error", message=exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(text("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except IsADirectoryError as exc:
        message = text("file.is_folder", path=exc.filename)
        print(text("cli.error", message=message), file=sys.stderr)
        return 2
    except OSError as exc:  # the file system said no: a bad --out, a full disk, a read-only disk
        from .errors import os_reason

        message = text("file.os_error", path=exc.filename or "", reason=os_reason(exc))
        print(text("cli.error", message=message), file=sys.stderr)
        return 2
    except Exception as exc:  # an unexpected bug: short message, traceback to a log file
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        handle, name = tempfile.mkstemp(prefix=f"rembuk-docs-error-{stamp}-", suffix=".log")
        log = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(traceback.format_exc())
        message = text("cli.internal_error", kind=type(exc).__name__, detail=exc, log=log)
        print(message, file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
