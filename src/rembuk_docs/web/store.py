"""Drafts on disk: one YAML file (the definition, as the CLI reads it) and one JSON file of
settings per draft, in a folder per user. Ids are random; no part of a request becomes a path
without matching the id pattern, and a user's folder is named by a hash of the user's id."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ..output import write_files

_ID = re.compile(r"[A-Za-z0-9_-]{22}")
MAX_DRAFTS = 200  # per user
MAX_PHOTOS = 200  # per draft
MAX_PHOTO_BYTES = 300 * 1024 * 1024  # per draft: the stored photos together
_PHOTO_NAME = re.compile(r"[A-Za-z0-9_-]{22}\.(jpg|png)")

# top-level keys in the order the YAML format documents them
KEY_ORDER = (
    "format_pack",
    "region",
    "organizer",
    "event",
    "prevalence",
    "targets",
    "priority_villages",
    "agreement",
    "signatories",
    "attendees",
    "attendance",
    "invitation",
    "minutes",
    "record",
    "rencana_kegiatan",
    "dokumentasi",
    "village",
    "examples",
)


def new_id() -> str:
    """An opaque id: 22 url-safe characters (128 random bits)."""
    return secrets.token_urlsafe(16)


def valid_id(value: str) -> bool:
    return bool(_ID.fullmatch(value))


def ordered(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with its top-level keys in the documented order (unknown keys last)."""
    rank = {key: position for position, key in enumerate(KEY_ORDER)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))


def dump_yaml(data: dict[str, Any]) -> str:
    """The YAML text of a definition: UTF-8, keys in order, long lines kept whole."""
    return yaml.safe_dump(ordered(data), allow_unicode=True, sort_keys=False, width=1_000_000)


@dataclass
class Draft:
    """One draft: its id, its definition (plain data) and its settings."""

    id: str
    data: dict[str, Any]
    meta: dict[str, Any]

    @property
    def title(self) -> str:
        event = self.data.get("event")
        name = event.get("name") if isinstance(event, dict) else None
        return str(name or self.meta.get("title") or "Draf tanpa judul")

    @property
    def updated(self) -> str:
        return str(self.meta.get("updated", ""))


class DraftError(Exception):
    """A draft that does not exist (or is not this user's), or a limit reached."""


class PhotoLimit(DraftError):
    """A draft's photos are at their limit: ``kind`` 'count' (:data:`MAX_PHOTOS`) or 'bytes'
    (:data:`MAX_PHOTO_BYTES`)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class DraftStore:
    """Drafts under ``root``/users/<hash of the user id>/<draft id>.yaml (+ .json)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        (root / "users").mkdir(parents=True, exist_ok=True)

    def secret(self) -> bytes:
        """The server's signing key, made once and kept in the data folder (mode 0600)."""
        path = self.root / "secret.key"
        with self._lock:
            if not path.exists():
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(handle, "wb") as stream:
                    stream.write(secrets.token_bytes(32))
            return path.read_bytes()

    def _folder(self, user: str) -> Path:
        digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:32]
        return self.root / "users" / digest

    def _paths(self, user: str, draft_id: str) -> tuple[Path, Path]:
        if not valid_id(draft_id):
            raise DraftError(draft_id)
        folder = self._folder(user)
        return folder / f"{draft_id}.yaml", folder / f"{draft_id}.json"

    def create(self, user: str, data: dict[str, Any], meta: dict[str, Any] | None = None) -> Draft:
        folder = self._folder(user)
        folder.mkdir(parents=True, exist_ok=True)
        if len(list(folder.glob("*.yaml"))) >= MAX_DRAFTS:
            raise DraftError("too many drafts")
        now = _now()
        draft = Draft(new_id(), data, {"created": now, "updated": now, **(meta or {})})
        self.save(user, draft)
        return draft

    def save(self, user: str, draft: Draft) -> None:
        definition, settings = self._paths(user, draft.id)
        definition.parent.mkdir(parents=True, exist_ok=True)
        draft.meta["updated"] = _now()
        with self._lock:
            write_files(  # both files or neither, each renamed into place
                definition.parent,
                [
                    (definition.name, dump_yaml(draft.data).encode("utf-8")),
                    (settings.name, json.dumps(draft.meta, ensure_ascii=False).encode("utf-8")),
                ],
            )

    def load(self, user: str, draft_id: str) -> Draft:
        definition, settings = self._paths(user, draft_id)
        try:
            text = definition.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DraftError(draft_id) from None
        data = yaml.safe_load(text) or {}
        try:
            meta = json.loads(settings.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            meta = {}
        return Draft(draft_id, data if isinstance(data, dict) else {}, meta)

    def yaml_text(self, user: str, draft_id: str) -> str:
        definition, _ = self._paths(user, draft_id)
        try:
            return definition.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DraftError(draft_id) from None

    def photo_folder(self, user: str, draft_id: str) -> Path:
        """The folder of a draft's uploaded photos (it may not exist yet)."""
        definition, _ = self._paths(user, draft_id)
        return definition.parent / f"{draft_id}-foto"

    def add_photo(self, user: str, draft_id: str, data: bytes, suffix: str) -> str:
        """Keep an uploaded photo under a random name; return its path in the definition
        ('foto/<id>.jpg')."""
        if suffix not in ("jpg", "png"):
            raise DraftError(suffix)
        folder = self.photo_folder(user, draft_id)
        folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            stored = [path.stat().st_size for path in folder.iterdir() if path.is_file()]
        if len(stored) >= MAX_PHOTOS:
            raise PhotoLimit("count")
        if sum(stored) + len(data) > MAX_PHOTO_BYTES:
            raise PhotoLimit("bytes")
        name = f"{new_id()}.{suffix}"
        write_files(folder, [(name, data)])
        return f"foto/{name}"

    def photo(self, user: str, draft_id: str, name: str) -> Path:
        """The stored photo ``name`` ('<id>.jpg') of a draft; DraftError when there is none."""
        if not _PHOTO_NAME.fullmatch(name):
            raise DraftError(name)
        path = self.photo_folder(user, draft_id) / name
        if not path.is_file():
            raise DraftError(name)
        return path

    def delete(self, user: str, draft_id: str) -> None:
        for path in self._paths(user, draft_id):
            path.unlink(missing_ok=True)
        photos = self.photo_folder(user, draft_id)
        if photos.is_dir():
            for photo in photos.iterdir():
                photo.unlink(missing_ok=True)
            photos.rmdir()

    def drafts(self, user: str) -> list[Draft]:
        """The user's drafts, the most recently changed first."""
        folder = self._folder(user)
        found = []
        for path in folder.glob("*.yaml"):
            if valid_id(path.stem):
                try:
                    found.append(self.load(user, path.stem))
                except (DraftError, yaml.YAMLError):
                    continue
        return sorted(found, key=lambda d: d.updated, reverse=True)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
