"""Finding format packs (built-in, installed packages, folders) and resolving what they extend."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ..errors import FormatPackError, Problem, toml_reason
from ..messages import Message
from ..messages.validation import describe
from .guard import checked_size
from .pack import FormatPack, FormatSettings
from .resources import display_path, templates_root
from .toml_lines import TomlLines

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "rembuk_docs.formats"
"""Entry-point group under which installed packages register their packs (name = slug)."""
DEFAULT_SLUG = "default"
_NOT_PACKS = {"fonts"}


@dataclass(frozen=True)
class PackLocation:
    """Where a pack lives: its slug, its folder and who provides it."""

    slug: str
    folder: Path
    source: str
    """'built-in', 'package NAME VERSION' or 'folder'."""

    @property
    def format_file(self) -> Path:
        """The pack's format.toml."""
        return self.folder / "format.toml"


@dataclass(frozen=True)
class PackFile:
    """One format.toml of an ``extends`` chain: its location, its data and its text."""

    location: PackLocation
    data: dict[str, Any]
    lines: TomlLines

    @property
    def name(self) -> str:
        """The file as a user reads it."""
        return display_path(self.location.format_file)


# --------------------------------------------------------------------------- discovery


def builtin_packs() -> dict[str, PackLocation]:
    """The packs shipped with the library, by slug."""
    root = templates_root()
    return {
        path.parent.name: PackLocation(path.parent.name, path.parent, "built-in")
        for path in sorted(root.glob("*/format.toml"))
        if path.parent.name not in _NOT_PACKS
    }


def _entry_point_folder(entry: EntryPoint) -> Path:
    target = entry.load()
    if isinstance(target, ModuleType):
        module_file = getattr(target, "__file__", None)
        if module_file is None:
            raise ValueError(f"module {target.__name__} has no folder")
        folder = Path(module_file).parent
    elif callable(target):
        folder = Path(target())
    else:
        folder = Path(target)
    if not (folder / "format.toml").is_file():
        raise ValueError(f"{folder} has no format.toml")
    return folder


def installed_packs() -> tuple[dict[str, PackLocation], list[Problem]]:
    """Packs that installed packages register under the ``rembuk_docs.formats`` entry points.

    Returns the packs by slug and a problem for each entry point that cannot be used.
    """
    from importlib.metadata import entry_points  # ~30 ms: only a slug no built-in pack has

    found: dict[str, PackLocation] = {}
    problems: list[Problem] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = entry.dist
        source = f"package {dist.name} {dist.version}" if dist is not None else "package"
        try:
            folder = _entry_point_folder(entry)
        except Exception as exc:  # a broken plug-in must not stop the others: report it
            problems.append(
                Problem(
                    f"{source}, entry point {entry.name} = {entry.value}",
                    Message("pack.plugin_unusable").with_detail(f"{type(exc).__name__}: {exc}"),
                )
            )
            continue
        if entry.name in found:
            problems.append(
                Problem(
                    source,
                    Message("pack.plugin_twice", slug=entry.name, other=found[entry.name].source),
                )
            )
            continue
        found[entry.name] = PackLocation(entry.name, folder, source)
    return found, problems


def available_packs() -> tuple[list[PackLocation], list[Problem]]:
    """Every pack that a slug can name: built-in ones first, then installed ones (not shadowed)."""
    builtin = builtin_packs()
    installed, problems = installed_packs()
    packs = list(builtin.values())
    for slug, location in installed.items():
        if slug in builtin:
            problems.append(Problem(location.source, Message("pack.plugin_shadowed", slug=slug)))
        else:
            packs.append(location)
    return packs, problems


def is_pack_path(text: str) -> bool:
    """True when ``text`` names a folder rather than a slug (it has a slash or starts with '.')."""
    return "/" in text or "\\" in text or text.startswith((".", "~")) or Path(text).is_absolute()


def locate(spec: str | Path | None, *, base: Path | None = None) -> PackLocation:
    """The pack named by ``spec``: ``None`` (default), a slug, or a folder (relative to ``base``)."""
    if spec is None:
        spec = DEFAULT_SLUG
    text = str(spec)
    if isinstance(spec, Path) or is_pack_path(text):
        folder = Path(text).expanduser()
        if not folder.is_absolute() and base is not None:
            folder = base / folder
        return _folder_location(folder, text)
    builtin = builtin_packs()
    if text in builtin:
        return builtin[text]
    installed, _ = installed_packs()
    if text in installed:
        return installed[text]
    folder = (base / text) if base is not None else Path(text)
    if _is_file(folder / "format.toml"):
        return _folder_location(folder, text)
    known = sorted({*builtin, *installed})
    close = difflib.get_close_matches(text, known, n=1, cutoff=0.6)
    shown = text if len(text) <= 80 else f"{text[:80]}..."
    if close:
        message = Message("pack.unknown_close", name=shown, close=close[0], known=", ".join(known))
    else:
        message = Message("pack.unknown", name=shown, known=", ".join(known))
    raise FormatPackError([Problem("format_pack", message)])


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the system cannot even look up (too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _folder_location(folder: Path, written: str) -> PackLocation:
    try:
        is_folder = folder.is_dir()
    except OSError:  # a name too long for the system
        is_folder = False
    if not is_folder:
        raise FormatPackError(
            [Problem(written[:200], Message("pack.folder_missing", folder=str(folder)[:200]))]
        )
    if not _is_file(folder / "format.toml"):
        raise FormatPackError([Problem(display_path(folder), Message("pack.no_format_toml"))])
    return PackLocation(folder.resolve().name, folder.resolve(), "folder")


# --------------------------------------------------------------------------- reading and extends


def flatten_wording(table: Any, prefix: str = "") -> Any:
    """``{'kesepakatan': {'penutup': '...'}}`` -> ``{'kesepakatan.penutup': '...'}``."""
    if not isinstance(table, dict):
        return table
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten_wording(value, f"{name}."))
        else:
            flat[name] = value
    return flat


MAX_TOML_DEPTH = 32
"""Levels of tables and lists a format.toml may nest (the default pack uses four)."""


def _depth(data: Any) -> int:
    """How deeply ``data`` nests dicts and lists (counted without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_TOML_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((item, level + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, level + 1) for item in value)
    return deepest


def read_pack_file(location: PackLocation) -> PackFile:
    """Parse one format.toml; raise :class:`FormatPackError` with its line when it is not TOML."""
    path = location.format_file
    shown = display_path(path)
    try:
        text = checked_size(path, "format.toml").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormatPackError([Problem(shown, Message("pack.no_format_toml"))]) from None
    except UnicodeDecodeError as exc:
        raise FormatPackError([Problem(shown, Message("file.not_utf8", byte=exc.start))]) from None
    too_deep = FormatPackError(
        [Problem(shown, Message("pack.toml_too_deep", limit=MAX_TOML_DEPTH))]
    )
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        raise too_deep from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        said = toml_reason(reason)
        if match:
            bad = Message("pack.not_toml_column", reason=said, column=match.group(2))
        else:
            bad = Message("pack.not_toml", reason=said)
        raise FormatPackError([Problem(shown, bad, line)]) from None
    if _depth(data) > MAX_TOML_DEPTH:  # merging and flattening walk the tables recursively
        raise too_deep
    if "wording" in data:
        data["wording"] = flatten_wording(data["wording"])
    return PackFile(location, data, TomlLines(text))


PACK_PATH_VARIABLE = "REMBUK_PACK_PATH"
"""Folders (separated like PATH) where a pack's ``extends`` may also find a parent folder."""


def _on_search_path(parent: Path, child: Path) -> bool:
    """Whether a parent pack given by folder lies on the pack search path: beside the child
    (inside the folder that holds it), in a built-in or installed pack, or in a folder that
    :data:`PACK_PATH_VARIABLE` names. A folder anywhere else on the disk is refused."""
    roots = [child.resolve().parent, templates_root()]
    installed, _ = installed_packs()
    roots.extend(location.folder for location in installed.values())
    extra = os.environ.get(PACK_PATH_VARIABLE, "")
    roots.extend(Path(entry).expanduser() for entry in extra.split(os.pathsep) if entry.strip())
    try:
        target = parent.resolve()
        resolved = [root.resolve() for root in roots]
    except (OSError, RuntimeError):  # a symlink loop: no answer, so not on the path
        return False
    return any(target == root or root in target.parents for root in resolved)


def pack_chain(location: PackLocation) -> list[PackFile]:
    """The pack's format.toml followed by those it extends, nearest first.

    A pack without ``extends`` extends the built-in 'default' pack (except 'default' itself).
    A slug is looked up among built-in and installed packs; a path is relative to the pack's
    folder. Raises :class:`FormatPackError` at the ``extends`` line for an unknown parent or a
    cycle.
    """
    default_folder = builtin_packs()[DEFAULT_SLUG].folder.resolve()
    chain: list[PackFile] = []
    current = location
    while True:
        file = read_pack_file(current)
        chain.append(file)
        parent_spec = file.data.get("extends")
        line = file.lines.line_of(("extends",))
        if parent_spec is None:
            if current.folder.resolve() == default_folder:
                return chain
            parent_spec = DEFAULT_SLUG
        if not isinstance(parent_spec, str) or not parent_spec.strip():
            raise FormatPackError([Problem(file.name, Message("pack.extends_type"), line)])
        try:
            parent = locate(parent_spec, base=current.folder)
        except FormatPackError as exc:
            raise FormatPackError(
                [
                    Problem(
                        file.name, Message("pack.setting", field="extends", message=p.detail), line
                    )
                    for p in exc.problems
                ]
            ) from None
        if is_pack_path(parent_spec) and not _on_search_path(parent.folder, current.folder):
            message = Message(
                "pack.extends_outside",
                parent=parent_spec,
                root=display_path(current.folder.resolve().parent),
                variable=PACK_PATH_VARIABLE,
            )
            raise FormatPackError([Problem(file.name, message, line)])
        seen = [item.location.folder.resolve() for item in chain]
        if parent.folder.resolve() in seen:
            names = [item.location.slug for item in chain] + [parent.slug]
            raise FormatPackError(
                [Problem(file.name, Message("pack.extends_cycle", chain=" -> ".join(names)), line)]
            )
        current = parent


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge two tables: the child's values win, tables merge key by key, arrays are replaced."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _model_at(model: type[BaseModel], path: tuple[str, ...]) -> type[BaseModel] | None:
    for name in path:
        field = model.model_fields.get(name)
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model


def _message(error: Any) -> Message:
    names = tuple(str(part) for part in error["loc"] if not isinstance(part, int))
    if error["type"] == "extra_forbidden":
        model = _model_at(FormatSettings, names[:-1])
        known = sorted(model.model_fields) if model is not None else []
        close = difflib.get_close_matches(names[-1], known, n=1, cutoff=0.6)
        return describe(error, known=known, close=close[0] if close else None)
    return describe(error)


def _where(chain: list[PackFile], loc: tuple[Any, ...]) -> tuple[str, int | None]:
    names = tuple(str(part) for part in loc if not isinstance(part, int))
    if names[:1] == ("wording",) and len(names) > 1:
        for file in chain:
            found = file.lines.wording_lines().get(".".join(names[1:]))
            if found:
                return file.name, found[0]
    for file in chain:
        if names in file.lines.keys:
            return file.name, file.lines.keys[names]
    return chain[0].name, chain[0].lines.line_of(names)


def settings_problems(chain: list[PackFile]) -> tuple[FormatSettings | None, list[Problem]]:
    """Validate the merged chain; return the settings or the problems, each with file and line."""
    merged: dict[str, Any] = {}
    for file in reversed(chain):
        merged = merge(merged, {k: v for k, v in file.data.items() if k != "extends"})
    try:
        return FormatSettings.model_validate(merged), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            place, line = _where(chain, tuple(error["loc"]))
            field = ".".join(str(part) for part in error["loc"])
            message = Message("pack.setting", field=field, message=_message(error))
            problems.append(Problem(place, message, line))
        return None, problems


def load_pack(spec: str | Path | None = None, *, base: Path | None = None) -> FormatPack:
    """Find, read, extend and validate a format pack.

    ``spec`` is a slug (built-in or installed) or a folder; ``None`` is the 'default' pack.
    Raises :class:`FormatPackError` listing every problem with its file and line.
    """
    location = locate(spec, base=base)
    chain = pack_chain(location)
    settings, problems = settings_problems(chain)
    if settings is None:
        raise FormatPackError(problems)
    origin: dict[str, tuple[str, int | None]] = {}
    owner: dict[str, str] = {}
    for file in chain:
        lines = file.lines.wording_lines()
        name = file.name  # resolved once per file, not once per wording key
        for key in file.data.get("wording", {}):
            if key in origin:
                continue
            first = lines.get(key)
            origin[key] = (f"{name}, wording '{key}'", first[1] if first else None)
            owner.setdefault(key, file.location.slug)
    return FormatPack(
        **dict(settings),
        slug=location.slug,
        source=location.source,
        root=location.folder,
        parents=tuple(file.location.folder for file in chain[1:]),
        extends=tuple(file.location.slug for file in chain[1:]),
        wording_origin=origin,
        wording_pack=owner,
    )
