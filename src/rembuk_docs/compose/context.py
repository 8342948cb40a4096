"""The context every template receives: the definition as read-only records plus ready-made text.

The names and their meaning are listed in ``formats/variables.py`` (the contract with authors).
"""

from __future__ import annotations

from typing import Any

from ..formats.pack import FormatPack
from ..formats.template_record import Items, TemplateRecord, to_record
from ..indonesian import (
    format_nip,
    hari_tanggal,
    pada_hari_ini,
    rupiah_with_words,
    tanggal,
    tanggal_terbilang,
    waktu_range,
)
from ..model import Rembuk
from .common import kop_spec, place_and_date, region_title, signature_block, title_parts


def _signatories(rembuk: Rembuk, pack: FormatPack) -> tuple[TemplateRecord, ...]:
    printed = []
    for index, person in enumerate(rembuk.signatories):
        block = signature_block(person, pack)
        shown = person.shows_nip and person.nip
        nip = format_nip(person.nip or "", grouped=pack.signature.nip_grouped) if shown else ""
        rank = person.rank if (nip and person.rank) else ""
        fields = {
            "jabatan": person.position,
            "nama": block.name,
            "pangkat": rank,
            "nip": nip,
            "baris": block.below,
        }
        printed.append(TemplateRecord(fields, f"penandatangan[{index}]"))
    return tuple(printed)


def template_context(
    rembuk: Rembuk,
    pack: FormatPack,
    *,
    name: str = "",
    title: str = "",
    number: str | None = None,
) -> dict[str, Any]:
    """The values a template sees for document ``name`` (its ``title`` and nomor ``number``)."""
    # the attendees (up to 100,000) are dumped one by one, only if a template reads them
    data = rembuk.model_dump(mode="python", exclude={"attendees"})
    data["attendees"] = Items(
        rembuk.attendees, "attendees", dump=lambda person: person.model_dump(mode="python")
    )
    event = rembuk.event
    budget = event.budget
    context: dict[str, Any] = {
        key: to_record(data[key], key)
        for key in (
            "region",
            "organizer",
            "event",
            "prevalence",
            "targets",
            "priority_villages",
            "agreement",
            "signatories",
            "attendees",
        )
    }
    context["rembuk"] = to_record(data, "rembuk")
    context["document"] = TemplateRecord(
        {"name": name, "title": title, "number": number or ""}, "document"
    )
    context["nomor"] = number or ""
    context["kop"] = tuple(
        TemplateRecord({"text": line.text, "size": line.size, "bold": line.bold}, f"kop[{index}]")
        for index, line in enumerate(kop_spec(rembuk, pack, name).lines)
    )
    context["wilayah"] = region_title(rembuk, pack)
    context["pemerintah"] = f"Pemerintah {context['wilayah']}"
    context["judul_acara"], context["judul_pokok"] = title_parts(rembuk, pack)
    context["kepala_daerah"] = rembuk.region.head_title
    context["hari_tanggal"] = hari_tanggal(event.date)
    context["tanggal_acara"] = tanggal(event.date)
    context["tanggal_terbilang"] = tanggal_terbilang(event.date)
    context["pada_hari_ini"] = pada_hari_ini(event.date)
    context["waktu"] = waktu_range(event.start, rembuk.end_time, event.timezone.value)
    context["tempat_tanggal"] = place_and_date(rembuk)
    context["anggaran"] = (
        f"{rupiah_with_words(budget.amount)} bersumber dari {budget.source}" if budget else ""
    )
    context["penandatangan"] = _signatories(rembuk, pack)
    context["format"] = TemplateRecord(
        {"slug": pack.slug, "name": pack.name, "paper": pack.page.paper}, "format"
    )
    return context
