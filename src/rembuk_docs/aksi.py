"""The aksi konvergensi as data: which actions a document cites, by the event's year.

The lists live in ``aksi.toml`` of the format pack chain (the default pack's,
``templates/default/aksi.toml``: the eight aksi of 2018–2024 and the 2025 list of SE Mendagri
400.5.7/1685/Bangda). No aksi name is written in the code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import FormatPackError, Problem, toml_failure
from .formats.pack import FormatPack
from .messages import Message
from .model import RegionKind, Rembuk

FILE = "aksi.toml"


@dataclass(frozen=True)
class Action:
    """One aksi: its number, its name (may hold {kepala_daerah} and {desa}) and its group."""

    number: int
    name: str
    group: str = ""


@dataclass(frozen=True)
class Framework:
    """The aksi of a span of years and how a document cites one."""

    first: int
    last: int | None
    basis: str
    confirmed: bool
    label: str
    actions: tuple[Action, ...]

    def covers(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)

    def action(self, number: int) -> Action | None:
        return next((a for a in self.actions if a.number == number), None)


def _refuse(path: Path, where: str, message: Message) -> FormatPackError:
    return FormatPackError([Problem(f"{path}: {where}" if where else str(path), message)])


@lru_cache(maxsize=16)
def read(path: Path) -> tuple[Framework, ...]:
    """The frameworks of the file at ``path``, checked (years, numbers, names)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _refuse(path, "", Message("aksi.invalid", reason=toml_failure(exc))) from None
    entries = data.get("framework")
    if not isinstance(entries, list) or not entries:
        raise _refuse(path, "", Message("aksi.no_framework"))
    found: list[Framework] = []
    for index, entry in enumerate(entries):
        where = f"framework[{index}]"
        first, last = entry.get("from"), entry.get("until")
        if not isinstance(first, int) or (
            last is not None and (not isinstance(last, int) or last < first)
        ):
            raise _refuse(path, where, Message("aksi.years"))
        actions: list[Action] = []
        for position, item in enumerate(entry.get("actions") or []):
            number, name = (
                item.get("number") if isinstance(item, dict) else None,
                (item.get("name") if isinstance(item, dict) else None),
            )
            if not isinstance(number, int) or not isinstance(name, str) or not name.strip():
                raise _refuse(path, f"{where}.actions[{position}]", Message("aksi.action"))
            actions.append(Action(number, name.strip(), str(item.get("group") or "")))
        if not actions:
            raise _refuse(path, f"{where}.actions", Message("aksi.action"))
        found.append(
            Framework(
                first,
                last,
                str(entry.get("basis") or ""),
                bool(entry.get("confirmed", False)),
                str(entry.get("label") or "Aksi {nomor}: {nama}"),
                tuple(actions),
            )
        )
    return tuple(found)


def framework(pack: FormatPack, year: int) -> Framework | None:
    """The aksi list for ``year`` from the pack chain's aksi.toml, or ``None`` if none covers it."""
    path = pack.find_file(FILE)
    if path is None:
        return None
    return next((f for f in read(path.resolve()) if f.covers(year)), None)


def action_label(rembuk: Rembuk, pack: FormatPack, number: int) -> str | None:
    """Aksi ``number`` as the documents of ``rembuk``'s year cite it (the list's label with the
    name, its {kepala_daerah} and {desa} filled in), or ``None`` when that list has no such aksi."""
    chosen = framework(pack, rembuk.event.date.year)
    found = chosen.action(number) if chosen is not None else None
    if chosen is None or found is None:
        return None
    region = rembuk.region
    village = "Kelurahan" if region.kind is RegionKind.KOTA else pack.say("istilah.desa").strip()
    name = found.name.replace("{kepala_daerah}", region.head_title).replace(
        "{desa}", village[:1].upper() + village[1:]
    )
    return (
        chosen.label.replace("{nomor}", str(found.number))
        .replace("{nama}", name)
        .replace("{kelompok}", found.group)
    )
