"""``python -m gui``: the same as the ``digitface`` command."""

import sys

from gui.app import main

sys.exit(main())
