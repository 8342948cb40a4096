"""Foreign terms set in italics, as tata naskah dinas writes them ('stunting', 'online'), decided
once in composition so that both writers print them so. The terms are pack data
(``[font] italic_terms``); they match whole words, case as written, so that 'Stunting' in a name
('Tim Percepatan Penurunan Stunting') stays upright."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .blocks import Block, Document, Inline, ListItem, NumberedList, Paragraph, Run


def italic_terms(document: Document, terms: Sequence[str]) -> Document:
    """``document`` with every whole-word occurrence of ``terms`` in its paragraphs and list
    items in italics (titles, tables and signatures are left as they are)."""
    if not terms:
        return document
    words = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            block = replace(block, content=_italicised(block.content, pattern))
        elif isinstance(block, NumberedList):
            items = tuple(
                ListItem(
                    _italicised(item.content, pattern),
                    tuple(_italicised(child, pattern) for child in item.children),
                )
                for item in block.items
            )
            block = replace(block, items=items)
        blocks.append(block)
    return replace(document, blocks=tuple(blocks))


def _italicised(content: Inline, pattern: re.Pattern[str]) -> Inline:
    runs: list[Run] = []
    for run in content:
        if run.italic or not pattern.search(run.text):
            runs.append(run)
            continue
        start = 0
        for match in pattern.finditer(run.text):
            if match.start() > start:
                runs.append(replace(run, text=run.text[start : match.start()]))
            runs.append(replace(run, text=match.group(0), italic=True))
            start = match.end()
        if start < len(run.text):
            runs.append(replace(run, text=run.text[start:]))
    return tuple(runs)
