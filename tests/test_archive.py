"""The zip writer of DOCX files: zipfile's own bytes, fixed dates, and a bounded cache of deflated entries."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from rembuk_docs.writers import archive
from rembuk_docs.writers.archive import FIXED_ZIP_TIME, FixedZip, deflate, normalise_zip

ENTRIES = [
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
    (
        "word/document.xml",
        b"<w:document>" + b"<w:p>Rembuk Stunting</w:p>" * 2000 + b"</w:document>",
    ),
    ("word/empty.xml", b""),
    ("word/media/gambar-ÿ.png", os.urandom(3000)),  # a non-ASCII name, incompressible content
    ("word/styles.xml", b"<w:styles>" + b"<w:style/>" * 50_000 + b"</w:styles>"),
]


def _with_zipfile(entries: list[tuple[str, bytes]]) -> bytes:
    """The same entries written by the standard library, as the writer used to."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, content)
    return buffer.getvalue()


def _with_fixed_zip(entries: list[tuple[str, bytes]]) -> bytes:
    target = FixedZip()
    for name, content in entries:
        target.add(name, content)
    return target.finish()


def test_the_bytes_are_those_zipfile_writes() -> None:
    assert _with_fixed_zip(ENTRIES) == _with_zipfile(ENTRIES)


@pytest.mark.parametrize("cut", [3, 4096, 100_000])
def test_an_entry_given_in_pieces_is_the_entry_given_whole(cut: int) -> None:
    rows = b"".join(b"<w:tr><w:t>Peserta %d</w:t></w:tr>" % n for n in range(20_000))
    whole = FixedZip()
    whole.add("word/document.xml", rows)
    pieces = FixedZip()
    pieces.add("word/document.xml", (rows[i : i + cut] for i in range(0, len(rows), cut)))
    data = pieces.finish()
    assert data == whole.finish()
    assert zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml") == rows


def test_a_recurring_entry_gives_the_same_bytes_from_the_cache() -> None:
    first = _with_fixed_zip(ENTRIES)
    assert _with_fixed_zip(ENTRIES) == first  # second time: styles.xml's deflate comes cached


def test_the_archive_reads_back_with_every_entry_checked() -> None:
    data = _with_fixed_zip(ENTRIES)
    source = zipfile.ZipFile(io.BytesIO(data))
    assert source.testzip() is None
    assert [info.filename for info in source.infolist()] == [name for name, _ in ENTRIES]
    assert all(info.date_time == FIXED_ZIP_TIME for info in source.infolist())
    assert {name: source.read(name) for name in source.namelist()} == dict(ENTRIES)


def test_normalise_zip_puts_content_types_first_and_fixes_dates() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as source:
        source.writestr("word/document.xml", b"<w:document/>")
        source.writestr("[Content_Types].xml", b"<Types/>")
    data = normalise_zip(buffer.getvalue())
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [info.filename for info in infos] == ["[Content_Types].xml", "word/document.xml"]
    assert {info.date_time for info in infos} == {FIXED_ZIP_TIME}


def test_the_cache_of_deflated_entries_stays_within_its_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "_deflated_cache", type(archive._deflated_cache)())
    monkeypatch.setattr(archive, "_cached_bytes", 0)
    size = 512 * 1024
    for number in range(3 * archive._CACHE_BUDGET // size):
        deflate(bytes([number % 256]) * size + str(number).encode())
    assert archive._cached_bytes <= archive._CACHE_BUDGET
    assert sum(len(content) for content in archive._deflated_cache) == archive._cached_bytes
    repeated = b"<w:style/>" * 2000
    assert deflate(repeated) is deflate(repeated)


def test_small_and_huge_entries_are_not_kept() -> None:
    small, huge = b"x" * 100, os.urandom(archive._CACHE_MAX + 1)
    deflate(small)
    deflate(huge)
    assert small not in archive._deflated_cache and huge not in archive._deflated_cache
