"""Word packages: blank documents prepared once per layout, and saving in one deterministic pass.

python-docx opens its default template from disk and re-reads every part for each new document,
and its ``save`` stamps the current time on every entry, which :func:`normalise_zip` then has to
undo by inflating and deflating the whole package again. Here a prepared blank (page set up,
styles added) is kept in memory per layout as its parts' bytes, each deflated once
(:class:`BlankParts`). A document (:class:`DocumentParts`) parses only its ``document.xml`` (and
the numbering or core properties when it changes them), adds its images, headers and footers as
bytes, writes its relationships and content types as python-docx would, and goes straight into a
:class:`FixedZip` in python-docx's order: the same bytes as python-docx opening the blank, making
the same changes and saving (tests/test_docx_package.py compares them).
"""

from __future__ import annotations

import io
import marshal
import os
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from docx import Document as open_word_document
from docx.image.image import Image as WordImage
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.opc.spec import default_content_types
from docx.oxml import parse_xml

from ..diskcache import cached, file_digest
from .archive import FixedZip, deflate
from .xml_text import attribute_value

_BLANKS: OrderedDict[str, BlankParts] = OrderedDict()
"""Layout key -> its blank's parts."""
_LOCK = threading.Lock()
_MAX_BLANKS = 8
"""Layouts kept; each holds about 0.4 MB (mostly the style sheets) and 20 KB deflated."""
_RECURRING: OrderedDict[bytes, tuple[int, int, list[bytes]]] = OrderedDict()
"""Small entries that recur from document to document (content types, the document's
relationships, headers and footers) -> their CRC-32, size and deflated bytes."""
_MAX_RECURRING, _RECURRING_SIZE = 64, 8 * 1024  # larger entries: archive.deflate keeps them
_CONTENT_TYPES = "[Content_Types].xml"
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"


class _Rel(NamedTuple):
    """A relationship as python-docx writes it: its target's part name when internal."""

    r_id: str
    reltype: str
    target_ref: str
    external: bool
    target: str | None


class _Part(NamedTuple):
    """A part of the blank: its content as python-docx saved it, and its relationships."""

    partname: str
    content_type: str
    content: bytes
    rels: tuple[_Rel, ...]


class BlankParts:
    """A blank document kept as the bytes of its parts (and their deflated form): a document
    made from it writes the bytes of every part it leaves as it was, and only the parts that
    differ from document to document are made (:class:`DocumentParts`)."""

    def __init__(
        self,
        package_rels: tuple[_Rel, ...],
        parts: dict[str, _Part],
        document: str,
        packed: dict[str, tuple[int, int, list[bytes]]],
    ) -> None:
        self.package_rels = package_rels
        self.parts = parts
        self.document = document
        self._packed = packed

    @classmethod
    def from_saved(cls, saved: bytes) -> BlankParts:
        """The parts of the DOCX file ``saved``, read by python-docx."""
        word = open_word_document(io.BytesIO(saved))
        package = word.part.package
        parts: dict[str, _Part] = {}
        for part in package.iter_parts():
            rels = tuple(_rels(part.rels))
            parts[str(part.partname)] = _Part(
                str(part.partname), part.content_type, part.blob, rels
            )
        packed: dict[str, tuple[int, int, list[bytes]]] = {}
        with zipfile.ZipFile(io.BytesIO(saved)) as archive:
            for name in archive.namelist():
                content = archive.read(name)
                if "/" + name in parts:  # the blank's bytes, as they were saved
                    parts["/" + name] = parts["/" + name]._replace(content=content)
                crc, deflated = deflate(content)
                packed[name] = (crc, len(content), [deflated])
        return cls(tuple(_rels(package.rels)), parts, str(word.part.partname), packed)

    def state(self) -> bytes:
        """Everything this blank holds, as ``marshal`` data (plain tuples, strings and bytes),
        for the disk cache: a fresh process reads it instead of building the blank."""
        return marshal.dumps(
            (
                tuple(tuple(rel) for rel in self.package_rels),
                tuple(
                    (*part[:3], tuple(tuple(rel) for rel in part.rels))
                    for part in self.parts.values()
                ),
                self.document,
                tuple((name, *entry[:2], tuple(entry[2])) for name, entry in self._packed.items()),
            )
        )

    @classmethod
    def from_state(cls, data: bytes) -> BlankParts:
        """The blank :meth:`state` gave; ``ValueError`` when ``data`` is not such a state."""
        try:
            package_rels, parts, document, packed = marshal.loads(data)
            blank = cls(
                tuple(_Rel(*rel) for rel in package_rels),
                {
                    name: _Part(name, content_type, content, tuple(_Rel(*rel) for rel in rels))
                    for name, content_type, content, rels in parts
                },
                document,
                {entry[0]: (entry[1], entry[2], list(entry[3])) for entry in packed},
            )
        except (EOFError, TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"not a blank's state: {exc}") from None
        if document not in blank.parts or not all(
            isinstance(part.content, bytes) for part in blank.parts.values()
        ):
            raise ValueError("not a blank's state")
        return blank

    def packed(self, name: str) -> tuple[int, int, list[bytes]]:
        """CRC-32, size and deflated pieces of the blank's entry ``name``."""
        return self._packed[name]


def blank_parts(key: str, build: Callable[[], Any]) -> BlankParts:
    """The parts of the blank that ``build()`` (a python-docx Document) makes for layout ``key``.

    ``build`` runs once per ``key`` (the first time, and again only after the blank was evicted);
    the blank is saved and opened again before its parts are taken, so that every document is
    made from the same bytes and the output does not depend on what was rendered before. A
    fresh process reads the blank from the disk cache (:mod:`rembuk_docs.diskcache`), whose key
    holds ``key``, the source of the modules that make it and python-docx's own blank: building
    it is about 45 ms of a cold render.
    """
    with _LOCK:
        kept = _BLANKS.get(key)
        if kept is not None:
            _BLANKS.move_to_end(key)
            return kept

    def made() -> bytes:
        return BlankParts.from_saved(_stored(build())).state()

    try:
        kept = BlankParts.from_state(cached("docx-blank", (key, *_blank_code_key()), made))
    except ValueError:  # an entry that is not a blank: made again, not trusted
        kept = BlankParts.from_saved(_stored(build()))
    with _LOCK:
        _BLANKS[key] = kept
        while len(_BLANKS) > _MAX_BLANKS:
            _BLANKS.popitem(last=False)
    return kept


@cache
def _blank_code_key() -> tuple[str, ...]:
    """What a blank is made with besides its layout: the source of the modules that make and
    shape it, python-docx's version and default document, lxml's and zlib's versions."""
    import docx
    import lxml.etree  # type: ignore[import-untyped]

    from . import archive, docx_schema, docx_styles, docx_writer

    default = os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")
    modules = (__file__, archive.__file__, docx_schema.__file__, docx_styles.__file__)
    return (
        *(file_digest(path) for path in (*modules, docx_writer.__file__, default)),
        getattr(docx, "__version__", ""),
        ".".join(map(str, lxml.etree.LXML_VERSION)),
        zlib.ZLIB_RUNTIME_VERSION,
    )


def _rels(rels: Any) -> Iterator[_Rel]:
    for rel in rels.values():
        target = None if rel.is_external else str(rel.target_part.partname)
        yield _Rel(rel.rId, rel.reltype, rel.target_ref, rel.is_external, target)


_attribute = lru_cache(maxsize=1024)(attribute_value)
"""An attribute's value escaped as lxml escapes it (part names and relationship types recur in
every document: each is escaped once)."""


def _rels_xml(rels: Iterable[_Rel]) -> bytes:
    """What python-docx's ``_Relationships.xml`` writes for ``rels``."""
    items = [
        f'<Relationship Id="{_attribute(rel.r_id)}" Type="{_attribute(rel.reltype)}" '
        f'Target="{_attribute(rel.target_ref)}"'
        + (' TargetMode="External"/>' if rel.external else "/>")
        for rel in rels
    ]
    if not items:
        return f'{_DECLARATION}<Relationships xmlns="{_PR}"/>'.encode()
    return f'{_DECLARATION}<Relationships xmlns="{_PR}">{"".join(items)}</Relationships>'.encode()


def _content_types_xml(parts: Iterable[tuple[str, str]]) -> bytes:
    """What python-docx's ``_ContentTypesItem`` writes for ``parts`` (part name, content type)."""
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for partname, content_type in parts:
        ext = PackURI(partname).ext
        if (ext.lower(), content_type) in default_content_types:
            defaults[ext.lower()] = content_type
        else:
            overrides[partname] = content_type
    items = [
        f'<Default Extension="{_attribute(ext)}" ContentType="{_attribute(defaults[ext])}"/>'
        for ext in sorted(defaults)
    ]
    items += [
        f'<Override PartName="{_attribute(name)}" ContentType="{_attribute(overrides[name])}"/>'
        for name in sorted(overrides)
    ]
    return f'{_DECLARATION}<Types xmlns="{_CT}">{"".join(items)}</Types>'.encode()


class DocumentParts:
    """One document made from a :class:`BlankParts`: its ``word/document.xml`` (``element``, a
    copy of the blank's), the parts it adds (images, headers, footers) and the blank's parts it
    changes (numbering, core properties); :meth:`save` writes the package as python-docx would
    have saved the blank opened and changed alike."""

    def __init__(self, blank: BlankParts) -> None:
        self._blank = blank
        self.element: Any = parse_xml(blank.parts[blank.document].content)
        self._rels = list(blank.parts[blank.document].rels)
        self._r_ids = {rel.r_id for rel in self._rels}
        self._added: dict[str, _Part] = {}
        self._images: dict[str, tuple[str, WordImage]] = {}  # sha1 -> rId, image
        self._changed: dict[str, Any] = {}  # part name -> its element, changed

    def image(self, data: bytes) -> tuple[str, WordImage]:
        """The rId and image of picture ``data``: an image part of its own, related once
        (python-docx's ``get_or_add_image``: the same picture again is the same part)."""
        image = WordImage.from_blob(data)
        kept = self._images.get(image.sha1)
        if kept is not None:
            return kept
        partname = f"/word/media/image{len(self._images) + 1}.{image.ext}"
        r_id = self.relate(partname, image.content_type, image.blob, RT.IMAGE)
        self._images[image.sha1] = r_id, image
        return r_id, image

    def relate(self, partname: str, content_type: str, content: bytes, reltype: str) -> str:
        """Add part ``partname`` related from the document; return the relationship's rId (the
        first free one, as python-docx numbers them)."""
        r_id = next(
            f"rId{n}" for n in range(1, len(self._rels) + 2) if f"rId{n}" not in self._r_ids
        )
        target_ref = PackURI(partname).relative_ref(PackURI(self._blank.document).baseURI)
        self._rels.append(_Rel(r_id, reltype, target_ref, False, partname))
        self._r_ids.add(r_id)
        self._added[partname] = _Part(partname, content_type, content, ())
        return r_id

    def next_partname(self, template: str) -> str:
        """The first free part name of ``template`` ('/word/header%d.xml'), python-docx's way."""
        taken = self._blank.parts.keys() | self._added.keys()
        return next(template % n for n in range(1, len(taken) + 2) if template % n not in taken)

    def part_element(self, reltype: str) -> Any:
        """The element of the blank's part related from the document by ``reltype`` (the
        numbering, say), parsed once for this document and saved with its changes."""
        partname = next(rel.target for rel in self._rels if rel.reltype == reltype)
        assert partname is not None
        return self._element(partname)

    def core_properties(self) -> CoreProperties:
        """The package's core properties, to be set (python-docx's ``core_properties``)."""
        partname = next(
            r.target for r in self._blank.package_rels if r.reltype == RT.CORE_PROPERTIES
        )
        assert partname is not None
        return CoreProperties(self._element(partname))

    def _element(self, partname: str) -> Any:
        if partname not in self._changed:
            self._changed[partname] = parse_xml(self._blank.parts[partname].content)
        return self._changed[partname]

    def save(
        self, *, transform: Callable[[str, bytes], bytes | Iterable[bytes]] | None = None
    ) -> bytes:
        """The DOCX bytes, as :func:`package_bytes` writes the same document opened by
        python-docx: entries in its order, the blank's unchanged ones as they were."""
        blank = self._blank
        graph = {name: part.rels for name, part in blank.parts.items()}
        graph[blank.document] = tuple(self._rels)
        graph.update((name, part.rels) for name, part in self._added.items())
        order = _walk(blank.package_rels, graph)
        types = [
            (name, (blank.parts.get(name) or self._added[name]).content_type) for name in order
        ]
        archive = FixedZip()
        archive.add_packed(_CONTENT_TYPES, *_recurring(_content_types_xml(types)))
        archive.add_packed("_rels/.rels", *blank.packed("_rels/.rels"))
        for partname in order:
            name = partname[1:]
            if partname == blank.document:
                content = serialize_part_xml(self.element)
                archive.add(name, transform(name, content) if transform else content)
            elif partname in self._changed:
                archive.add(name, serialize_part_xml(self._changed[partname]))
            elif partname in self._added:
                archive.add_packed(name, *_recurring(self._added[partname].content))
            else:
                archive.add_packed(name, *blank.packed(name))
            rels = graph[partname]
            if rels:
                rels_name = PackURI(partname).rels_uri.membername
                if partname == blank.document:
                    archive.add_packed(rels_name, *_recurring(_rels_xml(rels)))
                else:
                    archive.add_packed(rels_name, *blank.packed(rels_name))
        return archive.finish()


def _recurring(content: bytes) -> tuple[int, int, list[bytes]]:
    """CRC-32, size and deflated pieces of ``content``, an entry that may recur: a small one is
    deflated once and kept (:data:`_RECURRING`), a larger one goes to :func:`.archive.deflate`."""
    if len(content) >= _RECURRING_SIZE:
        crc, packed = deflate(content)
        return crc, len(content), [packed]
    with _LOCK:
        kept = _RECURRING.get(content)
        if kept is not None:
            _RECURRING.move_to_end(content)
            return kept
    crc, packed = deflate(content)
    kept = crc, len(content), [packed]
    with _LOCK:
        _RECURRING[content] = kept
        while len(_RECURRING) > _MAX_RECURRING:
            _RECURRING.popitem(last=False)
    return kept


def _walk(roots: Sequence[_Rel], graph: dict[str, tuple[_Rel, ...]]) -> list[str]:
    """The part names in python-docx's ``iter_parts`` order: depth first from the package's
    relationships, each part once."""
    order: list[str] = []
    seen: set[str] = set()

    def walk(rels: Sequence[_Rel]) -> None:
        for rel in rels:
            if rel.target is None or rel.target in seen:
                continue
            seen.add(rel.target)
            order.append(rel.target)
            walk(graph[rel.target])

    walk(roots)
    return order


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
    for part in parts:  # PackageWriter._write_parts
        add(part.partname.membername, part.blob)
        if len(part.rels):
            add(part.partname.rels_uri.membername, part.rels.xml)
