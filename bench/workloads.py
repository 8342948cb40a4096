"""What the benchmark renders: the Kupang agreement, the full Kupang pack, and attendance lists.

Every tool renders the same content. Ours renders from the definition (composition included);
the peers get our composed documents (:func:`composed`) and only lay them out, so their timings
leave out the work of turning a definition into words, which flatters them slightly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rembuk_docs import Rembuk
    from rembuk_docs.compose.blocks import Document
    from rembuk_docs.formats.pack import FormatPack

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CASES = ("kesepakatan", "pack", "attendance")
FORMATS = ("docx", "pdf")


def kupang() -> Rembuk:
    """The Kupang 2022 sample definition."""
    import rembuk_docs

    return rembuk_docs.load(SAMPLES / "kupang-2022.yaml")


def attendance(rows: int) -> Rembuk:
    """The Kayong Utara 2023 event with ``rows`` attendees and no blank rows: a list of exactly
    ``rows`` rows (No | Nama | Jabatan / Instansi | Tanda Tangan) and the 'Mengetahui' signature."""
    import rembuk_docs
    from rembuk_docs import Attendee

    base = rembuk_docs.load(SAMPLES / "kayong-utara-2023.yaml")
    people = [
        Attendee(
            name=f"Peserta Nomor {n}",
            title_suffix="S.KM." if n % 3 == 0 else None,
            position="Kepala Puskesmas" if n % 2 else "Pengelola Program Gizi",
            institution=f"Puskesmas Kecamatan {n % 17 + 1}",
            nip=f"19800101 200501 {n % 2 + 1} {n % 999 + 1:03d}" if n % 4 == 0 else None,
        )
        for n in range(1, rows + 1)
    ]
    settings = base.attendance.model_copy(update={"blank_rows": 0, "show_nip": False})
    return base.model_copy(update={"attendees": people, "attendance": settings})


def definition(case: str, rows: int = 0) -> Rembuk:
    """The definition a case renders."""
    return attendance(rows) if case == "attendance" else kupang()


def documents(case: str) -> list[str]:
    """The document names a case renders, in pack order."""
    from rembuk_docs.compose.registry import PACKS
    from rembuk_docs.model import RegionKind

    if case == "pack":
        return list(PACKS[RegionKind.KABUPATEN])
    return ["daftar-hadir"] if case == "attendance" else ["kesepakatan"]


def composed(case: str, rembuk: Rembuk) -> tuple[list[Document], FormatPack]:
    """Our composition of a case's documents, and the format pack: what the peers lay out."""
    from rembuk_docs.rendering import compose_documents, resolve_pack

    pack = resolve_pack(rembuk)
    return compose_documents(rembuk, pack, documents(case)), pack


def render_ours(rembuk: Rembuk, case: str, formats: tuple[str, ...]) -> list[bytes]:
    """Our files of a case, through the public API (``render_bytes``), in memory."""
    import rembuk_docs

    return [
        rembuk_docs.render_bytes(rembuk, name, fmt) for name in documents(case) for fmt in formats
    ]
