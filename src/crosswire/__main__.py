"""``python -m crosswire``: the same command line as ``crosswire``."""

from crosswire.cli import main

raise SystemExit(main())
