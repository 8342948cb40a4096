"""The rencana kegiatan: the integrated intervention plan as the matrix lampiran of the kesepakatan.

Landscape pages; rows grouped by OPD with a subtotal each, the grand total in figures and in
words, and 'Mengetahui' of the signatory the pack names (the Bupati, or the Ketua TPPS).
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import Problem, require
from ..formats.pack import FormatPack
from ..indonesian import format_decimal, format_number, rupiah, rupiah_terbilang
from ..messages import Message
from ..model import ActivityPlan, PlannedActivity, Rembuk
from .blocks import (
    Align,
    Block,
    Column,
    DataTable,
    Document,
    Orientation,
    Paragraph,
    SignatureGrid,
    Title,
    plain,
)
from .common import KOP_WORDING, place_and_date, signature_block
from .lampiran import (
    LAMPIRAN_WORDING,
    acknowledging_signatory,
    agreement_number,
    lampiran_lines,
    signer_problems,
)
from .wording import Wording

NAME = "rencana-kegiatan"
WORDING = (
    *KOP_WORDING,
    "rencana_kegiatan.judul",
    *LAMPIRAN_WORDING,
    "rencana_kegiatan.pengantar",
    "rencana_kegiatan.mengetahui",
    "rencana_kegiatan.penanda_tangan",
    *(
        f"rencana_kegiatan.kolom.{key}"
        for key in (
            "no",
            "program",
            "intervensi",
            "sasaran",
            "indikator",
            "target",
            "lokasi",
            "pagu",
            "sumber_dana",
            "opd",
        )
    ),
    *(f"rencana_kegiatan.label.{key}" for key in ("program", "kegiatan", "sub_kegiatan")),
    *(f"rencana_kegiatan.intervensi.{key}" for key in ("spesifik", "sensitif", "pendukung")),
    "rencana_kegiatan.jumlah_opd",
    "rencana_kegiatan.jumlah",
    "rencana_kegiatan.terbilang",
)
"""Every wording key the rencana kegiatan uses."""
# (wording key of the title, relative width, alignment): the Bappenas juknis table 2.3 columns
_COLUMNS = (
    ("no", 0.8, Align.CENTER),
    ("program", 5.4, Align.LEFT),
    ("intervensi", 1.9, Align.CENTER),
    ("sasaran", 2.4, Align.LEFT),
    ("indikator", 3.3, Align.LEFT),
    ("target", 1.9, Align.RIGHT),
    ("lokasi", 2.6, Align.LEFT),
    ("pagu", 2.8, Align.RIGHT),
    ("sumber_dana", 1.9, Align.LEFT),
    ("opd", 2.6, Align.LEFT),
)
_PAGU = 7
_FONT_DELTA = -3.0  # 9 pt at a 12 pt body: ten columns across a landscape page


def requirements(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What the matrix needs: its rows, and a signatory who signs 'Mengetahui'."""
    plan = rembuk.rencana_kegiatan
    if plan is None or not plan.items:
        return [Problem(("rencana_kegiatan",), Message("requires.rencana_kegiatan.rows"))]
    return signer_problems(
        rembuk,
        pack,
        plan.acknowledged_by,
        key="rencana_kegiatan.penanda_tangan",
        location="rencana_kegiatan.acknowledged_by",
    )


def plan_of(rembuk: Rembuk) -> ActivityPlan:
    """The definition's plan; DefinitionError when it has none or no rows."""
    plan = rembuk.rencana_kegiatan
    if plan is None or not plan.items:
        require([Problem(("rencana_kegiatan",), Message("requires.rencana_kegiatan.rows"))])
    assert plan is not None  # required above
    return plan


def plan_year(rembuk: Rembuk, plan: ActivityPlan) -> int:
    """The plan's year: as given, else the year after the rembuk (the RKPD it feeds)."""
    return plan.year or rembuk.event.date.year + 1


def compose(rembuk: Rembuk, pack: FormatPack) -> Document:
    """Compose the matrix on landscape pages, titled as a lampiran of the kesepakatan."""
    require(requirements(rembuk, pack))
    plan = plan_of(rembuk)
    agreement = rembuk.agreement
    event = rembuk.event
    day = agreement.date or event.date
    number = agreement_number(rembuk, pack)
    say = Wording(rembuk, pack, name=NAME, number=number)
    year = plan_year(rembuk, plan)
    kind = agreement.kind.value
    title = (
        tuple(line.strip() for line in plan.title.splitlines() if line.strip())
        if plan.title
        else say.lines("rencana_kegiatan.judul", tahun=year)
    )
    total = plan.total()
    words = say.paragraph(
        "rencana_kegiatan.terbilang", jumlah=rupiah(total), terbilang=rupiah_terbilang(total)
    )
    signer = acknowledging_signatory(
        rembuk,
        pack,
        plan.acknowledged_by,
        key="rencana_kegiatan.penanda_tangan",
        location="rencana_kegiatan.acknowledged_by",
    )
    closing = SignatureGrid(
        blocks=(
            signature_block(
                signer,
                pack,
                before=(
                    place_and_date(rembuk, plan.place),
                    say.paragraph("rencana_kegiatan.mengetahui"),
                ),
            ),
        ),
        columns=2,
        heading=(words, ""),
        heading_align=Align.LEFT,
        space_lines=pack.signature.space_lines,
        last_alone_right=True,
    )
    blocks: list[Block] = [
        Orientation(landscape=True),
        lampiran_lines(rembuk, say, landscape=True),
        Title(title),
        Paragraph(plain(say.paragraph("rencana_kegiatan.pengantar", tahun=year, jenis=kind))),
        _table(plan, say, closing),
    ]
    return Document(
        name=NAME,
        title=" ".join(title).title() if not plan.title else " ".join(title),
        subject=event.name,
        author=rembuk.issuer,
        date=day,
        blocks=tuple(blocks),
        keywords=("rembuk stunting", "rencana kegiatan", "RKPD", rembuk.region.title),
        number=number,
    )


def _decimals(plan: ActivityPlan) -> int:
    return 2 if any(i.budget != i.budget.to_integral_value() for i in plan.items) else 0


def _name_cell(item: PlannedActivity, say: Wording) -> str:
    """Program, kegiatan and sub kegiatan on lines of their own, labelled when there are several."""
    parts = [
        (key, text)
        for key, text in (
            ("program", item.program),
            ("kegiatan", item.activity),
            ("sub_kegiatan", item.sub_activity),
        )
        if text
    ]
    if len(parts) == 1:
        return parts[0][1]
    return "\n".join(
        _labelled(say.paragraph(f"rencana_kegiatan.label.{key}"), text) for key, text in parts
    )


def _labelled(label: str, text: str) -> str:
    """``text`` after its label, unless it already begins with the label's word: a program's
    name reads "Program Pemenuhan ...", so "Program: Program Pemenuhan ..." says it twice."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if label and first.casefold() == label.casefold():
        return text
    return f"{label}: {text}"


def _target_cell(item: PlannedActivity) -> str:
    if item.target is None:
        return item.unit or "-"
    return f"{format_decimal(item.target)} {item.unit or ''}".strip()


def plan_rows(plan: ActivityPlan, say: Wording) -> tuple[list[tuple[str, ...]], set[int], set[int]]:
    """The table's rows, the rows printed bold, and the rows kept with the one before them."""
    decimals = _decimals(plan)
    groups = plan.by_opd()
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    kept: set[int] = set()
    kinds = {
        k: say.paragraph(f"rencana_kegiatan.intervensi.{k}")
        for k in ("spesifik", "sensitif", "pendukung")
    }
    number = 0
    for opd, items in groups:
        for item in items:
            number += 1
            rows.append(
                (
                    str(number),
                    _name_cell(item, say),
                    kinds[item.intervention.value],
                    item.target_group or "-",
                    item.indicator or "-",
                    _target_cell(item),
                    item.location or "-",
                    format_number(item.budget, decimals=decimals),
                    item.funding_source or "-",
                    item.opd,
                )
            )
        if len(groups) > 1:
            subtotal = sum((item.budget for item in items), Decimal(0))
            kept.add(len(rows))
            bold.add(len(rows))
            label = say.paragraph("rencana_kegiatan.jumlah_opd", opd=opd)
            rows.append(
                ("", label, "", "", "", "", "", format_number(subtotal, decimals=decimals), "", "")
            )
    kept.add(len(rows))
    bold.add(len(rows))
    rows.append(
        (
            "",
            say.paragraph("rencana_kegiatan.jumlah"),
            *("",) * 5,
            format_number(plan.total(), decimals=decimals),
            "",
            "",
        )
    )
    return rows, bold, kept


def _table(plan: ActivityPlan, say: Wording, closing: SignatureGrid) -> DataTable:
    rows, bold, kept = plan_rows(plan, say)
    columns = tuple(
        Column(say.paragraph(f"rencana_kegiatan.kolom.{key}"), width, align)
        for key, width, align in _COLUMNS
    )
    return DataTable(
        columns=columns,
        rows=rows,
        font_size_delta=_FONT_DELTA,
        closing=closing,
        closing_keeps_rows=2,
        bold_rows=frozenset(bold),
        keep_with_previous=frozenset(kept),
    )
