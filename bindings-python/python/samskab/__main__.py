"""``python -m samskab``: the ``samskab`` command."""

import sys

from .cli import main

sys.exit(main())
