"""The batch template: what every desa of a batch shares, with {{ placeholders }} for each desa's values."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SyntaxProblemError, TemplateError, parse_path
from ..loading import _node_at, parse_yaml
from ..messages import Message

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
VARIABLES = {
    "desa": "the desa's name, e.g. Oelnasi",
    "kecamatan": "its kecamatan, e.g. Kupang Tengah",
    "kabupaten": "its kabupaten, e.g. Kabupaten Kupang",
    "kepala_desa": "the kepala desa's name",
    "tahun": "the year of the rembuk",
    "tahun_anggaran": "the fiscal year of the pagu and the RKP Desa",
}
"""Placeholders a template may use in any text, e.g. 'Rembuk Stunting Desa {{ desa }}'."""

LEVELS = ("desa",)
ROW_OWNED = (
    "region.name",
    "region.kecamatan",
    "region.kind",
    "village.kepala_desa",
    "village.pagu_dana_desa",  # a required column: a template value would never be used
)
"""Paths that only the sheet may set: a template holding them would give every desa the same."""


@dataclass(frozen=True)
class Template:
    """A parsed template: its data without the ``batch`` key, its YAML tree, and a fingerprint."""

    path: Path
    data: dict[str, Any]
    root: yaml.Node | None
    digest: str

    @property
    def base(self) -> Path:
        """The folder that relative file names in the template are resolved against."""
        return self.path.parent

    def line(self, location: str) -> int | None:
        """The template line of a field path (or of its nearest ancestor that the file has)."""
        node = _node_at(self.root, parse_path(location))
        return node.start_mark.line + 1 if node is not None else None


def is_template(data: Any) -> bool:
    """Whether parsed YAML is a batch template (it has a top-level ``batch`` section)."""
    return isinstance(data, dict) and "batch" in data


def load_template(path: str | Path) -> Template:
    """Read a batch template; raise :class:`TemplateError` listing every problem with its line.

    The file is a definition without the desa's own values, plus ``batch: {level: desa}``.
    Texts may hold ``{{ desa }}`` and the other :data:`VARIABLES`.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise SyntaxProblemError([Problem(str(file), Message("file.not_found"))]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SyntaxProblemError(
            [Problem(str(file), Message("file.not_utf8", byte=exc.start))]
        ) from None
    data, root = parse_yaml(text, source=str(file))
    template = Template(file, {}, root, hashlib.sha256(raw).hexdigest())
    problems: list[Problem] = []
    if not is_template(data):
        problems.append(
            Problem(
                "batch",
                Message("batch.template.needs_section"),
                1,
            )
        )
        raise TemplateError(problems, source=str(file))
    assert isinstance(data, dict)
    settings = data.pop("batch")
    level = settings.get("level") if isinstance(settings, dict) else None
    if level not in LEVELS or (isinstance(settings, dict) and set(settings) - {"level"}):
        problems.append(
            Problem(
                "batch",
                Message("batch.template.level", levels=", ".join(LEVELS)),
                template.line("batch"),
            )
        )
    for location in ROW_OWNED:
        if _has(data, location):
            problems.append(
                Problem(
                    location,
                    Message("batch.template.row_owned"),
                    template.line(location),
                )
            )
    for location, name in placeholders(data):
        if name is None:
            problems.append(
                Problem(
                    location,
                    Message("batch.template.plain_placeholder", known=", ".join(VARIABLES)),
                    template.line(location),
                )
            )
        elif name not in VARIABLES:
            problems.append(
                Problem(
                    location,
                    Message(
                        "batch.template.unknown_placeholder", name=name, known=", ".join(VARIABLES)
                    ),
                    template.line(location),
                )
            )
    if problems:
        raise TemplateError(problems, source=str(file))
    return Template(file, data, root, template.digest)


def _has(data: dict[str, Any], location: str) -> bool:
    node: Any = data
    for part in location.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def placeholders(data: Any, location: str = "") -> list[tuple[str, str | None]]:
    """Every placeholder in the texts of ``data``: (field path, variable name); the name is
    ``None`` for template syntax that is not a plain placeholder ('{{ desa | upper }}', '{%')."""
    found: list[tuple[str, str | None]] = []
    if isinstance(data, str):
        found.extend((location, match.group(1)) for match in PLACEHOLDER.finditer(data))
        rest = PLACEHOLDER.sub("", data)
        if "{{" in rest or "{%" in rest:
            found.append((location, None))
    elif isinstance(data, dict):
        for key, value in data.items():
            found.extend(placeholders(value, f"{location}.{key}" if location else str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(placeholders(value, f"{location}[{index}]"))
    return found


def fill(data: Any, values: dict[str, str]) -> Any:
    """A copy of ``data`` with every known placeholder replaced; unknown ones stay as written."""
    if isinstance(data, str):
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), data)
    if isinstance(data, dict):
        return {key: fill(value, values) for key, value in data.items()}
    if isinstance(data, list):
        return [fill(value, values) for value in data]
    return data
