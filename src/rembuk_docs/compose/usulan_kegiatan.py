"""The usulan kegiatan: a desa's proposed convergence activities, as a table for the RKP Desa."""

from __future__ import annotations

from decimal import Decimal

from ..errors import DefinitionError, Problem
from ..formats.pack import FormatPack
from ..indonesian import format_decimal, format_number, rupiah, tanggal
from ..model import Rembuk, Village
from .blocks import (
    Align,
    Block,
    Column,
    DataTable,
    Document,
    Fields,
    Paragraph,
    SignatureGrid,
    Title,
    plain,
)
from .common import letterhead, signature_block
from .dana_desa import RKP_DESA, fiscal_year, share_phrase
from .meeting import signing_line
from .signing_table import MIN_ROW_HEIGHT_PT

NAME = "usulan-kegiatan"
TITLE = "Usulan Kegiatan Konvergensi Pencegahan Stunting"
_COLUMNS = (
    Column("No", 0.8, Align.CENTER),
    Column("Kegiatan", 4.4),
    Column("Sasaran", 2.4),
    Column("Volume", 1.8, Align.RIGHT),
    Column("Satuan", 1.5),
    Column("Biaya (Rp)", 2.7, Align.RIGHT),
    Column("Sumber Dana", 2.2),
)
_FONT_DELTA = -2.0  # 10 pt: 'Rp1.250.000.000' fits the cost column on one line


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the usulan kegiatan; raise DefinitionError when the definition has no village."""
    village = rembuk.village
    if village is None:
        raise DefinitionError(
            [
                Problem(
                    "village",
                    "the usulan kegiatan needs a village section (kepala_desa, pagu_dana_desa, "
                    "activities); add it, or leave the usulan kegiatan out",
                )
            ]
        )
    region = rembuk.region
    event = rembuk.event
    year = fiscal_year(rembuk, village)
    fields: list[tuple[str, str]] = [("Desa", region.name)]
    if region.kecamatan:
        fields.append(("Kecamatan", region.kecamatan))
    if region.kabupaten:
        fields.append(("Kabupaten", region.kabupaten))
    fields += [
        ("Hasil", f"{event.name}, {tanggal(event.date)}"),
        (
            "Pagu Dana Desa",
            f"{rupiah(village.pagu_dana_desa)} (Tahun Anggaran {year})",
        ),
    ]
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(
            (
                TITLE.upper(),
                f"{region.title.upper()} TAHUN ANGGARAN {year}",
            )
        ),
        Fields(tuple(fields), label_width_cm=4.0),
        Paragraph(
            plain(
                f"Usulan kegiatan berikut disepakati dalam {event.name} untuk dimuat dalam "
                f"{RKP_DESA} Tahun {year}. Usulan yang bersumber dari Dana Desa berjumlah "
                f"{share_phrase(rembuk, village)}."
            )
        ),
        # the signatures close the table, so they never stand alone on a page
        _table(village, _signatures(rembuk, village, pack)),
    ]
    return Document(
        name=NAME,
        title=f"{TITLE} {region.title} Tahun Anggaran {year}",
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "usulan kegiatan", "RKP Desa", region.title),
    )


def _money(amount: Decimal, decimals: int) -> str:
    return format_number(amount, decimals=decimals)


def _table(village: Village, closing: SignatureGrid) -> DataTable:
    """One row per activity, per-source subtotals when there is more than one source, the total."""
    activities = village.activities
    if not activities:
        rows = [(str(number), *("",) * 6) for number in range(1, village.blank_rows + 1)]
        rows.append(("", "JUMLAH", "", "", "", "", ""))
        return DataTable(
            columns=_COLUMNS,
            rows=rows,
            min_row_height_pt=MIN_ROW_HEIGHT_PT,
            font_size_delta=_FONT_DELTA,
            closing=closing,
        )
    decimals = 2 if any(a.cost != a.cost.to_integral_value() for a in activities) else 0
    rows = [
        (
            str(number),
            activity.name,
            activity.target_group or "-",
            format_decimal(activity.volume) if activity.volume is not None else "-",
            activity.unit or "-",
            _money(activity.cost, decimals),
            activity.source_label,
        )
        for number, activity in enumerate(activities, start=1)
    ]
    sources = list(dict.fromkeys(a.source_label for a in activities))
    if len(sources) > 1:
        for label in sources:
            subtotal = sum((a.cost for a in activities if a.source_label == label), Decimal(0))
            rows.append(("", f"Jumlah {label}", "", "", "", _money(subtotal, decimals), label))
    rows.append(("", "JUMLAH", "", "", "", _money(village.activities_total(), decimals), ""))
    return DataTable(columns=_COLUMNS, rows=rows, font_size_delta=_FONT_DELTA, closing=closing)


def _signatures(rembuk: Rembuk, village: Village, pack: FormatPack) -> SignatureGrid:
    """The kepala desa signs; the BPD chair, when known, signs 'Mengetahui,' on the left."""
    place_date = signing_line(rembuk, None)
    head = signature_block(village.kepala_desa, pack, before=(place_date,))
    if village.bpd_chair is None:
        return SignatureGrid(
            blocks=(head,),
            columns=2,
            space_lines=pack.signature.space_lines,
            last_alone_right=True,
        )
    return SignatureGrid(
        blocks=(signature_block(village.bpd_chair, pack, before=("Mengetahui,",)), head),
        columns=2,
        space_lines=pack.signature.space_lines,
    )
