"""crosswire: many news reports of one story in, one cited and trustworthy brief out."""

__version__ = "0.1.0"

__all__ = ["__version__"]
