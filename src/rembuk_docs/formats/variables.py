"""The names every template receives (Word templates and wording snippets alike), with their meaning.

This is the contract with template authors: the guide lists these names, the lint checks templates
against them, and ``compose/context.py`` builds exactly these values.
"""

from __future__ import annotations

CONTEXT_VARIABLES: dict[str, str] = {
    # the definition, as plain values (names as in the YAML file)
    "rembuk": "the whole definition: rembuk.region, rembuk.event, rembuk.agreement, ...",
    "region": "the region: region.kind, region.name, region.province, region.kecamatan",
    "organizer": "the organising office (organizer.name, .address, ...) or none",
    "event": "the meeting: event.name, event.date, event.start, event.venue, event.legal_basis",
    "prevalence": "prevalence figures: each has source, year, value, scope",
    "targets": "targets: each has year, value, scope, basis",
    "priority_villages": "priority villages by year: each has year, term, count, villages, decree",
    "agreement": "the agreement: agreement.kind, .subject, .number, .pledges (text, items, responsible)",
    "signatories": "signatories as written in the definition (name, title_prefix, position, nip, role)",
    "attendees": "attendees as written in the definition",
    # ready-made text
    "document": "the document being made: document.name, document.title, document.number",
    "nomor": "the document's nomor ('440/125/BAPPEDA/VII/2022'), or '' when it has none",
    "kop": "letterhead lines: each has text, size and bold",
    "wilayah": "'Kabupaten Kupang', 'Kota Bontang', 'Kampung ...' (with the pack's terms)",
    "pemerintah": "'Pemerintah Kabupaten Kupang'",
    "judul_acara": (
        "the title's event line, the region said once: the event's name, or 'Kabupaten Kayong "
        "Utara Tahun 2023' when the subject repeats it"
    ),
    "judul_pokok": (
        "the title's subject after TENTANG, without its own 'di Kabupaten Kupang' when the event "
        "line names the region"
    ),
    "kepala_daerah": "'Bupati', 'Wali Kota', 'Kepala Desa' or 'Lurah'",
    "hari_tanggal": "'Senin, 25 Juli 2022' (the event's day and date)",
    "tanggal_acara": "'25 Juli 2022' (the event's date)",
    "tanggal_terbilang": "'hari Senin tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua'",
    "pada_hari_ini": (
        "the opening formula: 'Pada hari ini, Senin, tanggal dua puluh lima bulan Juli tahun dua "
        "ribu dua puluh dua'"
    ),
    "waktu": "'pukul 09.00 s.d. 11.30 WITA' (end: event.end, else minutes.closed_at), or 'pukul 09.00 WITA s.d. selesai'",
    "tempat_tanggal": "'Kupang, 25 Juli 2022' (place and date of signing)",
    "anggaran": "'Rp159.820.750,00 (seratus ... rupiah)' and its source, or '' without a budget",
    "penandatangan": (
        "signatories as printed under Pasal 44: each has jabatan, nama, pangkat and nip "
        "('' where Pasal 44 prints none) and baris (the lines under the name)"
    ),
    "format": "the format pack: format.slug, format.name, format.paper",
}
"""Every name in the context of a template, with a short description for authors."""

FILTERS: dict[str, str] = {
    "tanggal": "{{ event.date | tanggal }} -> 25 Juli 2022",
    "hari_tanggal": "{{ event.date | hari_tanggal }} -> Senin, 25 Juli 2022",
    "terbilang": "{{ 159820750 | terbilang }} -> seratus lima puluh sembilan juta ...",
    "rupiah": "{{ 159820750 | rupiah }} -> Rp159.820.750,00; rupiah(true) adds the words",
    "persen": (
        "{{ 24.7 | persen }} -> 24,7%; persen(true) -> dua puluh empat koma tujuh persen; "
        "persen(desimal=2) rounds half up first: {{ 24.375 | persen(desimal=2) }} -> 24,38%"
    ),
    "nip": "{{ '197203151998032004' | nip }} -> 19720315 199803 2 004 (as the pack groups it)",
    "gabung": "{{ ['a', 'b', 'c'] | gabung }} -> a, b, dan c",
}
"""The Indonesian filters of the sandbox, with an example each."""
