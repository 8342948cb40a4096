"""Lint a format pack: every problem with its file and line, found before anyone renders with it."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path
from typing import Any

from .errors import FormatPackError, Problem, RembukError
from .formats.guard import checked_image, checked_size, find_in
from .formats.loader import (
    DEFAULT_SLUG,
    PackFile,
    builtin_packs,
    locate,
    pack_chain,
    read_pack_file,
    settings_problems,
)
from .formats.pack import PLACEHOLDER_LOGO
from .formats.resources import builtin_fonts_dir, display_path
from .formats.sandbox import environment, names_with_lines, static_problems
from .formats.variables import CONTEXT_VARIABLES
from .messages import Message
from .model import Rembuk

_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")
_FONT_KEYS = ("regular", "bold", "italic", "bold_italic")


def format_problem(problem: Problem) -> str:
    """One problem as a lint line: 'templates/x/format.toml, baris 12: message'."""
    if problem.line is None:
        return f"{problem.location}: {problem.message}"
    return str(
        Message("lint.line", location=problem.location, line=problem.line, message=problem.detail)
    )


def _setting(chain: list[PackFile], table: str, key: str) -> tuple[Any, PackFile | None]:
    """The value of ``[table] key`` from the nearest file of the chain that sets it."""
    for file in chain:
        section = file.data.get(table)
        if isinstance(section, dict) and key in section:
            return section[key], file
    return None, None


def _logo_problems(chain: list[PackFile]) -> list[Problem]:
    """The logo, looked up and checked as render does (:func:`find_in`, :func:`checked_image`)."""
    logo, file = _setting(chain, "kop", "logo")
    if file is None or not isinstance(logo, str) or logo == PLACEHOLDER_LOGO:
        return []
    line = file.lines.line_of(("kop", "logo"))
    folders = [item.location.folder for item in chain[chain.index(file) :]]
    try:
        path = find_in(folders, logo)
        if path is None:
            where = display_path(file.location.folder)
            return [Problem(file.name, Message("lint.logo_missing", logo=logo, folder=where), line)]
        checked_image(path)
    except FormatPackError as exc:
        return [
            Problem(file.name, Message("pack.setting", field="kop.logo", message=p.detail), line)
            for p in exc.problems
        ]
    return []


def _font_problems(chain: list[PackFile]) -> list[Problem]:
    """Each font file, looked up as render does: in the pack chain (confined to its folders),
    else among the built-in fonts; then its size and kind."""
    problems: list[Problem] = []
    for key in _FONT_KEYS:
        name, file = _setting(chain, "font", key)
        if file is None or not isinstance(name, str):
            continue
        line = file.lines.line_of(("font", key))
        folders = [item.location.folder for item in chain[chain.index(file) :]]
        try:
            path = find_in([*folders, builtin_fonts_dir()], name)
            if path is not None:
                checked_size(path, "font")
        except FormatPackError as exc:
            field = f"font.{key}"
            problems.extend(
                Problem(file.name, Message("pack.setting", field=field, message=p.detail), line)
                for p in exc.problems
            )
            continue
        if path is None:
            message = Message("lint.font_missing", key=key, name=name)
            problems.append(Problem(file.name, message, line))
            continue
        with path.open("rb") as stream:
            magic = stream.read(4)
        if magic == b"OTTO":
            message = Message("lint.font_opentype", key=key, name=name)
            problems.append(Problem(file.name, message, line))
        elif magic not in _TRUETYPE_MAGIC:
            message = Message("lint.font_not_truetype", key=key, name=name)
            problems.append(Problem(file.name, message, line))
    return problems


def _default_wording() -> dict[str, str]:
    wording = read_pack_file(builtin_packs()[DEFAULT_SLUG]).data.get("wording", {})
    return {key: value for key, value in wording.items() if isinstance(value, str)}


def _wording_problems(file: PackFile) -> list[Problem]:
    """Each wording snippet of ``file``: a key some document uses, valid Jinja, known variables,
    no internals."""
    from .compose.registry import used_wording_keys

    used = used_wording_keys()
    defaults = _default_wording()
    lines = file.lines.wording_lines()
    problems = []
    for key, source in file.data.get("wording", {}).items():
        key_line, text_line = lines.get(key, (None, None))
        where = f"{file.name}, wording '{key}'"
        if key not in used:
            import difflib

            close = difflib.get_close_matches(key, sorted(used), n=1, cutoff=0.6)
            if close:
                unknown = Message("lint.wording_unknown_close", key=key, close=close[0])
            else:
                unknown = Message("lint.wording_unknown", key=key)
            problems.append(Problem(file.name, unknown, key_line))
            continue
        if not isinstance(source, str):
            problems.append(Problem(file.name, Message("lint.wording_not_text", key=key), key_line))
            continue
        extras: set[str] = set()
        if key in defaults:
            extras = set(names_with_lines(environment("text").parse(defaults[key])))
        problems.extend(
            static_problems(
                source,
                known={*CONTEXT_VARIABLES, *extras},
                location=where,
                first_line=text_line,
            )
        )
    return problems


def _missing_wording(chain: list[PackFile]) -> list[Problem]:
    """Keys some document uses that no pack of the chain defines (a gap in the default pack)."""
    from .compose.registry import used_wording_keys

    defined = {key for file in chain for key in file.data.get("wording", {})}
    root = chain[-1]
    return [
        Problem(root.name, Message("lint.wording_undefined", key=key))
        for key in sorted(used_wording_keys() - defined)
    ]


def _word_template_problems(file: PackFile, documents: list[str]) -> list[Problem]:
    from .writers.word_template import open_template, paragraph_label, template_sources

    problems: list[Problem] = []
    for path in sorted(file.location.folder.glob("*.docx")):
        if path.name.startswith("~$"):
            continue  # Word's lock file while the template is open
        if path.stem not in documents:
            problems.append(
                Problem(
                    display_path(path),
                    Message(
                        "lint.word_template_name",
                        name=path.stem,
                        names=", ".join(f"{name}.docx" for name in documents),
                    ),
                )
            )
            continue
        try:
            template = open_template(path)
        except FormatPackError as exc:
            problems.extend(exc.problems)
            continue
        for part, source in template_sources(template):

            def label(
                line: int, path: Path = path, part: str = part, source: str = source
            ) -> tuple[str, int | None]:
                return paragraph_label(path, part, source, line)

            problems.extend(
                static_problems(
                    source,
                    known=CONTEXT_VARIABLES,
                    location=display_path(path),
                    kind="xml",
                    line_label=label,
                )
            )
    return problems


def _trial_problems(folder: Path, definition: Rembuk) -> list[Problem]:
    """Render every document of the definition's pack: finds what only real values reveal."""
    from .formats.loader import load_pack
    from .rendering import compose_documents, word_document

    try:
        pack = load_pack(folder)
        for composed in compose_documents(definition, pack, pdf=False):  # no PDF is written
            word_document(definition, pack, composed)
    except RembukError as exc:
        problems = getattr(exc, "problems", None)
        return list(problems) if problems else [Problem(display_path(folder), str(exc))]
    return []


@cache
def _starter_definitions() -> tuple[Rembuk, ...]:
    """What ``lint`` renders a pack with when no definition is given: the definitions
    ``rembuk-docs baru`` writes for a kabupaten and for a desa (every section filled in), so that
    a wording or Word template that loops, pads or prints without bound is found by lint as it
    is by render."""
    from datetime import date

    from .loading import from_dict
    from .starter import StarterAnswers, starter_data

    day = date(2024, 6, 21)
    answers = (
        StarterAnswers("kabupaten", "Kupang", "Nusa Tenggara Timur", day),
        StarterAnswers(
            "desa", "Mata Air", "Nusa Tenggara Timur", day, "Kupang Tengah", "Kabupaten Kupang"
        ),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tuple(from_dict(starter_data(answer)) for answer in answers)


def _starter_trial_problems(folder: Path) -> list[Problem]:
    """:func:`_trial_problems` with each starter definition, its warnings (placeholders marked
    as examples, numbers left blank) not shown: they are the starter's, not the pack's."""
    found: list[Problem] = []
    for definition in _starter_definitions():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            problems = _trial_problems(folder, definition)
        found += [problem for problem in problems if problem not in found]
    return found


def _kop_documents_problems(file: PackFile, documents: list[str]) -> list[Problem]:
    """Each name under [kop.documents] must be a document (a misspelt one would be ignored)."""
    import difflib

    kop = file.data.get("kop", {})
    chosen = kop.get("documents", {}) if isinstance(kop, dict) else {}
    problems = []
    for name in chosen if isinstance(chosen, dict) else {}:
        if name in documents:
            continue
        close = difflib.get_close_matches(name, documents, n=1, cutoff=0.6)
        if close:
            message = Message("lint.kop_document_close", name=name, close=close[0])
        else:
            message = Message("lint.kop_document", name=name, known=", ".join(documents))
        line = file.lines.line_of(("kop", "documents", name))
        problems.append(Problem(file.name, message, line))
    return problems


def lint_pack(spec: str | Path, *, definition: Rembuk | None = None) -> list[Problem]:
    """Every problem of the pack ``spec`` (a folder or a slug); an empty list when it is clean.

    Checks format.toml (TOML syntax, unknown keys, values such as the paper and the numbering
    pattern), ``extends``, the logo and font files, each wording snippet and each Word template
    (syntax, unknown variables, reaches into Python internals). With ``definition``, every
    document is also rendered in memory with it; without one, with the definitions
    ``rembuk-docs baru`` writes (a kabupaten's and a desa's).
    """
    from .compose.registry import DOCUMENTS

    try:
        chain = pack_chain(locate(spec))
    except FormatPackError as exc:
        return list(exc.problems)
    own = chain[0]
    _, problems = settings_problems(chain)
    problems = problems + _logo_problems(chain) + _font_problems(chain)
    problems += _wording_problems(own) + _missing_wording(chain)
    problems += _kop_documents_problems(own, list(DOCUMENTS))
    problems += _word_template_problems(own, list(DOCUMENTS))
    if definition is not None and not problems:
        problems += _trial_problems(own.location.folder, definition)
    elif not problems:
        problems += _starter_trial_problems(own.location.folder)
    return sorted(problems, key=lambda p: (p.location.split(",")[0], p.line or 0))
