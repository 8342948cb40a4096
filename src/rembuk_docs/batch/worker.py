"""The work of one desa, run in any executor: plain data in, the files' bytes or the problems out."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, RembukError, RenderWarning


@dataclass(frozen=True)
class Task:
    """What a worker needs to render one desa; plain, picklable data only."""

    row: int
    definition: dict[str, Any]
    base: str
    formats: tuple[str, ...]
    documents: tuple[str, ...] | None
    format_pack: str | None
    paper: str | None
    bundle: bool


@dataclass(frozen=True)
class Outcome:
    """The result for one desa: ``files`` (name, bytes) when it rendered, else ``problems``
    (field path, message); ``warnings`` are messages of things rendered not quite as written."""

    row: int
    files: tuple[tuple[str, bytes], ...] = ()
    problems: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the desa rendered."""
        return not self.problems


def render_desa(task: Task) -> Outcome:
    """Validate one desa's definition and render its pack in memory.

    Never raises for bad input: every problem of the definition comes back with its field path,
    so that one bad desa never stops the others. An unexpected failure (a bug) comes back too,
    as a problem naming the exception, for the same reason.
    """
    from ..loading import from_dict
    from ..rendering import render_files

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RenderWarning)
            rembuk = from_dict(task.definition, base=Path(task.base))
            files = render_files(
                rembuk,
                formats=task.formats,
                documents=task.documents,
                format_pack=task.format_pack,
                paper=task.paper,
                bundle=task.bundle,
            )
    except InputError as exc:
        problems = tuple((p.location, p.message) for p in exc.problems)
        return Outcome(task.row, problems=problems or (("", str(exc)),))
    except RembukError as exc:
        return Outcome(task.row, problems=(("", str(exc)),))
    except Exception as exc:  # a bug: reported for this desa, the batch goes on
        return Outcome(task.row, problems=(("", f"internal error: {type(exc).__name__}: {exc}"),))
    messages = [str(w.message) for w in caught]
    if rembuk.example_names:
        messages.append(
            "names are marked as examples (example: true, or column contoh); replace them before signing"
        )
    return Outcome(task.row, files=tuple(files), warnings=tuple(dict.fromkeys(messages)))
