"""The per-user cache on disk (issue 19, cold start): a hit gives the value made before, a
changed key is a miss, and an entry that is not whole is ignored and written again."""

from __future__ import annotations

import hashlib
import io
import marshal
from pathlib import Path

import pytest

from rembuk_docs import diskcache
from rembuk_docs.formats import emblem


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(diskcache.ENV_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Maker:
    """A value maker that counts its calls."""

    def __init__(self, value: bytes) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.value


def _entries(folder: Path, kind: str) -> list[Path]:
    return sorted(path for path in (folder / kind).iterdir() if not path.name.startswith("."))


def test_a_value_is_made_once_and_then_read(folder: Path) -> None:
    make = Maker(b"\x00value\xff" * 100)
    assert diskcache.cached("test", ("a", b"\x01"), make) == make.value
    assert diskcache.cached("test", ("a", b"\x01"), make) == make.value
    assert make.calls == 1
    (entry,) = _entries(folder, "test")
    assert entry.read_bytes().endswith(make.value)


def test_every_key_part_counts(folder: Path) -> None:
    first, second, third = Maker(b"1"), Maker(b"2"), Maker(b"3")
    assert diskcache.cached("test", ("ab", "c"), first) == b"1"
    assert diskcache.cached("test", ("a", "bc"), second) == b"2"  # parts are not just joined
    assert diskcache.cached("other", ("ab", "c"), third) == b"3"
    assert (first.calls, second.calls, third.calls) == (1, 1, 1)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[:-1],  # torn
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # a value byte changed
        lambda data: b"",
        lambda data: b"not a cache entry" + data,
    ],
)
def test_an_entry_that_is_not_whole_is_made_again_and_rewritten(
    folder: Path, spoil: object
) -> None:
    make = Maker(b"the value " * 50)
    diskcache.cached("test", ("k",), make)
    (entry,) = _entries(folder, "test")
    good = entry.read_bytes()
    entry.write_bytes(spoil(good))  # type: ignore[operator]
    assert diskcache.cached("test", ("k",), make) == make.value
    assert make.calls == 2
    assert entry.read_bytes() == good
    assert diskcache.cached("test", ("k",), make) == make.value
    assert make.calls == 2


@pytest.mark.parametrize("off", ["off", "0", ""])
def test_the_cache_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, off: str
) -> None:
    monkeypatch.setenv(diskcache.ENV_VARIABLE, off)
    monkeypatch.chdir(tmp_path)
    make = Maker(b"v")
    assert diskcache.cached("test", ("k",), make) == b"v"
    assert diskcache.cached("test", ("k",), make) == b"v"
    assert make.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.ENV_VARIABLE, str(blocker / "cache"))
    make = Maker(b"v")
    assert diskcache.cached("test", ("k",), make) == b"v"
    assert diskcache.cached("test", ("k",), make) == b"v"
    assert make.calls == 2
    assert blocker.read_text() == "not a folder"


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(diskcache.ENV_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(diskcache.sys, "platform", "linux")
    assert diskcache.cache_folder() == tmp_path / "rembuk-docs"


def test_the_placeholder_emblem_comes_from_the_cache_as_drawn(folder: Path) -> None:
    drawn = emblem.draw_emblem("NEGARA")
    emblem.placeholder_emblem.cache_clear()
    try:
        assert emblem.placeholder_emblem("NEGARA") == drawn
        (entry,) = _entries(folder, "emblem")
        assert entry.read_bytes().endswith(drawn)
        entry.write_bytes(entry.read_bytes()[:100])  # torn: drawn again, rewritten
        emblem.placeholder_emblem.cache_clear()
        assert emblem.placeholder_emblem("NEGARA") == drawn
        assert entry.read_bytes().endswith(drawn)
        emblem.placeholder_emblem.cache_clear()
        assert emblem.placeholder_emblem("DAERAH") != drawn  # its own entry
        assert len(_entries(folder, "emblem")) == 2
    finally:
        emblem.placeholder_emblem.cache_clear()


def _render(source: str, **context: object) -> str:
    from rembuk_docs.formats import sandbox

    sandbox._compiled.cache_clear()  # as a fresh process: only the cache on disk is left
    return sandbox.render_snippet(source, context, location="wording.toml", first_line=10)


def test_a_wording_snippet_is_compiled_once_and_read_as_code(folder: Path) -> None:
    from rembuk_docs.formats import sandbox

    source = "{% for n in names %}{{ n | upper }}{% if not loop.last %}, {% endif %}{% endfor %}"
    assert _render(source, names=["ani", "budi"]) == "ANI, BUDI"
    (entry,) = _entries(folder, "snippet")
    stored = entry.read_bytes()
    entry.write_bytes(stored[:-3])  # torn: compiled again and rewritten
    assert _render(source, names=["citra"]) == "CITRA"
    assert entry.read_bytes() == stored
    assert _render(source, names=["dewi", "eka"]) == "DEWI, EKA"  # read from the entry
    # the same code as Jinja's own compile, the budget's counting included
    env = sandbox.environment("text")
    assert env.from_string(source).render(names=["f", "g"]) == "F, G"
    code = sandbox._snippet_code(env, source, "text nip_grouped=True")
    assert marshal.dumps(code) == marshal.dumps(env.compile(source))
    assert "rembuk_loop" in env.compile(source, raw=True)
    sandbox._compiled.cache_clear()


def test_a_cached_snippet_still_names_its_line_and_a_bad_one_is_not_kept(folder: Path) -> None:
    from rembuk_docs.errors import TemplateError

    source = "Pertama\n{{ tidak_ada }}"
    for _ in range(2):  # compiled, then read from the cache
        with pytest.raises(TemplateError) as raised:
            _render(source)
        assert raised.value.problems[0].line == 11
    with pytest.raises(TemplateError):
        _render("{% for %}")
    assert len(_entries(folder, "snippet")) == 1


def test_the_message_catalogue_is_parsed_once_and_read_as_parsed(folder: Path) -> None:
    from rembuk_docs import messages

    files = [
        ("a.toml", '[x.one]\nid = "satu {n}"\nen = "one {n}"\n'),
        ("b.toml", '[y.two]\nid = "dua"\nen = "two"\nnote = "a note"\n'),
    ]
    saved = dict(messages._origin)
    try:
        parsed = messages._parsed(files)
        assert parsed == {
            "x.one": {"id": "satu {n}", "en": "one {n}"},
            "y.two": {"id": "dua", "en": "two"},
        }
        (entry,) = _entries(folder, "catalogue")
        stored = entry.read_bytes()
        messages._origin.clear()
        assert messages._parsed(files) == parsed  # from the entry, with where each id is defined
        assert messages._origin == {"x.one": "a.toml", "y.two": "b.toml"}
        entry.write_bytes(stored[:-1] + b"\x00")  # spoiled: parsed again and rewritten
        assert messages._parsed(files) == parsed
        assert entry.read_bytes() == stored
        changed = [files[0], ("b.toml", files[1][1].replace("dua", "DUA"))]
        assert messages._parsed(changed)["y.two"]["id"] == "DUA"  # a changed file is a miss
        assert len(_entries(folder, "catalogue")) == 2
        with pytest.raises(messages.CatalogueError):  # a malformed file still says so
            messages._parsed([("c.toml", '[z]\nid = "tanpa en"\n')])
    finally:
        messages._origin.clear()
        messages._origin.update(saved)


def test_a_parsed_font_is_read_from_the_cache_as_parsed(folder: Path) -> None:
    import pickle
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTFError

    from rembuk_docs.formats.resources import builtin_fonts_dir
    from rembuk_docs.writers import fonts

    data = (builtin_fonts_dir() / "LiberationSans-Bold.ttf").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    made = fonts._parsed_font("RD-test-B", data, digest)  # parsed, and kept
    (entry,) = _entries(folder, "ttfont")
    read = fonts._parsed_font("RD-test-B", data, digest)  # unpickled from the entry
    assert read is not made and read.fontName == made.fontName == "RD-test-B"
    assert isinstance(read.state, WeakKeyDictionary) and not read.state
    ours = {key: value for key, value in vars(read.face).items() if key != "_pdfScale"}
    theirs = {key: value for key, value in vars(made.face).items() if key != "_pdfScale"}
    assert ours == theirs and len(ours["charToGlyph"]) > 2000
    assert read.face.unitsPerEm == 2048
    assert read.face._pdfScale(1234) == made.face._pdfScale(1234) == 1234 * (1000 / 2048)
    subset = list(range(32, 127))
    assert read.face.makeSubset(subset) == made.face.makeSubset(subset)
    assert read.stringWidth("Kesepakatan Rembuk", 11) == made.stringWidth("Kesepakatan Rembuk", 11)
    # an entry that is no pickled font is not trusted: the font is parsed again
    diskcache._write(entry, pickle.dumps({"not": "a font"}))
    again = fonts._parsed_font("RD-test-B", data, digest)
    assert vars(again.face).keys() == vars(made.face).keys()
    assert again.face.charWidths == made.face.charWidths
    # another name is another entry; bytes that are no font raise as before and are not kept
    fonts._parsed_font("RD-test-X", data, digest)
    assert len(_entries(folder, "ttfont")) == 2
    with pytest.raises(TTFError):
        fonts._parsed_font("RD-test-bad", b"not a font" * 100, "0" * 64)
    assert len(_entries(folder, "ttfont")) == 2


def test_a_prepared_image_is_read_from_the_cache_as_prepared(folder: Path) -> None:
    from PIL import Image

    from rembuk_docs.writers import pdf_image

    stream = io.BytesIO()
    Image.new("RGBA", (40, 30), (200, 10, 10, 128)).save(stream, "PNG")  # with a soft mask
    data = stream.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    made = pdf_image._prepare(data, digest)  # decoded, deflated, and kept
    (entry,) = _entries(folder, "pdf-image")
    read = pdf_image._prepare(data, digest)  # from the entry
    assert read is not made and read == made
    assert (read.width, read.height) == (40, 30) and read.smask is not None
    assert read.state["streamContent"] == made.state["streamContent"]
    assert vars(read.xobject()) == vars(made.xobject())
    diskcache._write(entry, marshal.dumps(("name", "not a state", None)))  # not trusted
    assert pdf_image._prepare(data, digest) == made
    with pytest.raises(OSError):  # bytes that are no image raise as before and are not kept
        pdf_image._prepare(b"not an image", "0" * 64)
    assert len(_entries(folder, "pdf-image")) == 1


def test_the_docx_blank_is_built_once_and_read_from_the_cache_as_built(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh process reads the pack's DOCX blank from the cache instead of building it: the
    documents made from it are byte-identical, and a damaged entry is built again."""
    from datetime import date

    from rembuk_docs.compose.blocks import Document, Paragraph, plain
    from rembuk_docs.formats import load_pack
    from rembuk_docs.writers import docx_package
    from rembuk_docs.writers.docx_writer import DocxWriter

    pack = load_pack("kupang")
    document = Document(
        name="kesepakatan",
        title="Kesepakatan",
        date=date(2022, 7, 25),
        blocks=(Paragraph(plain("Kami yang bertanda tangan di bawah ini.")),),
    )
    monkeypatch.setattr(docx_package, "_BLANKS", type(docx_package._BLANKS)())
    built = DocxWriter(pack).write(document)
    (entry,) = (folder / "docx-blank").iterdir()

    def no_build() -> None:
        raise AssertionError("the blank was built, not read")

    docx_package._BLANKS.clear()  # a fresh process
    monkeypatch.setattr(DocxWriter, "_blank", lambda self: no_build())
    assert DocxWriter(pack).write(document) == built
    entry.write_bytes(entry.read_bytes()[:-10])  # torn: fails its checksum
    docx_package._BLANKS.clear()
    with pytest.raises(AssertionError, match="the blank was built"):
        DocxWriter(pack).write(document)
    monkeypatch.undo()
    monkeypatch.setenv(diskcache.ENV_VARIABLE, str(folder))
    docx_package._BLANKS.clear()
    assert DocxWriter(pack).write(document) == built  # built again, and written whole
    state = (folder / "docx-blank" / entry.name).read_bytes()
    with pytest.raises(ValueError):
        docx_package.BlankParts.from_state(marshal.dumps(("not", "a", "blank")))
    assert len(state) > 100_000
