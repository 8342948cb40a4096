"""Long DOCX tables built as one XML string: linear in rows, unlike python-docx's add_row."""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml

from ..compose.blocks import Align, DataTable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right", Align.JUSTIFY: "both"}
TABLE_STYLE = "TeksTabel"
TABLE_HEADER_STYLE = "KepalaTabel"


def _cell(
    text: str, width: int, align: Align, style: str, *, bottom: bool = False, keep: bool = False
) -> str:
    lines = text.split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    valign = '<w:vAlign w:val="bottom"/>' if bottom else ""
    keep_next = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_next}<w:jc w:val="{_JC[align]}"/></w:pPr>'
        f"<w:r>{runs}</w:r></w:p></w:tc>"
    )


def table_xml(table: DataTable, text_width_twips: int) -> str:
    """The ``<w:tbl>`` of a data table: header row marked to repeat, no row allowed to split."""
    total = sum(column.width for column in table.columns)
    widths = [int(text_width_twips * column.width / total) for column in table.columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    ]
    parts.extend(
        _cell(column.title, width, Align.CENTER, TABLE_HEADER_STYLE)
        for column, width in zip(table.columns, widths, strict=True)
    )
    parts.append("</w:tr>")
    height = (
        f'<w:trHeight w:val="{int(table.min_row_height_pt * 20)}" w:hRule="atLeast"/>'
        if table.min_row_height_pt
        else ""
    )
    row_start = f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>"
    aligns = [column.align for column in table.columns]
    stagger = table.stagger_column
    # rows kept with what follows (the closing signature): Word's keep-with-next on their paragraphs
    kept_from = len(table.rows) - table.closing_keeps_rows if table.closing else len(table.rows)
    for index, row in enumerate(table.rows):
        parts.append(row_start)
        keep = index >= kept_from
        for position, (text, width) in enumerate(zip(row, widths, strict=True)):
            if position == stagger:  # odd numbers left, even right, at the foot of the cell
                align = Align.LEFT if index % 2 == 0 else Align.RIGHT
                parts.append(_cell(text, width, align, TABLE_STYLE, bottom=True, keep=keep))
            else:
                parts.append(_cell(text, width, aligns[position], TABLE_STYLE, keep=keep))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def build_table(table: DataTable, text_width_twips: int) -> object:
    """The parsed ``<w:tbl>`` element, ready to insert into the document body."""
    return parse_xml(table_xml(table, text_width_twips))
