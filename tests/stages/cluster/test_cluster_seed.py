"""The seed reports form one story; 002's Zelenskyy/Putin and Gaza sections are off-topic."""

from __future__ import annotations

from pathlib import Path

from crosswire.models import Article
from crosswire.stages.cluster import ClusterConfig, SegmentConfig, cluster_articles, find_off_topic

SEEDS = Path(__file__).resolve().parents[3] / "examples" / "ishiba-visit"
OFF_TOPIC = (
    "Trump Hints at Meetings With Zelenskyy and Putin",
    "Trump Defends Gaza Proposal as \u2018Real Estate Transaction\u2019",
)
BODY_LINES = {OFF_TOPIC[0]: 4, OFF_TOPIC[1]: 5}


def _seed_articles() -> list[Article]:
    paths = sorted(SEEDS.glob("*.txt"))
    try:
        from crosswire.ingest import read_paths
        from crosswire.stages.clean import clean_document
    except ImportError:  # ingest/clean not there yet: the raw files
        return [Article(id=p.stem, text=p.read_text("utf-8")) for p in paths]
    out = []
    for doc in read_paths(paths=[str(p) for p in paths]):
        article = clean_document(doc=doc) if not hasattr(doc, "reason") else doc
        assert isinstance(article, Article), article
        out.append(article)
    return out


def _check_off_topic(articles: list[Article], segments: tuple) -> None:
    by_id = {a.id: a for a in articles}
    assert sorted(s.heading for s in segments) == sorted(OFF_TOPIC)
    for seg in segments:
        assert seg.off_topic
        assert seg.span.source.startswith("002")
        text = by_id[seg.span.source].text
        chunk = text[seg.span.start : seg.span.end]
        lines = chunk.split("\n")
        assert lines[0] == seg.heading
        assert len([ln for ln in lines[1:] if ln.strip()]) == BODY_LINES[seg.heading]
        # whole lines: starts at a line start, ends at a line end
        assert seg.span.start == 0 or text[seg.span.start - 1] == "\n"
        assert seg.span.end == len(text) or text[seg.span.end] == "\n"


def test_seeds_are_one_story_batch_and_incremental() -> None:
    articles = _seed_articles()
    for incremental in (False, True):
        stories = cluster_articles(articles=articles, incremental=incremental)
        assert len(stories) == 1
        assert set(stories[0].article_ids) == {a.id for a in articles}
        _check_off_topic(articles, stories[0].segments)
        for seg in stories[0].segments:
            assert seg.story != stories[0].id


def test_find_off_topic_on_seeds_alone() -> None:
    articles = _seed_articles()
    _check_off_topic(articles, find_off_topic(articles=articles, config=SegmentConfig()))


def test_default_config_is_frozen_and_shared() -> None:
    assert ClusterConfig() == ClusterConfig()
    assert ClusterConfig().segments == SegmentConfig()
