"""Preflight: every check ``render`` makes before it composes anything, shared with ``validate``
and the web app's ``/api/validate``, so that they cannot disagree.

What is checked: each asked document's requirements (declared beside its composer, see
:func:`rembuk_docs.compose.registry.requirements`) as errors; and, as warnings, why the pack is a
draft (example names, a placeholder emblem, a kop without address), what a kop still lacks and
which nomor is still a dotted blank. Asked with ``laid_out=True`` (``validate`` and the web app's
check), it then composes the documents and lays each out as the PDF writer does, so that a text
too long for one page (a table cell, a signature block) is refused here exactly when ``render``
refuses it: the measure is the layout itself, not an estimate of it. ``render`` raises the errors as one
:class:`~rembuk_docs.errors.DefinitionError` and gives the warnings as
:class:`~rembuk_docs.errors.RembukWarning` subclasses; ``validate`` prints both.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel

from .compose.blocks import Document, document_text
from .compose.draft import draft_reasons, kop_warnings
from .compose.emphasis import italic_terms
from .compose.layout import WATERMARK_TEXT, fit_to_pages
from .compose.numbers import NUMBERED, missing_numbers
from .compose.registry import DOCUMENTS, composer, pack_documents, requirements
from .errors import (
    DefinitionError,
    DraftWarning,
    FieldPath,
    IncompleteKopWarning,
    MissingNumberWarning,
    Problem,
    UnknownDocumentError,
)
from .formats.pack import FormatPack
from .messages import Message
from .model import Rembuk

Severity = Literal["error", "warning"]

_WarningKind = type[DraftWarning] | type[IncompleteKopWarning] | type[MissingNumberWarning]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem the preflight found: an error stops the render, a warning does not.

    ``warning`` is the warning class ``render`` gives for it (``None`` for an error)."""

    problem: Problem
    severity: Severity
    warning: _WarningKind | None = None


@dataclass(frozen=True)
class Preflight:
    """What the preflight of a render found: the documents it will compose, in order, every
    finding, and whether the documents are a draft (every page marked DRAF)."""

    documents: tuple[str, ...]
    findings: tuple[Finding, ...]
    draft: bool

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the render, in document order."""
        return [finding.problem for finding in self.findings if finding.severity == "error"]

    @property
    def valid(self) -> bool:
        """True when nothing stops the render (warnings may remain)."""
        return not self.errors

    def raise_errors(self, *, source: str | None = None) -> None:
        """Raise one :class:`DefinitionError` carrying every error; nothing when there is none."""
        if self.errors:
            raise DefinitionError(self.errors, source=source)

    def warn(self, *, stacklevel: int = 2) -> None:
        """Give each warning finding as its :class:`~rembuk_docs.errors.RembukWarning`."""
        for finding in self.findings:
            if finding.warning is not None:
                warnings.warn(finding.warning(finding.problem), stacklevel=stacklevel + 1)

    def compose(self, rembuk: Rembuk, pack: FormatPack, *, pdf: bool = True) -> list[Document]:
        """The documents composed, in order, each fitted to its pages
        (:func:`~rembuk_docs.compose.layout.fit_to_pages`, once for every writer) and marked
        DRAF when the pack is a draft (what ``render`` writes; call only when :attr:`valid`).

        ``pdf``: whether the PDF writer will write them. Without, their pages are only
        measured (``PdfWriter(measure_only=True)``: the same fitting, faster for long lists)."""
        from .writers.pdf_writer import PdfWriter  # the measure of pages; writers import compose

        measure = PdfWriter(pack, measure_only=not pdf)
        composed = []
        for name in self.documents:
            document = italic_terms(composer(name)(rembuk, pack), pack.font.italic_terms)
            if self.draft:  # marked before it is laid out: the layout measured is the one written
                document = replace(document, watermark=WATERMARK_TEXT)
            fitted = fit_to_pages(document, pack, measure.page_space)
            measure.settle(fitted)  # the PDF writer then writes the layout measured last
            composed.append(fitted)
        return composed


def checked_names(asked: Iterable[str] | None, known: Sequence[str], what: str) -> list[str]:
    """``asked`` checked against ``known`` (``None``: all of ``known``), in any case ('PDF',
    'Kesepakatan'); raises :class:`UnknownDocumentError` naming the unknown ones, with the
    nearest known name ('daftar_hadir': did you mean 'daftar-hadir'), or when none is asked."""
    if asked is None:
        return list(known)
    by_key = {name.casefold(): name for name in known}
    names = [by_key.get(name.strip().casefold(), name.strip()) for name in asked if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        label = Message(f"names.what.{what}") if what in ("document", "format") else what
        shown = ", ".join(known)
        problems = [_unknown_name(name, known, label, shown) for name in unknown]
        raise UnknownDocumentError(
            problems or [Problem(label, Message("names.none", what=label, known=shown))]
        )
    return names


def _unknown_name(name: str, known: Sequence[str], what: Message | str, shown: str) -> Problem:
    """The problem of one unknown name, with the known name it was most likely meant to be."""
    import difflib

    keys = {re.sub(r"[\s_.]+", "-", item.casefold()): item for item in known}
    key = re.sub(r"[\s_.]+", "-", name.casefold())
    close = keys.get(key) or next(iter(difflib.get_close_matches(key, keys, n=1, cutoff=0.6)), None)
    if close is not None:
        close = keys.get(close, close)
        message = Message("names.unknown_close", what=what, name=name, close=close, known=shown)
    else:
        message = Message("names.unknown", what=what, name=name, known=shown)
    return Problem(what, message)


def preflight(
    rembuk: Rembuk,
    pack: FormatPack,
    documents: Iterable[str] | None = None,
    *,
    laid_out: bool = False,
) -> Preflight:
    """Run every check ``render`` makes before composing the named documents (``None``: the
    full pack of the region's level, see :func:`~rembuk_docs.compose.registry.pack_documents`).

    ``laid_out``: when nothing else stops the render, also compose the documents and lay them
    out (:func:`layout_problems`), for what only the page layout finds. ``render`` itself does
    not ask for it: its PDF writer lays the pages out anyway and refuses with the same problem.

    Raises :class:`UnknownDocumentError` for a name that is no document; a problem of the
    input is a finding, never raised (see :meth:`Preflight.raise_errors`).
    """
    names = (
        list(pack_documents(rembuk))
        if documents is None
        else checked_names(documents, list(DOCUMENTS), "document")
    )
    findings: list[Finding] = []
    seen: set[Problem] = set()
    for name in names:
        for problem in requirements(name)(rembuk, pack):
            if problem not in seen:  # a kop shared by two documents is reported once
                seen.add(problem)
                findings.append(Finding(problem, "error"))
    reasons = draft_reasons(rembuk, pack)
    findings.extend(Finding(problem, "warning", DraftWarning) for problem in reasons)
    # an incomplete kop (no postcode, telephone, e-mail or website) is not signable either
    incomplete = kop_warnings(rembuk, pack)
    findings.extend(Finding(problem, "warning", IncompleteKopWarning) for problem in incomplete)
    asked = set(names)
    for problem in missing_numbers(rembuk, pack):
        section = (problem.field_path() or ("",))[0]
        if any(name in asked for name, where in NUMBERED.items() if section == where):
            findings.append(Finding(problem, "warning", MissingNumberWarning))
    report = Preflight(tuple(names), tuple(findings), draft=bool(reasons or incomplete))
    if laid_out and report.valid:
        problems = layout_problems(rembuk, pack, report)
        report = Preflight(report.documents, (*report.findings, *problems), report.draft)
    return report


def layout_problems(rembuk: Rembuk, pack: FormatPack, report: Preflight) -> list[Finding]:
    """What stops ``render`` once it composes and lays out the documents of ``report``: each
    document is composed as ``render`` composes it and laid out by the PDF writer (without
    finishing the file), so a text that cannot fit on one page is found by the very layout that
    refuses it, at its field (:func:`text_too_long_at_its_field`). A document from a pack's Word
    template is laid out by LibreOffice and not here, as ``render`` does not refuse it either."""
    from .writers.pdf_writer import PdfWriter

    try:
        composed = report.compose(rembuk, pack)
    except DefinitionError as exc:  # a composer's own check (render raises it the same)
        return [Finding(problem, "error") for problem in exc.problems]
    found: list[Finding] = []
    for document in composed:
        if pack.word_template(document.name) is not None:
            continue
        try:
            with text_too_long_at_its_field(rembuk, document):
                PdfWriter(pack).write(document)
        except DefinitionError as exc:
            found.extend(Finding(problem, "error") for problem in exc.problems)
    return found


@contextmanager
def text_too_long_at_its_field(rembuk: Rembuk, composed: Document) -> Iterator[None]:
    """Give a writer's 'a text is too long for one page' (``layout.text_too_long``) the field it
    comes from: the longest text of the definition that the document prints, at its typed path
    (a batch names the sheet's column from it)."""
    try:
        yield
    except DefinitionError as exc:
        if exc.ids != ["layout.text_too_long"]:
            raise
        printed = " ".join(document_text(composed))
        best: tuple[int, FieldPath] | None = None
        for path, value in _texts(rembuk, ()):
            if len(value) > (best[0] if best else 0) and value in printed:
                best = (len(value), path)
        if best is None:
            raise
        message = Message("layout.field_too_long", document=composed.name, length=best[0])
        raise DefinitionError([Problem(best[1], message)]) from None


def _texts(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every text of a definition with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def problem_json(problem: Problem, severity: Severity = "error") -> dict[str, Any]:
    """One problem as ``validate --json`` and the HTTP API give it: path, line, message, severity."""
    return {
        "path": problem.location,
        "line": problem.line,
        "message": problem.message,
        "severity": severity,
    }


def report_json(valid: bool, problems: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The JSON of a validation, for ``validate --json`` and ``/api/validate`` alike:
    ``{"valid": bool, "problems": [{"path", "line", "message", "severity"}]}``, each problem made
    by :func:`problem_json`."""
    return {"valid": valid, "problems": list(problems)}
