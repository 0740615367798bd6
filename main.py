"""Open the bodymap window: ``python main.py`` (the same as ``bodymap``)."""

import sys

from bodymap.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
