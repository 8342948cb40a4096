"""What a batch tells its user: errors.csv (one line per problem of a failed desa) and the summary."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..formulas import neutralise_row
from ..output import write_file

ERRORS_FILE = "errors.csv"
ERROR_COLUMNS = ("sheet", "row", "desa", "kecamatan", "field", "reason")


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
        """'8 desa: 6 rendered, 1 unchanged, 1 failed (see out/errors.csv)'."""
        parts = [f"{len(self.rendered)} rendered"]
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} unchanged (skipped)")
        parts.append(f"{self.failed} failed")
        if self.failures and not self.failed:  # e.g. an activity row naming no desa of the sheet
            parts.append(f"{len({(f.sheet, f.row) for f in self.failures})} other row(s) refused")
        text = f"{self.total} desa: " + ", ".join(parts)
        if self.failures:
            text += f"; see {self.errors_path}"
        return text


def write_errors(result: BatchResult) -> Path:
    """Write errors.csv (UTF-8 with BOM, so Excel shows the names right); header only when none failed.

    Every cell goes through :func:`~rembuk_docs.formulas.neutralise`: a desa called
    ``=HYPERLINK(...)`` is shown as text, never run as a formula.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ERROR_COLUMNS)
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
