"""Shared fixtures: the seed example, the spaCy pipeline (loaded once), ../shared data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "ishiba-visit"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI") == "true"


def needs_shared(path: str = "") -> pytest.MarkDecorator:
    """Skip (with the reason) when ../shared is absent, except under CI=true, where it fails."""
    missing = not (SHARED / path).exists()
    return pytest.mark.skipif(
        missing and not IN_CI, reason=f"../shared/{path} is not beside the project"
    )


@pytest.fixture(scope="session")
def nlp() -> Any:
    from crosswire.nlp import load_nlp

    return load_nlp()
