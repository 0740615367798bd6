"""The bundle's entry point: the ``bodymap`` command, window and all."""

import sys

from bodymap.cli import main

if __name__ == "__main__":
    sys.exit(main())
