"""Settings of the attendance list (daftar hadir): its title, blank rows, NIP column and 'Mengetahui'."""

from __future__ import annotations

from pydantic import Field

from .base import Choice, OptionalText, StrictModel
from .people import Signatory


class AttendanceColumn(Choice):
    """A column of the daftar hadir between 'No' and 'Tanda Tangan'."""

    NAMA = "nama"
    NIP = "nip"
    JABATAN = "jabatan"
    INSTANSI = "instansi"
    JABATAN_INSTANSI = "jabatan_instansi"
    NO_HP = "no_hp"
    JENIS_KELAMIN = "jenis_kelamin"


class Attendance(StrictModel):
    """How the daftar hadir is laid out; every setting has a default that suits a printed list."""

    title: OptionalText = Field(
        default=None,
        description=(
            "Title above the list, printed in capitals, e.g. 'DAFTAR HADIR PESERTA'; omit it "
            "for the format pack's (wording 'daftar-hadir.nama', 'DAFTAR HADIR')."
        ),
    )
    blank_rows: int = Field(
        default=5,
        ge=0,
        le=10_000,
        description=(
            "Numbered empty rows after the attendees, for walk-ins; a list printed before the "
            "event and filled in by hand is all blank rows. 0 for none. The layout fills the "
            "last page with more, or leaves out the few (a quarter at most) that would begin a "
            "page of their own."
        ),
    )
    show_nip: bool = Field(
        default=False,
        description="Add an NIP column, grouped as '19680411 199303 1 009'.",
    )
    columns: list[AttendanceColumn] | None = Field(
        default=None,
        min_length=1,
        description=(
            "The columns between 'No' and 'Tanda Tangan', in order: nama, nip, jabatan, instansi, "
            "jabatan_instansi (both in one column), no_hp, jenis_kelamin (L/P). Omit it for the "
            "format pack's ([attendance] columns; nationally nama, jabatan_instansi, with nip "
            "after nama when show_nip is true)."
        ),
    )
    acknowledged_by: Signatory | None = Field(
        default=None,
        description=(
            "Who signs 'Mengetahui,' under the list, e.g. the head of the organising office; "
            "printed with gelar, pangkat and NIP as Permendagri 1/2023 Pasal 44 says. Omit for none."
        ),
    )
