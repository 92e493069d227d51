"""Pipeline stages: one module per stage, each with its config and pure functions."""

__all__: list[str] = []
