"""The usulan kegiatan: a desa's proposed convergence activities, as a table for the RKP Desa."""

from __future__ import annotations

from decimal import Decimal

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import format_decimal, format_number, rupiah
from ..messages import Message
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
from .common import KOP_WORDING, kop_problems, letterhead, signature_block
from .dana_desa import WORDING as DANA_DESA_WORDING
from .dana_desa import fiscal_year, share_phrase
from .meeting import signing_line
from .signing_table import MIN_ROW_HEIGHT_PT
from .wording import Wording

NAME = "usulan-kegiatan"
# the wording key of each column, its width and its alignment
_COLUMNS = (
    ("label.no", 0.8, Align.CENTER),
    ("usulan-kegiatan.kolom_kegiatan", 4.4, Align.LEFT),
    ("usulan-kegiatan.kolom_sasaran", 2.4, Align.LEFT),
    ("usulan-kegiatan.kolom_volume", 1.8, Align.RIGHT),
    ("usulan-kegiatan.kolom_satuan", 1.5, Align.LEFT),
    ("usulan-kegiatan.kolom_biaya", 2.7, Align.RIGHT),
    ("usulan-kegiatan.kolom_sumber", 2.2, Align.LEFT),
)
WORDING = (
    *KOP_WORDING,
    "usulan-kegiatan.nama",
    "usulan-kegiatan.judul",
    "usulan-kegiatan.judul_berkas",
    "usulan-kegiatan.label_desa",
    "usulan-kegiatan.label_kecamatan",
    "usulan-kegiatan.label_kabupaten",
    "usulan-kegiatan.label_hasil",
    "usulan-kegiatan.hasil",
    "usulan-kegiatan.label_pagu",
    "usulan-kegiatan.pagu",
    "usulan-kegiatan.pengantar",
    *(key for key, _, _ in _COLUMNS),
    "usulan-kegiatan.jumlah_sumber",
    "usulan-kegiatan.jumlah",
    "label.mengetahui",
    *DANA_DESA_WORDING,
)
"""Every wording key the usulan kegiatan uses."""
_FONT_DELTA = -2.0  # 10 pt: 'Rp1.250.000.000' fits the cost column on one line


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the usulan kegiatan needs: a village section and a drawable kop."""
    problems = kop_problems(rembuk, pack, NAME)
    if rembuk.village is None:
        problems.append(Problem(("village",), Message("requires.usulan_kegiatan.village")))
    return problems


def _kind_label(label: str, value: str) -> tuple[str, str]:
    """The 'Kabupaten : Kupang' line: the kind the value begins with ("Kabupaten Kupang",
    "Kota Kupang") is the label, so the line never reads "Kabupaten : Kabupaten Kupang"."""
    kind, _, name = value.partition(" ")
    if name and kind.casefold() == label.casefold():
        return label, name
    if name and kind.casefold() == "kota":
        return kind, name
    return label, value


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the usulan kegiatan; raise DefinitionError when :func:`requirements` finds a problem."""
    require(requirements(rembuk, pack))
    village = rembuk.village
    assert village is not None  # required above
    region = rembuk.region
    event = rembuk.event
    year = fiscal_year(rembuk, village)
    say = Wording(rembuk, pack, name=NAME)
    name = say.paragraph("usulan-kegiatan.nama")
    fields: list[tuple[str, str]] = [(say.paragraph("usulan-kegiatan.label_desa"), region.name)]
    if region.kecamatan:
        fields.append((say.paragraph("usulan-kegiatan.label_kecamatan"), region.kecamatan))
    if region.kabupaten:
        fields.append(
            _kind_label(say.paragraph("usulan-kegiatan.label_kabupaten"), region.kabupaten)
        )
    fields += [
        (say.paragraph("usulan-kegiatan.label_hasil"), say.paragraph("usulan-kegiatan.hasil")),
        (
            say.paragraph("usulan-kegiatan.label_pagu"),
            say.paragraph(
                "usulan-kegiatan.pagu",
                pagu=rupiah(village.pagu_dana_desa),
                tahun_anggaran=year,
            ),
        ),
    ]
    introduction = say.paragraph(
        "usulan-kegiatan.pengantar",
        rkp_desa=say.paragraph("dana-desa.rkp_desa"),
        tahun_anggaran=year,
        porsi=share_phrase(say, village),
    )
    blocks: list[Block] = [
        letterhead(rembuk, pack, NAME),
        Title(say.lines("usulan-kegiatan.judul", nama=name, tahun_anggaran=year)),
        Fields(tuple(fields), label_width_cm=4.0),
        Paragraph(plain(introduction)),
        # the signatures close the table, so they never stand alone on a page
        _table(say, village, _signatures(say, village)),
    ]
    return Document(
        name=NAME,
        title=say.paragraph("usulan-kegiatan.judul_berkas", nama=name, tahun_anggaran=year),
        subject=event.name,
        author=rembuk.issuer,
        date=event.date,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "usulan kegiatan", "RKP Desa", region.title),
    )


def _money(amount: Decimal, decimals: int) -> str:
    return format_number(amount, decimals=decimals)


def _table(say: Wording, village: Village, closing: SignatureGrid) -> DataTable:
    """One row per activity, per-source subtotals when there is more than one source, the total."""
    columns = tuple(Column(say.paragraph(key), width, align) for key, width, align in _COLUMNS)
    total_label = say.paragraph("usulan-kegiatan.jumlah")
    activities = village.activities
    if not activities:
        rows = [(str(number), *("",) * 6) for number in range(1, village.blank_rows + 1)]
        rows.append(("", total_label, "", "", "", "", ""))
        return DataTable(
            columns=columns,
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
            subtotal_label = say.paragraph("usulan-kegiatan.jumlah_sumber", sumber=label)
            rows.append(("", subtotal_label, "", "", "", _money(subtotal, decimals), label))
    rows.append(("", total_label, "", "", "", _money(village.activities_total(), decimals), ""))
    # the subtotals and the total never start a page: they stay with the last activity
    totals = frozenset(range(len(activities), len(rows)))
    return DataTable(
        columns=columns,
        rows=rows,
        font_size_delta=_FONT_DELTA,
        closing=closing,
        keep_with_previous=totals,
    )


def _signatures(say: Wording, village: Village) -> SignatureGrid:
    """The kepala desa signs; the BPD chair, when known, signs 'Mengetahui,' on the left."""
    pack = say.pack
    place_date = signing_line(say.rembuk, None)
    head = signature_block(village.kepala_desa, pack, before=(place_date,))
    if village.bpd_chair is None:
        return SignatureGrid(
            blocks=(head,),
            columns=2,
            space_lines=pack.signature.space_lines,
            last_alone_right=True,
        )
    return SignatureGrid(
        blocks=(
            signature_block(village.bpd_chair, pack, before=(say.paragraph("label.mengetahui"),)),
            head,
        ),
        columns=2,
        space_lines=pack.signature.space_lines,
    )
