"""Word packages: blank documents prepared once per layout, and saving in one deterministic pass.

python-docx opens its default template from disk and re-reads every part for each new document,
and its ``save`` stamps the current time on every entry, which :func:`normalise_zip` then has to
undo by inflating and deflating the whole package again. Here a prepared blank (page set up,
styles added) is kept in memory per layout, uncompressed, and a document is written once, straight
into a :class:`FixedZip`.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from docx import Document as open_word_document
from docx.opc.pkgwriter import PackageWriter

from .archive import FixedZip

_BLANKS: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()
"""Layout key -> its blank saved, and the blank to open (see :func:`_light`)."""
_FROZEN_PARTS = frozenset(
    {"word/styles.xml", "word/settings.xml", "word/theme/theme1.xml", "word/fontTable.xml",
     "word/webSettings.xml"}
)  # fmt: skip
"""Parts the writer never changes after the blank is made: written as the blank's bytes instead
of being serialised again for every document (the style sheets are most of a DOCX)."""
_FROZEN: dict[str, dict[str, bytes]] = {}  # layout key -> its blank's frozen parts' bytes
_LOCK = threading.Lock()
_MAX_BLANKS = 8  # layouts kept; each is about 0.8 MB (mostly the template's style sheets)
_STYLES = "word/styles.xml"
_NO_STYLES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)
"""What the blank a document is opened from holds for its style sheet: the writer reads no style
after the blank is made, and the blank's own style sheet is what is saved (``_FROZEN_PARTS``),
so the 350 KB of styles are not parsed again for each document."""


def blank_document(key: str, build: Callable[[], Any]) -> Any:
    """A new python-docx Document, a copy of the blank that ``build()`` makes for layout ``key``.

    ``build`` runs once per ``key`` (the first time, and again only after the blank was evicted);
    every document, the first included, is opened from the blank's saved bytes, so that each is
    made the same way and the output does not depend on what was rendered before.
    """
    with _LOCK:
        kept = _BLANKS.get(key)
        if kept is not None:
            _BLANKS.move_to_end(key)
    if kept is None:
        saved = _stored(build())
        kept = saved, _light(saved)
        with _LOCK:
            _BLANKS[key] = kept
            while len(_BLANKS) > _MAX_BLANKS:
                _BLANKS.popitem(last=False)
    blank, light = kept
    word = open_word_document(io.BytesIO(light))
    with _LOCK:
        frozen = _FROZEN.get(key)
    if frozen is None or frozen.get("") is not blank:
        with zipfile.ZipFile(io.BytesIO(blank)) as archive:
            names = set(archive.namelist())
            frozen = {name: archive.read(name) for name in _FROZEN_PARTS & names}
        frozen[""] = blank  # which blank these bytes come from
        with _LOCK:
            _FROZEN[key] = frozen
            for stale in set(_FROZEN) - set(_BLANKS):
                del _FROZEN[stale]
    word.part.package._rembuk_frozen = frozen
    return word


def _light(blank: bytes) -> bytes:
    """``blank`` with an empty style sheet (:data:`_NO_STYLES`), stored uncompressed."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blank)) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            content = _NO_STYLES if info.filename == _STYLES else source.read(info)
            target.writestr(info, content)
    return buffer.getvalue()


def package_bytes(
    word: Any, *, transform: Callable[[str, bytes], bytes | Iterable[bytes]] | None = None
) -> bytes:
    """The DOCX bytes of python-docx Document ``word``: every entry dated 1980-01-01, in
    python-docx's order ('[Content_Types].xml' first). ``transform(name, content)``, when given,
    returns the content to store for each entry (bytes, or its pieces in order)."""
    archive = FixedZip()
    if transform is None:
        _write(word, archive.add)
    else:
        _write(word, lambda name, content: archive.add(name, transform(name, content)))
    return archive.finish()


def _stored(word: Any) -> bytes:
    """``word`` saved uncompressed: re-opening it then costs no inflating."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as target:
        _write(word, target.writestr)
    return buffer.getvalue()


class _Sink:
    """The physical-writer interface python-docx's PackageWriter writes to."""

    def __init__(self, add: Callable[[str, bytes], object]) -> None:
        self._add = add

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._add(pack_uri.membername, blob)


def _write(word: Any, add: Callable[[str, bytes], object]) -> None:
    """What ``OpcPackage.save`` writes, in its order, handed to ``add(name, content)``."""
    package = word.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    sink = _Sink(add)
    # PackageWriter.write would open its own zip; its three steps take any writer with .write()
    steps: Any = PackageWriter
    steps._write_content_types_stream(sink, parts)
    steps._write_pkg_rels(sink, package.rels)
    frozen: dict[str, bytes] = getattr(package, "_rembuk_frozen", {})
    for part in parts:  # PackageWriter._write_parts, with the blank's unchanged parts as they were
        name = part.partname.membername
        add(name, frozen[name] if name in frozen else part.blob)  # noqa: SIM401 (blob serialises)
        if len(part.rels):
            add(part.partname.rels_uri.membername, part.rels.xml)
