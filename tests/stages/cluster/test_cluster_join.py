"""Off-topic segments join the story they are about, a report mostly about another story moves
there whole, the cut never empties a report; the centroid pass merges close groups."""

from __future__ import annotations

from crosswire.models import Article, Segment, Span, Story
from crosswire.pipeline.story import strip_off_topic
from crosswire.stages.cluster import ClusterConfig, cluster_articles, cluster_map_many
from crosswire.stages.cluster.join import settle_off_topic
from crosswire.stages.cluster.refine import merge_centroids
from crosswire.stages.cluster.segments import segment_story_id
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


COOKING = [
    "Bake the sourdough loaf at two hundred and thirty degrees for forty minutes until golden.",
    "Knead the dough with rye flour, salt and a spoon of honey, then let it rise overnight.",
    "A cast iron pot with its lid on keeps the steam in, and the crust turns crisp and dark.",
    "Slice the bread only once it has cooled on a rack for an hour, or the crumb turns gummy.",
]


def _settle(text: str, off_from: int) -> tuple[tuple[Story, ...], tuple[Segment, ...]]:
    """Stories {r1, r2, m} and {f1, f2}; m's text from ``off_from`` on judged off-topic."""
    articles = {
        "r1": Article(id="r1", text="\n".join(ON)),
        "r2": Article(id="r2", text="\n".join(reversed(ON))),
        "m": Article(id="m", text=text),
        "f1": Article(id="f1", text="\n".join(OFF)),
        "f2": Article(id="f2", text="\n".join(reversed(OFF))),
    }
    config = ClusterConfig()
    stories = (Story(id="s-rates", article_ids=("m", "r1", "r2")),
               Story(id="s-ball", article_ids=("f1", "f2")))
    span = Span("m", off_from, len(text))
    segment = Segment(span=span, story=segment_story_id(span=span), off_topic=True)
    return settle_off_topic(
        stories=stories, articles=articles, segments=[segment], config=config,
        sketches=cluster_map_many(articles=list(articles.values()), config=config),
        max_share=0.5,
    )


def _members(stories: tuple[Story, ...]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def test_a_report_mostly_about_another_story_moves_there_whole() -> None:
    text = "\n".join([ON[0], *OFF, *OFF[::-1]])
    stories, kept = _settle(text, len(ON[0]) + 1)
    assert _members(stories) == {frozenset({"r1", "r2"}), frozenset({"f1", "f2", "m"})}
    assert kept == ()


def test_a_report_about_no_story_of_the_pile_opens_its_own() -> None:
    text = "\n".join(["Weekend Baking", *COOKING])
    stories, kept = _settle(text, len("Weekend Baking") + 1)
    assert _members(stories) == {frozenset({"r1", "r2"}), frozenset({"f1", "f2"}),
                                 frozenset({"m"})}
    assert kept == ()


def test_a_report_the_sections_misjudge_stays_whole() -> None:
    text = "\n".join([ON[0], *ON[1:], *ON[::-1]])
    stories, kept = _settle(text, len(ON[0]) + 1)
    assert _members(stories) == {frozenset({"r1", "r2", "m"}), frozenset({"f1", "f2"})}
    assert kept == ()  # nothing is cut from it either


def test_a_short_off_topic_section_is_cut_but_never_the_lead() -> None:
    text = "\n".join([*ON, *ON[::-1], OFF[0]])
    stories, kept = _settle(text, len(text) - len(OFF[0]))
    assert _members(stories) == {frozenset({"r1", "r2", "m"}), frozenset({"f1", "f2"})}
    assert [k.span.start for k in kept] == [len(text) - len(OFF[0])]
    lead = "\n".join(ON)
    _, kept = _settle(lead + "\n" + "\n".join(ON[::-1]), 0)  # a segment holding the lead
    assert kept == ()


def test_the_cut_never_takes_the_lead_nor_more_than_half() -> None:
    text = "\n".join([*ON, OFF[0]])
    article = Article(id="m", text=text)

    def story(*spans: tuple[int, int]) -> Story:
        segs = tuple(Segment(span=Span("m", a, b), story="s-x", off_topic=True) for a, b in spans)
        return Story(id="s-m", article_ids=("m",), segments=segs)

    tail = (len(text) - len(OFF[0]), len(text))
    (cut,) = strip_off_topic(articles=[article], story=story(tail))
    assert cut.text == "\n".join(ON) and cut.removed[-1].reason == "off-topic"
    (same,) = strip_off_topic(articles=[article], story=story((0, len(ON[0]))))
    assert same.text == text  # the lead stays
    (whole,) = strip_off_topic(articles=[article], story=story((len(ON[0]) + 1, len(text))))
    assert whole.text == text  # more than half: nothing is cut
    (half,) = strip_off_topic(articles=[article], story=story(tail), max_share=0.0)
    assert half.text == text
