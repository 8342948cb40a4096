"""A long paragraph laid out in time linear in its length.

reportlab breaks a paragraph into lines by taking its words off the front of a list (each take
moves every word after it), and when a paragraph runs over a page it breaks everything that is
left again on the next page: a 200,000-character pledge took 11 s, four times the time of one
half as long. Here a paragraph longer than :data:`LONG_TEXT` characters is cut, once its width is
known, into pieces of whole lines: reportlab breaks a window of :data:`WINDOW_WORDS` words, every
line but the window's last becomes a piece, and the next window starts with the words of that
last line. Line breaking is greedy, so each piece breaks into exactly the lines the whole
paragraph would have had there; a piece's last line is justified like any inner line, and only
the first piece has the first-line indent, the bullet and the space before, only the last the
space after. The pages look the same as with one reportlab paragraph; the work is linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..compose.blocks import Inline, Run
from .pdf_paragraph import Paragraph as RLParagraph
from .pdf_paragraph import run_markup

LONG_TEXT = 4_000
"""Characters above which a paragraph is laid out in pieces (about one page of body text)."""

WINDOW_WORDS = 300
"""Words reportlab breaks at once to find the next piece's lines (about 20 lines)."""


@dataclass(frozen=True)
class _Word:
    """A word (parts of runs with no space between them) and the hard line breaks after it."""

    parts: tuple[Run, ...]
    breaks: int = 0

    @property
    def markup(self) -> str:
        return "".join(run_markup(part) for part in self.parts)


def words_of(content: Inline) -> list[_Word]:
    """The words of ``content`` in order: split at spaces and tabs, line ends counted after the
    word they follow (a run boundary inside a word keeps the word whole)."""
    words: list[_Word] = []
    parts: list[Run] = []
    pending_breaks = 0  # line ends before the first word

    def close(breaks: int) -> None:
        nonlocal pending_breaks
        if parts:
            words.append(_Word(tuple(parts)))
            parts.clear()
        if breaks:
            if words:
                last = words[-1]
                words[-1] = _Word(last.parts, last.breaks + breaks)
            else:
                pending_breaks += breaks

    for run in content:
        for number, line in enumerate(run.text.replace("\t", " ").split("\n")):
            if number:
                close(1)
            for position, piece in enumerate(line.split(" ")):
                if position:
                    close(0)
                if piece:
                    parts.append(Run(piece, run.bold, run.italic, run.underline))
    close(0)
    if pending_breaks and words:  # a text that starts with a line end: keep it as one word
        first = words[0]
        words[0] = _Word((Run("\n" * pending_breaks), *first.parts), first.breaks)
    return words


def _markup(words: list[_Word], leading_breaks: int = 0) -> str:
    """reportlab markup of ``words``; the breaks after the last word are left out (they end the
    piece), ``leading_breaks`` empty lines come first (the rest of breaks a piece ended on)."""
    out = ["<br/>" * leading_breaks]
    for word in words:
        out.append(word.markup)
        out.append("<br/>" * word.breaks if word.breaks else " ")
    out.pop()
    return "".join(out)


def _line_words(paragraph: RLParagraph) -> list[int]:
    """How many words each line of a wrapped paragraph holds."""
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [len(line[1]) for line in lines]
    return [int(getattr(line, "wordCount", 0)) for line in lines]


class _PieceParagraph(RLParagraph):
    """A piece of a long paragraph: a piece that ends inside the paragraph justifies its last
    line, and so does the part left over when reportlab splits the piece over a page."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        if len(parts) == 2 and getattr(self, "_JustifyLast", False):
            parts[1]._JustifyLast = 1
        return parts


@dataclass(frozen=True)
class _Piece:
    markup: str
    style: ParagraphStyle
    bullet: str | None
    justify_last: bool

    def flowable(self) -> RLParagraph:
        paragraph = _PieceParagraph(self.markup, self.style, bulletText=self.bullet)
        if self.justify_last:
            paragraph._JustifyLast = 1
        return paragraph


class LongParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of :data:`LONG_TEXT` characters or more, laid out as pieces of whole lines."""

    def __init__(self, words: list[_Word], style: ParagraphStyle, bullet: str | None) -> None:
        super().__init__()
        self.words, self.style, self.bullet = words, style, bullet
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._cut: dict[float, list[_Piece]] = {}
        self._drawn: list[tuple[RLParagraph, float]] = []

    def _style(self, first: bool, last: bool) -> ParagraphStyle:
        changes: dict[str, Any] = {}
        if not first:
            changes.update(firstLineIndent=0, spaceBefore=0)
        if not last:
            changes.update(spaceAfter=0, keepWithNext=0)
        return (
            ParagraphStyle(self.style.name, parent=self.style, **changes) if changes else self.style
        )

    def pieces(self, width: float) -> list[_Piece]:
        """The pieces at ``width`` (cut once per width)."""
        if width not in self._cut:
            self._cut[width] = self._pieces(width)
        return self._cut[width]

    def _pieces(self, width: float) -> list[_Piece]:
        words, found = self.words, []
        start, leading = 0, 0
        while True:
            first = start == 0
            bullet = self.bullet if first else None
            end = min(len(words), start + WINDOW_WORDS)
            window = words[start:end]
            if end == len(words):
                style = self._style(first, last=True)
                found.append(_Piece(_markup(window, leading), style, bullet, False))
                return found
            style = self._style(first, last=False)
            trial = RLParagraph(_markup(window, leading), style, bulletText=bullet)
            trial.wrap(width, 1e9)
            counts = _line_words(trial)
            taken = sum(counts[:-1])
            if sum(counts) != len(window) or not 0 < taken < len(window):
                # a line reportlab breaks otherwise (a word wider than the line): one paragraph
                style = self._style(first, last=True)
                found.append(_Piece(_markup(words[start:], leading), style, bullet, False))
                return found
            ended = words[start + taken - 1]
            found.append(_Piece(_markup(window[:taken], leading), style, bullet, not ended.breaks))
            start += taken
            leading = max(ended.breaks - 1, 0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The height of the pieces, measured only until they pass ``available_height``: then
        the paragraph does not fit and is split, and measuring the rest would make the layout
        of a long text cost as many times its length as it has pages."""
        self._drawn = []
        self.width, self.height = available_width, 0.0
        for piece in self.pieces(available_width):
            paragraph = piece.flowable()
            _, height = paragraph.wrap(available_width, available_height)
            self._drawn.append((paragraph, height))
            self.height += height
            if self.height > available_height:
                break
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return [piece.flowable() for piece in self.pieces(available_width)]

    def draw(self) -> None:
        top = self.height
        for paragraph, height in self._drawn:
            top -= height
            paragraph.drawOn(self.canv, 0, top)


def paragraph(
    content: Inline, markup: str, style: ParagraphStyle, bullet: str | None = None
) -> Flowable:
    """One reportlab paragraph for ``content`` (its ``markup`` given), or a
    :class:`LongParagraph` when the text is longer than :data:`LONG_TEXT` characters."""
    if sum(len(run.text) for run in content) <= LONG_TEXT:
        return RLParagraph(markup, style, bulletText=bullet)
    return LongParagraph(words_of(content), style, bullet)
