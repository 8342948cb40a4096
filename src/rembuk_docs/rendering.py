"""Rendering: compose each document once, write it in every asked format, and save files atomically."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from .compose.blocks import Document
from .compose.layout import column_needs_kept
from .errors import (
    ConverterMissingError,
    ConverterMissingWarning,
    RembukWarning,
)
from .finishing import PdfFinish, PdfPart
from .formats.loader import load_pack
from .formats.pack import FormatPack
from .formats.resources import display_path
from .loading import check
from .messages import Message
from .model import Rembuk
from .output import write_file, write_files
from .preflight import Preflight, checked_names, preflight, text_too_long_at_its_field
from .writers import FORMATS, writer_for


def resolve_pack(
    rembuk: Rembuk, *, format_pack: str | Path | None = None, paper: str | None = None
) -> FormatPack:
    """The format pack to use: the argument, else the definition's, else 'default'; ``paper`` overrides."""
    pack = load_pack(format_pack if format_pack is not None else rembuk.format_pack)
    return pack.with_paper(paper)


def word_document(rembuk: Rembuk, pack: FormatPack, composed: Document) -> bytes | None:
    """The DOCX of ``composed`` from the pack's Word-authored template, or ``None`` if it has none."""
    template = pack.word_template(composed.name)
    if template is None:
        return None
    from .compose.context import template_context
    from .writers.word_template import render_word_template

    context = template_context(
        rembuk, pack, name=composed.name, title=composed.title, number=composed.number
    )
    return render_word_template(
        template,
        context,
        paper_mm=pack.page.size_mm,
        nip_grouped=pack.signature.nip_grouped,
        watermark=composed.watermark,
    )


def _document_files(
    rembuk: Rembuk,
    pack: FormatPack,
    composed: Document,
    fmt_names: Sequence[str],
    finish: PdfFinish,
) -> tuple[list[tuple[str, bytes]], PdfPart | None, Message | None]:
    """The files of one document in the asked formats other than PDF, its PDF as written (not
    yet finished; ``None`` when no PDF was asked or it cannot be made), and a warning when its
    PDF cannot be made.

    A Word-authored document's PDF comes from LibreOffice; without it the DOCX is still given
    (even when only PDF was asked) and the warning says why the PDF is missing.
    """
    word = word_document(rembuk, pack, composed)
    if word is None:
        files = [
            (f"{composed.name}.{fmt}", writer_for(fmt, pack).write(composed))
            for fmt in fmt_names
            if fmt != "pdf"
        ]
        part = finish.write(pack, composed, rembuk=rembuk) if "pdf" in fmt_names else None
        return files, part, None
    files = [(f"{composed.name}.docx", word)] if "docx" in fmt_names else []
    if "pdf" not in fmt_names:
        return files, None, None
    if finish.signature_fields or finish.verification_code:
        # the PDF comes from LibreOffice: where its signature blocks stand is not known here
        warnings.warn(
            RembukWarning(Message("tte.word_template_not_marked", document=composed.name)),
            stacklevel=4,
        )
    from .writers.libreoffice import docx_to_pdf

    try:
        return files, PdfPart(composed.name, docx_to_pdf(word, name=composed.name)), None
    except ConverterMissingError:
        if "docx" not in fmt_names:
            files.append((f"{composed.name}.docx", word))
        template = pack.word_template(composed.name)
        where = display_path(template) if template else composed.name
        return (
            files,
            None,
            Message("render.pdf_needs_libreoffice", name=composed.name, where=where),
        )


def known_names(asked: Iterable[str], known: Sequence[str], what: str) -> list[str]:
    """``asked`` checked against ``known``; raises UnknownDocumentError naming the unknown ones."""
    return checked_names(asked, known, what)


def compose_documents(
    rembuk: Rembuk,
    pack: FormatPack,
    documents: Iterable[str] | None = None,
    *,
    pdf: bool = True,
) -> list[Document]:
    """Compose the named documents (``None``: the full pack of the region's level, in order).

    The :func:`~rembuk_docs.preflight.preflight` runs first, as ``validate`` runs it: every
    problem of every asked document is raised together before anything is composed, and its
    warnings are given. ``pdf``: whether their PDFs will be written (see
    :meth:`~rembuk_docs.preflight.Preflight.compose`).
    """
    report = preflight(rembuk, pack, documents)
    report.raise_errors()
    report.warn(stacklevel=3)
    return report.compose(rembuk, pack, pdf=pdf)


@column_needs_kept()
def render_bytes(
    rembuk: Rembuk,
    document: str,
    fmt: str,
    *,
    format_pack: str | Path | None = None,
    paper: str | None = None,
    pdfa: bool | None = None,
    verification_code: bool | None = None,
) -> bytes:
    """The bytes of one document (e.g. 'kesepakatan') in one format ('docx' or 'pdf').

    ``pdfa`` makes the PDF PDF/A-2b (``None``: as the pack's ``[pdf] pdfa`` says).
    Raises :class:`ConverterMissingError` for the PDF of a Word-authored document when
    LibreOffice is not installed.
    """
    check(rembuk)
    (fmt,) = checked_names([fmt], FORMATS, "format")  # 'PDF' is 'pdf'
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    finish = PdfFinish.resolve(pack, pdfa=pdfa, verification_code=verification_code)
    (composed,) = compose_documents(rembuk, pack, [document], pdf=fmt == "pdf")
    word = word_document(rembuk, pack, composed)
    if word is None and fmt == "pdf":
        with text_too_long_at_its_field(rembuk, composed):
            part = finish.write(pack, composed, rembuk=rembuk)
    elif word is None:
        return writer_for(fmt, pack).write(composed)
    elif fmt == "docx":
        return word
    else:
        from .writers.libreoffice import docx_to_pdf

        part = PdfPart(composed.name, docx_to_pdf(word, name=composed.name))
    return finish.files(part)[0][1]


def render(
    rembuk: Rembuk,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = FORMATS,
    documents: Iterable[str] | None = None,
    format_pack: str | Path | None = None,
    paper: str | None = None,
    bundle: bool = False,
    pdfa: bool | None = None,
    signature_fields: bool | None = None,
    verification_code: bool | None = None,
) -> list[Path]:
    """Write ``<document>.<format>`` files into ``out_dir`` and return their paths.

    With ``bundle``, ``paket.pdf`` is written too: every document's PDF in pack order, one
    bookmark each (see :func:`render_bundle`), whether or not 'pdf' is among ``formats``.
    Everything is produced in memory first, then written with :func:`~rembuk_docs.output.write_files`:
    the pack lands whole or not at all, so a failure (a full disk, a target that is a folder)
    leaves the folder as it was and names the real path.
    A document with a Word-authored template in the pack gets its DOCX from that template and
    its PDF from LibreOffice; without LibreOffice its DOCX is written and a
    :class:`ConverterMissingWarning` says that its PDF is missing.
    ``pdfa`` makes every PDF, the bundle too, PDF/A-2b (``None``: as the pack's ``[pdf] pdfa``
    says; needs the ``tte`` extra). ``signature_fields`` puts an empty signature field over each
    signatory's block and writes ``<document>.ttd.json`` beside each PDF (``None``: as the pack's
    ``[pdf] signature_fields`` says); in the bundle the fields keep working: sign it last.
    ``verification_code`` prints a QR code and short code of the document's content on each
    PDF's last page (``None``: as the pack's ``[pdf] verification_code`` says).
    """
    outputs = render_files(
        rembuk,
        formats=formats,
        documents=documents,
        format_pack=format_pack,
        paper=paper,
        bundle=bundle,
        pdfa=pdfa,
        signature_fields=signature_fields,
        verification_code=verification_code,
    )
    return write_files(Path(out_dir), outputs)


def render_files(
    rembuk: Rembuk,
    *,
    formats: Iterable[str] = FORMATS,
    documents: Iterable[str] | None = None,
    format_pack: str | Path | None = None,
    paper: str | None = None,
    bundle: bool = False,
    pdfa: bool | None = None,
    signature_fields: bool | None = None,
    verification_code: bool | None = None,
) -> list[tuple[str, bytes]]:
    """The files :func:`render` writes, as ``(file name, bytes)`` pairs in pack order, in memory."""
    check(rembuk)
    fmt_names = checked_names(formats, FORMATS, "format")
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    outputs, notes = pack_files(
        rembuk,
        pack,
        fmt_names,
        documents=documents,
        bundle=bundle,
        pdfa=pdfa,
        signature_fields=signature_fields,
        verification_code=verification_code,
    )
    for note in notes:
        warnings.warn(ConverterMissingWarning(note), stacklevel=3)
    return outputs


@column_needs_kept()
def pack_files(
    rembuk: Rembuk,
    pack: FormatPack,
    fmt_names: Sequence[str],
    *,
    documents: Iterable[str] | None = None,
    report: Preflight | None = None,
    bundle: bool = False,
    pdfa: bool | None = None,
    signature_fields: bool | None = None,
    verification_code: bool | None = None,
) -> tuple[list[tuple[str, bytes]], list[Message]]:
    """The body of :func:`render_files` for a resolved ``pack`` and checked ``fmt_names``: the
    files, and the notes of the PDFs LibreOffice could not make (given as warnings by the caller).
    ``report``: the :func:`~rembuk_docs.preflight.preflight` of ``documents`` already run by the
    caller (the CLI runs it first, for the lines of its problems), not run again; its warnings
    are given here, as :func:`compose_documents` gives them."""
    finish = PdfFinish.resolve(
        pack, pdfa=pdfa, signature_fields=signature_fields, verification_code=verification_code
    )
    if report is None:
        report = preflight(rembuk, pack, documents)
    report.raise_errors()
    report.warn(stacklevel=3)  # at the caller of render_files, as compose_documents gives them
    outputs: list[tuple[str, bytes]] = []
    notes: list[Message] = []
    parts: list[PdfPart] = []
    for composed in report.compose(rembuk, pack, pdf="pdf" in fmt_names or bundle):
        with text_too_long_at_its_field(rembuk, composed):
            files, part, note = _document_files(rembuk, pack, composed, fmt_names, finish)
            if note:
                notes.append(note)
            outputs.extend(files)
            if part is not None:
                outputs.extend(finish.files(part))
            if bundle:  # the bundle is made of the documents as written, and finished as a whole
                parts.append(part or finish.write(pack, composed, rembuk=rembuk))
    if bundle:
        outputs.extend(_finished_bundle(rembuk, parts, finish))
    return outputs, notes


@column_needs_kept()
def render_bundle(
    rembuk: Rembuk,
    *,
    documents: Iterable[str] | None = None,
    format_pack: str | Path | None = None,
    paper: str | None = None,
    pdfa: bool | None = None,
    verification_code: bool | None = None,
) -> bytes:
    """The bytes of ``paket.pdf``: the documents' PDFs (all, in pack order, when ``None``) in one
    file with one bookmark per document; each keeps its own 'Halaman N dari M'.
    ``pdfa`` makes it PDF/A-2b (``None``: as the pack's ``[pdf] pdfa`` says)."""
    check(rembuk)
    pack = resolve_pack(rembuk, format_pack=format_pack, paper=paper)
    finish = PdfFinish.resolve(
        pack, pdfa=pdfa, signature_fields=False, verification_code=verification_code
    )
    parts = [
        finish.write(pack, composed, rembuk=rembuk)
        for composed in compose_documents(rembuk, pack, documents)
    ]
    ((_, data),) = _finished_bundle(rembuk, parts, finish)
    return data


def _finished_bundle(
    rembuk: Rembuk, parts: list[PdfPart], finish: PdfFinish
) -> list[tuple[str, bytes]]:
    """``paket.pdf`` finished (and, with signature fields, ``paket.ttd.json``)."""
    data = _bundle(rembuk, [(part.name, part.pdf) for part in parts])
    return finish.bundle_files(parts, file="paket.pdf", data=data)


def _bundle(rembuk: Rembuk, parts: list[tuple[str, bytes]]) -> bytes:
    from .bundle import Part, bundle_pdfs

    event = rembuk.event
    author = rembuk.issuer
    return bundle_pdfs(
        [Part(name, pdf) for name, pdf in parts],
        title=f"Paket Dokumen {event.name}",
        author=author,
        subject=event.name,
    )


def write_atomic(path: Path, data: bytes) -> Path:
    """Write one file atomically; kept for callers of old, see :func:`rembuk_docs.output.write_file`."""
    return write_file(path, data)
