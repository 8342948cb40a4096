"""The PDF writer: turns a composed Document into a PDF with reportlab, fonts embedded."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    NextPageTemplate,
    PageTemplate,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus.doctemplate import LayoutError

from ..compose.blocks import (
    DataTable,
    Document,
    Fields,
    Letterhead,
    NumberedList,
    Orientation,
    PageBreak,
    Paragraph,
    PictureGrid,
    SignatureBlock,
    SignatureGrid,
    Spacer,
    Title,
)
from ..compose.layout import (
    AFTER_TABLE_PT,
    FRAME_FOOT_SLACK_PT,
    SINGLE_LINE,
    PageRoom,
    column_widths,
    lead_signatures,
    page_of_total_parts,
)
from ..errors import DefinitionError, Problem
from ..formats.pack import FormatPack
from ..messages import Message
from . import pdf_long_text as long_text
from .fonts import FontSet, coverage, font_set
from .glyphs import fit_to_font
from .measure import text_width
from .pdf_blocks import fields, numbered_list, picture_grid, title
from .pdf_canvas import canvas_class
from .pdf_furniture import page_furniture
from .pdf_layouts import LAYOUTS, Layout, Pending
from .pdf_letterhead import letterhead
from .pdf_paragraph import markup
from .pdf_signature import SignatureSpot, SigningSpace, table_spots
from .pdf_signature_grid import signature_grid, signature_rows
from .pdf_styles import ALIGN, Styles
from .pdf_table import LongTable, PagesSkippedHook, SignatureCellHook
from .pdf_verification import VerificationMark, draw_mark


class PdfWriter:
    """Writes PDF bytes. One instance per document.

    Given a ``verification`` mark, the last page carries it (QR code and short code) in the
    bottom margin. With ``signature_spots``, :attr:`spots` holds, after :meth:`write`, where
    each signatory's signing space was drawn (see :mod:`.pdf_signature`); with
    ``signature_tags`` too, each space carries its tag text, printed invisibly.

    A ``measure_only`` writer only measures pages (:meth:`page_space`, for a document whose
    PDF is not written): it keeps no layout to write, and the pages a long table fills alone
    are counted from its row heights, not laid out one by one (the same room on every page).
    """

    def __init__(
        self,
        pack: FormatPack,
        *,
        signature_spots: bool = False,
        signature_tags: bool = False,
        verification: VerificationMark | None = None,
        measure_only: bool = False,
    ) -> None:
        self.pack = pack
        self.measure_only = measure_only
        self.verification = verification
        self.signature_spots = signature_spots
        self.signature_tags = signature_tags
        self.spots: list[SignatureSpot] = []
        self.layout_passes = 0
        """How many times this writer laid pages out (a reused layout is not counted)."""
        self._document_name = ""
        self._on_flowable: Callable[[int, Frame, Flowable], None] | None = None
        self._on_pages_skipped: PagesSkippedHook | None = None
        self.fonts: FontSet = font_set(pack)
        size = pack.font.size
        self.size = size
        self.leading = size * SINGLE_LINE * pack.font.line_spacing
        self.styles = Styles(self.fonts, size, self.leading)
        """The paragraph and table styles of the pack's font, each made once."""
        self.base: ParagraphStyle = self.styles.base

    def page_space(self, document: Document) -> PageRoom:
        """Lay ``document`` out as :meth:`write` does and tell, for each page, the space in
        points left empty at its foot (under the last thing drawn on it).

        The layout is kept (:class:`.pdf_layouts.Layouts`): when :meth:`write` is then asked
        for the same document by a writer of the same settings, it returns these bytes instead
        of laying the pages out again. A ``measure_only`` writer keeps nothing: the pages a
        long table fills alone are counted, not laid out (see ``LongTable.build``)."""
        plain = self._plain() and not self.measure_only
        if plain:
            known = LAYOUTS.recall(self.pack, document)
            if known is not None:
                return known.space
        free: dict[int, float] = {}
        heights: dict[int, float] = {}
        breaks: set[int] = set()
        skipped: list[tuple[int, list[float], float]] = []  # pages a table counted (measure_only)
        shift = 0  # the pages counted before the page laid out

        def record(page: int, frame: Frame, flowable: Flowable) -> None:
            nonlocal shift
            while skipped and page > skipped[0][0]:
                after, spaces, height = skipped.pop(0)
                for number, space in enumerate(spaces, start=after + shift + 1):
                    free[number], heights[number] = space, height
                shift += len(spaces)
            page += shift
            free[page] = frame._y - frame._y1p
            heights[page] = frame._y2 - frame._topPadding - frame._y1p
            if isinstance(flowable, RLPageBreak):
                breaks.add(page)  # the page after it (page numbers are 1-based)

        self._on_flowable = record
        if self.measure_only:
            self._on_pages_skipped = lambda page, spaces, height: skipped.append(
                (page, spaces, height)
            )
        try:
            with warnings.catch_warnings(record=True) as caught:
                # the writer that writes the file gives them (replayed when it reuses this)
                warnings.simplefilter("always")
                pending = self._lay_out(document, deferred=True)
        finally:
            self._on_flowable = self._on_pages_skipped = None
        if skipped:  # never: a table's next piece is laid out after the pages it counted
            raise RuntimeError("pages counted by a table's measure were not placed")
        pages = range(1, max(free, default=0) + 1)
        space = PageRoom(
            [free.get(page, 0.0) for page in pages],
            [heights.get(page, 0.0) for page in pages],
            frozenset(breaks),
        )
        if plain:
            given = tuple((found.message, found.category) for found in caught)
            LAYOUTS.remember(Layout(self.pack, document, pending, space, given))
        return space

    def settle(self, document: Document) -> None:
        """Tell the writer that fitting settled on ``document``: its measured layout is kept
        for the write of the file, the other layouts tried for it are dropped."""
        LAYOUTS.settle(self.pack, document)

    def _plain(self) -> bool:
        """Whether this writer's output depends on the document and the pack alone (no
        signing spots, no verification mark): then a measured layout can be reused."""
        return not self.signature_spots and self.verification is None

    def write(self, document: Document) -> bytes:
        """Return the PDF file of ``document`` (byte-identical for identical input)."""
        if self._plain():
            known = LAYOUTS.recall(self.pack, document)
            if known is not None:  # page_space just laid this very document out
                self.spots = []
                self._document_name = document.name
                for message, category in known.warnings:
                    warnings.warn(message, category, stacklevel=2)
                return known.data.data()
        return self._lay_out(document).data()

    def _lay_out(self, document: Document, *, deferred: bool = False) -> Pending:
        """Lay ``document`` out (one layout pass) and give its PDF file; ``deferred``: saved
        only when first asked for."""
        self.layout_passes += 1
        document = fit_to_font(document, coverage(self.fonts.regular))
        self.spots = []
        self._document_name = document.name
        page = self.pack.page
        width, height = (value * mm for value in page.size_mm)
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=(width, height),
            leftMargin=page.margin_left_cm * cm,
            rightMargin=page.margin_right_cm * cm,
            topMargin=page.margin_top_cm * cm,
            bottomMargin=page.margin_bottom_cm * cm,
            title=document.title,
            author=document.author,
            subject=document.subject,
            keywords=list(document.keywords),
            creator="rembuk-docs",
            invariant=1,
            initialFontName=self.fonts.regular,
            initialFontSize=self.size,
            pageCompression=1,
        )
        number_from_top = None
        if document.page_numbers and page.numbers == "top-center":
            number_from_top = page.margin_top_cm * cm / 2 + self.size / 3
        self._furniture = page_furniture(
            self.fonts, self.size, watermark=document.watermark, number_from_top=number_from_top
        )
        templates = {
            landscape: self._page_template(template, landscape) for landscape in (False, True)
        }
        blocks = lead_signatures(document.blocks)
        first = blocks[0] if blocks else None
        starts_landscape = isinstance(first, Orientation) and first.landscape
        # the first template is the first page's
        template.addPageTemplates([templates[starts_landscape], templates[not starts_landscape]])
        self.frame_width = templates[starts_landscape].frames[0]._width
        self.frame_height = templates[starts_landscape].frames[0]._height
        story: list[Flowable] = []
        for index, block in enumerate(blocks):
            if isinstance(block, Orientation):
                self.frame_width = templates[block.landscape].frames[0]._width
                self.frame_height = templates[block.landscape].frames[0]._height
                if index > 0:
                    story += [NextPageTemplate(templates[block.landscape].id), RLPageBreak()]
                continue
            if isinstance(block, SignatureGrid):
                # what keeps with the grid (its closing sentence, a heading before that) is drawn
                # with the grid's first row, on one page
                lead: list[Flowable] = []
                while story:
                    kept = story[-1].getKeepWithNext()
                    spaced = len(story) > 1 and isinstance(story[-1], RLSpacer)
                    if not (kept or (spaced and story[-2].getKeepWithNext())):
                        break
                    flowable = story.pop()
                    flowable.keepWithNext = 0
                    lead.insert(0, flowable)
                story.extend(self._signature_grid(block, lead=lead))
                continue
            story.extend(self._block(block))
        saves: list[Callable[[], None]] | None = [] if deferred else None
        self._build(template, story, document, saves)
        held = template.canv.held_pages if saves else 0
        return Pending(saves[0] if saves else None, buffer, held)

    def _page_template(self, template: BaseDocTemplate, landscape: bool) -> PageTemplate:
        """The portrait or landscape page: the pack's margins, the paper turned for landscape."""
        page = self.pack.page
        width, height = (value * mm for value in page.size_mm)
        if landscape:
            width, height = height, width
        frame = Frame(
            template.leftMargin,
            template.bottomMargin - FRAME_FOOT_SLACK_PT,
            width - template.leftMargin - template.rightMargin,
            height - template.topMargin - template.bottomMargin + FRAME_FOOT_SLACK_PT,
            0,
            0,
            0,
            0,
            id="landscape" if landscape else "body",
        )
        name = "landscape" if landscape else "page"
        return PageTemplate(
            id=name, frames=[frame], pagesize=(width, height), onPage=self._furniture
        )

    def _build(
        self,
        template: BaseDocTemplate,
        story: list[Flowable],
        document: Document,
        deferred: list[Callable[[], None]] | None,
    ) -> None:
        page = self.pack.page
        footer = None
        if document.page_numbers and page.numbers == "page-of-total":
            footer = (
                self.fonts.regular,
                page.margin_right_cm * cm,
                page.margin_bottom_cm * cm / 2,
                page_of_total_parts(self.pack),
            )
        record = self._on_flowable
        if record is not None:

            def after(flowable: Flowable) -> None:
                frame = getattr(template, "frame", None)
                if frame is not None:
                    record(template.page, frame, flowable)

            template.afterFlowable = after
        try:
            canvas = canvas_class(document.date, footer, self._verification_mark(), deferred)
            template.build(story, canvasmaker=canvas)
        except LayoutError:  # one table row or block taller than a whole page
            message = Message("layout.text_too_long", document=document.name)
            raise DefinitionError([Problem(document.name, message)]) from None

    def _verification_mark(self) -> Callable[[Canvas], None] | None:
        """What draws the verification mark on the last page, or ``None`` without one."""
        mark = self.verification
        if mark is None:
            return None
        font, page = self.fonts.regular, self.pack.page
        left, bottom = page.margin_left_cm * cm, page.margin_bottom_cm * cm
        return lambda canvas: draw_mark(canvas, mark, font, left=left, bottom_margin=bottom)

    def _block(self, block: object) -> list[Flowable]:
        match block:
            case Letterhead():
                return letterhead(block, self.styles, self.frame_width)
            case Title():
                return title(block, self.styles, self.frame_width)
            case Paragraph():
                style = self.styles.style(
                    alignment=ALIGN[block.align],
                    firstLineIndent=block.first_line_indent_cm * cm,
                    leftIndent=block.left_indent_cm * cm,
                    spaceAfter=block.space_after_pt,
                    keepWithNext=int(block.keep_with_next),
                )
                return [long_text.paragraph(block.content, markup(block.content), style)]
            case NumberedList():
                return numbered_list(block, self.styles)
            case Fields():
                return fields(block, self.styles, self.frame_width)
            case SignatureGrid():
                return self._signature_grid(block)
            case DataTable():
                size = self.size + block.font_size_delta
                faces = (self.fonts.regular, self.fonts.bold)
                widths = column_widths(
                    block,
                    self.frame_width,
                    lambda text, is_bold: text_width(text, faces[is_bold], size),
                    measure_key=(*faces, size),
                )
                trailer = None
                if block.closing is not None:
                    closing, space = block.closing, self._signing_space
                    heading, rows = signature_rows(closing, self.styles, self.frame_width, space)
                    trailer = KeepInFrame(self.frame_width, 0, [*heading, *rows], mode="overflow")
                hook = self._signature_cells(block)
                table = LongTable.build(
                    block,
                    widths,
                    self.fonts,
                    size,
                    trailer,
                    on_signature_cell=hook,
                    on_pages_skipped=self._on_pages_skipped,
                )
                return [table] if trailer is not None else [table, RLSpacer(1, AFTER_TABLE_PT)]
            case PictureGrid():
                return picture_grid(block, self.styles, self.frame_width)
            case Spacer():
                return [RLSpacer(1, block.height_pt)]
            case PageBreak():
                return [RLPageBreak()]
            case Orientation():
                return []  # handled in write(): it changes the page template
        raise TypeError(f"unknown block {type(block).__name__}")

    def _signature_grid(
        self, block: SignatureGrid, *, lead: list[Flowable] | None = None
    ) -> list[Flowable]:
        """The grid's rows on the current page (see :func:`.pdf_signature_grid.signature_grid`)."""
        return signature_grid(
            block,
            self.styles,
            self.pack,
            frame_width=self.frame_width,
            frame_height=self.frame_height,
            signing_space=self._signing_space,
            lead=lead,
        )

    def _signature_cells(self, block: DataTable) -> SignatureCellHook | None:
        """What records each row's signing cell as a spot (see :func:`.table_spots`), in the
        documents whose signing tables the pack gives signature fields (``[pdf]
        signature_field_tables``)."""
        if not self.signature_spots or block.stagger_column is None:
            return None
        if self._document_name not in self.pack.pdf.signature_field_tables:
            return None
        tag_for = self._document_name if self.signature_tags else None
        return table_spots(block, spots=self.spots, font=self.fonts.regular, tag_for=tag_for)

    def _signing_space(self, signature: SignatureBlock, width: float, height: float) -> Flowable:
        """The blank space to sign in; recorded as a :class:`SignatureSpot` when asked."""
        if not self.signature_spots:
            return RLSpacer(1, height)
        return SigningSpace(
            width,
            height,
            spots=self.spots,
            signatory=signature.name,
            jabatan=" ".join(signature.above).strip().rstrip(","),
            font=self.fonts.regular,
            tag_for=self._document_name if self.signature_tags else None,
        )
