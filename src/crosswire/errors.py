"""crosswire's exceptions: every error class crosswire raises on purpose is defined here.

Per-record failures are data (:class:`crosswire.models.Rejection`, with a reason code from
:data:`crosswire.models.REJECTION_REASONS`), not exceptions.  Exceptions are for bad
settings and arguments, missing dependencies, an unusable store, and bugs::

    CrosswireError                 base class: the CLI prints its message and exits with 2
    ├── ConfigError                a setting is unknown, of the wrong type or out of range
    ├── UsageError                 a function was called with arguments that cannot work
    ├── MissingDependencyError     an optional package or the spaCy model package is missing
    ├── InputError                 a path or URL given by the user cannot be read at all
    │   └── RefusedURLError        a URL or a redirect's target may not be fetched
    ├── StoreError                 the store file cannot be opened or used
    │   └── StoreVersionError      the store was written by a newer crosswire
    └── VerificationError          a brief's spans do not match its source texts

``ConfigError`` and ``UsageError`` are ``ValueError`` too, so code that catches the
``ValueError`` a stage config's range check raised (as :mod:`crosswire.config` does) still
catches them.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CrosswireError",
    "InputError",
    "MissingDependencyError",
    "RefusedURLError",
    "StoreError",
    "StoreVersionError",
    "UsageError",
    "VerificationError",
]


class CrosswireError(Exception):
    """Base class of every error crosswire raises on purpose."""


class ConfigError(CrosswireError, ValueError):
    """A setting is unknown, of the wrong type or out of range (in a config file, in an option
    that sets one, or by a stage config's own range check)."""


class UsageError(CrosswireError, ValueError):
    """A function was called with arguments that cannot work: an unknown output format, a
    batch size under 1, arguments that exclude each other, articles sharing an id."""


class MissingDependencyError(CrosswireError):
    """An optional dependency or the spaCy model package is missing."""


class InputError(CrosswireError):
    """A path or URL given by the user cannot be read at all."""


class RefusedURLError(InputError):
    """A URL, or the target of a redirect, that may not be fetched (not http(s), or a private,
    local or unresolvable host).  Raised inside the URL reader only, which reports it as a
    ``refused`` Rejection."""


class StoreError(CrosswireError):
    """The store file cannot be opened or used."""


class StoreVersionError(StoreError):
    """The store was written by a newer crosswire (its schema version is unknown here)."""


class VerificationError(CrosswireError):
    """Spans in a brief do not match the text of their sources."""
