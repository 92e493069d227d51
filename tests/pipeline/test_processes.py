"""Briefing stories in worker processes (``--processes N``) gives the briefs one process gives,
in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire import api
from crosswire.cli import main
from crosswire.config import Config
from crosswire.errors import UsageError
from crosswire.models import Story
from crosswire.pipeline import brief_stories, clean_all, story_order
from crosswire.pipeline.parallel import can_fork
from crosswire.render import brief_to_dict
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


def _stories(articles: Any) -> list[Story]:
    """Stories of different sizes: the whole seed pile, two of its reports, each one alone."""
    ids = [a.id for a in articles]
    whole = [Story(id="all", article_ids=tuple(ids)), Story(id="pair", article_ids=tuple(ids[:2]))]
    return whole + [Story(id=f"one-{k}", article_ids=(i,)) for k, i in enumerate(ids)]


def test_processes_give_the_briefs_of_one_process_in_the_same_order(nlp: Any) -> None:
    from crosswire.ingest import read_paths

    config = Config()
    cleaned = clean_all(docs=read_paths(paths=[str(SEEDS)], config=config.ingest), config=config)
    stories = _stories(cleaned.articles)
    seen: list[tuple[int, int]] = []
    one = brief_stories(stories=stories, articles=cleaned.articles, nlp=nlp, config=config)
    three = brief_stories(
        stories=stories, articles=cleaned.articles, nlp=nlp, config=config, processes=3,
        on_brief=lambda done, total: seen.append((done, total)),
    )
    assert [brief_to_dict(b) for b in three] == [brief_to_dict(b) for b in one]
    assert [b.story for b in three] == [s.id for s in story_order(stories)]
    assert seen == [(k, len(stories)) for k in range(1, len(stories) + 1)]


def test_the_cli_writes_the_same_brief_with_processes(tmp_path: Path, nlp: Any) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["brief", str(SEEDS), "--all", "--format", "json", "-o", str(one)]) == 0
    assert main(["brief", str(SEEDS), "--all", "--format", "json", "-o", str(two),
                 "--processes", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_processes_below_one_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["brief", str(SEEDS), "--processes", "0"])
    assert "--processes" in capsys.readouterr().err
    with pytest.raises(UsageError):
        api.brief(paths=[str(SEEDS)], processes=0)


def test_stories_parsed_in_one_batch_give_the_briefs_of_each_alone(nlp: Any) -> None:
    """Small stories' texts are parsed together (one process): the same briefs as one story
    at a time, whose texts are parsed on their own."""
    from crosswire.ingest import read_paths

    config = Config()
    cleaned = clean_all(docs=read_paths(paths=[str(SEEDS)], config=config.ingest), config=config)
    stories = story_order(_stories(cleaned.articles))
    together = brief_stories(stories=stories, articles=cleaned.articles, nlp=nlp, config=config)
    alone = [
        brief_stories(stories=[s], articles=cleaned.articles, nlp=nlp, config=config)[0]
        for s in stories
    ]
    assert [brief_to_dict(b) for b in together] == [brief_to_dict(b) for b in alone]
