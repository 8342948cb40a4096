"""Benchmark: the attendance list (daftar hadir) alone, ours only, as DOCX and PDF.

A shortcut into the suite (``bench/suite.py``): ``python bench/attendance.py`` is
``python bench/suite.py --only attendance --peers none``, and takes the same options, e.g.
``--sizes 100,1000 --runs 3``, or ``--peers reportlab,docxtpl`` to add peers back.
"""

from __future__ import annotations

import sys

import suite

if __name__ == "__main__":
    sys.exit(suite.main(["--only", "attendance", "--peers", "none", *sys.argv[1:]]))
