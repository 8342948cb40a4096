"""PDF/A-2b: turns a finished PDF (one document or the bundle) into an archival PDF/A-2b file.

What is added: an sRGB OutputIntent with the ICC profile shipped in ``writers/data/sRGB.icc``
(zlib licence, ``sRGB-LICENSE.txt`` beside it) and an XMP packet written from the document
information (title, author, subject, keywords, dates) declaring pdfaid part 2, conformance B.
What is checked before the bytes are returned: pikepdf's PDF/A allowlist validator (built from
the veraPDF rules) must pass on the file as it is saved; fonts are already embedded by the writer,
and nothing here encrypts or refers outside the file. The output depends only on the input
bytes: the XMP dates are the document's own and the file identifier is derived from the content.
"""

from __future__ import annotations

import io
import re
from functools import cache
from importlib import resources
from typing import Any

from ..errors import InputError, Problem, RenderError
from ..messages import Message
from .xml_text import escape

PRODUCER = "rembuk-docs"
"""The /Producer of every PDF/A file, in the document information and the XMP alike."""

FLAVOUR = "2b"

_PDF_DATE = re.compile(
    r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?"
)


class PdfaError(RenderError):
    """The PDF/A validator refused the file; the message names the document and the rules."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:  # in the language in force when it is shown
        return str(self.message)


class PdfaUnavailableError(InputError):
    """PDF/A was asked for, but the optional packages (``pip install 'rembuk-docs[tte]'``) are missing."""


@cache
def srgb_profile() -> bytes:
    """The bytes of the shipped sRGB ICC profile."""
    return resources.files(__package__).joinpath("data", "sRGB.icc").read_bytes()


def xmp_date(value: str) -> str:
    """A PDF date ('D:20220725000000+00'00'') as an XMP date ('2022-07-25T00:00:00+00:00')."""
    match = _PDF_DATE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a PDF date: {value!r}")
    year, month, day, hour, minute, second, zone = match.groups()
    stamp = f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if zone is None or zone in "Zz":
        return stamp + "Z"
    digits = zone.replace("'", "")
    return f"{stamp}{digits[:3]}:{digits[3:5]}"


def xmp_packet(info: dict[str, str]) -> bytes:
    """The XMP metadata of a document whose information dictionary is ``info`` (keys without the
    slash: Title, Author, Subject, Keywords, Creator, Producer, CreationDate, ModDate)."""

    def alt(tag: str, value: str) -> str:
        return (
            f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li>'
            f"</rdf:Alt></{tag}>"
        )

    lines: list[str] = []
    if info.get("Title"):
        lines.append(alt("dc:title", info["Title"]))
    if info.get("Author"):
        lines.append(
            f"<dc:creator><rdf:Seq><rdf:li>{escape(info['Author'])}</rdf:li></rdf:Seq></dc:creator>"
        )
    if info.get("Subject"):
        lines.append(alt("dc:description", info["Subject"]))
    if info.get("Keywords"):
        lines.append(f"<pdf:Keywords>{escape(info['Keywords'])}</pdf:Keywords>")
    lines.append(f"<pdf:Producer>{escape(info.get('Producer', PRODUCER))}</pdf:Producer>")
    if info.get("Creator"):
        lines.append(f"<xmp:CreatorTool>{escape(info['Creator'])}</xmp:CreatorTool>")
    for key, tag in (("CreationDate", "xmp:CreateDate"), ("ModDate", "xmp:ModifyDate")):
        if info.get(key):
            lines.append(f"<{tag}>{xmp_date(info[key])}</{tag}>")
    if info.get("ModDate"):  # the metadata dates from the document, not from the clock
        lines.append(f"<xmp:MetadataDate>{xmp_date(info['ModDate'])}</xmp:MetadataDate>")
    lines.append("<pdfaid:part>2</pdfaid:part>")
    lines.append("<pdfaid:conformance>B</pdfaid:conformance>")
    body = "\n".join(f"   {line}" for line in lines)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _modules() -> tuple[Any, Any]:
    try:
        import pikepdf
        from pikepdf import pdfa
    except ImportError as exc:
        raise PdfaUnavailableError(
            [Problem("--pdfa", Message("tte.pdfa.unavailable", missing=exc.name or "pikepdf"))]
        ) from None
    return pikepdf, pdfa


def _known_good(finding: Any, *, form_fields: bool) -> bool:
    """Whether ``finding`` is the validator saying it does not check interactive forms, for the
    signature fields we add ourselves (writers/pdf_fields.py: printable widgets with an
    appearance, no actions, no NeedAppearances: what PDF/A-2 asks of a form)."""
    return (
        form_fields
        and finding.kind == "unsupported"
        and finding.rule == "pikepdf:schema-Catalog"
        and "/AcroForm" in finding.message
    )


def to_pdfa(data: bytes, *, name: str = "", form_fields: bool = False) -> bytes:
    """``data`` (a PDF) as a PDF/A-2b file; ``name`` (the document) is used in error messages.

    ``form_fields`` says that ``data`` carries signature fields from
    :func:`~.pdf_fields.add_signature_fields`; the validator does not check interactive forms,
    so its note that it did not is accepted for them (tests check those fields structurally).

    Raises :class:`PdfaUnavailableError` when pikepdf is missing and :class:`PdfaError` when
    the validator refuses the result.
    """
    pikepdf, pdfa = _modules()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:  # reportlab writes an empty /Trans; PDF/A has no use for it
            if "/Trans" in page.obj and len(page.obj.Trans) == 0:
                del page.obj["/Trans"]
        if "/DocChecksum" in pdf.trailer:  # LibreOffice's own key, outside ISO 32000
            del pdf.trailer["/DocChecksum"]
        if "/OpenAction" in pdf.Root:  # LibreOffice's 'open at page 1, fit width': a viewer default
            del pdf.Root["/OpenAction"]
        pdfa.prepare(pdf, FLAVOUR, output_intent=srgb_profile())
        info = {str(key)[1:]: str(value) for key, value in pdf.docinfo.items()}
        for key in ("CreationDate", "ModDate"):
            if key in info:  # one spelling of the date, the same as the XMP's
                info[key] = _pdf_date(xmp_date(info[key]))
                pdf.docinfo[f"/{key}"] = info[key]
        info["Producer"] = PRODUCER
        pdf.docinfo["/Producer"] = PRODUCER
        pdf.Root.Metadata = pdf.make_stream(
            xmp_packet(info), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )
        report = pdfa.check(pdf, FLAVOUR, deterministic_id=True)
        refused = [f for f in report.findings if not _known_good(f, form_fields=form_fields)]
        if refused:
            findings = "; ".join(str(finding) for finding in refused[:5])
            raise PdfaError(Message("tte.pdfa.refused", name=name or "PDF", findings=findings))
        out = io.BytesIO()
        pdf.save(out, **report.save_kwargs)
    return out.getvalue()


def _pdf_date(value: str) -> str:
    """An XMP date as a PDF date: '2022-07-25T00:00:00+00:00' -> "D:20220725000000+00'00'"."""
    stamp, zone = value[:19], value[19:]
    digits = re.sub(r"\D", "", stamp)
    if zone in ("", "Z"):
        return f"D:{digits}Z"
    return f"D:{digits}{zone[:3]}'{zone[4:6]}'"
