"""Process settings for the processes this library owns: the CLI and its batch workers.

The library itself never changes a process-wide setting while rendering (a program that imports
it keeps its own); the command line and the batch's worker processes are ours, so they tune
Python's garbage collector once, at start.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (50_000, 50, 100)
"""Python's default (700, 10, 10) collects 78 times for one pack and makes 100,000-row lists
superlinear, although rendering makes almost no reference cycles: collect far less often."""


def tune_gc() -> None:
    """Raise the garbage collector's thresholds (idempotent); for processes we own only."""
    gc.set_threshold(*GC_THRESHOLDS)
