"""DOCX from a Word-authored template (docxtpl tags), rendered in the autoescaping Jinja sandbox."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.shared import Mm

from ..errors import FormatPackError, Problem, TemplateError, read_failure
from ..formats.guard import checked_zip, external_references
from ..formats.resources import display_path
from ..formats.sandbox import describe, environment, template_line
from ..messages import Message
from .archive import normalise_zip

_PARAGRAPH = re.compile(r"<w:p([ >])")
_TAG = re.compile(r"<[^>]+>")


def open_template(path: Path) -> Any:
    """The docxtpl template of ``path``; raises :class:`FormatPackError` when it is not a DOCX."""
    from docxtpl import DocxTemplate

    if not zipfile.is_zipfile(path):
        raise FormatPackError([Problem(display_path(path), Message("pack.not_docx"))])
    checked_zip(path)  # the same checks as render: size, zip bomb, nothing fetched from elsewhere
    template = DocxTemplate(str(path))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises several unrelated types for a broken package
        raise FormatPackError(
            [Problem(display_path(path), Message("pack.word_unusable", reason=read_failure(exc)))]
        ) from exc
    return template


def split_paragraphs(xml: str) -> str:
    """The XML with each paragraph on a line of its own, as docxtpl hands it to Jinja."""
    return _PARAGRAPH.sub(r"\n<w:p\1", xml)


def template_sources(template: Any) -> list[tuple[str, str]]:
    """The Jinja source of each part (body, headers, footers), as docxtpl renders it."""
    sources = [("body", split_paragraphs(template.patch_xml(template.get_xml())))]
    for kind, uri in (("header", template.HEADER_URI), ("footer", template.FOOTER_URI)):
        for _, part in template.get_headers_footers(uri):
            xml = template.patch_xml(template.get_part_xml(part))
            sources.append((f"{kind} {part.partname.rsplit('/', 1)[-1]}", split_paragraphs(xml)))
    return sources


def paragraph_label(path: Path, part: str, source: str, line: int) -> tuple[str, int | None]:
    """Where template line ``line`` of ``part`` is, for an author: the paragraph and its words."""
    lines = source.splitlines()
    text = _TAG.sub("", lines[line - 1]).strip() if 0 < line <= len(lines) else ""
    excerpt = f' ("{text[:60]}{"..." if len(text) > 60 else ""}")' if text else ""
    where = "" if part == "body" else f", {part}"
    number = max(line - 1, 1)
    paragraph = Message("pack.word_paragraph", number=number).text()
    return f"{display_path(path)}{where}, {paragraph}{excerpt}", None


def _failure(template: Any, path: Path, error: BaseException) -> Problem:
    line = template_line(error)
    part = getattr(template, "current_rendering_part", None)
    if line is None or part is None:
        return Problem(display_path(path), describe(error))
    if part is template.docx._part:
        label, source = "body", split_paragraphs(template.patch_xml(template.get_xml()))
    else:
        label = f"part {part.partname.rsplit('/', 1)[-1]}"
        source = split_paragraphs(template.patch_xml(template.get_part_xml(part)))
    where, _ = paragraph_label(path, label, source, line)
    return Problem(where, describe(error))


def render_word_template(
    path: Path,
    context: Mapping[str, Any],
    *,
    paper_mm: tuple[float, float] | None = None,
    nip_grouped: bool = True,
    watermark: str | None = None,
) -> bytes:
    """The DOCX of the Word template at ``path`` filled with ``context``.

    Rendering runs in the autoescaping sandbox with strict undefined values, so user text cannot
    break the XML and a missing value is a :class:`TemplateError` naming the paragraph.
    ``paper_mm`` (width, height) sets the paper of every section; the template keeps its margins.
    ``watermark`` ('DRAF') is added to the header of every section, first page included.
    """
    template = open_template(path)
    try:
        template.render(dict(context), jinja_env=environment("xml", nip_grouped=nip_grouped))
    except Exception as exc:  # every template failure becomes a located TemplateError
        raise TemplateError([_failure(template, path, exc)]) from exc
    if paper_mm is not None:
        width, height = paper_mm
        for section in template.docx.sections:
            landscape = (
                section.page_width is not None
                and section.page_height is not None
                and (section.page_width > section.page_height)
            )
            section.page_width, section.page_height = (
                (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
            )
    if watermark:
        add_watermark(template.docx, watermark)
    buffer = io.BytesIO()
    template.save(buffer)
    # What the template's tags produced is checked again: a field or link spelt by a tag
    # ('{{ "INCLUDE" ~ "PICTURE" }}') is only there once rendered, and LibreOffice reads this file.
    external = external_references(buffer)
    if external:
        raise FormatPackError([Problem(display_path(path), finding) for finding in external])
    return normalise_zip(buffer.getvalue())


def add_watermark(word: Any, text: str) -> None:
    """``text`` as a diagonal watermark in every header part of python-docx ``word`` (those the
    template rendered too: docxtpl swaps in new header parts, so they are found by relationship)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    from .docx_furniture import watermark_xml

    headers = [rel.target_part for rel in word.part.rels.values() if rel.reltype == RT.HEADER]
    for index, header in enumerate(headers, start=1):
        element = header.element
        paragraph = element.find(qn("w:p"))
        if paragraph is None:
            paragraph = element.makeelement(qn("w:p"), {})
            element.append(paragraph)
        paragraph.append(parse_xml(watermark_xml(text, index)))
