"""Text measurement with the embedded font's metrics, shared by the writers (Liberation Sans is
metric-compatible with Arial, so the same line breaks hold in Word)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth


@lru_cache(maxsize=1 << 16)
def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points; cached, as lists repeat the same words row after row."""
    return float(stringWidth(text, font, size))


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; words longer than a line are cut."""
    if "\n" not in text and text_width(text, font, size) <= width:
        return [text]  # most cells: one measurement, no splitting
    lines: list[str] = []
    space = text_width(" ", font, size)
    for raw in text.split("\n"):
        current: list[str] = []
        used = -space
        for word in raw.split():
            word_width = text_width(word, font, size)
            while word_width > width:
                cut = _fit(word, font, size, width)
                if current:
                    lines.append(" ".join(current))
                    current, used = [], -space
                lines.append(word[:cut])
                word = word[cut:]
                word_width = text_width(word, font, size)
            if current and used + space + word_width > width:
                lines.append(" ".join(current))
                current, used = [], -space
            current.append(word)
            used += space + word_width
        lines.append(" ".join(current))
    return lines


def _fit(word: str, font: str, size: float, width: float) -> int:
    """How many leading characters of ``word`` fit in ``width`` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low
