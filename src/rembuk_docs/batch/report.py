"""What a batch tells its user: errors.csv (one line per problem of a failed desa) and the summary."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..formulas import neutralise_row
from ..messages import text
from ..output import write_file

ERRORS_FILE = "errors.csv"
ERROR_COLUMNS = ("sheet", "row", "desa", "kecamatan", "field", "reason")
"""The columns of errors.csv, as :class:`Failure` names them; the file's header row is in the
user's language (:func:`error_headers`)."""


def error_headers() -> list[str]:
    """The header row of errors.csv in the current language: 'lembar,baris,desa,kecamatan,kolom,
    alasan' (English: 'sheet,row,desa,kecamatan,field,reason'), in the order of ERROR_COLUMNS."""
    headers = text("batch.errors.columns").split(",")
    assert len(headers) == len(ERROR_COLUMNS)
    return headers


@dataclass(frozen=True)
class Failure:
    """One problem of one desa (or of an activity row that belongs to none)."""

    sheet: str
    row: int
    desa: str
    kecamatan: str
    field: str
    reason: str


@dataclass
class BatchResult:
    """What a batch did: folders rendered, left as they were, and every problem of the others."""

    out_dir: Path
    total: int = 0
    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    warnings: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """How many desa failed: those neither rendered nor left unchanged."""
        return max(0, self.total - len(self.rendered) - len(self.unchanged))

    @property
    def exit_code(self) -> int:
        """0 when every desa rendered (or was unchanged), 1 when any failed."""
        return 1 if self.failures else 0

    @property
    def errors_path(self) -> Path:
        """Where errors.csv is written."""
        return self.out_dir / ERRORS_FILE

    def summary(self) -> str:
        """'8 desa: 6 dibuat, 1 tidak berubah (dilewati), 1 gagal; lihat out/errors.csv', in the
        current language."""
        parts = [text("batch.summary.rendered", count=len(self.rendered))]
        if self.unchanged:
            parts.append(text("batch.summary.unchanged", count=len(self.unchanged)))
        parts.append(text("batch.summary.failed", count=self.failed))
        if self.failures and not self.failed:  # e.g. an activity row naming no desa of the sheet
            others = len({(f.sheet, f.row) for f in self.failures})
            parts.append(text("batch.summary.other_rows", count=others))
        line = text("batch.summary.line", total=self.total, parts=", ".join(parts))
        if self.failures:
            line = text("batch.summary.see", summary=line, path=self.errors_path)
        return line


def write_errors(result: BatchResult) -> Path:
    """Write errors.csv (UTF-8 with BOM, so Excel shows the names right); header only when none
    failed. The header row and the reasons are in the current language.

    Every cell goes through :func:`~rembuk_docs.formulas.neutralise`: a desa called
    ``=HYPERLINK(...)`` is shown as text, never run as a formula.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(error_headers())
    for failure in sorted(result.failures, key=lambda f: (f.sheet, f.row)):
        writer.writerow(
            neutralise_row(
                (
                    failure.sheet,
                    failure.row,
                    failure.desa,
                    failure.kecamatan,
                    failure.field,
                    failure.reason,
                )
            )
        )
    return write_file(result.errors_path, buffer.getvalue().encode("utf-8-sig"))
