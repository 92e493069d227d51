"""Runners that call the same stage functions: ``local`` (one process) and ``spark``."""

__all__: list[str] = []
