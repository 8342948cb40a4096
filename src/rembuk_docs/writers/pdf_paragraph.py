"""reportlab paragraphs whose justified lines never stretch their spaces beyond a sane measure."""

from __future__ import annotations

import copy
from typing import Any, cast

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _FUZZ, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from ..compose.blocks import Inline, Run
from ..compose.layout import JUSTIFY_MAX_SPACE
from .xml_text import escape


class Paragraph(_Paragraph):  # type: ignore[misc]
    """A reportlab paragraph that sets ragged, not justified, every line whose spaces would have
    to grow beyond :data:`~rembuk_docs.compose.layout.JUSTIFY_MAX_SPACE` times their width: a
    short line before a long word (a nomor, a long name) or a line of two words keeps its
    ordinary spaces instead of gaps a hand wide. The pieces reportlab splits a paragraph into
    over pages are of this class too."""

    def _setup(self, text: str, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        """reportlab's setup, with the fragments of a text without markup (no ``<``, no ``&``:
        most lines of a document) made without running its HTML parser over the text."""
        if frags is None and "<" not in text and "&" not in text:
            text = cleaner(text)
            frags = _plain_fragments(text, style, self.caseSensitive)
            textTransformFrags(frags, style)
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """reportlab's wrap, once per width: a table measures its cells' paragraphs and wraps
        them again to draw them, a frame wraps again what a kept group measured, at the same
        width; the lines broken then are the ones broken before (their height does not depend
        on ``availHeight``). Broken again when the width differs or the lines were dropped
        (a split that found no room drops them) or replaced."""
        known = self.__dict__.get("_wrapped")
        if known is not None and known[0] == availWidth and known[1] is self.__dict__.get("blPara"):
            width, height = self.width, self.height = known[2]  # as reportlab's wrap sets them
            return width, height
        size = cast(tuple[float, float], super().wrap(availWidth, availHeight))
        if availWidth >= _FUZZ:  # narrower, reportlab's wrap says "no room" and breaks nothing
            self._wrapped = (availWidth, self.__dict__.get("blPara"), size)
        return size

    def drawPara(self, debug: int = 0) -> None:
        blocks = getattr(self, "blPara", None)
        # only a justified paragraph stretches its spaces: a centred or right-aligned line's
        # extra space is its offset from the margin, which must stay
        if blocks is not None and self.style.alignment == TA_JUSTIFY:
            _unstretch(blocks)
        super().drawPara(debug)


def _plain_fragments(text: str, style: Any, case_sensitive: int) -> list[Any]:
    """The fragments reportlab's parser makes of ``text`` (no tag, no entity) in ``style``.

    Its parser wraps the text in ``<para>``; the HTML parser under it then reports the start
    tag, the text as one piece of data (it breaks data only at ``<`` and ``&``) and the end tag.
    The data's fragment is a copy of the one the ``<para>`` start made of the style (its font,
    size and colour alone), given the text: that fragment is made once per process for those
    three (:func:`_fragment_of`), by the parser's own handlers, and copied here as the parser
    copies it; only the parsing (most of a short paragraph's setup) is skipped."""
    if not text:
        return []
    key = (style.fontName, style.fontSize, style.textColor)
    fragment = _FRAGMENTS.get(key)
    if fragment is None:
        fragment = _fragment_of(style, case_sensitive)
        if len(_FRAGMENTS) >= _MAX_FRAGMENTS:
            _FRAGMENTS.clear()
        _FRAGMENTS[key] = fragment
    made = copy.copy(fragment)
    made.text = text
    return [made]


_FRAGMENTS: dict[tuple[Any, ...], Any] = {}
"""(font name, size, colour) of a style -> the fragment reportlab's parser makes of a plain
text in it, without the text (a copy is given each text: the lists in it, its links and
underlines, are never changed in place, only replaced)."""
_MAX_FRAGMENTS = 256


def _fragment_of(style: Any, case_sensitive: int) -> Any:
    """The fragment the parser's handlers make of one plain text in ``style``."""
    parser = ParaParser()
    parser.caseSensitive = case_sensitive
    parser._setup_for_parse(style)
    parser.handle_starttag("para", [])
    parser.handle_data("x")
    parser.handle_endtag("para")
    _, frags, _ = parser._complete_parse()
    if frags is None:  # the parser's own error, as reportlab reports it
        raise ValueError(f"xml parser error ({parser.errors[0]}) in a paragraph")
    (fragment,) = frags
    del fragment.text
    return fragment


def _unstretch(blocks: Any) -> None:
    """Take the extra space off the lines of ``blocks`` (reportlab's broken lines) that
    would stretch their spaces too far."""
    if blocks.kind == 0:  # one font: (extra space, words) pairs
        space = stringWidth(" ", blocks.fontName, blocks.fontSize)
        blocks.lines = [
            (0.0, words) if _too_wide(extra, len(words) - 1, space) else (extra, words)
            for extra, words in blocks.lines
        ]
        return
    for line in blocks.lines:  # mixed fonts (bold, italic runs): line objects
        fragment = next((w for w in line.words if hasattr(w, "fontName")), None)
        if fragment is None:
            continue
        space = stringWidth(" ", fragment.fontName, fragment.fontSize)
        if _too_wide(line.extraSpace, line.wordCount - 1, space):
            line.extraSpace = 0.0


def _too_wide(extra: float, gaps: int, space: float) -> bool:
    """Whether ``extra`` points shared by ``gaps`` spaces of ``space`` points each make any of
    them wider than :data:`JUSTIFY_MAX_SPACE` spaces."""
    return gaps > 0 and space > 0 and space + extra / gaps > JUSTIFY_MAX_SPACE * space


def run_markup(run: Run) -> str:
    """reportlab markup of one inline run: its text escaped (never interpreted), a tab a space,
    a line end a break, then its underline, italic and bold."""
    text = escape(run.text.replace("\t", " ")).replace("\n", "<br/>")
    if run.underline:
        text = f"<u>{text}</u>"
    if run.italic:
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    return text


def markup(content: Inline) -> str:
    """reportlab paragraph markup for inline runs; user text is escaped, never interpreted."""
    return "".join(run_markup(run) for run in content)
