"""Checks of a desa's Dana Desa share for stunting against the commitment's own minimum."""

from __future__ import annotations

from ..errors import Problem
from ..indonesian import persen, rupiah
from ..messages import FieldName, Message
from .region import RegionKind
from .rembuk import Rembuk
from .village import FundingSource


def village_problems(rembuk: Rembuk) -> list[Problem]:
    """Problems of the village section: the wrong level, an allocation that differs from its
    activities, and a share outside 0..100% or below ``agreement.dana_desa_min_share``.

    The minimum is the agreement's commitment (domain.md 3.1: no national rule fixes one), so the
    message names that field rather than a regulation. Fields are named as :class:`FieldName`, so
    that a batch shows the column of its sheet (``alokasi_stunting``) where the row set the value.
    """
    village = rembuk.village
    if village is None:
        return []
    if rembuk.region.kind is not RegionKind.DESA:
        return [
            Problem(
                ("village",),
                Message("model.village.not_desa", kind=rembuk.region.kind.value),
            )
        ]
    problems: list[Problem] = []
    computed = village.dana_desa_activities_total()
    has_dana_desa_activities = any(a.source is FundingSource.DANA_DESA for a in village.activities)
    allocation = village.stunting_allocation
    if allocation is not None and has_dana_desa_activities and allocation != computed:
        problems.append(
            Problem(
                ("village", "stunting_allocation"),
                Message(
                    "model.village.allocation_differs",
                    allocation=rupiah(allocation),
                    computed=rupiah(computed),
                    field=FieldName("village", "stunting_allocation"),
                ),
            )
        )
        return problems
    if allocation is None and not village.activities:
        problems.append(
            Problem(
                ("village", "stunting_allocation"),
                Message(
                    "model.village.allocation_missing",
                    field=FieldName("village", "stunting_allocation"),
                    activities=FieldName("village", "activities"),
                ),
            )
        )
        return problems
    where = ("village", "stunting_allocation" if allocation is not None else "activities")
    funds = village.stunting_funds()
    if funds > village.pagu_dana_desa:
        problems.append(
            Problem(
                where,
                Message(
                    "model.village.exceeds_pagu",
                    funds=rupiah(funds),
                    pagu=rupiah(village.pagu_dana_desa),
                ),
            )
        )
        return problems
    minimum = rembuk.agreement.dana_desa_min_share
    if not village.meets(minimum):
        problems.append(
            Problem(
                where,
                Message(
                    "model.village.share_below",
                    share=persen(village.shortfall_share()),
                    funds=rupiah(funds),
                    pagu=rupiah(village.pagu_dana_desa),
                    minimum=persen(minimum),
                    fix=Message(
                        "model.village.raise_allocation"
                        if allocation is not None
                        else "model.village.raise_activities",
                        field=FieldName(*where),
                    ),
                    minimum_field=FieldName("agreement", "dana_desa_min_share"),
                ),
            )
        )
    return problems
