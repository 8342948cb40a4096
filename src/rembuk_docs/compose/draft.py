"""Whether a pack of documents is still a draft, and why: example marks and an unfinished kop.

A document is a draft while anything in its definition is marked as an example (``example: true``
on a person, a path in ``examples``) or while its kop has no emblem, uses the placeholder emblem
or has no address. Every page of a draft carries the DRAF watermark, and rendering and ``validate`` warn
with the reasons. A kop that has an address but lacks the postcode, a telephone or an e-mail or
website (domain.md 1.6) is incomplete: its own warning (IncompleteKopWarning), and a draft too.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..formats.pack import PLACEHOLDER_LOGO, FormatPack
from ..messages import FieldName, Message
from ..model import Rembuk
from .common import KopSpec, kop_spec
from .registry import pack_documents

_POSTCODE = re.compile(r"\b\d{5}\b")


def draft_reasons(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """Why ``rembuk`` rendered with ``pack`` is a draft (empty: it is not), each with its place."""
    reasons: list[Problem] = []
    for index, path in enumerate(dict.fromkeys(rembuk.examples)):
        reasons.append(Problem(f"examples[{index}]", Message("draft.example_field", field=path)))
    plan = rembuk.rencana_kegiatan
    plan_rows = [n for n, item in enumerate(plan.items, 1) if item.example] if plan else []
    # the plan's rows are named by their row number in a reason of their own (below), not
    # hidden behind the first three names of people
    names = [name for name in rembuk.example_names if not name.startswith("rencana kegiatan: ")]
    if names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        reasons.append(
            Problem("example", Message("draft.example_names", count=len(names), names=shown))
        )
    if plan_rows:
        rows = ", ".join(str(n) for n in plan_rows[:10]) + (", ..." if len(plan_rows) > 10 else "")
        where_plan = str(rembuk.rencana_kegiatan_file or "rencana_kegiatan.items")
        reasons.append(
            Problem(where_plan, Message("draft.example_plan_rows", count=len(plan_rows), rows=rows))
        )
    where = f"format pack '{pack.slug}', kop"
    kops = _kops(rembuk, pack)
    emblem: dict[str, list[Message]] = {}
    for spec in kops:
        if spec.logo == PLACEHOLDER_LOGO:
            emblem.setdefault("jabatan.logo" if spec.kind == "jabatan" else "logo", []).append(
                KOP_NAMES[spec.kind]
            )
    for field, kinds in emblem.items():
        reasons.append(
            Problem(
                f"{where}.{field}",
                Message("draft.placeholder_emblem", kops=_joined(kinds), field=field),
            )
        )
    # a kop without any emblem (no kop.logo: the built-in packs have none) is no more complete
    # than one with the placeholder: a desa's kop too carries the lambang daerah (domain.md 1.6)
    no_emblem = [KOP_NAMES[s.kind] for s in kops if s.kind != "jabatan" and s.logo is None]
    if no_emblem:
        key = "draft.kop_no_emblem" + ("_builtin" if pack.source == "built-in" else "")
        reasons.append(
            Problem(f"{where}.logo", Message(key, kops=_joined(no_emblem), slug=pack.slug))
        )
    for spec in kops:
        if spec.kind != "jabatan" and not spec.address and not pack.kop.lines:
            field = "pemda.address" if spec.kind == "pemda" else "address"
            # an OPD's or a desa's kop prints the definition's organizer when it has one
            no_address = "draft.kop_no_address" + ("_opd" if spec.kind in ("opd", "desa") else "")
            organizer = FieldName("organizer", "address", phrase="field.in_definition")
            message = Message(
                no_address, kop=KOP_NAMES[spec.kind], field=field, organizer=organizer
            )
            reasons.append(Problem(f"{where}.{field}", message))
    return reasons


KOP_NAMES = {kind: Message(f"draft.kop.{kind}") for kind in ("pemda", "opd", "jabatan", "desa")}
"""How the warnings name each kind of kop ('kop pemerintah daerah'), in the user's language."""


def _joined(names: list[Message]) -> Message:
    """'a dan b', 'a, b dan c' (English: 'and')."""
    if len(names) == 1:
        return names[0]
    return Message("draft.and", most=names[:-1], last=names[-1])


KOPLESS = frozenset({"lembar-tanda-tangan"})
"""Documents without a kop of their own (the lembar tanda tangan continues the agreement)."""


def _kops(rembuk: Rembuk, pack: FormatPack) -> list[KopSpec]:
    """The different kops the documents of the pack carry, one of each kind, in pack order."""
    kops: dict[str, KopSpec] = {}
    for name in pack_documents(rembuk):
        if name not in KOPLESS:
            spec = kop_spec(rembuk, pack, name)
            kops.setdefault(spec.kind, spec)
    return list(kops.values())


def kop_warnings(rembuk: Rembuk, pack: FormatPack) -> list[Problem]:
    """What a kop with an address still lacks: the postcode, a telephone, an e-mail or website
    (read from the printed kop lines, so that it holds wherever the contacts come from)."""
    problems: list[Problem] = []
    for spec in _kops(rembuk, pack):
        if spec.kind == "jabatan" or not spec.address:
            continue
        joined = " ".join(line.text for line in spec.lines)
        missing = []
        if not _POSTCODE.search(spec.address):
            missing.append(Message("draft.missing.postcode"))
        if "Telepon" not in joined and not re.search(r"\(\d{3,4}\)", joined):
            missing.append(Message("draft.missing.telephone"))
        if not re.search(r"@|www\.|\.go\.id|Laman|Pos-el", joined):
            missing.append(Message("draft.missing.contact"))
        if missing:
            message = Message("draft.kop_incomplete", kop=KOP_NAMES[spec.kind], missing=missing)
            problems.append(Problem(f"format pack '{pack.slug}', kop", message))
    return problems
