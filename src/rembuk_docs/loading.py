"""Reading a definition: YAML (or a dict) to a validated Rembuk, with every problem located."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DefinitionError, ImportDataError, Problem, SyntaxProblemError
from .indonesian import MAX_NUMBER_TEXT
from .messages import Message
from .messages.validation import describe, error_path
from .model import Rembuk
from .model.checks import cross_field_problems


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text (pydantic reads them, so '30 Februari' gets a clear error)."""


def _bounded_int(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A YAML integer; one written with more digits than any field takes is kept as text, so the
    field refuses it with its path instead of Python failing to convert it (4,300 digits)."""
    text = str(node.value)
    if len(text) > MAX_NUMBER_TEXT:
        return text
    return yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)

_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _duplicate_keys(node: yaml.Node, path: str, problems: list[Problem]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        _join(path, key),
                        Message("yaml.duplicate_key", first=seen[key], second=line),
                        line,
                    )
                )
            seen.setdefault(key, line)
            _duplicate_keys(value_node, _join(path, key), problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _duplicate_keys(item, f"{path}[{index}]", problems)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _node_at(root: yaml.Node | None, loc: tuple[int | str, ...]) -> yaml.Node | None:
    """The YAML node at a pydantic location, or the deepest ancestor that exists."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if str(k.value) == str(part)), None)
            if match is None:
                key_match = next((k for k, _ in node.value if str(k.value) == str(part)), None)
                return key_match or node
            node = match
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return node
    return node


def _key_node(root: yaml.Node | None, loc: tuple[int | str, ...]) -> yaml.Node | None:
    """For an unknown key: the key node itself, so the line points at the key."""
    parent = _node_at(root, loc[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _ in parent.value:
            if str(key.value) == str(loc[-1]):
                return typing.cast(yaml.Node, key)
    return parent


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _find_model(field.annotation) if field else None
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _suggestion(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """The known key closest to the unknown key at ``loc``, if one is close enough."""
    owner = _model_at(model, loc[:-1])
    known = list(owner.model_fields) if owner else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return close[0] if close else None


def _message(error: Any, model: type[BaseModel]) -> Message:
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        return describe(
            error, known=list(owner.model_fields) if owner else [], close=_suggestion(model, loc)
        )
    target = _model_at(model, loc)
    first_key = next(iter(target.model_fields), None) if target is not None else None
    return describe(error, first_key=first_key)


def problems_from(
    exc: ValidationError, model: type[BaseModel], root: yaml.Node | None = None
) -> list[Problem]:
    """Turn a pydantic ValidationError into problems at typed field paths, with YAML lines when
    known: the one place a definition's pydantic errors are translated.

    A model validator's :class:`~rembuk_docs.errors.FieldValueError` points at its field. One
    mistake in a YAML node reached through several aliases (``*kepala`` used twice) is given
    once, at the first place it is used.
    """
    errors = exc.errors()
    # a misspelt key gives 'unknown key' and 'missing' for the same field: keep only the first
    suggested = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = _suggestion(model, loc)
            if close:
                suggested.add((*loc[:-1], close))
    problems = []
    seen: set[tuple[int, str, str]] = set()
    for error in errors:
        loc = error_path(error)
        if error["type"] == "missing" and loc in suggested:
            continue
        node = _key_node(root, loc) if error["type"] == "extra_forbidden" else _node_at(root, loc)
        message = _message(error, model)
        if node is not None:
            key = (id(node), message.id, str(message))
            if key in seen:
                continue
            seen.add(key)
        line = node.start_mark.line + 1 if node is not None else None
        problems.append(Problem(loc, message, line))
    return problems


def from_dict(
    data: Any,
    *,
    source: str | None = None,
    root: yaml.Node | None = None,
    base: str | Path | None = None,
) -> Rembuk:
    """Validate plain data (as from YAML or JSON) into a Rembuk; raise DefinitionError with every problem.

    ``attendees_file`` and ``signatories_file`` are read here, relative to ``base`` (default: the
    current folder).
    """
    return _validated(
        data, source=source, root=root, base=Path(base) if base is not None else Path.cwd()
    )


def _validated(
    data: Any,
    *,
    source: str | None,
    root: yaml.Node | None,
    base: Path,
    files: dict[str, str | Path | None] | None = None,
) -> Rembuk:
    if not isinstance(data, dict):
        found = Message(
            "value.kind_of_input.list"
            if isinstance(data, list)
            else "value.kind_of_input.text"
            if isinstance(data, str)
            else "value.kind_of_input.empty"
            if data is None
            else "value.kind_of_input.other"
        )
        raise DefinitionError(
            [Problem("", Message("definition.not_mapping", found=found))], source=source
        )
    if "batch" in data:
        message = Message("definition.is_batch_template")
        raise DefinitionError([Problem("batch", message, _line(root, ("batch",)))], source=source)
    try:
        rembuk = Rembuk.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(problems_from(exc, Rembuk, root), source=source) from None
    rembuk = _with_files(rembuk, base, files or {}, source=source, root=root)
    check(rembuk, source=source, root=root)
    return rembuk


def _with_files(
    rembuk: Rembuk,
    base: Path,
    overrides: dict[str, str | Path | None],
    *,
    source: str | None,
    root: yaml.Node | None,
) -> Rembuk:
    """Read the attendee and signatory files (an override path wins over the definition's key)."""
    from .importing import load_attendees, load_signatories

    readers = {"attendees": load_attendees, "signatories": load_signatories}
    update: dict[str, Any] = {}
    conflicts: list[Problem] = []
    failures: list[Problem] = []
    for key, reader in readers.items():
        override = overrides.get(key)
        declared: Path | None = getattr(rembuk, f"{key}_file")
        if override is not None:
            path = Path(override)
        elif declared is not None:
            if getattr(rembuk, key):
                conflicts.append(
                    Problem(f"{key}_file", Message("definition.file_and_list", key=key))
                )
                continue
            path = declared if declared.is_absolute() else base / declared
        else:
            continue
        try:
            update[key] = reader(path)
        except ImportDataError as exc:
            failures.extend(exc.problems)
        update[f"{key}_file"] = path
    plan_problems = _with_plan(rembuk, base, overrides.get("rencana_kegiatan"), update, conflicts)
    failures.extend(plan_problems)
    if rembuk.dokumentasi is not None:
        from .photos import resolve

        section, photo_problems = resolve(rembuk.dokumentasi, base)
        conflicts.extend(photo_problems)
        update["dokumentasi"] = section
    if conflicts:
        located = [p.at(line=_line(root, p.field_path() or ())) for p in conflicts]
        raise DefinitionError(located, source=source)
    if failures:
        raise ImportDataError(failures)
    return rembuk.model_copy(update=update) if update else rembuk


def _with_plan(
    rembuk: Rembuk,
    base: Path,
    override: str | Path | None,
    update: dict[str, Any],
    conflicts: list[Problem],
) -> list[Problem]:
    """Read the rencana kegiatan sheet into ``update`` (an override path wins over the key)."""
    from .model import ActivityPlan
    from .plan_import import load_plan

    declared = rembuk.rencana_kegiatan_file
    plan = rembuk.rencana_kegiatan
    if override is not None:
        path = Path(override)
    elif declared is not None:
        if plan is not None and plan.items:
            conflicts.append(
                Problem(
                    "rencana_kegiatan_file",
                    "give rencana_kegiatan.items or rencana_kegiatan_file, not both",
                )
            )
            return []
        path = declared if declared.is_absolute() else base / declared
    else:
        return []
    try:
        items = load_plan(path)
    except ImportDataError as exc:
        return list(exc.problems)
    section = plan if plan is not None else ActivityPlan()
    update["rencana_kegiatan"] = section.model_copy(update={"items": items})
    update["rencana_kegiatan_file"] = path
    return []


def _line(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    node = _node_at(root, loc)
    return node.start_mark.line + 1 if node is not None else None


def check(rembuk: Rembuk, *, source: str | None = None, root: yaml.Node | None = None) -> None:
    """Run the checks across fields; raise DefinitionError when any fails."""
    problems = cross_field_problems(rembuk)
    if problems:
        located = []
        for problem in problems:
            node = _node_at(root, problem.field_path() or ())
            line = node.start_mark.line + 1 if node is not None else None
            located.append(problem.at(line=line))
        raise DefinitionError(located, source=source)


MAX_NODES = 2_000_000  # a definition of 20,000 attendees has about 100,000
MAX_DEPTH = 200


def _check_expansion(root: yaml.Node, *, source: str) -> None:
    """Refuse YAML whose anchors and aliases refer to themselves or expand to an enormous tree
    ('billion laughs'), before anything walks or validates the expanded data."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise SyntaxProblemError(
                [Problem("", Message("yaml.alias_cycle"), node.start_mark.line + 1)], source=source
            )
        if depth > MAX_DEPTH:
            raise SyntaxProblemError(
                [Problem("", Message("yaml.too_deep", depth=MAX_DEPTH), node.start_mark.line + 1)],
                source=source,
            )
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        open_nodes.discard(key)
        if total > MAX_NODES:
            raise SyntaxProblemError(
                [Problem("", Message("yaml.alias_bomb"), node.start_mark.line + 1)],
                source=source,
            )
        sizes[key] = total
        return total

    size(root, 0)


def yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A PyYAML error as a located problem that says how to fix it (never PyYAML's wording).

    The common traps get their own hint: a colon inside unquoted text, a tab used for indentation,
    an unclosed quote, keys that do not line up.
    """
    mark = exc.problem_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else 0
    problem = exc.problem or ""
    context = exc.context or ""
    source_line = (
        text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    )
    if "\t" in problem or (mark is not None and "\t" in source_line[: max(mark.column, 1)]):
        message = Message("yaml.tab", column=column)
    elif "mapping values are not allowed" in problem:
        message = Message("yaml.colon_in_text", column=column)
    elif "quoted scalar" in context and "end of stream" in problem:
        message = Message("yaml.unclosed_quote")
    elif "undefined alias" in problem or "found undefined alias" in context:
        message = Message("yaml.undefined_alias", column=column)
    elif "escape character" in problem:
        message = Message("yaml.bad_escape", column=column)
    elif "cannot start any token" in problem:
        message = Message("yaml.bad_character", column=column)
    elif "expected <block end>" in problem or "did not find expected" in problem:
        message = Message("yaml.bad_indent", column=column)
    elif mark is not None:
        message = Message("yaml.invalid", column=column)
    else:
        message = Message("yaml.invalid_nowhere")
    return Problem("", message, line)


MAX_DEFINITION_CHARS = 5 * 2**20
"""Characters a definition (or a batch template) may have: a Kupang definition has 15,000, one
that lists 10,000 attendees inline about 1.5 million. Parsing costs about a second a megabyte,
and a 50 MB file took 57 s before it was refused for its content."""


def parse_yaml(text: str, *, source: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text into data and its node tree; raise SyntaxProblemError with line and column.
    Text longer than :data:`MAX_DEFINITION_CHARS` is refused before it is parsed."""
    if len(text) > MAX_DEFINITION_CHARS:
        raise SyntaxProblemError(
            [
                Problem(
                    "", Message("limits.definition.too_large", limit=MAX_DEFINITION_CHARS // 2**20)
                )
            ],
            source=source,
        )
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                _check_expansion(root, source=source)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except RecursionError:
        raise SyntaxProblemError(
            [Problem("", Message("yaml.too_deep_python", depth=MAX_DEPTH))],
            source=source,
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise SyntaxProblemError([yaml_problem(exc, text)], source=source) from None
    except yaml.YAMLError:
        raise SyntaxProblemError(
            [Problem("", Message("yaml.invalid_nowhere"))], source=source
        ) from None
    problems: list[Problem] = []
    if root is not None:
        _duplicate_keys(root, "", problems)
    if problems:
        raise DefinitionError(problems, source=source)
    return data, root


def load(
    path: str | Path,
    *,
    attendees: str | Path | None = None,
    signatories: str | Path | None = None,
    rencana_kegiatan: str | Path | None = None,
) -> Rembuk:
    """Read and validate a YAML definition; relative file references resolve against its folder.

    That includes a ``format_pack`` given as a folder path ('./packs/kupang'). ``attendees`` and
    ``signatories`` name a CSV or XLSX file that replaces the definition's list (and its
    ``*_file`` key); such a path is taken as given, relative to the current folder.
    ``rencana_kegiatan`` names the sheet of the plan's rows likewise.
    """
    rembuk, _ = load_with_nodes(
        path, attendees=attendees, signatories=signatories, rencana_kegiatan=rencana_kegiatan
    )
    return rembuk


def load_with_nodes(
    path: str | Path,
    *,
    attendees: str | Path | None = None,
    signatories: str | Path | None = None,
    rencana_kegiatan: str | Path | None = None,
) -> tuple[Rembuk, yaml.Node | None]:
    """:func:`load`, and the YAML node tree of the file, to give later problems their lines
    (see :func:`locate`)."""
    file = Path(path)
    try:
        if file.stat().st_size > 4 * MAX_DEFINITION_CHARS:  # not even read (4 bytes a character)
            message = Message("limits.definition.too_large", limit=MAX_DEFINITION_CHARS // 2**20)
            raise SyntaxProblemError([Problem(str(file), message)])
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SyntaxProblemError([Problem(str(file), Message("file.not_found"))]) from None
    except UnicodeDecodeError as exc:
        raise SyntaxProblemError(
            [Problem(str(file), Message("file.not_utf8", byte=exc.start))]
        ) from None
    data, root = parse_yaml(text, source=str(file))
    files = {
        "attendees": attendees,
        "signatories": signatories,
        "rencana_kegiatan": rencana_kegiatan,
    }
    rembuk = _validated(data, source=str(file), root=root, base=file.parent, files=files)
    pack = rembuk.format_pack
    if pack is not None and _pack_folder_beside(pack, file.parent):
        rembuk = rembuk.model_copy(update={"format_pack": str(file.parent / pack)})
    return rembuk, root


def _pack_folder_beside(pack: str, folder: Path) -> bool:
    """Whether the definition's ``format_pack`` names a folder relative to its own ``folder``:
    a path ('./packs/kupang'), or a bare name that is no built-in or installed pack's slug
    and is a pack folder beside the file ('kupang-kota'), wherever the command is run from."""
    from .formats.loader import builtin_packs, installed_packs, is_pack_path

    if Path(pack).expanduser().is_absolute():
        return False
    if is_pack_path(pack):
        return True
    if pack in builtin_packs() or pack in installed_packs()[0]:
        return False
    try:
        return (folder / pack / "format.toml").is_file()
    except OSError:  # a name the system cannot look up (too long)
        return False


def _sheet_cell(problem: Problem, rembuk: Rembuk | None) -> str | None:
    """The sheet cell of a person's field when the people came from a sheet, else ``None``."""
    path = problem.path
    if (
        rembuk is None
        or path is None
        or len(path) < 3
        or path[0] not in ("attendees", "signatories")
    ):
        return None
    kind, index, field = path[0], path[1], path[2]
    sheet = getattr(rembuk, f"{kind}_file")
    if sheet is None or not isinstance(index, int) or not isinstance(field, str):
        return None
    from .importing import person_cell

    return person_cell(sheet, str(kind), index, field)


def locate(
    problems: list[Problem], root: yaml.Node | None, rembuk: Rembuk | None = None
) -> list[Problem]:
    """``problems`` with the line of their field in the YAML file when it has one: the field's
    own line, else its nearest written ancestor's. A problem that already has a line, or whose
    section the file does not write at all (or whose place is no field), is kept as it is.

    With ``rembuk``, a problem of a person read from an attendee or signatory sheet
    (``attendees[3].name``) is placed at that sheet's cell instead ('peserta.csv, baris 5,
    kolom Nama'), where the user can fix it."""
    located = []
    for problem in problems:
        cell = _sheet_cell(problem, rembuk)
        if cell is not None:
            located.append(Problem(cell, problem.detail))
            continue
        if problem.line is None and isinstance(root, yaml.MappingNode):
            loc = problem.field_path() or ()
            written = bool(loc) and any(str(key.value) == str(loc[0]) for key, _ in root.value)
            if written:
                problem = problem.at(line=_line(root, loc))
        located.append(problem)
    return located
