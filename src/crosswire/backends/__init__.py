"""Runners that call the same stage functions: ``local`` (one process); Spark later."""

__all__: list[str] = []
