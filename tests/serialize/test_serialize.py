"""The one serialiser: a brief read back from its JSON renders exactly as the brief does."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.config import Config
from crosswire.ingest import read_paths
from crosswire.pipeline import run
from crosswire.render import FORMATS, render_briefs
from crosswire.serialize import (
    article_from_dict,
    article_to_dict,
    brief_from_dict,
    brief_to_dict,
)
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "ishiba-visit"


@pytest.fixture(scope="module")
def briefs(nlp: Any) -> Any:
    config = Config()
    docs = read_paths(paths=[str(EXAMPLE)], config=config.ingest)
    return run(docs=docs, config=config, nlp=nlp).briefs


def test_brief_round_trip_renders_the_same(briefs: Any) -> None:
    for brief in briefs:
        back = brief_from_dict(brief_to_dict(brief))
        for fmt in (f for f in FORMATS if f != "json"):  # the store serves its JSON as kept
            assert render_briefs(briefs=(back,), fmt=fmt) == render_briefs(briefs=(brief,), fmt=fmt)


def test_brief_round_trip_keeps_the_json_but_mention_counts(briefs: Any) -> None:
    for brief in briefs:
        data = brief_to_dict(brief)
        again = brief_to_dict(brief_from_dict(data))
        for entity in data["entities"]:
            entity["mentions"] = 0  # the JSON counts mentions; the records are not kept
        assert again == data
        for fact, back in zip(brief.facts, brief_from_dict(data).facts, strict=True):
            if fact.quantity is not None:
                assert back.quantity is not None and back.quantity.span == fact.quantity.span


def test_article_round_trip(briefs: Any) -> None:
    for src in briefs[0].sources:
        assert article_from_dict(article_to_dict(src.article)) == src.article
