"""The forms of the web app, as data: sections of fields, nested groups and repeatable lists.

Each node names a key of the definition (the YAML format), so a form field's name is the field
path the library's problems use (``agreement.pledges[2].items[0]``). Posted values are set into
the draft at their path; lists change only through explicit add/remove/move operations.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Choices = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Field:
    """One input: text, textarea, int, number, date, time, select or bool."""

    key: str
    label: str
    kind: str = "text"
    help: str = ""
    choices: Choices = ()
    placeholder: str = ""
    required: bool = False
    wide: bool = False


@dataclass(frozen=True)
class Group:
    """A nested mapping (e.g. ``event.budget``), shown as a fieldset."""

    key: str
    label: str
    nodes: tuple[Node, ...]
    help: str = ""
    note: str = ""  # name of a side note template (e.g. 'pasal44')


@dataclass(frozen=True)
class Repeat:
    """A list: of mappings (``nodes``) or, when ``nodes`` is empty, of text lines."""

    key: str
    label: str
    item_label: str
    add_label: str
    nodes: tuple[Node, ...] = ()
    help: str = ""
    note: str = ""
    multiline: bool = False  # list of text: each line a textarea
    lettered: bool = False  # items are numbered (A), (B), ... as the documents print them
    choices: Choices = ()  # list of text: each line one of these (a select)


Node = Field | Group | Repeat


@dataclass(frozen=True)
class Section:
    """One page of the editor; ``keys`` are the top-level keys whose problems belong to it."""

    slug: str
    title: str
    intro: str
    keys: tuple[str, ...]
    nodes: tuple[Node, ...] = ()
    levels: tuple[str, ...] = ("kabupaten", "kota", "desa", "kelurahan")
    custom: str = ""  # a section with its own template part (attendees, documents)


TIMEZONES: Choices = (("WIB", "WIB"), ("WITA", "WITA"), ("WIT", "WIT"))
SCOPES: Choices = (("daerah", "Daerah ini"), ("provinsi", "Provinsi"), ("nasional", "Nasional"))
ROLES: Choices = (
    ("kepala_daerah", "Kepala daerah (Bupati/Wali Kota)"),
    ("wakil_kepala_daerah", "Wakil kepala daerah"),
    ("sekda", "Sekretaris Daerah"),
    ("acting_head", "Pj/Plt/Plh kepala daerah atau Sekda"),
    ("asn", "ASN lain (pejabat, PNS)"),
    ("non_asn", "Bukan ASN (DPRD, kepala desa, masyarakat, swasta)"),
)
REGION_KINDS: Choices = (
    ("kabupaten", "Kabupaten"),
    ("kota", "Kota"),
    ("desa", "Desa"),
    ("kelurahan", "Kelurahan"),
)
AGREEMENT_KINDS: Choices = (
    ("Kesepakatan Bersama", "Kesepakatan Bersama"),
    ("Komitmen Bersama", "Komitmen Bersama"),
    ("Pernyataan Bersama", "Pernyataan Bersama"),
)

ATTENDANCE_COLUMNS: Choices = (
    ("nama", "Nama"),
    ("nip", "NIP"),
    ("jabatan", "Jabatan"),
    ("instansi", "Instansi"),
    ("jabatan_instansi", "Jabatan/instansi (satu kolom)"),
    ("no_hp", "No. HP"),
    ("jenis_kelamin", "Jenis kelamin (L/P)"),
)
INTERVENTIONS: Choices = (
    ("spesifik", "Spesifik"),
    ("sensitif", "Sensitif"),
    ("pendukung", "Pendukung"),
)

NIP_HELP = (
    "18 angka, boleh dengan spasi: 19720315 199803 2 004 (tanggal lahir, bulan pengangkatan, "
    "jenis kelamin, nomor urut)."
)


def person_fields(*, signatory: bool) -> tuple[Node, ...]:
    """The fields of a person; a signatory adds role, rank and party (Pasal 44)."""
    head: tuple[Node, ...] = (
        (Field("role", "Peran (Pasal 44)", "select", choices=ROLES, required=True),)
        if signatory
        else ()
    )
    return (
        *head,
        Field("name", "Nama lengkap (tanpa gelar)", required=True, placeholder="Maria Lenggu"),
        Field("title_prefix", "Gelar depan", placeholder="dr."),
        Field("title_suffix", "Gelar belakang", placeholder="M.Kes."),
        Field(
            "position",
            "Jabatan",
            required=signatory,
            placeholder="Kepala Dinas Kesehatan Kabupaten Kupang",
            wide=True,
        ),
        *(
            (Field("rank", "Pangkat/golongan", placeholder="Pembina Utama Muda (IV/c)"),)
            if signatory
            else ()
        ),
        Field("nip", "NIP", help=NIP_HELP, placeholder="19720315 199803 2 004"),
        Field("institution", "Instansi", placeholder="Dinas Kesehatan Kabupaten Kupang"),
        *((Field("party", "Pihak", placeholder="Pemerintah Daerah"),) if signatory else ()),
        Field(
            "example",
            "Nama contoh (belum nama sebenarnya)",
            "bool",
            help="Dokumen akan memberi peringatan sampai nama ini diganti.",
        ),
    )


SIGNATORY = person_fields(signatory=True)

SECTIONS: tuple[Section, ...] = (
    Section(
        "wilayah",
        "Wilayah dan penyelenggara",
        "Daerah yang menyelenggarakan rembuk dan kantor yang kop suratnya dipakai.",
        ("region", "organizer"),
        (
            Group(
                "region",
                "Wilayah",
                (
                    Field("kind", "Tingkat", "select", choices=REGION_KINDS, required=True),
                    Field(
                        "name",
                        "Nama wilayah (tanpa kata Kabupaten/Kota/Desa)",
                        required=True,
                        placeholder="Kupang",
                    ),
                    Field("province", "Provinsi", required=True, placeholder="Nusa Tenggara Timur"),
                    Field("kecamatan", "Kecamatan (untuk desa/kelurahan)"),
                    Field(
                        "kabupaten",
                        "Kabupaten/kota (untuk desa/kelurahan)",
                        placeholder="Kabupaten Kupang",
                    ),
                ),
            ),
            Group(
                "organizer",
                "Penyelenggara (kop surat)",
                (
                    Field(
                        "name",
                        "Nama kantor, ditulis lengkap",
                        placeholder="Badan Perencanaan Pembangunan Daerah",
                        wide=True,
                    ),
                    Field("unit_code", "Kode unit pada nomor", placeholder="BAPPEDA"),
                    Field("address", "Alamat", wide=True),
                    Field("phone", "Telepon"),
                    Field("email", "Surel"),
                    Field("website", "Laman"),
                ),
                help="Kosongkan bila dokumen memakai kop pemerintah daerah.",
            ),
        ),
    ),
    Section(
        "acara",
        "Acara",
        "Nama, waktu, tempat, anggaran dan dasar hukum rembuk.",
        ("event",),
        (
            Group(
                "event",
                "Acara",
                (
                    Field(
                        "name",
                        "Nama acara",
                        required=True,
                        placeholder="Rembuk Stunting Tingkat Kabupaten Kupang Tahun 2024",
                        wide=True,
                    ),
                    Field("date", "Tanggal", "date", required=True),
                    Field("day", "Hari (dicocokkan dengan tanggal)", placeholder="Senin"),
                    Field("start", "Mulai pukul", required=True, placeholder="09.00"),
                    Field("end", "Selesai pukul", help="Kosongkan untuk 's.d. selesai'."),
                    Field("timezone", "Zona waktu", "select", choices=TIMEZONES, required=True),
                    Field(
                        "venue",
                        "Tempat",
                        required=True,
                        placeholder="Aula Kantor Bupati Kupang",
                        wide=True,
                    ),
                    Field("chair", "Pimpinan rapat (jabatan)", placeholder="Wakil Bupati Kupang"),
                    Group(
                        "online",
                        "Daring (bila rapat diadakan secara daring)",
                        (
                            Field("platform", "Aplikasi", placeholder="Zoom Meeting"),
                            Field("link", "Tautan"),
                            Field("meeting_id", "ID rapat dan kode sandi"),
                        ),
                    ),
                    Group(
                        "budget",
                        "Anggaran kegiatan",
                        (
                            Field("amount", "Jumlah (rupiah)", placeholder="Rp159.820.750,00"),
                            Field("source", "Sumber dana", placeholder="Dana Alokasi Khusus (DAK)"),
                            Field("fiscal_year", "Tahun anggaran", "int"),
                        ),
                    ),
                    Repeat(
                        "legal_basis",
                        "Dasar hukum",
                        "Dasar hukum",
                        "Tambah dasar hukum",
                        help="Satu peraturan per baris, ditulis lengkap dengan nomor, tahun dan tentang.",
                        multiline=True,
                    ),
                ),
            ),
        ),
    ),
    Section(
        "undangan",
        "Undangan",
        "Surat undangan rembuk: nomor, sifat, hal, penanda tangan dan yang diundang.",
        ("invitation",),
        (
            Group(
                "invitation",
                "Undangan",
                (
                    Field("number", "Nomor", placeholder="005/123/BAPPEDA/VII/2024"),
                    Field(
                        "date",
                        "Tanggal surat",
                        "date",
                        help="Kosongkan agar tanggal diisi tangan; paling lambat tanggal acara.",
                    ),
                    Field("place", "Tempat surat", placeholder="Oelamasi"),
                    Field("nature", "Sifat", placeholder="Biasa"),
                    Field(
                        "subject",
                        "Hal",
                        placeholder="Undangan Rembuk Stunting",
                        wide=True,
                        help="Kosongkan untuk 'Undangan' dan nama acara.",
                    ),
                    Field(
                        "agenda",
                        "Acara",
                        wide=True,
                        help="Kosongkan untuk memakai nama acara.",
                    ),
                    Group("signatory", "Penanda tangan undangan", SIGNATORY, note="pasal44"),
                    Repeat(
                        "addressees",
                        "Yang diundang (Yth.)",
                        "Yth.",
                        "Tambah yang diundang",
                        help=(
                            "Lebih dari lima dicetak sebagai lampiran 'daftar terlampir'. "
                            "Kosongkan agar daftar peserta menjadi lampiran undangan."
                        ),
                    ),
                ),
                help="Kosongkan seluruh bagian ini bila undangan tidak dibuat.",
            ),
        ),
        levels=("kabupaten", "kota"),
    ),
    Section(
        "angka",
        "Angka dan target",
        "Prevalensi stunting, target penurunan dan desa lokus.",
        ("prevalence", "targets", "priority_villages"),
        (
            Repeat(
                "prevalence",
                "Prevalensi stunting",
                "Prevalensi",
                "Tambah angka prevalensi",
                (
                    Field("source", "Sumber survei", placeholder="SSGI, SKI, e-PPGBM"),
                    Field("year", "Tahun", "int"),
                    Field("value", "Nilai (%)", placeholder="24,7"),
                    Field("scope", "Cakupan", "select", choices=SCOPES),
                ),
            ),
            Repeat(
                "targets",
                "Target prevalensi",
                "Target",
                "Tambah target",
                (
                    Field("year", "Tahun", "int"),
                    Field("value", "Nilai (%)", placeholder="14"),
                    Field("scope", "Cakupan", "select", choices=SCOPES),
                    Field("basis", "Dasar target", placeholder="Perpres 72/2021", wide=True),
                ),
            ),
            Repeat(
                "priority_villages",
                "Desa lokus",
                "Lokus",
                "Tambah tahun lokus",
                (
                    Field("year", "Tahun", "int"),
                    Field("term", "Sebutan", placeholder="desa, kampung atau kelurahan"),
                    Field("count", "Jumlah", "int"),
                    Field("decree", "Surat keputusan", wide=True),
                    Repeat(
                        "villages",
                        "Nama desa",
                        "Desa",
                        "Tambah desa",
                        help="Cukup nama saja; untuk lampiran lokus isi daftar di bawahnya.",
                    ),
                    Repeat(
                        "locations",
                        "Daftar lokus per kecamatan (lampiran lokus)",
                        "Lokus",
                        "Tambah desa dengan kecamatan",
                        (
                            Field("name", "Nama desa/kelurahan", required=True),
                            Field("kecamatan", "Kecamatan (distrik)"),
                            Field("example", "Nama contoh", "bool"),
                        ),
                        help=(
                            "Lampiran lokus mencetak desa menurut kecamatan. Bila daftar ini "
                            "diisi, kosongkan 'Nama desa' di atas (namanya diambil dari sini)."
                        ),
                    ),
                    Field(
                        "example",
                        "Daftar nama ini masih contoh",
                        "bool",
                        help="Dokumen bertanda DRAF sampai daftar diganti.",
                    ),
                ),
            ),
        ),
    ),
    Section(
        "kesepakatan",
        "Kesepakatan dan butir",
        "Jenis dan nomor kesepakatan, serta butir-butirnya beserta sub-butir (A), (B), (C).",
        ("agreement",),
        (
            Group(
                "agreement",
                "Kesepakatan",
                (
                    Field("kind", "Jenis", "select", choices=AGREEMENT_KINDS),
                    Field(
                        "subject",
                        "Tentang",
                        placeholder="Percepatan Penurunan Stunting",
                        wide=True,
                    ),
                    Field("number", "Nomor", placeholder="440/125/BAPPEDA/VII/2024"),
                    Field("place", "Tempat penandatanganan", placeholder="Kupang"),
                    Field(
                        "date",
                        "Tanggal penandatanganan",
                        "date",
                        help="Kosongkan bila sama dengan tanggal acara.",
                    ),
                    Field(
                        "dana_desa_min_share",
                        "Porsi minimal Dana Desa untuk stunting (%)",
                        placeholder="20",
                    ),
                    Repeat(
                        "pledges",
                        "Butir kesepakatan",
                        "Butir",
                        "Tambah butir",
                        (
                            Field("text", "Isi butir", "textarea", required=True, wide=True),
                            Repeat(
                                "items",
                                "Sub-butir (A), (B), (C)",
                                "Sub-butir",
                                "Tambah sub-butir",
                                multiline=True,
                                lettered=True,
                            ),
                            Field(
                                "responsible",
                                "Penanggung jawab",
                                placeholder="Dinas Kesehatan",
                            ),
                        ),
                    ),
                    Field(
                        "closing",
                        "Kalimat penutup",
                        "textarea",
                        wide=True,
                        help="Kosongkan untuk memakai kalimat penutup baku dari format.",
                    ),
                    Group(
                        "acknowledged_by",
                        "Mengetahui (opsional)",
                        SIGNATORY,
                        help=(
                            "Pejabat yang mengetahui kesepakatan, dicetak di bawah tanda tangan "
                            "kesepakatan dan lembar tanda tangan (misalnya Bupati bila Sekda dan "
                            "kepala OPD yang menandatangani). Kosongkan bila tidak ada."
                        ),
                        note="pasal44",
                    ),
                ),
            ),
        ),
    ),
    Section(
        "rencana-kegiatan",
        "Rencana kegiatan",
        "Matriks rencana kegiatan intervensi terintegrasi per OPD (lampiran kesepakatan): "
        "tempel atau unggah dari lembar kerja, atau isi per baris.",
        ("rencana_kegiatan", "rencana_kegiatan_file"),
        (
            Group(
                "rencana_kegiatan",
                "Rencana kegiatan",
                (
                    Field(
                        "year",
                        "Tahun rencana (RKPD/Renja)",
                        "int",
                        help="Kosongkan untuk tahun sesudah rembuk.",
                    ),
                    Field("title", "Judul matriks", wide=True),
                    Field("place", "Tempat penandatanganan"),
                    Group(
                        "acknowledged_by",
                        "Mengetahui (opsional)",
                        SIGNATORY,
                        help="Kosongkan untuk penanda tangan yang ditetapkan format.",
                        note="pasal44",
                    ),
                    Repeat(
                        "items",
                        "Baris rencana kegiatan",
                        "Baris",
                        "Tambah baris",
                        (
                            Field("opd", "OPD penanggung jawab", required=True),
                            Field("program", "Program", required=True, wide=True),
                            Field("activity", "Kegiatan", wide=True),
                            Field("sub_activity", "Sub kegiatan", wide=True),
                            Field("intervention", "Intervensi", "select", choices=INTERVENTIONS),
                            Field("target_group", "Sasaran", placeholder="Ibu hamil KEK"),
                            Field("indicator", "Indikator", wide=True),
                            Field("target", "Target (volume)", placeholder="250"),
                            Field("unit", "Satuan", placeholder="orang"),
                            Field("location", "Lokasi", placeholder="10 desa lokus"),
                            Field(
                                "budget", "Pagu (rupiah)", required=True, placeholder="Rp1.250.000"
                            ),
                            Field("funding_source", "Sumber dana", placeholder="APBD"),
                            Field("example", "Baris contoh", "bool"),
                        ),
                    ),
                ),
                help="Kosongkan seluruh bagian ini bila matriks tidak dibuat.",
            ),
        ),
        levels=("kabupaten", "kota"),
        custom="rencana",
    ),
    Section(
        "penandatangan",
        "Penandatangan",
        "Siapa menandatangani kesepakatan, sesuai urutan tanda tangan.",
        ("signatories", "signatories_file"),
        (
            Repeat(
                "signatories",
                "Penandatangan",
                "Penandatangan",
                "Tambah penandatangan",
                SIGNATORY,
                note="pasal44",
            ),
        ),
    ),
    Section(
        "peserta",
        "Peserta dan daftar hadir",
        "Peserta yang hadir: tempel dari lembar kerja atau unggah berkas CSV/XLSX.",
        ("attendees", "attendees_file", "attendance"),
        (
            Group(
                "attendance",
                "Daftar hadir",
                (
                    Field("title", "Judul", placeholder="DAFTAR HADIR"),
                    Field(
                        "blank_rows",
                        "Baris kosong untuk peserta tambahan",
                        "int",
                        placeholder="5",
                    ),
                    Field("show_nip", "Tampilkan kolom NIP", "bool"),
                    Repeat(
                        "columns",
                        "Kolom daftar hadir (di antara No. dan Tanda Tangan)",
                        "Kolom",
                        "Tambah kolom",
                        help=(
                            "Kosongkan untuk kolom bawaan format (Nama, Jabatan/Instansi). "
                            "Urutan di sini adalah urutan cetak; No. HP dan L/P diambil dari "
                            "daftar peserta."
                        ),
                        choices=ATTENDANCE_COLUMNS,
                    ),
                    Group(
                        "acknowledged_by",
                        "Mengetahui (opsional)",
                        SIGNATORY,
                        note="pasal44",
                    ),
                ),
            ),
        ),
        custom="peserta",
    ),
    Section(
        "notulen",
        "Notulen",
        "Isi notulen: notulis, agenda, sambutan, paparan, tanya jawab, keputusan dan tindak lanjut.",
        ("minutes",),
        (
            Group(
                "minutes",
                "Notulen",
                (
                    Field("title", "Judul", placeholder="Notulen"),
                    Field("closed_at", "Rapat ditutup pukul", placeholder="12.30"),
                    Field("place", "Tempat penandatanganan"),
                    Field("participant_count", "Jumlah peserta", "int"),
                    Group("notulis", "Notulis", SIGNATORY, note="pasal44"),
                    Group(
                        "chair",
                        "Pimpinan rapat (bila bukan salah satu penandatangan)",
                        SIGNATORY,
                        note="pasal44",
                    ),
                    Repeat(
                        "participants", "Peserta menurut kelompok", "Kelompok", "Tambah kelompok"
                    ),
                    Repeat("agenda", "Agenda", "Acara", "Tambah agenda"),
                    Repeat(
                        "remarks",
                        "Sambutan dan arahan",
                        "Sambutan",
                        "Tambah sambutan",
                        (
                            Field("speaker", "Pembicara", wide=True),
                            Repeat(
                                "points", "Pokok-pokok", "Pokok", "Tambah pokok", multiline=True
                            ),
                        ),
                    ),
                    Repeat(
                        "presentations",
                        "Paparan",
                        "Paparan",
                        "Tambah paparan",
                        (
                            Field("speaker", "Pemapar", wide=True),
                            Field("title", "Judul paparan", wide=True),
                            Repeat(
                                "points", "Pokok-pokok", "Pokok", "Tambah pokok", multiline=True
                            ),
                        ),
                    ),
                    Repeat(
                        "discussion",
                        "Tanya jawab",
                        "Pertanyaan",
                        "Tambah pertanyaan",
                        (
                            Field("asked_by", "Penanya"),
                            Field("question", "Pertanyaan", "textarea", wide=True),
                            Field("answered_by", "Penjawab"),
                            Field("answer", "Jawaban", "textarea", wide=True),
                        ),
                    ),
                    Repeat(
                        "decisions", "Keputusan", "Keputusan", "Tambah keputusan", multiline=True
                    ),
                    Repeat(
                        "follow_ups",
                        "Rencana tindak lanjut",
                        "Tindak lanjut",
                        "Tambah tindak lanjut",
                        (
                            Field("action", "Kegiatan", "textarea", wide=True),
                            Field("responsible", "Penanggung jawab"),
                            Field(
                                "due",
                                "Batas waktu",
                                placeholder="31 Agustus 2024 atau Triwulan III 2024",
                            ),
                        ),
                    ),
                ),
                help="Kosongkan seluruh bagian ini bila notulen tidak dibuat.",
            ),
        ),
    ),
    Section(
        "dokumentasi",
        "Dokumentasi",
        "Foto kegiatan dengan keterangannya, dua sampai empat foto per halaman.",
        ("dokumentasi",),
        (
            Group(
                "dokumentasi",
                "Dokumentasi",
                (
                    Field(
                        "per_page",
                        "Foto per halaman",
                        "select",
                        choices=(("2", "2"), ("3", "3"), ("4", "4")),
                    ),
                    Repeat(
                        "photos",
                        "Foto",
                        "Foto",
                        "",
                        (
                            Field("caption", "Keterangan foto", required=True, wide=True),
                            Field("example", "Foto contoh", "bool"),
                        ),
                        help="Tambahkan foto dengan tombol unggah di bawah; urutan di sini "
                        "adalah urutan cetak.",
                        note="photo",
                    ),
                ),
            ),
        ),
        custom="foto",
    ),
    Section(
        "berita-acara",
        "Berita acara",
        "Pengaturan berita acara; yang kosong diambil dari acara dan kesepakatan.",
        ("record",),
        (
            Group(
                "record",
                "Berita acara",
                (
                    Field("title", "Judul", wide=True),
                    Field("subtitle", "Baris judul kedua", wide=True),
                    Field("number", "Nomor"),
                    Field("place", "Tempat penandatanganan"),
                    Field("activity", "Kegiatan yang dilaksanakan", wide=True),
                    Field(
                        "pledges",
                        "Letak butir kesepakatan",
                        "select",
                        choices=(("inline", "Di dalam isi"), ("lampiran", "Pada lampiran")),
                    ),
                    Field("copies", "Dibuat rangkap", "int"),
                    Field("parties_heading", "Judul para pihak", placeholder="Yang bersepakat,"),
                    Repeat(
                        "parties",
                        "Para pihak",
                        "Pihak",
                        "Tambah pihak",
                        SIGNATORY,
                        help="Kosongkan untuk memakai dua penandatangan pertama kesepakatan.",
                        note="pasal44",
                    ),
                    Field("witnesses_heading", "Judul saksi", placeholder="Mengetahui,"),
                    Repeat("witnesses", "Mengetahui", "Saksi", "Tambah saksi", SIGNATORY),
                    Field("closing", "Kalimat penutup", "textarea", wide=True),
                ),
            ),
        ),
    ),
    Section(
        "desa",
        "Desa",
        "Kepala desa, BPD, KPM, pagu Dana Desa dan usulan kegiatan.",
        ("village",),
        (
            Group(
                "village",
                "Desa",
                (
                    Group("kepala_desa", "Kepala desa", SIGNATORY, note="pasal44"),
                    Group("bpd_chair", "Ketua BPD", SIGNATORY),
                    Group("kpm", "Kader Pembangunan Manusia (KPM)", SIGNATORY),
                    Field("pagu_dana_desa", "Pagu Dana Desa (rupiah)"),
                    Field("stunting_allocation", "Alokasi Dana Desa untuk stunting (rupiah)"),
                    Field("fiscal_year", "Tahun anggaran", "int"),
                    Repeat(
                        "activities",
                        "Usulan kegiatan",
                        "Kegiatan",
                        "Tambah kegiatan",
                        (
                            Field("name", "Kegiatan", wide=True),
                            Field("target_group", "Sasaran"),
                            Field("volume", "Volume"),
                            Field("unit", "Satuan"),
                            Field("cost", "Biaya (rupiah)"),
                            Field(
                                "source",
                                "Sumber dana",
                                "select",
                                choices=(
                                    ("Dana Desa", "Dana Desa"),
                                    ("ADD", "ADD"),
                                    ("Lainnya", "Lainnya"),
                                ),
                            ),
                            Field("source_name", "Nama sumber lain"),
                        ),
                    ),
                ),
            ),
        ),
        levels=("desa", "kelurahan"),
    ),
    Section(
        "dokumen",
        "Pratinjau dan unduh",
        "Pilih format dan kertas, lihat setiap dokumen, lalu unduh semuanya.",
        ("format_pack",),
        custom="dokumen",
    ),
)

SECTION_BY_SLUG: dict[str, Section] = {section.slug: section for section in SECTIONS}


def sections_for(level: str | None) -> list[Section]:
    """The sections shown for a region level (the desa section only for a desa or kelurahan)."""
    return [s for s in SECTIONS if level is None or level in s.levels or not s.levels]


def section_of(path: str) -> Section | None:
    """The section whose top-level keys hold ``path`` (a problem's location). A problem of the
    format pack ("format pack 'default', kop.address") belongs to the documents page, where the
    pack is chosen: no form sets the kop."""
    if path.startswith("format pack") or path == "example":
        return SECTION_BY_SLUG[
            "dokumen"
        ]  # the kop; the count of example names (each is at its field)
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    return next((s for s in SECTIONS if top in s.keys), None)


# --- paths -------------------------------------------------------------------------------------

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
MAX_INDEX = 100_000


def parse_path(path: str) -> list[str | int]:
    """'agreement.pledges[2].text' -> ['agreement', 'pledges', 2, 'text']; ValueError if malformed."""
    parts: list[str | int] = []
    position = 0
    for match in _PART.finditer(path):
        if match.start() != position and path[position] != ".":
            raise ValueError(path)
        key, index = match.groups()
        if index is not None:
            if int(index) > MAX_INDEX:
                raise ValueError(path)
            parts.append(int(index))
        else:
            parts.append(key)
        position = match.end()
        if position < len(path) and path[position] == ".":
            position += 1
    if not parts or position != len(path) or not isinstance(parts[0], str):
        raise ValueError(path)
    return parts


def join(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def get(data: Any, path: str) -> Any:
    """The value at ``path`` in nested dicts and lists, or ``None``."""
    node = data
    for part in parse_path(path):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def node_at(path: str, section: Section | None = None) -> Node | None:
    """The spec node that a (possibly indexed) path names, looked up by its keys."""
    keys = [part for part in parse_path(path) if isinstance(part, str)]
    candidates: tuple[Node, ...] = ()
    for candidate in (section,) if section else SECTIONS:
        candidates = (*candidates, *candidate.nodes) if candidate else candidates
    found: Node | None = None
    for key in keys:
        found = next((n for n in candidates if n.key == key), None)
        if found is None:
            return None
        candidates = found.nodes if isinstance(found, Group | Repeat) else ()
    return found


def _prune(value: Any) -> Any:
    """Drop empty strings, empty mappings and ``None`` from a mapping (lists keep their items)."""
    if isinstance(value, dict):
        cleaned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", {})}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


def coerce(node: Field, raw: str) -> Any:
    """A posted string as the YAML value of ``node``: ints and bools typed, text stripped."""
    value = raw.replace("\r\n", "\n").strip()
    if node.kind == "bool":
        return value in ("1", "on", "true", "ya")
    if node.kind == "int" and re.fullmatch(r"-?\d{1,9}", value):
        return int(value)
    if node.kind == "select" and node.choices and all(c.isdigit() for c, _ in node.choices):
        return int(value) if value.isdigit() else value
    return value


def set_value(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` in ``data``, creating mappings on the way; list items must exist already."""
    parts = parse_path(path)
    node: Any = data
    for part, following in itertools.pairwise(parts):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                raise KeyError(path)
            if not isinstance(node[part], dict | list):
                node[part] = {} if isinstance(following, str) else []
            node = node[part]
        else:
            if not isinstance(node, dict):
                raise KeyError(path)
            child = node.get(part)
            if not isinstance(child, dict | list):
                child = {} if isinstance(following, str) else []
                node[part] = child
            node = child
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or last >= len(node):
            raise KeyError(path)
        node[last] = value
    elif isinstance(node, dict):
        if value is None or value is False or value == "":
            node.pop(last, None)  # empty means 'not given'; false is every boolean's default
        else:
            node[last] = value
    else:
        raise KeyError(path)


def apply_form(data: dict[str, Any], section: Section, form: Mapping[str, str]) -> None:
    """Set every posted field of ``section`` into ``data`` (unknown names are ignored)."""
    for name, raw in form.items():
        if name.startswith("_"):
            continue
        try:
            node = node_at(name, section)
        except ValueError:
            continue
        if isinstance(node, Field):
            try:
                set_value(data, name, coerce(node, raw))
            except KeyError:
                continue
        elif isinstance(node, Repeat) and not node.nodes:  # a text line of a list
            parts = parse_path(name)
            if isinstance(parts[-1], int):
                try:
                    set_value(data, name, raw.replace("\r\n", "\n").strip())
                except KeyError:
                    continue
    cleaned = _prune(data)
    data.clear()
    data.update(cleaned)


_EXAMPLE_MARK = re.compile(r"examples\[(\d+)\]")


def example_mark(path: str, data: Mapping[str, Any]) -> str | None:
    """The field that a problem at 'examples[i]' is about (the i-th entry of the draft's
    ``examples`` list, e.g. 'event.venue'), else ``None``."""
    match = _EXAMPLE_MARK.fullmatch(path)
    marks = data.get("examples")
    if match is None or not isinstance(marks, list):
        return None
    index = int(match.group(1))
    mark = marks[index] if index < len(marks) else None
    return mark if isinstance(mark, str) else None


def mark_label(mark: str) -> str:
    """What the form calls the field of an example mark ('event.venue' -> 'Tempat')."""
    try:
        node = node_at(mark)
    except ValueError:
        node = None
    return node.label if node is not None else mark


_DOTTED = re.compile(r"'?\b([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)+)\b'?")


def labelled(message: str) -> str:
    """A library message as the form says it: each definition path in it that names a field of
    the form ('record.number') becomes the field's label ('Nomor'); other text is kept."""

    def label(match: re.Match[str]) -> str:
        try:
            node = node_at(match.group(1))
        except ValueError:
            node = None
        return f"'{node.label}'" if node is not None else match.group(0)

    return _DOTTED.sub(label, message)


def clear_example(data: dict[str, Any], mark: str) -> bool:
    """Remove ``mark`` from the draft's ``examples`` list (the key goes with its last mark);
    whether it was there."""
    marks = data.get("examples")
    if not isinstance(marks, list) or mark not in marks:
        return False
    rest = [entry for entry in marks if entry != mark]
    if rest:
        data["examples"] = rest
    else:
        data.pop("examples")
    return True


def list_operation(data: dict[str, Any], section: Section, operation: str) -> None:
    """Apply 'add:PATH', 'remove:PATH[i]', 'up:PATH[i]' or 'down:PATH[i]' to a list of the draft,
    or 'unexample:PATH': the field at PATH is no longer an example (its mark is removed)."""
    verb, _, path = operation.partition(":")
    if verb == "unexample":
        if not clear_example(data, path):
            raise ValueError(operation)
        return
    if verb == "add":
        node = node_at(path, section)
        if not isinstance(node, Repeat):
            raise ValueError(operation)
        current = get(data, path)
        items = current if isinstance(current, list) else []
        items.append({} if node.nodes else "")
        set_value(data, path, items)
        return
    if verb not in ("remove", "up", "down"):
        raise ValueError(operation)
    parts = parse_path(path)
    index = parts[-1]
    if not isinstance(index, int):
        raise ValueError(operation)
    list_path = path[: path.rindex("[")]
    if not isinstance(node_at(list_path, section), Repeat):
        raise ValueError(operation)
    items = get(data, list_path)
    if not isinstance(items, list) or index >= len(items):
        raise ValueError(operation)
    if verb == "remove":
        del items[index]
    elif verb == "up" and index > 0:
        items[index - 1], items[index] = items[index], items[index - 1]
    elif verb == "down" and index + 1 < len(items):
        items[index + 1], items[index] = items[index], items[index + 1]


@dataclass
class Slots:
    """The places on a page where a problem can be shown: field paths, list items, groups."""

    paths: list[str] = field(default_factory=list)

    def best(self, location: str) -> str | None:
        """The deepest slot at or above ``location``."""
        best: str | None = None
        for slot in self.paths:
            if (location == slot or location.startswith((f"{slot}.", f"{slot}["))) and (
                best is None or len(slot) > len(best)
            ):
                best = slot
        return best


def slots(section: Section, data: dict[str, Any]) -> Slots:
    """Every slot of ``section`` for the current draft."""
    found = Slots()

    def walk(nodes: tuple[Node, ...], base: str) -> Iterator[str]:
        for node in nodes:
            path = join(base, node.key)
            yield path
            if isinstance(node, Group):
                yield from walk(node.nodes, path)
            elif isinstance(node, Repeat):
                items = get(data, path)
                for index in range(len(items) if isinstance(items, list) else 0):
                    item_path = join(path, index)
                    yield item_path
                    yield from walk(node.nodes, item_path)

    found.paths = list(walk(section.nodes, ""))
    return found


def dom_id(path: str) -> str:
    """A safe HTML id for a path: 'agreement.pledges[2].text' -> 'agreement-pledges-2-text'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "top"
