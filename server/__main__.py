"""``python -m server``: the same as ``outsourcing-catalogue serve``."""

import sys

from server.serve import main

sys.exit(main())
