"""``python -m rembuk_docs``: the command line."""

import sys

from .cli import main

sys.exit(main())
