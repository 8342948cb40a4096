"""``rembuk-docs baru`` (alias ``new``): ask a few questions, or read flags, and write a new definition.

Only the standard library and the message catalogue are imported at module level: the CLI
registers these options for ``--help`` without loading pydantic, PyYAML or Jinja.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..messages import Message, text

_WHERE = "rembuk-docs baru"


def add_arguments(command: argparse.ArgumentParser) -> None:
    """The options of ``baru``: Indonesian names, English aliases."""
    command.add_argument(
        "--jenis", "--kind", dest="kind", metavar="JENIS", help=text("starter.arg.kind")
    )
    command.add_argument(
        "--nama", "--name", dest="name", metavar="NAMA", help=text("starter.arg.name")
    )
    command.add_argument(
        "--provinsi",
        "--province",
        dest="province",
        metavar="PROVINSI",
        help=text("starter.arg.province"),
    )
    command.add_argument(
        "--kecamatan", dest="kecamatan", metavar="KECAMATAN", help=text("starter.arg.kecamatan")
    )
    command.add_argument(
        "--kabupaten",
        "--regency",
        dest="kabupaten",
        metavar="KABUPATEN",
        help=text("starter.arg.kabupaten"),
    )
    command.add_argument(
        "--tanggal", "--date", dest="date", metavar="TTTT-BB-HH", help=text("starter.arg.date")
    )
    command.add_argument(
        "--keluar", "--out", dest="out", metavar="BERKAS", help=text("starter.arg.out")
    )
    command.add_argument(
        "--format-pack",
        dest="format_pack",
        metavar="PACK",
        help=text("starter.arg.format_pack"),
    )
    command.add_argument(
        "--paksa", "--force", dest="force", action="store_true", help=text("starter.arg.force")
    )


@dataclass
class _Collected:
    kind: str | None = None
    name: str | None = None
    province: str | None = None
    kecamatan: str | None = None
    kabupaten: str | None = None
    day: date | None = None
    out: Path | None = None
    problems: list[tuple[str, Message]] = field(default_factory=list)


def parse_kind(value: str) -> str | None:
    """'Kabupaten', ' KOTA ', 'kab', 'kab.' -> the kind; ``None`` when it is not one."""
    key = value.strip().casefold().rstrip(".")
    aliases = {"kab": "kabupaten", "kabupaten": "kabupaten", "kota": "kota", "desa": "desa"}
    return aliases.get(key)


def parse_day(value: str) -> date | None:
    """A YYYY-MM-DD date, or ``None`` when ``value`` is not one."""
    if not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def clean_name(value: str, kind: str | None) -> str:
    """The region's name without its kind word ('Kabupaten Kupang' -> 'Kupang')."""
    name = " ".join(value.split())
    if kind is not None:
        name = re.sub(rf"(?i)^{kind}\s+(?=\S)", "", name)
    return name


def clean_kabupaten(value: str) -> str:
    """A desa's kabupaten with its kind: 'Kupang' -> 'Kabupaten Kupang'; 'Kota Kupang' is kept."""
    name = " ".join(value.split())
    if re.match(r"(?i)(kabupaten|kota)\s", name):
        return name[0].upper() + name[1:]
    return f"Kabupaten {name}" if name else name


def default_out(kind: str, name: str, day: date) -> Path:
    """'rembuk-kabupaten-kupang-2026.yaml' in the working folder."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "baru"
    return Path(f"rembuk-{kind}-{slug}-{day.year}.yaml")


def _from_flags(args: argparse.Namespace) -> _Collected:
    found = _Collected()
    if args.kind is not None:
        found.kind = parse_kind(args.kind)
        if found.kind is None:
            found.problems.append(("--jenis", Message("starter.bad_kind", value=args.kind)))
    if args.name is not None and args.name.strip():
        found.name = clean_name(args.name, found.kind)
    if args.province is not None and args.province.strip():
        found.province = " ".join(args.province.split())
    if args.kecamatan is not None and args.kecamatan.strip():
        found.kecamatan = clean_name(args.kecamatan, "kecamatan")
    if args.kabupaten is not None and args.kabupaten.strip():
        found.kabupaten = clean_kabupaten(args.kabupaten)
    if args.date is not None:
        found.day = parse_day(args.date)
        if found.day is None:
            found.problems.append(("--tanggal", Message("starter.bad_date", value=args.date)))
    if args.out is not None:
        if not args.out.strip():
            found.problems.append(("--keluar", Message("starter.empty_out")))
        else:
            found.out = Path(args.out)
    return found


Ask = Callable[[str], str]


def _ask(ask: Ask, question: str, default: str | None, check: Callable[[str], str | None]) -> str:
    """Ask until the answer passes ``check`` (which returns an error text, or None when fine)."""
    prompt = f"{question} [{default}]: " if default else f"{question}: "
    while True:
        answer = ask(prompt).strip()
        if not answer and default:
            answer = default
        error = check(answer)
        if error is None:
            return answer
        print(f"  {error}", file=sys.stderr)


def _required(answer: str) -> str | None:
    return None if answer else text("starter.ask.required")


def _interview(found: _Collected, ask: Ask) -> None:
    """Fill what the flags left open by asking, each question with its default."""
    print(text("starter.ask.intro"), file=sys.stderr)
    kind = _ask(
        ask,
        text("starter.ask.kind"),
        found.kind or "kabupaten",
        lambda a: None if parse_kind(a) else text("starter.bad_kind", value=a),
    )
    found.kind = parse_kind(kind)
    assert found.kind is not None
    found.name = clean_name(
        _ask(ask, text(f"starter.ask.name.{found.kind}"), found.name, _required), found.kind
    )
    found.province = _ask(ask, text("starter.ask.province"), found.province, _required)
    if found.kind == "desa":
        found.kecamatan = clean_name(
            _ask(ask, text("starter.ask.kecamatan"), found.kecamatan, _required), "kecamatan"
        )
        found.kabupaten = clean_kabupaten(
            _ask(ask, text("starter.ask.kabupaten"), found.kabupaten, _required)
        )
    from . import default_day

    day = _ask(
        ask,
        text("starter.ask.date"),
        (found.day or default_day()).isoformat(),
        lambda a: None if parse_day(a) else text("starter.bad_date", value=a),
    )
    found.day = parse_day(day)
    assert found.day is not None
    out = found.out or default_out(found.kind, found.name, found.day)
    found.out = Path(_ask(ask, text("starter.ask.out"), str(out), _required))


def _missing(found: _Collected) -> list[str]:
    """The flags a run without a terminal still needs."""
    needed = [("--jenis", found.kind), ("--nama", found.name), ("--provinsi", found.province)]
    if found.kind == "desa":
        needed += [("--kecamatan", found.kecamatan), ("--kabupaten", found.kabupaten)]
    return [flag for flag, value in needed if value is None]


def _flags_missing(kind: str | None, missing: list[str]) -> Message:
    """What a run without a terminal lacks, with a whole command to copy for its kind (a desa
    needs its kecamatan and kabupaten too)."""
    flags = ", ".join(missing)
    if kind == "desa":
        return Message(
            "starter.flags_missing",
            flags=flags,
            example=Message("starter.flags_example.desa", program=program()),
        )
    example = Message("starter.flags_example", program=program())
    if kind is None:  # the desa's own flags too, so that a desa is not stopped a second time
        return Message(
            "starter.flags_missing_any",
            flags=flags,
            example=example,
            desa=Message("starter.flags_example.desa", program=program()),
        )
    return Message("starter.flags_missing", flags=flags, example=example)


def program() -> str:
    """The command as the user can type it next: ``rembuk-docs`` when that is on the PATH, else
    the path they ran (``.venv/bin/rembuk-docs`` before the environment is activated), so that
    the commands we suggest work as shown."""
    import os
    import shutil

    ran = sys.argv[0] if sys.argv else ""
    if Path(ran).name != "rembuk-docs" or os.sep not in ran:
        return "rembuk-docs"
    found = shutil.which("rembuk-docs")
    if found and Path(found).resolve() == Path(ran).resolve():
        return "rembuk-docs"
    return ran


def _pack_written(spec: str, out: Path) -> str:
    """The ``format_pack`` a new definition at ``out`` names for ``--format-pack spec``: the slug,
    or the folder relative to the file (a definition's pack folder is read from its own folder).
    Raises :class:`~rembuk_docs.errors.FormatPackError` for a pack that does not exist."""
    import os

    from ..formats.loader import is_pack_path, load_pack

    load_pack(spec)  # the same errors as render gives for it
    if not is_pack_path(spec):
        return spec.strip()
    folder = Path(spec).expanduser().resolve()
    return Path(os.path.relpath(folder, out.resolve().parent)).as_posix()


def run(
    args: argparse.Namespace, *, ask: Ask | None = None, interactive: bool | None = None
) -> int:
    """Write the new definition; 0 when written, 2 (an :class:`InputError`) when it cannot be.

    ``interactive`` defaults to whether stdin and stderr are terminals; ``ask`` to :func:`input`.
    """
    from ..errors import InputError, Problem
    from ..formats.resources import display_path

    found = _from_flags(args)
    pack: str | None = getattr(args, "format_pack", None)
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stderr.isatty()
    if found.problems:
        raise InputError([Problem(where, message) for where, message in found.problems])
    if interactive:
        try:
            _interview(found, ask or input)
        except EOFError:
            raise InputError([Problem(_WHERE, Message("starter.ask.eof"))]) from None
    missing = _missing(found)
    if missing:
        raise InputError([Problem(_WHERE, _flags_missing(found.kind, missing))])
    assert found.kind and found.name and found.province
    from . import StarterAnswers, default_day, starter_text

    day = found.day or default_day()
    out = found.out or default_out(found.kind, found.name, day)
    if out.exists() and not args.force:
        if out.is_dir():
            raise InputError([Problem("--keluar", Message("starter.out_is_folder", file=out))])
        if not (interactive and _confirm_overwrite(out, ask or input)):
            raise InputError([Problem("--keluar", Message("starter.exists", file=out))])
    answers = StarterAnswers(
        kind=found.kind,
        name=found.name,
        province=found.province,
        day=day,
        kecamatan=found.kecamatan or "",
        kabupaten=found.kabupaten or "",
        out_name=out.name,
        format_pack=_pack_written(pack, out) if pack else "default",
    )
    content = starter_text(answers)
    _check(content, source=str(out))  # what we write must validate at once
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(content, encoding="utf-8")
    shown = display_path(out)
    print(text("starter.written", file=shown))
    print(text("starter.next", file=shown, program=program()))
    return 0


def _confirm_overwrite(out: Path, ask: Ask) -> bool:
    try:
        answer = ask(text("starter.ask.overwrite", file=out)).strip().casefold()
    except EOFError:
        return False
    return answer in ("y", "ya", "yes")


def _check(content: str, *, source: str) -> None:
    """Raise the library's own :class:`InputError` when ``content`` does not validate."""
    from ..loading import from_dict, parse_yaml

    data, root = parse_yaml(content, source=source)
    from_dict(data, source=source, root=root)
