"""``python -m crosswire``: the same command line as ``crosswire``."""

from crosswire.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    raise SystemExit(main())
