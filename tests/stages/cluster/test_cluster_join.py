"""Off-topic segments join the story they are about; the centroid pass merges close groups."""

from __future__ import annotations

from crosswire.models import Article
from crosswire.stages.cluster import ClusterConfig, cluster_articles
from crosswire.stages.cluster.refine import merge_centroids
from tests.stages.cluster.test_segment import OFF, ON


def test_off_topic_segment_joins_the_matching_story() -> None:
    mixed = "\n".join([*ON, "Football Team Beats Brazil in Lisbon", *OFF[:3], "Rates Outlook",
                       *ON[::-1]])
    articles = [
        Article(id="r1", text="\n".join(ON)),
        Article(id="r2", text="\n".join(reversed(ON))),
        Article(id="r4", text="\n".join(ON[1:])),
        Article(id="r3", text=mixed),
        Article(id="f1", text="\n".join(OFF)),
        Article(id="f2", text="\n".join(reversed(OFF))),
    ]
    stories = cluster_articles(articles=articles, config=ClusterConfig())
    by_member = {a: s for s in stories for a in s.article_ids}
    assert by_member["r1"] is by_member["r3"]
    assert by_member["f1"] is by_member["f2"]
    rates = by_member["r1"]
    assert len(rates.segments) == 1
    assert rates.segments[0].story == by_member["f1"].id


def test_merge_centroids_merges_close_groups_only() -> None:
    vectors = [{"a": 1.0}, {"a": 0.8, "b": 0.6}, {"c": 1.0}]
    config = ClusterConfig(refine_threshold=0.5, centroid_terms=10, index_terms=5,
                           max_posting=100, window_days=None)
    out = merge_centroids(vectors=vectors, days=[None] * 3, groups=[[0], [1], [2]],
                          config=config)
    assert out == [[0, 1], [2]]
    off = ClusterConfig(refine_threshold=None)  # the pass is off: the groups stay as they are
    assert merge_centroids(vectors=vectors, days=[None] * 3, groups=[[1], [2], [0]],
                           config=off) == [[0], [1], [2]]
