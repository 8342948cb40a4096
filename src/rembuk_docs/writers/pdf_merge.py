"""Merging PDF files without a PDF library: each file's objects, renumbered, under one page tree.

It reads the plain form of a PDF, the one reportlab and LibreOffice write: one classic
cross-reference table, no object or cross-reference streams, no encryption, no incremental
update. Each file keeps its own
page tree, fonts and images: its root ``/Pages`` node becomes a kid of the merged file's root,
so what a page inherits (resources, media box) stays as it was, and the page content streams are
copied byte for byte, never decoded. Only the objects the pages reach are kept (a file's
catalog and document information are not). Another PDF (LibreOffice's, say) is first rewritten
into that form by pypdf (:func:`plain`), imported only then.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from itertools import pairwise

_DELIMITER = rb"\s()<>\[\]{}/%"
_WHITESPACE = frozenset(b" \t\r\n\f\0")
_ENDS = frozenset({b"", *(bytes([c]) for c in b" \t\r\n\f\0()<>[]{}/%")})
"""What may follow a reference's R: a delimiter or nothing."""
_BEFORE_KEYWORD = _WHITESPACE | frozenset(b"()<>[]{}")
_R, _OPEN = ord("R"), ord("(")
_SPECIAL = re.compile(rb"[R(%]")
"""What a scan for references stops at: the R of one, a literal string or a comment (a
search for whole references would try every digit of a font's /Widths)."""
_NUMBERS = re.compile(rb"(?<![^\s()<>\[\]{}%])(\d+)\s+(\d+)\s+\Z")
"""The object number and generation before a reference's R (not after a '/': a name)."""
_LINE_END = re.compile(rb"[\r\n]")
_PAREN = re.compile(rb"[()\\]")
_HEADER = re.compile(rb"%PDF-(\d\.\d)")
_OBJECT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*(?:\r\n|\r|\n)")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
_TRAILER = re.compile(rb"\s*trailer\s*")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")
_PAGES = re.compile(rb"/Pages\s+(\d+)\s+(\d+)\s+R")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_COUNT = re.compile(rb"/Count\s+(\d+)")
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")
_PAGES_NODE = re.compile(rb"/Type\s*/Pages(?![^" + _DELIMITER + rb"])")
_UNSUPPORTED = re.compile(rb"/(?:Prev|Encrypt|XRefStm)(?![^" + _DELIMITER + rb"])")

Key = tuple[int, int]
"""An object's number and generation in the file it comes from."""


class NotPlainPdfError(ValueError):
    """The PDF is not in the plain form :class:`PdfMerger` reads; :func:`plain` rewrites it."""


@dataclass(frozen=True, slots=True)
class _Object:
    """One object of a file: the text before its first reference, then each reference and the
    text after it (``pieces`` has one item more than ``references``), and its stream as is."""

    pieces: tuple[bytes, ...]
    references: tuple[Key, ...]
    stream: bytes


class _File:
    """The objects of one plain PDF, found through its cross-reference table, read on demand."""

    def __init__(self, data: bytes) -> None:
        header = _HEADER.match(data)
        tail = _STARTXREF.search(data, max(0, len(data) - 64))
        if header is None or tail is None:
            raise NotPlainPdfError("no PDF header or no startxref")
        self.data = data
        self.version = header.group(1)
        xref = int(tail.group(1))
        if not data.startswith(b"xref", xref):
            raise NotPlainPdfError("no classic cross-reference table")
        self.offsets, self.root = _table(data, xref + 4)
        ends = sorted([*self.offsets.values(), xref])
        self.ends = dict(pairwise(ends))
        self._objects: dict[Key, _Object] = {}

    def object(self, key: Key) -> _Object:
        """The object ``key``, split at its references."""
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = self._read(key)
        return found

    def head(self, key: Key) -> bytes:
        """The text of the object ``key`` before its stream, its references as written."""
        item = self.object(key)
        text = [item.pieces[0]]
        for (number, generation), piece in zip(item.references, item.pieces[1:], strict=True):
            text.append(b"%d %d R%s" % (number, generation, piece))
        return b"".join(text)

    def _read(self, key: Key) -> _Object:
        offset = self.offsets.get(key)
        if offset is None:
            raise NotPlainPdfError(f"object {key[0]} {key[1]} is not in the table")
        data = self.data
        header = _OBJECT.match(data, offset)
        if header is None or (int(header.group(1)), int(header.group(2))) != key:
            raise NotPlainPdfError(f"object {key[0]} {key[1]} is not where the table says")
        endobj = data.rfind(b"endobj", header.end(), self.ends[offset])
        if endobj < 0:
            raise NotPlainPdfError(f"object {key[0]} {key[1]} has no endobj")
        pieces: list[bytes] = []
        references: list[Key] = []
        start = position = header.end()
        end = _dictionary_end(data, position, endobj)
        while (found := _SPECIAL.search(data, position, end)) is not None:
            at, position = found.start(), found.end()
            character = data[at]
            if character == _R:
                if data[at - 1] not in _WHITESPACE or data[position : position + 1] not in _ENDS:
                    continue  # part of a name or a keyword
                numbers = _NUMBERS.search(data, max(start, at - 40), at)
                if numbers is None:
                    raise NotPlainPdfError(f"object {key[0]} {key[1]}: an R without its numbers")
                pieces.append(data[start : numbers.start()])
                references.append((int(numbers.group(1)), int(numbers.group(2))))
                start = position
                continue
            if character == _OPEN:
                position = _string_end(data, position, endobj)
            else:  # a comment
                line = _LINE_END.search(data, position, endobj)
                position = endobj if line is None else line.start()
            if position > end:  # the 'stream' found was inside the string or comment
                end = _dictionary_end(data, position, endobj)
        pieces.append(data[start:end])
        return _Object(tuple(pieces), tuple(references), data[end:endobj])


def _dictionary_end(data: bytes, position: int, endobj: int) -> int:
    """Where the first 'stream' keyword from ``position`` stands (``endobj`` if none)."""
    while (found := data.find(b"stream", position, endobj)) >= 0:
        after = data[found + 6 : found + 8]
        if data[found - 1] in _BEFORE_KEYWORD and (after == b"\r\n" or after[:1] == b"\n"):
            return found
        position = found + 6
    return endobj


def _table(data: bytes, position: int) -> tuple[dict[Key, int], Key]:
    """The offsets of the objects in use from the cross-reference table at ``position`` (after
    its keyword), and the catalog's key from the trailer after it."""
    offsets: dict[Key, int] = {}
    while (section := _SUBSECTION.match(data, position)) is not None:
        first, count = int(section.group(1)), int(section.group(2))
        position = section.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(data, position)
            if entry is None:
                raise NotPlainPdfError("a malformed cross-reference entry")
            position = entry.end()
            if entry.group(3) == b"n":
                offsets[(number, int(entry.group(2)))] = int(entry.group(1))
    trailer = _TRAILER.match(data, position)
    if trailer is None:
        raise NotPlainPdfError("no trailer after the cross-reference table")
    dictionary = data[trailer.end() : data.rfind(b"startxref")]
    if _UNSUPPORTED.search(dictionary):
        raise NotPlainPdfError("an incremental update, an encryption or a hybrid file")
    return offsets, _reference(_ROOT, dictionary, "/Root in the trailer")


def _string_end(data: bytes, position: int, end: int) -> int:
    """The position after the literal string whose opening parenthesis ends at ``position``."""
    depth = 1
    while depth:
        found = _PAREN.search(data, position, end)
        if found is None:
            raise NotPlainPdfError("an unterminated string")
        position = found.end()
        character = found.group()
        if character == b"\\":
            position += 1
        else:
            depth += 1 if character == b"(" else -1
    return position


class PdfMerger:
    """Builds one PDF from the pages of several: :meth:`append` each file, :meth:`add` the
    merged file's own objects (outline, information), then :meth:`write`.

    Object 1 is the catalog :meth:`write` is given and object 2 the root of the page tree.
    """

    CATALOG = 1
    PAGES = 2

    def __init__(self) -> None:
        self.pages: list[int] = []
        """The object number of every page, in order."""
        self._objects: list[bytes] = []  # the text of objects 3, 4, ...
        self._kids: list[int] = []
        self._version = b"1.4"

    @property
    def _next(self) -> int:
        return len(self._objects) + 3

    def append(self, data: bytes) -> int:
        """Add the pages of ``data`` (a PDF) after those already added; returns the index of its
        first page. Raises :class:`NotPlainPdfError` when ``data`` is not in the plain form."""
        file = _File(data)
        pages_key = _reference(_PAGES, file.head(file.root), "/Pages in the catalog")
        order = _reachable(file, pages_key)
        numbers = {key: self._next + index for index, key in enumerate(order)}
        leaves = _leaves(file, pages_key)
        count = _COUNT.search(file.head(pages_key))
        if count is None or int(count.group(1)) != len(leaves):
            raise NotPlainPdfError("the page tree's /Count is not its number of pages")
        first = len(self.pages)
        for key in order:
            item = file.object(key)
            text = [b"%d 0 obj" % numbers[key]]
            if key == pages_key:  # the file's page tree hangs under the merged root
                dictionary = item.pieces[0].lstrip()
                if not dictionary.startswith(b"<<"):
                    raise NotPlainPdfError("the page tree's root is not a dictionary")
                text.append(b" <</Parent %d 0 R " % self.PAGES + dictionary[2:])
            else:
                text.append(item.pieces[0])
            for reference, piece in zip(item.references, item.pieces[1:], strict=True):
                text.append(b"%d 0 R" % numbers[reference])
                text.append(piece)
            text.append(item.stream)
            text.append(b"endobj\n")
            self._objects.append(b"".join(text))
        self.pages.extend(numbers[leaf] for leaf in leaves)
        self._kids.append(numbers[pages_key])
        self._version = max(self._version, file.version)
        return first

    def add(self, body: bytes) -> int:
        """Add an object (its text between ``obj`` and ``endobj``); returns its number."""
        number = self._next
        self._objects.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        return number

    def reserve(self) -> int:
        """A number for an object given later with :meth:`fill` (for objects that refer to
        each other, such as outline items)."""
        return self.add(b"null")

    def fill(self, number: int, body: bytes) -> None:
        """Give the object ``number`` (from :meth:`reserve`) its text."""
        self._objects[number - 3] = b"%d 0 obj\n%s\nendobj\n" % (number, body)

    def write(self, catalog: bytes, *, info: int | None, identifier: bytes) -> bytes:
        """The merged file: ``catalog`` is the text of the catalog dictionary's entries other
        than /Type and /Pages, ``info`` the number of the document information (or ``None``),
        ``identifier`` the 16 bytes of both halves of the trailer /ID."""
        kids = b" ".join(b"%d 0 R" % kid for kid in self._kids)
        objects = [
            b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R %s >>\nendobj\n" % catalog,
            b"2 0 obj\n<< /Type /Pages /Count %d /Kids [ %s ] >>\nendobj\n"
            % (len(self.pages), kids),
            *self._objects,
        ]
        out = io.BytesIO()
        out.write(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % self._version)
        offsets = []
        for text in objects:
            offsets.append(out.tell())
            out.write(text)
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        hexadecimal = identifier.hex().encode("ascii")
        out.write(
            b"trailer\n<< /Size %d /Root 1 0 R%s /ID [ <%s> <%s> ] >>\nstartxref\n%d\n%%%%EOF\n"
            % (
                len(objects) + 1,
                b"" if info is None else b" /Info %d 0 R" % info,
                hexadecimal,
                hexadecimal,
                xref,
            )
        )
        return out.getvalue()


def _reference(pattern: re.Pattern[bytes], text: bytes, what: str) -> Key:
    found = pattern.search(text)
    if found is None:
        raise NotPlainPdfError(f"no {what}")
    return (int(found.group(1)), int(found.group(2)))


def _reachable(file: _File, start: Key) -> list[Key]:
    """The objects reachable from ``start``, in the file's order (by number)."""
    seen = {start}
    todo = [start]
    while todo:
        for reference in file.object(todo.pop()).references:
            if reference not in seen:
                seen.add(reference)
                todo.append(reference)
    return sorted(seen)


def _leaves(file: _File, node: Key, seen: set[Key] | None = None) -> list[Key]:
    """The pages under the page tree node ``node``, in order."""
    seen = set() if seen is None else seen
    if node in seen:
        raise NotPlainPdfError("a page tree with a cycle")
    seen.add(node)
    head = file.head(node)
    if not _PAGES_NODE.search(head):
        return [node]
    kids = _KIDS.search(head)
    if kids is None:
        raise NotPlainPdfError("a page tree node without /Kids")
    leaves: list[Key] = []
    for kid in _REFERENCE.finditer(kids.group(1)):
        leaves.extend(_leaves(file, (int(kid.group(1)), int(kid.group(2))), seen))
    return leaves


def plain(data: bytes) -> bytes:
    """``data`` (any PDF pypdf reads) rewritten by pypdf in the plain form (its pages, resources
    and document catalog as they were)."""
    from pypdf import PdfReader, PdfWriter

    buffer = io.BytesIO()
    PdfWriter(clone_from=PdfReader(io.BytesIO(data))).write(buffer)
    return buffer.getvalue()


def text_string(text: str) -> bytes:
    """``text`` as a PDF text string: a literal string for printable ASCII, else UTF-16BE with
    its byte order mark, in hexadecimal."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<feff" + text.encode("utf-16-be").hex().encode("ascii") + b">"
