"""crosswire's exceptions.

Per-record failures are data (:class:`crosswire.models.Rejection`), not exceptions.
Exceptions are for bad configuration, missing dependencies and bugs::

    CrosswireError
    ├── ConfigError            a setting is unknown or out of range
    ├── MissingDependencyError an optional package or model package is not installed
    ├── InputError             a path or URL given on the command line cannot be used at all
    └── VerificationError      a brief's spans do not match its source texts
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CrosswireError",
    "InputError",
    "MissingDependencyError",
    "VerificationError",
]


class CrosswireError(Exception):
    """Base class of every error crosswire raises on purpose."""


class ConfigError(CrosswireError):
    """A setting is unknown, of the wrong type or out of range."""


class MissingDependencyError(CrosswireError):
    """An optional dependency or the spaCy model package is missing."""


class InputError(CrosswireError):
    """A path or URL given by the user cannot be read at all."""


class VerificationError(CrosswireError):
    """Spans in a brief do not match the text of their sources."""
